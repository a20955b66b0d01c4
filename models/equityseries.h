#pragma once

#include "models/domain/metrics.h"

#include <QList>
#include <QPointF>

namespace longshot {

// A trader's daily equity curve ready for a chart: x in ms since the epoch (UTC day start),
// y in dollars. Doubles here are for plotting only; the exact figures stay in the profile.
struct EquitySeries {
    QList<QPointF> equity;
    QList<QPointF> drawdown; // at or below zero: the distance under the running peak
    double minY = 0;
    double maxY = 0;
    qint64 fromMs = 0;
    qint64 toMs = 0;
    Decimal maxDrawdown;
    bool isEmpty() const { return equity.isEmpty(); }
};

EquitySeries equitySeries(const QList<EquityPoint> &curve);

} // namespace longshot
