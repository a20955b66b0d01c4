#pragma once

#include "models/domain/activity.h"
#include "models/domain/grade.h"
#include "models/domain/ledger.h"
#include "models/domain/market.h"
#include "models/domain/metrics.h"
#include "models/domain/wallet.h"
#include "storage/storageerror.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace longshot::storage {

class Connection;

// What one trader sync brought back, as domain values (the app converts the net snapshot).
struct TraderSyncData {
    Wallet wallet;
    QString name;
    QString pseudonym;
    ActivityList events;
    // A full sync whose activity phase succeeded holds the whole history: the stored events
    // are replaced. Otherwise events are added, and rows already stored are left alone.
    bool replaceHistory = false;
    MarketList markets;
    QList<Position> positions; // the data-api's own /positions view, kept as a snapshot
    std::optional<Decimal> value;
    bool complete = false;
    QStringList incompleteReasons;
    qint64 syncedMs = 0;
};

// One wallet's figures after a recompute: what `sync` prints and `export traders` writes.
struct TraderSummary {
    Wallet wallet;
    QString name;
    WalletMetrics metrics;
    TraderGrade grade;
    StrategyClass strategy;
    int resolvedMarkets = 0;
    bool complete = false;
    QString incompleteReason; // "; "-joined; empty when complete
    std::optional<Decimal> value;
    qint64 events = 0;
    qint64 syncedMs = 0;
};

// Persists traders, their activity (exact INTEGER micros, unique per row so a re-sync never
// doubles one), market metadata with payouts and marks, and the recomputed ledger positions,
// metrics, grade and strategy class. Every recompute replays the stored history, so the
// figures always match what is on disk. Use on the thread that owns the connection.
class TraderStore final {
public:
    explicit TraderStore(Connection &connection);
    Q_DISABLE_COPY_MOVE(TraderStore)

    // Stores the sync in one transaction, then recomputes the wallet; summary may be null.
    std::optional<StorageError> save(const TraderSyncData &data, TraderSummary *summary = nullptr);
    // Ledger -> metrics -> grade -> class from the stored history; rewrites the wallet's
    // positions and metrics rows.
    std::optional<StorageError> recompute(const Wallet &wallet, TraderSummary *summary = nullptr);
    // How recomputeAll reads and writes. Fastest streams every event in one statement on a
    // SQLite connection (regradeAllOnSqlite) and falls back to the per-wallet QtSql path on
    // PostgreSQL; Generic forces that per-wallet path, which is what tests compare against.
    enum class RecomputePath : quint8 { Fastest, Generic };
    // Re-grades every stored trader in one transaction (after a policy change).
    std::optional<StorageError> recomputeAll(int *count = nullptr,
                                             RecomputePath path = RecomputePath::Fastest);

    // Wallets whose stored figures are behind the stored marks: an open position's outcome now
    // has another mark than the one it was valued at, or its market has been paid out in full
    // since. Another wallet's sync moves marks; refreshStale() brings these figures up to them.
    std::optional<StorageError> staleWallets(int limit, QList<Wallet> *out);
    // Recomputes up to `limit` stale wallets in one transaction; *refreshed says how many.
    std::optional<StorageError> refreshStale(int limit, int *refreshed);

    std::optional<StorageError> loadEvents(const Wallet &wallet, ActivityList *out);
    std::optional<StorageError> loadMarkets(const QStringList &conditionIds, MarketList *out);
    // Market metadata alone, of either venue (the tape's market sync), in one transaction, merged as a
    // trader sync's markets are: marks and liquidity count as read at nowMs.
    std::optional<StorageError> saveMarkets(const MarketList &markets, qint64 nowMs);
    // Of these ids of one venue (condition ids, Kalshi tickers), the ones whose venue metadata
    // was read at or after sinceMs, in the order given, each once. liquidity_ms is the clock: only a venue
    // answer sets it, while a market that activity rows alone named has an updated_ms but none of the
    // metadata the alerts need.
    std::optional<StorageError> marketsReadSince(Venue venue, const QStringList &ids, qint64 sinceMs,
                                                 QStringList *out);
    std::optional<StorageError> wallets(QList<Wallet> *out);
    // The last synced time per wallet (0 when never), for the scheduler's re-sync pace.
    std::optional<StorageError> lastSynced(const Wallet &wallet, qint64 *ms);

    // The figures from one wallet's history, without touching the database.
    static TraderSummary summarize(const Wallet &wallet, const ActivityList &events,
                                   const MarketList &markets, QList<LedgerPosition> *positions = nullptr,
                                   LedgerValuation *valuation = nullptr);

private:
    std::optional<StorageError> recomputeInTransaction(const Wallet &wallet, TraderSummary *summary);
    std::optional<StorageError> upsertMarkets(const MarketList &markets, qint64 nowMs);

    Connection &m_connection;
    // Set only while recomputeAll runs: traders share most of their markets, and nothing
    // writes markets during a re-grade, so each is read once instead of once per trader.
    // A condition without a stored market maps to nullopt.
    QHash<QString, std::optional<Market>> *m_marketCache = nullptr;
    // outcomes.mark_ms of every outcome loadMarkets read, by asset id: what trader_metrics.marked_ms
    // is taken from.
    QHash<QString, qint64> m_markTimes;
};

} // namespace longshot::storage
