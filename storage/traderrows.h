#pragma once

#include "models/domain/activity.h"
#include "models/domain/ledger.h"
#include "storage/traderstore.h"

#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace longshot::storage {

// How TraderStore's rows spell the domain values, shared by its QtSql path and the SQLite
// re-grade so that both store byte-identical rows.

std::optional<ActivityKind> activityKindFromName(QStringView name);
std::optional<ActivityKind> activityKindFromUtf8(QByteArrayView name);

// Legs as "condition|asset|index|payout-micros-or-empty" joined by ';' (ids hold no such chars).
QString legsText(const QList<ActivityLeg> &legs);
QList<ActivityLeg> legsFrom(QStringView text);

// One trader_positions row.
struct StoredPosition {
    QString assetId;
    QString marketId;
    int outcomeIndex = -1;
    qint64 shares = 0;
    std::optional<qint64> averagePrice;
    std::optional<qint64> mark; // open: the mark; settled: the payout
    qint64 realizedPnl = 0;
    std::optional<qint64> unrealizedPnl; // settled: zero
    QString status;
};
QList<StoredPosition> storedPositions(const QList<LedgerPosition> &positions,
                                      const LedgerValuation &valuation);

// The figures of one trader_metrics row that a recompute rewrites, in the UPDATE's order.
struct StoredMetrics {
    qint64 events = 0;
    qint64 realizedPre = 0;
    qint64 realizedPost = 0;
    qint64 unrealized = 0;
    qint64 totalPre = 0;
    qint64 totalPost = 0;
    qint64 fees = 0;
    qint64 volume = 0;
    int resolvedMarkets = 0;
    int wins = 0;
    int losses = 0;
    int unmarkedPositions = 0;
    QString grade;
    double gradeScore = 0;
    bool provisional = true;
    QString strategy;
    QString markKind;
    bool overflow = false;
    qint64 markedMs = 0; // see markedAt
};
StoredMetrics storedMetrics(const TraderSummary &summary, qint64 markedMs);

// trader_metrics.marked_ms: the oldest time among the marks that valued open positions (what
// "marked at" can promise for all of them); kNothingMarked when no open position had a mark;
// kMarkTimeUnknown when one of them was stored before mark times were (schema v5 and older).
inline constexpr qint64 kNothingMarked = 0;
inline constexpr qint64 kMarkTimeUnknown = -1;
// markTimes: asset id -> outcomes.mark_ms (kMarkTimeUnknown for NULL).
qint64 markedAt(const LedgerValuation &valuation, const QHash<QString, qint64> &markTimes);

// Every trader_metrics column the recompute sets, then the wallet: bind in this order.
QString updateMetricsSql();
// wallet, asset, market, outcome index, shares, average price, mark, realized, unrealized, status.
QString insertPositionSql();

} // namespace longshot::storage
