#include "net/simulator/kalshiserver.h"

#include "net/kalshisigner.h"
#include "net/simulator/kalshitradegenerator.h"
#include "net/simulator/tradejson.h"

#include <QDateTime>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketServer>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace longshot::net::sim {

namespace {

constexpr qsizetype kMaxHeadBytes = 64 * 1024;
constexpr int kPingIntervalMs = 10'000; // as the exchange: a Ping with body "heartbeat" every ~10 s
constexpr int kGeneratorTickMs = 20;
constexpr char kWsPath[] = "/trade-api/ws/v2";
constexpr char kRestPrefix[] = "/trade-api/v2";

qint64 nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

QByteArray dollars(qint64 micros) {
    return Decimal::fromMicros(micros).toFixed(4).toLatin1();
}

QByteArray count(qint64 micros) {
    return Decimal::fromMicros(micros).toFixed(2).toLatin1();
}

QByteArray quoted(const QString &text) {
    QByteArray out;
    json::appendString(out, text);
    return out;
}

QByteArray reasonPhrase(int status) {
    switch (status) {
    case 101:
        return "Switching Protocols";
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return "Error";
    }
}

QByteArray httpResponse(int status, const QByteArray &body, bool close,
                        const QByteArray &contentType = "application/json") {
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    out += "Content-Type: " + contentType + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += close ? "Connection: close\r\n\r\n" : "Connection: keep-alive\r\n\r\n";
    out += body;
    return out;
}

QByteArray errorBody(const char *code, const QString &message) {
    return "{\"error\":{\"code\":\"" + QByteArray(code) + "\",\"message\":" + quoted(message) +
           ",\"details\":\"\"}}";
}

// A trade as the 2026 `trade` channel sends it: *_dollars and *_fp strings only.
QByteArray tradeMsg(const Trade &t, bool rest) {
    const bool yes = t.outcomeIndex == 0;
    const qint64 yesPrice = yes ? t.price.micros() : Decimal::kOne - t.price.micros();
    QByteArray out = "{\"trade_id\":" + quoted(t.txId.text());
    out += rest ? ",\"ticker\":" : ",\"market_ticker\":";
    out += quoted(t.marketId);
    if (rest)
        out += ",\"created_time\":\"" +
               QDateTime::fromMSecsSinceEpoch(t.timestampMs, Qt::UTC).toString(Qt::ISODateWithMs).toLatin1() +
               '"';
    out += ",\"count_fp\":\"" + count(t.size.micros()) + "\",\"yes_price_dollars\":\"" + dollars(yesPrice) +
           "\",\"no_price_dollars\":\"" + dollars(Decimal::kOne - yesPrice) + '"';
    const QByteArray side = yes ? "yes" : "no";
    out += ",\"taker_outcome_side\":\"" + side + "\",\"taker_book_side\":\"" + (yes ? "bid" : "ask") +
           "\",\"taker_side\":\"" + side + "\",\"is_block_trade\":false";
    if (!rest)
        out += ",\"ts\":" + QByteArray::number(t.timestampMs / 1000) +
               ",\"ts_ms\":" + QByteArray::number(t.timestampMs);
    out += '}';
    return out;
}

// RFC 3339 as the real /historical/cutoff writes it; milliseconds only when there are some.
QByteArray rfc3339(qint64 ms) {
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    return t.toString(ms % 1000 == 0 ? Qt::ISODate : Qt::ISODateWithMs).toLatin1();
}

QByteArray cloudflarePage(int status) {
    return "<!DOCTYPE html>\n<html><head><title>" + QByteArray::number(status) +
           " | api.elections.kalshi.com</title></head><body><h1>Error " + QByteArray::number(status) +
           "</h1><p>The origin did not answer. Ray ID: 8f1e2d3c4b5a6978</p></body></html>\n";
}

// A series' category from its ticker, as the exchange files the generator's markets; the
// simulator has no catalogue of its own.
QString categoryOf(const QString &series) {
    static const QList<std::pair<QString, QString>> table{
        {u"KXBTC"_s, u"Crypto"_s},    {u"KXETH"_s, u"Crypto"_s},    {u"KXSENATE"_s, u"Politics"_s},
        {u"KXFED"_s, u"Economics"_s}, {u"KXCPI"_s, u"Economics"_s}, {u"KXINX"_s, u"Financials"_s},
        {u"KXNBA"_s, u"Sports"_s},    {u"KXNFL"_s, u"Sports"_s},    {u"KXHIGH"_s, u"Climate and Weather"_s},
    };
    for (const auto &[prefix, category] : table)
        if (series.startsWith(prefix))
            return category;
    return u"Simulated"_s;
}

// The dollars resting on one side of a book: what liquidity_dollars reports for the market.
qint64 restingMicros(const QMap<qint64, qint64> &levels) {
    qint64 total = 0;
    for (auto it = levels.cbegin(); it != levels.cend(); ++it)
        total += it.key() * it.value() / Decimal::kOne;
    return total;
}

QByteArray levelsJson(const QMap<qint64, qint64> &levels) {
    QByteArray out = "[";
    for (auto it = levels.cbegin(); it != levels.cend(); ++it) {
        if (out.size() > 1)
            out += ',';
        out += "[\"" + dollars(it.key()) + "\",\"" + count(it.value()) + "\"]";
    }
    out += ']';
    return out;
}

QList<PriceLevel> toLevels(const QMap<qint64, qint64> &levels) {
    QList<PriceLevel> out;
    for (auto it = levels.cbegin(); it != levels.cend(); ++it)
        out.append({Decimal::fromMicros(it.key()), Decimal::fromMicros(it.value())});
    return out;
}

QStringList tickersOf(const QJsonObject &params) {
    QStringList out;
    if (params.contains(u"market_ticker"_s))
        out << params.value(u"market_ticker"_s).toString();
    for (const QJsonValue &v : params.value(u"market_tickers"_s).toArray())
        out << v.toString();
    out.removeAll(QString());
    return out;
}

} // namespace

