#pragma once

#include "models/domain/batchqueue.h"
#include "models/domain/decimal.h"
#include "models/domain/feedstatus.h"
#include "models/domain/fetcherror.h"
#include "net/rtdsparser.h"

#include <QObject>
#include <QUrl>

#include <chrono>
#include <deque>
#include <memory>

class QTimer;

namespace longshot::net {

class RestClient;
class StorageBacklog;

struct BackfillConfig {
    QUrl dataApi{QStringLiteral("https://data-api.polymarket.com")};
    Decimal minNotional = Decimal::fromMicros(100 * Decimal::kOne);
    int pageSize = 500;
    int maxOffset = 10'000; // the data-api refuses offsets beyond this (HTTP 400)
    std::chrono::milliseconds pollInterval{60'000};
    // How far back the periodic poll reaches past the newest trade it already has.
    std::chrono::milliseconds pollOverlap{120'000};
};

// Refills what the socket missed from data-api GET /trades (filterType=CASH, newest first,
// paged by offset): every gap the client reports, after every reconnect, and on a timer
// back to the newest trade already stored. Fetched trades go to storage through the same
// bounded queue; the backfill, unlike the socket, may wait for room. Lives on the net thread.
class TradeBackfill final : public QObject {
    Q_OBJECT
public:
    TradeBackfill(BackfillConfig config, std::shared_ptr<BoundedBatchQueue> storageQueue);
    ~TradeBackfill() override;

    void start();
    void stop();
    // The newest trade already on disk, so the first poll reaches back exactly that far.
    void setNewestStoredMs(qint64 ms);
    void fetchRange(const longshot::GapRange &gap);

    bool isIdle() const;

Q_SIGNALS:
    void tradesFetched(const longshot::TradeBatch &batch);
    void storageBatchQueued();
    // complete is false when the offset ceiling cut the range short or a request failed for good.
    void rangeFinished(const longshot::GapRange &gap, bool complete, qint64 tradesFound);
    void fetchFailed(const longshot::FetchError &error);

private:
    struct Job {
        GapRange range;
        int offset = 0;
        qint64 found = 0;
    };
    void pump();
    void fetchPage();
    void onPage(QByteArrayView body);
    void finishJob(bool complete);
    void poll();

    BackfillConfig m_config;
    RestClient *m_rest;
    DataApiTradesParser m_parser;
    QTimer *m_pollTimer;
    std::deque<Job> m_jobs;
    bool m_inFlight = false;
    bool m_running = false;
    qint64 m_newestSeenMs = 0;
    StorageBacklog *m_backlog; // fetched, not yet taken by the storage queue
};

} // namespace longshot::net
