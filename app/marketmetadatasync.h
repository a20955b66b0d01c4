#pragma once

#include "app/workerthread.h"
#include "models/domain/fetcherror.h"
#include "models/domain/market.h"
#include "models/domain/trade.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QUrl>

#include <random>

class QTimer;

namespace longshot::net {
class GammaMarketsFetcher;
}
namespace longshot::storage {
class TraderStoreWorker;
}

namespace longshot::app {

struct MarketMetadataConfig {
    QUrl gammaApi{QStringLiteral("https://gamma-api.polymarket.com")};
    int intervalMs = 30'000;
    int firstRunMs = 3'000; // the first trades are on the tape by then
    qint64 maxAgeMs = 3'600'000;
    int batch = 50; // condition_ids per gamma request
    // gamma /markets allows 300 per 10 s and the trader sync's lanes are sized to use it; this
    // sync asks a few requests per tick, so a small budget of its own keeps it out of their way.
    int requestsPer10s = 20;
    // The RestClient's own retries before a failure reaches this sync.
    BackoffPolicy restBackoff{std::chrono::milliseconds(500), std::chrono::milliseconds(30'000), 4};
    // This sync's pause after gamma kept answering 429 (when it gave no Retry-After).
    BackoffPolicy pause{std::chrono::milliseconds(30'000), std::chrono::milliseconds(600'000), 1'000};
};

// Keeps the metadata of every Polymarket market on the tape in the store: title, category,
// end date, outcomes and marks, and the liquidity the size-against-liquidity alert flag
// weighs a trade against. Before this, only markets a synced wallet had traded were known.
//
// Lives on the GUI thread and sees each tape batch. Every intervalMs it asks the store which
// of the markets seen have metadata younger than maxAgeMs, and gamma /markets (on a net
// thread of its own) for the rest, then hands the answers to the trader sync's storage
// worker (TraderStore::upsertMarkets on its thread and connection). An id is asked at most
// once per maxAgeMs, one gamma does not know never again. The store must outlive stop().
class MarketMetadataSync final : public QObject {
    Q_OBJECT
public:
    MarketMetadataSync(MarketMetadataConfig config, storage::TraderStoreWorker *store,
                       QObject *parent = nullptr);
    ~MarketMetadataSync() override;
    Q_DISABLE_COPY_MOVE(MarketMetadataSync)

    void start();
    void stop(); // safe to call twice

    qsizetype marketsSeen() const { return m_lastAskedMs.size(); }
    qsizetype marketsUnknown() const { return m_unknown.size(); }
    bool isPaused() const;

public Q_SLOTS:
    void observeTrades(const longshot::TradeBatch &batch);
    // One round now (the timer calls it).
    void tick();

Q_SIGNALS:
    // These ids go to gamma now (their stored metadata is missing or old).
    void requesting(const QStringList &conditionIds);
    void marketsStored(const QStringList &conditionIds);
    // A failure that needs the user: the sync has stopped asking.
    void stopped(const QString &reason);

private:
    void onChecked(const QStringList &asked, const QStringList &fresh);
    void onFetched(const MarketList &markets, const QStringList &unknown, qint64 fetchedMs);
    void onFailed(const QStringList &conditionIds, const FetchError &error);
    static qint64 nowMs();

    MarketMetadataConfig m_config;
    storage::TraderStoreWorker *m_store; // lives on the trader sync's storage thread
    WorkerThread m_netThread{QStringLiteral("longshot-market-sync")};
    net::GammaMarketsFetcher *m_fetcher = nullptr; // lives on m_netThread
    QTimer *m_timer;
    QHash<QString, qint64> m_lastAskedMs; // every market seen; 0 until asked
    QSet<QString> m_unknown;              // gamma does not know them: never asked again
    bool m_checking = false;              // a store age check is on its way
    qint64 m_pausedUntilMs = 0;
    int m_rateLimits = 0; // 429s in a row
    std::mt19937_64 m_rng{std::random_device{}()};
    bool m_started = false;
    bool m_stopped = false;
};

} // namespace longshot::app
