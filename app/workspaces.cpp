#include "app/workspaces.h"

#include "app/layoutmanager.h"
#include "app/mainwindow.h"

#include <QDockWidget>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace longshot::app {

namespace {

const QString kGroup = u"ui/v1/workspaces"_s;
const QString kCurrent = u"ui/v1/workspaces/current"_s;

} // namespace

QString Workspaces::presetName(Preset preset) {
    switch (preset) {
    case Preset::WhaleWatch:
        return tr("Whale watch");
    case Preset::Research:
        return tr("Research");
    case Preset::OfflineReview:
        return tr("Offline review");
    }
    return {};
}

QList<Workspaces::Preset> Workspaces::presets() {
    return {Preset::WhaleWatch, Preset::Research, Preset::OfflineReview};
}

Workspaces::Workspaces(QSettings *store, MainWindow &window, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_window(window) {}

Workspaces::~Workspaces() = default;

QList<Workspaces::Item> Workspaces::read() const {
    QList<Item> items;
    const int n = m_store->beginReadArray(kGroup + u"/list"_s);
    for (int i = 0; i < n; ++i) {
        m_store->setArrayIndex(i);
        const QString name = m_store->value(u"name"_s).toString();
        const QVariant state = m_store->value(u"state"_s);
        if (!name.isEmpty())
            items << Item{name, state.typeId() == QMetaType::QByteArray ? state.toByteArray() : QByteArray()};
    }
    m_store->endArray();
    return items;
}

void Workspaces::write(const QList<Item> &items) {
    m_store->remove(kGroup + u"/list"_s);
    m_store->beginWriteArray(kGroup + u"/list"_s, int(items.size()));
    for (int i = 0; i < items.size(); ++i) {
        m_store->setArrayIndex(i);
        m_store->setValue(u"name"_s, items[i].name);
        m_store->setValue(u"state"_s, items[i].state);
    }
    m_store->endArray();
    m_store->sync();
    Q_EMIT changed();
}

QStringList Workspaces::names() const {
    QStringList out;
    for (const Item &i : read())
        out << i.name;
    return out;
}

QString Workspaces::current() const {
    return m_store->value(kCurrent).toString();
}

void Workspaces::setCurrent(const QString &name) {
    m_store->setValue(kCurrent, name);
}

bool Workspaces::contains(const QString &name) const {
    return names().contains(name);
}

bool Workspaces::save(const QString &name) {
    const QString clean = name.trimmed();
    if (clean.isEmpty())
        return false;
    QList<Item> items = read();
    const QByteArray state = m_window.saveLayout();
    bool replaced = false;
    for (Item &i : items) {
        if (i.name == clean) {
            i.state = state;
            replaced = true;
        }
    }
    if (!replaced)
        items << Item{clean, state};
    write(items);
    setCurrent(clean);
    return true;
}

bool Workspaces::switchTo(const QString &name) {
    for (const Preset p : presets()) {
        if (presetName(p) == name) {
            applyPreset(p);
            setCurrent(name);
            return true;
        }
    }
    for (const Item &i : read()) {
        if (i.name == name) {
            const bool applied = m_window.restoreLayout(i.state);
            setCurrent(applied ? name : QString());
            return applied;
        }
    }
    return false;
}

bool Workspaces::rename(const QString &from, const QString &to) {
    const QString clean = to.trimmed();
    QList<Item> items = read();
    if (clean.isEmpty() || from == clean || names().contains(clean))
        return false;
    for (Item &i : items) {
        if (i.name == from) {
            i.name = clean;
            write(items);
            if (current() == from)
                setCurrent(clean);
            return true;
        }
    }
    return false;
}

bool Workspaces::remove(const QString &name) {
    QList<Item> items = read();
    const qsizetype removed = items.removeIf([&name](const Item &i) { return i.name == name; });
    if (!removed)
        return false;
    write(items);
    if (current() == name)
        setCurrent({});
    return true;
}

QByteArray Workspaces::storedState(const QString &name) const {
    for (const Item &i : read()) {
        if (i.name == name)
            return i.state;
    }
    return {};
}

void Workspaces::setStoredState(const QString &name, const QByteArray &state) {
    QList<Item> items = read();
    for (Item &i : items) {
        if (i.name == name)
            i.state = state;
    }
    write(items);
}

void Workspaces::applyPreset(Preset preset) {
    m_window.resetLayout();
    const auto dock = [this](const QString &name) { return m_window.panel(name); };
    const auto show = [&dock](const QString &name, bool shown) {
        if (QDockWidget *d = dock(name))
            d->setVisible(shown);
    };
    QDockWidget *feed = dock(PanelName::WhaleFeed);
    QDockWidget *history = dock(PanelName::History);
    QDockWidget *alerts = dock(PanelName::Alerts);
    QDockWidget *watchlist = dock(PanelName::Watchlist);
    QDockWidget *profile = dock(PanelName::TraderProfile);
    QDockWidget *market = dock(PanelName::Market);
    QDockWidget *leaderboard = dock(PanelName::Leaderboard);
    switch (preset) {
    case Preset::WhaleWatch:
        // The tape large, what fires beside it; research panels out of the way.
        if (feed && alerts && watchlist && profile && history && market && leaderboard) {
            // splitDockWidget() on a tabbed dock adds a tab rather than a neighbour (as Qt
            // documents), which left every panel of this preset in one tab group off screen:
            // take the docks out of their groups and place them again.
            for (QDockWidget *d : {history, leaderboard, market, alerts, watchlist, profile})
                m_window.removeDockWidget(d);
            m_window.addDockWidget(Qt::RightDockWidgetArea, alerts);
            m_window.splitDockWidget(alerts, watchlist, Qt::Vertical);
            m_window.tabifyDockWidget(watchlist, profile);
            // The hidden panels keep a sensible place for when View > Panels brings them back.
            m_window.addDockWidget(Qt::LeftDockWidgetArea, history);
            m_window.tabifyDockWidget(feed, history);
            m_window.tabifyDockWidget(feed, leaderboard);
            m_window.tabifyDockWidget(profile, market);
            for (QDockWidget *d : {alerts, watchlist, profile})
                d->show();
            for (QDockWidget *d : {history, leaderboard, market})
                d->hide();
            feed->raise();
            watchlist->raise();
            m_window.resizeDocks({feed, alerts}, {m_window.width() * 64 / 100, m_window.width() * 36 / 100},
                                 Qt::Horizontal);
            m_window.resizeDocks({alerts, watchlist}, {m_window.height() / 2, m_window.height() / 2},
                                 Qt::Vertical);
        }
        break;
    case Preset::Research:
        // A trader and a market side by side over their trades.
        show(PanelName::Alerts, false);
        show(PanelName::Watchlist, false);
        if (history && profile && market && feed) {
            history->raise();
            profile->raise();
            m_window.resizeDocks({feed, profile}, {m_window.width() / 2, m_window.width() / 2},
                                 Qt::Horizontal);
        }
        break;
    case Preset::OfflineReview:
        // No live tape: stored history, the alerts that fired, and who made them.
        show(PanelName::WhaleFeed, false);
        show(PanelName::Leaderboard, false);
        if (history && alerts && profile) {
            history->show();
            history->raise();
            alerts->show();
            alerts->raise();
        }
        break;
    }
}

QMenu *Workspaces::createMenu(QWidget *parent) {
    auto *menu = new QMenu(tr("&Workspaces"), parent);
    menu->setObjectName(u"menuWorkspaces"_s);
    connect(menu, &QMenu::aboutToShow, this, [this, menu] { fillMenu(menu); });
    fillMenu(menu);
    return menu;
}

void Workspaces::fillMenu(QMenu *menu) {
    menu->clear();
    const QString now = current();
    const auto entry = [this, menu, &now](const QString &name) {
        QAction *a = menu->addAction(name);
        a->setCheckable(true);
        a->setChecked(name == now);
        connect(a, &QAction::triggered, this, [this, name] {
            if (!switchTo(name))
                QMessageBox::warning(&m_window, tr("Workspace"),
                                     tr("The workspace “%1” could not be restored (it was saved by another "
                                        "version or is damaged); the default layout is shown instead.")
                                         .arg(name));
        });
    };
    for (const Preset p : presets())
        entry(presetName(p));
    const QStringList mine = names();
    if (!mine.isEmpty())
        menu->addSeparator();
    for (const QString &name : mine)
        entry(name);
    menu->addSeparator();
    QAction *saveAs = menu->addAction(tr("Save Current Layout As…"));
    connect(saveAs, &QAction::triggered, this, [this] {
        const QString name = QInputDialog::getText(&m_window, tr("Save Workspace"), tr("Name:"));
        if (!name.trimmed().isEmpty())
            save(name);
    });
    QAction *renameAction = menu->addAction(tr("Rename…"));
    renameAction->setEnabled(!mine.isEmpty());
    connect(renameAction, &QAction::triggered, this, [this, mine] {
        bool ok = false;
        const QString from =
            QInputDialog::getItem(&m_window, tr("Rename Workspace"), tr("Workspace:"), mine, 0, false, &ok);
        if (!ok)
            return;
        const QString to = QInputDialog::getText(&m_window, tr("Rename Workspace"), tr("New name:"),
                                                 QLineEdit::Normal, from, &ok);
        if (ok)
            rename(from, to);
    });
    QAction *deleteAction = menu->addAction(tr("Delete…"));
    deleteAction->setEnabled(!mine.isEmpty());
    connect(deleteAction, &QAction::triggered, this, [this, mine] {
        bool ok = false;
        const QString name =
            QInputDialog::getItem(&m_window, tr("Delete Workspace"), tr("Workspace:"), mine, 0, false, &ok);
        if (ok)
            remove(name);
    });
}

} // namespace longshot::app
