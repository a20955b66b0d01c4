#pragma once

#include "app/workerthread.h"
#include "models/domain/batchqueue.h"
#include "models/domain/feedstatus.h"
#include "models/domain/trade.h"
#include "net/kalshiclient.h"
#include "net/kalshirestpoller.h"
#include "net/kalshisigner.h"
#include "net/rtdsclient.h"
#include "net/tradebackfill.h"
#include "storage/databaseconfig.h"
#include "storage/storageerror.h"
#include "storage/tradewriter.h"

#include <QObject>

#include <memory>

namespace longshot::app {

struct PipelineConfig {
    storage::DatabaseConfig database;
    net::RtdsConfig rtds;
    net::BackfillConfig backfill;
    // Kalshi: with a signer the WebSocket carries the live tape and REST only fills its gaps;
    // without one the REST poller is the live feed. kalshiKeyError says why a configured
    // key could not be used (shown as the kalshi.ws status; the poller runs instead).
    bool kalshiEnabled = false; // pipelineConfigFrom decides; off keeps tests on loopback
    net::KalshiWsConfig kalshiWs;
    net::KalshiPollerConfig kalshiRest;
    std::shared_ptr<const net::KalshiSigner> kalshiSigner;
    QString kalshiKeyError;
    int queueCapacity = 8; // batches between the socket and the writer
    // A batch joins the newest waiting one below this many rows (see BoundedBatchQueue): at
    // 20,000 trades/s the writer then commits a few thousand rows at a time, not 160.
    qsizetype queueCoalesceRows = 8'192;
    int writerDelayMs = 0; // test hook: a writer slowed on purpose
};

// Totals for the collector's exit line and the status bar.
struct PipelineSummary {
    qint64 received = 0;
    qint64 stored = 0;
    qint64 duplicates = 0;
    qint64 droppedBatches = 0;
    qint64 gapsRecorded = 0;
    qint64 gapsBackfilled = 0;
    qint64 backfilledTrades = 0;
    QMap<QString, qint64> rejectedByReason;
};

// The live Polymarket path, GUI or headless: RTDS client and backfill on the net thread,
// the writer on the storage thread, a bounded queue between them. Lives on the thread
// that created it; everything it emits is a value.
class FeedPipeline final : public QObject {
    Q_OBJECT
public:
    explicit FeedPipeline(PipelineConfig config, QObject *parent = nullptr);
    ~FeedPipeline() override;

    void start();
    // Flushes the socket's pending batch, stores everything queued, closes the database and
    // joins both threads. Safe to call twice.
    void stop();

    const PipelineSummary &summary() const { return m_summary; }

    // Order book + ticker updates for a Kalshi market the user opened (no-op without a key).
    void watchKalshiMarket(const QString &ticker);
    void unwatchKalshiMarket(const QString &ticker);

Q_SIGNALS:
    void tradesReceived(const longshot::TradeBatch &batch);
    void feedStatusChanged(const longshot::FeedStatus &status);
    void storageOpened(bool ok, const QString &message);
    void storageFailed(const QString &message);
    void storedTotals(qint64 storedTrades, qint64 duplicates);
    // Kalshi order books of watched markets (see watchKalshiMarket), YES side.
    void kalshiBookUpdated(const QString &ticker, const longshot::OrderBook &book);

private:
    void wireKalshi();
    void onFeedStatus(const FeedStatus &status);

private:
    PipelineConfig m_config;
    std::shared_ptr<BoundedBatchQueue> m_queue;
    WorkerThread m_netThread{QStringLiteral("longshot-net"), ThreadPriority::Normal};
    WorkerThread m_storageThread{QStringLiteral("longshot-storage")};
    net::RtdsClient *m_client = nullptr;
    net::TradeBackfill *m_backfill = nullptr;
    net::KalshiClient *m_kalshi = nullptr;         // null without a key
    net::KalshiRestPoller *m_kalshiRest = nullptr; // null when Kalshi is off
    storage::TradeWriter *m_writer = nullptr;
    PipelineSummary m_summary;
    QMap<QString, FeedStatus> m_feedStatus; // per feed, summed for the summary
    bool m_started = false;
};

} // namespace longshot::app
