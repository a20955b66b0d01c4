#include "views/charts/chartadapter.h"

#include "views/charts/pricechart.h"

namespace longshot::views {

ChartAdapter::~ChartAdapter() = default;

std::unique_ptr<ChartAdapter> createPriceChart(QWidget *parent) {
    return std::make_unique<PriceChart>(parent);
}

} // namespace longshot::views
