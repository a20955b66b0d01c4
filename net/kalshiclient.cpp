#include "net/kalshiclient.h"

#include "net/netlog.h"

#include <QDateTime>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QTimer>
#include <QWebSocket>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace longshot::net {
namespace {

constexpr std::size_t kRecentKeys = 50'000;
// Extra history asked of REST before a gap's start: exchange time and our clock disagree.
constexpr qint64 kGapMarginMs = 30'000;
constexpr char kDefaultWsPath[] = "/trade-api/ws/v2";

qint64 nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

QByteArray channelName(int channel) {
    switch (channel) {
    case 1:
        return "trade";
    case 2:
        return "ticker";
    default:
        return "orderbook_delta";
    }
}

QByteArray jsonStringList(const QStringList &items) {
    QByteArray out = "[";
    for (const QString &item : items) {
        if (out.size() > 1)
            out += ',';
        out += '"';
        // Tickers are [A-Z0-9.-]; anything needing escapes is not a ticker we send.
        for (const char c : item.toUtf8())
            if (c != '"' && c != '\\' && uchar(c) >= 0x20)
                out += c;
        out += '"';
    }
    out += ']';
    return out;
}

QStringList sorted(const QSet<QString> &set) {
    QStringList list(set.cbegin(), set.cend());
    list.sort();
    return list;
}

// Qt 6.4 reports a refused upgrade only in the error text ("Unhandled http status code: 401").
int httpStatusIn(const QString &error) {
    static const QRegularExpression re(u"status code:?\\s*(\\d{3})"_s,
                                       QRegularExpression::CaseInsensitiveOption);
    const auto m = re.match(error);
    return m.hasMatch() ? m.captured(1).toInt() : 0;
}

} // namespace

KalshiClient::KalshiClient(KalshiWsConfig config, std::shared_ptr<const KalshiSigner> signer,
                           std::shared_ptr<BoundedBatchQueue> storageQueue)
    : m_config(std::move(config))
    , m_signer(std::move(signer))
    , m_queue(std::move(storageQueue))
    , m_pingTimer(new QTimer(this))
    , m_watchdog(new QTimer(this))
    , m_flushTimer(new QTimer(this))
    , m_bookTimer(new QTimer(this))
    , m_statusTimer(new QTimer(this))
    , m_reconnectTimer(new QTimer(this)) {
    m_status.feed = u"kalshi.ws"_s;
    m_pingTimer->setInterval(m_config.pingInterval);
    m_watchdog->setInterval(
        std::chrono::milliseconds(std::clamp<qint64>(m_config.silenceLimit.count() / 4, 50, 1000)));
    m_flushTimer->setInterval(m_config.flushInterval);
    m_bookTimer->setInterval(m_config.bookInterval);
    m_statusTimer->setInterval(std::chrono::milliseconds(1000));
    m_reconnectTimer->setSingleShot(true);
    connect(m_pingTimer, &QTimer::timeout, this, [this] {
        if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState)
            m_socket->ping();
    });
    connect(m_watchdog, &QTimer::timeout, this, &KalshiClient::checkLiveness);
    connect(m_flushTimer, &QTimer::timeout, this, &KalshiClient::flush);
    connect(m_bookTimer, &QTimer::timeout, this, &KalshiClient::publishBooks);
    connect(m_statusTimer, &QTimer::timeout, this, &KalshiClient::sampleRate);
    connect(m_reconnectTimer, &QTimer::timeout, this, &KalshiClient::connectSocket);
}

KalshiClient::~KalshiClient() {
    tearDownSocket();
}

void KalshiClient::start() {
    if (m_running)
        return;
    m_running = true;
    m_statusClock.start();
    m_flushTimer->start();
    m_bookTimer->start();
    m_statusTimer->start();
    m_watchdog->start();
    connectSocket();
}

void KalshiClient::stop() {
    m_running = false;
    flush();
    m_pingTimer->stop();
    m_watchdog->stop();
    m_flushTimer->stop();
    m_bookTimer->stop();
    m_reconnectTimer->stop();
    tearDownSocket();
    if (!m_authFailed)
        setState(FeedState::Disconnected);
    publishStatus();
    m_statusTimer->stop();
}

void KalshiClient::setSigner(std::shared_ptr<const KalshiSigner> signer) {
    m_signer = std::move(signer);
    m_authFailed = false;
    m_attempt = 0;
    if (!m_running)
        return;
    m_reconnectTimer->stop();
    connectSocket();
}

