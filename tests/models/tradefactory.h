#pragma once

#include "models/domain/trade.h"

#include <QString>

namespace longshot::test {

// Exact decimal from text; a typo in a test literal fails loudly instead of becoming zero.
Decimal dec(const char *text);

// A Polymarket fill with a unique key per `id`, values taken from the whalescan capture.
Trade polyTrade(int id, qint64 timestampMs, const char *price = "0.68", const char *size = "8643",
                Side side = Side::Buy);
// An anonymous Kalshi fill.
Trade kalshiTrade(int id, qint64 timestampMs, const char *price = "0.42", const char *size = "5000",
                  Side side = Side::Buy);

} // namespace longshot::test
