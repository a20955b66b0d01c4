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

class QTimer;

namespace longshot::net {

class RestClient;
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
};

// Kalshi's public trade tape over REST, GET /markets/trades (newest first, cursor paged; an
// empty page may still carry a cursor; an empty cursor ends it). Without an API key this is
// the live Kalshi feed, polled every few seconds down to the newest trade already seen;
// with the WebSocket running it only refills the windows the socket reports missing.
// Trades go to the GUI by signal and to storage through the bounded queue, which the
// poller, unlike a socket, may wait on. 429s (nested JSON, no Retry-After) back off
// exponentially from 1 s. Lives on the net thread.
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

Q_SIGNALS:
    void tradesFetched(const longshot::TradeBatch &batch);
    void storageBatchQueued();
    void rangeFinished(const longshot::GapRange &gap, bool complete, qint64 tradesFound);
    void fetchFailed(const longshot::FetchError &error);
    void statusChanged(const longshot::FeedStatus &status); // feed "kalshi.rest"

private:
    struct Job {
        GapRange range;
        QString cursor;
        int pages = 0;
        qint64 found = 0;
        bool live = false; // a poll: stops at the newest trade already seen
        qint64 stopAtMs = 0;
        QSet<QString> stopIds;
    };
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
    std::deque<Job> m_jobs;
    bool m_inFlight = false;
    bool m_running = false;
    qint64 m_newestSeenMs = 0;
    QSet<QString> m_newestIds; // trade ids at m_newestSeenMs: where the next poll stops
    StorageBacklog *m_backlog; // fetched, not yet taken by the storage queue
    FeedStatus m_status;
};

} // namespace longshot::net
