#include "models/domain/metrics.h"

#include "models/domain/resolutions.h"

#include <QDateTime>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace longshot {
namespace {

constexpr qint64 kDayMs = 86'400'000;
constexpr qint64 kHourMs = 3'600'000;
constexpr qint64 kMaxCurveDays = 20 * 366; // longer histories keep their latest 20 years

qint64 floorDiv(qint64 a, qint64 b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

class Sum final {
public:
    explicit Sum(bool &overflow)
        : m_overflow(overflow) {}
    void add(Decimal &acc, Decimal x) {
        if (const auto r = acc.checkedAdd(x))
            acc = *r;
        else
            m_overflow = true;
    }
    Decimal sub(Decimal a, Decimal b) {
        const auto r = a.checkedSub(b);
        if (!r)
            m_overflow = true;
        return r.value_or(a);
    }

private:
    bool &m_overflow;
};

double ratio(Decimal num, Decimal den) {
    return den.isZero() ? 0.0 : toDouble(num) / toDouble(den);
}

} // namespace

WalletMetrics computeMetrics(const ActivityList &events, const MarketList &markets, const MarkBook &marks) {
    WalletMetrics out;
    out.markKind = marks.kind;
    Sum sum(out.overflow);
    const Decimal longShotMax = Decimal::fromMicros(200'000);
    const Decimal favouriteMin = Decimal::fromMicros(800'000);

    QHash<QString, const Market *> marketById;
    for (const Market &m : markets)
        marketById.insert(m.marketId, &m);

    ActivityList all = events;
    appendResolutions(all, markets);

    // One pass: the ledger, the day closes of its realized P&L, and the per-fill statistics.
    Ledger ledger;
    QList<std::pair<qint64, Decimal>> dayCloses;
    qint64 day = 0;
    bool anyEvent = false;
    QHash<QString, int> tradesByMarket;
    QHash<QString, Decimal> volumeByMarket;
    QHash<QString, QSet<QString>> boughtAssetsByMarket;
    Decimal longShotBuys, favouriteBuys;
    for (qsizetype i : Ledger::replayOrder(all)) {
        const ActivityEvent &e = all.at(i);
        const qint64 d = floorDiv(e.timestampMs, kDayMs);
        if (anyEvent && d != day)
            dayCloses.append({day, ledger.totals().realizedPostFee});
        day = d;
        anyEvent = true;
        if (!ledger.apply(e))
            break;
        switch (e.kind) {
        case ActivityKind::Buy:
        case ActivityKind::Sell: {
            ++out.style.trades;
            HourBucket &h =
                out.hours[static_cast<std::size_t>(floorDiv(e.timestampMs, kHourMs) % 24 + 24) % 24];
            ++h.trades;
            sum.add(h.volume, e.usdc);
            ++tradesByMarket[e.conditionId];
            sum.add(volumeByMarket[e.conditionId], e.usdc);
            if (e.kind == ActivityKind::Buy) {
                boughtAssetsByMarket[e.conditionId].insert(e.assetId);
                const Decimal price = e.usdc.checkedDiv(e.shares).value_or(Decimal());
                if (price <= longShotMax)
                    sum.add(longShotBuys, e.usdc);
                else if (price >= favouriteMin)
                    sum.add(favouriteBuys, e.usdc);
            }
            break;
        }
        case ActivityKind::Split:
        case ActivityKind::Merge:
        case ActivityKind::Convert:
            ++out.style.structuralEvents;
            break;
        default:
            break;
        }
    }
    if (anyEvent)
        dayCloses.append({day, ledger.totals().realizedPostFee});
    out.overflow = out.overflow || ledger.hasError();

    const LedgerTotals &t = ledger.totals();
    out.ledger = t;
    const LedgerValuation v = ledger.valuate(marks);
    out.overflow = out.overflow || v.overflow;
    out.realizedPreFee = t.realizedPreFee;
    out.realizedPostFee = t.realizedPostFee;
    out.unrealized = v.unrealizedPnl;
    out.totalPreFee = v.totalPreFee;
    out.totalPostFee = v.totalPostFee;
    out.fees = t.fees;
    out.rebates = t.rebates;
    out.rewards = t.rewards;
    out.buyVolume = t.buyUsdc;
    out.sellVolume = t.sellUsdc;
    out.volume = t.buyUsdc;
    sum.add(out.volume, t.sellUsdc);
    out.unmarkedPositions = v.unmarkedPositions;
    if (!out.volume.isZero())
        out.roi = ratio(out.totalPostFee, out.volume);

    // Per market, from the ledger's positions.
    QHash<QString, qsizetype> marketIndex;
    Decimal sharesBought, sharesAtResolution;
    QList<double> holdMinutes;
    for (const LedgerPosition &p : ledger.positions()) {
        sum.add(sharesBought, p.boughtShares);
        sum.add(sharesAtResolution, p.sharesAtResolution);
        if (p.firstBuyMs > 0 && p.firstSellMs >= p.firstBuyMs)
            holdMinutes.append(static_cast<double>(p.firstSellMs - p.firstBuyMs) / 60'000.0);
        if (p.conditionId.isEmpty())
            continue;
        auto it = marketIndex.constFind(p.conditionId);
        if (it == marketIndex.constEnd()) {
            MarketResult r;
            r.conditionId = p.conditionId;
            if (const Market *m = marketById.value(p.conditionId)) {
                r.title = m->title;
                r.category = m->category;
            }
            r.resolved = ledger.isResolved(p.conditionId);
            r.trades = tradesByMarket.value(p.conditionId);
            r.volume = volumeByMarket.value(p.conditionId);
            it = marketIndex.insert(p.conditionId, out.markets.size());
            out.markets.append(r);
        }
        MarketResult &r = out.markets[*it];
        sum.add(r.realizedPreFee, p.realizedPnl);
        sum.add(r.fees, p.fees);
        sum.add(r.boughtCost, p.boughtCost);
        r.open = r.open || (!p.payout && !p.shares.isZero());
    }
    out.marketsTraded = static_cast<int>(out.markets.size());

    // Win rate, biggest win and loss, profit factor, categories.
    WinRateStats &w = out.winRate;
    Decimal grossWins, grossLosses;
    QHash<QString, qsizetype> categoryIndex;
    for (const MarketResult &r : std::as_const(out.markets)) {
        const QString category = r.category.isEmpty() ? QStringLiteral("Uncategorized") : r.category;
        auto cit = categoryIndex.constFind(category);
        if (cit == categoryIndex.constEnd()) {
            cit = categoryIndex.insert(category, out.categories.size());
            out.categories.append(CategoryStats{category, 0, {}, {}, 0, 0});
        }
        CategoryStats &c = out.categories[*cit];
        ++c.markets;
        sum.add(c.volume, r.volume);
        sum.add(c.realizedPreFee, r.realizedPreFee);
        if (r.resolved) {
            if (r.realizedPreFee.micros() > 0) {
                ++w.wins;
                ++c.wins;
            } else if (r.realizedPreFee.isNegative()) {
                ++w.losses;
                ++c.losses;
            } else {
                ++w.pushes;
            }
        } else {
            ++w.unresolved;
        }
        if (r.resolved || !r.open) {
            if (r.realizedPreFee.micros() > 0) {
                sum.add(grossWins, r.realizedPreFee);
                if (!out.biggestWin || r.realizedPreFee > out.biggestWin->realizedPreFee)
                    out.biggestWin = r;
            } else if (r.realizedPreFee.isNegative()) {
                sum.add(grossLosses, sum.sub(Decimal(), r.realizedPreFee));
                if (!out.biggestLoss || r.realizedPreFee < out.biggestLoss->realizedPreFee)
                    out.biggestLoss = r;
            }
        }
    }
    if (w.decided() > 0)
        w.raw = static_cast<double>(w.wins) / w.decided();
    w.shrunk = (w.wins + WinRateStats::kPriorWins) /
               (w.decided() + WinRateStats::kPriorWins + WinRateStats::kPriorLosses);
    w.tooFewDecided = w.decided() < WinRateStats::kMinDecided;
    if (!grossLosses.isZero())
        out.profitFactor = ratio(grossWins, grossLosses);
    else
        out.profitFactorUnbounded = !grossWins.isZero();
    std::stable_sort(out.categories.begin(), out.categories.end(),
                     [](const CategoryStats &a, const CategoryStats &b) { return a.volume > b.volume; });

    // Daily equity: every calendar day from the first to the last, carrying quiet days.
    if (!dayCloses.isEmpty()) {
        const qint64 first = std::max(dayCloses.first().first, dayCloses.last().first - kMaxCurveDays);
        const QDate epoch(1970, 1, 1);
        qsizetype next = 0;
        Decimal carried;
        for (qint64 d = first; d <= dayCloses.last().first; ++d) {
            while (next < dayCloses.size() && dayCloses.at(next).first <= d)
                carried = dayCloses.at(next++).second;
            out.equity.append(EquityPoint{epoch.addDays(d), carried, carried});
        }
        sum.add(out.equity.last().equity, v.unrealizedPnl);

        Decimal peak; // equity before the first trade is zero
        Decimal previous;
        QList<double> changes;
        int up = 0, moved = 0;
        for (const EquityPoint &p : std::as_const(out.equity)) {
            peak = std::max(peak, p.equity);
            out.maxDrawdown = std::max(out.maxDrawdown, sum.sub(peak, p.equity));
            const Decimal change = sum.sub(p.equity, previous);
            previous = p.equity;
            changes.append(toDouble(change));
            if (!change.isZero()) {
                ++moved;
                up += change.micros() > 0 ? 1 : 0;
            }
        }
        if (moved > 0)
            out.profitableDayShare = static_cast<double>(up) / moved;
        if (changes.size() >= 2) {
            double mean = 0;
            for (double c : std::as_const(changes))
                mean += c;
            mean /= static_cast<double>(changes.size());
            double var = 0;
            for (double c : std::as_const(changes))
                var += (c - mean) * (c - mean);
            var /= static_cast<double>(changes.size() - 1);
            if (var > 0)
                out.sharpe = mean / std::sqrt(var) * std::sqrt(365.0);
        }
    }

    // Style features for the strategy class.
    StyleFeatures &s = out.style;
    const qint64 activity = s.trades + s.structuralEvents;
    s.structuralShare =
        activity > 0 ? static_cast<double>(s.structuralEvents) / static_cast<double>(activity) : 0;
    s.tradesPerMarket = out.marketsTraded > 0 ? static_cast<double>(s.trades) / out.marketsTraded : 0;
    int buyMarkets = 0, twoSided = 0;
    for (const auto &assets : std::as_const(boughtAssetsByMarket)) {
        ++buyMarkets;
        twoSided += assets.size() > 1 ? 1 : 0;
    }
    s.twoSidedShare = buyMarkets > 0 ? static_cast<double>(twoSided) / buyMarkets : 0;
    s.sellToBuy = ratio(out.sellVolume, out.buyVolume);
    if (!holdMinutes.isEmpty()) {
        std::sort(holdMinutes.begin(), holdMinutes.end());
        const qsizetype n = holdMinutes.size();
        s.medianHoldMinutes =
            n % 2 ? holdMinutes.at(n / 2) : (holdMinutes.at(n / 2 - 1) + holdMinutes.at(n / 2)) / 2;
    }
    Decimal sportsVolume;
    for (const MarketResult &r : std::as_const(out.markets))
        if (r.category.compare(QStringLiteral("sports"), Qt::CaseInsensitive) == 0)
            sum.add(sportsVolume, r.volume);
    s.sportsShare = ratio(sportsVolume, out.volume);
    s.longShotBuyShare = ratio(longShotBuys, out.buyVolume);
    s.favouriteBuyShare = ratio(favouriteBuys, out.buyVolume);
    s.heldToResolutionShare = ratio(sharesAtResolution, sharesBought);
    return out;
}

} // namespace longshot
