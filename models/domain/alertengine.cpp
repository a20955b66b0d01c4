#include "models/domain/alertengine.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace longshot {

namespace {

QString usd(Decimal amount) {
    return u"$"_s + amount.toFixed(2);
}

QString subjectOf(const Trade &trade) {
    return trade.wallet.isEmpty() ? u"market:"_s + trade.marketId : trade.wallet.address();
}

RuleMatch fail(const QString &reason) {
    RuleMatch m;
    m.reasons = {reason};
    return m;
}

} // namespace

QString FiredAlert::key() const {
    return ruleId + u'|' + trade.naturalKey();
}

RuleMatch AlertEngine::match(const AlertRule &rule, const Trade &trade, const AlertFacts &facts) {
    if (!rule.enabled)
        return fail(u"rule is off"_s);
    RuleMatch m;
    switch (rule.source) {
    case AlertSource::AllWhales:
        break;
    case AlertSource::Watchlist:
        if (!facts.walletFollowed && !facts.marketFollowed)
            return fail(u"neither the wallet nor the market is on the watchlist"_s);
        m.reasons << (facts.walletFollowed ? u"followed wallet"_s : u"followed market"_s);
        break;
    case AlertSource::Wallets:
        if (trade.wallet.isEmpty() || !rule.wallets.contains(trade.wallet.address()))
            return fail(u"wallet not in the rule's list"_s);
        m.reasons << u"wallet %1 is in the rule's list"_s.arg(trade.wallet.address());
        break;
    case AlertSource::Market:
        if (trade.marketId != rule.marketId)
            return fail(u"another market"_s);
        m.reasons << u"market %1"_s.arg(rule.marketId);
        break;
    }

    const std::optional<Decimal> notional = trade.notional();
    if (!rule.minUsd.isZero()) {
        if (!notional || *notional < rule.minUsd)
            return fail(u"%1 below %2"_s.arg(notional ? usd(*notional) : u"?"_s, usd(rule.minUsd)));
        m.reasons << u"%1 ≥ %2"_s.arg(usd(*notional), usd(rule.minUsd));
    }
    if (rule.side) {
        if (trade.side != *rule.side)
            return fail(u"side %1, rule wants %2"_s.arg(sideName(trade.side), sideName(*rule.side)));
        m.reasons << sideName(trade.side);
    }
    if (rule.minPrice || rule.maxPrice) {
        if ((rule.minPrice && trade.price < *rule.minPrice) ||
            (rule.maxPrice && trade.price > *rule.maxPrice))
            return fail(u"price %1 outside the band"_s.arg(trade.price.toString()));
        m.reasons << u"price %1 in %2–%3"_s.arg(trade.price.toString(),
                                                rule.minPrice ? rule.minPrice->toString() : u"0"_s,
                                                rule.maxPrice ? rule.maxPrice->toString() : u"1"_s);
    }
    if (!rule.categories.isEmpty()) {
        if (facts.category.isEmpty() || !rule.categories.contains(facts.category, Qt::CaseInsensitive))
            return fail(
                u"category %1 not wanted"_s.arg(facts.category.isEmpty() ? u"unknown"_s : facts.category));
        m.reasons << u"category %1"_s.arg(facts.category);
    }
    if (rule.minGrade) {
        // Grade S is the smallest enum value: better or equal means <=.
        if (!facts.grade || *facts.grade > *rule.minGrade)
            return fail(u"grade %1 below %2"_s.arg(facts.grade ? gradeName(*facts.grade) : u"unknown"_s,
                                                   gradeName(*rule.minGrade)));
        m.reasons << u"grade %1"_s.arg(gradeName(*facts.grade));
    }
    if (rule.requiredFlags) {
        const QList<InsiderSignal> all = insiderSignals(trade, facts, rule.insider);
        for (const InsiderSignal &s : all) {
            if (!rule.requiredFlags.testFlag(s.flag))
                continue;
            m.flags << s;
            if (!s.raised)
                return fail(u"%1 not raised: %2"_s.arg(insiderFlagName(s.flag), s.factors));
            m.reasons << u"%1: %2"_s.arg(insiderFlagName(s.flag), s.factors);
        }
    }
    m.matched = true;
    return m;
}

QList<FiredAlert> AlertEngine::evaluate(const Trade &trade, const AlertFacts &facts, qint64 nowMs) {
    QList<FiredAlert> fired;
    const QString tradeKey = trade.naturalKey();
    for (const AlertRule &rule : std::as_const(m_rules)) {
        const QString key = rule.id + u'|' + tradeKey;
        if (m_seen.contains(key))
            continue; // the other copy of a fill this rule already judged
        RuleMatch m = match(rule, trade, facts);
        if (!m.matched)
            continue;
        m_seen.insert(key);
        m_seenOrder.push_back(key);
        while (m_seenOrder.size() > std::size_t(kMaxRemembered)) {
            m_seen.remove(m_seenOrder.front());
            m_seenOrder.pop_front();
        }
        const QString cooldownKey = rule.id + u'|' + subjectOf(trade);
        const auto last = m_lastFired.constFind(cooldownKey);
        if (last != m_lastFired.cend() && nowMs - *last < rule.cooldownMs) {
            ++m_suppressed;
            continue;
        }
        m_lastFired.insert(cooldownKey, nowMs);
        FiredAlert a;
        a.ruleId = rule.id;
        a.ruleName = rule.name;
        a.trade = trade;
        a.firedMs = nowMs;
        a.reasons = std::move(m.reasons);
        for (const InsiderSignal &s : std::as_const(m.flags)) {
            if (s.raised)
                a.flags << s;
        }
        a.actions = rule.actions;
        fired << a;
    }
    return fired;
}

