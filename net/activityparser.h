#pragma once

#include "models/domain/activity.h"
#include "models/domain/decimal.h"
#include "models/domain/market.h"
#include "models/domain/wallet.h"
#include "net/rtdsparser.h"

#include <QByteArrayView>
#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// Parsers for the trader endpoints of the data-api (v1 arrays and the v2 {"data": ...}
// envelope, camelCase or snake_case) and gamma /markets. Amounts go from their JSON text
// straight into Decimal; nothing passes through a double. A body that is not the expected
// JSON sets `error`; single bad rows are refused one by one into `rejects`.
namespace longshot::net {

// The /activity `type` values. Deposit and Withdrawal move cash in and out of the wallet
// and are not P&L; every other known type becomes an ActivityEvent.
enum class ActivityType : quint8 {
    Trade = 1,
    Split,
    Merge,
    Redeem,
    Conversion,
    Reward,
    ReferralReward,
    MakerRebate,
    TakerRebate,
    Yield,
    Deposit,
    Withdrawal,
};
std::optional<ActivityType> activityTypeFromName(QStringView name);

struct ActivityPage {
    std::optional<RejectReason> error; // the whole body was unusable
    ActivityList events;               // in body order
    QList<RejectReason> rejects;
    int rows = 0;             // array elements, refused ones included (the pager counts these)
    int cashMoves = 0;        // deposits and withdrawals: read, not P&L
    QStringList unknownTypes; // distinct type names we do not know: the history is incomplete
    qint64 oldestMs = 0;      // over every row with a usable timestamp; 0 when none
    qint64 newestMs = 0;
    QString traderName; // from the rows' profile fields, when they carry one
    QString traderPseudonym;
    // One entry per condition the rows named: title, slugs, and the outcomes they showed
    // (asset id, name, index). A fallback for markets gamma does not return.
    MarketList markets;
    QString nextCursor; // v2 envelope only
};

ActivityPage parseActivity(QByteArrayView body);

// One /positions or /closed-positions row. Position.marketId is the condition id, mark is
// curPrice. Fields /closed-positions does not send stay at their defaults.
struct PositionRow {
    Position position;
    int outcomeIndex = -1;
    QString title;
    QString slug;
    QString eventSlug;
    QString oppositeAsset;
    Decimal initialValue;
    Decimal currentValue;
    Decimal cashPnl;
    Decimal totalBought; // shares
    bool redeemable = false;
    bool mergeable = false;
    bool negativeRisk = false;
    QDate endDate;
    qint64 timestampMs = 0; // /closed-positions only
};

struct PositionsPage {
    std::optional<RejectReason> error;
    QList<PositionRow> rows;
    QList<RejectReason> rejects;
    int rowCount = 0; // array elements, refused ones included
};

PositionsPage parsePositions(QByteArrayView body);

// GET /value: [{"user": ..., "value": ...}] (v1) or {"data": {...}} (v2).
struct ValueResult {
    std::optional<RejectReason> error;
    std::optional<Decimal> value; // unset when the body held no row
    Wallet wallet;
};
ValueResult parseValue(QByteArrayView body);

struct LeaderboardRow {
    int rank = 0; // sent as a string
    Wallet wallet;
    QString userName;
    QString xUsername;
    bool verified = false;
    Decimal volume; // USDC on v1 (rounded to the micro-dollar)
    Decimal pnl;
};

struct LeaderboardPage {
    std::optional<RejectReason> error;
    QList<LeaderboardRow> rows;
    QList<RejectReason> rejects;
};
LeaderboardPage parseLeaderboard(QByteArrayView body);

// gamma GET /markets. outcomes / outcomePrices / clobTokenIds are JSON arrays encoded as
// strings and are parsed a second time. Outcome.lastPrice is the outcomePrices entry;
// Outcome.payout is set only on a closed market whose prices are a settled payout vector
// (each 0, 0.5 or 1, summing to 1). category is gamma's category, else the first tag slug.
// liquidityUsd is the `liquidity` string, else the `liquidityNum` token; a malformed or
// negative one is left unset rather than refusing the market.
struct MarketsPage {
    std::optional<RejectReason> error;
    MarketList markets;
    QList<RejectReason> rejects;
    int rowCount = 0;
    int closedWithoutPayout = 0; // closed, but the prices are not a payout vector yet
};
MarketsPage parseGammaMarkets(QByteArrayView body);

} // namespace longshot::net
