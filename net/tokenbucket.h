#pragma once

#include <QtGlobal>

namespace longshot::net {

// A token bucket for one host's documented budget (e.g. data-api /trades: 200 per 10 s).
// Pure arithmetic over a caller-supplied clock so bursts can be tested without sleeping.
class TokenBucket final {
public:
    TokenBucket(int capacity, qint64 refillPeriodMs);

    // Takes a token if one is available now and returns 0; otherwise returns how many
    // milliseconds until one will be (nothing is taken).
    qint64 tryAcquire(qint64 nowMs);
    // A server said "slow down": no tokens until untilMs, and the bucket starts empty then.
    void pauseUntil(qint64 untilMs);
    int capacity() const { return m_capacity; }

private:
    void refill(qint64 nowMs);
    int m_capacity;
    qint64 m_refillPeriodMs;
    double m_tokens; // fractional refill; a count, never money
    qint64 m_lastMs = -1;
    qint64 m_pausedUntilMs = 0;
};

} // namespace longshot::net
