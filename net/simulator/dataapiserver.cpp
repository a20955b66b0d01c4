#include "net/simulator/dataapiserver.h"

#include "net/simulator/tapetraders.h"
#include "net/simulator/tradejson.h"
#include "net/simulator/traderendpoints.h"
#include "net/simulator/tradestore.h"

#include <QHostAddress>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace longshot::net::sim {

namespace {

constexpr qsizetype kMaxHeadBytes = 64 * 1024;

QByteArray reasonPhrase(int status) {
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Error";
    }
}

QByteArray jsonError(const QString &message) {
    QByteArray out = "{\"error\":";
    json::appendString(out, message);
    out += '}';
    return out;
}

// Shaped like the pages Cloudflare serves in front of data-api: a 1015 rate-limit page
// for 429, a WAF block page for 403, and the 5xx origin-error page otherwise.
QByteArray cloudflarePage(int status) {
    QByteArray title;
    QByteArray headline;
    QByteArray detail;
    if (status == 429) {
        title = "Access denied | data-api.polymarket.com used Cloudflare to restrict access";
        headline = "<span class=\"cf-error-type\">Error</span> <span class=\"cf-error-code\">1015</span>";
        detail = "<h2 class=\"cf-subheadline\">You are being rate limited</h2>";
    } else if (status == 403) {
        title = "Attention Required! | Cloudflare";
        headline = "<h1 data-translate=\"block_headline\">Sorry, you have been blocked</h1>";
        detail = "<h2 class=\"cf-subheadline\">You are unable to access polymarket.com</h2>";
    } else {
        title = "data-api.polymarket.com | " + QByteArray::number(status) + ": " + reasonPhrase(status);
        headline = "<span class=\"cf-error-type\">Error code " + QByteArray::number(status) + "</span>";
        detail = "<h2 class=\"cf-subheadline\">" + reasonPhrase(status) + "</h2>";
    }
    return "<!DOCTYPE html>\n<!--[if lt IE 7]> <html class=\"no-js ie6 oldie\" lang=\"en-US\"> <![endif]-->\n"
           "<html class=\"no-js\" lang=\"en-US\">\n<head>\n<title>" +
           title +
           "</title>\n<meta charset=\"UTF-8\" />\n"
           "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\" />\n"
           "<link rel=\"stylesheet\" id=\"cf_styles-css\" href=\"/cdn-cgi/styles/cf.errors.css\" "
           "/>\n</head>\n"
           "<body>\n<div id=\"cf-wrapper\">\n<div id=\"cf-error-details\" "
           "class=\"cf-error-details-wrapper\">\n"
           "<h1>" +
           headline + "</h1>\n" + detail +
           "\n</div>\n<div class=\"cf-error-footer cf-wrapper\">\n"
           "<p>Cloudflare Ray ID: <strong class=\"font-semibold\">8c2f1e9a7b3d4e5f</strong> &bull; "
           "Performance &amp; security by <a "
           "href=\"https://www.cloudflare.com/5xx-error-landing\">Cloudflare</a></p>\n"
           "</div>\n</div>\n</body>\n</html>\n";
}

} // namespace

DataApiServer::DataApiServer(const TradeStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_server(new QTcpServer(this)) {
    connect(m_server, &QTcpServer::newConnection, this, &DataApiServer::onNewConnection);
}

void DataApiServer::setTapeTraders(bool on) {
    if (on && !m_tape)
        m_tape = std::make_unique<TapeTraders>(m_store);
    else if (!on)
        m_tape.reset();
}

DataApiServer::~DataApiServer() {
    for (auto it = m_connections.cbegin(); it != m_connections.cend(); ++it)
        it.key()->disconnect(this);
}

bool DataApiServer::listen() {
    if (m_server->isListening())
        return true;
    return m_server->listen(QHostAddress::LocalHost, 0);
}

bool DataApiServer::isListening() const {
    return m_server->isListening();
}

QUrl DataApiServer::url() const {
    if (!m_server->isListening())
        return {};
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(m_server->serverPort());
    return url;
}

void DataApiServer::onNewConnection() {
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        socket->setParent(this);
        m_connections.insert(socket, Connection{});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
            auto it = m_connections.find(socket);
            if (it == m_connections.end())
                return;
            it->buffer += socket->readAll();
            processBuffer(socket);
        });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_connections.remove(socket);
            socket->disconnect(this);
            socket->deleteLater();
        });
    }
}

