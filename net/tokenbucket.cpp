#include "net/tokenbucket.h"

#include <algorithm>
#include <cmath>

namespace longshot::net {

TokenBucket::TokenBucket(int capacity, qint64 refillPeriodMs)
    : m_capacity(std::max(1, capacity))
    , m_refillPeriodMs(std::max<qint64>(1, refillPeriodMs))
    , m_tokens(m_capacity) {}

void TokenBucket::refill(qint64 nowMs) {
    if (m_lastMs < 0)
        m_lastMs = nowMs;
    const qint64 elapsed = std::max<qint64>(0, nowMs - m_lastMs);
    m_tokens =
        std::min<double>(m_capacity, m_tokens + double(elapsed) * m_capacity / double(m_refillPeriodMs));
    m_lastMs = nowMs;
}

qint64 TokenBucket::tryAcquire(qint64 nowMs) {
    if (nowMs < m_pausedUntilMs)
        return m_pausedUntilMs - nowMs;
    refill(nowMs);
    if (m_tokens >= 1.0) {
        m_tokens -= 1.0;
        return 0;
    }
    const double missing = 1.0 - m_tokens;
    return std::max<qint64>(1, qint64(std::ceil(missing * double(m_refillPeriodMs) / m_capacity)));
}

void TokenBucket::pauseUntil(qint64 untilMs) {
    m_pausedUntilMs = std::max(m_pausedUntilMs, untilMs);
    m_tokens = 0;
    m_lastMs = untilMs;
}

} // namespace longshot::net
