#include "net/simulator/rtdsserver.h"

#include "net/simulator/exchangesimulator.h"
#include "net/simulator/tradejson.h"

#include <QDateTime>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace longshot::net::sim {

namespace {

qint64 nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

// The live server's reply to a subscription naming a topic/type it does not serve
// (captured: rtds_subscription_rejected_polyoxide.json), for the offending pair.
QByteArray rejectionBody(const QString &topic, const QString &type) {
    const QString what = u"topic: "_s + topic + u" and type: "_s + type + u" not found"_s;
    const QString message = u"leger GetTopics error: rpc error: code = NotFound desc = "_s + what +
                            u", status: rpc error: code = NotFound desc = "_s + what + u", message: "_s +
                            what;
    QByteArray out = "{\"body\":{\"message\":";
    json::appendString(out, message);
    out += "},\"statusCode\":401}";
    return out;
}

QByteArray newConnectionId() {
    // Same look as the live ids ("gbeUfq-crWeIKABx0A=="): 13 random bytes, base64url.
    QByteArray raw(13, Qt::Uninitialized);
    for (char &c : raw)
        c = char(QRandomGenerator::global()->bounded(256));
    return raw.toBase64(QByteArray::Base64UrlEncoding);
}

} // namespace

RtdsServer::RtdsServer(IconLookup icons, QObject *parent)
    : QObject(parent)
    , m_icons(std::move(icons))
    , m_server(new QWebSocketServer(u"longshot-rtds-sim"_s, QWebSocketServer::NonSecureMode, this))
    , m_delivery(ActivityDelivery::TradesAndOrdersMatched)
    , m_pongReply(u"pong"_s)
    , m_delayTimer(new QTimer(this)) {
    m_delayTimer->setSingleShot(true);
    connect(m_delayTimer, &QTimer::timeout, this, &RtdsServer::flushDue);
    connect(m_server, &QWebSocketServer::newConnection, this, &RtdsServer::onNewConnection);
}

RtdsServer::~RtdsServer() {
    // Sockets are children; make them stop talking to us before they are destroyed.
    for (Client &client : m_clients)
        client.socket->disconnect(this);
}

bool RtdsServer::listen() {
    if (m_server->isListening())
        return true;
    return m_server->listen(QHostAddress::LocalHost, 0);
}

bool RtdsServer::isListening() const {
    return m_server->isListening();
}

