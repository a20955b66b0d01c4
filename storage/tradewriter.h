#pragma once

#include "models/domain/batchqueue.h"
#include "models/domain/feedstatus.h"
#include "models/domain/trade.h"
#include "storage/databaseconfig.h"
#include "storage/storageerror.h"

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <memory>

class QTimer;

namespace longshot::storage {

class Connection;
class TradeStatements;

// The outcome of one drain: counts over the batches it took, and what is still held back.
struct WriteStats {
    qint64 inserted = 0;      // new rows in trades
    qint64 duplicates = 0;    // rows already stored, or repeated within the drain
    qint64 batches = 0;       // batches taken from the queue and now stored
    qint64 newestTradeMs = 0; // newest exchange time among the stored rows, 0 if none
    qint64 pendingRows = 0;   // rows still held in memory after this drain (nonzero only after errors)
};

// The storage worker. Create it without a parent, moveToThread(storageThread), then
// invoke open(); after each successful BoundedBatchQueue::tryPush invoke drain() (queued),
// repeated calls coalesce because drain takes everything that is waiting.
//
// A failing transaction (locked, read-only, disk full, connection lost) is rolled back;
// its rows stay in memory and are retried on a timer with backoff, so the live feed keeps
// running and nothing is lost. If the backlog grows past maxBacklogRows the oldest rows are
// let go and their time range is recorded as a gap (backlogOverflow + the gaps table) for
// the REST backfill to fetch again, never dropped silently.
class TradeWriter final : public QObject {
    Q_OBJECT

public:
    TradeWriter(DatabaseConfig config, std::shared_ptr<longshot::BoundedBatchQueue> queue);
    ~TradeWriter() override;
    Q_DISABLE_COPY_MOVE(TradeWriter)

    // Configuration; call before the worker thread starts.
    void setMaxBacklogRows(qsizetype rows) { m_maxBacklogRows = rows; }
    void setRetryDelays(int firstMs, int capMs);
    // Test hook: sleep this long inside every drain, to make the writer the bottleneck.
    void setArtificialDelayMs(int ms) { m_artificialDelayMs = ms; }

public Q_SLOTS:
    void open();
    void drain();
    void recordGap(longshot::GapRange gap);
    void markGapFilled(qint64 gapId);
    void queryNewestTrade();
    void close();

Q_SIGNALS:
    void opened(bool ok, QString message);
    void stored(longshot::storage::WriteStats stats);
    void storageError(longshot::storage::StorageError error);
    void gapRecorded(qint64 gapId, longshot::GapRange gap);
    void gapFilled(qint64 gapId);
    // Rows let go because the backlog exceeded its bound; the range is also stored in gaps.
    void backlogOverflow(longshot::GapRange gap);
    // Answers queryNewestTrade once per venue: each venue's backfill starts from its own
    // newest stored trade (0: none), since the other venue's can be far newer.
    void newestTradeMs(longshot::Venue venue, qint64 ms);
    void closed();

private:
    struct TraderInfo {
        QString name;
        QString pseudonym;
        qint64 firstSeenMs = 0;
        qint64 lastSeenMs = 0;
    };

    void takeQueued();
    void flush();
    bool writePending(WriteStats *stats, QList<qint64> *gapIds, std::optional<StorageError> *error);
    void failed(const StorageError &error);
    void enforceBacklogBound(const QString &why);
    bool ensureOpen(std::optional<StorageError> *error);
    void dropConnection();

    DatabaseConfig m_config;
    std::shared_ptr<longshot::BoundedBatchQueue> m_queue;
    std::unique_ptr<Connection> m_connection;
    std::unique_ptr<TradeStatements> m_statements;
    QTimer *m_retryTimer = nullptr;

    TradeBatch m_pending;
    qint64 m_pendingBatches = 0;
    QList<GapRange> m_pendingGaps;
    bool m_reopenOnRetry = false;
    int m_attempt = 0;
    int m_retryFirstMs = 250;
    int m_retryCapMs = 30'000;
    qsizetype m_maxBacklogRows = 500'000;
    int m_artificialDelayMs = 0;

    // What the database already holds, so unchanged metadata is not rewritten every drain.
    QHash<QString, QString> m_writtenMarkets;
    QHash<QString, QString> m_writtenOutcomes;
    QHash<QString, TraderInfo> m_writtenTraders;
};

QString tradeSourceName(TradeSource source);
// The inverse, for readers; an unknown name reads as the socket route.
TradeSource tradeSourceFromName(const QString &name);

} // namespace longshot::storage

Q_DECLARE_METATYPE(longshot::storage::WriteStats)