KalshiServer::KalshiServer(QObject *parent)
    : QObject(parent)
    , m_tcp(new QTcpServer(this))
    , m_ws(new QWebSocketServer(u"longshot-kalshi-sim"_s, QWebSocketServer::NonSecureMode, this))
    , m_pingTimer(new QTimer(this))
    , m_generatorTimer(new QTimer(this)) {
    connect(m_tcp, &QTcpServer::newConnection, this, &KalshiServer::onTcpConnection);
    connect(m_ws, &QWebSocketServer::newConnection, this, &KalshiServer::onWsConnection);
    m_pingTimer->setInterval(kPingIntervalMs);
    connect(m_pingTimer, &QTimer::timeout, this, [this] {
        for (const Client &c : std::as_const(m_clients))
            c.socket->ping("heartbeat");
    });
    m_generatorTimer->setInterval(kGeneratorTickMs);
    connect(m_generatorTimer, &QTimer::timeout, this, [this] {
        if (!m_generator)
            return;
        const qint64 due = m_generatorClock.elapsed() * m_generatorRate / 1000 - m_generated;
        if (due <= 0)
            return;
        const qint64 n = std::min<qint64>(due, std::max(1, m_generatorRate));
        m_generated += due; // after a stall, skip rather than burst
        publish(m_generator->generate(int(n), nowMs()));
    });
    // Markets the REST /markets list and the books know from the start.
    for (const QString &ticker : KalshiTradeGenerator::tickers())
        bookFor(ticker);
}

KalshiServer::~KalshiServer() {
    for (const Client &c : std::as_const(m_clients))
        c.socket->disconnect(this);
}

bool KalshiServer::listen() {
    if (m_tcp->isListening())
        return true;
    if (!m_tcp->listen(QHostAddress::LocalHost, 0))
        return false;
    m_pingTimer->start();
    return true;
}

bool KalshiServer::isListening() const {
    return m_tcp->isListening();
}

QUrl KalshiServer::restUrl() const {
    if (!isListening())
        return {};
    return QUrl(u"http://127.0.0.1:%1/trade-api/v2"_s.arg(m_tcp->serverPort()));
}

QUrl KalshiServer::wsUrl() const {
    if (!isListening())
        return {};
    return QUrl(u"ws://127.0.0.1:%1/trade-api/ws/v2"_s.arg(m_tcp->serverPort()));
}

void KalshiServer::setAuthKey(const QByteArray &publicKeyPem, const QString &keyId) {
    m_publicKeyPem = publicKeyPem;
    m_keyId = keyId;
}

QByteArray KalshiServer::generatePrivateKeyPem(int bits) {
    EVP_PKEY *key = EVP_RSA_gen(unsigned(bits));
    if (!key)
        return {};
    QByteArray pem;
    if (BIO *bio = BIO_new(BIO_s_mem())) {
        if (PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr) == 1) {
            char *data = nullptr;
            const long len = BIO_get_mem_data(bio, &data);
            pem = QByteArray(data, len);
        }
        BIO_free(bio);
    }
    EVP_PKEY_free(key);
    return pem;
}

// --- connection routing ----------------------------------------------------------------

void KalshiServer::onTcpConnection() {
    while (QTcpSocket *socket = m_tcp->nextPendingConnection()) {
        socket->setParent(this);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onHead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            socket->disconnect(this);
            socket->deleteLater();
        });
    }
}

void KalshiServer::onHead(QTcpSocket *socket) {
    for (;;) {
        // Peek first: an accepted upgrade is handed to QWebSocketServer with the request unread.
        const QByteArray buffered = socket->peek(kMaxHeadBytes + 4);
        const qsizetype headEnd = buffered.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            if (buffered.size() > kMaxHeadBytes)
                socket->abort();
            return;
        }
        const QList<QByteArray> lines = buffered.left(headEnd).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        QList<std::pair<QByteArray, QByteArray>> headers;
        bool upgrade = false;
        bool close = false;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            headers.append({name, value});
            if (name == "upgrade" && value.toLower() == "websocket")
                upgrade = true;
            if (name == "connection" && value.toLower() == "close")
                close = true;
        }
        if (requestLine.size() != 3) {
            socket->write(httpResponse(400, "{\"details\":\"bad request\"}", true));
            socket->disconnectFromHost();
            return;
        }
        const QByteArray target = requestLine.at(1);
        if (upgrade && QUrl::fromEncoded(target).path() == QLatin1StringView(kWsPath)) {
            ++m_upgradeAttempts;
            QByteArray why;
            if (!authorize(headers, &why)) {
                ++m_upgradesRefused;
                socket->read(headEnd + 4);
                socket->write(httpResponse(401, errorBody("unauthorized", QString::fromLatin1(why)), true));
                socket->disconnectFromHost();
                Q_EMIT upgradeRefused(401, QString::fromLatin1(why));
                return;
            }
            socket->disconnect(this);
            m_ws->handleConnection(socket);
            return;
        }
        socket->read(headEnd + 4); // GET only: no body to skip
        ++m_restRequests;
        ++m_requestsByPath[QUrl::fromEncoded(target).path()];
        Q_EMIT restRequest(QString::fromLatin1(target));
        const HttpReply reply = answerRest(requestLine.at(0), target);
        socket->write(httpResponse(reply.status, reply.body, close, reply.contentType));
        if (close) {
            socket->disconnectFromHost();
            return;
        }
    }
}

