#include "models/domain/grade.h"

#include <algorithm>
#include <cmath>

namespace longshot {
namespace {

double clamp01(double x) {
    return std::clamp(x, 0.0, 1.0);
}

// Letter boundaries on the 0..100 score; the prior alone (35) is a C.
Grade letterFor(double score) {
    if (score >= 80)
        return Grade::S;
    if (score >= 65)
        return Grade::A;
    if (score >= 50)
        return Grade::B;
    if (score >= 35)
        return Grade::C;
    if (score >= 20)
        return Grade::D;
    return Grade::F;
}

constexpr double kLetterCeiling[] = {100, 79.99, 64.99, 49.99, 34.99, 19.99}; // S..F

} // namespace

QString gradeName(Grade grade) {
    switch (grade) {
    case Grade::S:
        return QStringLiteral("S");
    case Grade::A:
        return QStringLiteral("A");
    case Grade::B:
        return QStringLiteral("B");
    case Grade::C:
        return QStringLiteral("C");
    case Grade::D:
        return QStringLiteral("D");
    case Grade::F:
        return QStringLiteral("F");
    }
    return QStringLiteral("?");
}

TraderGrade gradeTrader(const WalletMetrics &m, const GradePolicy &policy) {
    TraderGrade g;
    const double pnl = toDouble(m.totalPostFee);
    const double drawdown = toDouble(m.maxDrawdown);
    const double roi = m.roi.value_or(0);
    const double pf = m.profitFactorUnbounded ? 3.0 : m.profitFactor.value_or(0);
    const double sharpe = m.sharpe.value_or(0);
    const double consistency = m.profitableDayShare.value_or(0);
    const double kept = pnl > 0 ? pnl / (pnl + drawdown) : 0; // profit not given back at the worst point

    // Each figure lands on 0..1 at the end of a range a trader can plausibly span.
    g.components = {
        {QStringLiteral("profit (log10 $)"), std::log10(1 + std::max(0.0, pnl)),
         clamp01(std::log10(1 + std::max(0.0, pnl)) / 6.0), 0.20},
        {QStringLiteral("ROI"), roi, clamp01((roi + 0.10) / 0.30), 0.15},
        {QStringLiteral("win rate (shrunk)"), m.winRate.shrunk, clamp01((m.winRate.shrunk - 0.40) / 0.30),
         0.20},
        {QStringLiteral("Sharpe"), sharpe, clamp01(sharpe / 3.0), 0.15},
        {QStringLiteral("profit factor"), pf, clamp01((pf - 1.0) / 2.0), 0.10},
        {QStringLiteral("profit kept vs drawdown"), kept, clamp01(kept), 0.10},
        {QStringLiteral("profitable days"), consistency, clamp01((consistency - 0.30) / 0.50), 0.10},
    };
    double raw = 0;
    for (const GradeComponent &c : std::as_const(g.components))
        raw += c.weight * c.normalized;
    g.rawScore = 100 * raw;

    g.decidedMarkets = m.winRate.decided();
    g.provisional = g.decidedMarkets < WinRateStats::kMinDecided;
    g.evidence = g.decidedMarkets / (g.decidedMarkets + policy.priorStrength);
    g.score = 100 * (g.evidence * raw + (1 - g.evidence) * policy.priorScore);

    Grade ceiling = Grade::S;
    const auto cap = [&](Grade limit, const QString &why) {
        ceiling = std::max(ceiling, limit); // a later letter is a lower grade
        g.caps.append(why);
    };
    if (m.overflow)
        cap(Grade::F, QStringLiteral("arithmetic overflow: figures unavailable"));
    if (m.marketsTraded == 0)
        cap(Grade::F, QStringLiteral("no markets traded"));
    if (m.totalPostFee.micros() <= 0)
        cap(Grade::D, QStringLiteral("P&L not positive"));
    if (m.marketsTraded < policy.minMarkets)
        cap(Grade::C, QStringLiteral("fewer than %1 markets").arg(policy.minMarkets));
    if (m.volume < policy.minVolume)
        cap(Grade::C, QStringLiteral("volume under $%1").arg(policy.minVolume.toFixed(0)));
    g.score = std::min(g.score, kLetterCeiling[static_cast<int>(ceiling) - 1]);
    g.grade = letterFor(g.score);
    return g;
}

QString strategyName(StrategyKind kind) {
    switch (kind) {
    case StrategyKind::Unclassified:
        return QStringLiteral("Unclassified");
    case StrategyKind::Arbitrageur:
        return QStringLiteral("Arbitrageur");
    case StrategyKind::MarketMaker:
        return QStringLiteral("Market maker");
    case StrategyKind::Scalper:
        return QStringLiteral("Scalper");
    case StrategyKind::SportsBettor:
        return QStringLiteral("Sports bettor");
    case StrategyKind::LongShotBuyer:
        return QStringLiteral("Long-shot buyer");
    case StrategyKind::FavouriteBuyer:
        return QStringLiteral("Favourite buyer");
    case StrategyKind::HoldsToResolution:
        return QStringLiteral("Holds to resolution");
    case StrategyKind::Directional:
        return QStringLiteral("Directional");
    }
    return QStringLiteral("Unknown");
}

StrategyClass classifyStrategy(const WalletMetrics &m) {
    const StyleFeatures &s = m.style;
    const auto f = [](const char16_t *name, double value, double threshold, bool atLeast = true) {
        return StrategyFeature{QString::fromUtf16(name), value, threshold, atLeast};
    };
    // A missing hold time (nothing ever sold) must not pass a "quick" test.
    const double hold = s.medianHoldMinutes.value_or(1e12);
    const StrategyFeature activity = f(u"trades + splits/merges", double(s.trades + s.structuralEvents), 10);
    const StrategyFeature structural = f(u"split/merge/convert share", s.structuralShare, 0.30);
    const StrategyFeature twoSided = f(u"two-sided market share", s.twoSidedShare, 0.50);
    const StrategyFeature mmFills = f(u"fills per market", s.tradesPerMarket, 10);
    const StrategyFeature mmSells = f(u"sell/buy volume", s.sellToBuy, 0.60);
    const StrategyFeature scalpFills = f(u"fills per market", s.tradesPerMarket, 4);
    const StrategyFeature scalpSells = f(u"sell/buy volume", s.sellToBuy, 0.60);
    const StrategyFeature scalpHold = f(u"median hold (min)", hold, 60, false);
    const StrategyFeature sports = f(u"sports volume share", s.sportsShare, 0.60);
    const StrategyFeature longShot = f(u"buys at <= 20c share", s.longShotBuyShare, 0.50);
    const StrategyFeature favourite = f(u"buys at >= 80c share", s.favouriteBuyShare, 0.50);
    const StrategyFeature held = f(u"held to resolution share", s.heldToResolutionShare, 0.70);
    const StrategyFeature fewSells = f(u"sell/buy volume", s.sellToBuy, 0.20, false);

    StrategyClass out;
    out.features = {activity,  structural, twoSided, mmFills,   mmSells, scalpFills,
                    scalpHold, sports,     longShot, favourite, held,    fewSells};
    if (!activity.met()) {
        out.kind = StrategyKind::Unclassified;
        out.decidedBy = {activity};
        return out;
    }
    const std::pair<StrategyKind, QList<StrategyFeature>> rules[] = {
        {StrategyKind::Arbitrageur, {structural}},
        {StrategyKind::MarketMaker, {twoSided, mmFills, mmSells}},
        {StrategyKind::Scalper, {scalpFills, scalpSells, scalpHold}},
        {StrategyKind::SportsBettor, {sports}},
        {StrategyKind::LongShotBuyer, {longShot}},
        {StrategyKind::FavouriteBuyer, {favourite}},
        {StrategyKind::HoldsToResolution, {held, fewSells}},
    };
    for (const auto &[kind, tests] : rules) {
        if (std::all_of(tests.cbegin(), tests.cend(), [](const StrategyFeature &t) { return t.met(); })) {
            out.kind = kind;
            out.decidedBy = tests;
            return out;
        }
    }
    out.kind = StrategyKind::Directional;
    return out;
}

} // namespace longshot
