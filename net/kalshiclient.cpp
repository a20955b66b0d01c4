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

namespace {

FeedSocketConfig socketConfigFor(const KalshiWsConfig &c) {
    FeedSocketConfig s;
    s.feed = u"kalshi.ws"_s;
    s.url = c.url;
    s.minNotional = c.minNotional;
    // Kalshi pings every ~10 s; our own ping and its pong prove the path both ways.
    s.silenceLimit = c.silenceLimit;
    s.silenceMeaning = u"frame or pong"_s;
    s.pingInterval = c.pingInterval;
    s.pingAsText = false;
    s.pongIsLife = true;
    s.flushInterval = c.flushInterval;
    s.flushMaxTrades = c.flushMaxTrades;
    s.backoff = c.backoff;
    return s;
}

} // namespace

KalshiClient::KalshiClient(KalshiWsConfig config, std::shared_ptr<const KalshiSigner> signer,
                           std::shared_ptr<BoundedBatchQueue> storageQueue)
    : FeedSocket(socketConfigFor(config), std::move(storageQueue), &lcNet)
    , m_config(std::move(config))
    , m_signer(std::move(signer))
    , m_bookTimer(new QTimer(this)) {
    m_bookTimer->setInterval(m_config.bookInterval);
    connect(m_bookTimer, &QTimer::timeout, this, &KalshiClient::publishBooks);
}

KalshiClient::~KalshiClient() = default;

void KalshiClient::onStarted() {
    m_bookTimer->start();
}

void KalshiClient::onStopping() {
    m_bookTimer->stop();
}

void KalshiClient::setSigner(std::shared_ptr<const KalshiSigner> signer) {
    m_signer = std::move(signer);
    resetAuthentication();
}

bool KalshiClient::prepareConnection(QNetworkRequest &request) {
    m_subs.clear();
    m_commands.clear();
    m_seq.clear();
    for (MarketBook &b : m_books)
        b.synced = false;
    if (!m_signer)
        return true;
    const QByteArray path =
        m_config.url.path().isEmpty() ? QByteArray(kDefaultWsPath) : m_config.url.path().toUtf8();
    const auto headers = m_signer->headersFor("GET", path, nowMs());
    if (!headers) {
        authFailed(tr("Kalshi request signing failed; check the key file"));
        return false;
    }
    request.setRawHeader(KalshiAuthHeaders::kKeyHeader, headers->key);
    request.setRawHeader(KalshiAuthHeaders::kTimestampHeader, headers->timestamp);
    request.setRawHeader(KalshiAuthHeaders::kSignatureHeader, headers->signature);
    return true;
}

void KalshiClient::onSocketError() {
    FeedSocket::onSocketError();
    if (!socket())
        return;
    const int status = httpStatusIn(socket()->errorString());
    if (status == 401 || status == 403)
        authFailed(tr("Kalshi refused the API key (HTTP %1). Check the key id and key file, and that the "
                      "system clock is right.")
                       .arg(status));
}

void KalshiClient::authFailed(const QString &why) {
    failAuthentication(why, m_config.authRetryAfter);
}

void KalshiClient::subscribe() {
    if (m_config.subscribeTrades)
        subscribe(Channel::Trade, {});
    syncWatched();
}

// --- commands ---------------------------------------------------------------------------

qint64 KalshiClient::sendCommand(const QByteArray &cmd, const QByteArray &params, Command command) {
    if (!isConnected())
        return -1;
    const qint64 id = m_nextCommandId++;
    m_commands.insert(id, command);
    const QByteArray text =
        "{\"id\":" + QByteArray::number(id) + ",\"cmd\":\"" + cmd + "\",\"params\":" + params + '}';
    socket()->sendTextMessage(QString::fromUtf8(text));
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
            Q_EMIT gapDetected(gapSinceLastTrade(nowMs(), nowMs(), u"subscription ended"_s));
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
    if (!isConnected())
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

void KalshiClient::handleFrame(const QByteArray &bytes) {
    ++status().messagesReceived;
    touchAlive();
    KalshiWsFrame frame = m_parser.parseWsFrame(bytes, nowMs());
    if (frame.reject) {
        ++status().rejectedByReason[rejectReasonName(*frame.reject)];
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
            ++status().duplicatesDropped;
            return;
        }
        if (check.result == SequenceTracker::Result::Gap)
            Q_EMIT gapDetected(gapSinceLastTrade(trade.timestampMs, trade.timestampMs, u"sequence gap"_s));
    }
    acceptTrade(std::move(trade));
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
    status().lastError = u"Kalshi error %1: %2"_s.arg(error.code).arg(error.message);
    qCWarning(lcNet).noquote() << "kalshi.ws" << status().lastError;
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

} // namespace longshot::net
