#include "net/feedsocket.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QNetworkRequest>
#include <QTimer>
#include <QWebSocket>

#include <algorithm>

namespace longshot::net {
namespace {

constexpr std::size_t kRecentKeys = 50'000;
// Extra history asked of REST before a gap's start: exchange time and our clock disagree.
constexpr qint64 kGapMarginMs = 30'000;

qint64 nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

FeedSocket::FeedSocket(FeedSocketConfig config, std::shared_ptr<BoundedBatchQueue> storageQueue,
                       LogCategory log)
    : m_socketConfig(std::move(config))
    , m_queue(std::move(storageQueue))
    , m_log(log)
    , m_pingTimer(new QTimer(this))
    , m_watchdog(new QTimer(this))
    , m_flushTimer(new QTimer(this))
    , m_statusTimer(new QTimer(this))
    , m_reconnectTimer(new QTimer(this)) {
    m_status.feed = m_socketConfig.feed;
    m_pingTimer->setInterval(m_socketConfig.pingInterval);
    m_watchdog->setInterval(
        std::chrono::milliseconds(std::clamp<qint64>(m_socketConfig.silenceLimit.count() / 4, 50, 1000)));
    m_flushTimer->setInterval(m_socketConfig.flushInterval);
    m_statusTimer->setInterval(std::chrono::milliseconds(1000));
    m_reconnectTimer->setSingleShot(true);
    connect(m_pingTimer, &QTimer::timeout, this, [this] {
        if (!isConnected())
            return;
        if (m_socketConfig.pingAsText)
            m_socket->sendTextMessage(QStringLiteral("ping"));
        else
            m_socket->ping();
    });
    connect(m_watchdog, &QTimer::timeout, this, &FeedSocket::checkLiveness);
    connect(m_flushTimer, &QTimer::timeout, this, &FeedSocket::flush);
    connect(m_statusTimer, &QTimer::timeout, this, &FeedSocket::sampleRate);
    connect(m_reconnectTimer, &QTimer::timeout, this, &FeedSocket::connectSocket);
}

FeedSocket::~FeedSocket() {
    tearDownSocket();
}

void FeedSocket::start() {
    if (m_running)
        return;
    m_running = true;
    m_statusClock.start();
    m_flushTimer->start();
    m_statusTimer->start();
    m_watchdog->start();
    onStarted();
    connectSocket();
}

void FeedSocket::stop() {
    m_running = false;
    flush();
    m_pingTimer->stop();
    m_watchdog->stop();
    m_flushTimer->stop();
    m_reconnectTimer->stop();
    onStopping();
    tearDownSocket();
    if (!m_authFailed)
        setState(FeedState::Disconnected);
    publishStatus();
    m_statusTimer->stop();
}

bool FeedSocket::isConnected() const {
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

void FeedSocket::tearDownSocket() {
    if (!m_socket)
        return;
    m_socket->disconnect(this);
    m_socket->abort();
    m_socket->deleteLater();
    m_socket = nullptr;
}

bool FeedSocket::prepareConnection(QNetworkRequest &) {
    return true;
}

void FeedSocket::connectSocket() {
    if (!m_running)
        return;
    tearDownSocket();
    setState(FeedState::Connecting);
    QNetworkRequest request(m_socketConfig.url);
    if (!prepareConnection(request))
        return;
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    connect(m_socket, &QWebSocket::connected, this, &FeedSocket::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &FeedSocket::onDisconnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this,
            [this](const QString &message) { handleFrame(message.toUtf8()); });
    connect(m_socket, &QWebSocket::binaryMessageReceived, this,
            [this](const QByteArray &message) { handleFrame(message); });
    if (m_socketConfig.pongIsLife)
        connect(m_socket, &QWebSocket::pong, this, [this](quint64, const QByteArray &) { touchAlive(); });
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this](QAbstractSocket::SocketError) { onSocketError(); });
    ++m_connectionAttempts;
    m_connectedAtMs = nowMs();
    m_lastAliveMs = m_connectedAtMs; // the silence clock starts at connect
    m_socket->open(request);
}

void FeedSocket::onSocketError() {
    if (m_socket)
        m_status.lastError = m_socket->errorString();
}

void FeedSocket::onConnected() {
    m_authFailed = false;
    setState(FeedState::Subscribing);
    m_connectedAtMs = nowMs();
    m_lastAliveMs = m_connectedAtMs;
    subscribe();
    m_pingTimer->start();
    if (m_everConnected) {
        // Whatever happened between the last trade we saw and now may be missing.
        const qint64 fallback = m_disconnectedAtMs > 0 ? m_disconnectedAtMs : m_connectedAtMs;
        Q_EMIT gapDetected(gapSinceLastTrade(fallback, m_connectedAtMs, QStringLiteral("reconnect")));
    }
    m_everConnected = true;
    qCInfo(m_log).noquote() << m_status.feed << "connected to" << m_socketConfig.url.toString();
}

void FeedSocket::onDisconnected() {
    m_pingTimer->stop();
    // Failed attempts in a row keep the time the data first stopped.
    if (m_disconnectedAtMs == 0 || m_disconnectedAtMs < m_connectedAtMs)
        m_disconnectedAtMs = m_lastAliveMs;
    if (!m_running || m_authFailed)
        return;
    qCInfo(m_log).noquote() << m_status.feed
                            << "disconnected:" << (m_socket ? m_socket->closeReason() : QString())
                            << m_status.lastError;
    scheduleReconnect();
}

void FeedSocket::scheduleReconnect() {
    if (!m_running || m_reconnectTimer->isActive())
        return;
    setState(FeedState::Reconnecting);
    ++m_status.reconnects;
    m_reconnectTimer->start(jitteredBackoff(m_attempt++, m_socketConfig.backoff, m_rng));
}

void FeedSocket::hardReconnect(const QString &why) {
    qCWarning(m_log).noquote() << m_status.feed << "reconnecting:" << why;
    m_status.lastError = why;
    m_disconnectedAtMs = m_lastAliveMs;
    tearDownSocket();
    m_pingTimer->stop();
    scheduleReconnect();
}

void FeedSocket::failAuthentication(const QString &why, std::chrono::milliseconds retryAfter) {
    qCWarning(m_log).noquote() << m_status.feed << why;
    m_authFailed = true;
    tearDownSocket();
    m_pingTimer->stop();
    m_status.lastError = why;
    setState(FeedState::AuthFailed);
    publishStatus();
    m_reconnectTimer->start(retryAfter);
}

void FeedSocket::resetAuthentication() {
    m_authFailed = false;
    m_attempt = 0;
    if (!m_running)
        return;
    m_reconnectTimer->stop();
    connectSocket();
}

void FeedSocket::touchAlive() {
    m_lastAliveMs = nowMs();
}

void FeedSocket::checkLiveness() {
    if (!isConnected())
        return;
    const qint64 now = nowMs();
    if (now - m_lastAliveMs > m_socketConfig.silenceLimit.count()) {
        setState(FeedState::Stalled);
        hardReconnect(QStringLiteral("no %1 for %2 s")
                          .arg(m_socketConfig.silenceMeaning)
                          .arg(double(m_socketConfig.silenceLimit.count()) / 1000.0));
        return;
    }
    if (m_socketConfig.proactiveReconnect.count() > 0 &&
        now - m_connectedAtMs > m_socketConfig.proactiveReconnect.count()) {
        m_attempt = 0;
        hardReconnect(QStringLiteral("scheduled refresh"));
    }
}

GapRange FeedSocket::gapSinceLastTrade(qint64 fallbackFromMs, qint64 toMs, const QString &reason) const {
    const qint64 from = (m_status.lastTradeMs > 0 ? m_status.lastTradeMs : fallbackFromMs) - kGapMarginMs;
    return GapRange{0, m_status.feed, from, toMs, reason};
}

bool FeedSocket::rememberKey(const QString &key) {
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

void FeedSocket::acceptTrade(Trade trade) {
    m_attempt = 0;
    if (m_status.state != FeedState::Live)
        setState(FeedState::Live);
    ++m_status.tradesReceived;
    m_status.lastTradeMs = std::max(m_status.lastTradeMs, trade.timestampMs);
    if (!rememberKey(trade.naturalKey())) {
        ++m_status.duplicatesDropped;
        return;
    }
    const auto notional = trade.notional();
    if (!notional) {
        ++m_status.rejectedByReason[QStringLiteral("notional overflow")];
        return;
    }
    if (*notional < m_socketConfig.minNotional)
        return;
    m_pending.append(std::move(trade));
    if (m_pending.size() >= m_socketConfig.flushMaxTrades)
        flush();
}

void FeedSocket::flush() {
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

void FeedSocket::setState(FeedState state) {
    if (m_status.state == state)
        return;
    m_status.state = state;
    publishStatus();
}

void FeedSocket::publishStatus() {
    Q_EMIT statusChanged(m_status);
}

void FeedSocket::sampleRate() {
    const qint64 elapsed = m_statusClock.isValid() ? m_statusClock.restart() : 0;
    if (elapsed > 0)
        m_status.messagesPerSecond =
            double(m_status.messagesReceived - m_messagesAtLastStatus) * 1000.0 / double(elapsed);
    m_messagesAtLastStatus = m_status.messagesReceived;
    publishStatus();
}

} // namespace longshot::net