bool KalshiServer::authorize(const QList<std::pair<QByteArray, QByteArray>> &headers, QByteArray *why) const {
    if (m_publicKeyPem.isEmpty())
        return true;
    QByteArray key;
    QByteArray timestamp;
    QByteArray signature;
    for (const auto &[name, value] : headers) {
        if (name == "kalshi-access-key")
            key = value;
        else if (name == "kalshi-access-timestamp")
            timestamp = value;
        else if (name == "kalshi-access-signature")
            signature = value;
    }
    if (key.isEmpty() || timestamp.isEmpty() || signature.isEmpty()) {
        *why = "authentication headers missing";
        return false;
    }
    if (!m_keyId.isEmpty() && QString::fromLatin1(key) != m_keyId) {
        *why = "unknown API key";
        return false;
    }
    bool ok = false;
    const qint64 ts = timestamp.toLongLong(&ok);
    if (!ok || std::abs(nowMs() + m_clockSkewMs - ts) > m_freshnessMs) {
        *why = "request timestamp outside the allowed window";
        return false;
    }
    if (!KalshiSigner::verify(m_publicKeyPem, KalshiSigner::messageFor("GET", kWsPath, ts), signature)) {
        *why = "invalid signature";
        return false;
    }
    return true;
}

// --- WebSocket ------------------------------------------------------------------------

void KalshiServer::onWsConnection() {
    while (QWebSocket *socket = m_ws->nextPendingConnection()) {
        socket->setParent(this);
        const quint64 id = m_nextClientId++;
        m_clients.insert(id, Client{socket, {}, 1});
        connect(socket, &QWebSocket::textMessageReceived, this,
                [this, id](const QString &text) { onCommand(id, text); });
        connect(socket, &QWebSocket::disconnected, this, [this, id] {
            auto it = m_clients.find(id);
            if (it == m_clients.end())
                return;
            it->socket->disconnect(this);
            it->socket->deleteLater();
            m_clients.erase(it);
        });
        Q_EMIT clientConnected();
    }
}

void KalshiServer::sendFrame(Client &client, const QByteArray &frame) {
    client.socket->sendTextMessage(QString::fromUtf8(frame));
}

void KalshiServer::sendError(Client &client, qint64 id, int code, const QString &message) {
    QByteArray frame = "{\"type\":\"error\"";
    if (id >= 0)
        frame += ",\"id\":" + QByteArray::number(id);
    frame += ",\"msg\":{\"code\":" + QByteArray::number(code) + ",\"msg\":" + quoted(message) + "}}";
    sendFrame(client, frame);
}

void KalshiServer::onCommand(quint64 clientId, const QString &text) {
    auto it = m_clients.find(clientId);
    if (it == m_clients.end())
        return;
    ++m_commands;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    if (!doc.isObject()) {
        sendError(*it, -1, 1, u"Unable to process message"_s);
        return;
    }
    const QJsonObject command = doc.object();
    const qint64 id = command.value(u"id"_s).toInteger(-1);
    if (m_rejectCommands) {
        sendError(*it, id, 9, u"Authentication required"_s);
        return;
    }
    const QString cmd = command.value(u"cmd"_s).toString();
    const QJsonObject params = command.value(u"params"_s).toObject();
    if (cmd == u"subscribe"_s) {
        subscribe(clientId, id, params);
    } else if (cmd == u"unsubscribe"_s) {
        const QJsonArray sids = params.value(u"sids"_s).toArray();
        if (sids.isEmpty()) {
            sendError(*it, id, 4, u"Subscription IDs required"_s);
            return;
        }
        for (const QJsonValue &v : sids) {
            const qint64 sid = v.toInteger();
            if (it->subs.remove(sid) == 0) {
                sendError(*it, id, 7, u"Unknown subscription ID"_s);
                continue;
            }
            sendFrame(*it, "{\"type\":\"unsubscribed\",\"id\":" + QByteArray::number(id) +
                               ",\"sid\":" + QByteArray::number(sid) + '}');
        }
    } else if (cmd == u"update_subscription"_s) {
        updateSubscription(clientId, id, params);
    } else {
        sendError(*it, id, 5, u"Unknown command"_s);
    }
}