void DataApiServer::processBuffer(QTcpSocket *socket) {
    for (;;) {
        auto it = m_connections.find(socket);
        if (it == m_connections.end() || it->busy)
            return;
        QByteArray &buffer = it->buffer;
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            if (buffer.size() > kMaxHeadBytes) {
                send(socket,
                     Response{431, "text/plain; charset=utf-8", "request header too large\n", {}, true},
                     true);
            }
            return;
        }
        const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        bool clientWantsClose = false;
        qsizetype contentLength = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (name == "connection" && value.toLower() == "close")
                clientWantsClose = true;
            else if (name == "content-length")
                contentLength = value.toLongLong();
        }
        if (buffer.size() < headEnd + 4 + contentLength)
            return; // the body is still on its way
        buffer.remove(0, headEnd + 4 + contentLength);

        if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1.")) {
            send(socket, Response{400, "text/plain; charset=utf-8", "400 Bad Request", {}, true}, true);
            return;
        }
        const QByteArray method = requestLine.at(0);
        const QByteArray target = requestLine.at(1);
        emit requestReceived(QString::fromLatin1(target));

        if (!m_faults.isEmpty() && m_faults.constFirst().kind == HttpFault::Kind::Delay) {
            const int delayMs = m_faults.takeFirst().delayMs;
            it->busy = true;
            QTimer::singleShot(
                delayMs, this,
                [this, socket = QPointer<QTcpSocket>(socket), method, target, clientWantsClose] {
                    if (!socket || !m_connections.contains(socket))
                        return;
                    m_connections[socket].busy = false;
                    send(socket, answer(method, target), clientWantsClose);
                    processBuffer(socket);
                });
            return;
        }
        Response response = answer(method, target);
        if (!m_faults.isEmpty())
            response = applyFault(m_faults.takeFirst(), std::move(response));
        send(socket, response, clientWantsClose);
        if (response.close || clientWantsClose)
            return;
    }
}

DataApiServer::Response DataApiServer::answer(const QByteArray &method, const QByteArray &target) const {
    const QUrl url = QUrl::fromEncoded(target);
    if (m_traders && method == "GET") {
        if (auto r = m_traders->answer(url))
            return Response{r->status, r->contentType, r->body, {}, false};
    }
    if (m_tape && method == "GET") {
        if (auto r = m_tape->answer(url))
            return Response{r->status, r->contentType, r->body, {}, false};
    }
    if (url.path() != u"/trades"_s)
        return Response{404, "text/plain; charset=utf-8", "404 page not found\n", {}, false};
    if (method != "GET")
        return Response{405, "text/plain; charset=utf-8", "405 method not allowed\n", {}, false};
    return tradesResponse(url);
}

