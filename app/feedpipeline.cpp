#include "app/feedpipeline.h"

#include <QCoreApplication>
#include <QMetaObject>

namespace longshot::app {

FeedPipeline::FeedPipeline(PipelineConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_queue(std::make_shared<BoundedBatchQueue>(m_config.queueCapacity, m_config.queueCoalesceRows)) {
    qRegisterMetaType<longshot::TradeBatch>();
    qRegisterMetaType<longshot::FeedStatus>();
    qRegisterMetaType<longshot::GapRange>();
    qRegisterMetaType<longshot::storage::WriteStats>();
    qRegisterMetaType<longshot::storage::StorageError>();

    m_client = m_netThread.adopt(new net::RtdsClient(m_config.rtds, m_queue));
    m_backfill = m_netThread.adopt(new net::TradeBackfill(m_config.backfill, m_queue));
    m_writer = m_storageThread.adopt(new storage::TradeWriter(m_config.database, m_queue));
    m_writer->setArtificialDelayMs(m_config.writerDelayMs);

    using net::RtdsClient;
    using net::TradeBackfill;
    using storage::TradeWriter;

    // Socket → GUI and the summary (values only, queued onto this object's thread).
    connect(m_client, &RtdsClient::tradesReceived, this,
            [this](const TradeBatch &batch) { Q_EMIT tradesReceived(batch); });
    connect(m_client, &RtdsClient::statusChanged, this, &FeedPipeline::onFeedStatus);
    // Socket and backfill → writer: a wake-up; the batches travel through the bounded queue.
    connect(m_client, &RtdsClient::storageBatchQueued, m_writer, &TradeWriter::drain);
    connect(m_backfill, &TradeBackfill::storageBatchQueued, m_writer, &TradeWriter::drain);
    // A missed window is recorded first, so an interrupted backfill still leaves a trace on disk.
    connect(m_client, &RtdsClient::gapDetected, m_writer, &TradeWriter::recordGap);
    connect(m_writer, &TradeWriter::backlogOverflow, m_writer, &TradeWriter::recordGap);
    connect(m_writer, &TradeWriter::gapRecorded, m_backfill, [this](qint64 id, GapRange gap) {
        gap.id = id;
        if (!gap.feed.startsWith(u"kalshi"))
            m_backfill->fetchRange(gap);
    });
    connect(m_writer, &TradeWriter::gapRecorded, this,
            [this](qint64, const GapRange &) { ++m_summary.gapsRecorded; });
    connect(m_backfill, &TradeBackfill::rangeFinished, m_writer,
            [this](const GapRange &gap, bool complete, qint64) {
                if (gap.id > 0 && complete)
                    m_writer->markGapFilled(gap.id);
            });
    connect(m_backfill, &TradeBackfill::rangeFinished, this,
            [this](const GapRange &gap, bool complete, qint64 found) {
                m_summary.backfilledTrades += found;
                if (gap.id > 0 && complete)
                    ++m_summary.gapsBackfilled;
            });
    connect(m_backfill, &TradeBackfill::tradesFetched, this,
            [this](const TradeBatch &batch) { Q_EMIT tradesReceived(batch); });
    // The first poll of each venue reaches back to its newest trade already on disk.
    connect(m_writer, &TradeWriter::newestTradeMs, m_backfill, [this](Venue venue, qint64 ms) {
        switch (venue) {
        case Venue::Polymarket:
            m_backfill->setNewestStoredMs(ms);
            m_backfill->start();
            return;
        case Venue::Kalshi:
            // Same net thread as the backfill. The poller may already be polling the live
            // tape; this widens its catch-up back to the stored edge (past the cutoff if needed).
            if (m_kalshiRest)
                m_kalshiRest->setNewestStoredMs(ms);
            return;
        }
    });
    connect(m_writer, &TradeWriter::opened, this, [this](bool ok, const QString &message) {
        Q_EMIT storageOpened(ok, message);
        if (ok)
            QMetaObject::invokeMethod(m_writer, &TradeWriter::queryNewestTrade);
    });
    connect(m_writer, &TradeWriter::stored, this, [this](const storage::WriteStats &stats) {
        m_summary.stored += stats.inserted;
        m_summary.duplicates += stats.duplicates;
        Q_EMIT storedTotals(m_summary.stored, m_summary.duplicates);
    });
    connect(m_writer, &TradeWriter::storageError, this,
            [this](const storage::StorageError &error) { Q_EMIT storageFailed(error.message); });
    if (m_config.kalshiEnabled)
        wireKalshi();
}

void FeedPipeline::wireKalshi() {
    using net::KalshiClient;
    using net::KalshiRestPoller;
    using storage::TradeWriter;
    qRegisterMetaType<longshot::OrderBook>();
    qRegisterMetaType<longshot::net::KalshiTicker>();
    // Kalshi shares the queue, the writer and the tape with Polymarket: one feed, two venues.
    net::KalshiPollerConfig rest = m_config.kalshiRest;
    rest.pollLive = !m_config.kalshiSigner;
    m_kalshiRest = m_netThread.adopt(new KalshiRestPoller(rest, m_queue));
    connect(m_kalshiRest, &KalshiRestPoller::storageBatchQueued, m_writer, &TradeWriter::drain);
    connect(m_kalshiRest, &KalshiRestPoller::tradesFetched, this,
            [this](const TradeBatch &batch) { Q_EMIT tradesReceived(batch); });
    connect(m_writer, &TradeWriter::gapRecorded, m_kalshiRest, [this](qint64 id, GapRange gap) {
        gap.id = id;
        if (gap.feed.startsWith(u"kalshi"))
            m_kalshiRest->fetchRange(gap);
    });
    connect(m_kalshiRest, &KalshiRestPoller::rangeFinished, m_writer,
            [this](const GapRange &gap, bool complete, qint64) {
                if (gap.id > 0 && complete)
                    m_writer->markGapFilled(gap.id);
            });
    connect(m_kalshiRest, &KalshiRestPoller::rangeFinished, this,
            [this](const GapRange &gap, bool complete, qint64 found) {
                m_summary.backfilledTrades += found;
                if (gap.id > 0 && complete)
                    ++m_summary.gapsBackfilled;
            });
    if (rest.pollLive)
        connect(m_kalshiRest, &KalshiRestPoller::statusChanged, this, &FeedPipeline::onFeedStatus);
    if (!m_config.kalshiSigner)
        return;
    m_kalshi = m_netThread.adopt(new KalshiClient(m_config.kalshiWs, m_config.kalshiSigner, m_queue));
    connect(m_kalshi, &KalshiClient::tradesReceived, this,
            [this](const TradeBatch &batch) { Q_EMIT tradesReceived(batch); });
    connect(m_kalshi, &KalshiClient::statusChanged, this, &FeedPipeline::onFeedStatus);
    connect(m_kalshi, &KalshiClient::storageBatchQueued, m_writer, &TradeWriter::drain);
    connect(m_kalshi, &KalshiClient::gapDetected, m_writer, &TradeWriter::recordGap);
    connect(m_kalshi, &KalshiClient::bookUpdated, this,
            [this](const QString &ticker, const OrderBook &book) { Q_EMIT kalshiBookUpdated(ticker, book); });
}

void FeedPipeline::onFeedStatus(const FeedStatus &status) {
    m_feedStatus.insert(status.feed, status);
    m_summary.received = 0;
    m_summary.droppedBatches = 0;
    m_summary.rejectedByReason.clear();
    for (const FeedStatus &s : std::as_const(m_feedStatus)) {
        m_summary.received += s.tradesReceived - s.duplicatesDropped; // distinct fills
        m_summary.droppedBatches += s.droppedBatches;
        for (auto it = s.rejectedByReason.cbegin(); it != s.rejectedByReason.cend(); ++it)
            m_summary.rejectedByReason[it.key()] += it.value();
    }
    Q_EMIT feedStatusChanged(status);
}

void FeedPipeline::watchKalshiMarket(const QString &ticker) {
    if (m_kalshi)
        QMetaObject::invokeMethod(m_kalshi, [client = m_kalshi, ticker] { client->watchMarket(ticker); });
}

void FeedPipeline::unwatchKalshiMarket(const QString &ticker) {
    if (m_kalshi)
        QMetaObject::invokeMethod(m_kalshi, [client = m_kalshi, ticker] { client->unwatchMarket(ticker); });
}

FeedPipeline::~FeedPipeline() {
    stop();
}

void FeedPipeline::start() {
    if (m_started)
        return;
    m_started = true;
    m_storageThread.start();
    m_netThread.start();
    QMetaObject::invokeMethod(m_writer, &storage::TradeWriter::open);
    QMetaObject::invokeMethod(m_client, &net::RtdsClient::start);
    if (m_kalshiRest)
        QMetaObject::invokeMethod(m_kalshiRest, &net::KalshiRestPoller::start);
    if (m_kalshi)
        QMetaObject::invokeMethod(m_kalshi, &net::KalshiClient::start);
    if (!m_config.kalshiKeyError.isEmpty()) {
        // The key could not be used: say so where the feeds report, the poller runs instead.
        FeedStatus refused;
        refused.feed = QStringLiteral("kalshi.ws");
        refused.state = FeedState::AuthFailed;
        refused.lastError = m_config.kalshiKeyError;
        Q_EMIT feedStatusChanged(refused);
    }
}

void FeedPipeline::stop() {
    if (!m_started)
        return;
    m_started = false;
    // Order matters: stop producing and flush the socket's last batch into the queue, then
    // let the writer store all of it before the threads go.
    QMetaObject::invokeMethod(m_client, &net::RtdsClient::stop, Qt::BlockingQueuedConnection);
    QMetaObject::invokeMethod(m_backfill, &net::TradeBackfill::stop, Qt::BlockingQueuedConnection);
    if (m_kalshi)
        QMetaObject::invokeMethod(m_kalshi, &net::KalshiClient::stop, Qt::BlockingQueuedConnection);
    if (m_kalshiRest)
        QMetaObject::invokeMethod(m_kalshiRest, &net::KalshiRestPoller::stop, Qt::BlockingQueuedConnection);
    m_netThread.stop();
    QMetaObject::invokeMethod(m_writer, &storage::TradeWriter::drain, Qt::BlockingQueuedConnection);
    QMetaObject::invokeMethod(m_writer, &storage::TradeWriter::close, Qt::BlockingQueuedConnection);
    m_storageThread.stop();
    // The writer's last "stored" report is queued to this object; take it before anyone reads the summary.
    QCoreApplication::sendPostedEvents(this);
}

} // namespace longshot::app
