#pragma once

#include "app/commandline.h"
#include "app/marketmetadatasync.h"
#include "app/workerthread.h"
#include "models/domain/decimal.h"
#include "models/domain/trade.h"
#include "models/domain/wallet.h"
#include "net/syncrunner.h"
#include "storage/databaseconfig.h"
#include "storage/officialleaderboard.h"
#include "storage/traderstore.h"

#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

#include <memory>

namespace longshot::storage {
class TraderStoreWorker;
}

namespace longshot::app {

struct TraderSyncConfig {
    storage::DatabaseConfig database;
    net::SyncRunnerConfig runner;
    // A whale: a fill of at least this notional makes its wallet worth a profile.
    Decimal discoverMinUsd = Decimal::fromMicros(1'000 * Decimal::kOne);
    // The tape's markets, stored through the same storage worker (gammaApi as the runner's).
    MarketMetadataConfig markets;
};

// Endpoints from --endpoint polymarket.data / polymarket.gamma (or --demo's simulator).
TraderSyncConfig traderSyncConfigFrom(const CommandLineOptions &options,
                                      const storage::DatabaseConfig &database);

// The trader sync for the window: the SyncRunner on a net thread of its own, the
// TraderStoreWorker on a storage thread of its own, runner -> store by queued signals (the
// GUI thread is not on that path), and the results re-emitted here, on the thread that owns
// this object, as values. Wallets come from "Sync now", the follow list, whale trades on the
// live feed and Polymarket's leaderboard.
class TraderSync final : public QObject {
    Q_OBJECT
public:
    explicit TraderSync(TraderSyncConfig config, QObject *parent = nullptr);
    ~TraderSync() override;
    Q_DISABLE_COPY_MOVE(TraderSync)

    void start();
    // Stops fetching, stores what was already fetched, joins both threads. Safe to call twice.
    void stop();

    // fast: the profile in front of the user (the fast lane); otherwise background.
    void requestSync(const Wallet &wallet, bool fast = true);
    // The followed wallets, replacing the previous list: re-synced first and more often.
    void setFollowed(const QList<Wallet> &wallets);
    const QList<Wallet> &followed() const { return m_followed; }
    void discover(const QList<Wallet> &wallets);
    void fetchLeaderboardNow();
    // Metadata of every Polymarket market on the tape; feed it the tape's batches. Runs while
    // the trader sync runs.
    MarketMetadataSync *marketMetadata() const { return m_markets.get(); }

public Q_SLOTS:
    // Whale trades from the live feed: their wallets are discovered (bulk lane).
    void observeTrades(const longshot::TradeBatch &batch);

Q_SIGNALS:
    void storageOpened(bool ok, const QString &message);
    void syncStarted(const longshot::Wallet &wallet, bool fast, qint64 waitedMs);
    // phase: activity, positions, closed-positions, value, markets, saving.
    void syncProgress(const longshot::Wallet &wallet, const QString &phase);
    void traderSaved(const longshot::storage::TraderSummary &summary);
    // Stored figures of other traders were revalued at marks a sync brought.
    void figuresRefreshed(int traders);
    void syncFailed(const longshot::Wallet &wallet, const QString &reason);
    // Polymarket's own board for one period (day, week, month, all), stored before this fires.
    void leaderboardUpdated(const QString &period, const longshot::storage::OfficialLeaderboard &rows,
                            qint64 fetchedMs);

private:
    void wire();

    TraderSyncConfig m_config;
    WorkerThread m_netThread{QStringLiteral("longshot-sync-net")};
    WorkerThread m_storageThread{QStringLiteral("longshot-sync-storage")};
    net::SyncRunner *m_runner = nullptr;           // lives on m_netThread
    storage::TraderStoreWorker *m_store = nullptr; // lives on m_storageThread
    std::unique_ptr<MarketMetadataSync> m_markets; // stores through m_store: stops before it
    QList<Wallet> m_followed;
    QSet<QString> m_discovered; // wallets already handed to the runner by observeTrades
    bool m_started = false;
};

} // namespace longshot::app
