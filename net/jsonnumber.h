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
DecimalParse parseDecimal(std::string_view text);

// Strips the JSON whitespace simdjson leaves after a raw token.
std::string_view trimJsonSpace(std::string_view text);

} // namespace longshot::net