void KalshiServer::subscribe(quint64 clientId, qint64 id, const QJsonObject &params) {
    Client &client = m_clients[clientId];
    const QJsonArray channels = params.value(u"channels"_s).toArray();
    if (channels.isEmpty()) {
        sendError(client, id, 3, u"Channels required"_s);
        return;
    }
    const QStringList tickers = tickersOf(params);
    for (const QString &ticker : tickers) {
        if (!knowsMarket(ticker)) {
            sendError(client, id, 16, u"Market not found"_s);
            return;
        }
    }
    for (const QJsonValue &value : channels) {
        const QString channel = value.toString();
        if (channel != u"trade"_s && channel != u"ticker"_s && channel != u"orderbook_delta"_s) {
            sendError(client, id, 8, u"Unknown channel name"_s);
            continue;
        }
        if (channel == u"orderbook_delta"_s && tickers.isEmpty()) {
            sendError(client, id, 14, u"Market Ticker required"_s);
            continue;
        }
        const bool duplicate = std::any_of(client.subs.cbegin(), client.subs.cend(), [&](const Sub &s) {
            return s.channel == channel && (s.tickers.isEmpty() || tickers.isEmpty());
        });
        if (duplicate) {
            sendError(client, id, 6, u"Already subscribed"_s);
            continue;
        }
        const qint64 sid = client.nextSid++;
        Sub sub;
        sub.channel = channel;
        sub.tickers = QSet<QString>(tickers.cbegin(), tickers.cend());
        client.subs.insert(sid, sub);
        sendFrame(client, "{\"type\":\"subscribed\",\"id\":" + QByteArray::number(id) +
                              ",\"msg\":{\"channel\":" + quoted(channel) +
                              ",\"sid\":" + QByteArray::number(sid) + "}}");
        Q_EMIT subscribed(channel, sid);
        if (channel == u"orderbook_delta"_s) {
            for (const QString &ticker : tickers)
                sendSnapshot(client, sid, ticker);
        }
    }
}

void KalshiServer::updateSubscription(quint64 clientId, qint64 id, const QJsonObject &params) {
    Client &client = m_clients[clientId];
    const QJsonArray sids = params.value(u"sids"_s).toArray();
    if (sids.size() != 1) {
        sendError(client, id, 12, u"Exactly one subscription ID is required"_s);
        return;
    }
    const qint64 sid = sids.first().toInteger();
    auto sub = client.subs.find(sid);
    if (sub == client.subs.end()) {
        sendError(client, id, 7, u"Unknown subscription ID"_s);
        return;
    }
    const QString action = params.value(u"action"_s).toString();
    const QStringList tickers = tickersOf(params);
    for (const QString &ticker : tickers) {
        if (!knowsMarket(ticker)) {
            sendError(client, id, 16, u"Market not found"_s);
            return;
        }
    }
    if (action == u"add_markets"_s) {
        for (const QString &t : tickers)
            sub->tickers.insert(t);
    } else if (action == u"delete_markets"_s) {
        for (const QString &t : tickers)
            sub->tickers.remove(t);
    } else if (action != u"get_snapshot"_s) {
        sendError(client, id, action.isEmpty() ? 15 : 13,
                  action.isEmpty() ? u"Action required"_s : u"Unsupported action"_s);
        return;
    }
    QByteArray list = "[";
    for (const QString &t : std::as_const(sub->tickers)) {
        if (list.size() > 1)
            list += ',';
        list += quoted(t);
    }
    list += ']';
    sendFrame(client, "{\"type\":\"ok\",\"id\":" + QByteArray::number(id) +
                          ",\"sid\":" + QByteArray::number(sid) + ",\"seq\":" + QByteArray::number(sub->seq) +
                          ",\"msg\":{\"market_tickers\":" + list + "}}");
    if (sub->channel != u"orderbook_delta"_s)
        return;
    if (action == u"get_snapshot"_s) {
        Q_EMIT snapshotRequested(sid);
        const QStringList wanted =
            tickers.isEmpty() ? QStringList(sub->tickers.cbegin(), sub->tickers.cend()) : tickers;
        for (const QString &t : wanted)
            sendSnapshot(client, sid, t);
    } else if (action == u"add_markets"_s) {
        for (const QString &t : tickers)
            sendSnapshot(client, sid, t);
    }
}

void KalshiServer::sendSnapshot(Client &client, qint64 sid, const QString &ticker) {
    auto sub = client.subs.find(sid);
    if (sub == client.subs.end())
        return;
    const Book &book = bookFor(ticker);
    QByteArray msg = "{\"market_ticker\":" + quoted(ticker) + ",\"market_id\":" + quoted(book.marketId);
    // Kalshi leaves a side's key out when that side is empty.
    if (!book.yes.isEmpty())
        msg += ",\"yes_dollars_fp\":" + levelsJson(book.yes);
    if (!book.no.isEmpty())
        msg += ",\"no_dollars_fp\":" + levelsJson(book.no);
    msg += '}';
    sendFrame(client, "{\"type\":\"orderbook_snapshot\",\"sid\":" + QByteArray::number(sid) +
                          ",\"seq\":" + QByteArray::number(++sub->seq) + ",\"msg\":" + msg + '}');
}

void KalshiServer::dropConnections() {
    for (const Client &c : std::as_const(m_clients))
        c.socket->abort();
}

// --- trades and books ---------------------------------------------------------------