void AlertEngine::setRules(const QList<AlertRule> &rules) {
    m_rules = rules;
}

void AlertEngine::clearState() {
    m_lastFired.clear();
    m_seen.clear();
    m_seenOrder.clear();
    m_suppressed = 0;
}

QJsonObject FiredAlert::toJson() const {
    QJsonObject o;
    o[u"ruleId"_s] = ruleId;
    o[u"ruleName"_s] = ruleName;
    o[u"firedMs"_s] = QString::number(firedMs);
    o[u"reasons"_s] = QJsonArray::fromStringList(reasons);
    QJsonArray flagArray;
    for (const InsiderSignal &s : flags)
        flagArray.append(QJsonObject{{u"flag"_s, int(s.flag)}, {u"factors"_s, s.factors}});
    o[u"flags"_s] = flagArray;
    o[u"actions"_s] = int(actions.toInt());
    QJsonObject t;
    t[u"venue"_s] = venueName(trade.venue);
    t[u"side"_s] = sideName(trade.side);
    t[u"price"_s] = trade.price.toString();
    t[u"size"_s] = trade.size.toString();
    t[u"ts"_s] = QString::number(trade.timestampMs);
    t[u"marketId"_s] = trade.marketId;
    t[u"assetId"_s] = trade.assetId;
    t[u"txId"_s] = trade.txId.text();
    t[u"wallet"_s] = trade.wallet.address();
    t[u"outcome"_s] = trade.outcome;
    t[u"marketTitle"_s] = trade.marketTitle;
    t[u"eventSlug"_s] = trade.eventSlug;
    t[u"traderName"_s] = trade.traderName;
    t[u"traderPseudonym"_s] = trade.traderPseudonym;
    o[u"trade"_s] = t;
    return o;
}

std::optional<FiredAlert> FiredAlert::fromJson(const QJsonObject &o) {
    FiredAlert a;
    a.ruleId = o[u"ruleId"_s].toString();
    a.ruleName = o[u"ruleName"_s].toString();
    bool ok = false;
    a.firedMs = o[u"firedMs"_s].toString().toLongLong(&ok);
    if (a.ruleId.isEmpty() || !ok)
        return std::nullopt;
    for (const QJsonValue &r : o[u"reasons"_s].toArray())
        a.reasons << r.toString();
    for (const QJsonValue &v : o[u"flags"_s].toArray()) {
        const int flag = v[u"flag"_s].toInt();
        if (flag != 1 && flag != 2 && flag != 4 && flag != 8)
            return std::nullopt;
        a.flags << InsiderSignal{InsiderFlag(flag), true, v[u"factors"_s].toString()};
    }
    a.actions = AlertActions::fromInt(o[u"actions"_s].toInt() & 0xF);
    const QJsonObject t = o[u"trade"_s].toObject();
    const std::optional<Venue> venue = venueFromName(t[u"venue"_s].toString());
    const std::optional<Side> side = sideFromName(t[u"side"_s].toString());
    const DecimalParse price = Decimal::parse(t[u"price"_s].toString());
    const DecimalParse size = Decimal::parse(t[u"size"_s].toString());
    if (!venue || !side || !price.ok() || !size.ok())
        return std::nullopt;
    a.trade.venue = *venue;
    a.trade.side = *side;
    a.trade.price = price.value;
    a.trade.size = size.value;
    a.trade.timestampMs = t[u"ts"_s].toString().toLongLong(&ok);
    if (!ok)
        return std::nullopt;
    a.trade.marketId = t[u"marketId"_s].toString();
    a.trade.assetId = t[u"assetId"_s].toString();
    a.trade.txId = TxId::fromText(t[u"txId"_s].toString());
    const QString wallet = t[u"wallet"_s].toString();
    if (!wallet.isEmpty()) {
        const std::optional<Wallet> w = Wallet::parse(wallet);
        if (!w)
            return std::nullopt;
        a.trade.wallet = *w;
    }
    a.trade.outcome = t[u"outcome"_s].toString();
    a.trade.marketTitle = t[u"marketTitle"_s].toString();
    a.trade.eventSlug = t[u"eventSlug"_s].toString();
    a.trade.traderName = t[u"traderName"_s].toString();
    a.trade.traderPseudonym = t[u"traderPseudonym"_s].toString();
    return a;
}

} // namespace longshot
