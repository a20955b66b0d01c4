#pragma once

#include "models/domain/batchqueue.h"
#include "models/domain/decimal.h"
#include "models/domain/feedstatus.h"
#include "models/domain/fetcherror.h"
#include "net/kalshiparser.h"

#include <QObject>
#include <QSet>
#include <QUrl>

#include <chrono>
#include <deque>
#include <memory>
#include <optional>

class QTimer;

namespace longshot::net {

class RestClient;
struct RestResult;
class StorageBacklog;

struct KalshiPollerConfig {
    QUrl restBase{QStringLiteral("https://api.elections.kalshi.com/trade-api/v2")};
    Decimal minNotional = Decimal::fromMicros(100 * Decimal::kOne);
    int pageSize = 1000; // the API's ceiling
    std::chrono::milliseconds pollInterval{5'000};
    // false: only fill gaps (the WebSocket carries the live tape).
    bool pollLive = true;
    // Without anything stored yet, the first poll reaches back this far, not three months.
    std::chrono::milliseconds firstPollWindow{60'000};
    int maxPagesPerJob = 200;
    int requestsPerSecond = 10; // Basic tier allows ~20 reads/s; leave room for the user's other tools
    // GET /historical/cutoff: fetched at start, then refreshed this often; after a failure
    // it is tried again sooner.
    std::chrono::milliseconds cutoffRefresh{3'600'000};
    std::chrono::milliseconds cutoffRetry{300'000};
    // The cutoff request's own retries, short: the tape waits for the first answer.
    BackoffPolicy cutoffBackoff{std::chrono::milliseconds(1'000), std::chrono::milliseconds(4'000), 3};
};

// Kalshi's public trade tape over REST, GET /markets/trades (newest first, cursor paged; an
// empty page may still carry a cursor; an empty cursor ends it). That tape only reaches back
// to the historical cutoff (GET /historical/cutoff, about three months, fetched at start and
// hourly); a window that starts before it is paged from GET /historical/trades for the older
// part. Without a cutoff (its request failed) only /markets/trades is paged and a range is
// never reported complete, so a recorded gap stays open rather than silently half filled. Without an API key
// this is the live Kalshi feed, polled every few seconds down to the newest trade already seen; with the
// WebSocket running it only refills the windows the socket reports missing. Trades go to the GUI by signal
// and to storage through the bounded queue, which the poller, unlike a socket, may wait on. 429s (nested
// JSON, no Retry-After) back off exponentially from 1 s. Lives on the net thread.
class KalshiRestPoller final : public QObject {
    Q_OBJECT
public:
    KalshiRestPoller(KalshiPollerConfig config, std::shared_ptr<BoundedBatchQueue> storageQueue);
    ~KalshiRestPoller() override;

    void start();
    void stop();
    void setNewestStoredMs(qint64 ms);
    void fetchRange(const longshot::GapRange &gap);
    bool isIdle() const;
    // The trades boundary from /historical/cutoff, ms since the epoch; nullopt until known.
    std::optional<qint64> historicalCutoffMs() const { return m_cutoffMs; }
    qint64 cutoffFailures() const { return m_cutoffFailures; }
    qint64 historicalPages() const { return m_historicalPages; }

Q_SIGNALS:
    void tradesFetched(const longshot::TradeBatch &batch);
    void storageBatchQueued();
    void rangeFinished(const longshot::GapRange &gap, bool complete, qint64 tradesFound);
    void fetchFailed(const longshot::FetchError &error);
    void statusChanged(const longshot::FeedStatus &status); // feed "kalshi.rest"
    void historicalCutoffChanged(qint64 cutoffMs);

private:
    struct Job {
        GapRange range;
        QString cursor;
        int pages = 0;
        qint64 found = 0;
        bool live = false; // a poll: stops at the newest trade already seen
        qint64 stopAtMs = 0;
        QSet<QString> stopIds;
        // Planned when the job starts: the live tape first, then the historical one when the
        // window reaches before the cutoff.
        bool planned = false;
        bool historical = false;     // this phase pages /historical/trades
        bool historicalNext = false; // a historical phase follows this one
        bool cutoffUnknown = false;  // the window may reach before a cutoff we could not learn
        qint64 cutoffMs = 0;
        QSet<QString> boundaryIds; // trades near the cutoff already taken: each side may serve them
    };
    void plan(Job &job) const;
    void fetchCutoff();
    void onCutoff(const RestResult &result);
    void pump();
    void fetchPage();
    void onPage(QByteArrayView body);
    void finishJob(bool complete);
    void poll();
    void setState(FeedState state);

    KalshiPollerConfig m_config;
    RestClient *m_rest;
    KalshiParser m_parser;
    QTimer *m_pollTimer;
    RestClient *m_cutoffRest; // its own short retry plan; one request an hour
    QTimer *m_cutoffTimer;
    std::optional<qint64> m_cutoffMs;
    bool m_cutoffPending = false; // the start's fetch is out: jobs wait for it
    quint64 m_cutoffGeneration = 0;
    qint64 m_cutoffFailures = 0;
    qint64 m_historicalPages = 0;
    std::deque<Job> m_jobs;
    bool m_inFlight = false;
    bool m_running = false;
    qint64 m_newestSeenMs = 0;
    QSet<QString> m_newestIds; // trade ids at m_newestSeenMs: where the next poll stops
    StorageBacklog *m_backlog; // fetched, not yet taken by the storage queue
    FeedStatus m_status;
};

} // namespace longshot::net
