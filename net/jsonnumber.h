#pragma once

#include "models/domain/decimal.h"

#include <QtGlobal>

#include <string_view>

namespace longshot::net {

// Exchange times arrive as seconds (trade payloads) or milliseconds (envelopes, CLOB),
// as numbers or numeric strings. One rule for all: a value at or above 1e12 is already
// milliseconds, anything smaller is seconds.
enum class TimestampError : quint8 {
    None = 0,
    Malformed,  // not a finite decimal number
    OutOfRange, // zero, negative, or outside 2000..2100 once normalised
};

struct TimestampParse {
    qint64 ms = 0;
    TimestampError error = TimestampError::None;
    constexpr bool ok() const { return error == TimestampError::None; }
};

TimestampParse parseTimestampMs(std::string_view text);

// outcomeIndex: a small non-negative integer; the API's 999 sentinel, and anything that is
// not such an integer, means unknown (-1).
int parseOutcomeIndex(std::string_view text);

// Decimal::parse with a fast path for the plain spellings nearly every frame carries
// ("1030.92", "0.03", "8643"); every other form goes to Decimal::parse. Same results.
// Inline: three calls per trade on the feed's hot path.
inline DecimalParse parseDecimal(std::string_view s) {
    constexpr qint64 kPow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    constexpr int kMaxFastIntegerDigits = 12; // 10^12 units x 10^6 micros stays below 2^63
    const auto isDigit = [](char c) { return c >= '0' && c <= '9'; };
    std::size_t i = 0;
    const bool negative = !s.empty() && s[0] == '-';
    if (negative)
        i = 1;
    qint64 units = 0;
    int unitDigits = 0;
    for (; i < s.size() && isDigit(s[i]); ++i) {
        if (++unitDigits > kMaxFastIntegerDigits)
            return Decimal::parse(s);
        units = units * 10 + (s[i] - '0');
    }
    qint64 fraction = 0;
    int fractionDigits = 0;
    if (i < s.size() && s[i] == '.') {
        for (++i; i < s.size() && isDigit(s[i]); ++i) {
            if (++fractionDigits > Decimal::kScale)
                return Decimal::parse(s);
            fraction = fraction * 10 + (s[i] - '0');
        }
        if (fractionDigits == 0)
            return Decimal::parse(s);
    }
    if (i != s.size() || unitDigits == 0)
        return Decimal::parse(s);
    const qint64 micros = units * Decimal::kOne + fraction * kPow10[Decimal::kScale - fractionDigits];
    DecimalParse out;
    out.value = Decimal::fromMicros(negative ? -micros : micros);
    return out;
}

// Strips the JSON whitespace simdjson leaves after a raw token.
std::string_view trimJsonSpace(std::string_view text);

} // namespace longshot::net
