#include "views/feedstatuswidget.h"

#include "views/flashdelegate.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace longshot::views {
namespace {

QLabel *plainLabel(QWidget *parent, const QString &name) {
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setTextFormat(Qt::PlainText);
    return label;
}

QString count(qint64 n) {
    return QLocale(QLocale::English, QLocale::UnitedStates).toString(n);
}

} // namespace

FeedStatusWidget::FeedStatusWidget(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QHBoxLayout(this))
    , m_storage(plainLabel(this, u"storage"_s))
    , m_ageTimer(new QTimer(this))
    , m_now([] { return QDateTime::currentMSecsSinceEpoch(); }) {
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(14);
    m_layout->addWidget(m_storage);
    m_storage->hide();
    m_ageTimer->setInterval(1'000);
    connect(m_ageTimer, &QTimer::timeout, this, &FeedStatusWidget::refreshAges);
}

FeedStatusWidget::~FeedStatusWidget() = default;

void FeedStatusWidget::setClock(std::function<qint64()> nowMs) {
    m_now = std::move(nowMs);
    refreshAges();
}

QString FeedStatusWidget::formatAge(qint64 ageMs) {
    const qint64 s = std::max<qint64>(0, ageMs) / 1'000;
    if (s < 60)
        return QString::number(s) + u's';
    if (s < 3'600)
        return QString::number(s / 60) + u"m " + QString::number(s % 60) + u's';
    if (s < 86'400)
        return QString::number(s / 3'600) + u"h " +
               QStringLiteral("%1").arg(s % 3'600 / 60, 2, 10, QChar(u'0')) + u'm';
    return QString::number(s / 86'400) + u'd';
}

QColor FeedStatusWidget::stateColor(FeedState state) {
    switch (state) {
    case FeedState::Live:
        return QColor(0x18, 0x9E, 0x52);
    case FeedState::Connecting:
    case FeedState::Subscribing:
        return QColor(0x3B, 0x82, 0xF6);
    case FeedState::Stalled:
    case FeedState::Reconnecting:
        return QColor(0xE8, 0x9B, 0x0C);
    case FeedState::AuthFailed:
        return QColor(0xE0, 0x3E, 0x3E);
    case FeedState::Disconnected:
        break;
    }
    return QColor(0x8A, 0x8F, 0x98);
}

FeedStatusWidget::FeedLabels FeedStatusWidget::makeFeed(const QString &feed) {
    FeedLabels f;
    f.box = new QWidget(this);
    auto *row = new QHBoxLayout(f.box);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(6);
    f.dot = plainLabel(f.box, feed + u".dot");
    f.dot->setText(QString(QChar(0x25CF)));
    f.state = plainLabel(f.box, feed + u".state");
    f.rate = plainLabel(f.box, feed + u".rate");
    f.rejected = plainLabel(f.box, feed + u".rejected");
    f.dropped = plainLabel(f.box, feed + u".dropped");
    f.age = plainLabel(f.box, feed + u".age");
    for (QLabel *l : {f.dot, f.state, f.rate, f.rejected, f.dropped, f.age})
        row->addWidget(l);
    // Feeds appear in name order, before the storage label.
    const qsizetype position = std::distance(m_feeds.begin(), m_feeds.lowerBound(feed));
    m_layout->insertWidget(int(position), f.box);
    return f;
}

void FeedStatusWidget::setStatus(const FeedStatus &status) {
    auto it = m_feeds.find(status.feed);
    if (it == m_feeds.end())
        it = m_feeds.insert(status.feed, makeFeed(status.feed));
    FeedLabels &f = *it;
    f.status = status;

    QPalette dotPalette = f.dot->palette();
    dotPalette.setColor(QPalette::WindowText, stateColor(status.state));
    f.dot->setPalette(dotPalette);
    f.state->setText(status.feed + u' ' + feedStateName(status.state));
    QString stateTip = status.feed + u": " + feedStateName(status.state) + u"\nMessages: " +
                       count(status.messagesReceived) + u"\nTrades: " + count(status.tradesReceived) +
                       u"\nDuplicates dropped: " + count(status.duplicatesDropped) + u"\nReconnects: " +
                       count(status.reconnects);
    if (!status.lastError.isEmpty())
        stateTip += u"\nLast error: " + status.lastError;
    // lastError and the reasons may quote exchange text: never let the tooltip read it as markup.
    f.state->setToolTip(plainTextToolTip(stateTip));
    f.dot->setToolTip(plainTextToolTip(stateTip));

    f.rate->setToolTip(u"Messages per second on this connection over the last second: every message the "
                       "exchange sent (trades of any size, heartbeats, acknowledgements), not only the "
                       "trades the whale feed shows"_s);
    f.rate->setText(QLocale(QLocale::English, QLocale::UnitedStates)
                        .toString(status.messagesPerSecond, 'f', status.messagesPerSecond < 10 ? 1 : 0) +
                    u" msg/s");

    qint64 rejected = 0;
    QStringList reasons;
    for (auto r = status.rejectedByReason.cbegin(); r != status.rejectedByReason.cend(); ++r) {
        rejected += r.value();
        reasons << r.key() + u": " + count(r.value());
    }
    f.rejected->setText(u"rejected "_s + count(rejected));
    f.rejected->setToolTip(plainTextToolTip(reasons.isEmpty()
                                                ? u"No rejected messages"_s
                                                : u"Rejected messages by reason\n"_s + reasons.join(u'\n')));
    f.rejected->setVisible(rejected > 0);

    f.dropped->setText(u"dropped "_s + count(status.droppedBatches));
    f.dropped->setToolTip(u"Batches the storage queue refused; recorded as gaps and back-filled later"_s);
    f.dropped->setVisible(status.droppedBatches > 0);
    QPalette warn = f.dropped->palette();
    warn.setColor(QPalette::WindowText, stateColor(FeedState::Stalled));
    f.dropped->setPalette(warn);

    refreshAges();
    updateTimer();
}

void FeedStatusWidget::removeFeed(const QString &feed) {
    const auto it = m_feeds.find(feed);
    if (it == m_feeds.end())
        return;
    delete it->box;
    m_feeds.erase(it);
    updateTimer();
}

void FeedStatusWidget::setStorageStatus(const QString &text) {
    m_storage->setText(text);
    m_storage->setToolTip(u"The local database: trades stored is the count the storage thread has written "
                          "since the terminal started, every trade received above the storage floor "
                          "(--min-usd), whatever the whale feed's display threshold. Duplicates of a fill "
                          "are stored once."_s);
    m_storage->setVisible(!text.isEmpty());
}

void FeedStatusWidget::refreshAges() {
    const qint64 now = m_now();
    for (FeedLabels &f : m_feeds) {
        const qint64 last = f.status.lastTradeMs;
        if (last <= 0) {
            f.age->setText(u"no trades yet"_s);
            f.age->setToolTip(u"No trade has arrived on this connection since it opened"_s);
            continue;
        }
        f.age->setText(u"last trade "_s + formatAge(now - last) + u" ago");
        f.age->setToolTip(
            u"Newest trade, exchange time: "_s +
            QDateTime::fromMSecsSinceEpoch(last, Qt::LocalTime).toString(u"yyyy-MM-dd HH:mm:ss"_s));
    }
}

void FeedStatusWidget::updateTimer() {
    bool anyTrade = false;
    for (const FeedLabels &f : std::as_const(m_feeds))
        anyTrade = anyTrade || f.status.lastTradeMs > 0;
    if (anyTrade && !m_ageTimer->isActive())
        m_ageTimer->start();
    else if (!anyTrade)
        m_ageTimer->stop();
}

} // namespace longshot::views
