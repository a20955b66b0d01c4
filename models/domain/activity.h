#pragma once

#include "models/domain/decimal.h"
#include "models/domain/wallet.h"

#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace longshot {

// What happened to a wallet's outcome tokens or cash. One /activity row becomes one event
// (net/ parses them); Resolution is synthetic, made when a condition resolves, because
// losing tokens are almost never redeemed and would otherwise never be realized.
enum class ActivityKind : quint8 {
    Buy = 1, // shares of assetId for usdc (paid, fee included)
    Sell,    // shares of assetId for usdc (received, fee already deducted)
    Split,   // shares of collateral -> shares of every leg
    Merge,   // shares of every leg -> shares of collateral
    Redeem,  // redeemPositions on a resolved condition; usdc = what was paid out
    Convert, // neg-risk: shares NO of every `legs` question -> YES of every `received` question + collateral
    Resolution, // synthetic: the condition resolved with the legs' payouts
    Fee,        // a fee charged outside a fill (usdc > 0 is the amount charged)
    Rebate,     // maker/taker rebate credited (usdc)
    Reward,     // liquidity / referral reward credited (usdc)
};

QString activityKindName(ActivityKind kind);

// One outcome of a condition as an event refers to it. Positions are matched on assetId
// first and fall back to (conditionId, outcomeIndex) when the source left assetId empty.
struct ActivityLeg {
    QString conditionId;
    QString assetId;
    int outcomeIndex = -1;
    std::optional<Decimal> payout; // per token, 0..1; only Resolution and Redeem read it
};

struct ActivityEvent {
    ActivityKind kind = ActivityKind::Buy;
    Wallet wallet;
    QString conditionId;
    QString assetId;
    int outcomeIndex = -1;
    Decimal shares;
    // The USDC that actually moved: /activity usdcSize, never price x size (row prices such as
    // 0.8100000092466668 are only usdcSize / size). Ignored for Split, Merge and Convert, whose
    // collateral leg is fixed by the contracts.
    Decimal usdc;
    // Part of usdc that was a fee: added on top of the cost of a Buy, taken out of the proceeds
    // of a Sell. Pre-fee P&L adds it back; post-fee P&L keeps it.
    Decimal fee;
    qint64 timestampMs = 0;
    QString txId;
    // Split/Merge: the outcomes (two on a binary condition). Resolution/Redeem: each outcome's
    // payout (Redeem may leave them empty; the ledger then infers them from usdc).
    // Convert: the NO legs given up.
    QList<ActivityLeg> legs;
    // Convert only: the YES legs received (questions outside the converted index set).
    QList<ActivityLeg> received;

    static ActivityEvent trade(ActivityKind buyOrSell, const QString &conditionId, const QString &assetId,
                               int outcomeIndex, Decimal shares, Decimal usdc, qint64 timestampMs,
                               Decimal fee = {});
    static ActivityEvent splitOrMerge(ActivityKind splitOrMerge, const QString &conditionId,
                                      const QList<ActivityLeg> &legs, Decimal shares, qint64 timestampMs);
    static ActivityEvent resolution(const QString &conditionId, const QList<ActivityLeg> &payouts,
                                    qint64 timestampMs);
    static ActivityEvent redeem(const QString &conditionId, Decimal usdc, qint64 timestampMs,
                                const QList<ActivityLeg> &payouts = {});
    static ActivityEvent convert(const QList<ActivityLeg> &noLegs, const QList<ActivityLeg> &yesLegs,
                                 Decimal shares, qint64 timestampMs);
    static ActivityEvent cash(ActivityKind feeRebateOrReward, Decimal usdc, qint64 timestampMs,
                              const QString &assetId = {});
};

using ActivityList = QList<ActivityEvent>;

} // namespace longshot

Q_DECLARE_METATYPE(longshot::ActivityEvent)
Q_DECLARE_METATYPE(longshot::ActivityList)
