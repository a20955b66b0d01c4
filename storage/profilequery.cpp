#include "storage/profilequery.h"

#include "storage/connection.h"
#include "storage/leaderboardquery.h"
#include "storage/migrations.h"
#include "storage/traderstore.h"
#include "storage/wallethistory.h"

#include <QHash>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace longshot::storage {
namespace {

struct OutcomeInfo {
    QString marketTitle;
    QString outcome;
    QString category;
};

QHash<QString, OutcomeInfo> outcomeInfo(const MarketList &markets, QHash<QString, OutcomeInfo> *byCondition) {
    QHash<QString, OutcomeInfo> byAsset;
    for (const Market &m : markets) {
        byCondition->insert(m.marketId, OutcomeInfo{m.title, {}, m.category});
        for (const Outcome &o : m.outcomes) {
            byAsset.insert(o.assetId, OutcomeInfo{m.title, o.name, m.category});
            byAsset.insert(m.marketId % u'#' % QString::number(o.index),
                           OutcomeInfo{m.title, o.name, m.category});
        }
    }
    return byAsset;
}

std::optional<StorageError> readSyncState(Connection &c, const Wallet &wallet, TraderProfile *out) {
    QSqlQuery q(c.database());
    if (auto e = c.prepare(q, u"SELECT t.name, t.pseudonym, t.first_seen_ms, m.synced_ms, m.complete, "
                              "m.incomplete_reason, m.value_micros FROM traders t "
                              "LEFT JOIN trader_metrics m ON m.wallet = t.wallet WHERE t.wallet = ?"_s))
        return e;
    q.addBindValue(wallet.address());
    if (auto e = c.execPrepared(q, u"read trader"_s))
        return e;
    if (!q.next())
        return std::nullopt;
    out->name = q.value(0).toString();
    out->pseudonym = q.value(1).toString();
    out->trackedSinceMs = q.value(2).toLongLong();
    out->synced = !q.value(3).isNull();
    out->syncedMs = q.value(3).toLongLong();
    out->complete = q.value(4).toInt() != 0;
    out->incompleteReason = q.value(5).toString();
    if (!q.value(6).isNull())
        out->reportedValue = Decimal::fromMicros(q.value(6).toLongLong());
    return std::nullopt;
}

std::optional<StorageError> readOfficialAll(Connection &c, const Wallet &wallet, TraderProfile *out) {
    QSqlQuery q(c.database());
    if (auto e = c.prepare(
            q, u"SELECT pnl_micros FROM leaderboard_official WHERE period = 'all' AND wallet = ?"_s))
        return e;
    q.addBindValue(wallet.address());
    if (auto e = c.execPrepared(q, u"read Polymarket's all-time figure"_s))
        return e;
    if (q.next())
        out->officialAllPnl = Decimal::fromMicros(q.value(0).toLongLong());
    return std::nullopt;
}

struct StoredFigures {
    bool found = false;
    Decimal realizedPre;
    Decimal realizedPost;
    Decimal unrealized;
    Decimal totalPre;
    Decimal totalPost;
    qint64 markedMs = -1;
};

// The wallet's stored figures and the marks its open positions were valued at for them.
std::optional<StorageError> readStoredFigures(Connection &c, const Wallet &wallet, MarkBook *marks,
                                              StoredFigures *out) {
    int schema = 0;
    if (auto e = readSchemaVersion(c, &schema))
        return e;
    QSqlQuery q(c.database());
    if (auto e =
            c.prepare(q, u"SELECT realized_pre_micros, realized_post_micros, unrealized_micros, "
                         "total_pre_micros, total_post_micros, %1 FROM trader_metrics WHERE wallet = ?"_s.arg(
                             schema >= kMarkTimeSchema ? u"marked_ms"_s : u"-1"_s)))
        return e;
    q.addBindValue(wallet.address());
    if (auto e = c.execPrepared(q, u"read stored figures"_s))
        return e;
    if (q.next()) {
        out->found = true;
        out->realizedPre = Decimal::fromMicros(q.value(0).toLongLong());
        out->realizedPost = Decimal::fromMicros(q.value(1).toLongLong());
        out->unrealized = Decimal::fromMicros(q.value(2).toLongLong());
        out->totalPre = Decimal::fromMicros(q.value(3).toLongLong());
        out->totalPost = Decimal::fromMicros(q.value(4).toLongLong());
        out->markedMs = q.value(5).toLongLong();
    }
    QSqlQuery p(c.database());
    if (auto e = c.prepare(p, u"SELECT asset_id, mark_micros FROM trader_positions WHERE wallet = ? "
                              "AND status = 'open' AND mark_micros IS NOT NULL"_s))
        return e;
    p.addBindValue(wallet.address());
    if (auto e = c.execPrepared(p, u"read stored marks"_s))
        return e;
    marks->kind = MarkKind::Midpoint; // what the recompute values at (storedMarks)
    while (p.next())
        marks->prices.insert(p.value(0).toString(), Decimal::fromMicros(p.value(1).toLongLong()));
    return std::nullopt;
}

ProfilePosition positionFrom(const LedgerPosition &p, const QHash<QString, OutcomeInfo> &info,
                             const QHash<QString, PositionValuation> &valued) {
    ProfilePosition out;
    out.assetId = p.assetId;
    out.conditionId = p.conditionId;
    OutcomeInfo i = info.value(p.assetId);
    if (i.marketTitle.isEmpty())
        i = info.value(p.conditionId % u'#' % QString::number(p.outcomeIndex));
    out.marketTitle = i.marketTitle;
    out.outcome = i.outcome;
    out.category = i.category;
    out.status = p.status();
    out.averagePrice = p.averagePrice();
    out.costBasis = p.costBasis;
    out.realizedPnl = p.realizedPnl;
    out.fees = p.fees;
    out.boughtShares = p.boughtShares;
    out.boughtCost = p.boughtCost;
    out.soldShares = p.soldShares;
    out.soldProceeds = p.soldProceeds;
    out.lastEventMs = p.lastEventMs;
    if (out.status == PositionStatus::Open) {
        out.shares = p.shares;
        const PositionValuation v = valued.value(p.assetId);
        out.mark = v.mark;
        out.value = v.marketValue;
        out.unrealized = v.unrealizedPnl;
    } else {
        out.shares = p.sharesAtResolution;
        out.mark = p.payout;
        if (p.payout)
            out.value = p.sharesAtResolution.checkedMul(*p.payout);
        if (!out.averagePrice && !p.boughtShares.isZero())
            out.averagePrice = p.boughtCost.checkedDiv(p.boughtShares);
    }
    return out;
}

} // namespace

