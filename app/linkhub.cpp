#include "app/linkhub.h"

#include "app/mainwindow.h"
#include "models/alertsmodel.h"
#include "models/historymodel.h"
#include "models/leaderboardmodel.h"
#include "models/traderactivitymodel.h"
#include "models/traderpositionsmodel.h"
#include "models/watchlistmodel.h"
#include "models/whalefeedmodel.h"
#include "views/docktitlebar.h"
#include "views/linkgroupbutton.h"

#include <QAbstractItemView>
#include <QAbstractProxyModel>
#include <QDockWidget>
#include <QItemSelectionModel>
#include <QSettings>
#include <QTimer>

#include <optional>

using namespace Qt::StringLiterals;

namespace longshot::app {

namespace {

// Docks that show or pick a trader or a market; the rest (storage, …) get a plain title bar.
QStringList linkableDocks() {
    return {PanelName::WhaleFeed, PanelName::History,       PanelName::Alerts,     PanelName::Watchlist,
            PanelName::Market,    PanelName::TraderProfile, PanelName::Leaderboard};
}

const QAbstractItemModel *sourceOf(const QAbstractItemModel *model) {
    while (const auto *proxy = qobject_cast<const QAbstractProxyModel *>(model))
        model = proxy->sourceModel();
    return model;
}

std::pair<LinkedTrader, LinkedMarket> fromTrade(const Trade &t) {
    LinkedTrader trader;
    if (!t.wallet.isEmpty())
        trader = {t.wallet.address(), t.traderLabel()};
    return {trader, LinkedMarket{t.venue, t.marketId, t.marketTitle}};
}

// Leading-edge throttle: the first value goes out at once, later ones within kSettleMs are
// held and only the last of them is delivered when the interval ends.
template <typename T> class Throttle final : public QObject {
public:
    Throttle(std::function<void(const T &)> deliver, QObject *parent)
        : QObject(parent)
        , m_deliver(std::move(deliver)) {
        m_timer.setSingleShot(true);
        m_timer.setInterval(LinkHub::kSettleMs);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            if (!m_pending)
                return;
            const T value = *std::exchange(m_pending, std::nullopt);
            m_timer.start();
            m_deliver(value);
        });
    }
    void push(const T &value) {
        if (m_timer.isActive()) {
            m_pending = value;
            return;
        }
        m_timer.start();
        m_deliver(value);
    }

private:
    std::function<void(const T &)> m_deliver;
    QTimer m_timer;
    std::optional<T> m_pending;
};

} // namespace

