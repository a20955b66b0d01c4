#include "net/clobclient.h"

#include "net/netlog.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace longshot::net {
namespace {

qint64 nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

QJsonArray idArray(const QStringList &ids) {
    return QJsonArray::fromStringList(ids);
}

} // namespace

ClobClient::ClobClient(ClobConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_pingTimer(new QTimer(this))
    , m_watchdog(new QTimer(this))
    , m_publishTimer(new QTimer(this))
    , m_reconnectTimer(new QTimer(this)) {
    m_status.feed = u"polymarket.clob"_s;
    m_pingTimer->setInterval(m_config.pingInterval);
    m_watchdog->setInterval(
        std::chrono::milliseconds(std::clamp<qint64>(m_config.silentAfter.count() / 4, 50, 1000)));
    m_publishTimer->setSingleShot(true);
    m_publishTimer->setInterval(m_config.publishInterval);
    m_reconnectTimer->setSingleShot(true);
    connect(m_pingTimer, &QTimer::timeout, this, [this] {
        if (m_socket && m_subscribed && m_socket->state() == QAbstractSocket::ConnectedState)
            m_socket->sendTextMessage(u"PING"_s);
    });
    connect(m_watchdog, &QTimer::timeout, this, &ClobClient::checkLiveness);
    connect(m_publishTimer, &QTimer::timeout, this, &ClobClient::publish);
    connect(m_reconnectTimer, &QTimer::timeout, this, &ClobClient::connectSocket);
}

ClobClient::~ClobClient() {
    tearDownSocket();
}

QStringList ClobClient::subscribedAssets() const {
    return m_wanted;
}

void ClobClient::start() {
    if (m_running)
        return;
    m_running = true;
    m_watchdog->start();
    if (!m_wanted.isEmpty())
        connectSocket();
}

void ClobClient::stop() {
    m_running = false;
    m_pingTimer->stop();
    m_watchdog->stop();
    m_reconnectTimer->stop();
    publish();
    tearDownSocket();
    setState(FeedState::Disconnected);
}

void ClobClient::tearDownSocket() {
    m_subscribed = false;
    if (!m_socket)
        return;
    m_socket->disconnect(this);
    m_socket->abort();
    m_socket->deleteLater();
    m_socket = nullptr;
}

void ClobClient::subscribe(const QStringList &assetIds) {
    QStringList fresh;
    for (const QString &id : assetIds)
        if (!id.isEmpty() && !m_wanted.contains(id) && !fresh.contains(id))
            fresh.append(id);
    if (fresh.isEmpty())
        return;
    m_wanted += fresh;
    if (!m_running)
        return;
    if (!m_socket) {
        if (!m_reconnectTimer->isActive())
            connectSocket();
        return;
    }
    if (m_subscribed)
        sendSubscribe(fresh, false);
    // Still connecting: onConnected sends the whole wanted set.
}

void ClobClient::unsubscribe(const QStringList &assetIds) {
    QStringList gone;
    for (const QString &id : assetIds)
        if (m_wanted.removeAll(id) > 0)
            gone.append(id);
    if (gone.isEmpty())
        return;
    for (const QString &id : std::as_const(gone)) {
        m_books.remove(id);
        m_dirty.remove(id);
    }
    if (m_wanted.isEmpty()) {
        // Nothing left to watch: an idle socket would only be dropped by the server.
        m_pingTimer->stop();
        m_reconnectTimer->stop();
        tearDownSocket();
        setState(FeedState::Disconnected);
        return;
    }
    if (m_socket && m_subscribed)
        sendOperation("unsubscribe", gone);
}

void ClobClient::setAssets(const QStringList &assetIds) {
    QStringList gone;
    for (const QString &id : std::as_const(m_wanted))
        if (!assetIds.contains(id))
            gone.append(id);
    // Subscribe first so that the socket is not torn down between two selections.
    subscribe(assetIds);
    unsubscribe(gone);
}

void ClobClient::connectSocket() {
    if (!m_running || m_wanted.isEmpty())
        return;
    tearDownSocket();
    setState(FeedState::Connecting);
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    connect(m_socket, &QWebSocket::connected, this, &ClobClient::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &ClobClient::onDisconnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &ClobClient::onText);
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this](QAbstractSocket::SocketError) {
                if (m_socket)
                    m_status.lastError = m_socket->errorString();
            });
    m_lastFrameMs = nowMs();
    m_socket->open(m_config.url);
}

void ClobClient::onConnected() {
    setState(FeedState::Subscribing);
    // Books from before the reconnect are stale; the subscription's initial dump replaces them.
    for (Book &b : m_books)
        b.seen = false;
    ++m_generation;
    sendSubscribe(m_wanted, true);
    m_pingTimer->start();
    m_lastFrameMs = nowMs();
    qCInfo(lcNet).noquote() << "CLOB market channel connected to" << m_config.url.toString();
}

