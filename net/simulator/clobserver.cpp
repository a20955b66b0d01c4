#include "net/simulator/clobserver.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketServer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace longshot::net::sim {
namespace {

constexpr int kTickMs = 50;
constexpr int kSeedLevels = 15;
constexpr int kMinLevels = 4;

qint64 nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

QString msText() {
    return QString::number(nowMs());
}

Decimal micros(qint64 m) {
    return Decimal::fromMicros(m);
}

QJsonArray levelsJson(const QList<PriceLevel> &bestFirst) {
    // The live server lists the best level last on both sides.
    QJsonArray out;
    for (auto it = bestFirst.crbegin(); it != bestFirst.crend(); ++it)
        out.append(QJsonObject{{u"price"_s, it->price.toString()}, {u"size"_s, it->size.toString()}});
    return out;
}

// What gamma calls a market's liquidity, for the synthetic books: the dollars resting on both
// sides of every outcome's book.
Decimal restingDollars(const OrderBook &book) {
    Decimal sum;
    for (const BookSide side : {BookSide::Bid, BookSide::Ask}) {
        for (const PriceLevel &level : book.depth(side, 1'000))
            sum = sum.checkedAdd(level.price.checkedMul(level.size).value_or(Decimal())).value_or(sum);
    }
    return sum;
}

QString optionalText(const std::optional<PriceLevel> &level) {
    return level ? level->price.toString() : QString();
}

// gamma's category for a simulated market, from words in its title, so the demo's category
// alert filter has something to match.
QString simulatedCategory(const QString &title) {
    static const std::pair<QLatin1StringView, QLatin1StringView> kWords[] = {
        {QLatin1StringView("Bitcoin"), QLatin1StringView("Crypto")},
        {QLatin1StringView("Ethereum"), QLatin1StringView("Crypto")},
        {QLatin1StringView("Solana"), QLatin1StringView("Crypto")},
        {QLatin1StringView("temperature"), QLatin1StringView("Weather")},
        {QLatin1StringView("Fed "), QLatin1StringView("Economics")},
        {QLatin1StringView("CPI"), QLatin1StringView("Economics")},
        {QLatin1StringView(" vs"), QLatin1StringView("Sports")},
    };
    for (const auto &[word, category] : kWords) {
        if (title.contains(word, Qt::CaseInsensitive))
            return category;
    }
    return u"Politics"_s;
}

} // namespace

ClobServer::ClobServer(QObject *parent)
    : QObject(parent)
    , m_ws(new QWebSocketServer(u"longshot-sim-clob"_s, QWebSocketServer::NonSecureMode, this))
    , m_http(new QTcpServer(this))
    , m_changeTimer(new QTimer(this)) {
    m_changeTimer->setInterval(kTickMs);
    connect(m_changeTimer, &QTimer::timeout, this, &ClobServer::onChangeTick);
    connect(m_ws, &QWebSocketServer::newConnection, this, &ClobServer::onNewSocket);
    connect(m_http, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_http->nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onHttp(socket); });
            connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
                m_httpBuffers.remove(socket);
                socket->deleteLater();
            });
        }
    });
}

ClobServer::~ClobServer() {
    for (auto it = m_clients.cbegin(); it != m_clients.cend(); ++it) {
        it.key()->disconnect(this);
        it.key()->abort();
    }
}

bool ClobServer::listen() {
    if (isListening())
        return true;
    return m_ws->listen(QHostAddress::LocalHost, 0) && m_http->listen(QHostAddress::LocalHost, 0);
}

bool ClobServer::isListening() const {
    return m_ws->isListening() && m_http->isListening();
}

QUrl ClobServer::marketUrl() const {
    return QUrl(u"ws://127.0.0.1:%1/ws/market"_s.arg(m_ws->serverPort()));
}

QUrl ClobServer::restUrl() const {
    return QUrl(u"http://127.0.0.1:%1"_s.arg(m_http->serverPort()));
}

int ClobServer::subscribedClients() const {
    return int(
        std::count_if(m_clients.cbegin(), m_clients.cend(), [](const Client &c) { return c.subscribed; }));
}