LinkHub::LinkHub(QSettings *store, MainWindow &window, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_window(window)
    , m_groups(new LinkGroups(this)) {
    adoptDocks();
}

LinkHub::~LinkHub() = default;

QString LinkHub::groupKey(const QString &dockName) {
    return u"ui/v1/links/%1/group"_s.arg(dockName);
}

LinkEndpoint *LinkHub::endpoint(const QString &dockName) {
    if (LinkEndpoint *existing = m_endpoints.value(dockName))
        return existing;
    const auto saved = linkGroupFromName(m_store->value(groupKey(dockName)).toString());
    auto *endpoint = new LinkEndpoint(m_groups, saved.value_or(kDefaultGroup), this);
    endpoint->setObjectName(dockName);
    m_endpoints.insert(dockName, endpoint);
    makeLinkable(dockName);
    return endpoint;
}

void LinkHub::onTrader(const QString &dockName, QObject *context,
                       std::function<void(const LinkedTrader &)> deliver) {
    auto *throttle = new Throttle<LinkedTrader>(std::move(deliver), context);
    connect(endpoint(dockName), &LinkEndpoint::traderSelected, throttle,
            [throttle](const LinkedTrader &trader) { throttle->push(trader); });
}

void LinkHub::onMarket(const QString &dockName, QObject *context,
                       std::function<void(const LinkedMarket &)> deliver) {
    auto *throttle = new Throttle<LinkedMarket>(std::move(deliver), context);
    connect(endpoint(dockName), &LinkEndpoint::marketSelected, throttle,
            [throttle](const LinkedMarket &market) { throttle->push(market); });
}

void LinkHub::publishFrom(const QString &dockName, QAbstractItemView *view) {
    if (!view || !view->selectionModel())
        return;
    for (const QPointer<QAbstractItemView> &known : std::as_const(m_publishing)) {
        if (known == view)
            return;
    }
    m_publishing << view;
    LinkEndpoint *link = endpoint(dockName);
    connect(view->selectionModel(), &QItemSelectionModel::currentRowChanged, link,
            [link](const QModelIndex &current) {
                if (!current.isValid())
                    return;
                const auto [trader, market] = selectionAt(current);
                link->publish(trader, market);
            });
}

void LinkHub::adoptDocks() {
    const QStringList linkable = linkableDocks();
    for (QDockWidget *dock : m_window.findChildren<QDockWidget *>(QString(), Qt::FindDirectChildrenOnly)) {
        if (dock->objectName().isEmpty())
            continue;
        if (!dock->titleBarWidget())
            dock->setTitleBarWidget(new views::DockTitleBar(dock));
        const bool linked = linkable.contains(dock->objectName()) || m_endpoints.contains(dock->objectName());
        if (!linked)
            continue;
        endpoint(dock->objectName());
        if (!dock->widget())
            continue;
        for (QAbstractItemView *view : dock->widget()->findChildren<QAbstractItemView *>())
            publishFrom(dock->objectName(), view);
    }
}

void LinkHub::makeLinkable(const QString &dockName) {
    QDockWidget *dock = m_window.panel(dockName);
    if (!dock)
        return;
    auto *bar = qobject_cast<views::DockTitleBar *>(dock->titleBarWidget());
    if (!bar) {
        if (dock->titleBarWidget())
            return; // someone else's title bar: leave it alone
        bar = new views::DockTitleBar(dock);
        dock->setTitleBarWidget(bar);
    }
    if (bar->findChild<views::LinkGroupButton *>())
        return;
    LinkEndpoint *link = m_endpoints.value(dockName);
    auto *button = new views::LinkGroupButton(bar);
    button->setGroup(link->group());
    bar->addLeadingWidget(button);
    connect(button, &views::LinkGroupButton::groupChosen, link, &LinkEndpoint::setGroup);
    connect(link, &LinkEndpoint::groupChanged, button, &views::LinkGroupButton::setGroup);
    connect(link, &LinkEndpoint::groupChanged, this,
            [this, dockName](LinkGroup group) { saveGroup(dockName, group); });
}

void LinkHub::saveGroup(const QString &dockName, LinkGroup group) {
    m_store->setValue(groupKey(dockName), linkGroupName(group));
    m_store->sync();
}

std::pair<LinkedTrader, LinkedMarket> LinkHub::selectionAt(const QModelIndex &index) {
    const QAbstractItemModel *model = index.model();
    if (!model)
        return {};
    const QAbstractItemModel *source = sourceOf(model);
    if (qobject_cast<const WhaleFeedModel *>(source) || qobject_cast<const HistoryModel *>(source))
        return fromTrade(index.data(WhaleFeedModel::TradeRole).value<Trade>());
    if (qobject_cast<const AlertsModel *>(source))
        return fromTrade(index.data(AlertsModel::AlertRole).value<FiredAlert>().trade);
    if (qobject_cast<const WatchlistModel *>(source)) {
        const QString id = index.data(WatchlistModel::IdRole).toString();
        const QString name =
            index.siblingAtColumn(int(WatchlistModel::Column::Name)).data(Qt::DisplayRole).toString();
        if (WatchlistModel::Kind(index.data(WatchlistModel::KindRole).toInt()) ==
            WatchlistModel::Kind::Wallet)
            return {LinkedTrader{id, name}, {}};
        // Polymarket markets are 0x condition ids; anything else is a Kalshi ticker.
        const Venue venue = id.startsWith(u"0x"_s) ? Venue::Polymarket : Venue::Kalshi;
        return {{}, LinkedMarket{venue, id, name}};
    }

    if (qobject_cast<const LeaderboardModel *>(source)) {
        const QString name =
            index.siblingAtColumn(int(LeaderboardModel::Column::Trader)).data(Qt::DisplayRole).toString();
        return {LinkedTrader{index.data(LeaderboardModel::WalletRole).toString(), name}, {}};
    }
    // A profile's positions and activity are Polymarket markets by condition id.
    if (const auto *positions = qobject_cast<const TraderPositionsModel *>(source)) {
        const int column = positions->columnOf(TraderPositionsModel::Field::Market);
        const QString title =
            column < 0 ? QString() : index.siblingAtColumn(column).data(Qt::DisplayRole).toString();
        return {{},
                LinkedMarket{Venue::Polymarket, index.data(TraderPositionsModel::ConditionIdRole).toString(),
                             title}};
    }
    if (qobject_cast<const TraderActivityModel *>(source)) {
        const QString title =
            index.siblingAtColumn(int(TraderActivityModel::Column::Market)).data(Qt::DisplayRole).toString();
        return {{},
                LinkedMarket{Venue::Polymarket, index.data(TraderActivityModel::ConditionIdRole).toString(),
                             title}};
    }

    // Any other model joins by naming its roles.
    const QHash<int, QByteArray> names = model->roleNames();
    const auto value = [&](const QByteArray &name) -> QVariant {
        const int role = names.key(name, -1);
        return role < 0 ? QVariant() : index.data(role);
    };
    if (const QVariant trade = value("trade"); trade.canConvert<Trade>())
        return fromTrade(trade.value<Trade>());
    LinkedTrader trader{value("wallet").toString(), value("traderLabel").toString()};
    LinkedMarket market;
    market.marketId = value("marketId").toString();
    market.title = value("marketTitle").toString();
    if (const auto venue = venueFromName(value("venue").toString()))
        market.venue = *venue;
    else if (const int number = value("venue").toInt(); number == int(Venue::Kalshi))
        market.venue = Venue::Kalshi;
    return {trader, market};
}

} // namespace longshot::app
