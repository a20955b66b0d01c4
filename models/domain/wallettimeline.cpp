#include "models/domain/wallettimeline.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace longshot {
namespace {

const QString kUncategorized = QStringLiteral("Uncategorized");

QString conditionOf(const ActivityEvent &e) {
    if (!e.conditionId.isEmpty())
        return e.conditionId;
    return e.legs.isEmpty() ? QString() : e.legs.constFirst().conditionId;
}

// The rule computeMetrics applies (metrics.cpp): a market whose every outcome carries a payout
// settles at resolution even when never redeemed, unless the activity already settles it. The
// windowed figures must replay exactly what the stored metrics replayed.
void appendResolutions(ActivityList &all, const MarketList &markets) {
    QHash<QString, qint64> lastEvent;
    QSet<QString> settled;
    const auto touch = [&lastEvent](const QString &cond, qint64 ms) {
        if (!cond.isEmpty())
            lastEvent[cond] = std::max(lastEvent.value(cond), ms);
    };
    for (const ActivityEvent &e : std::as_const(all)) {
        const QString cond = conditionOf(e);
        if (cond.isEmpty())
            continue;
        touch(cond, e.timestampMs);
        if (e.kind == ActivityKind::Resolution || e.kind == ActivityKind::Redeem)
            settled.insert(cond);
        for (const ActivityLeg &leg : e.legs)
            touch(leg.conditionId, e.timestampMs);
        for (const ActivityLeg &leg : e.received)
            touch(leg.conditionId, e.timestampMs);
    }
    for (const Market &m : markets) {
        if (m.outcomes.isEmpty() || settled.contains(m.marketId) || !lastEvent.contains(m.marketId))
            continue;
        QList<ActivityLeg> legs;
        bool complete = true;
        for (const Outcome &o : m.outcomes) {
            complete = complete && o.payout.has_value();
            legs.append(ActivityLeg{m.marketId, o.assetId, o.index, o.payout});
        }
        if (!complete)
            continue;
        const qint64 end = m.endDate.isValid() ? m.endDate.toMSecsSinceEpoch() : 0;
        all.append(
            ActivityEvent::resolution(m.marketId, legs, std::max(end, lastEvent.value(m.marketId) + 1)));
    }
}

void addTo(Decimal &acc, Decimal x, bool &overflow) {
    if (const auto r = acc.checkedAdd(x))
        acc = *r;
    else
        overflow = true;
}

Decimal minus(Decimal a, Decimal b, bool &overflow) {
    const auto r = a.checkedSub(b);
    overflow = overflow || !r;
    return r.value_or(Decimal());
}

bool inCategory(const TimelineMarket &m, const QString &category) {
    return category.isEmpty() || m.category == category;
}

} // namespace

WalletTimeline buildWalletTimeline(const ActivityList &events, const MarketList &markets,
                                   const MarkBook &marks) {
    WalletTimeline out;
    QHash<QString, QString> categories;
    for (const Market &m : markets)
        categories.insert(m.marketId, m.category.isEmpty() ? kUncategorized : m.category);
    QHash<QString, int> index;
    const auto marketFor = [&](const QString &cond) {
        if (cond.isEmpty())
            return -1;
        auto it = index.constFind(cond);
        if (it == index.constEnd()) {
            it = index.insert(cond, int(out.markets.size()));
            out.markets.append(
                TimelineMarket{cond, categories.value(cond, kUncategorized), 0, {}, {}, false});
        }
        return *it;
    };

    ActivityList all = events;
    appendResolutions(all, markets);
    Ledger ledger;
    const QList<qsizetype> order = Ledger::replayOrder(all);
    out.steps.reserve(order.size());
    for (qsizetype i : order) {
        const ActivityEvent &e = all.at(i);
        const LedgerTotals before = ledger.totals();
        if (!ledger.apply(e))
            break;
        const LedgerTotals &after = ledger.totals();
        TimelineStep step;
        step.ms = e.timestampMs;
        step.market = marketFor(conditionOf(e));
        step.realizedPreFee = minus(after.realizedPreFee, before.realizedPreFee, out.overflow);
        step.realizedPostFee = minus(after.realizedPostFee, before.realizedPostFee, out.overflow);
        const Decimal fills = minus(after.buyUsdc, before.buyUsdc, out.overflow);
        step.volume = fills;
        addTo(step.volume, minus(after.sellUsdc, before.sellUsdc, out.overflow), out.overflow);
        if (step.market >= 0) {
            TimelineMarket &m = out.markets[step.market];
            if (m.resolvedMs == 0 && ledger.isResolved(m.conditionId))
                m.resolvedMs = std::max<qint64>(1, e.timestampMs);
        }
        if (out.steps.isEmpty())
            out.firstMs = e.timestampMs;
        out.lastMs = std::max(out.lastMs, e.timestampMs);
        out.steps.append(step);
    }
    out.overflow = out.overflow || ledger.hasError();

    // Lifetime per-market figures from the positions, exactly as computeMetrics sums them.
    for (const LedgerPosition &p : ledger.positions()) {
        const int m = marketFor(p.conditionId);
        if (m < 0)
            continue;
        out.markets[m].traded = true;
        addTo(out.markets[m].realizedPreFee, p.realizedPnl, out.overflow);
    }
    for (TimelineMarket &m : out.markets) {
        if (m.resolvedMs == 0 && ledger.isResolved(m.conditionId))
            m.resolvedMs = std::max<qint64>(1, out.lastMs);
    }
    const LedgerValuation valuation = ledger.valuate(marks);
    out.overflow = out.overflow || valuation.overflow;
    for (const PositionValuation &v : valuation.positions) {
        const LedgerPosition *p = ledger.position(v.assetId);
        if (!p || !v.unrealizedPnl)
            continue;
        const int m = marketFor(p->conditionId);
        if (m >= 0)
            addTo(out.markets[m].unrealized, *v.unrealizedPnl, out.overflow);
    }
    return out;
}

WindowFigures windowFigures(const WalletTimeline &timeline, qint64 fromMs, qint64 toMs,
                            const QString &category) {
    WindowFigures out;
    out.overflow = timeline.overflow;
    const bool unbounded = fromMs <= 0;
    const auto inWindow = [&](qint64 ms) { return (unbounded || ms >= fromMs) && ms < toMs; };
    for (const TimelineStep &s : timeline.steps) {
        if (!inWindow(s.ms))
            continue;
        if (!category.isEmpty() && (s.market < 0 || timeline.markets.at(s.market).category != category))
            continue;
        addTo(out.realizedPreFee, s.realizedPreFee, out.overflow);
        addTo(out.realizedPostFee, s.realizedPostFee, out.overflow);
        addTo(out.volume, s.volume, out.overflow);
    }
    for (const TimelineMarket &m : timeline.markets) {
        if (!m.traded || !inCategory(m, category))
            continue;
        ++out.markets;
        if (unbounded)
            addTo(out.unrealized, m.unrealized, out.overflow);
        if (m.resolvedMs == 0)
            continue;
        ++out.resolvedLifetime;
        if (!inWindow(m.resolvedMs))
            continue;
        if (m.realizedPreFee.micros() > 0)
            ++out.wins;
        else if (m.realizedPreFee.isNegative())
            ++out.losses;
        else
            ++out.pushes;
    }
    out.totalPreFee = out.realizedPreFee;
    addTo(out.totalPreFee, out.unrealized, out.overflow);
    out.totalPostFee = out.realizedPostFee;
    addTo(out.totalPostFee, out.unrealized, out.overflow);
    return out;
}

} // namespace longshot
