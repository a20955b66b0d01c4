#pragma once

#include "models/domain/activity.h"
#include "models/domain/decimal.h"
#include "models/domain/ledger.h"
#include "models/domain/market.h"

#include <QList>
#include <QString>

namespace longshot {

// What one replayed event changed, so any time window can be summed without replaying again.
struct TimelineStep {
    qint64 ms = 0;
    int market = -1; // index into WalletTimeline::markets; -1 for cash events outside any market
    Decimal realizedPreFee;
    Decimal realizedPostFee;
    Decimal volume; // buy + sell USDC of a fill, as WalletMetrics::volume counts it
};

struct TimelineMarket {
    QString conditionId;
    QString category;       // "Uncategorized" when unknown, as in WalletMetrics
    qint64 resolvedMs = 0;  // when the ledger first saw it resolved; 0 while unresolved
    Decimal realizedPreFee; // lifetime, over its outcome tokens: decides win or loss
    Decimal unrealized;     // open positions at the current marks (unmarked ones excluded)
    bool traded = false;    // holds a ledger position: the markets WalletMetrics counts
};

// One wallet's ledger replay (same events, synthetic resolutions and marks as computeMetrics)
// laid out as steps in replay order plus per-market outcomes.
struct WalletTimeline {
    QList<TimelineStep> steps;
    QList<TimelineMarket> markets;
    qint64 firstMs = 0;
    qint64 lastMs = 0;
    bool overflow = false;
};

WalletTimeline buildWalletTimeline(const ActivityList &events, const MarketList &markets,
                                   const MarkBook &marks);

// Figures of one window. Historical marks are not stored, so a bounded window holds realized
// P&L only (booked by sells, merges, redemptions and resolutions inside it) and the volume of
// fills inside it; only the unbounded window adds today's unrealized P&L.
struct WindowFigures {
    Decimal realizedPreFee;
    Decimal realizedPostFee;
    Decimal unrealized; // unbounded window only
    Decimal totalPreFee;
    Decimal totalPostFee;
    Decimal volume;
    int wins = 0;   // markets resolved inside the window with positive lifetime P&L
    int losses = 0; // ... negative
    int pushes = 0;
    int resolvedLifetime = 0; // resolved markets in the category, whatever the window
    int markets = 0;          // markets in the category the wallet ever traded
    bool overflow = false;
};

// [fromMs, toMs); fromMs <= 0 is unbounded at the start (and then adds unrealized P&L).
// An empty category means every market, plus cash events (rebates, rewards) outside markets.
WindowFigures windowFigures(const WalletTimeline &timeline, qint64 fromMs, qint64 toMs,
                            const QString &category = {});

} // namespace longshot
