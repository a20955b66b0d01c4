#include "app/tradersync.h"

#include "app/logging.h"
#include "app/tradersyncdata.h"
#include "storage/traderstoreworker.h"

#include <QCoreApplication>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace longshot::app {

TraderSyncConfig traderSyncConfigFrom(const CommandLineOptions &options,
                                      const storage::DatabaseConfig &database) {
    TraderSyncConfig config;
    config.database = database;
    config.runner.fetch.dataApi = options.endpoint(EndpointKey::PolymarketData, config.runner.fetch.dataApi);
    config.runner.fetch.gammaApi =
        options.endpoint(EndpointKey::PolymarketGamma, config.runner.fetch.gammaApi);
    config.markets.gammaApi = config.runner.fetch.gammaApi;
    // Two clients share gamma's 300 requests per 10 s: the tape's market sync takes its small
    // budget out of the trader sync's, so together they stay within the documented limit.
    config.runner.gamma.requests =
        std::max(1, config.runner.gamma.requests - std::max(1, config.markets.requestsPer10s));
    // Kalshi's markets come from where the Kalshi feed polls (--demo: the simulator), and not at
    // all when the endpoints were redirected without Kalshi, as the feed itself decides.
    if (!options.endpoints.isEmpty() && !options.endpoints.contains(EndpointKey::KalshiRest)) {
        config.markets.kalshiApi = QUrl();
    } else {
        config.markets.kalshiApi = options.kalshiRestEndpoint(config.markets.kalshiApi);
    }
    return config;
}

TraderSync::TraderSync(TraderSyncConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config)) {
    m_runner = m_netThread.adopt(new net::SyncRunner(m_config.runner));
    m_store = m_storageThread.adopt(new storage::TraderStoreWorker(m_config.database));
    m_markets = std::make_unique<MarketMetadataSync>(m_config.markets, m_store);
    wire();
}

TraderSync::~TraderSync() {
    stop();
}

void TraderSync::wire() {
    // net -> storage directly, queued, converted on the storage thread: a burst of synced
    // wallets never passes through the GUI's event loop.
    connect(
        m_runner, &net::SyncRunner::snapshotReady, m_store,
        [store = m_store](const net::TraderSnapshot &snapshot) { store->save(toSyncData(snapshot)); },
        Qt::QueuedConnection);
    connect(
        m_runner, &net::SyncRunner::leaderboardFetched, m_store,
        [store = m_store](const QString &period, const QList<net::LeaderboardRow> &rows, qint64 fetchedMs) {
            store->saveLeaderboard(period, toOfficialLeaderboard(rows), fetchedMs);
        },
        Qt::QueuedConnection);
    // A restart resumes each stored wallet's pace.
    connect(
        m_store, &storage::TraderStoreWorker::knownTraders, m_runner,
        [runner = m_runner](const QList<storage::TraderSyncState> &states) {
            runner->restore(toKnownWallets(states));
        },
        Qt::QueuedConnection);

    // Back to this object's thread, as values.
    connect(
        m_runner, &net::SyncRunner::jobStarted, this,
        [this](const Wallet &wallet, net::SyncLane lane, qint64 waitedMs) {
            emit syncStarted(wallet, lane == net::SyncLane::Fast, waitedMs);
        },
        Qt::QueuedConnection);
    connect(m_runner, &net::SyncRunner::progress, this, &TraderSync::syncProgress, Qt::QueuedConnection);
    connect(
        m_runner, &net::SyncRunner::snapshotReady, this,
        [this](const net::TraderSnapshot &snapshot) { emit syncProgress(snapshot.wallet, u"saving"_s); },
        Qt::QueuedConnection);
    connect(m_runner, &net::SyncRunner::failed, this, &TraderSync::syncFailed, Qt::QueuedConnection);
    connect(m_store, &storage::TraderStoreWorker::opened, this, &TraderSync::storageOpened,
            Qt::QueuedConnection);
    connect(m_store, &storage::TraderStoreWorker::traderSaved, this, &TraderSync::traderSaved,
            Qt::QueuedConnection);
    connect(
        m_store, &storage::TraderStoreWorker::saveFailed, this,
        [this](const Wallet &wallet, const QString &reason) {
            emit syncFailed(wallet, u"cannot store: "_s + reason);
        },
        Qt::QueuedConnection);
    connect(m_store, &storage::TraderStoreWorker::leaderboardSaved, this, &TraderSync::leaderboardUpdated,
            Qt::QueuedConnection);
    connect(m_store, &storage::TraderStoreWorker::figuresRefreshed, this, &TraderSync::figuresRefreshed,
            Qt::QueuedConnection);

    // The log says what the sync did when nobody watches the docks (collector boxes, --demo).
    connect(this, &TraderSync::storageOpened, this, [](bool ok, const QString &message) {
        if (ok)
            qCInfo(lcApp).noquote() << "trader sync: storing to" << message;
        else
            qCWarning(lcApp).noquote() << "trader sync: storage unavailable:" << message;
    });
    connect(this, &TraderSync::syncFailed, this, [](const Wallet &wallet, const QString &reason) {
        qCInfo(lcApp).noquote() << "trader sync:" << wallet.address() << "failed:" << reason;
    });
    connect(this, &TraderSync::leaderboardUpdated, this,
            [](const QString &period, const storage::OfficialLeaderboard &rows, qint64) {
                qCInfo(lcApp).noquote()
                    << "trader sync: Polymarket leaderboard" << period << rows.size() << "rows";
            });
}

