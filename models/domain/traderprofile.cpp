#include "models/domain/traderprofile.h"

#include <algorithm>
#include <limits>

namespace longshot {

QList<Decimal> drawdownSeries(const QList<EquityPoint> &equity) {
    QList<Decimal> out;
    out.reserve(equity.size());
    Decimal peak;
    for (const EquityPoint &p : equity) {
        peak = std::max(peak, p.equity);
        // Saturates instead of failing: a curve this far out is already flagged as overflow.
        out.append(
            peak.checkedSub(p.equity).value_or(Decimal::fromMicros(std::numeric_limits<qint64>::max())));
    }
    return out;
}

} // namespace longshot
