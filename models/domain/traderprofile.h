#pragma once

#include "models/domain/activity.h"
#include "models/domain/decimal.h"
#include "models/domain/grade.h"
#include "models/domain/ledger.h"
#include "models/domain/metrics.h"
#include "models/domain/wallet.h"

#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace longshot {

// One outcome token the wallet holds or held, under the average-cost ledger.
struct ProfilePosition {
    QString assetId;
    QString conditionId;
    QString marketTitle; // exchange text: plain text only
    QString outcome;
    QString category;
    PositionStatus status = PositionStatus::Open;
    Decimal shares; // held now (open) or at resolution (resolved)
    std::optional<Decimal> averagePrice;
    std::optional<Decimal> mark;  // open: the stored mark; settled: the payout
    std::optional<Decimal> value; // shares x mark; nullopt when unmarked
    std::optional<Decimal> unrealized;
    Decimal costBasis;
    Decimal realizedPnl; // pre-fee
    Decimal fees;
    Decimal boughtShares;
    Decimal boughtCost;
    Decimal soldShares;
    Decimal soldProceeds;
    qint64 lastEventMs = 0;
};
using ProfilePositions = QList<ProfilePosition>;

struct ProfileActivity {
    qint64 ms = 0;
    ActivityKind kind = ActivityKind::Buy;
    QString conditionId;
    QString marketTitle;
    QString outcome;
    Decimal shares;
    Decimal usdc;
    Decimal fee;
    QString txId;
};
using ProfileActivities = QList<ProfileActivity>;

// Everything the Trader profile dock shows for one wallet, read from stored history.
struct TraderProfile {
    Wallet wallet;
    bool synced = false; // false: no stored sync yet; only the wallet is known
    QString name;        // exchange text: plain text only
    QString pseudonym;
    WalletMetrics metrics;
    TraderGrade grade;
    StrategyClass strategy;
    int resolvedMarkets = 0;
    bool complete = false;
    QString incompleteReason;
    std::optional<Decimal> reportedValue; // Polymarket's /value at the last sync
    Decimal positionsValue;               // our open positions at their marks (marked ones only)
    Decimal openCostBasis;
    qint64 syncedMs = 0;
    // What the P&L is marked at, as stored with the figures the Leaderboard shows (metrics.markKind
    // says which price): the oldest mark's time, 0 when nothing open was marked, -1 when unknown.
    qint64 markedMs = 0;
    qint64 trackedSinceMs = 0; // first time Longshot stored this wallet
    qint64 firstActivityMs = 0;
    qint64 lastActivityMs = 0;
    qint64 events = 0;
    ProfilePositions openPositions;
    ProfilePositions closedPositions; // closed, resolved or redeemed; newest first
    ProfileActivities activity;       // newest first, at most kMaxActivity
    qint64 activityTotal = 0;
    std::optional<Decimal> officialAllPnl; // Polymarket's all-time board figure, when stored
    static constexpr int kMaxActivity = 5'000;
};

// Drawdown under the running peak of an equity curve (peak starts at zero), one per point.
QList<Decimal> drawdownSeries(const QList<EquityPoint> &equity);

} // namespace longshot

Q_DECLARE_METATYPE(longshot::TraderProfile)
