#include "models/domain/activity.h"

namespace longshot {

QString activityKindName(ActivityKind kind) {
    switch (kind) {
    case ActivityKind::Buy:
        return QStringLiteral("BUY");
    case ActivityKind::Sell:
        return QStringLiteral("SELL");
    case ActivityKind::Split:
        return QStringLiteral("SPLIT");
    case ActivityKind::Merge:
        return QStringLiteral("MERGE");
    case ActivityKind::Redeem:
        return QStringLiteral("REDEEM");
    case ActivityKind::Convert:
        return QStringLiteral("CONVERSION");
    case ActivityKind::Resolution:
        return QStringLiteral("RESOLUTION");
    case ActivityKind::Fee:
        return QStringLiteral("FEE");
    case ActivityKind::Rebate:
        return QStringLiteral("REBATE");
    case ActivityKind::Reward:
        return QStringLiteral("REWARD");
    }
    return QStringLiteral("UNKNOWN");
}

ActivityEvent ActivityEvent::trade(ActivityKind buyOrSell, const QString &conditionId, const QString &assetId,
                                   int outcomeIndex, Decimal shares, Decimal usdc, qint64 timestampMs,
                                   Decimal fee) {
    ActivityEvent e;
    e.kind = buyOrSell;
    e.conditionId = conditionId;
    e.assetId = assetId;
    e.outcomeIndex = outcomeIndex;
    e.shares = shares;
    e.usdc = usdc;
    e.fee = fee;
    e.timestampMs = timestampMs;
    return e;
}

ActivityEvent ActivityEvent::splitOrMerge(ActivityKind splitOrMerge, const QString &conditionId,
                                          const QList<ActivityLeg> &legs, Decimal shares,
                                          qint64 timestampMs) {
    ActivityEvent e;
    e.kind = splitOrMerge;
    e.conditionId = conditionId;
    e.legs = legs;
    e.shares = shares;
    e.usdc = shares; // one collateral unit per full set
    e.timestampMs = timestampMs;
    return e;
}

ActivityEvent ActivityEvent::resolution(const QString &conditionId, const QList<ActivityLeg> &payouts,
                                        qint64 timestampMs) {
    ActivityEvent e;
    e.kind = ActivityKind::Resolution;
    e.conditionId = conditionId;
    e.legs = payouts;
    e.timestampMs = timestampMs;
    return e;
}

ActivityEvent ActivityEvent::redeem(const QString &conditionId, Decimal usdc, qint64 timestampMs,
                                    const QList<ActivityLeg> &payouts) {
    ActivityEvent e;
    e.kind = ActivityKind::Redeem;
    e.conditionId = conditionId;
    e.usdc = usdc;
    e.legs = payouts;
    e.timestampMs = timestampMs;
    return e;
}

ActivityEvent ActivityEvent::convert(const QList<ActivityLeg> &noLegs, const QList<ActivityLeg> &yesLegs,
                                     Decimal shares, qint64 timestampMs) {
    ActivityEvent e;
    e.kind = ActivityKind::Convert;
    e.legs = noLegs;
    e.received = yesLegs;
    e.shares = shares;
    e.timestampMs = timestampMs;
    return e;
}

ActivityEvent ActivityEvent::cash(ActivityKind feeRebateOrReward, Decimal usdc, qint64 timestampMs,
                                  const QString &assetId) {
    ActivityEvent e;
    e.kind = feeRebateOrReward;
    e.usdc = usdc;
    e.assetId = assetId;
    e.timestampMs = timestampMs;
    return e;
}

} // namespace longshot
