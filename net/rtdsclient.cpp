#include "net/rtdsclient.h"

#include "net/netlog.h"

#include <QDateTime>
#include <QTimer>
#include <QWebSocket>

namespace longshot::net {
namespace {

constexpr std::size_t kRecentKeys = 50'000;
// Extra history fetched before a gap's start, because exchange time and our clock disagree.
constexpr qint64 kGapMarginMs = 30'000;

qint64 nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

QByteArray subscribeMessage(const char *type) {
    // Compact JSON: the server compares filters as exact strings; one type per message so a
    // refused subscription cannot take the other down with it.
    return QByteArray(R"({"action":"subscribe","subscriptions":[{"topic":"activity","type":")") + type +
           QByteArray(R"(","filters":""}]})");
}

} // namespace

RtdsClient::RtdsClient(RtdsConfig config, std::shared_ptr<BoundedBatchQueue> storageQueue)
    : m_config(std::move(config))
    , m_queue(std::move(storageQueue))
    , m_pingTimer(new QTimer(this))
    , m_watchdog(new QTimer(this))
    , m_flushTimer(new QTimer(this))
    , m_statusTimer(new QTimer(this))
    , m_reconnectTimer(new QTimer(this)) {
    m_status.feed = QStringLiteral("polymarket.rtds");
    m_pingTimer->setInterval(m_config.pingInterval);
    m_watchdog->setInterval(
        std::chrono::milliseconds(std::clamp<qint64>(m_config.stallAfter.count() / 4, 50, 1000)));
    m_flushTimer->setInterval(m_config.flushInterval);
    m_statusTimer->setInterval(std::chrono::milliseconds(1000));
    m_reconnectTimer->setSingleShot(true);
    connect(m_pingTimer, &QTimer::timeout, this, [this] {
        if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState)
            m_socket->sendTextMessage(QStringLiteral("ping"));
    });
    connect(m_watchdog, &QTimer::timeout, this, &RtdsClient::checkLiveness);
    connect(m_flushTimer, &QTimer::timeout, this, &RtdsClient::flush);
    connect(m_statusTimer, &QTimer::timeout, this, &RtdsClient::sampleRate);
    connect(m_reconnectTimer, &QTimer::timeout, this, &RtdsClient::connectSocket);
}

RtdsClient::~RtdsClient() {
    tearDownSocket();
}

void RtdsClient::start() {
    if (m_running)
        return;
    m_running = true;
    m_statusClock.start();
    m_flushTimer->start();
    m_statusTimer->start();
    m_watchdog->start();
    connectSocket();
}

void RtdsClient::stop() {
    m_running = false;
    flush();
    m_pingTimer->stop();
    m_watchdog->stop();
    m_flushTimer->stop();
    m_reconnectTimer->stop();
    tearDownSocket();
    setState(FeedState::Disconnected);
    publishStatus();
    m_statusTimer->stop();
}

void RtdsClient::tearDownSocket() {
    if (!m_socket)
        return;
    m_socket->disconnect(this);
    m_socket->abort();
    m_socket->deleteLater();
    m_socket = nullptr;
}

void RtdsClient::connectSocket() {
    if (!m_running)
        return;
    tearDownSocket();
    setState(FeedState::Connecting);
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    connect(m_socket, &QWebSocket::connected, this, &RtdsClient::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &RtdsClient::onDisconnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &RtdsClient::onTextMessage);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, &RtdsClient::onBinaryMessage);
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this](QAbstractSocket::SocketError) {
                if (m_socket)
                    m_status.lastError = m_socket->errorString();
            });
    m_connectedAtMs = nowMs();
    m_lastDataMs = m_connectedAtMs; // the stall clock starts at connect
    m_socket->open(m_config.url);
}

void RtdsClient::onConnected() {
    setState(FeedState::Subscribing);
    m_socket->sendTextMessage(QString::fromLatin1(subscribeMessage("trades")));
    if (m_config.subscribeOrdersMatched)
        m_socket->sendTextMessage(QString::fromLatin1(subscribeMessage("orders_matched")));
    m_socket->sendTextMessage(QStringLiteral("ping"));
    m_pingTimer->start();
    m_connectedAtMs = nowMs();
    m_lastDataMs = m_connectedAtMs;
    if (m_everConnected) {
        // Whatever happened between the last trade we saw and now may be missing.
        const qint64 from =
            (m_status.lastTradeMs > 0 ? m_status.lastTradeMs
                                      : (m_disconnectedAtMs > 0 ? m_disconnectedAtMs : m_connectedAtMs)) -
            kGapMarginMs;
        Q_EMIT gapDetected(GapRange{0, m_status.feed, from, m_connectedAtMs, QStringLiteral("reconnect")});
    }
    m_everConnected = true;
    qCInfo(lcRtds).noquote() << "connected to" << m_config.url.toString();
}

