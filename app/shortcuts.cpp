#include "app/shortcuts.h"

#include "app/mainwindow.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QHeaderView>
#include <QMenu>
#include <QMenuBar>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace longshot::app {

namespace {

QString plain(QString text) {
    text.remove(u'&');
    text.remove(u'…');
    return text.trimmed();
}

} // namespace

QMenu *topLevelMenu(const MainWindow &window, const QString &title) {
    for (QAction *action : window.menuBar()->actions()) {
        if (action->menu() && plain(action->text()) == title)
            return action->menu();
    }
    return nullptr;
}

QList<QAction *> installPanelShortcuts(MainWindow &window) {
    QList<QAction *> added;
    const QList<QDockWidget *> docks =
        window.findChildren<QDockWidget *>(QString(), Qt::FindDirectChildrenOnly);
    int n = 0;
    for (QDockWidget *dock : docks) {
        if (++n > 9)
            break;
        auto *action = new QAction(QObject::tr("Go to %1").arg(dock->windowTitle()), &window);
        action->setObjectName(u"actionFocus_"_s + dock->objectName());
        action->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_0 + n)));
        action->setShortcutContext(Qt::ApplicationShortcut);
        window.addAction(action);
        QObject::connect(action, &QAction::triggered, dock, [dock] {
            dock->show();
            dock->raise();
            if (QWidget *content = dock->widget()) {
                content->setFocus(Qt::ShortcutFocusReason);
                // Focus the first focusable child, typically the table.
                if (QWidget *next = content->nextInFocusChain(); next && content->isAncestorOf(next))
                    next->setFocus(Qt::ShortcutFocusReason);
            }
        });
        added << action;
    }
    return added;
}

QList<ShortcutEntry> collectShortcuts(const QWidget &window) {
    QList<ShortcutEntry> entries;
    const auto add = [&entries](const QAction *action) {
        if (action->shortcut().isEmpty() || action->text().isEmpty())
            return;
        const ShortcutEntry e{plain(action->text()), action->shortcut()};
        if (!entries.contains(e))
            entries << e;
    };
    for (const QAction *action : window.findChildren<QAction *>())
        add(action);
    std::sort(entries.begin(), entries.end(), [](const ShortcutEntry &a, const ShortcutEntry &b) {
        return a.action.localeAwareCompare(b.action) < 0;
    });
    return entries;
}

QDialog *createShortcutsDialog(QWidget &window) {
    auto *dialog = new QDialog(&window);
    dialog->setObjectName(u"shortcutsDialog"_s);
    dialog->setWindowTitle(QObject::tr("Keyboard Shortcuts"));
    const QList<ShortcutEntry> entries = collectShortcuts(window);
    auto *table = new QTableWidget(int(entries.size()), 2, dialog);
    table->setObjectName(u"shortcutsTable"_s);
    table->setHorizontalHeaderLabels({QObject::tr("Action"), QObject::tr("Shortcut")});
    table->verticalHeader()->setVisible(false);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    for (int r = 0; r < entries.size(); ++r) {
        table->setItem(r, 0, new QTableWidgetItem(entries[r].action));
        table->setItem(r, 1, new QTableWidgetItem(entries[r].keys.toString(QKeySequence::NativeText)));
    }
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table->resizeColumnToContents(1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(table);
    layout->addWidget(buttons);
    dialog->resize(460, 520);
    return dialog;
}

} // namespace longshot::app
