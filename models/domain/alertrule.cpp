#include "models/domain/alertrule.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace longshot {

QString alertSourceName(AlertSource source) {
    switch (source) {
    case AlertSource::AllWhales:
        return u"all"_s;
    case AlertSource::Watchlist:
        return u"watchlist"_s;
    case AlertSource::Wallets:
        return u"wallets"_s;
    case AlertSource::Market:
        return u"market"_s;
    }
    return u"all"_s;
}

std::optional<AlertSource> alertSourceFromName(QStringView name) {
    for (const AlertSource s :
         {AlertSource::AllWhales, AlertSource::Watchlist, AlertSource::Wallets, AlertSource::Market}) {
        if (name == alertSourceName(s))
            return s;
    }
    return std::nullopt;
}

QString insiderFlagName(InsiderFlag flag) {
    switch (flag) {
    case InsiderFlag::FreshWallet:
        return u"Fresh wallet"_s;
    case InsiderFlag::FewMarkets:
        return u"Few markets"_s;
    case InsiderFlag::Concentration:
        return u"One-market concentration"_s;
    case InsiderFlag::SizeVsLiquidity:
        return u"Size against liquidity"_s;
    }
    return {};
}

namespace {

QString duration(qint64 ms) {
    const qint64 minutes = ms / 60'000;
    if (minutes < 60)
        return u"%1 min"_s.arg(minutes);
    if (minutes < 48 * 60)
        return u"%1 h"_s.arg(minutes / 60);
    return u"%1 d"_s.arg(minutes / (24 * 60));
}

QString percent(Decimal fraction) {
    const std::optional<Decimal> p = fraction.checkedMul(Decimal::fromMicros(100 * Decimal::kOne));
    return p ? p->toFixed(1) + u" %"_s : u"?"_s;
}

std::optional<Decimal> decimalFrom(const QJsonValue &value) {
    if (!value.isString())
        return std::nullopt;
    const DecimalParse parsed = Decimal::parse(value.toString());
    if (!parsed.ok())
        return std::nullopt;
    return parsed.value;
}

} // namespace

QList<InsiderSignal> insiderSignals(const Trade &trade, const AlertFacts &facts,
                                    const InsiderCriteria &criteria) {
    QList<InsiderSignal> out;
    {
        InsiderSignal s{InsiderFlag::FreshWallet, false, {}};
        if (!facts.walletFirstSeenMs) {
            s.factors = u"first seen: unknown"_s;
        } else {
            const qint64 age = qMax<qint64>(0, trade.timestampMs - *facts.walletFirstSeenMs);
            s.raised = age <= criteria.freshWithinMs;
            s.factors = u"first seen %1 before the trade (limit %2)"_s.arg(duration(age),
                                                                           duration(criteria.freshWithinMs));
        }
        out << s;
    }
    {
        InsiderSignal s{InsiderFlag::FewMarkets, false, {}};
        if (!facts.walletMarketCount) {
            s.factors = u"markets traded: unknown"_s;
        } else {
            s.raised = *facts.walletMarketCount <= criteria.maxMarkets;
            s.factors =
                u"%1 markets traded (limit %2)"_s.arg(*facts.walletMarketCount).arg(criteria.maxMarkets);
        }
        out << s;
    }
    {
        InsiderSignal s{InsiderFlag::Concentration, false, {}};
        if (!facts.walletMarketShare) {
            s.factors = u"share of volume in this market: unknown"_s;
        } else {
            s.raised = *facts.walletMarketShare >= criteria.minConcentration;
            s.factors = u"%1 of the wallet's volume in this market (at least %2)"_s.arg(
                percent(*facts.walletMarketShare), percent(criteria.minConcentration));
        }
        out << s;
    }
    {
        InsiderSignal s{InsiderFlag::SizeVsLiquidity, false, {}};
        const std::optional<Decimal> notional = trade.notional();
        if (!facts.marketLiquidityUsd || !notional || !facts.marketLiquidityUsd->micros()) {
            s.factors = u"market liquidity: unknown"_s;
        } else {
            const std::optional<Decimal> share = notional->checkedDiv(*facts.marketLiquidityUsd);
            s.raised = share && *share >= criteria.minLiquidityShare;
            s.factors = u"$%1 against $%2 liquidity = %3 (at least %4)"_s.arg(
                notional->toFixed(2), facts.marketLiquidityUsd->toFixed(2), share ? percent(*share) : u"?"_s,
                percent(criteria.minLiquidityShare));
        }
        out << s;
    }
    return out;
}

