#pragma once

#include "models/domain/alertrule.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>

#include <deque>

namespace longshot {

// One alert that fired: the rule, the trade and the reasons in words.
struct FiredAlert {
    QString ruleId;
    QString ruleName;
    Trade trade;
    qint64 firedMs = 0;
    QStringList reasons;        // one line per filter that passed ("$12,400 ≥ $10,000")
    QList<InsiderSignal> flags; // raised insider flags with their factors
    AlertActions actions;

    QString key() const; // ruleId + '|' + the trade's natural key

    QJsonObject toJson() const;
    static std::optional<FiredAlert> fromJson(const QJsonObject &object);
};

// Why a rule did or did not fire for a trade.
struct RuleMatch {
    bool matched = false;
    QStringList reasons;        // passed filters, or the first failed one when !matched
    QList<InsiderSignal> flags; // every insider signal the rule asked for
};

// Pure rule evaluation with cooldown and de-duplication. Not thread-safe; one owner.
class AlertEngine final {
public:
    static constexpr int kMaxRemembered = 20'000; // trade keys kept for de-duplication

    void setRules(const QList<AlertRule> &rules);
    const QList<AlertRule> &rules() const { return m_rules; }

    // The alerts the trade fires at `nowMs`. A rule fires once per trade key (the socket and the
    // REST copy of a fill are one trade) and not again for the same subject within its cooldown.
    QList<FiredAlert> evaluate(const Trade &trade, const AlertFacts &facts, qint64 nowMs);

    // The filters alone: no cooldown, no de-duplication, no state.
    static RuleMatch match(const AlertRule &rule, const Trade &trade, const AlertFacts &facts);

    int suppressedByCooldown() const { return m_suppressed; }
    void clearState();

private:
    QList<AlertRule> m_rules;
    QHash<QString, qint64> m_lastFired; // ruleId|subject -> ms
    QSet<QString> m_seen;               // FiredAlert::key()
    std::deque<QString> m_seenOrder;    // oldest first, to bound m_seen
    int m_suppressed = 0;
};

} // namespace longshot

Q_DECLARE_METATYPE(longshot::FiredAlert)
