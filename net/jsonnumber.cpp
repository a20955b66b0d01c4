#include "net/jsonnumber.h"

namespace longshot::net {
namespace {

constexpr qint64 kMsThreshold = 1'000'000'000'000; // 1e12: at or above this the value is ms
constexpr qint64 kEarliestMs = 946'684'800'000;    // 2000-01-01T00:00:00Z
constexpr qint64 kLatestMs = 4'102'444'800'000;    // 2100-01-01T00:00:00Z
constexpr int kMaxPlainDigits = 15;                // beyond ms precision of any plausible time

bool isJsonSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

TimestampParse checkRange(qint64 ms) {
    if (ms < kEarliestMs || ms >= kLatestMs)
        return {0, TimestampError::OutOfRange};
    return {ms, TimestampError::None};
}

} // namespace

std::string_view trimJsonSpace(std::string_view text) {
    while (!text.empty() && isJsonSpace(text.back()))
        text.remove_suffix(1);
    while (!text.empty() && isJsonSpace(text.front()))
        text.remove_prefix(1);
    return text;
}

TimestampParse parseTimestampMs(std::string_view text) {
    // Fast path: the plain integer every real frame carries.
    if (!text.empty() && text.size() <= kMaxPlainDigits) {
        qint64 v = 0;
        bool plain = true;
        for (char c : text) {
            if (c < '0' || c > '9') {
                plain = false;
                break;
            }
            v = v * 10 + (c - '0');
        }
        if (plain)
            return checkRange(v >= kMsThreshold ? v : v * 1000);
    }
    // Fractions, exponents ("1.790272257E9") and signs go through the exact decimal.
    const DecimalParse d = parseDecimal(text);
    if (!d.ok()) {
        // A number too large for Decimal is a well-formed but impossible time.
        return {0, d.error == DecimalParseError::Overflow ? TimestampError::OutOfRange
                                                          : TimestampError::Malformed};
    }
    if (d.value.micros() <= 0)
        return {0, TimestampError::OutOfRange};
    const qint64 units = d.value.micros() / Decimal::kOne;
    if (units >= kMsThreshold)
        return checkRange(units);
    // Seconds with a fraction: keep millisecond precision, truncating below it.
    return checkRange(d.value.micros() / 1000);
}

int parseOutcomeIndex(std::string_view text) {
    constexpr int kSentinel = 999;
    if (text.empty() || text.size() > 3)
        return -1;
    int v = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return -1;
        v = v * 10 + (c - '0');
    }
    return v == kSentinel ? -1 : v;
}

} // namespace longshot::net
