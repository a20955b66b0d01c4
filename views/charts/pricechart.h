#pragma once

#include "views/charts/chartadapter.h"

#include <QColor>

class QAreaSeries;
class QChart;
class QChartView;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace longshot::views {

// Qt Charts behind ChartAdapter: a price line on the left axis (cents or probability, as the
// display style says; the caller replaces the series when it changes) and volume bars,
// drawn as one stepped area series, on a right axis. Nothing animates.
class PriceChart final : public ChartAdapter {
public:
    explicit PriceChart(QWidget *parent);
    ~PriceChart() override;
    Q_DISABLE_COPY_MOVE(PriceChart)

    QWidget *widget() override;
    void setSeries(const PriceHistoryModel::Series &series) override;
    void clear() override;
    qint64 replaceCount() const override { return m_replaces; }

private:
    void applyPalette();

    QChartView *m_view;
    QChart *m_chart;
    QLineSeries *m_price;
    QLineSeries *m_volumeUpper;
    QAreaSeries *m_volume;
    QDateTimeAxis *m_time;
    QValueAxis *m_priceAxis;
    QValueAxis *m_volumeAxis;
    qint64 m_replaces = 0;
    QColor m_paletteBase;
};

} // namespace longshot::views
