#include "views/charts/equitychart.h"

#include "models/displaystyle.h"
#include "models/pnlstyle.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace longshot::views {
namespace {

// Qt Charts ignores the widget palette: the dark theme would get a white plot otherwise.
void applyPalette(QChart *chart, const QPalette &palette, const QList<QAbstractAxis *> &axes) {
    chart->setBackgroundBrush(palette.base());
    chart->setPlotAreaBackgroundVisible(false);
    QColor grid = palette.text().color();
    grid.setAlpha(40);
    for (QAbstractAxis *axis : axes) {
        axis->setLabelsBrush(palette.text());
        axis->setTitleBrush(palette.text());
        axis->setGridLineColor(grid);
        axis->setLinePenColor(grid);
    }
}

class QtEquityChart final : public EquityChartAdapter {
public:
    explicit QtEquityChart(QWidget *parent)
        : m_view(new QChartView(parent))
        , m_chart(new QChart)
        , m_equity(new QLineSeries)
        , m_zero(new QLineSeries)
        , m_drawdownLine(new QLineSeries)
        , m_drawdown(new QAreaSeries(m_zero, m_drawdownLine))
        , m_time(new QDateTimeAxis)
        , m_value(new QValueAxis) {
        m_chart->setAnimationOptions(QChart::NoAnimation);
        m_chart->legend()->hide();
        m_chart->setMargins(QMargins(2, 2, 2, 2));
        m_chart->setBackgroundRoundness(0);
        QPen equityPen(QColor(0x2f, 0x80, 0xed));
        equityPen.setWidthF(1.8);
        m_equity->setPen(equityPen);
        m_equity->setName(QObject::tr("Equity"));
        m_drawdown->setName(QObject::tr("Drawdown"));
        applyLossColour();
        // A drawdown is a loss: it takes the loss colour of View > Numbers and Colours.
        m_styleConnection = QObject::connect(&DisplayStyle::instance(), &DisplayStyle::changed, m_view,
                                             [this] { applyLossColour(); });
        m_chart->addSeries(m_drawdown);
        m_chart->addSeries(m_equity);
        m_time->setFormat(u"MMM d"_s);
        m_time->setTickCount(5);
        // printf-style formats put a sign after a "$" prefix ("$-5"), so the unit goes in the
        // axis title instead.
        m_value->setLabelFormat(u"%.0f"_s);
        m_value->setTitleText(QObject::tr("USD"));
        m_value->setTickCount(5);
        m_chart->addAxis(m_time, Qt::AlignBottom);
        m_chart->addAxis(m_value, Qt::AlignLeft);
        for (QAbstractSeries *s :
             {static_cast<QAbstractSeries *>(m_drawdown), static_cast<QAbstractSeries *>(m_equity)}) {
            s->attachAxis(m_time);
            s->attachAxis(m_value);
        }
        m_view->setChart(m_chart);
        m_view->setRenderHint(QPainter::Antialiasing);
        m_view->setMinimumHeight(120);
        applyPalette(m_chart, m_view->palette(), {m_time, m_value});
    }

    // The view belongs to its parent widget and may outlive this adapter.
    ~QtEquityChart() override { QObject::disconnect(m_styleConnection); }
    Q_DISABLE_COPY_MOVE(QtEquityChart)

    QWidget *widget() override { return m_view; }

    void setSeries(const EquitySeries &series) override {
        applyPalette(m_chart, m_view->palette(), {m_time, m_value});
        QList<QPointF> zero;
        zero.reserve(series.drawdown.size());
        for (const QPointF &p : series.drawdown)
            zero.append(QPointF(p.x(), 0));
        m_equity->replace(series.equity);
        m_drawdownLine->replace(series.drawdown);
        m_zero->replace(zero);
        m_points = series.equity.size();
        if (series.isEmpty())
            return;
        const qint64 day = 86'400'000;
        const qint64 to = std::max(series.toMs, series.fromMs + day);
        m_time->setRange(QDateTime::fromMSecsSinceEpoch(series.fromMs, Qt::UTC),
                         QDateTime::fromMSecsSinceEpoch(to, Qt::UTC));
        m_time->setFormat(to - series.fromMs > 400 * day ? u"MMM yyyy"_s : u"MMM d"_s);
        // One tick per day at most: a short curve would repeat the same date.
        m_time->setTickCount(int(std::clamp<qint64>((to - series.fromMs) / day + 1, 2, 5)));
        const double span = std::max(1.0, series.maxY - series.minY);
        const double low = std::floor(series.minY - span * 0.08);
        const double high = std::ceil(series.maxY + span * 0.08);
        // A flat curve still gets whole-dollar ticks: four steps of at least a dollar.
        m_value->setRange(low, std::max(high, low + 4));
        m_value->applyNiceNumbers();
        // Cents only when the ticks are closer than a dollar, so no two labels read the same.
        const double step = (m_value->max() - m_value->min()) / std::max(1, m_value->tickCount() - 1);
        m_value->setLabelFormat(step < 1.0 ? u"%.2f"_s : u"%.0f"_s);
    }

    void clear() override {
        m_equity->clear();
        m_zero->clear();
        m_drawdownLine->clear();
        m_points = 0;
    }

    qsizetype pointCount() const override { return m_points; }

private:
    void applyLossColour() {
        QColor line = lossColor();
        line.setAlpha(160);
        QColor fill = lossColor();
        fill.setAlpha(70);
        m_drawdown->setPen(QPen(line, 1));
        m_drawdown->setBrush(fill);
    }

    QChartView *m_view;
    QChart *m_chart;
    QLineSeries *m_equity;
    QLineSeries *m_zero;
    QLineSeries *m_drawdownLine;
    QAreaSeries *m_drawdown;
    QDateTimeAxis *m_time;
    QValueAxis *m_value;
    qsizetype m_points = 0;
    QMetaObject::Connection m_styleConnection;
};

} // namespace

EquityChartAdapter::~EquityChartAdapter() = default;

std::unique_ptr<EquityChartAdapter> createEquityChart(QWidget *parent) {
    return std::make_unique<QtEquityChart>(parent);
}

} // namespace longshot::views