void RtdsClient::onDisconnected() {
    m_pingTimer->stop();
    if (m_disconnectedAtMs == 0 || m_disconnectedAtMs < m_connectedAtMs)
        m_disconnectedAtMs = m_lastDataMs;
    if (!m_running)
        return;
    qCInfo(lcRtds).noquote() << "disconnected:" << (m_socket ? m_socket->closeReason() : QString())
                             << m_status.lastError;
    scheduleReconnect();
}

void RtdsClient::scheduleReconnect() {
    if (!m_running || m_reconnectTimer->isActive())
        return;
    setState(FeedState::Reconnecting);
    const auto delay = jitteredBackoff(m_attempt++, m_config.backoff, m_rng);
    ++m_status.reconnects;
    m_reconnectTimer->start(delay);
}

void RtdsClient::hardReconnect(const QString &why) {
    qCWarning(lcRtds).noquote() << "reconnecting:" << why;
    m_status.lastError = why;
    m_disconnectedAtMs = m_lastDataMs;
    tearDownSocket();
    m_pingTimer->stop();
    scheduleReconnect();
}

void RtdsClient::checkLiveness() {
    if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    const qint64 now = nowMs();
    // Pings keep answering on a frozen RTDS socket, so only data counts as life.
    if (now - m_lastDataMs > m_config.stallAfter.count()) {
        setState(FeedState::Stalled);
        hardReconnect(QStringLiteral("no trade for %1 s").arg(m_config.stallAfter.count() / 1000.0));
        return;
    }
    if (m_config.proactiveReconnect.count() > 0 &&
        now - m_connectedAtMs > m_config.proactiveReconnect.count()) {
        m_attempt = 0;
        hardReconnect(QStringLiteral("scheduled refresh"));
    }
}

void RtdsClient::onTextMessage(const QString &message) {
    const QByteArray utf8 = message.toUtf8();
    handleFrame(utf8);
}

void RtdsClient::onBinaryMessage(const QByteArray &message) {
    handleFrame(message);
}

bool RtdsClient::rememberKey(const QString &key) {
    if (m_recentKeys.contains(key))
        return false;
    m_recentKeys.insert(key);
    m_recentOrder.push_back(key);
    if (m_recentOrder.size() > kRecentKeys) {
        m_recentKeys.remove(m_recentOrder.front());
        m_recentOrder.pop_front();
    }
    return true;
}

void RtdsClient::handleFrame(QByteArrayView frame) {
    ++m_status.messagesReceived;
    ParseResult result = m_parser.parseFrame(frame, nowMs());
    for (RejectReason reason : std::as_const(result.rejects))
        ++m_status.rejectedByReason[rejectReasonName(reason)];
    if (!result.serverError.isEmpty()) {
        m_status.lastError = result.serverError;
        qCWarning(lcRtds).noquote() << "server refused a subscription:" << result.serverError;
    }
    if (result.trades.isEmpty())
        return;
    m_lastDataMs = nowMs();
    m_attempt = 0;
    if (m_status.state != FeedState::Live)
        setState(FeedState::Live);
    for (Trade &trade : result.trades) {
        ++m_status.tradesReceived;
        m_status.lastTradeMs = std::max(m_status.lastTradeMs, trade.timestampMs);
        if (!rememberKey(trade.naturalKey())) {
            ++m_status.duplicatesDropped;
            continue;
        }
        const auto notional = trade.notional();
        if (!notional) {
            ++m_status.rejectedByReason[QStringLiteral("notional overflow")];
            continue;
        }
        if (*notional < m_config.minNotional)
            continue;
        m_pending.append(std::move(trade));
    }
    if (m_pending.size() >= m_config.flushMaxTrades)
        flush();
}

void RtdsClient::flush() {
    if (m_pending.isEmpty())
        return;
    TradeBatch batch = std::exchange(m_pending, {});
    Q_EMIT tradesReceived(batch);
    if (!m_queue)
        return;
    qint64 from = std::numeric_limits<qint64>::max();
    qint64 to = 0;
    for (const Trade &t : std::as_const(batch)) {
        from = std::min(from, t.timestampMs);
        to = std::max(to, t.timestampMs);
    }
    if (m_queue->tryPush(std::move(batch))) {
        Q_EMIT storageBatchQueued();
        return;
    }
    // The writer is behind: never wait for it. Record what was refused so REST can refill it.
    ++m_status.droppedBatches;
    Q_EMIT gapDetected(GapRange{0, m_status.feed, from, to, QStringLiteral("storage queue full")});
}

void RtdsClient::setState(FeedState state) {
    if (m_status.state == state)
        return;
    m_status.state = state;
    publishStatus();
}

void RtdsClient::publishStatus() {
    Q_EMIT statusChanged(m_status);
}

void RtdsClient::sampleRate() {
    const qint64 elapsed = m_statusClock.isValid() ? m_statusClock.restart() : 0;
    if (elapsed > 0)
        m_status.messagesPerSecond =
            double(m_status.messagesReceived - m_messagesAtLastStatus) * 1000.0 / double(elapsed);
    m_messagesAtLastStatus = m_status.messagesReceived;
    publishStatus();
}

} // namespace longshot::net
