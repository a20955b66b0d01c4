#include "models/equityseries.h"

#include "models/domain/traderprofile.h"

#include <QDateTime>

#include <algorithm>

namespace longshot {

EquitySeries equitySeries(const QList<EquityPoint> &curve) {
    EquitySeries out;
    const QList<Decimal> drawdown = drawdownSeries(curve);
    out.equity.reserve(curve.size());
    out.drawdown.reserve(curve.size());
    for (qsizetype i = 0; i < curve.size(); ++i) {
        const double x = double(curve.at(i).day.startOfDay(Qt::UTC).toMSecsSinceEpoch());
        const double y = toDouble(curve.at(i).equity);
        const double dd = -toDouble(drawdown.at(i));
        out.equity.append(QPointF(x, y));
        out.drawdown.append(QPointF(x, dd));
        out.minY = std::min({out.minY, y, dd});
        out.maxY = std::max(out.maxY, y);
        out.maxDrawdown = std::max(out.maxDrawdown, drawdown.at(i));
    }
    if (!curve.isEmpty()) {
        out.fromMs = qint64(out.equity.constFirst().x());
        out.toMs = qint64(out.equity.constLast().x());
    }
    return out;
}

} // namespace longshot
