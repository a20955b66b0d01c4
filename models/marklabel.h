#pragma once

#include <QString>

namespace longshot {

// What a stored P&L's unrealized part is valued at, for every place that shows the figure
// (Leaderboard, Trader profile): "marked at 14:05 UTC, midpoint". markedMs as stored with the
// figures: the oldest mark's time; 0 when no open position had a mark; negative when unknown.
// A mark from another UTC day than nowMs (0: the clock) carries its date.
QString markedAtText(qint64 markedMs, const QString &markKind, qint64 nowMs = 0);

} // namespace longshot