QStringList ClobServer::tokensOf(const QString &conditionId) const {
    return m_markets.value(conditionId).tokenIds;
}

void ClobServer::addMarket(const QString &conditionId, const QString &title, const QStringList &outcomes,
                           const QStringList &tokenIds, Decimal midYes) {
    MarketInfo &m = m_markets[conditionId];
    m.title = title;
    m.slug = title.toLower().replace(u' ', u'-');
    m.outcomes = outcomes;
    m.tokenIds = tokenIds;
    for (int i = 0; i < tokenIds.size(); ++i)
        ensureToken(conditionId, i, tokenIds.at(i), i == 0 ? midYes : complementPrice(midYes));
}

void ClobServer::ensureToken(const QString &conditionId, int outcomeIndex, const QString &assetId,
                             Decimal mid) {
    if (m_tokens.contains(assetId))
        return;
    Token t;
    t.conditionId = conditionId;
    t.outcomeIndex = outcomeIndex;
    seedBook(t, mid);
    m_tokens.insert(assetId, std::move(t));
}

void ClobServer::seedBook(Token &token, Decimal mid) {
    const qint64 m = std::clamp<qint64>(mid.micros(), 20'000, 980'000);
    // Polymarket's tick narrows to 0.001 near the ends of the range.
    const qint64 tick = (m < 40'000 || m > 960'000) ? 1'000 : 10'000;
    token.tick = micros(tick);
    const qint64 center = m / tick * tick;
    QList<PriceLevel> bids;
    QList<PriceLevel> asks;
    std::uniform_int_distribution<qint64> size(20, 6'000);
    for (int k = 0; k < kSeedLevels; ++k) {
        const qint64 bid = center - qint64(k) * tick;
        const qint64 ask = center + qint64(k + 1) * tick;
        if (bid > 0)
            bids.append({micros(bid), micros(size(m_rng) * 10'000)});
        if (ask < Decimal::kOne)
            asks.append({micros(ask), micros(size(m_rng) * 10'000)});
    }
    token.book.replace(bids, asks);
}

QByteArray ClobServer::bookFrame(const QString &assetId) const {
    const Token &t = m_tokens[assetId];
    QJsonObject o{{u"event_type"_s, u"book"_s},
                  {u"asset_id"_s, assetId},
                  {u"market"_s, t.conditionId},
                  {u"bids"_s, levelsJson(t.book.depth(BookSide::Bid, 1'000))},
                  {u"asks"_s, levelsJson(t.book.depth(BookSide::Ask, 1'000))},
                  {u"timestamp"_s, msText()},
                  {u"hash"_s, QString::number(qHash(assetId) ^ quint64(nowMs()), 16)},
                  {u"tick_size"_s, t.tick.toString()}};
    if (t.lastTrade)
        o.insert(u"last_trade_price"_s, t.lastTrade->toString());
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

void ClobServer::onNewSocket() {
    while (QWebSocket *socket = m_ws->nextPendingConnection()) {
        // Ours to delete: a client still connected when the simulator stops goes with it.
        socket->setParent(this);
        m_clients.insert(socket, Client{});
        connect(socket, &QWebSocket::textMessageReceived, this,
                [this, socket](const QString &text) { onText(socket, text); });
        connect(socket, &QWebSocket::disconnected, this, [this, socket] {
            m_clients.remove(socket);
            socket->deleteLater();
        });
    }
}

void ClobServer::onText(QWebSocket *socket, const QString &text) {
    auto it = m_clients.find(socket);
    if (it == m_clients.end())
        return;
    const auto refuse = [this, socket] {
        const QString reason = u"invalid subscription payload"_s;
        Q_EMIT closedForProtocol(1008, reason);
        socket->close(QWebSocketProtocol::CloseCodePolicyViolated, reason);
    };
    if (text == u"PING"_s) {
        // The live server refuses a ping that comes before any valid subscription.
        if (!it->subscribed)
            return refuse();
        socket->sendTextMessage(u"PONG"_s);
        return;
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    const QJsonObject o = doc.object();
    const QJsonArray ids = o.value(u"assets_ids"_s).toArray();
    if (error.error != QJsonParseError::NoError || !doc.isObject() || !o.value(u"assets_ids"_s).isArray())
        return refuse();
    QStringList assets;
    for (const QJsonValue &v : ids)
        assets.append(v.toString());
    const QString operation = o.value(u"operation"_s).toString();
    if (operation.isEmpty()) {
        if (o.value(u"type"_s).toString().compare(u"market"_s, Qt::CaseInsensitive) != 0)
            return refuse();
    } else if (!it->subscribed || (operation != u"subscribe"_s && operation != u"unsubscribe"_s)) {
        return refuse();
    }
    if (operation == u"unsubscribe"_s) {
        for (const QString &a : std::as_const(assets))
            it->assets.remove(a);
        Q_EMIT unsubscribed(assets);
        return;
    }
    it->subscribed = true;
    QStringList fresh;
    for (const QString &a : std::as_const(assets)) {
        if (!it->assets.contains(a)) {
            it->assets.insert(a);
            fresh.append(a);
        }
    }
    sendBooks(socket, fresh);
    Q_EMIT subscribed(assets);
}

void ClobServer::sendBooks(QWebSocket *socket, const QStringList &assetIds) {
    // The initial dump is one array frame holding every known book.
    QByteArray frame = "[";
    bool first = true;
    for (const QString &a : assetIds) {
        if (!m_tokens.contains(a))
            continue;
        if (!first)
            frame += ',';
        frame += bookFrame(a);
        first = false;
    }
    frame += ']';
    if (!first)
        socket->sendTextMessage(QString::fromUtf8(frame));
}

void ClobServer::broadcast(const QString &assetId, const QByteArray &frame) {
    QString text;
    for (auto it = m_clients.cbegin(); it != m_clients.cend(); ++it) {
        if (!it->assets.contains(assetId))
            continue;
        if (text.isEmpty())
            text = QString::fromUtf8(frame);
        it.key()->sendTextMessage(text);
    }
}

void ClobServer::observeTrades(const TradeBatch &trades) {
    for (const Trade &t : trades) {
        if (t.venue != Venue::Polymarket || t.assetId.isEmpty() || t.marketId.isEmpty())
            continue;
        MarketInfo &m = m_markets[t.marketId];
        m.title = t.marketTitle;
        m.slug = t.marketSlug;
        const int index = std::clamp(t.outcomeIndex, 0, 1);
        while (m.outcomes.size() < 2)
            m.outcomes.append(m.outcomes.isEmpty() ? u"Yes"_s : u"No"_s);
        while (m.tokenIds.size() < 2)
            m.tokenIds.append(QString());
        if (!t.outcome.isEmpty())
            m.outcomes[index] = t.outcome;
        m.tokenIds[index] = t.assetId;
        if (t.side == Side::Buy) {
            Decimal &held = m.bought[t.wallet.address() + u'|' + QString::number(index)];
            held = held.checkedAdd(t.size).value_or(held);
        }
        const bool known = m_tokens.contains(t.assetId);
        ensureToken(t.marketId, index, t.assetId, t.price);
        Token &token = m_tokens[t.assetId];
        token.lastTrade = t.price;

        const qint64 ts = t.timestampMs > 0 ? t.timestampMs : nowMs();
        const QJsonObject print{{u"event_type"_s, u"last_trade_price"_s},
                                {u"asset_id"_s, t.assetId},
                                {u"market"_s, t.marketId},
                                {u"price"_s, t.price.toString()},
                                {u"size"_s, t.size.toString()},
                                {u"side"_s, t.side == Side::Buy ? u"BUY"_s : u"SELL"_s},
                                {u"fee_rate_bps"_s, u"0"_s},
                                {u"timestamp"_s, QString::number(ts)},
                                {u"transaction_hash"_s, t.txId.text()}};
        broadcast(t.assetId, QJsonDocument(print).toJson(QJsonDocument::Compact));

        // The generator's prices drift; a book left far behind is re-centred on the print.
        const auto bid = token.book.bestBid();
        const auto ask = token.book.bestAsk();
        const qint64 slack = 5 * token.tick.micros();
        if (known && bid && ask &&
            (t.price.micros() < bid->price.micros() - slack ||
             t.price.micros() > ask->price.micros() + slack)) {
            seedBook(token, t.price);
            broadcast(t.assetId, QByteArray(QByteArray("[") + bookFrame(t.assetId) + "]"));
        }
    }
}

void ClobServer::setChangeRate(int changesPerSecond) {
    m_changesPerTick = std::max(0, changesPerSecond) * kTickMs / 1000;
    if (changesPerSecond > 0 && m_changesPerTick == 0)
        m_changesPerTick = 1;
    if (m_changesPerTick > 0)
        m_changeTimer->start();
    else
        m_changeTimer->stop();
}

void ClobServer::dropClients() {
    const QList<QWebSocket *> sockets = m_clients.keys();
    for (QWebSocket *socket : sockets)
        socket->abort();
}

void ClobServer::onChangeTick() {
    QStringList live;
    QSet<QString> seen;
    for (const Client &c : std::as_const(m_clients))
        for (const QString &a : c.assets)
            if (m_tokens.contains(a) && !seen.contains(a)) {
                seen.insert(a);
                live.append(a);
            }
    if (live.isEmpty())
        return;
    for (int i = 0; i < m_changesPerTick; ++i) {
        const QString &assetId = live.at(int(m_rng() % quint64(live.size())));
        Token &token = m_tokens[assetId];
        const BookSide side = m_rng() % 2 ? BookSide::Bid : BookSide::Ask;
        const auto best = side == BookSide::Bid ? token.book.bestBid() : token.book.bestAsk();
        const auto other = side == BookSide::Bid ? token.book.bestAsk() : token.book.bestBid();
        if (!best || !other)
            continue;
        // Mostly near the touch, sometimes one tick inside the spread.
        const qint64 step = token.tick.micros();
        const qint64 offset = qint64(m_rng() % 9) - 1;
        qint64 price = side == BookSide::Bid ? best->price.micros() - offset * step
                                             : best->price.micros() + offset * step;
        if (price <= 0 || price >= Decimal::kOne)
            continue;
        if ((side == BookSide::Bid && price >= other->price.micros()) ||
            (side == BookSide::Ask && price <= other->price.micros()))
            continue;
        qint64 size = qint64(m_rng() % 6'000 + 1) * 10'000;
        if (m_rng() % 10 == 0 && token.book.levelCount(side) > kMinLevels)
            size = 0;
        token.book.setLevel(side, micros(price), micros(size));
        const QJsonObject leg{{u"asset_id"_s, assetId},
                              {u"price"_s, micros(price).toString()},
                              {u"size"_s, micros(size).toString()},
                              {u"side"_s, side == BookSide::Bid ? u"BUY"_s : u"SELL"_s},
                              {u"hash"_s, QString::number(m_rng() % 0xffffffffu, 16)},
                              {u"best_bid"_s, optionalText(token.book.bestBid())},
                              {u"best_ask"_s, optionalText(token.book.bestAsk())}};
        const QJsonObject frame{{u"event_type"_s, u"price_change"_s},
                                {u"market"_s, token.conditionId},
                                {u"timestamp"_s, msText()},
                                {u"price_changes"_s, QJsonArray{leg}}};
        broadcast(assetId, QJsonDocument(frame).toJson(QJsonDocument::Compact));
        ++m_changeFrames;
    }
}

void ClobServer::onHttp(QTcpSocket *socket) {
    QByteArray &buffer = m_httpBuffers[socket];
    buffer += socket->readAll();
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return;
    const QList<QByteArray> requestLine = buffer.left(buffer.indexOf("\r\n")).split(' ');
    buffer.clear();
    int status = 404;
    QByteArray body = "404 page not found";
    QByteArray type = "text/plain";
    if (requestLine.size() >= 2 && requestLine.at(0) == "GET") {
        const QUrl url(u"http://127.0.0.1"_s + QString::fromLatin1(requestLine.at(1)));
        if (url.path() == u"/markets"_s) {
            status = 200;
            body = marketsBody(url);
            type = "application/json";
        } else if (url.path() == u"/holders"_s) {
            type = "application/json";
            if (QUrlQuery(url).queryItemValue(u"market"_s).isEmpty()) {
                status = 400;
                body = R"({"error":"required query param 'market' not provided"})";
            } else {
                status = 200;
                body = holdersBody(url);
            }
        }
    }
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + (status == 200 ? " OK" : " Error") +
                          "\r\nContent-Type: " + type +
                          "\r\nContent-Length: " + QByteArray::number(body.size()) +
                          "\r\nConnection: close\r\n\r\n" + body;
    socket->write(response);
    socket->disconnectFromHost();
}

QByteArray ClobServer::marketsBody(const QUrl &url) const {
    QJsonArray rows;
    const QUrlQuery query(url);
    const bool closedOnly = query.queryItemValue(u"closed"_s) == u"true"_s;
    for (const QString &id : query.allQueryItemValues(u"condition_ids"_s)) {
        const auto it = m_markets.constFind(id.toLower());
        if (it == m_markets.cend() || closedOnly) // every simulated market is open
            continue;
        QStringList prices;
        Decimal liquidity;
        for (const QString &token : it->tokenIds) {
            const Token t = m_tokens.value(token);
            const auto bid = t.book.bestBid();
            prices.append(t.lastTrade ? t.lastTrade->toString() : (bid ? bid->price.toString() : u"0.5"_s));
            liquidity = liquidity.checkedAdd(restingDollars(t.book)).value_or(liquidity);
        }
        const auto encode = [](const QStringList &list) {
            return QString::fromUtf8(
                QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact));
        };
        rows.append(QJsonObject{
            {u"id"_s, QString::number(qHash(it.key()) % 1'000'000)},
            {u"question"_s, it->title},
            {u"conditionId"_s, it.key()},
            {u"slug"_s, it->slug},
            {u"category"_s, simulatedCategory(it->title)},
            {u"endDate"_s,
             QDateTime::fromMSecsSinceEpoch(nowMs() + 7 * 86'400'000LL, Qt::UTC).toString(Qt::ISODateWithMs)},
            {u"active"_s, true},
            {u"closed"_s, false},
            {u"enableOrderBook"_s, true},
            {u"outcomes"_s, encode(it->outcomes)},
            {u"outcomePrices"_s, encode(prices)},
            {u"clobTokenIds"_s, encode(it->tokenIds)},
            // gamma also sends it as the number liquidityNum; a QJsonValue would carry that as a
            // double, so only the exact string is served.
            {u"liquidity"_s, liquidity.toString()},
        });
    }
    return QJsonDocument(rows).toJson(QJsonDocument::Compact);
}

QByteArray ClobServer::holdersBody(const QUrl &url) const {
    const QString market = QUrlQuery(url).queryItemValue(u"market"_s).toLower();
    const auto it = m_markets.constFind(market);
    if (it == m_markets.cend())
        return "null"; // what the live data-api answers for a market it does not know
    QByteArray body = "[";
    for (int index = 0; index < it->tokenIds.size(); ++index) {
        QList<std::pair<Decimal, QString>> holders;
        const QString suffix = u"|"_s + QString::number(index);
        for (auto h = it->bought.cbegin(); h != it->bought.cend(); ++h)
            if (h.key().endsWith(suffix))
                holders.append({h.value(), h.key().chopped(suffix.size())});
        std::sort(holders.begin(), holders.end(),
                  [](const auto &a, const auto &b) { return a.first > b.first; });
        if (index > 0)
            body += ',';
        body += R"({"token":")" + it->tokenIds.at(index).toUtf8() + R"(","holders":[)";
        for (int i = 0; i < std::min<int>(20, int(holders.size())); ++i) {
            if (i > 0)
                body += ',';
            // amount is a JSON number on the live API.
            body += R"({"proxyWallet":")" + holders.at(i).second.toUtf8() + R"(","asset":")" +
                    it->tokenIds.at(index).toUtf8() + R"(","pseudonym":"","name":"","amount":)" +
                    holders.at(i).first.toString().toUtf8() + R"(,"outcomeIndex":)" +
                    QByteArray::number(index) + "}";
        }
        body += "]}";
    }
    body += ']';
    return body;
}

} // namespace longshot::net::sim
