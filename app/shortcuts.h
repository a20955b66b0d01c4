#pragma once

#include <QKeySequence>
#include <QList>
#include <QString>

class QAction;
class QDialog;
class QMenu;
class QWidget;

namespace longshot::app {

class MainWindow;

struct ShortcutEntry {
    QString action; // menu text without '&'
    QKeySequence keys;
    friend bool operator==(const ShortcutEntry &, const ShortcutEntry &) = default;
};

// Alt+1 … Alt+9 show, raise and focus the panels in View > Panels order; the actions go into
// that menu's entries so they are listed with the rest. Returns the actions added.
QList<QAction *> installPanelShortcuts(MainWindow &window);

// Every action with a shortcut reachable from the window (menus and widget actions), sorted by
// menu text; what Help > Keyboard Shortcuts lists.
QList<ShortcutEntry> collectShortcuts(const QWidget &window);

// A read-only two-column table of collectShortcuts(window). Caller owns the dialog.
QDialog *createShortcutsDialog(QWidget &window);

// The window's top-level menu whose title is `title` without '&' (e.g. "File"), or nullptr.
QMenu *topLevelMenu(const MainWindow &window, const QString &title);

} // namespace longshot::app
