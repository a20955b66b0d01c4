#pragma once

#include "models/domain/decimal.h"

#include <QString>

namespace longshot {

// One number style across the terminal.
// "$1,234,567.89"; below $1 keeps cents; negative as "-$12.50".
QString formatUsd(Decimal amount, int decimals = 2);
// Price of a binary outcome as cents: "97.0¢", "0.3¢".
QString formatCents(Decimal price);
// Price of a binary outcome in the unit chosen under View (DisplayStyle): "97.0¢" or "97.0%".
// Views showing prices call this and refresh on DisplayStyle::changed().
QString formatPrice(Decimal price);
// "cents of the $1 payout" or "implied probability": for tooltips that say what a price is.
QString priceUnitDescription();
// Shares with thousands separators and up to `decimals` fraction digits, trailing zeros dropped.
QString formatShares(Decimal shares, int decimals = 2);
// Shares with thousands separators and exactly `decimals` fraction digits, for columns of
// figures that line up: "8,643.00", "12.50".
QString formatSharesFixed(Decimal shares, int decimals = 2);
// Exact USD for tooltips: every significant digit, at least cents: "$999.9924", "$1,000.00".
QString formatUsdExact(Decimal amount);
// Compact USD for narrow columns: "$1.2K", "$3.45M".
QString formatUsdCompact(Decimal amount);

} // namespace longshot