void ClobClient::sendSubscribe(const QStringList &assetIds, bool initial) {
    for (qsizetype from = 0; from < assetIds.size(); from += m_config.chunkSize) {
        const QStringList chunk = assetIds.mid(from, m_config.chunkSize);
        if (initial && from == 0) {
            const QJsonObject o{{u"assets_ids"_s, idArray(chunk)},
                                {u"type"_s, u"market"_s},
                                {u"custom_feature_enabled"_s, true}};
            m_socket->sendTextMessage(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
            m_subscribed = true;
        } else {
            sendOperation("subscribe", chunk);
        }
    }
}

void ClobClient::sendOperation(const char *operation, const QStringList &assetIds) {
    for (qsizetype from = 0; from < assetIds.size(); from += m_config.chunkSize) {
        const QJsonObject o{{u"operation"_s, QString::fromLatin1(operation)},
                            {u"assets_ids"_s, idArray(assetIds.mid(from, m_config.chunkSize))}};
        m_socket->sendTextMessage(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
    }
}

void ClobClient::onDisconnected() {
    m_pingTimer->stop();
    m_subscribed = false;
    if (!m_running)
        return;
    scheduleReconnect(m_socket ? m_socket->closeReason() : QString());
}

void ClobClient::scheduleReconnect(const QString &why) {
    if (!why.isEmpty())
        m_status.lastError = why;
    tearDownSocket();
    m_pingTimer->stop();
    if (!m_running || m_wanted.isEmpty() || m_reconnectTimer->isActive())
        return;
    setState(FeedState::Reconnecting);
    ++m_status.reconnects;
    m_reconnectTimer->start(jitteredBackoff(m_attempt++, m_config.backoff, m_rng));
}

void ClobClient::checkLiveness() {
    if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    // PONG counts: a quiet market may send no book event for minutes, but a live socket
    // answers every PING. Silence past the window is a frozen connection.
    if (nowMs() - m_lastFrameMs > m_config.silentAfter.count()) {
        setState(FeedState::Stalled);
        scheduleReconnect(u"no frame for %1 s"_s.arg(m_config.silentAfter.count() / 1000.0));
    }
}

void ClobClient::onText(const QString &text) {
    m_lastFrameMs = nowMs();
    if (text == u"PONG"_s)
        return;
    ++m_status.messagesReceived;
    const QByteArray utf8 = text.toUtf8();
    ClobParseResult result = m_parser.parseFrame(utf8);
    for (RejectReason reason : std::as_const(result.rejects))
        ++m_status.rejectedByReason[rejectReasonName(reason)];
    for (ClobEvent &event : result.events)
        handleEvent(event);
    if (!result.events.isEmpty()) {
        m_attempt = 0;
        setState(FeedState::Live);
    }
}

void ClobClient::handleEvent(ClobEvent &event) {
    if (auto *book = std::get_if<ClobBook>(&event)) {
        if (!m_wanted.contains(book->assetId))
            return; // a late answer for an asset already dropped
        Book &b = m_books[book->assetId];
        applyClobBook(b.book, *book);
        b.market = book->market;
        b.timestampMs = std::max(b.timestampMs, book->timestampMs);
        if (book->lastTradePrice)
            b.lastTradePrice = book->lastTradePrice;
        b.generation = ++m_generation;
        b.seen = true;
        markDirty(book->assetId);
    } else if (auto *change = std::get_if<ClobPriceChange>(&event)) {
        for (const ClobLevelChange &leg : std::as_const(change->changes)) {
            auto it = m_books.find(leg.assetId);
            if (it == m_books.end() || !it->seen)
                continue;
            const LevelChange result = applyClobChange(it->book, leg);
            if (result == LevelChange::Rejected) {
                ++m_status.rejectedByReason[u"book level rejected"_s];
                continue;
            }
            it->timestampMs = std::max(it->timestampMs, change->timestampMs);
            markDirty(leg.assetId);
        }
    } else if (auto *trade = std::get_if<ClobLastTrade>(&event)) {
        if (!m_wanted.contains(trade->assetId))
            return;
        ++m_status.tradesReceived;
        m_status.lastTradeMs = std::max(m_status.lastTradeMs, trade->timestampMs);
        Book &b = m_books[trade->assetId];
        b.market = trade->market;
        b.lastTradePrice = trade->price;
        m_pendingTrades.append(*trade);
        markDirty(trade->assetId);
    }
    // tick_size_change and best_bid_ask carry nothing the book does not already say.
}

void ClobClient::markDirty(const QString &assetId) {
    m_dirty.insert(assetId);
    if (!m_publishTimer->isActive())
        m_publishTimer->start();
}

void ClobClient::publish() {
    if (!m_pendingTrades.isEmpty())
        Q_EMIT lastTrades(std::exchange(m_pendingTrades, {}));
    if (m_dirty.isEmpty())
        return;
    ClobBookList out;
    out.reserve(m_dirty.size());
    for (const QString &id : std::as_const(m_dirty)) {
        const auto it = m_books.constFind(id);
        if (it == m_books.cend() || !it->seen)
            continue;
        out.append(
            ClobBookSnapshot{it->market, id, it->book, it->timestampMs, it->lastTradePrice, it->generation});
    }
    m_dirty.clear();
    if (!out.isEmpty())
        Q_EMIT booksUpdated(out);
}

void ClobClient::setState(FeedState state) {
    if (m_status.state == state)
        return;
    m_status.state = state;
    Q_EMIT statusChanged(m_status);
}

} // namespace longshot::net
