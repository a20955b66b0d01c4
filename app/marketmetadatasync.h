#pragma once

#include "app/workerthread.h"
#include "models/domain/fetcherror.h"
#include "models/domain/market.h"
#include "models/domain/trade.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <random>

class QTimer;

namespace longshot::net {
class MarketMetadataFetcher;
class RestClient;
} // namespace longshot::net
namespace longshot::storage {
class TraderStoreWorker;
}

namespace longshot::app {

struct MarketMetadataConfig {
    QUrl gammaApi{QStringLiteral("https://gamma-api.polymarket.com")};
    // Empty: Kalshi markets are not asked (endpoints redirected to loopback without Kalshi).
    QUrl kalshiApi{QStringLiteral("https://api.elections.kalshi.com/trade-api/v2")};
    int intervalMs = 30'000;
    int firstRunMs = 3'000; // the first trades are on the tape by then
    qint64 maxAgeMs = 3'600'000;
    // A market the venue did not know may simply be newer than its index (gamma and Kalshi list
    // a new market some time after its first trades), so it is asked once more if it trades
    // again after this long; forgotten if it does not.
    qint64 unknownRetryMs = 6 * 3'600'000;
    int batch = 50; // condition_ids per gamma request
    // gamma /markets allows 300 per 10 s and the trader sync's lanes are sized to use it; this
    // sync asks a few requests per tick, so a small budget of its own keeps it out of their way.
    int requestsPer10s = 20;
    // Kalshi's Basic tier allows about 20 reads/s; the live feed's REST poller gives this much of
    // its share up (see LiveFeed), so the two together ask no more than the poller did alone.
    int kalshiRequestsPerSecond = 2;
    // The RestClient's own retries before a failure reaches this sync.
    BackoffPolicy restBackoff{std::chrono::milliseconds(500), std::chrono::milliseconds(30'000), 4};
    // This sync's pause after gamma kept answering 429 (when it gave no Retry-After).
    BackoffPolicy pause{std::chrono::milliseconds(30'000), std::chrono::milliseconds(600'000), 1'000};
    // Milliseconds since the epoch; tests move it to cross maxAgeMs and unknownRetryMs without waiting.
    std::function<qint64()> clock = [] { return QDateTime::currentMSecsSinceEpoch(); };
};

// Keeps the metadata of every market on the tape in the store: title, category (Polymarket),
// end date, outcomes and marks, and the liquidity the size-against-liquidity alert flag
// weighs a trade against. Before this, only markets a synced wallet had traded were known.
//
// Lives on the GUI thread and sees each tape batch. Every intervalMs it asks the store which
// of the markets seen have metadata younger than maxAgeMs, and the venue (gamma /markets by
// condition id, Kalshi /markets by ticker; on a net thread of its own) for the rest, then
// hands the answers to the trader sync's storage worker (TraderStore::upsertMarkets on its
// thread and connection). Each venue is a lane of its own and a 429 pauses only that venue's
// lane. An id is asked at most once per maxAgeMs, and again only if it traded since: a terminal
// runs for days, and the markets that traded once would otherwise be re-asked every hour and
// remembered forever. One neither seen nor asked within maxAgeMs is forgotten; one the venue
// does not know is asked again only if it trades after unknownRetryMs, and forgotten after that.
// The store must outlive stop().
class MarketMetadataSync final : public QObject {
    Q_OBJECT
public:
    MarketMetadataSync(MarketMetadataConfig config, storage::TraderStoreWorker *store,
                       QObject *parent = nullptr);
    ~MarketMetadataSync() override;
    Q_DISABLE_COPY_MOVE(MarketMetadataSync)

    void start();
    void stop(); // safe to call twice

    // The markets remembered now (seen or asked within maxAgeMs), and those the venue did not know.
    qsizetype marketsSeen(Venue venue = Venue::Polymarket) const { return lane(venue).markets.size(); }
    qsizetype marketsUnknown(Venue venue = Venue::Polymarket) const { return lane(venue).unknown.size(); }
    bool isPaused(Venue venue = Venue::Polymarket) const;

public Q_SLOTS:
    void observeTrades(const longshot::TradeBatch &batch);
    // One round now (the timer calls it).
    void tick();

Q_SIGNALS:
    // These ids go to their venue now (their stored metadata is missing or old).
    void requesting(const QStringList &ids, longshot::Venue venue);
    void marketsStored(const QStringList &conditionIds);
    // A failure that needs the user: the sync has stopped asking.
    void stopped(const QString &reason);

private:
    struct Seen {
        qint64 askedMs = 0; // 0 until asked, and again after a passing failure
        qint64 seenMs = 0;  // last on the tape
    };
    struct Lane {
        explicit Lane(Venue v)
            : venue(v) {}
        Venue venue;
        net::MarketMetadataFetcher *fetcher = nullptr; // lives on m_netThread
        QHash<QString, Seen> markets;
        QHash<QString, qint64> unknown; // the venue does not know them: when it said so
        bool checking = false;          // a store age check is on its way
        qint64 pausedUntilMs = 0;
        int rateLimits = 0; // 429s in a row
    };
    Lane &lane(Venue venue) { return venue == Venue::Kalshi ? m_kalshi : m_polymarket; }
    const Lane &lane(Venue venue) const { return venue == Venue::Kalshi ? m_kalshi : m_polymarket; }
    void startLane(Lane &lane, net::RestClient *rest, const QUrl &api);
    void tickLane(Lane &lane);
    void onChecked(Venue venue, const QStringList &asked, const QStringList &fresh);
    void onFetched(Lane &lane, const MarketList &markets, const QStringList &unknown, qint64 fetchedMs);
    void onFailed(Lane &lane, const QStringList &ids, const FetchError &error);
    void prune(Lane &lane, qint64 now);
    // The venue does not know these: out of the lane until unknownRetryMs has passed.
    void markUnknown(Lane &lane, const QStringList &ids);
    qint64 nowMs() const;

    MarketMetadataConfig m_config;
    storage::TraderStoreWorker *m_store; // lives on the trader sync's storage thread
    WorkerThread m_netThread{QStringLiteral("longshot-market-sync")};
    QTimer *m_timer;
    Lane m_polymarket{Venue::Polymarket};
    Lane m_kalshi{Venue::Kalshi};
    std::mt19937_64 m_rng{std::random_device{}()};
    bool m_started = false;
    bool m_stopped = false;
};

} // namespace longshot::app