void KalshiServer::followTrade(const Trade &t) {
    // The YES price of the fill, in whole cents inside 2..98.
    const qint64 cent = Decimal::kOne / 100;
    const qint64 paid = t.outcomeIndex == 1 ? Decimal::kOne - t.price.micros() : t.price.micros();
    const qint64 yes = std::clamp<qint64>((paid + cent / 2) / cent, 2, 98) * cent;
    Book &book = bookFor(t.marketId);
    const qint64 bid = book.yes.isEmpty() ? 0 : book.yes.lastKey();
    const qint64 ask = book.no.isEmpty() ? 0 : Decimal::kOne - book.no.lastKey();
    const quint64 salt = qHash(t.txId.text());
    if (bid == 0 || ask == 0 || yes < bid - 3 * cent || yes > ask + 3 * cent) {
        // No book yet, or the market moved away from it: ten levels a side around the print.
        QList<PriceLevel> yesBids;
        QList<PriceLevel> noBids;
        for (int level = 1; level <= 10; ++level) {
            const qint64 contracts = 50 + qint64((salt >> level) % 40) * 25 + level * 60;
            if (yes - level * cent > 0)
                yesBids.append({Decimal::fromMicros(yes - level * cent),
                                Decimal::fromMicros(contracts * Decimal::kOne)});
            if (yes + level * cent < Decimal::kOne)
                noBids.append({Decimal::fromMicros(Decimal::kOne - yes - level * cent),
                               Decimal::fromMicros((contracts + 35) * Decimal::kOne)});
        }
        setBook(t.marketId, yesBids, noBids);
        return;
    }
    // Otherwise the fill takes some of the touch it traded against and new orders rest behind it.
    const bool tookAsk = t.outcomeIndex != 1; // a YES buy lifts the YES ask (a NO bid)
    const OutcomeSide touched = tookAsk ? OutcomeSide::No : OutcomeSide::Yes;
    const qint64 touchPrice = tookAsk ? book.no.lastKey() : book.yes.lastKey();
    const qint64 resting = (tookAsk ? book.no : book.yes).value(touchPrice);
    const qint64 take = std::min(resting, t.size.micros());
    if (take > 0)
        applyBookDelta(t.marketId, touched, Decimal::fromMicros(touchPrice), Decimal::fromMicros(-take));
    const OutcomeSide refill = salt % 2 ? OutcomeSide::Yes : OutcomeSide::No;
    const qint64 refillTop = refill == OutcomeSide::Yes ? bid : Decimal::kOne - ask;
    const qint64 depth = qint64(1 + (salt >> 8) % 3) * cent;
    if (refillTop - depth > 0)
        applyBookDelta(t.marketId, refill, Decimal::fromMicros(refillTop - depth),
                       Decimal::fromMicros(qint64(20 + (salt >> 16) % 200) * Decimal::kOne));
}

void KalshiServer::publish(const TradeBatch &trades) {
    if (m_booksFollowTrades)
        for (const Trade &t : trades)
            followTrade(t);
    for (const Trade &t : trades) {
        Stored s{t.timestampMs, m_nextOrder++, t};
        const auto at =
            std::upper_bound(m_trades.begin(), m_trades.end(), s, [](const Stored &a, const Stored &b) {
                return a.ts != b.ts ? a.ts < b.ts : a.order < b.order;
            });
        m_trades.insert(at, std::move(s));
    }
    for (Client &client : m_clients) {
        for (auto sub = client.subs.begin(); sub != client.subs.end(); ++sub) {
            if (sub->channel != u"trade"_s)
                continue;
            for (const Trade &t : trades) {
                if (!sub->tickers.isEmpty() && !sub->tickers.contains(t.marketId))
                    continue;
                sendFrame(client, "{\"type\":\"trade\",\"sid\":" + QByteArray::number(sub.key()) +
                                      ",\"seq\":" + QByteArray::number(++sub->seq) +
                                      ",\"msg\":" + tradeMsg(t, false) + '}');
            }
        }
    }
}

TradeBatch KalshiServer::allTrades() const {
    TradeBatch out;
    out.reserve(qsizetype(m_trades.size()));
    for (const Stored &s : m_trades)
        out.append(s.trade);
    return out;
}

void KalshiServer::startGenerator(int tradesPerSecond, quint64 seed) {
    m_generator = std::make_unique<KalshiTradeGenerator>(seed, nowMs());
    m_generatorRate = std::max(0, tradesPerSecond);
    m_generated = 0;
    m_generatorClock.start();
    m_generatorTimer->start();
}

void KalshiServer::stopGenerator() {
    m_generatorTimer->stop();
    m_generator.reset();
}

bool KalshiServer::knowsMarket(const QString &ticker) const {
    return m_books.contains(ticker);
}

KalshiServer::Book &KalshiServer::bookFor(const QString &ticker) {
    auto it = m_books.find(ticker);
    if (it == m_books.end()) {
        Book book;
        book.marketId = QString::number(qHash(ticker), 16);
        it = m_books.insert(ticker, book);
    }
    return *it;
}

void KalshiServer::setBook(const QString &ticker, const QList<PriceLevel> &yesBids,
                           const QList<PriceLevel> &noBids) {
    Book &book = bookFor(ticker);
    book.yes.clear();
    book.no.clear();
    for (const PriceLevel &l : yesBids)
        if (l.size > Decimal())
            book.yes.insert(l.price.micros(), l.size.micros());
    for (const PriceLevel &l : noBids)
        if (l.size > Decimal())
            book.no.insert(l.price.micros(), l.size.micros());
    for (Client &client : m_clients)
        for (auto sub = client.subs.cbegin(); sub != client.subs.cend(); ++sub)
            if (sub->channel == u"orderbook_delta"_s && sub->tickers.contains(ticker))
                sendSnapshot(client, sub.key(), ticker);
}

