#pragma once

#include "app/workerthread.h"
#include "models/domain/batchqueue.h"
#include "models/domain/feedstatus.h"
#include "models/domain/trade.h"
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
    int queueCapacity = 8; // batches between the socket and the writer
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

Q_SIGNALS:
    void tradesReceived(const longshot::TradeBatch &batch);
    void feedStatusChanged(const longshot::FeedStatus &status);
    void storageOpened(bool ok, const QString &message);
    void storageFailed(const QString &message);
    void storedTotals(qint64 storedTrades, qint64 duplicates);

private:
    PipelineConfig m_config;
    std::shared_ptr<BoundedBatchQueue> m_queue;
    WorkerThread m_netThread{QStringLiteral("longshot-net")};
    WorkerThread m_storageThread{QStringLiteral("longshot-storage")};
    net::RtdsClient *m_client = nullptr;
    net::TradeBackfill *m_backfill = nullptr;
    storage::TradeWriter *m_writer = nullptr;
    PipelineSummary m_summary;
    bool m_started = false;
};

} // namespace longshot::app