QUrl RtdsServer::url() const {
    if (!m_server->isListening())
        return {};
    QUrl url;
    url.setScheme(u"ws"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(m_server->serverPort());
    url.setPath(u"/"_s);
    return url;
}

void RtdsServer::onNewConnection() {
    while (QWebSocket *socket = m_server->nextPendingConnection()) {
        socket->setParent(this);
        const quint64 id = m_nextClientId++;
        m_clients.insert(id, Client{socket, newConnectionId(), {}});
        connect(socket, &QWebSocket::textMessageReceived, this,
                [this, id](const QString &message) { onTextMessage(id, message); });
        connect(socket, &QWebSocket::disconnected, this, [this, id] { onDisconnected(id); });
        // The live server greets every connection with an empty text frame.
        socket->sendTextMessage(QString());
        emit clientConnected();
    }
}

void RtdsServer::onDisconnected(quint64 clientId) {
    const auto it = m_clients.find(clientId);
    if (it == m_clients.end())
        return;
    QWebSocket *socket = it->socket;
    m_clients.erase(it);
    socket->disconnect(this);
    socket->deleteLater();
    emit clientDisconnected();
}

bool RtdsServer::isKnown(const QString &topic, const QString &type) {
    static const QHash<QString, QStringList> known = {
        {u"activity"_s, {u"trades"_s, u"orders_matched"_s}},
        {u"comments"_s,
         {u"comment_created"_s, u"comment_removed"_s, u"reaction_created"_s, u"reaction_removed"_s}},
        {u"crypto_prices"_s, {u"update"_s}},
        {u"crypto_prices_chainlink"_s, {u"update"_s}},
        {u"equity_prices"_s, {u"update"_s}},
        {u"clob_user"_s, {}},
        {u"clob_market"_s, {}},
        {u"rfq"_s, {}},
    };
    const auto it = known.constFind(topic);
    if (it == known.cend() || type.isEmpty())
        return false;
    // Authenticated topics: their types are not modelled, any is accepted.
    return type == u"*"_s || it->isEmpty() || it->contains(type);
}

RtdsServer::Subscription RtdsServer::makeSubscription(const QString &topic, const QString &type,
                                                      const QString &filters) {
    Subscription sub{topic, type, filters, Subscription::Filter::None, {}};
    if (filters.isEmpty())
        return sub;
    // The server compares the filter as an exact string: anything but compact JSON
    // (spaces after ':' or ',') silently matches nothing.
    sub.filter = Subscription::Filter::MatchesNothing;
    const QJsonDocument doc = QJsonDocument::fromJson(filters.toUtf8());
    if (!doc.isObject() || doc.object().size() != 1 ||
        QString::fromUtf8(doc.toJson(QJsonDocument::Compact)) != filters)
        return sub;
    const QJsonObject object = doc.object();
    if (object.value(u"event_slug"_s).isString()) {
        sub.filter = Subscription::Filter::EventSlug;
        sub.filterValue = object.value(u"event_slug"_s).toString();
    } else if (object.value(u"market_slug"_s).isString()) {
        sub.filter = Subscription::Filter::MarketSlug;
        sub.filterValue = object.value(u"market_slug"_s).toString();
    }
    return sub;
}

void RtdsServer::onTextMessage(quint64 clientId, const QString &message) {
    const auto it = m_clients.find(clientId);
    if (it == m_clients.end())
        return;
    QWebSocket *socket = it->socket;
    const QString text = message.trimmed();
    if (text.compare(u"ping"_s, Qt::CaseInsensitive) == 0) {
        if (!m_pongReply.isEmpty())
            socket->sendTextMessage(m_pongReply);
        return;
    }
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    if (!doc.isObject())
        return; // the live server ignores what it cannot read
    const QJsonObject object = doc.object();
    // Without "action" the live server keeps the socket open and sends nothing.
    const QString action = object.value(u"action"_s).toString();
    if (action != u"subscribe"_s && action != u"unsubscribe"_s)
        return;

    QList<Subscription> requested;
    for (const QJsonValue &value : object.value(u"subscriptions"_s).toArray()) {
        const QJsonObject entry = value.toObject();
        const QString topic = entry.value(u"topic"_s).toString();
        const QString type = entry.value(u"type"_s).toString();
        // filters is a JSON-encoded string; an object there is a client bug the server ignores.
        const QString filters = entry.value(u"filters"_s).toString();
        if (!isKnown(topic, type)) {
            // One unknown pair rejects the whole message.
            socket->sendTextMessage(QString::fromUtf8(rejectionBody(topic, type)));
            return;
        }
        requested.append(makeSubscription(topic, type, filters));
    }

    QList<Subscription> &subs = it->subscriptions;
    for (const Subscription &sub : requested) {
        const auto same = [&sub](const Subscription &s) {
            return s.topic == sub.topic && s.type == sub.type && s.filters == sub.filters;
        };
        if (action == u"unsubscribe"_s) {
            subs.removeIf(same);
            continue;
        }
        if (std::none_of(subs.cbegin(), subs.cend(), same))
            subs.append(sub);
        emit clientSubscribed(sub.topic, sub.type);
    }
}

bool RtdsServer::wants(const Client &client, QStringView type, const Trade &trade) const {
    for (const Subscription &sub : client.subscriptions) {
        if (sub.topic != u"activity"_s || (sub.type != type && sub.type != u"*"_s))
            continue;
        switch (sub.filter) {
        case Subscription::Filter::None:
            return true;
        case Subscription::Filter::EventSlug:
            if (trade.eventSlug == sub.filterValue)
                return true;
            break;
        case Subscription::Filter::MarketSlug:
            if (trade.marketSlug == sub.filterValue)
                return true;
            break;
        case Subscription::Filter::MatchesNothing:
            break;
        }
    }
    return false;
}

void RtdsServer::deliver(const TradeBatch &trades) {
    if (m_stalled || m_clients.isEmpty())
        return;
    const bool trades_ = m_delivery != ActivityDelivery::OrdersMatchedOnly;
    const bool matched = m_delivery != ActivityDelivery::TradesOnly;
    const qint64 stamp = nowMs();
    for (const Trade &trade : trades) {
        QByteArray payload;
        for (auto it = m_clients.cbegin(); it != m_clients.cend(); ++it) {
            for (const bool isTrades : {true, false}) {
                if (isTrades ? !trades_ : !matched)
                    continue;
                const QStringView type = isTrades ? u"trades" : u"orders_matched";
                if (!wants(*it, type, trade))
                    continue;
                if (payload.isEmpty())
                    payload = json::rtdsPayload(trade, m_icons(trade));
                enqueue(it.key(), json::rtdsEnvelope(it->connectionId, payload, stamp,
                                                     isTrades ? QByteArrayView("trades")
                                                              : QByteArrayView("orders_matched")));
            }
        }
    }
}

void RtdsServer::sendData(const QByteArray &frame) {
    if (m_stalled)
        return;
    enqueue(0, frame);
}

void RtdsServer::sendRaw(const QByteArray &frame) {
    write(0, frame);
}

void RtdsServer::setFrameDelayMs(int delayMs) {
    m_frameDelayMs = std::max(0, delayMs);
}

void RtdsServer::enqueue(quint64 clientId, QByteArray frame) {
    if (m_frameDelayMs <= 0 && m_pending.empty()) {
        write(clientId, frame);
        return;
    }
    m_pending.push_back(Pending{nowMs() + m_frameDelayMs, clientId, std::move(frame)});
    if (!m_delayTimer->isActive())
        m_delayTimer->start(int(std::max<qint64>(0, m_pending.front().dueMs - nowMs())));
}

void RtdsServer::flushDue() {
    const qint64 now = nowMs();
    while (!m_pending.empty() && m_pending.front().dueMs <= now) {
        write(m_pending.front().clientId, m_pending.front().frame);
        m_pending.pop_front();
    }
    if (!m_pending.empty())
        m_delayTimer->start(int(std::max<qint64>(1, m_pending.front().dueMs - now)));
}

void RtdsServer::write(quint64 clientId, const QByteArray &frame) {
    const QString text = QString::fromUtf8(frame);
    if (clientId == 0) {
        for (const Client &client : std::as_const(m_clients)) {
            client.socket->sendTextMessage(text);
            ++m_framesSent;
        }
        return;
    }
    const auto it = m_clients.constFind(clientId);
    if (it == m_clients.cend())
        return; // dropped while the frame waited
    it->socket->sendTextMessage(text);
    ++m_framesSent;
}

void RtdsServer::dropConnections() {
    // Forget the clients first: abort() may or may not report disconnected() synchronously.
    const QHash<quint64, Client> dropped = std::exchange(m_clients, {});
    for (const Client &client : dropped) {
        client.socket->disconnect(this);
        client.socket->abort();
        client.socket->deleteLater();
    }
    // Frames queued for the dropped sockets die with them.
    m_pending.clear();
    m_delayTimer->stop();
    for (qsizetype i = 0; i < dropped.size(); ++i)
        emit clientDisconnected();
}

} // namespace longshot::net::sim
