#pragma once

#include "models/domain/activity.h"
#include "models/domain/decimal.h"

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace longshot {

// Which price unrealized P&L is marked at; always shown next to the figure.
enum class MarkKind : quint8 {
    Midpoint = 1, // what charting products show
    LastTrade,
    BestBid, // liquidation value: what selling now would fetch
};
QString markKindName(MarkKind kind);

// Prices per asset id, all of one kind.
struct MarkBook {
    MarkKind kind = MarkKind::Midpoint;
    QHash<QString, Decimal> prices;
};

enum class PositionStatus : quint8 {
    Open = 1,           // tracked shares held, condition unresolved
    Closed,             // sold or merged out before resolution
    ResolvedUnredeemed, // resolved; shares still in the wallet (winners worth their payout, losers zero)
    Redeemed,
};

// One outcome token in one wallet under the average-cost method (Polymarket's pnl-subgraph).
// The cost basis is kept as an exact total rather than as an average price, so a sell removes
// round(costBasis x sold / held) and whatever rounding that needs stays in the basis: realized
// plus remaining basis always equals what was paid, to the micro-dollar.
struct LedgerPosition {
    QString assetId; // "<conditionId>#<outcomeIndex>" when no event named the token
    QString conditionId;
    int outcomeIndex = -1;
    bool assetIdInferred = false;
    Decimal shares;      // tracked shares held (before resolution)
    Decimal costBasis;   // pre-fee USDC cost of `shares`
    Decimal realizedPnl; // pre-fee
    Decimal fees;        // fees paid on this token's fills
    Decimal boughtShares;
    Decimal boughtCost; // pre-fee cost of everything bought (Polymarket's totalBought is in shares)
    Decimal soldShares; // tracked shares disposed of before resolution (sell, merge, convert)
    Decimal soldProceeds;
    Decimal untrackedShares; // sold beyond the tracked holding: no P&L (tokens from transfers)
    std::optional<Decimal> payout;
    Decimal sharesAtResolution;
    Decimal redeemableShares; // resolved shares not yet redeemed
    Decimal unredeemedValue;  // their payout value: a cash item, already in realizedPnl
    qint64 firstBuyMs = 0;    // 0 = never bought
    qint64 firstSellMs = 0;   // 0 = never sold
    qint64 lastEventMs = 0;

    // costBasis / shares, rounded half-even; nullopt when no shares are held.
    std::optional<Decimal> averagePrice() const;
    PositionStatus status() const;
};

struct LedgerTotals {
    Decimal realizedPreFee;  // the number Polymarket's profile and "all" leaderboard show
    Decimal realizedPostFee; // realizedPreFee - fees + rebates + rewards
    Decimal fees;
    Decimal rebates;
    Decimal rewards;
    Decimal buyUsdc;  // cash paid on buys, fees included
    Decimal sellUsdc; // cash received on sells, fees deducted
    Decimal splitUsdc;
    Decimal mergeUsdc;
    Decimal redeemUsdc;
    Decimal convertUsdc;     // collateral released by neg-risk conversions
    Decimal unredeemedValue; // resolved payout value still held as tokens
    // Cash the average-cost method does not attribute: proceeds of shares sold beyond the
    // tracked holding, and redemptions beyond the tracked winners.
    Decimal untrackedProceeds;
    Decimal untrackedShares;
    // Cost the subgraph assumes for converted NO tokens the ledger never saw acquired.
    Decimal untrackedCost;
    qint64 events = 0;
    qint64 ignoredEvents = 0;    // malformed (non-positive shares, negative cash, fee above usdc)
    qint64 outOfOrderEvents = 0; // apply() got an event older than the previous one
    qint64 inferredPayouts = 0;  // redemptions whose payouts were inferred from the USDC paid
    qint64 unmatchedLegs = 0;    // resolution legs or positions that could not be paired
};

struct PositionValuation {
    QString assetId;
    std::optional<Decimal> mark;
    std::optional<Decimal> marketValue; // round(shares x mark)
    std::optional<Decimal> unrealizedPnl;
};

// Unrealized P&L at one labelled mark. Unmarked positions are listed and counted, never zeroed.
struct LedgerValuation {
    MarkKind markKind = MarkKind::Midpoint;
    Decimal openCostBasis;
    Decimal marketValue; // marked positions only
    Decimal unrealizedPnl;
    Decimal unmarkedCostBasis;
    int markedPositions = 0;
    int unmarkedPositions = 0;
    Decimal totalPreFee;  // realized + unrealized
    Decimal totalPostFee; // realized (post-fee) + unrealized
    bool overflow = false;
    QList<PositionValuation> positions; // open positions, in ledger order
};

enum class LedgerErrorKind : quint8 { None = 0, Overflow };

// Replays one wallet's events in time order (Polymarket's average-cost method, see
// docs market-analytics §4.1 and §4.7). All arithmetic is checked: an overflow freezes the
// ledger in an errored state instead of wrapping, and every later event is ignored.
class Ledger final {
public:
    Ledger() = default;

    // Sorts a copy by time (stable; at equal times acquisitions come before disposals, then
    // resolutions, then redemptions) and applies it.
    static Ledger replay(const ActivityList &events);
    // The order replay() applies events in, as indexes into `events`.
    static QList<qsizetype> replayOrder(const ActivityList &events);

    // Applies one event; returns false when the ledger is (or has just become) errored.
    bool apply(const ActivityEvent &event);

    bool hasError() const { return m_error != LedgerErrorKind::None; }
    LedgerErrorKind error() const { return m_error; }
    qint64 errorEventIndex() const { return m_errorEvent; } // -1 when none

    const LedgerTotals &totals() const { return m_totals; }
    const QList<LedgerPosition> &positions() const { return m_positions; }
    const LedgerPosition *position(const QString &assetId) const;
    bool isResolved(const QString &conditionId) const;

    LedgerValuation valuate(const MarkBook &marks) const;

private:
    struct Condition {
        QList<int> positions;
        QList<ActivityLeg> payouts;
        bool resolved = false;
    };

    int positionFor(const QString &conditionId, const QString &assetId, int outcomeIndex);
    void buy(int index, Decimal shares, Decimal cost, qint64 ms);
    // Removes up to `shares` at average cost; returns the tracked shares actually removed.
    Decimal dispose(int index, Decimal shares, Decimal proceeds, qint64 ms);
    void resolvePosition(int index, Decimal payout);
    void resolveCondition(const QString &conditionId, const QList<ActivityLeg> &payouts);
    std::optional<Decimal> payoutFor(const LedgerPosition &p, const QList<ActivityLeg> &payouts) const;
    QList<ActivityLeg> inferPayouts(const QString &conditionId, Decimal usdc);
    QList<int> legPositions(const QString &conditionId, const QList<ActivityLeg> &legs);

    void applyTrade(const ActivityEvent &e);
    void applySplitMerge(const ActivityEvent &e);
    void applyRedeem(const ActivityEvent &e);
    void applyConvert(const ActivityEvent &e);
    void applyCash(const ActivityEvent &e);

    Decimal add(Decimal a, Decimal b);
    Decimal sub(Decimal a, Decimal b);

    QList<LedgerPosition> m_positions;
    QHash<QString, int> m_byAsset;
    QHash<QString, Condition> m_conditions;
    LedgerTotals m_totals;
    qint64 m_lastMs = 0;
    bool m_overflow = false; // set by add/sub within the current event
    LedgerErrorKind m_error = LedgerErrorKind::None;
    qint64 m_errorEvent = -1;
};

} // namespace longshot

Q_DECLARE_METATYPE(longshot::LedgerPosition)
