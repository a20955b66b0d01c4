#pragma once

#include "models/linkgroups.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>
#include <utility>

class QAbstractItemView;
class QModelIndex;
class QSettings;

namespace longshot::app {

class MainWindow;

// Colour links between the window's docks. Each linkable dock has a LinkEndpoint in the group
// the user chose with the colour button in its title bar (saved per dock under
// "ui/v1/links/<dock objectName>"). Tables in a linkable dock publish the trader and market of
// their current row; docks that show a trader or a market subscribe through onTrader() and
// onMarket(). Every dock in the window gets the same title bar, linked or not, so they look alike.
class LinkHub final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LinkHub)
public:
    // Until a dock's group is chosen it is in this one, so the feed drives the market and
    // profile docks out of the box.
    static constexpr LinkGroup kDefaultGroup = LinkGroup::Blue;
    // Linked sinks hear at most one selection per this interval, the latest winning:
    // arrowing down the tape must not open a market per row.
    static constexpr int kSettleMs = 150;

    // `store` must outlive this object.
    LinkHub(QSettings *store, MainWindow &window, QObject *parent = nullptr);
    ~LinkHub() override;

    LinkGroups *groups() const { return m_groups; }
    // The dock's end of its link, created on first use in its saved group; the dock becomes
    // linkable (a colour button in its title bar, its tables publish).
    LinkEndpoint *endpoint(const QString &dockName);
    // Sinks: `deliver` runs with the dock's linked trader or market, throttled to kSettleMs.
    void onTrader(const QString &dockName, QObject *context,
                  std::function<void(const LinkedTrader &)> deliver);
    void onMarket(const QString &dockName, QObject *context,
                  std::function<void(const LinkedMarket &)> deliver);
    // Sources: the view publishes its current row in the dock's group. Linkable docks' tables
    // are picked up by adoptDocks(); this is for views outside a dock's widget tree.
    void publishFrom(const QString &dockName, QAbstractItemView *view);
    // Title bars for every dock, colour buttons and publishing tables for the linkable ones.
    // Panels whose content is replaced later are picked up by calling it again.
    void adoptDocks();

    static QString groupKey(const QString &dockName);
    // What a row selects: a trade (whale feed, history, market trades), an alert's trade, a
    // watchlist entry, or any model whose roleNames() include "wallet" and/or "marketId"
    // ("venue", "marketTitle" and "traderLabel" complete them when present).
    static std::pair<LinkedTrader, LinkedMarket> selectionAt(const QModelIndex &index);

private:
    void makeLinkable(const QString &dockName);
    void saveGroup(const QString &dockName, LinkGroup group);

    QSettings *m_store;
    MainWindow &m_window;
    LinkGroups *m_groups;
    QHash<QString, LinkEndpoint *> m_endpoints;
    QList<QPointer<QAbstractItemView>> m_publishing;
};

} // namespace longshot::app