void KalshiServer::applyBookDelta(const QString &ticker, OutcomeSide side, Decimal price, Decimal delta) {
    Book &book = bookFor(ticker);
    QMap<qint64, qint64> &levels = side == OutcomeSide::Yes ? book.yes : book.no;
    const qint64 size = levels.value(price.micros()) + delta.micros();
    if (size > 0)
        levels.insert(price.micros(), size);
    else
        levels.remove(price.micros());
    const qint64 ts = nowMs();
    const QByteArray msg = "{\"market_ticker\":" + quoted(ticker) +
                           ",\"market_id\":" + quoted(book.marketId) + ",\"price_dollars\":\"" +
                           dollars(price.micros()) + "\",\"delta_fp\":\"" + count(delta.micros()) +
                           "\",\"side\":\"" + (side == OutcomeSide::Yes ? "yes" : "no") + "\",\"ts\":\"" +
                           QDateTime::fromMSecsSinceEpoch(ts, Qt::UTC).toString(Qt::ISODate).toLatin1() +
                           "\",\"ts_ms\":" + QByteArray::number(ts) + '}';
    for (Client &client : m_clients) {
        for (auto sub = client.subs.begin(); sub != client.subs.end(); ++sub) {
            if (sub->channel != u"orderbook_delta"_s || !sub->tickers.contains(ticker))
                continue;
            if (sub->skipNext) {
                sub->skipNext = false;
                ++sub->seq; // this number is never sent
            }
            sendFrame(client, "{\"type\":\"orderbook_delta\",\"sid\":" + QByteArray::number(sub.key()) +
                                  ",\"seq\":" + QByteArray::number(++sub->seq) + ",\"msg\":" + msg + '}');
        }
    }
}

OrderBook KalshiServer::book(const QString &ticker) const {
    const auto it = m_books.constFind(ticker);
    if (it == m_books.cend())
        return {};
    const QList<PriceLevel> yes = toLevels(it->yes);
    const QList<PriceLevel> no = toLevels(it->no);
    return yesBookFromKalshi(yes, no);
}

void KalshiServer::skipNextSeq() {
    for (Client &client : m_clients)
        for (Sub &sub : client.subs)
            if (sub.channel == u"orderbook_delta"_s)
                sub.skipNext = true;
}

void KalshiServer::endSubscriptions(const QString &channel, int code) {
    for (Client &client : m_clients) {
        for (auto sub = client.subs.begin(); sub != client.subs.end();) {
            if (sub->channel != channel) {
                ++sub;
                continue;
            }
            sendFrame(client, "{\"type\":\"error\",\"sid\":" + QByteArray::number(sub.key()) +
                                  ",\"msg\":{\"code\":" + QByteArray::number(code) +
                                  ",\"msg\":\"Channel error\"}}");
            sub = client.subs.erase(sub);
        }
    }
}

// --- REST -------------------------------------------------------------------------------

KalshiServer::HttpReply KalshiServer::answerRest(const QByteArray &method, const QByteArray &target) {
    if (m_rateLimited > 0) {
        --m_rateLimited;
        // The observed body: nested, and no Retry-After header.
        return {429, R"({"error":{"code":"too_many_requests","message":"too many requests"}})"};
    }
    if (method != "GET")
        return {405, errorBody("method_not_allowed", u"method not allowed"_s)};
    const QUrl url = QUrl::fromEncoded(target);
    const QString path = url.path();
    const QString prefix = QLatin1StringView(kRestPrefix);
    if (path == prefix + u"/markets/trades"_s)
        return tradesPage(url, Tape::Live);
    if (path == prefix + u"/historical/trades"_s)
        return tradesPage(url, Tape::Historical);
    if (path == prefix + u"/historical/cutoff"_s)
        return cutoff();
    if (path == prefix + u"/series"_s)
        return seriesList(url);
    if (path.startsWith(prefix + u"/series/"_s) && !path.mid(prefix.size() + 8).contains(u'/'))
        return series(path.mid(prefix.size() + 8));
    if (path == prefix + u"/markets"_s)
        return marketsPage(url);
    if (path.startsWith(prefix + u"/markets/"_s) && path.endsWith(u"/orderbook"_s)) {
        const QString ticker = path.mid(prefix.size() + 9).chopped(10);
        return orderbook(ticker);
    }
    if (path.startsWith(prefix + u"/markets/"_s) && !path.mid(prefix.size() + 9).contains(u'/'))
        return market(path.mid(prefix.size() + 9));
    return {404, errorBody("not_found", u"not found"_s)};
}