void KalshiClient::tearDownSocket() {
    if (!m_socket)
        return;
    m_socket->disconnect(this);
    m_socket->abort();
    m_socket->deleteLater();
    m_socket = nullptr;
}

void KalshiClient::connectSocket() {
    if (!m_running)
        return;
    tearDownSocket();
    m_subs.clear();
    m_commands.clear();
    m_seq.clear();
    for (MarketBook &b : m_books)
        b.synced = false;
    setState(FeedState::Connecting);

    QNetworkRequest request(m_config.url);
    if (m_signer) {
        const QByteArray path =
            m_config.url.path().isEmpty() ? QByteArray(kDefaultWsPath) : m_config.url.path().toUtf8();
        const auto headers = m_signer->headersFor("GET", path, nowMs());
        if (!headers) {
            authFailed(tr("Kalshi request signing failed; check the key file"));
            return;
        }
        request.setRawHeader(KalshiAuthHeaders::kKeyHeader, headers->key);
        request.setRawHeader(KalshiAuthHeaders::kTimestampHeader, headers->timestamp);
        request.setRawHeader(KalshiAuthHeaders::kSignatureHeader, headers->signature);
    }
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    connect(m_socket, &QWebSocket::connected, this, &KalshiClient::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &KalshiClient::onDisconnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this,
            [this](const QString &message) { handleFrame(message.toUtf8()); });
    connect(m_socket, &QWebSocket::binaryMessageReceived, this,
            [this](const QByteArray &message) { handleFrame(message); });
    connect(m_socket, &QWebSocket::pong, this,
            [this](quint64, const QByteArray &) { m_lastHeardMs = nowMs(); });
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            &KalshiClient::onSocketError);
    ++m_connectionAttempts;
    m_lastHeardMs = nowMs(); // the silence clock starts at connect
    m_socket->open(request);
}

void KalshiClient::onSocketError() {
    if (!m_socket)
        return;
    const QString error = m_socket->errorString();
    m_status.lastError = error;
    const int status = httpStatusIn(error);
    if (status == 401 || status == 403)
        authFailed(tr("Kalshi refused the API key (HTTP %1). Check the key id and key file, and that the "
                      "system clock is right.")
                       .arg(status));
}

void KalshiClient::authFailed(const QString &why) {
    qCWarning(lcNet).noquote() << "kalshi.ws:" << why;
    m_authFailed = true;
    tearDownSocket();
    m_pingTimer->stop();
    m_status.lastError = why;
    setState(FeedState::AuthFailed);
    publishStatus();
    // One quiet retry much later (a clock that was off may have been fixed); new credentials
    // through setSigner() retry at once.
    m_reconnectTimer->start(m_config.authRetryAfter);
}

void KalshiClient::onConnected() {
    m_authFailed = false;
    setState(FeedState::Subscribing);
    m_lastHeardMs = nowMs();
    m_pingTimer->start();
    if (m_config.subscribeTrades)
        subscribe(Channel::Trade, {});
    syncWatched();
    if (m_everConnected) {
        const qint64 connectedAt = nowMs();
        const qint64 from =
            (m_status.lastTradeMs > 0 ? m_status.lastTradeMs
                                      : (m_disconnectedAtMs > 0 ? m_disconnectedAtMs : connectedAt)) -
            kGapMarginMs;
        Q_EMIT gapDetected(GapRange{0, m_status.feed, from, connectedAt, u"reconnect"_s});
    }
    m_everConnected = true;
    qCInfo(lcNet).noquote() << "kalshi.ws connected to" << m_config.url.toString();
}

void KalshiClient::onDisconnected() {
    m_pingTimer->stop();
    m_disconnectedAtMs = m_lastHeardMs;
    if (!m_running || m_authFailed)
        return;
    qCInfo(lcNet).noquote() << "kalshi.ws disconnected:" << (m_socket ? m_socket->closeReason() : QString())
                            << m_status.lastError;
    scheduleReconnect();
}

void KalshiClient::scheduleReconnect() {
    if (!m_running || m_reconnectTimer->isActive())
        return;
    setState(FeedState::Reconnecting);
    ++m_status.reconnects;
    m_reconnectTimer->start(jitteredBackoff(m_attempt++, m_config.backoff, m_rng));
}

