#pragma once

#include <QMetaType>
#include <QString>
#include <QtGlobal>

#include <chrono>
#include <random>

namespace longshot {

// Every way a request to an exchange can fail. Each kind has exactly one recovery,
// decided in recoveryFor(); switches over Kind carry no default so a new kind does not
// compile until every caller handles it.
struct FetchError {
    enum class Kind : quint8 {
        RateLimited = 1, // 429 / Cloudflare 1015; retryAfterMs when the server said
        NotFound,        // 404, unknown wallet or market
        Gone,            // 410, delisted
        InvalidResponse, // HTML where JSON was due, truncated or malformed JSON
        Timeout,
        Unavailable,    // 5xx, connection refused or reset; httpStatus when known
        InvalidRequest, // 400: our request is wrong; retrying will not help
        Auth,           // 401/403, bad key or signature
    };

    Kind kind = Kind::Unavailable;
    qint64 retryAfterMs = -1; // RateLimited only; -1 when the server gave no Retry-After
    int httpStatus = 0;       // 0 when there was no HTTP response
    QString reason;           // for the log and the status bar

    static FetchError rateLimited(qint64 retryAfterMs, QString reason = {});
    static FetchError notFound(QString reason = {});
    static FetchError gone(QString reason = {});
    static FetchError invalidResponse(QString reason);
    static FetchError timeout(QString reason = {});
    static FetchError unavailable(int httpStatus, QString reason = {});
    static FetchError invalidRequest(QString reason);
    static FetchError auth(QString reason);
};

enum class Recovery : quint8 {
    BackOff = 1,     // wait Retry-After (or exponential), then retry
    SkipForGood,     // the thing does not exist; never ask again
    Drop,            // log and drop; do not retry
    RetryWithJitter, // transient; retry with jittered exponential delay
    StopAndTell,     // stop this client and tell the user
};

Recovery recoveryFor(FetchError::Kind kind);
QString kindName(FetchError::Kind kind);
QString describe(const FetchError &error);

// The retry decision for attempt n (0-based) of a failed request.
struct RetryPlan {
    bool retry = false;
    std::chrono::milliseconds delay{0};
};

struct BackoffPolicy {
    std::chrono::milliseconds base{500};
    std::chrono::milliseconds cap{60'000};
    int maxAttempts = 8;
};

RetryPlan planRetry(const FetchError &error, int attempt, const BackoffPolicy &policy, std::mt19937_64 &rng);

// Full-jitter exponential delay: uniform in [0, min(cap, base * 2^attempt)], never below base/2,
// so clients that failed together do not retry together.
std::chrono::milliseconds jitteredBackoff(int attempt, const BackoffPolicy &policy, std::mt19937_64 &rng);

} // namespace longshot

Q_DECLARE_METATYPE(longshot::FetchError)
