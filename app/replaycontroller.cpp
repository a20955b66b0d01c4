#include "app/replaycontroller.h"

#include "models/whalefeedmodel.h"
#include "storage/queryworker.h"
#include "views/replaycontrols.h"

#include <QDateTime>
#include <QTimer>

namespace longshot::app {

using State = views::ReplayControls::State;

ReplayController::ReplayController(storage::QueryWorker *worker, WhaleFeedModel *target,
                                   views::ReplayControls *controls, QObject *parent)
    : QObject(parent)
    , m_worker(worker)
    , m_target(target)
    , m_controls(controls)
    , m_timer(new QTimer(this)) {
    m_timer->setInterval(kTickMs);
    connect(m_timer, &QTimer::timeout, this, &ReplayController::tick);
    connect(m_worker, &storage::QueryWorker::forwardReady, this, &ReplayController::onChunk);
    connect(m_worker, &storage::QueryWorker::requestFailed, this, &ReplayController::onFailed);
    if (m_controls) {
        m_speed = m_controls->speed();
        connect(m_controls, &views::ReplayControls::playRequested, this, &ReplayController::play);
        connect(m_controls, &views::ReplayControls::pauseRequested, this, &ReplayController::pause);
        connect(m_controls, &views::ReplayControls::stopRequested, this, &ReplayController::stop);
        connect(m_controls, &views::ReplayControls::speedChanged, this, &ReplayController::setSpeed);
    }
}

ReplayController::~ReplayController() = default;

void ReplayController::play() {
    if (!m_active) {
        // A fresh run: the tape shows only the replayed trades.
        m_active = true;
        m_buffer.clear();
        m_next = 0;
        m_cursor = {};
        m_atEnd = false;
        m_played = 0;
        m_startMs = m_filter.fromMs;
        m_endMs = m_filter.toMs > 0 ? m_filter.toMs : QDateTime::currentMSecsSinceEpoch();
        m_clockMs = 0; // set from the first trade when the range is open-ended
        if (m_target)
            m_target->clear();
        requestChunk();
    }
    m_playing = true;
    m_wall.start();
    m_timer->start();
    if (m_controls)
        m_controls->setState(State::Playing);
}

void ReplayController::pause() {
    if (!m_playing)
        return;
    m_playing = false;
    m_timer->stop();
    if (m_controls) {
        m_controls->setState(State::Paused);
        showClock();
    }
}

void ReplayController::stop() {
    m_timer->stop();
    m_playing = false;
    m_active = false;
    m_pendingId = 0; // a chunk still on its way is stale now
    m_buffer.clear();
    m_next = 0;
    if (m_controls)
        m_controls->setState(State::Stopped);
}

void ReplayController::requestChunk() {
    if (m_pendingId != 0 || m_atEnd)
        return;
    m_pendingId = ++m_requestId;
    QMetaObject::invokeMethod(m_worker, [w = m_worker, id = m_pendingId, f = m_filter, after = m_cursor] {
        w->requestForward(id, f, after, kChunk);
    });
}

void ReplayController::onChunk(quint64 requestId, const HistoryRows &rows, bool atEnd) {
    if (requestId != m_pendingId || !m_active)
        return;
    m_pendingId = 0;
    m_atEnd = atEnd;
    if (!rows.isEmpty()) {
        m_cursor = cursorAfter(rows.constLast());
        if (m_clockMs == 0) {
            m_clockMs = std::max(m_startMs, rows.constFirst().trade.timestampMs - 1);
            if (m_startMs == 0)
                m_startMs = m_clockMs;
        }
    }
    // Drop what was played, keep what is still ahead of the clock.
    m_buffer = m_buffer.mid(m_next) + rows;
    m_next = 0;
    if (m_atEnd && m_buffer.isEmpty() && m_played == 0 && m_controls)
        m_controls->setMessage(tr("nothing stored in this range"));
}

void ReplayController::onFailed(quint64 requestId, const QString &message) {
    if (requestId != m_pendingId)
        return;
    stop();
    if (m_controls)
        m_controls->setMessage(tr("replay failed: %1").arg(message));
}

void ReplayController::tick() {
    const qint64 wallMs = m_wall.restart();
    if (m_clockMs == 0) {
        if (m_atEnd)
            stop();
        return; // the first chunk is not here yet
    }
    const bool waiting = m_next >= m_buffer.size();
    if (!waiting) {
        qint64 next = m_clockMs + wallMs * m_speed;
        const qint64 upcoming = m_buffer.at(m_next).trade.timestampMs;
        // Skip a quiet stretch: at 1× an idle hour would otherwise be an hour of nothing.
        if ((upcoming - next) / m_speed > kMaxQuietWallMs)
            next = upcoming - kMaxQuietWallMs * m_speed / 3;
        m_clockMs = next;
    } else if (!m_atEnd) {
        requestChunk(); // the clock holds until the next chunk arrives
        return;
    }
    TradeBatch batch;
    while (m_next < m_buffer.size() && m_buffer.at(m_next).trade.timestampMs <= m_clockMs) {
        Trade t = m_buffer.at(m_next).trade;
        t.source = TradeSource::Replay;
        batch << t;
        ++m_next;
    }
    if (!batch.isEmpty()) {
        m_played += batch.size();
        if (m_target)
            m_target->appendBatch(batch);
    }
    if (m_buffer.size() - m_next < kChunk / 2)
        requestChunk();
    if (m_atEnd && m_next >= m_buffer.size() && m_pendingId == 0) {
        const qint64 played = m_played;
        stop();
        if (m_controls)
            m_controls->setMessage(tr("finished: %L1 trades").arg(played));
        Q_EMIT finished(played);
        return;
    }
    showClock();
}

void ReplayController::showClock() {
    if (!m_controls || m_clockMs == 0)
        return;
    const qint64 span = std::max<qint64>(1, m_endMs - m_startMs);
    m_controls->setClock(m_clockMs, int((m_clockMs - m_startMs) * 1000 / span));
}

} // namespace longshot::app