DataApiServer::Response DataApiServer::tradesResponse(const QUrl &url) const {
    const QUrlQuery query(url);
    const auto badRequest = [](const QString &message) {
        return Response{400, "application/json", jsonError(message), {}, false};
    };
    const auto intParam = [&query](const QString &name, qint64 fallback, bool *ok) -> qint64 {
        *ok = true;
        if (!query.hasQueryItem(name))
            return fallback;
        return query.queryItemValue(name).toLongLong(ok);
    };

    TradeQuery q;
    bool ok = false;
    const qint64 limit = intParam(u"limit"_s, 100, &ok);
    if (!ok || limit < 0)
        return badRequest(u"invalid limit"_s);
    q.limit = int(std::min<qint64>(limit, kMaxLimit));
    const qint64 offset = intParam(u"offset"_s, 0, &ok);
    if (!ok || offset < 0)
        return badRequest(u"invalid offset"_s);
    if (offset > kMaxOffset) // the observed error body, verbatim
        return badRequest(u"max historical trades offset of 10000 exceeded"_s);
    q.offset = int(offset);

    const bool hasType = query.hasQueryItem(u"filterType"_s);
    const bool hasAmount = query.hasQueryItem(u"filterAmount"_s);
    if (hasType != hasAmount)
        return badRequest(u"filterType and filterAmount must be provided together"_s);
    if (hasType) {
        const QString type = query.queryItemValue(u"filterType"_s);
        const DecimalParse amount = Decimal::parse(query.queryItemValue(u"filterAmount"_s));
        if (!amount.ok() || amount.value.isNegative())
            return badRequest(u"invalid filterAmount"_s);
        if (type == u"CASH"_s)
            q.minCash = amount.value;
        else if (type == u"TOKENS"_s)
            q.minTokens = amount.value;
        else
            return badRequest(u"invalid filterType"_s);
    }
    if (query.hasQueryItem(u"start"_s)) {
        const qint64 start = intParam(u"start"_s, 0, &ok);
        if (!ok)
            return badRequest(u"invalid start"_s);
        q.startSeconds = start;
    }
    if (query.hasQueryItem(u"end"_s)) {
        const qint64 end = intParam(u"end"_s, 0, &ok);
        if (!ok)
            return badRequest(u"invalid end"_s);
        q.endSeconds = end;
    }
    if (query.hasQueryItem(u"market"_s)) {
        for (const QString &market : query.queryItemValue(u"market"_s).split(u',', Qt::SkipEmptyParts))
            q.markets.insert(market.trimmed().toLower());
    }
    if (query.hasQueryItem(u"user"_s))
        q.user = query.queryItemValue(u"user"_s).trimmed().toLower();
    if (query.hasQueryItem(u"side"_s)) {
        const auto side = sideFromName(query.queryItemValue(u"side"_s));
        if (!side)
            return badRequest(u"invalid side"_s);
        q.side = *side;
    }
    // takerOnly is accepted and ignored: the simulator has no maker/taker split.

    const TradeBatch page = m_store->query(q);
    QByteArray body;
    body.reserve(page.size() * 700 + 2);
    body += '[';
    for (qsizetype i = 0; i < page.size(); ++i) {
        if (i > 0)
            body += ',';
        json::appendRestRow(body, page.at(i), m_store->iconFor(page.at(i)));
    }
    body += ']';
    return Response{200, "application/json", body, {}, false};
}

DataApiServer::Response DataApiServer::applyFault(const HttpFault &fault, Response normal) const {
    switch (fault.kind) {
    case HttpFault::Kind::TooManyRequests: {
        Response r{429, "application/json", jsonError(u"too many requests"_s), {}, false};
        if (fault.retryAfterSeconds >= 0)
            r.extraHeaders.append({"Retry-After", QByteArray::number(fault.retryAfterSeconds)});
        return r;
    }
    case HttpFault::Kind::HtmlError:
        return Response{fault.status, "text/html; charset=UTF-8", cloudflarePage(fault.status), {}, false};
    case HttpFault::Kind::ServerError:
        if (fault.status == 500)
            return Response{500, "application/json", jsonError(u"internal server error"_s), {}, false};
        return Response{fault.status, "text/html; charset=UTF-8", cloudflarePage(fault.status), {}, false};
    case HttpFault::Kind::Delay:
        return normal;
    case HttpFault::Kind::Truncated: {
        // A complete HTTP message whose JSON stops halfway, as a cut-off proxy or CDN
        // buffer delivers it: the status line and framing are fine, the document is not.
        Response r = std::move(normal);
        r.status = fault.status;
        if (r.body.size() <= 1)
            r.body = "[{\"proxyWallet\":\"0x";
        else
            r.body.truncate(std::max<qsizetype>(1, r.body.size() / 2));
        r.close = true;
        return r;
    }
    }
    return normal;
}

void DataApiServer::send(QTcpSocket *socket, const Response &response, bool clientWantsClose) {
    const bool close = response.close || clientWantsClose;
    QByteArray out;
    out.reserve(response.body.size() + 256);
    out += "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    out += "Content-Type: " + response.contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    for (const auto &[name, value] : response.extraHeaders)
        out += name + ": " + value + "\r\n";
    out += close ? "Connection: close\r\n\r\n" : "Connection: keep-alive\r\n\r\n";
    out += response.body;
    socket->write(out);
    ++m_served;
    if (close)
        socket->disconnectFromHost();
}

} // namespace longshot::net::sim
