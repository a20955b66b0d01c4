#pragma once

#include "models/domain/decimal.h"
#include "models/domain/grade.h"
#include "models/domain/trade.h"

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace longshot {

// Which trades a rule looks at before its filters.
enum class AlertSource : quint8 {
    AllWhales = 1, // every trade the feed delivers
    Watchlist,     // trades by a followed wallet or in a followed market
    Wallets,       // trades by one of AlertRule::wallets
    Market,        // trades in AlertRule::marketId
};
QString alertSourceName(AlertSource source); // "all", "watchlist", "wallets", "market"
std::optional<AlertSource> alertSourceFromName(QStringView name);

// What a fired alert does; several at once.
enum class AlertAction : quint8 { Tray = 0x1, Sound = 0x2, Highlight = 0x4, Pin = 0x8 };
Q_DECLARE_FLAGS(AlertActions, AlertAction)

// The insider-candidate signals. Each is raised from facts the caller supplies (AlertFacts);
// a fact that is unknown never raises its flag.
enum class InsiderFlag : quint8 {
    FreshWallet = 0x1,     // first seen within freshWithinMs of the trade
    FewMarkets = 0x2,      // has traded at most maxMarkets markets
    Concentration = 0x4,   // at least minConcentration of the wallet's volume is in this market
    SizeVsLiquidity = 0x8, // the trade is at least minLiquidityShare of the market's liquidity
};
Q_DECLARE_FLAGS(InsiderFlags, InsiderFlag)
QString insiderFlagName(InsiderFlag flag); // for the UI: "Fresh wallet", ...

struct InsiderCriteria {
    qint64 freshWithinMs = 7LL * 24 * 3600 * 1000;
    int maxMarkets = 3;
    Decimal minConcentration = Decimal::fromMicros(800'000);  // 0.8 = 80 % of the wallet's volume
    Decimal minLiquidityShare = Decimal::fromMicros(100'000); // 0.1 = 10 % of the market's liquidity
};

// What the engine knows about a trade besides the trade itself. The app fills it from the
// watchlist, the trader store and market data; everything optional is "unknown".
struct AlertFacts {
    bool walletFollowed = false;
    bool marketFollowed = false;
    std::optional<Grade> grade;
    QString category; // market category ("Sports", "Politics"), empty when unknown
    std::optional<qint64> walletFirstSeenMs;
    std::optional<int> walletMarketCount;
    std::optional<Decimal> walletMarketShare; // 0..1: this market's share of the wallet's volume
    std::optional<Decimal> marketLiquidityUsd;
};

// One raised or considered insider signal with the figures that decided it, for the UI.
struct InsiderSignal {
    InsiderFlag flag = InsiderFlag::FreshWallet;
    bool raised = false;
    QString factors; // "first seen 2 h before the trade (limit 7 d)"
};

struct AlertRule {
    QString id; // stable, for de-duplication and cooldown; never empty in a saved rule
    QString name;
    bool enabled = true;
    AlertSource source = AlertSource::AllWhales;
    QStringList wallets; // lowercase 0x addresses, for AlertSource::Wallets
    QString marketId;    // conditionId or Kalshi ticker, for AlertSource::Market

    Decimal minUsd; // notional >= minUsd; zero = any size
    std::optional<Side> side;
    std::optional<Decimal> minPrice; // inclusive price band; long shots: maxPrice 0.40
    std::optional<Decimal> maxPrice;
    QStringList categories;        // case-insensitive; empty = any
    std::optional<Grade> minGrade; // S is best: B lets S, A and B through
    InsiderFlags requiredFlags;    // every flag here must be raised
    InsiderCriteria insider;

    AlertActions actions = AlertAction::Pin;
    // After firing for a subject (the wallet, or the market for anonymous trades) the rule keeps
    // quiet about that subject for this long.
    qint64 cooldownMs = 60'000;

    QJsonObject toJson() const;
    static std::optional<AlertRule> fromJson(const QJsonObject &object);
};

// The insider signals for one trade under `criteria`, every flag whether raised or not.
QList<InsiderSignal> insiderSignals(const Trade &trade, const AlertFacts &facts,
                                    const InsiderCriteria &criteria);

} // namespace longshot

Q_DECLARE_OPERATORS_FOR_FLAGS(longshot::AlertActions)
Q_DECLARE_OPERATORS_FOR_FLAGS(longshot::InsiderFlags)
Q_DECLARE_METATYPE(longshot::AlertRule)
Q_DECLARE_METATYPE(longshot::AlertFacts)
