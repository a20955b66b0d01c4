#pragma once

#include "models/domain/fetcherror.h"
#include "net/tokenbucket.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <optional>
#include <random>

class QNetworkAccessManager;

namespace longshot::net {

struct RestResult {
    std::optional<FetchError> error; // empty on success
    QByteArray body;
    int attempts = 0;
};

// GET requests to one exchange's REST hosts: per-host token buckets sized from the
// documented limits, a transfer timeout, the failure taxonomy, and the retry plan that
// goes with each failure kind. A 429 slows only its own host, honouring Retry-After.
// Lives on one thread (the net thread); callbacks run there.
class RestClient final : public QObject {
    Q_OBJECT
public:
    explicit RestClient(QObject *parent = nullptr);
    ~RestClient() override;

    // requests per period for a host (e.g. "127.0.0.1:5555" or "data-api.polymarket.com")
    void setHostBudget(const QString &hostKey, int requests, qint64 periodMs);
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    void setBackoffPolicy(const BackoffPolicy &policy) { m_backoff = policy; }

    // Calls done(result) on this thread once the request succeeded or failed for good.
    void get(const QUrl &url, QObject *context, std::function<void(const RestResult &)> done);

    qint64 requestsSent() const { return m_requestsSent; }
    qint64 rateLimitedResponses() const { return m_rateLimited; }

    // A server's "slow down" applies to every client talking to that host: the sync runner
    // splits one host's budget between two clients and relays a 429 from one to the other.
    void pauseHost(const QString &hostKey, qint64 untilMs);
    // "host:port", the key budgets and pauses are filed under.
    static QString hostKey(const QUrl &url);
    // `base` with `path` ("/markets") after its own path, one slash between them whether or not
    // the configured base ends in one. Decoded: a ticker or series name is encoded, not trusted.
    static QUrl apiUrl(const QUrl &base, const QString &path);

Q_SIGNALS:
    // A 429 paused this host until untilMs (epoch ms).
    void hostPaused(const QString &hostKey, qint64 untilMs);

private:
    struct Pending {
        QUrl url;
        QPointer<QObject> context;
        std::function<void(const RestResult &)> done;
        int attempt = 0;
    };
    void dispatch(Pending pending);
    void send(Pending pending);
    TokenBucket &bucketFor(const QUrl &url);
    TokenBucket &bucketFor(const QString &key);

    QNetworkAccessManager *m_nam;
    QHash<QString, TokenBucket> m_buckets;
    BackoffPolicy m_backoff{std::chrono::milliseconds(500), std::chrono::milliseconds(30'000), 6};
    std::mt19937_64 m_rng{std::random_device{}()};
    int m_timeoutMs = 15'000;
    qint64 m_requestsSent = 0;
    qint64 m_rateLimited = 0;
};

} // namespace longshot::net