std::optional<StorageError> queryTraderProfile(Connection &connection, const Wallet &wallet,
                                               TraderProfile *out) {
    *out = TraderProfile{};
    out->wallet = wallet;
    if (auto e = readSyncState(connection, wallet, out))
        return e;
    if (auto e = readOfficialAll(connection, wallet, out))
        return e;
    if (!out->synced)
        return std::nullopt;

    ActivityList events;
    MarketList markets;
    if (auto e = loadWalletHistory(connection, wallet, &events, &markets))
        return e;
    // Valued at the marks the stored figures were valued at, which the Leaderboard shows, not at
    // whatever marks other syncs stored since: header, positions and curve agree with the board.
    MarkBook marks;
    StoredFigures stored;
    if (auto e = readStoredFigures(connection, wallet, &marks, &stored))
        return e;
    for (Market &m : markets) {
        for (Outcome &o : m.outcomes)
            o.lastPrice = marks.prices.contains(o.assetId) ? std::optional(marks.prices.value(o.assetId))
                                                           : std::nullopt;
    }
    QList<LedgerPosition> positions;
    LedgerValuation valuation;
    const TraderSummary s = TraderStore::summarize(wallet, events, markets, &positions, &valuation);
    out->metrics = s.metrics;
    out->markedMs = stored.markedMs;
    if (stored.found) {
        // The stored row is the one figure both docks show, even while a payout that arrived
        // since waits for its revaluation.
        out->metrics.realizedPreFee = stored.realizedPre;
        out->metrics.realizedPostFee = stored.realizedPost;
        out->metrics.unrealized = stored.unrealized;
        out->metrics.totalPreFee = stored.totalPre;
        out->metrics.totalPostFee = stored.totalPost;
    }
    out->grade = s.grade;
    out->strategy = s.strategy;
    out->resolvedMarkets = s.resolvedMarkets;
    out->events = s.events;
    out->positionsValue = valuation.marketValue;
    out->openCostBasis = valuation.openCostBasis;
    if (!events.isEmpty()) {
        out->firstActivityMs = events.constFirst().timestampMs; // loaded in time order
        out->lastActivityMs = events.constLast().timestampMs;
    }

    QHash<QString, OutcomeInfo> byCondition;
    const QHash<QString, OutcomeInfo> byAsset = outcomeInfo(markets, &byCondition);
    QHash<QString, PositionValuation> valued;
    for (const PositionValuation &v : std::as_const(valuation.positions))
        valued.insert(v.assetId, v);
    for (const LedgerPosition &p : std::as_const(positions)) {
        ProfilePosition pp = positionFrom(p, byAsset, valued);
        (pp.status == PositionStatus::Open ? out->openPositions : out->closedPositions).append(std::move(pp));
    }
    std::stable_sort(
        out->closedPositions.begin(), out->closedPositions.end(),
        [](const ProfilePosition &a, const ProfilePosition &b) { return a.lastEventMs > b.lastEventMs; });

    out->activityTotal = events.size();
    const qsizetype shown = std::min<qsizetype>(events.size(), TraderProfile::kMaxActivity);
    out->activity.reserve(shown);
    for (qsizetype i = events.size() - 1; i >= events.size() - shown; --i) {
        const ActivityEvent &e = events.at(i);
        ProfileActivity a;
        a.ms = e.timestampMs;
        a.kind = e.kind;
        a.conditionId =
            e.conditionId.isEmpty() && !e.legs.isEmpty() ? e.legs.constFirst().conditionId : e.conditionId;
        a.marketTitle = byCondition.value(a.conditionId).marketTitle;
        a.outcome = byAsset.value(e.assetId).outcome;
        if (a.outcome.isEmpty() && e.outcomeIndex >= 0)
            a.outcome = byAsset.value(a.conditionId % u'#' % QString::number(e.outcomeIndex)).outcome;
        a.shares = e.shares;
        a.usdc = e.usdc;
        a.fee = e.fee;
        a.txId = e.txId;
        out->activity.append(std::move(a));
    }
    return std::nullopt;
}

} // namespace longshot::storage
