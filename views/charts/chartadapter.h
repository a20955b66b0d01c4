#pragma once

#include "models/pricehistorymodel.h"

#include <memory>

class QWidget;

namespace longshot::views {

// What the market dock needs from a chart: one price line and volume bars over time.
// The dock talks only to this interface so the deprecated Qt Charts backend can be
// swapped for Qt Graphs or QCustomPlot without touching it.
class ChartAdapter {
public:
    virtual ~ChartAdapter();
    virtual QWidget *widget() = 0;
    // Replaces both series at once (callers downsample first and call this on a timer).
    virtual void setSeries(const PriceHistoryModel::Series &series) = 0;
    virtual void clear() = 0;
    // How many times setSeries reached the backend, for tests and the benchmark.
    virtual qint64 replaceCount() const = 0;
};

// The default backend (Qt Charts).
std::unique_ptr<ChartAdapter> createPriceChart(QWidget *parent);

} // namespace longshot::views
