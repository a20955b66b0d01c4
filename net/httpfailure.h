#pragma once

#include "models/domain/fetcherror.h"

#include <QByteArray>
#include <QDateTime>
#include <QNetworkReply>

#include <optional>

namespace longshot::net {

// What came back from one HTTP request, as plain values (so it is testable without a socket).
struct HttpOutcome {
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    int httpStatus = 0;
    QByteArray contentType;
    QByteArray retryAfter;
    QByteArray body;
    bool timedOut = false;
};

HttpOutcome outcomeOf(QNetworkReply *reply, bool timedOut);

// nullopt when the response is usable JSON; otherwise the failure, named by the taxonomy.
// Checks the Content-Type before anyone parses: Cloudflare sends HTML for 403/429/1015.
std::optional<FetchError> classify(const HttpOutcome &outcome, const QDateTime &nowUtc);

// Retry-After is delta-seconds or an HTTP-date (RFC 9110 §10.2.3); -1 when absent or unparsable.
qint64 parseRetryAfterMs(const QByteArray &value, const QDateTime &nowUtc);

} // namespace longshot::net
