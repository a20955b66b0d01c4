#include "models/domain/wallettimeline.h"

#include "models/domain/resolutions.h"

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