KalshiServer::HttpReply KalshiServer::tradesPage(const QUrl &url, Tape tape) {
    const QUrlQuery query(url);
    bool ok = true;
    const int limit = query.hasQueryItem(u"limit"_s) ? query.queryItemValue(u"limit"_s).toInt(&ok) : 100;
    if (!ok || limit < 1 || limit > kMaxLimit)
        return {400, R"({"details":"limit must be between 1 and 1000"})"};
    const QString ticker = query.queryItemValue(u"ticker"_s);
    const qint64 minTs =
        query.hasQueryItem(u"min_ts"_s) ? query.queryItemValue(u"min_ts"_s).toLongLong() : -1;
    const qint64 maxTs =
        query.hasQueryItem(u"max_ts"_s) ? query.queryItemValue(u"max_ts"_s).toLongLong() : -1;
    // The cursor names the (ts, order) key of the last row handed out; paging continues below it.
    const QString cursor = query.queryItemValue(u"cursor"_s);
    const auto byKey = [](const Stored &a, const Stored &b) {
        return a.ts != b.ts ? a.ts < b.ts : a.order < b.order;
    };
    // The split: the live tape ends (going back) at the cutoff, the historical one starts below it.
    const qint64 cutoffMs = historicalCutoffMs();
    const auto boundary = std::lower_bound(m_trades.begin(), m_trades.end(),
                                           Stored{cutoffMs, std::numeric_limits<qint64>::min(), {}}, byKey);
    auto end =
        tape == Tape::Historical
            ? std::lower_bound(m_trades.begin(), m_trades.end(),
                               Stored{cutoffMs + m_overlapMs, std::numeric_limits<qint64>::min(), {}}, byKey)
            : m_trades.end();
    if (!cursor.isEmpty() && cursor != u"top"_s) {
        const QStringList parts = cursor.split(u'_');
        if (parts.size() != 2)
            return {400, R"({"details":"invalid cursor"})"};
        const Stored key{parts.at(0).toLongLong(), parts.at(1).toLongLong(), {}};
        end = std::min(end, std::lower_bound(m_trades.begin(), m_trades.end(), key, byKey));
    }
    const auto begin = tape == Tape::Live ? boundary : m_trades.begin();
    end = std::max(end, begin);
    if (m_emptyPages > 0) {
        --m_emptyPages;
        const QByteArray same = cursor.isEmpty() ? QByteArray("top") : cursor.toLatin1();
        return {200, "{\"trades\":[],\"cursor\":\"" + same + "\"}"};
    }
    QByteArray body = "{\"trades\":[";
    int n = 0;
    QByteArray next;
    for (auto it = end; it != begin;) {
        --it;
        const qint64 seconds = it->ts / 1000;
        if (maxTs >= 0 && seconds > maxTs)
            continue;
        if (minTs >= 0 && seconds < minTs)
            break;
        if (!ticker.isEmpty() && it->trade.marketId != ticker)
            continue;
        if (n == limit) {
            // Only name a next page when there is one.
            next = QByteArray::number(std::next(it)->ts) + '_' + QByteArray::number(std::next(it)->order);
            break;
        }
        if (n > 0)
            body += ',';
        body += tradeMsg(it->trade, true);
        ++n;
    }
    body += "],\"cursor\":\"" + next + "\"}";
    return {200, body};
}

QByteArray KalshiServer::marketJson(const QString &ticker) const {
    const Book &book = m_books[ticker];
    const qint64 yesBid = book.yes.isEmpty() ? 0 : book.yes.lastKey();
    const qint64 noBid = book.no.isEmpty() ? 0 : book.no.lastKey();
    const QString event = ticker.section(u'-', 0, -2);
    // A close time that stays put for a ticker: one of the next 30 days from a fixed date.
    const QDateTime close = QDateTime(QDate(2027, 1, 1), QTime(21, 0), Qt::UTC).addDays(qHash(ticker) % 30);
    return "{\"ticker\":" + quoted(ticker) + ",\"event_ticker\":" + quoted(event) +
           ",\"market_type\":\"binary\",\"title\":" + quoted(u"Simulated market "_s + ticker) +
           ",\"status\":\"active\",\"close_time\":" + quoted(close.toString(Qt::ISODate)) +
           ",\"yes_bid_dollars\":\"" + dollars(yesBid) + "\",\"yes_ask_dollars\":\"" +
           dollars(noBid > 0 ? Decimal::kOne - noBid : Decimal::kOne) + "\",\"no_bid_dollars\":\"" +
           dollars(noBid) + "\",\"no_ask_dollars\":\"" +
           dollars(yesBid > 0 ? Decimal::kOne - yesBid : Decimal::kOne) +
           "\",\"volume_fp\":\"0.00\",\"open_interest_fp\":\"0.00\",\"liquidity_dollars\":\"" +
           dollars(restingMicros(book.yes) + restingMicros(book.no)) + "\"}";
}

KalshiServer::HttpReply KalshiServer::marketsPage(const QUrl &url) const {
    const QUrlQuery query(url);
    bool ok = true;
    const int limit = query.hasQueryItem(u"limit"_s) ? query.queryItemValue(u"limit"_s).toInt(&ok) : 100;
    if (!ok || limit < 1 || limit > kMaxLimit)
        return {400, R"({"details":"limit must be between 1 and 1000"})"};
    // tickers=A,B: only those the exchange knows, the rest silently left out, as Kalshi does.
    QStringList tickers;
    if (query.hasQueryItem(u"tickers"_s)) {
        for (const QString &t : query.queryItemValue(u"tickers"_s, QUrl::FullyDecoded).split(u','))
            if (m_books.contains(t) && !tickers.contains(t))
                tickers.append(t);
    } else {
        tickers = m_books.keys();
    }
    tickers.sort();
    // The cursor is the offset of the next row; an empty one ends the list.
    const qsizetype from = query.queryItemValue(u"cursor"_s).toLongLong();
    if (from < 0 || from > tickers.size())
        return {400, R"({"details":"invalid cursor"})"};
    const qsizetype to = std::min(tickers.size(), from + limit);
    QByteArray body = "{\"markets\":[";
    for (qsizetype i = from; i < to; ++i) {
        if (i > from)
            body += ',';
        body += marketJson(tickers.at(i));
    }
    body += "],\"cursor\":\"" + (to < tickers.size() ? QByteArray::number(to) : QByteArray()) + "\"}";
    return {200, body};
}

