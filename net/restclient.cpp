#include "net/restclient.h"

#include "net/httpfailure.h"
#include "net/netlog.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace longshot::net {

RestClient::RestClient(QObject *parent)
    : QObject(parent)
    , m_nam(new QNetworkAccessManager(this)) {}

RestClient::~RestClient() = default;

QUrl RestClient::apiUrl(const QUrl &base, const QString &path) {
    QUrl url = base;
    QString joined = base.path(QUrl::FullyDecoded);
    if (joined.endsWith(u'/'))
        joined.chop(1);
    url.setPath(joined + path, QUrl::DecodedMode);
    return url;
}

QString RestClient::hostKey(const QUrl &url) {
    return url.host() + u':' + QString::number(url.port(url.scheme() == u"https" ? 443 : 80));
}

void RestClient::setHostBudget(const QString &key, int requests, qint64 periodMs) {
    m_buckets.insert(key, TokenBucket(requests, periodMs));
}

TokenBucket &RestClient::bucketFor(const QUrl &url) {
    return bucketFor(hostKey(url));
}

TokenBucket &RestClient::bucketFor(const QString &key) {
    auto it = m_buckets.find(key);
    if (it == m_buckets.end())
        it = m_buckets.insert(
            key, TokenBucket(100, 10'000)); // data-api's general budget is 1,000/10 s; stay well under
    return it.value();
}

void RestClient::pauseHost(const QString &key, qint64 untilMs) {
    bucketFor(key).pauseUntil(untilMs);
}

void RestClient::get(const QUrl &url, QObject *context, std::function<void(const RestResult &)> done) {
    dispatch(Pending{url, context, std::move(done), 0});
}

void RestClient::dispatch(Pending pending) {
    const qint64 wait = bucketFor(pending.url).tryAcquire(QDateTime::currentMSecsSinceEpoch());
    if (wait > 0) {
        QTimer::singleShot(std::chrono::milliseconds(wait), this,
                           [this, p = std::move(pending)]() mutable { dispatch(std::move(p)); });
        return;
    }
    send(std::move(pending));
}

void RestClient::send(Pending pending) {
    QNetworkRequest request(pending.url);
    request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("Longshot/" LONGSHOT_VERSION));
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(m_timeoutMs);
    ++m_requestsSent;
    QNetworkReply *reply = m_nam->get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply, p = std::move(pending)]() mutable {
        reply->deleteLater();
        const bool timedOut = reply->error() == QNetworkReply::OperationCanceledError ||
                              reply->error() == QNetworkReply::TimeoutError;
        HttpOutcome outcome = outcomeOf(reply, timedOut);
        const auto now = QDateTime::currentDateTimeUtc();
        std::optional<FetchError> error = classify(outcome, now);
        ++p.attempt;
        if (!error) {
            if (p.context)
                p.done(RestResult{std::nullopt, std::move(outcome.body), p.attempt});
            return;
        }
        if (error->kind == FetchError::Kind::RateLimited) {
            ++m_rateLimited;
            // Only this host slows down; other hosts keep their pace.
            const qint64 pause = error->retryAfterMs >= 0
                                     ? error->retryAfterMs
                                     : jitteredBackoff(p.attempt, m_backoff, m_rng).count();
            bucketFor(p.url).pauseUntil(now.toMSecsSinceEpoch() + pause);
            emit hostPaused(hostKey(p.url), now.toMSecsSinceEpoch() + pause);
        }
        const RetryPlan plan = planRetry(*error, p.attempt - 1, m_backoff, m_rng);
        qCInfo(lcNet).noquote() << "GET" << p.url.path() << "failed:" << describe(*error)
                                << (plan.retry ? QStringLiteral("retrying in %1 ms").arg(plan.delay.count())
                                               : QStringLiteral("giving up"));
        if (!plan.retry) {
            if (p.context)
                p.done(RestResult{std::move(error), {}, p.attempt});
            return;
        }
        // A rate-limit pause already sits in the bucket; dispatch waits for it.
        const auto delay =
            error->kind == FetchError::Kind::RateLimited ? std::chrono::milliseconds(0) : plan.delay;
        QTimer::singleShot(delay, this, [this, p = std::move(p)]() mutable { dispatch(std::move(p)); });
    });
}

} // namespace longshot::net
