#pragma once

#include <QByteArray>
#include <QObject>
#include <QStringList>

class QMenu;
class QSettings;
class QWidget;

namespace longshot::app {

class MainWindow;

// Named dock layouts on top of the window's LayoutManager: the user's own (save, switch,
// rename, delete) and three presets built from the default layout. Saved states carry the
// layout version, so one from an older set of panels, or a corrupt one, is refused and the
// default layout applied instead. Kept in the settings file under "ui/v1/workspaces".
class Workspaces final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Workspaces)
public:
    enum class Preset : quint8 { WhaleWatch = 1, Research, OfflineReview };
    static QString presetName(Preset preset);
    static QList<Preset> presets();

    // `store` must outlive this object.
    Workspaces(QSettings *store, MainWindow &window, QObject *parent = nullptr);
    ~Workspaces() override;

    QStringList names() const; // the user's workspaces, in the order saved
    QString current() const;   // last switched to or saved; empty for none
    bool contains(const QString &name) const;

    // Saves the current layout under name (replacing one of that name). False for an empty name.
    bool save(const QString &name);
    // Applies the named workspace; false when unknown or its state was refused (the default
    // layout is then in place).
    bool switchTo(const QString &name);
    bool rename(const QString &from, const QString &to);
    bool remove(const QString &name);
    void applyPreset(Preset preset);

    // Raw access for tests of corrupt data.
    QByteArray storedState(const QString &name) const;
    void setStoredState(const QString &name, const QByteArray &state);

    // View > Workspaces: presets, saved workspaces, Save As…, Rename…, Delete…; rebuilt on show.
    QMenu *createMenu(QWidget *parent);

Q_SIGNALS:
    void changed();

private:
    struct Item {
        QString name;
        QByteArray state;
    };
    QList<Item> read() const;
    void write(const QList<Item> &items);
    void setCurrent(const QString &name);
    void fillMenu(QMenu *menu);

    QSettings *m_store;
    MainWindow &m_window;
};

} // namespace longshot::app