void KalshiClient::hardReconnect(const QString &why) {
    qCWarning(lcNet).noquote() << "kalshi.ws reconnecting:" << why;
    m_status.lastError = why;
    m_disconnectedAtMs = m_lastHeardMs;
    tearDownSocket();
    m_pingTimer->stop();
    scheduleReconnect();
}

void KalshiClient::checkLiveness() {
    if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    if (nowMs() - m_lastHeardMs > m_config.silenceLimit.count()) {
        setState(FeedState::Stalled);
        hardReconnect(u"no frame or pong for %1 s"_s.arg(m_config.silenceLimit.count() / 1000.0));
    }
}

// --- commands ---------------------------------------------------------------------------

qint64 KalshiClient::sendCommand(const QByteArray &cmd, const QByteArray &params, Command command) {
    if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState)
        return -1;
    const qint64 id = m_nextCommandId++;
    m_commands.insert(id, command);
    const QByteArray text =
        "{\"id\":" + QByteArray::number(id) + ",\"cmd\":\"" + cmd + "\",\"params\":" + params + '}';
    m_socket->sendTextMessage(QString::fromUtf8(text));
    return id;
}

void KalshiClient::subscribe(Channel channel, const QStringList &tickers) {
    QByteArray params = "{\"channels\":[\"" + channelName(int(channel)) + "\"]";
    if (!tickers.isEmpty())
        params += ",\"market_tickers\":" + jsonStringList(tickers);
    params += '}';
    const qint64 id = sendCommand("subscribe", params, Command{Command::Kind::Subscribe, channel});
    if (id < 0)
        return;
    Subscription sub;
    sub.commandId = id;
    sub.tickers = QSet<QString>(tickers.cbegin(), tickers.cend());
    m_subs.insert(channel, sub);
}

void KalshiClient::resubscribe(Channel channel, bool ended) {
    const auto it = m_subs.find(channel);
    if (it != m_subs.end()) {
        if (it->sid >= 0)
            m_seq.forget(it->sid);
        if (it->sid >= 0 && !ended) {
            sendCommand("unsubscribe", "{\"sids\":[" + QByteArray::number(it->sid) + "]}",
                        Command{Command::Kind::Unsubscribe, channel});
        }
        m_subs.erase(it);
    }
    if (channel == Channel::Orderbook)
        for (MarketBook &b : m_books)
            b.synced = false;
    if (channel == Channel::Trade) {
        if (m_config.subscribeTrades) {
            subscribe(Channel::Trade, {});
            // Trades sent while the subscription was down are gone from the socket.
            Q_EMIT gapDetected(GapRange{
                0, m_status.feed, (m_status.lastTradeMs > 0 ? m_status.lastTradeMs : nowMs()) - kGapMarginMs,
                nowMs(), u"subscription ended"_s});
        }
        return;
    }
    syncWatched();
}

void KalshiClient::watchMarket(const QString &ticker) {
    if (ticker.isEmpty() || m_watched.contains(ticker))
        return;
    m_watched.insert(ticker);
    m_books.insert(ticker, MarketBook{});
    syncWatched();
}

void KalshiClient::unwatchMarket(const QString &ticker) {
    if (!m_watched.remove(ticker))
        return;
    m_books.remove(ticker);
    m_dirtyBooks.remove(ticker);
    syncWatched();
}

void KalshiClient::syncWatched() {
    if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    for (const Channel channel : {Channel::Ticker, Channel::Orderbook}) {
        auto it = m_subs.find(channel);
        if (it == m_subs.end()) {
            if (!m_watched.isEmpty())
                subscribe(channel, sorted(m_watched));
            continue;
        }
        if (it->sid < 0)
            continue; // called again once the server confirms
        if (m_watched.isEmpty()) {
            m_seq.forget(it->sid);
            sendCommand("unsubscribe", "{\"sids\":[" + QByteArray::number(it->sid) + "]}",
                        Command{Command::Kind::Unsubscribe, channel});
            m_subs.erase(it);
            continue;
        }
        const QSet<QString> add = m_watched - it->tickers;
        const QSet<QString> remove = it->tickers - m_watched;
        const QByteArray sid = QByteArray::number(it->sid);
        if (!add.isEmpty())
            sendCommand("update_subscription",
                        "{\"sids\":[" + sid + "],\"market_tickers\":" + jsonStringList(sorted(add)) +
                            ",\"action\":\"add_markets\"}",
                        Command{Command::Kind::Update, channel});
        if (!remove.isEmpty())
            sendCommand("update_subscription",
                        "{\"sids\":[" + sid + "],\"market_tickers\":" + jsonStringList(sorted(remove)) +
                            ",\"action\":\"delete_markets\"}",
                        Command{Command::Kind::Update, channel});
        it->tickers = m_watched;
    }
}