QJsonObject AlertRule::toJson() const {
    QJsonObject o;
    o[u"id"_s] = id;
    o[u"name"_s] = name;
    o[u"enabled"_s] = enabled;
    o[u"source"_s] = alertSourceName(source);
    o[u"wallets"_s] = QJsonArray::fromStringList(wallets);
    o[u"marketId"_s] = marketId;
    o[u"minUsd"_s] = minUsd.toString();
    if (side)
        o[u"side"_s] = sideName(*side);
    if (minPrice)
        o[u"minPrice"_s] = minPrice->toString();
    if (maxPrice)
        o[u"maxPrice"_s] = maxPrice->toString();
    o[u"categories"_s] = QJsonArray::fromStringList(categories);
    if (minGrade)
        o[u"minGrade"_s] = gradeName(*minGrade);
    o[u"requiredFlags"_s] = int(requiredFlags.toInt());
    o[u"freshWithinMs"_s] = QString::number(insider.freshWithinMs);
    o[u"maxMarkets"_s] = insider.maxMarkets;
    o[u"minConcentration"_s] = insider.minConcentration.toString();
    o[u"minLiquidityShare"_s] = insider.minLiquidityShare.toString();
    o[u"actions"_s] = int(actions.toInt());
    o[u"cooldownMs"_s] = QString::number(cooldownMs);
    return o;
}

std::optional<AlertRule> AlertRule::fromJson(const QJsonObject &o) {
    AlertRule r;
    r.id = o[u"id"_s].toString();
    if (r.id.isEmpty())
        return std::nullopt;
    r.name = o[u"name"_s].toString();
    r.enabled = o[u"enabled"_s].toBool(true);
    const std::optional<AlertSource> source = alertSourceFromName(o[u"source"_s].toString());
    if (!source)
        return std::nullopt;
    r.source = *source;
    for (const QJsonValue &w : o[u"wallets"_s].toArray())
        r.wallets << w.toString().toLower();
    r.marketId = o[u"marketId"_s].toString();
    const std::optional<Decimal> minUsd = decimalFrom(o[u"minUsd"_s]);
    if (!minUsd)
        return std::nullopt;
    r.minUsd = *minUsd;
    if (o.contains(u"side"_s)) {
        r.side = sideFromName(o[u"side"_s].toString());
        if (!r.side)
            return std::nullopt;
    }
    if (o.contains(u"minPrice"_s) && !(r.minPrice = decimalFrom(o[u"minPrice"_s])))
        return std::nullopt;
    if (o.contains(u"maxPrice"_s) && !(r.maxPrice = decimalFrom(o[u"maxPrice"_s])))
        return std::nullopt;
    for (const QJsonValue &c : o[u"categories"_s].toArray())
        r.categories << c.toString();
    if (o.contains(u"minGrade"_s)) {
        const QString g = o[u"minGrade"_s].toString();
        for (const Grade grade : {Grade::S, Grade::A, Grade::B, Grade::C, Grade::D, Grade::F}) {
            if (gradeName(grade) == g)
                r.minGrade = grade;
        }
        if (!r.minGrade)
            return std::nullopt;
    }
    r.requiredFlags = InsiderFlags::fromInt(o[u"requiredFlags"_s].toInt() & 0xF);
    bool ok = true;
    if (o.contains(u"freshWithinMs"_s))
        r.insider.freshWithinMs = o[u"freshWithinMs"_s].toString().toLongLong(&ok);
    if (!ok)
        return std::nullopt;
    r.insider.maxMarkets = o[u"maxMarkets"_s].toInt(r.insider.maxMarkets);
    if (o.contains(u"minConcentration"_s)) {
        const std::optional<Decimal> share = decimalFrom(o[u"minConcentration"_s]);
        if (!share)
            return std::nullopt;
        r.insider.minConcentration = *share;
    }
    if (o.contains(u"minLiquidityShare"_s)) {
        const std::optional<Decimal> share = decimalFrom(o[u"minLiquidityShare"_s]);
        if (!share)
            return std::nullopt;
        r.insider.minLiquidityShare = *share;
    }
    r.actions = AlertActions::fromInt(o[u"actions"_s].toInt(int(AlertAction::Pin)) & 0xF);
    if (o.contains(u"cooldownMs"_s))
        r.cooldownMs = o[u"cooldownMs"_s].toString().toLongLong(&ok);
    if (!ok || r.cooldownMs < 0)
        return std::nullopt;
    return r;
}

} // namespace longshot