KalshiServer::HttpReply KalshiServer::market(const QString &ticker) const {
    if (!knowsMarket(ticker))
        return {404, errorBody("not_found", u"market not found"_s)};
    return {200, "{\"market\":" + marketJson(ticker) + '}'};
}

KalshiServer::HttpReply KalshiServer::orderbook(const QString &ticker) const {
    const auto it = m_books.constFind(ticker);
    if (it == m_books.cend())
        return {404, errorBody("not_found", u"market not found"_s)};
    // Bids only on both sides, ascending, so the best is last.
    return {200, "{\"orderbook_fp\":{\"yes_dollars\":" + levelsJson(it->yes) +
                     ",\"no_dollars\":" + levelsJson(it->no) + "}}"};
}

qint64 KalshiServer::historicalCutoffMs() const {
    return m_cutoffMs.value_or(nowMs() + m_clockSkewMs - kDefaultCutoffAgeMs);
}

int KalshiServer::restRequestsTo(const QString &suffix) const {
    int n = 0;
    for (auto it = m_requestsByPath.cbegin(); it != m_requestsByPath.cend(); ++it)
        if (it.key().endsWith(suffix))
            n += it.value();
    return n;
}

KalshiServer::HttpReply KalshiServer::cutoff() {
    if (!m_cutoffFaults.isEmpty()) {
        const HttpFault fault = m_cutoffFaults.takeFirst();
        switch (fault.kind) {
        case HttpFault::Kind::TooManyRequests:
            return {429, R"({"error":{"code":"too_many_requests","message":"too many requests"}})"};
        case HttpFault::Kind::HtmlError:
            return {fault.status, cloudflarePage(fault.status), "text/html; charset=UTF-8"};
        case HttpFault::Kind::ServerError:
            return {fault.status, errorBody("internal_server_error", u"internal server error"_s)};
        case HttpFault::Kind::Truncated:
            return {fault.status,
                    R"({"market_settled_ts":"2026-06-12T00:00:00Z","trades_created_ts":"2026-0)"};
        case HttpFault::Kind::Delay:
            break; // answered at once: replies here are synchronous
        }
    }
    // One boundary for all four tables, as the real capture shows.
    const QByteArray at = '"' + rfc3339(historicalCutoffMs()) + '"';
    return {200, "{\"market_settled_ts\":" + at + ",\"trades_created_ts\":" + at +
                     ",\"orders_updated_ts\":" + at + ",\"market_positions_last_updated_ts\":" + at + '}'};
}

QStringList KalshiServer::seriesTickers() const {
    QStringList out;
    for (auto it = m_books.cbegin(); it != m_books.cend(); ++it) {
        // Kalshi tickers nest: series KXHIGHNY, event KXHIGHNY-26NOV23, market KXHIGHNY-26NOV23-B54.5.
        const QString series = it.key().section(u'-', 0, 0);
        if (!out.contains(series))
            out.append(series);
    }
    out.sort();
    return out;
}

QByteArray KalshiServer::seriesJson(const QString &seriesTicker) const {
    const QString category = categoryOf(seriesTicker);
    return "{\"ticker\":" + quoted(seriesTicker) +
           ",\"frequency\":\"custom\",\"title\":" + quoted(u"Simulated series "_s + seriesTicker) +
           ",\"category\":" + quoted(category) + ",\"tags\":[" + quoted(category) +
           "],\"settlement_sources\":[{\"name\":\"Longshot simulator\","
           "\"url\":\"http://127.0.0.1/\"}],\"contract_url\":\"\",\"contract_terms_url\":\"\","
           "\"product_metadata\":{},\"fee_type\":\"quadratic\",\"fee_multiplier\":1,"
           "\"additional_prohibitions\":[]}";
}

KalshiServer::HttpReply KalshiServer::seriesList(const QUrl &url) const {
    const QString category = QUrlQuery(url).queryItemValue(u"category"_s);
    QByteArray body = "{\"series\":[";
    bool first = true;
    for (const QString &ticker : seriesTickers()) {
        if (!category.isEmpty() && categoryOf(ticker) != category)
            continue;
        if (!first)
            body += ',';
        first = false;
        body += seriesJson(ticker);
    }
    body += "],\"cursor\":\"\"}";
    return {200, body};
}

KalshiServer::HttpReply KalshiServer::series(const QString &ticker) const {
    if (!seriesTickers().contains(ticker))
        return {404, errorBody("not_found", u"series not found"_s)};
    return {200, "{\"series\":" + seriesJson(ticker) + '}'};
}

} // namespace longshot::net::sim
