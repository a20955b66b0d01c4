#include "storage/traderstoreworker.h"

#include "storage/connection.h"
#include "storage/migrations.h"

#include <QDebug>
#include <QThread>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace longshot::storage {

namespace {
// The feed writer migrates the same file at start-up, one transaction per version; while it
// is part-way through, our migrate() loses the race at every step. Wait it out (this thread
// only).
constexpr int kMigrateAttempts = 40;
constexpr int kMigrateRetryMs = 150;
// Marks move with every sync; holders are revalued once the burst of saves pauses, a bounded
// batch per transaction so a sync's save never waits long behind them.
constexpr int kStaleDelayMs = 1'000;
constexpr int kStaleBatch = 200;
constexpr int kStaleRounds = 100; // batches in a row: 20,000 wallets

QStringList marketIds(const MarketList &markets) {
    QStringList ids;
    ids.reserve(markets.size());
    for (const Market &m : markets)
        ids.append(m.marketId);
    return ids;
}
} // namespace

TraderStoreWorker::TraderStoreWorker(DatabaseConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_retryTimer(new QTimer(this))
    , m_staleTimer(new QTimer(this)) {
    m_retryTimer->setSingleShot(true);
    connect(m_retryTimer, &QTimer::timeout, this, &TraderStoreWorker::drain);
    m_staleTimer->setSingleShot(true);
    m_staleTimer->setInterval(kStaleDelayMs);
    connect(m_staleTimer, &QTimer::timeout, this, &TraderStoreWorker::refreshStale);
}

TraderStoreWorker::~TraderStoreWorker() {
    close();
}

void TraderStoreWorker::setRetryDelays(int firstMs, int attempts) {
    m_retryFirstMs = std::max(1, firstMs);
    m_retryAttempts = std::max(1, attempts);
}

void TraderStoreWorker::open() {
    close();
    m_connection = std::make_unique<Connection>(m_config, u"trader-sync"_s);
    std::optional<StorageError> error = m_connection->open();
    // Whoever loses the race finds the tables there on a later look, since migrate() reads
    // the version again each time.
    for (int attempt = 0; !error && attempt < kMigrateAttempts; ++attempt) {
        error = migrate(*m_connection);
        if (!error || error->kind == StorageError::Kind::NewerSchema || attempt + 1 == kMigrateAttempts)
            break;
        error.reset();
        QThread::msleep(kMigrateRetryMs);
    }
    if (error) {
        m_connection.reset();
        emit opened(false, describe(*error));
        return;
    }
    m_store = std::make_unique<TraderStore>(*m_connection);
    emit opened(true, m_config.describe());
    m_staleTimer->start(kStaleDelayMs); // marks may have moved while we were closed
    QList<TraderSyncState> states;
    if (auto e = loadTraderSyncStates(*m_connection, &states))
        qWarning().noquote() << "trader sync: cannot read the stored sync states:" << describe(*e);
    else
        emit knownTraders(states);
    drain();
}

void TraderStoreWorker::close() {
    m_retryTimer->stop();
    m_staleTimer->stop();
    m_store.reset();
    m_connection.reset();
}

void TraderStoreWorker::save(const TraderSyncData &data) {
    Pending p;
    p.trader = data;
    enqueue(std::move(p));
}

void TraderStoreWorker::saveLeaderboard(const QString &period, const OfficialLeaderboard &rows,
                                        qint64 fetchedMs) {
    Pending p;
    p.period = period;
    p.board = rows;
    p.fetchedMs = fetchedMs;
    enqueue(std::move(p));
}

void TraderStoreWorker::saveMarkets(const MarketList &markets, qint64 fetchedMs) {
    Pending p;
    p.markets = markets;
    p.fetchedMs = fetchedMs;
    enqueue(std::move(p));
}

void TraderStoreWorker::checkMarkets(Venue venue, const QStringList &ids, qint64 sinceMs) {
    QStringList fresh;
    if (!m_store) {
        emit marketsChecked(venue, ids, fresh);
        return;
    }
    if (auto e = m_store->marketsReadSince(venue, ids, sinceMs, &fresh)) {
        qWarning().noquote() << "market sync: cannot read the stored markets' age:" << describe(*e);
        fresh.clear();
    }
    emit marketsChecked(venue, ids, fresh);
}

void TraderStoreWorker::enqueue(Pending pending) {
    m_pending.push_back(std::move(pending));
    if (!m_retryTimer->isActive())
        drain();
}

std::optional<StorageError> TraderStoreWorker::write(const Pending &pending) {
    if (!m_store)
        return StorageError{StorageError::Kind::Open, u"the trader database is not open"_s};
    if (pending.trader) {
        TraderSummary summary;
        if (auto e = m_store->save(*pending.trader, &summary))
            return e;
        m_staleRounds = 0;
        m_staleTimer->start(kStaleDelayMs); // its markets' marks may value other wallets' positions
        emit traderSaved(summary);
        return std::nullopt;
    }
    if (pending.markets) {
        if (auto e = m_store->saveMarkets(*pending.markets, pending.fetchedMs))
            return e;
        m_staleRounds = 0;
        m_staleTimer->start(kStaleDelayMs); // new marks, as after a trader's save
        emit marketsSaved(marketIds(*pending.markets), pending.fetchedMs);
        return std::nullopt;
    }
    if (auto e = saveOfficialLeaderboard(*m_connection, pending.period, pending.board, pending.fetchedMs))
        return e;
    emit leaderboardSaved(pending.period, pending.board, pending.fetchedMs);
    return std::nullopt;
}

void TraderStoreWorker::drain() {
    if (!m_store)
        return; // open() drains what waited
    while (!m_pending.empty()) {
        Pending &head = m_pending.front();
        const std::optional<StorageError> error = write(head);
        if (!error) {
            m_pending.pop_front();
            continue;
        }
        if (error->isTransient() && ++head.attempt < m_retryAttempts) {
            // Keep the order: a later sync of the same wallet must not land first.
            m_retryTimer->start(m_retryFirstMs << std::min(head.attempt - 1, 8));
            return;
        }
        reportFailure(head, *error);
        m_pending.pop_front();
    }
}

void TraderStoreWorker::refreshStale() {
    if (!m_store)
        return;
    if (!m_pending.empty()) { // saves first
        m_staleTimer->start(kStaleDelayMs);
        return;
    }
    int refreshed = 0;
    if (auto e = m_store->refreshStale(kStaleBatch, &refreshed)) {
        if (e->isTransient())
            m_staleTimer->start(kStaleDelayMs);
        else
            qWarning().noquote() << "trader sync: cannot revalue traders at the new marks:" << describe(*e);
        return;
    }
    if (refreshed == 0)
        return;
    emit figuresRefreshed(refreshed);
    // More to do, after whatever queued meanwhile; bounded, so a wallet that somehow stays stale
    // cannot keep this thread busy.
    if (refreshed == kStaleBatch && ++m_staleRounds < kStaleRounds)
        m_staleTimer->start(0);
}

void TraderStoreWorker::reportFailure(const Pending &pending, const StorageError &error) {
    if (pending.markets) {
        qWarning().noquote() << "market sync: cannot store" << pending.markets->size() << "markets"
                             << describe(error);
        emit marketsFailed(marketIds(*pending.markets), describe(error));
        return;
    }
    qWarning().noquote() << "trader sync: cannot store"
                         << (pending.trader ? pending.trader->wallet.address()
                                            : u"leaderboard "_s + pending.period)
                         << describe(error);
    if (pending.trader)
        emit saveFailed(pending.trader->wallet, describe(error));
    else
        emit leaderboardFailed(pending.period, describe(error));
}

} // namespace longshot::storage