void TraderSync::start() {
    if (m_started)
        return;
    m_started = true;
    m_storageThread.start();
    m_netThread.start();
    QMetaObject::invokeMethod(m_store, &storage::TraderStoreWorker::open, Qt::QueuedConnection);
    QMetaObject::invokeMethod(m_runner, &net::SyncRunner::start, Qt::QueuedConnection);
    m_markets->start(); // its store requests queue behind open()
    if (!m_followed.isEmpty())
        setFollowed(m_followed);
}

void TraderSync::stop() {
    if (!m_started)
        return;
    m_started = false;
    m_markets->stop();
    // Fetching stops first; whatever it already handed to the store is then written before
    // the storage thread goes.
    QMetaObject::invokeMethod(m_runner, &net::SyncRunner::stop, Qt::BlockingQueuedConnection);
    m_netThread.stop();
    QMetaObject::invokeMethod(m_store, &storage::TraderStoreWorker::close, Qt::BlockingQueuedConnection);
    m_storageThread.stop();
}

void TraderSync::requestSync(const Wallet &wallet, bool fast) {
    if (wallet.isEmpty() || !m_started)
        return;
    const net::SyncLane lane = fast ? net::SyncLane::Fast : net::SyncLane::Bulk;
    QMetaObject::invokeMethod(
        m_runner, [runner = m_runner, wallet, lane] { runner->requestSync(wallet, lane); },
        Qt::QueuedConnection);
}

void TraderSync::setFollowed(const QList<Wallet> &wallets) {
    m_followed = wallets;
    if (!m_started)
        return;
    QMetaObject::invokeMethod(
        m_runner, [runner = m_runner, wallets] { runner->prioritize(wallets); }, Qt::QueuedConnection);
}

void TraderSync::discover(const QList<Wallet> &wallets) {
    if (wallets.isEmpty() || !m_started)
        return;
    QMetaObject::invokeMethod(
        m_runner, [runner = m_runner, wallets] { runner->discover(wallets); }, Qt::QueuedConnection);
}

void TraderSync::fetchLeaderboardNow() {
    if (m_started)
        QMetaObject::invokeMethod(m_runner, &net::SyncRunner::fetchLeaderboard, Qt::QueuedConnection);
}

void TraderSync::observeTrades(const TradeBatch &batch) {
    if (!m_started)
        return;
    QList<Wallet> fresh;
    for (const Trade &t : batch) {
        if (t.venue != Venue::Polymarket || t.wallet.isEmpty() || m_discovered.contains(t.wallet.address()))
            continue;
        const std::optional<Decimal> notional = t.notional();
        if (!notional || *notional < m_config.discoverMinUsd)
            continue;
        m_discovered.insert(t.wallet.address());
        fresh.append(t.wallet);
    }
    discover(fresh);
}

} // namespace longshot::app
