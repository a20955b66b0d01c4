#pragma once

#include "models/domain/decimal.h"
#include "models/domain/grade.h"

#include <QColor>
#include <QString>
#include <QVariant>

namespace longshot {

// How P&L reads across the trader panels: signed, green up, red down, zero uncoloured.
// "+$1,234.56", "-$12.50", "$0.00".
QString formatPnl(Decimal amount);
// A ratio as a percentage: 0.1234 -> "12.3%"; `sign` adds "+" to positive values.
QString formatPercent(double ratio, int decimals = 1, bool sign = false);
// Foreground for a P&L cell; an invalid QVariant (the palette's text colour) for zero.
QVariant pnlForeground(Decimal amount);
QColor gainColor();
QColor lossColor();
// The grade letters' colours: S and A stand out, D and F warn. The same in both schemes and
// never one of the side, P&L or caution colours.
QColor gradeColor(Grade grade);
// The colour of warnings that are not losses: incomplete history, too few decided markets.
// Follows the scheme (orange beside red/green, amber beside blue/orange).
QColor cautionColor();

} // namespace longshot