void KalshiClient::requestSnapshot(qint64 sid) {
    auto it = m_subs.find(Channel::Orderbook);
    if (it == m_subs.end() || it->sid != sid)
        return;
    ++m_resyncs;
    for (const QString &ticker : std::as_const(it->tickers))
        if (auto b = m_books.find(ticker); b != m_books.end())
            b->synced = false;
    qCInfo(lcNet) << "kalshi.ws seq gap on sid" << sid << "- asking for a fresh snapshot";
    const qint64 id = sendCommand("update_subscription",
                                  "{\"sids\":[" + QByteArray::number(sid) + "],\"market_tickers\":" +
                                      jsonStringList(sorted(it->tickers)) + ",\"action\":\"get_snapshot\"}",
                                  Command{Command::Kind::Update, Channel::Orderbook});
    if (id < 0)
        hardReconnect(u"cannot ask for a snapshot"_s);
}

std::optional<KalshiClient::Channel> KalshiClient::channelOfSid(qint64 sid) const {
    for (auto it = m_subs.cbegin(); it != m_subs.cend(); ++it)
        if (it->sid >= 0 && it->sid == sid)
            return it.key();
    return std::nullopt;
}

// --- frames -------------------------------------------------------------------------------

void KalshiClient::handleFrame(QByteArrayView bytes) {
    ++m_status.messagesReceived;
    m_lastHeardMs = nowMs();
    KalshiWsFrame frame = m_parser.parseWsFrame(bytes, m_lastHeardMs);
    if (frame.reject) {
        ++m_status.rejectedByReason[rejectReasonName(*frame.reject)];
        return;
    }
    if (auto *trade = std::get_if<Trade>(&frame.payload)) {
        handleTrade(frame, std::move(*trade));
    } else if (const auto *snapshot = std::get_if<KalshiBookSnapshot>(&frame.payload)) {
        handleSnapshot(frame, *snapshot);
    } else if (const auto *delta = std::get_if<KalshiBookDelta>(&frame.payload)) {
        handleDelta(frame, *delta);
    } else if (const auto *ticker = std::get_if<KalshiTicker>(&frame.payload)) {
        if (m_watched.contains(ticker->marketTicker))
            Q_EMIT tickerUpdated(*ticker);
    } else if (const auto *subscribed = std::get_if<KalshiSubscribed>(&frame.payload)) {
        const auto command = m_commands.take(frame.id);
        auto it = m_subs.find(command.channel);
        if (frame.id < 0 || it == m_subs.end() || it->commandId != frame.id)
            return;
        it->sid = subscribed->sid;
        if (command.channel == Channel::Trade)
            setState(FeedState::Live);
        else
            syncWatched(); // markets watched while the subscribe was in flight
    } else if (const auto *error = std::get_if<KalshiWsError>(&frame.payload)) {
        handleError(frame, *error);
    } else if (std::holds_alternative<KalshiOk>(frame.payload)) {
        m_commands.remove(frame.id);
    }
}

void KalshiClient::handleTrade(const KalshiWsFrame &frame, Trade trade) {
    if (frame.sid >= 0 && frame.seq >= 0) {
        const auto check = m_seq.observe(frame.sid, frame.seq);
        if (check.result == SequenceTracker::Result::Stale) {
            ++m_status.duplicatesDropped;
            return;
        }
        if (check.result == SequenceTracker::Result::Gap)
            Q_EMIT gapDetected(
                GapRange{0, m_status.feed,
                         (m_status.lastTradeMs > 0 ? m_status.lastTradeMs : trade.timestampMs) - kGapMarginMs,
                         trade.timestampMs, u"sequence gap"_s});
    }
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
        ++m_status.rejectedByReason[u"notional overflow"_s];
        return;
    }
    if (*notional < m_config.minNotional)
        return;
    m_pending.append(std::move(trade));
    if (m_pending.size() >= m_config.flushMaxTrades)
        flush();
}

void KalshiClient::handleSnapshot(const KalshiWsFrame &frame, const KalshiBookSnapshot &snapshot) {
    if (frame.sid >= 0 && frame.seq >= 0)
        m_seq.resync(frame.sid, frame.seq);
    auto it = m_books.find(snapshot.marketTicker);
    if (it == m_books.end())
        return; // no longer watched
    it->book = yesBookFromKalshi(snapshot.yesBids, snapshot.noBids);
    it->synced = true;
    m_dirtyBooks.insert(snapshot.marketTicker);
}

