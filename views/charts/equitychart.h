#pragma once

#include "models/equityseries.h"

#include <memory>

class QWidget;

namespace longshot::views {

// What the trader profile needs from a chart: the daily equity line with the drawdown under
// its running peak shaded below zero. The profile talks only to this interface so the
// deprecated Qt Charts backend can be swapped without touching it.
class EquityChartAdapter {
public:
    virtual ~EquityChartAdapter();
    virtual QWidget *widget() = 0;
    virtual void setSeries(const EquitySeries &series) = 0;
    virtual void clear() = 0;
    virtual qsizetype pointCount() const = 0; // for tests
};

// The default backend (Qt Charts).
std::unique_ptr<EquityChartAdapter> createEquityChart(QWidget *parent);

} // namespace longshot::views
