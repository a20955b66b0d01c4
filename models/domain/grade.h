#pragma once

#include "models/domain/decimal.h"
#include "models/domain/metrics.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace longshot {

enum class Grade : quint8 { S = 1, A, B, C, D, F };
QString gradeName(Grade grade); // "S" .. "F"

// One input of the composite: its raw value, where it lands on 0..1, and its weight.
struct GradeComponent {
    QString name;
    double value = 0;
    double normalized = 0;
    double weight = 0;
};

struct GradePolicy {
    // Thin histories are pulled toward this score (0..1) with the weight of this many
    // decided markets: evidence = n / (n + priorStrength).
    double priorScore = 0.35;
    double priorStrength = 20;
    // 0xInsider's hard filters; failing one caps the letter instead of hiding the wallet.
    int minMarkets = 5;
    Decimal minVolume = Decimal::fromMicros(1'000'000'000); // $1,000
};

struct TraderGrade {
    Grade grade = Grade::F;
    double score = 0;    // 0..100 after shrinkage and caps
    double rawScore = 0; // 0..100, the weighted components alone
    double evidence = 0; // 0..1, the weight the wallet's own record got
    int decidedMarkets = 0;
    bool provisional = true; // fewer than 20 decided markets
    QList<GradeComponent> components;
    QStringList caps; // why the letter was held down, in words for the UI
};

// S..F from seven normalised figures (profit on a log scale, ROI, shrunk win rate, Sharpe,
// profit factor, drawdown against profit, share of profitable days), shrunk toward the prior.
TraderGrade gradeTrader(const WalletMetrics &metrics, const GradePolicy &policy = {});

enum class StrategyKind : quint8 {
    Unclassified = 1, // too little activity to say
    Arbitrageur,      // splits, merges and conversions rather than fills
    MarketMaker,      // both outcomes, many fills per market, exits by selling
    Scalper,          // quick round trips
    SportsBettor,
    LongShotBuyer,     // buys mostly at 20 cents or less
    FavouriteBuyer,    // buys mostly at 80 cents or more
    HoldsToResolution, // rarely sells; lets markets settle
    Directional,       // none of the above stands out
};
QString strategyName(StrategyKind kind);

// A feature compared with the threshold its rule needs; `atLeast` says which side passes.
struct StrategyFeature {
    QString name;
    double value = 0;
    double threshold = 0;
    bool atLeast = true;
    bool met() const { return atLeast ? value >= threshold : value <= threshold; }
};

struct StrategyClass {
    StrategyKind kind = StrategyKind::Unclassified;
    QList<StrategyFeature> decidedBy; // the deciding rule's tests, all met (or the unmet minimum)
    QList<StrategyFeature> features;  // every feature looked at, for a "why" tooltip
};

// Rules are tried in order (the StrategyKind order above); the first whose tests all pass
// decides, so a sports market maker is a market maker.
StrategyClass classifyStrategy(const WalletMetrics &metrics);

} // namespace longshot

Q_DECLARE_METATYPE(longshot::TraderGrade)
Q_DECLARE_METATYPE(longshot::StrategyClass)
