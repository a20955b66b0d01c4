#include "models/domain/fetcherror.h"

#include <algorithm>

namespace longshot {

FetchError FetchError::rateLimited(qint64 retryAfterMs, QString reason) {
    return {Kind::RateLimited, retryAfterMs, 429, std::move(reason)};
}
FetchError FetchError::notFound(QString reason) {
    return {Kind::NotFound, -1, 404, std::move(reason)};
}
FetchError FetchError::gone(QString reason) {
    return {Kind::Gone, -1, 410, std::move(reason)};
}
FetchError FetchError::invalidResponse(QString reason) {
    return {Kind::InvalidResponse, -1, 0, std::move(reason)};
}
FetchError FetchError::timeout(QString reason) {
    return {Kind::Timeout, -1, 0, std::move(reason)};
}
FetchError FetchError::unavailable(int httpStatus, QString reason) {
    return {Kind::Unavailable, -1, httpStatus, std::move(reason)};
}
FetchError FetchError::invalidRequest(QString reason) {
    return {Kind::InvalidRequest, -1, 400, std::move(reason)};
}
FetchError FetchError::auth(QString reason) {
    return {Kind::Auth, -1, 0, std::move(reason)};
}

Recovery recoveryFor(FetchError::Kind kind) {
    switch (kind) {
    case FetchError::Kind::RateLimited:
        return Recovery::BackOff;
    case FetchError::Kind::NotFound:
    case FetchError::Kind::Gone:
        return Recovery::SkipForGood;
    case FetchError::Kind::InvalidResponse:
    case FetchError::Kind::InvalidRequest:
        return Recovery::Drop;
    case FetchError::Kind::Timeout:
    case FetchError::Kind::Unavailable:
        return Recovery::RetryWithJitter;
    case FetchError::Kind::Auth:
        return Recovery::StopAndTell;
    }
    return Recovery::Drop; // unreachable for valid enum values
}

QString kindName(FetchError::Kind kind) {
    switch (kind) {
    case FetchError::Kind::RateLimited:
        return QStringLiteral("rate-limited");
    case FetchError::Kind::NotFound:
        return QStringLiteral("not-found");
    case FetchError::Kind::Gone:
        return QStringLiteral("gone");
    case FetchError::Kind::InvalidResponse:
        return QStringLiteral("invalid-response");
    case FetchError::Kind::Timeout:
        return QStringLiteral("timeout");
    case FetchError::Kind::Unavailable:
        return QStringLiteral("unavailable");
    case FetchError::Kind::InvalidRequest:
        return QStringLiteral("invalid-request");
    case FetchError::Kind::Auth:
        return QStringLiteral("auth");
    }
    return QStringLiteral("unknown");
}

QString describe(const FetchError &error) {
    QString text = kindName(error.kind);
    if (error.httpStatus > 0)
        text += u" (HTTP " + QString::number(error.httpStatus) + u')';
    if (error.kind == FetchError::Kind::RateLimited && error.retryAfterMs >= 0)
        text += u", retry after " + QString::number(error.retryAfterMs) + u" ms";
    if (!error.reason.isEmpty())
        text += u": " + error.reason;
    return text;
}

std::chrono::milliseconds jitteredBackoff(int attempt, const BackoffPolicy &policy, std::mt19937_64 &rng) {
    const int capped = std::clamp(attempt, 0, 30);
    const auto ceiling =
        std::min<qint64>(policy.cap.count(), policy.base.count() * (qint64{1} << std::min(capped, 20)));
    const qint64 floor = std::min<qint64>(policy.base.count() / 2, ceiling);
    std::uniform_int_distribution<qint64> dist(floor, std::max(floor, ceiling));
    return std::chrono::milliseconds(dist(rng));
}

RetryPlan planRetry(const FetchError &error, int attempt, const BackoffPolicy &policy, std::mt19937_64 &rng) {
    switch (recoveryFor(error.kind)) {
    case Recovery::BackOff: {
        if (attempt >= policy.maxAttempts)
            return {};
        if (error.retryAfterMs >= 0)
            return {true,
                    std::chrono::milliseconds(std::min<qint64>(error.retryAfterMs, policy.cap.count() * 5))};
        return {true, jitteredBackoff(attempt + 1, policy, rng)};
    }
    case Recovery::RetryWithJitter:
        if (attempt >= policy.maxAttempts)
            return {};
        return {true, jitteredBackoff(attempt, policy, rng)};
    case Recovery::SkipForGood:
    case Recovery::Drop:
    case Recovery::StopAndTell:
        return {};
    }
    return {};
}

} // namespace longshot
