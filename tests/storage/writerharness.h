#pragma once

#include "models/domain/batchqueue.h"
#include "storage/databaseconfig.h"
#include "storage/tradewriter.h"

#include <QSignalSpy>
#include <QThread>

#include <memory>

namespace longshot::test {

// Re-emits the writer's signals on the test's thread (queued), so QSignalSpy sees them in
// order without reading a list the storage thread is appending to.
class WriterSignals final : public QObject {
    Q_OBJECT

public:
    explicit WriterSignals(storage::TradeWriter *writer);

Q_SIGNALS:
    void stored(longshot::storage::WriteStats stats);
    void storageError(longshot::storage::StorageError error);
    void gapRecorded(qint64 gapId, longshot::GapRange gap);
    void gapFilled(qint64 gapId);
    void backlogOverflow(longshot::GapRange gap);
    void newestTradeMs(longshot::Venue venue, qint64 ms);
};

// A TradeWriter on its own thread, as the app runs it; torn down with close() + quit/wait.
class WriterHarness final {
public:
    explicit WriterHarness(const storage::DatabaseConfig &config, int queueCapacity = 64);
    ~WriterHarness();
    Q_DISABLE_COPY_MOVE(WriterHarness)

    // Configure before start().
    storage::TradeWriter &writer() { return *m_writer; }
    WriterSignals *events() { return &m_signals; }
    bool start(QString *message);
    bool push(const TradeBatch &batch) { return m_queue->tryPush(batch); }
    void drain();
    void recordGap(const GapRange &gap);
    void markGapFilled(qint64 id);
    void queryNewestTrade();
    void stop();

    std::shared_ptr<BoundedBatchQueue> queue() const { return m_queue; }

private:
    std::shared_ptr<BoundedBatchQueue> m_queue;
    QThread m_thread;
    storage::TradeWriter *m_writer;
    WriterSignals m_signals;
    bool m_stopped = false;
};

} // namespace longshot::test
