#pragma once

#include "models/domain/decimal.h"
#include "models/domain/market.h"
#include "models/domain/trade.h"
#include "models/domain/venue.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QtGlobal>

#include <optional>

namespace longshot {

// One time bucket of a market's stored trades. Prices are of the first outcome (YES): a fill
// on the second outcome counts at 1 - price, because it is the same contract seen from the
// other side. Every figure was summed or picked by the database over integer micros.
struct PriceBucket {
    qint64 startMs = 0;     // bucket start (inclusive)
    qint64 lastTradeMs = 0; // time of the bucket's last fill, where its close belongs
    Decimal open;
    Decimal high;
    Decimal low;
    Decimal close;
    Decimal volumeUsd; // SUM(notional) of every fill in the bucket, either outcome
    qint64 trades = 0;
};
using PriceBucketList = QList<PriceBucket>;

// Net buying by one outcome: buys minus sells, in USD.
struct OutcomeFlow {
    int outcomeIndex = -1;
    QString outcome;
    Decimal buyUsd;
    Decimal sellUsd;
    Decimal netUsd;
};

// Net buying in one market by the best-graded traders (S and A in trader_metrics) over a
// window. gradedTraders counts every such trader stored, whether or not they traded here:
// zero means no grades exist yet, which is not the same as "they did not trade".
struct SmartMoneyFlow {
    qint64 fromMs = 0;
    qint64 toMs = 0;
    qint64 gradedTraders = 0;
    qint64 activeTraders = 0; // graded traders with a fill in this market in the window
    Decimal buyUsd;
    Decimal sellUsd;
    Decimal netUsd;
    QList<OutcomeFlow> outcomes; // by outcome index
    bool hasGradedTraders() const { return gradedTraders > 0; }
};

// What the market dock asks storage for when a market opens.
struct MarketHistoryRequest {
    Venue venue = Venue::Polymarket;
    QString marketId;
    qint64 nowMs = 0;    // the reader's "now": the end of the range and of the flow window
    qint64 windowMs = 0; // > 0: only this far back; 0: from the market's first stored trade
    int buckets = 240;   // at most this many buckets over the range
    qint64 minBucketMs = 60'000;
    int recentLimit = 200; // newest stored trades
    qint64 flowWindowMs = 24 * 60 * 60 * 1000LL;
};

// The answer: stored metadata (if the market was ever stored), the bucketed history, the
// newest trades (newest first) and the smart-money flow.
struct MarketHistory {
    Venue venue = Venue::Polymarket;
    QString marketId;
    std::optional<Market> market;
    qint64 bucketMs = 0;
    qint64 storedTrades = 0; // in the range
    PriceBucketList buckets; // oldest first
    TradeBatch recent;       // newest first
    SmartMoneyFlow smartMoney;
};

} // namespace longshot

Q_DECLARE_METATYPE(longshot::PriceBucket)
Q_DECLARE_METATYPE(longshot::SmartMoneyFlow)
Q_DECLARE_METATYPE(longshot::MarketHistoryRequest)
Q_DECLARE_METATYPE(longshot::MarketHistory)