void KalshiClient::handleDelta(const KalshiWsFrame &frame, const KalshiBookDelta &delta) {
    if (frame.sid >= 0 && frame.seq >= 0) {
        const auto check = m_seq.observe(frame.sid, frame.seq);
        if (check.result == SequenceTracker::Result::Stale)
            return;
        if (check.result == SequenceTracker::Result::Gap) {
            requestSnapshot(frame.sid);
            return;
        }
    }
    auto it = m_books.find(delta.marketTicker);
    if (it == m_books.end() || !it->synced)
        return; // waiting for a snapshot: this delta is inside it
    const YesBookLevel level = yesBookLevel(delta.side, delta.price);
    const LevelChange change = it->book.applyDelta(level.side, level.price, delta.delta);
    if (change == LevelChange::Underflow || change == LevelChange::Rejected) {
        requestSnapshot(frame.sid);
        return;
    }
    m_dirtyBooks.insert(delta.marketTicker);
}

void KalshiClient::handleError(const KalshiWsFrame &frame, const KalshiWsError &error) {
    const bool known = frame.id >= 0 && m_commands.contains(frame.id);
    const Command command = m_commands.take(frame.id);
    if (error.code == KalshiWsError::kAuthenticationRequired) {
        authFailed(tr("Kalshi refused the session (error 9: authentication required). Check the key id "
                      "and key file."));
        return;
    }
    if (error.code == KalshiWsError::kAlreadySubscribed)
        return; // harmless: what we asked for is in place
    if (error.code == KalshiWsError::kUnknownSubscriptionId && known &&
        command.kind == Command::Kind::Unsubscribe)
        return; // it was gone already
    m_status.lastError = u"Kalshi error %1: %2"_s.arg(error.code).arg(error.message);
    qCWarning(lcNet).noquote() << "kalshi.ws" << m_status.lastError;
    std::optional<Channel> channel = channelOfSid(frame.sid);
    if (!channel && known)
        channel = command.channel;
    if (error.endsSubscription()) {
        // The server has dropped the subscription itself: no unsubscribe, just subscribe again.
        if (channel) {
            resubscribe(*channel, true);
        } else {
            for (const Channel c : {Channel::Trade, Channel::Ticker, Channel::Orderbook})
                resubscribe(c, true);
        }
        return;
    }
    // A refused snapshot request leaves the book stale: start that subscription over.
    if (known && command.kind == Command::Kind::Update && command.channel == Channel::Orderbook)
        resubscribe(Channel::Orderbook);
    else if (known && command.kind == Command::Kind::Subscribe) {
        auto it = m_subs.find(command.channel);
        if (it != m_subs.end() && it->commandId == frame.id)
            m_subs.erase(it); // refused (unknown market, ...): not retried until the watch list changes
    }
}

// --- output -------------------------------------------------------------------------------

bool KalshiClient::rememberKey(const QString &key) {
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

void KalshiClient::flush() {
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
    // The writer is behind: never wait for it. REST refills what was refused.
    ++m_status.droppedBatches;
    Q_EMIT gapDetected(GapRange{0, m_status.feed, from, to, u"storage queue full"_s});
}

void KalshiClient::publishBooks() {
    if (m_dirtyBooks.isEmpty())
        return;
    const QSet<QString> dirty = std::exchange(m_dirtyBooks, {});
    for (const QString &ticker : dirty) {
        const auto it = m_books.constFind(ticker);
        if (it != m_books.cend() && it->synced)
            Q_EMIT bookUpdated(ticker, it->book);
    }
}

void KalshiClient::setState(FeedState state) {
    if (m_status.state == state)
        return;
    m_status.state = state;
    publishStatus();
}

void KalshiClient::publishStatus() {
    Q_EMIT statusChanged(m_status);
}

void KalshiClient::sampleRate() {
    const qint64 elapsed = m_statusClock.isValid() ? m_statusClock.restart() : 0;
    if (elapsed > 0)
        m_status.messagesPerSecond =
            double(m_status.messagesReceived - m_messagesAtLastStatus) * 1000.0 / double(elapsed);
    m_messagesAtLastStatus = m_status.messagesReceived;
    publishStatus();
}

} // namespace longshot::net
