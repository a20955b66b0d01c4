#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QProgressBar;
class QToolButton;

namespace longshot::views {

// Play a stored time range back through the whale tape: play / pause, stop, speed
// (1× … 1000×) and a clock showing the replay time. Only shows state; the app drives it.
class ReplayControls final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReplayControls)
public:
    enum class State : quint8 { Stopped = 1, Playing, Paused };

    explicit ReplayControls(QWidget *parent = nullptr);
    ~ReplayControls() override;

    static QList<int> speeds() { return {1, 10, 60, 100, 300, 1000}; }
    int speed() const;
    State state() const { return m_state; }

    void setState(State state);
    // Replay clock (exchange time being replayed) and how far through the range it is.
    void setClock(qint64 replayMs, int permille);
    void setMessage(const QString &text);

Q_SIGNALS:
    void playRequested();
    void pauseRequested();
    void stopRequested();
    void speedChanged(int speed);

private:
    QToolButton *m_play;
    QToolButton *m_stop;
    QComboBox *m_speed;
    QLabel *m_clock;
    QProgressBar *m_progress;
    State m_state = State::Stopped;
};

} // namespace longshot::views
