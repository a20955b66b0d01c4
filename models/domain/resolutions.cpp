#include "models/domain/resolutions.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace longshot {
namespace {

QString conditionOf(const ActivityEvent &e) {
    if (!e.conditionId.isEmpty())
        return e.conditionId;
    return e.legs.isEmpty() ? QString() : e.legs.constFirst().conditionId;
}

} // namespace

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

} // namespace longshot
