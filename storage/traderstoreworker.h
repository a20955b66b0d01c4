#pragma once

#include "models/domain/wallet.h"
#include "storage/databaseconfig.h"
#include "storage/officialleaderboard.h"
#include "storage/syncstate.h"
#include "storage/traderstore.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>

#include <deque>
#include <memory>

class QTimer;

namespace longshot::storage {

class Connection;

// The trader sync's storage side. Create it without a parent, moveToThread(storageThread),
// then invoke open(). It owns a connection of its own ("trader-sync"), stores each synced
// wallet (TraderStore::save: events, markets, positions, then ledger, metrics, grade and
// class recomputed) and Polymarket's leaderboard, and answers with values.
//
// A transient failure (the feed writer holds the lock) is retried with backoff, in order;
// anything else, or a retry budget used up, is reported through saveFailed.
class TraderStoreWorker final : public QObject {
    Q_OBJECT
public:
    explicit TraderStoreWorker(DatabaseConfig config, QObject *parent = nullptr);
    ~TraderStoreWorker() override;
    Q_DISABLE_COPY_MOVE(TraderStoreWorker)

    void setRetryDelays(int firstMs, int attempts);

public Q_SLOTS:
    // Opens and migrates (racing the feed writer's migration is fine), then emits opened and,
    // on success, knownTraders.
    void open();
    void save(const longshot::storage::TraderSyncData &data);
    // period: day, week, month or all.
    void saveLeaderboard(const QString &period, const longshot::storage::OfficialLeaderboard &rows,
                         qint64 fetchedMs);
    // Market metadata from the tape's market sync, queued and retried like a trader's save.
    void saveMarkets(const longshot::MarketList &markets, qint64 fetchedMs);
    // Answers marketsChecked: which of these ids of one venue have venue metadata read at or
    // after sinceMs (TraderStore::marketsReadSince). A failed read counts none as fresh.
    void checkMarkets(longshot::Venue venue, const QStringList &ids, qint64 sinceMs);
    void close();

Q_SIGNALS:
    void opened(bool ok, const QString &message);
    void knownTraders(const QList<longshot::storage::TraderSyncState> &states);
    void traderSaved(const longshot::storage::TraderSummary &summary);
    void saveFailed(const longshot::Wallet &wallet, const QString &reason);
    void leaderboardSaved(const QString &period, const longshot::storage::OfficialLeaderboard &rows,
                          qint64 fetchedMs);
    void leaderboardFailed(const QString &period, const QString &reason);
    // Stored figures of other wallets were revalued at the marks a sync brought (see
    // TraderStore::staleWallets): boards and profiles showing them should read them again.
    void figuresRefreshed(int wallets);
    void marketsChecked(longshot::Venue venue, const QStringList &asked, const QStringList &fresh);
    void marketsSaved(const QStringList &conditionIds, qint64 fetchedMs);
    void marketsFailed(const QStringList &conditionIds, const QString &reason);

private:
    struct Pending {
        std::optional<TraderSyncData> trader;
        std::optional<MarketList> markets;
        QString period;
        OfficialLeaderboard board;
        qint64 fetchedMs = 0;
        int attempt = 0;
    };
    void enqueue(Pending pending);
    void drain();
    std::optional<StorageError> write(const Pending &pending);
    void reportFailure(const Pending &pending, const StorageError &error);
    void refreshStale();

    DatabaseConfig m_config;
    std::unique_ptr<Connection> m_connection;
    std::unique_ptr<TraderStore> m_store;
    std::deque<Pending> m_pending;
    QTimer *m_retryTimer;
    QTimer *m_staleTimer; // a quiet moment after saves: revalue whoever holds what they re-marked
    int m_staleRounds = 0;
    int m_retryFirstMs = 250;
    int m_retryAttempts = 6;
};

} // namespace longshot::storage

Q_DECLARE_METATYPE(longshot::storage::TraderSyncData)
Q_DECLARE_METATYPE(longshot::storage::TraderSummary)
