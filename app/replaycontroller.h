#pragma once

#include "models/domain/historyfilter.h"

#include <QElapsedTimer>
#include <QObject>

class QTimer;

namespace longshot {
class WhaleFeedModel;
namespace storage {
class QueryWorker;
}
namespace views {
class ReplayControls;
}
} // namespace longshot

namespace longshot::app {

// Plays stored trades back through the whale tape at 1×…1000×. Trades come from the query
// worker in chunks (oldest first, keyset), a few chunks ahead of the replay clock; a GUI
// timer advances the clock by wall time × speed and hands the tape every trade the clock
// has passed as one batch. Quiet stretches longer than a few wall seconds are skipped.
class ReplayController final : public QObject {
    Q_OBJECT
public:
    static constexpr int kTickMs = 50;
    static constexpr int kChunk = 2'000;
    static constexpr qint64 kMaxQuietWallMs = 3'000;

    ReplayController(storage::QueryWorker *worker, WhaleFeedModel *target, views::ReplayControls *controls,
                     QObject *parent = nullptr);
    ~ReplayController() override;
    Q_DISABLE_COPY_MOVE(ReplayController)

    // The range (and the other filters) of what to play; set by the History view's filter.
    void setRange(const HistoryFilter &filter) { m_filter = filter; }
    void play();
    void pause();
    void stop();
    void setSpeed(int speed) { m_speed = std::max(1, speed); }

    bool isPlaying() const { return m_playing; }
    qint64 clockMs() const { return m_clockMs; }
    qint64 played() const { return m_played; }

Q_SIGNALS:
    void finished(qint64 trades);

private:
    void onChunk(quint64 requestId, const longshot::HistoryRows &rows, bool atEnd);
    void onFailed(quint64 requestId, const QString &message);
    void requestChunk();
    void tick();
    void showClock();

    storage::QueryWorker *m_worker; // for queued calls only; it lives on the reader thread
    WhaleFeedModel *m_target;
    views::ReplayControls *m_controls;
    QTimer *m_timer;
    QElapsedTimer m_wall;
    HistoryFilter m_filter;
    HistoryRows m_buffer;
    qsizetype m_next = 0;
    HistoryCursor m_cursor;
    quint64 m_requestId = 0;
    quint64 m_pendingId = 0;
    bool m_atEnd = false;
    bool m_playing = false;
    bool m_active = false;
    int m_speed = 60;
    qint64 m_clockMs = 0;
    qint64 m_startMs = 0;
    qint64 m_endMs = 0;
    qint64 m_played = 0;
};

} // namespace longshot::app
