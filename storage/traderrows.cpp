#include "storage/traderrows.h"

#include <QHash>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace longshot::storage {
namespace {

constexpr int kFirstKind = int(ActivityKind::Buy);
constexpr int kLastKind = int(ActivityKind::Reward);

QString positionStatusName(PositionStatus status) {
    switch (status) {
    case PositionStatus::Open:
        return u"open"_s;
    case PositionStatus::Closed:
        return u"closed"_s;
    case PositionStatus::ResolvedUnredeemed:
        return u"resolved"_s;
    case PositionStatus::Redeemed:
        return u"redeemed"_s;
    }
    return u"open"_s;
}

std::optional<qint64> microsOf(const std::optional<Decimal> &d) {
    return d ? std::optional<qint64>(d->micros()) : std::nullopt;
}

} // namespace

std::optional<ActivityKind> activityKindFromName(QStringView name) {
    for (int k = kFirstKind; k <= kLastKind; ++k) {
        if (activityKindName(ActivityKind(k)) == name)
            return ActivityKind(k);
    }
    return std::nullopt;
}

std::optional<ActivityKind> activityKindFromUtf8(QByteArrayView name) {
    // Built once from the same names the writer stores, so the two spellings cannot drift.
    static const auto names = [] {
        std::array<QByteArray, kLastKind + 1> n;
        for (int k = kFirstKind; k <= kLastKind; ++k)
            n[std::size_t(k)] = activityKindName(ActivityKind(k)).toUtf8();
        return n;
    }();
    for (int k = kFirstKind; k <= kLastKind; ++k) {
        if (names[std::size_t(k)] == name)
            return ActivityKind(k);
    }
    return std::nullopt;
}

QString legsText(const QList<ActivityLeg> &legs) {
    QStringList parts;
    for (const ActivityLeg &l : legs)
        parts.append(l.conditionId % u'|' % l.assetId % u'|' % QString::number(l.outcomeIndex) % u'|' %
                     (l.payout ? QString::number(l.payout->micros()) : QString()));
    return parts.join(u';');
}

QList<ActivityLeg> legsFrom(QStringView text) {
    QList<ActivityLeg> out;
    for (const QStringView part : text.split(u';', Qt::SkipEmptyParts)) {
        const QList<QStringView> f = part.split(u'|');
        if (f.size() != 4)
            continue;
        ActivityLeg l{f.at(0).toString(), f.at(1).toString(), f.at(2).toInt(), std::nullopt};
        if (!f.at(3).isEmpty())
            l.payout = Decimal::fromMicros(f.at(3).toLongLong());
        out.append(l);
    }
    return out;
}

QList<StoredPosition> storedPositions(const QList<LedgerPosition> &positions,
                                      const LedgerValuation &valuation) {
    QHash<QString, PositionValuation> valued;
    valued.reserve(valuation.positions.size());
    for (const PositionValuation &v : valuation.positions)
        valued.insert(v.assetId, v);
    QList<StoredPosition> out;
    out.reserve(positions.size());
    for (const LedgerPosition &p : positions) {
        const bool open = p.status() == PositionStatus::Open;
        const PositionValuation v = open ? valued.value(p.assetId) : PositionValuation{};
        StoredPosition r;
        r.assetId = p.assetId;
        r.marketId = p.conditionId.isNull() ? u""_s : p.conditionId;
        r.outcomeIndex = p.outcomeIndex;
        r.shares = p.shares.micros();
        r.averagePrice = microsOf(p.averagePrice());
        r.mark = microsOf(open ? v.mark : p.payout);
        r.realizedPnl = p.realizedPnl.micros();
        r.unrealizedPnl = open ? microsOf(v.unrealizedPnl) : std::optional<qint64>(0);
        r.status = positionStatusName(p.status());
        out.append(std::move(r));
    }
    return out;
}

qint64 markedAt(const LedgerValuation &valuation, const QHash<QString, qint64> &markTimes) {
    qint64 oldest = kNothingMarked;
    for (const PositionValuation &v : valuation.positions) {
        if (!v.mark)
            continue;
        const qint64 ms = markTimes.value(v.assetId, kMarkTimeUnknown);
        if (ms <= 0)
            return kMarkTimeUnknown;
        oldest = oldest == kNothingMarked ? ms : std::min(oldest, ms);
    }
    return oldest;
}

StoredMetrics storedMetrics(const TraderSummary &s, qint64 markedMs) {
    const WalletMetrics &m = s.metrics;
    StoredMetrics r;
    r.events = s.events;
    r.realizedPre = m.realizedPreFee.micros();
    r.realizedPost = m.realizedPostFee.micros();
    r.unrealized = m.unrealized.micros();
    r.totalPre = m.totalPreFee.micros();
    r.totalPost = m.totalPostFee.micros();
    r.fees = m.fees.micros();
    r.volume = m.volume.micros();
    r.resolvedMarkets = s.resolvedMarkets;
    r.wins = m.winRate.wins;
    r.losses = m.winRate.losses;
    r.unmarkedPositions = m.unmarkedPositions;
    r.grade = gradeName(s.grade.grade);
    r.gradeScore = s.grade.score;
    r.provisional = s.grade.provisional;
    r.strategy = strategyName(s.strategy.kind);
    r.markKind = markKindName(m.markKind);
    r.overflow = m.overflow;
    r.markedMs = markedMs;
    return r;
}

QString updateMetricsSql() {
    return u"UPDATE trader_metrics SET events = ?, realized_pre_micros = ?, realized_post_micros = ?, "
           "unrealized_micros = ?, total_pre_micros = ?, total_post_micros = ?, fees_micros = ?, "
           "volume_micros = ?, resolved_markets = ?, wins = ?, losses = ?, unmarked_positions = ?, grade = "
           "?, "
           "grade_score = ?, provisional = ?, strategy = ?, mark_kind = ?, overflow = ?, marked_ms = ? "
           "WHERE wallet = ?"_s;
}

QString insertPositionSql() {
    return u"INSERT INTO trader_positions (wallet, asset_id, market_id, outcome_index, shares_micros, "
           "avg_price_micros, mark_micros, realized_pnl_micros, unrealized_pnl_micros, status) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s;
}

} // namespace longshot::storage
