#pragma once

#include "models/domain/decimal.h"
#include "models/domain/grade.h"
#include "models/domain/wallet.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace longshot {

// The leaderboard windows; the keys are leaderboard_official.period (Polymarket's timePeriod).
enum class BoardPeriod : quint8 { Day = 1, Week, Month, All };
QString boardPeriodKey(BoardPeriod period);   // "day", "week", "month", "all"
QString boardPeriodLabel(BoardPeriod period); // "1d", "7d", "30d", "All"
qint64 boardPeriodMs(BoardPeriod period);     // 0 for All

// What the board is ranked by; every key ranks best first.
enum class BoardRank : quint8 { Pnl = 1, Roi, Volume, WinRate, Grade };
QString boardRankLabel(BoardRank rank);

struct LeaderboardQuery {
    BoardPeriod period = BoardPeriod::All;
    QString category;    // empty: every category
    int minResolved = 0; // lifetime resolved markets (in the category) a trader needs to be listed
    qint64 nowMs = 0;    // end of the window; 0 = the reader's clock
};

// One synced trader's figures for one window. Money is exact; ratios are for display only.
struct LeaderboardRow {
    Wallet wallet;
    QString name; // exchange text: plain text only
    Grade grade = Grade::F;
    double gradeScore = 0;
    bool gradeProvisional = true;
    QString strategy;
    // All: realized + unrealized at the stored marks. 1d/7d/30d: realized inside the window.
    Decimal pnlPreFee;
    Decimal pnlPostFee;
    Decimal realizedPreFee; // the figure Polymarket's board is compared with
    Decimal unrealized;     // All only
    Decimal volume;
    std::optional<double> roi; // pnlPostFee / volume
    int wins = 0;              // markets resolved inside the window
    int losses = 0;
    int resolvedLifetime = 0; // what the minimum-resolved filter looks at
    std::optional<double> winRate;
    double shrunkWinRate = 0.5; // (wins + 10) / (decided + 20), what win-rate ranking uses
    bool complete = false;
    QString incompleteReason;
    bool overflow = false; // a sum overflowed: no figure may be shown
    int unmarkedPositions = 0;
    // All: what `unrealized` is marked at, as stored with the figures (and shown with the same
    // figures in the Trader profile): the oldest mark's time, 0 when nothing open was marked,
    // -1 when a mark predates mark times; markKind as markKindName spells it ("midpoint").
    qint64 markedMs = 0;
    QString markKind;
    qint64 syncedMs = 0;
    // Polymarket's own board for the same period (nullopt: the wallet is not on the stored board).
    std::optional<Decimal> officialPnl;
    std::optional<int> officialRank;
    qint64 officialFetchedMs = 0;
    std::optional<Decimal> difference; // officialPnl - realizedPreFee

    int decided() const { return wins + losses; }
};
using LeaderboardRows = QList<LeaderboardRow>;

struct LeaderboardResult {
    LeaderboardQuery query;
    qint64 windowStartMs = 0; // 0 for All
    qint64 windowEndMs = 0;
    LeaderboardRows rows; // ordered by wallet; the view ranks
    int hiddenByMinimum = 0;
    QStringList categories;       // every category a synced trader traded, for the filter
    qint64 officialFetchedMs = 0; // newest fetch of Polymarket's board for the period; 0 = none
};

} // namespace longshot

Q_DECLARE_METATYPE(longshot::LeaderboardQuery)
Q_DECLARE_METATYPE(longshot::LeaderboardResult)
