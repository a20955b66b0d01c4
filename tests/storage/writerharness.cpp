#include "tests/storage/writerharness.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace longshot::test {

WriterSignals::WriterSignals(storage::TradeWriter *writer) {
    using W = storage::TradeWriter;
    connect(writer, &W::stored, this, &WriterSignals::stored, Qt::QueuedConnection);
    connect(writer, &W::storageError, this, &WriterSignals::storageError, Qt::QueuedConnection);
    connect(writer, &W::gapRecorded, this, &WriterSignals::gapRecorded, Qt::QueuedConnection);
    connect(writer, &W::gapFilled, this, &WriterSignals::gapFilled, Qt::QueuedConnection);
    connect(writer, &W::backlogOverflow, this, &WriterSignals::backlogOverflow, Qt::QueuedConnection);
    connect(writer, &W::newestTradeMs, this, &WriterSignals::newestTradeMs, Qt::QueuedConnection);
}

WriterHarness::WriterHarness(const storage::DatabaseConfig &config, int queueCapacity)
    : m_queue(std::make_shared<BoundedBatchQueue>(queueCapacity))
    , m_writer(new storage::TradeWriter(config, m_queue))
    , m_signals(m_writer) {
    m_thread.setObjectName(u"storage"_s);
    m_writer->setRetryDelays(20, 200);
}

WriterHarness::~WriterHarness() {
    stop();
    delete m_writer;
}

bool WriterHarness::start(QString *message) {
    m_writer->moveToThread(&m_thread);
    m_thread.start();
    QSignalSpy opened(m_writer, &storage::TradeWriter::opened);
    QMetaObject::invokeMethod(m_writer, &storage::TradeWriter::open, Qt::QueuedConnection);
    if (!opened.wait(10'000)) {
        *message = u"writer did not answer open()"_s;
        return false;
    }
    *message = opened.at(0).at(1).toString();
    return opened.at(0).at(0).toBool();
}

void WriterHarness::drain() {
    QMetaObject::invokeMethod(m_writer, &storage::TradeWriter::drain, Qt::QueuedConnection);
}

void WriterHarness::recordGap(const GapRange &gap) {
    QMetaObject::invokeMethod(
        m_writer, [w = m_writer, gap] { w->recordGap(gap); }, Qt::QueuedConnection);
}

void WriterHarness::markGapFilled(qint64 id) {
    QMetaObject::invokeMethod(
        m_writer, [w = m_writer, id] { w->markGapFilled(id); }, Qt::QueuedConnection);
}

void WriterHarness::queryNewestTrade() {
    QMetaObject::invokeMethod(m_writer, &storage::TradeWriter::queryNewestTrade, Qt::QueuedConnection);
}

void WriterHarness::stop() {
    if (m_stopped)
        return;
    m_stopped = true;
    if (m_thread.isRunning()) {
        QSignalSpy closed(m_writer, &storage::TradeWriter::closed);
        QMetaObject::invokeMethod(m_writer, &storage::TradeWriter::close, Qt::QueuedConnection);
        closed.wait(10'000);
        m_thread.quit();
        m_thread.wait();
    }
}

} // namespace longshot::test
