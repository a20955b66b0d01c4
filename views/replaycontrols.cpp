#include "views/replaycontrols.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QStyle>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace longshot::views {

ReplayControls::ReplayControls(QWidget *parent)
    : QWidget(parent)
    , m_play(new QToolButton(this))
    , m_stop(new QToolButton(this))
    , m_speed(new QComboBox(this))
    , m_clock(new QLabel(this))
    , m_progress(new QProgressBar(this)) {
    auto *title = new QLabel(tr("Replay range"), this);
    m_play->setObjectName(u"replayPlay"_s);
    m_stop->setObjectName(u"replayStop"_s);
    m_stop->setIcon(style()->standardIcon(QStyle::SP_MediaStop));
    m_stop->setToolTip(tr("Stop the replay"));
    m_speed->setObjectName(u"replaySpeed"_s);
    m_speed->setToolTip(tr("Replay speed: stored seconds per wall-clock second"));
    for (int s : speeds())
        m_speed->addItem(u"%1×"_s.arg(s), s);
    m_speed->setCurrentIndex(speeds().indexOf(60));
    m_clock->setObjectName(u"replayClock"_s);
    m_clock->setTextFormat(Qt::PlainText);
    m_clock->setMinimumWidth(fontMetrics().horizontalAdvance(u"0000-00-00 00:00:00  paused"_s));
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(8);
    m_progress->setMaximumWidth(160);

    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(title);
    row->addWidget(m_play);
    row->addWidget(m_stop);
    row->addWidget(m_speed);
    row->addWidget(m_progress);
    row->addWidget(m_clock);

    connect(m_play, &QToolButton::clicked, this,
            [this] { m_state == State::Playing ? Q_EMIT pauseRequested() : Q_EMIT playRequested(); });
    connect(m_stop, &QToolButton::clicked, this, &ReplayControls::stopRequested);
    connect(m_speed, &QComboBox::currentIndexChanged, this, [this](int) { Q_EMIT speedChanged(speed()); });
    setState(State::Stopped);
}

ReplayControls::~ReplayControls() = default;

int ReplayControls::speed() const {
    return m_speed->currentData().toInt();
}

void ReplayControls::setState(State state) {
    m_state = state;
    const bool playing = state == State::Playing;
    m_play->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    m_play->setToolTip(playing ? tr("Pause the replay")
                               : tr("Play the selected time range through the whale feed"));
    m_stop->setEnabled(state != State::Stopped);
    if (state == State::Stopped) {
        m_progress->setValue(0);
        m_clock->setText(tr("stopped"));
    }
}

void ReplayControls::setClock(qint64 replayMs, int permille) {
    const QString at =
        QDateTime::fromMSecsSinceEpoch(replayMs, Qt::LocalTime).toString(u"yyyy-MM-dd HH:mm:ss"_s);
    m_clock->setText(m_state == State::Paused ? at + u"  "_s + tr("paused") : at);
    m_progress->setValue(std::clamp(permille, 0, 1000));
}

void ReplayControls::setMessage(const QString &text) {
    m_clock->setText(text);
}

} // namespace longshot::views
