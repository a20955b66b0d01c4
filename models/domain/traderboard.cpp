#include "models/domain/traderboard.h"

namespace longshot {

QString boardPeriodKey(BoardPeriod period) {
    switch (period) {
    case BoardPeriod::Day:
        return QStringLiteral("day");
    case BoardPeriod::Week:
        return QStringLiteral("week");
    case BoardPeriod::Month:
        return QStringLiteral("month");
    case BoardPeriod::All:
        break;
    }
    return QStringLiteral("all");
}

QString boardPeriodLabel(BoardPeriod period) {
    switch (period) {
    case BoardPeriod::Day:
        return QStringLiteral("1d");
    case BoardPeriod::Week:
        return QStringLiteral("7d");
    case BoardPeriod::Month:
        return QStringLiteral("30d");
    case BoardPeriod::All:
        break;
    }
    return QStringLiteral("All");
}

qint64 boardPeriodMs(BoardPeriod period) {
    constexpr qint64 kDayMs = 86'400'000;
    switch (period) {
    case BoardPeriod::Day:
        return kDayMs;
    case BoardPeriod::Week:
        return 7 * kDayMs;
    case BoardPeriod::Month:
        return 30 * kDayMs;
    case BoardPeriod::All:
        break;
    }
    return 0;
}

QString boardRankLabel(BoardRank rank) {
    switch (rank) {
    case BoardRank::Pnl:
        return QStringLiteral("P&L");
    case BoardRank::Roi:
        return QStringLiteral("ROI");
    case BoardRank::Volume:
        return QStringLiteral("Volume");
    case BoardRank::WinRate:
        return QStringLiteral("Win rate");
    case BoardRank::Grade:
        break;
    }
    return QStringLiteral("Grade");
}

} // namespace longshot
