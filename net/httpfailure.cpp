#include "net/httpfailure.h"

#include <QLocale>

namespace longshot::net {

HttpOutcome outcomeOf(QNetworkReply *reply, bool timedOut) {
    HttpOutcome o;
    o.networkError = reply->error();
    o.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    o.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    o.retryAfter = reply->rawHeader("Retry-After");
    o.body = reply->readAll();
    o.timedOut = timedOut;
    return o;
}

qint64 parseRetryAfterMs(const QByteArray &value, const QDateTime &nowUtc) {
    const QByteArray v = value.trimmed();
    if (v.isEmpty())
        return -1;
    bool ok = false;
    const qint64 seconds = v.toLongLong(&ok);
    if (ok)
        return seconds < 0 ? -1 : seconds * 1000;
    // IMF-fixdate: "Wed, 21 Oct 2015 07:28:00 GMT"
    QDateTime when =
        QLocale::c().toDateTime(QString::fromLatin1(v), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid())
        return -1;
    when.setTimeSpec(Qt::UTC);
    return std::max<qint64>(0, nowUtc.msecsTo(when));
}

std::optional<FetchError> classify(const HttpOutcome &o, const QDateTime &nowUtc) {
    if (o.timedOut || o.networkError == QNetworkReply::TimeoutError ||
        o.networkError == QNetworkReply::OperationCanceledError)
        return FetchError::timeout();
    const QString snippet = QString::fromUtf8(o.body.left(160)).simplified();
    if (o.httpStatus == 0) {
        if (o.networkError == QNetworkReply::NoError)
            return FetchError::invalidResponse(QStringLiteral("no HTTP status"));
        return FetchError::unavailable(0, QStringLiteral("network error %1").arg(int(o.networkError)));
    }
    const bool html = o.contentType.toLower().contains("html");
    if (o.httpStatus == 429)
        return FetchError::rateLimited(parseRetryAfterMs(o.retryAfter, nowUtc), snippet);
    if (o.httpStatus == 401 || (o.httpStatus == 403 && !html))
        return FetchError::auth(snippet);
    if (o.httpStatus == 403) // Cloudflare WAF/geo block page: treat as a rate limit, it clears with time
        return FetchError::rateLimited(parseRetryAfterMs(o.retryAfter, nowUtc),
                                       QStringLiteral("blocked (HTML 403)"));
    if (o.httpStatus == 404)
        return FetchError::notFound(snippet);
    if (o.httpStatus == 410)
        return FetchError::gone(snippet);
    if (o.httpStatus == 408 || o.httpStatus == 504)
        return FetchError::timeout(snippet);
    if (o.httpStatus >= 500)
        return FetchError::unavailable(o.httpStatus, html ? QStringLiteral("HTML error page") : snippet);
    if (o.httpStatus >= 400)
        return FetchError::invalidRequest(snippet);
    if (o.httpStatus < 200 || o.httpStatus >= 300)
        return FetchError::invalidResponse(QStringLiteral("unexpected HTTP %1").arg(o.httpStatus));
    if (html)
        return FetchError::invalidResponse(QStringLiteral("HTML instead of JSON"));
    const QByteArray trimmed = o.body.trimmed();
    if (trimmed.isEmpty())
        return FetchError::invalidResponse(QStringLiteral("empty body"));
    if (trimmed.front() != '{' && trimmed.front() != '[' && trimmed != "null")
        return FetchError::invalidResponse(QStringLiteral("body is not JSON: ") + snippet);
    return std::nullopt;
}

} // namespace longshot::net
