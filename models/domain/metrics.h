#pragma once

#include "models/domain/activity.h"
#include "models/domain/decimal.h"
#include "models/domain/ledger.h"
#include "models/domain/market.h"

#include <QDate>
#include <QList>
#include <QMetaType>
#include <QString>

#include <array>
#include <optional>

namespace longshot {

// Win rate over resolved markets (market-analytics.md §4.6): a market is a win when the
// wallet's realized P&L on it is positive once it resolved, unredeemed losers included.
// Thin samples are pulled toward a neutral Beta(10, 10) prior and flagged below 20.
struct WinRateStats {
    static constexpr int kMinDecided = 20;
    static constexpr double kPriorWins = 10;
    static constexpr double kPriorLosses = 10;

    int wins = 0;
    int losses = 0;
    int pushes = 0;            // resolved at exactly zero P&L
    int unresolved = 0;        // traded, not resolved yet
    std::optional<double> raw; // wins / (wins + losses)
    double shrunk = 0.5;       // (wins + 10) / (wins + losses + 20)
    bool tooFewDecided = true; // wins + losses < 20: show the badge, not a bare percentage

    int decided() const { return wins + losses; }
};

// One condition the wallet traded, summed over its outcome tokens.
struct MarketResult {
    QString conditionId;
    QString title;
    QString category;
    Decimal realizedPreFee;
    Decimal fees;
    Decimal boughtCost;
    Decimal volume; // buy + sell USDC on this market
    int trades = 0;
    bool resolved = false;
    bool open = false; // tracked shares still held before resolution
};

// Equity at the end of one UTC day: cumulative post-fee realized P&L. Historical marks are
// not known, so only the last point adds the unrealized P&L at the current marks.
struct EquityPoint {
    QDate day;
    Decimal realizedPostFee;
    Decimal equity;
};

struct CategoryStats {
    QString category;
    int markets = 0;
    Decimal volume;
    Decimal realizedPreFee;
    int wins = 0;
    int losses = 0;
};

struct HourBucket {
    int trades = 0;
    Decimal volume;
};

// What the strategy class is decided from; ratios, so doubles.
struct StyleFeatures {
    qint64 trades = 0;           // buys + sells
    qint64 structuralEvents = 0; // splits, merges, conversions
    double structuralShare = 0;  // structural / (trades + structural)
    double tradesPerMarket = 0;
    double twoSidedShare = 0;                // markets where more than one outcome was bought
    double sellToBuy = 0;                    // sell USDC / buy USDC
    std::optional<double> medianHoldMinutes; // first buy to first sell, per token
    double sportsShare = 0;                  // volume in markets of category "sports"
    double longShotBuyShare = 0;             // buy USDC at prices <= 0.20
    double favouriteBuyShare = 0;            // buy USDC at prices >= 0.80
    double heldToResolutionShare = 0;        // shares still held at resolution / shares bought
};

struct WalletMetrics {
    MarkKind markKind = MarkKind::Midpoint;
    Decimal realizedPreFee;
    Decimal realizedPostFee;
    Decimal unrealized; // at markKind; unmarked positions excluded and counted
    Decimal totalPreFee;
    Decimal totalPostFee;
    Decimal fees;
    Decimal rebates;
    Decimal rewards;
    Decimal volume; // buy + sell USDC (fills only; Polymarket's own boards count shares)
    Decimal buyVolume;
    Decimal sellVolume;
    std::optional<double> roi; // totalPostFee / volume
    WinRateStats winRate;
    std::optional<MarketResult> biggestWin;  // over resolved or closed markets
    std::optional<MarketResult> biggestLoss; // likewise
    int marketsTraded = 0;
    std::optional<double> profitFactor;       // gross market wins / gross market losses
    bool profitFactorUnbounded = false;       // wins and no losses
    Decimal maxDrawdown;                      // on the daily equity curve, from its running peak
    std::optional<double> sharpe;             // annualised (x sqrt 365) on daily equity changes
    std::optional<double> profitableDayShare; // days up / days that moved
    QList<EquityPoint> equity;
    QList<MarketResult> markets;
    QList<CategoryStats> categories;    // by volume, largest first
    std::array<HourBucket, 24> hours{}; // fills by UTC hour of day
    StyleFeatures style;
    int unmarkedPositions = 0;
    bool overflow = false; // the ledger or a sum here overflowed: the figures are not to be shown
    LedgerTotals ledger;   // completeness counters (untracked, inferred, ignored) for the UI
};

// Replays one wallet's events (plus a synthetic resolution for every market in `markets`
// whose outcomes all carry a payout and that the events do not already settle) and derives
// the profile figures. `markets` also supplies titles and categories.
WalletMetrics computeMetrics(const ActivityList &events, const MarketList &markets, const MarkBook &marks);

// Decimal to double for statistics only.
inline double toDouble(Decimal d) {
    return static_cast<double>(d.micros()) / Decimal::kOne;
}

} // namespace longshot

Q_DECLARE_METATYPE(longshot::WalletMetrics)
