#include "net/rtdsclient.h"

#include "net/netlog.h"

#include <QDateTime>
#include <QWebSocket>

namespace longshot::net {
namespace {

QByteArray subscribeMessage(const char *type) {
    // Compact JSON: the server compares filters as exact strings; one type per message so a
    // refused subscription cannot take the other down with it.
    return QByteArray(R"({"action":"subscribe","subscriptions":[{"topic":"activity","type":")") + type +
           QByteArray(R"(","filters":""}]})");
}

FeedSocketConfig socketConfigFor(const RtdsConfig &c) {
    FeedSocketConfig s;
    s.feed = QStringLiteral("polymarket.rtds");
    s.url = c.url;
    s.minNotional = c.minNotional;
    // Pings keep answering on a frozen RTDS socket, so only data counts as life.
    s.silenceLimit = c.stallAfter;
    s.silenceMeaning = QStringLiteral("trade");
    s.pingInterval = c.pingInterval;
    s.pingAsText = true;
    s.pongIsLife = false;
    s.flushInterval = c.flushInterval;
    s.flushMaxTrades = c.flushMaxTrades;
    s.proactiveReconnect = c.proactiveReconnect;
    s.backoff = c.backoff;
    return s;
}

} // namespace

RtdsClient::RtdsClient(const RtdsConfig &config, std::shared_ptr<BoundedBatchQueue> storageQueue)
    : FeedSocket(socketConfigFor(config), std::move(storageQueue), &lcRtds)
    , m_subscribeOrdersMatched(config.subscribeOrdersMatched) {}

void RtdsClient::subscribe() {
    socket()->sendTextMessage(QString::fromLatin1(subscribeMessage("trades")));
    if (m_subscribeOrdersMatched)
        socket()->sendTextMessage(QString::fromLatin1(subscribeMessage("orders_matched")));
    socket()->sendTextMessage(QStringLiteral("ping"));
}

void RtdsClient::handleFrame(const QByteArray &frame) {
    FeedStatus &s = status();
    ++s.messagesReceived;
    ParseResult &result = m_parsed;
    result.clear();
    m_parser.parseFrame(frame, QDateTime::currentMSecsSinceEpoch(), result);
    for (RejectReason reason : std::as_const(result.rejects))
        ++s.rejectedByReason[rejectReasonName(reason)];
    if (!result.serverError.isEmpty()) {
        s.lastError = result.serverError;
        qCWarning(lcRtds).noquote() << "server refused a subscription:" << result.serverError;
    }
    if (result.trades.isEmpty())
        return;
    touchAlive();
    for (Trade &trade : result.trades)
        acceptTrade(std::move(trade));
    result.trades.clear(); // the moved-from shells, not their capacity
}

} // namespace longshot::net
