#include "views/charts/pricechart.h"

#include "models/displaystyle.h"

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

// The axis numbers are the same in both units (0 to 100); the title says which it is.
QString priceAxisTitle() {
    return DisplayStyle::instance().priceUnit() == PriceUnit::Percent ? QObject::tr("Implied probability (%)")
                                                                      : QObject::tr("Price (cents)");
}

} // namespace

PriceChart::PriceChart(QWidget *parent)
    : m_view(new QChartView(parent))
    , m_chart(new QChart)
    , m_price(new QLineSeries)
    , m_volumeUpper(new QLineSeries(m_chart)) // the area series borrows it; the chart owns it
    , m_volume(new QAreaSeries(m_volumeUpper))
    , m_time(new QDateTimeAxis)
    , m_priceAxis(new QValueAxis)
    , m_volumeAxis(new QValueAxis) {
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->legend()->hide();
    m_chart->setMargins(QMargins(2, 2, 2, 2));
    m_chart->setBackgroundRoundness(0);
    m_price->setName(QObject::tr("Price"));
    QPen pricePen(QColor(0x2f, 0x80, 0xed));
    pricePen.setWidthF(1.6);
    m_price->setPen(pricePen);
    m_volume->setName(QObject::tr("Volume"));
    m_volume->setPen(Qt::NoPen);
    m_volume->setBrush(QColor(0x8a, 0x94, 0xa6, 110));
    m_chart->addSeries(m_volume);
    m_chart->addSeries(m_price);

    m_time->setFormat(u"HH:mm"_s);
    m_time->setTickCount(6);
    // printf-style formats are not Unicode-safe in Qt Charts: the unit goes in the title.
    m_priceAxis->setLabelFormat(u"%.0f"_s);
    m_priceAxis->setTitleText(priceAxisTitle());
    m_priceAxis->setRange(0, 100);
    m_volumeAxis->setLabelFormat(u"$%.0f"_s);
    m_volumeAxis->setGridLineVisible(false);
    m_chart->addAxis(m_time, Qt::AlignBottom);
    m_chart->addAxis(m_priceAxis, Qt::AlignLeft);
    m_chart->addAxis(m_volumeAxis, Qt::AlignRight);
    m_price->attachAxis(m_time);
    m_price->attachAxis(m_priceAxis);
    m_volume->attachAxis(m_time);
    m_volume->attachAxis(m_volumeAxis);

    m_view->setChart(m_chart);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(160);
}

PriceChart::~PriceChart() = default; // the view (parented) owns the chart and its series

QWidget *PriceChart::widget() {
    return m_view;
}

void PriceChart::applyPalette() {
    // Qt Charts paints its own light theme; the terminal's palette (dark or light) wins.
    const QPalette palette = m_view->palette();
    const QColor base = palette.color(QPalette::Base);
    if (base == m_paletteBase)
        return;
    m_paletteBase = base;
    const QColor text = palette.color(QPalette::Text);
    QColor grid = text;
    grid.setAlpha(40);
    QColor muted = palette.color(QPalette::PlaceholderText);
    m_chart->setBackgroundBrush(base);
    m_chart->setPlotAreaBackgroundVisible(false);
    m_view->setBackgroundBrush(base);
    for (QAbstractAxis *axis :
         {static_cast<QAbstractAxis *>(m_time), static_cast<QAbstractAxis *>(m_priceAxis),
          static_cast<QAbstractAxis *>(m_volumeAxis)}) {
        axis->setLabelsColor(muted);
        axis->setTitleBrush(muted);
        axis->setGridLineColor(grid);
        axis->setLinePenColor(grid);
    }
    QColor volume = text;
    volume.setAlpha(60);
    m_volume->setBrush(volume);
}

void PriceChart::setSeries(const PriceHistoryModel::Series &series) {
    ++m_replaces;
    applyPalette();
    m_priceAxis->setTitleText(priceAxisTitle());
    // The price axis shows cents; bars are stepped so each bucket reads as one block.
    QList<QPointF> cents;
    cents.reserve(series.price.size());
    double low = 100;
    double high = 0;
    for (const QPointF &p : series.price) {
        cents.append(QPointF(p.x(), p.y() * 100.0));
        low = std::min(low, p.y() * 100.0);
        high = std::max(high, p.y() * 100.0);
    }
    QList<QPointF> bars;
    bars.reserve(series.volume.size() * 4);
    // One bar per bucket, but never thinner than a hundredth of the range, so sparse prints
    // still show as bars rather than hairlines.
    const double rangeMs = double(std::max<qint64>(series.toMs - series.fromMs, 60'000));
    const double width = std::max(double(series.bucketMs), rangeMs / 100.0);
    for (const QPointF &v : series.volume) {
        const double gap = width * 0.15;
        bars.append(QPointF(v.x() + gap, 0));
        bars.append(QPointF(v.x() + gap, v.y()));
        bars.append(QPointF(v.x() + width - gap, v.y()));
        bars.append(QPointF(v.x() + width - gap, 0));
    }
    m_price->replace(cents);
    m_volumeUpper->replace(bars);
    if (series.isEmpty())
        return;
    // At least a minute on screen, with the newest print at the right edge: a market just
    // opened fills in from the right as a live chart does.
    const qint64 to = series.toMs;
    const qint64 from = std::min(series.fromMs, to - 60'000);
    m_time->setRange(QDateTime::fromMSecsSinceEpoch(from), QDateTime::fromMSecsSinceEpoch(to));
    constexpr qint64 kDayMs = 86'400'000LL;
    const qint64 span = to - from;
    m_time->setFormat(span > 3 * kDayMs ? u"MMM d"_s
                      : span > kDayMs   ? u"d HH:mm"_s
                      : span > 600'000  ? u"HH:mm"_s
                                        : u"HH:mm:ss"_s);
    // As many time labels as fit without eliding (about 90 px each).
    const int viewWidth = m_view->width();
    m_time->setTickCount(std::clamp(viewWidth / (span > 600'000 ? 80 : 100), 2, 7));
    // Pad the price range to whole cents around the data, staying inside 0..100, and put the
    // ticks on a whole-cent step (1, 2, 5, 10...) so no label repeats or lands between cents.
    const double pad = std::max(1.0, (high - low) * 0.15);
    double bottom = std::max(0.0, std::floor(low - pad));
    double top = std::min(100.0, std::ceil(high + pad));
    const int maxTicks = std::clamp(m_view->height() / 40, 3, 6);
    double step = 50;
    for (const double candidate : {1.0, 2.0, 5.0, 10.0, 20.0, 25.0}) {
        if (std::ceil((top - bottom) / candidate) + 1 <= maxTicks) {
            step = candidate;
            break;
        }
    }
    bottom = std::floor(bottom / step) * step;
    top = std::min(100.0, std::ceil(top / step) * step);
    m_priceAxis->setRange(bottom, top);
    m_priceAxis->setTickCount(int(std::lround((top - bottom) / step)) + 1);
    m_priceAxis->setLabelFormat(u"%.0f"_s);
    // Axis title and volume scale only where they fit; a small chart keeps the plot instead.
    const bool roomy = viewWidth >= 420 && m_view->height() >= 220;
    m_priceAxis->setTitleVisible(roomy);
    // Volume bars stay in the lower third of the plot; their scale only where there is room.
    m_volumeAxis->setRange(0, std::max(1.0, series.maxVolume * 3.0));
    m_volumeAxis->setLabelsVisible(roomy);
}

void PriceChart::clear() {
    m_price->clear();
    m_volumeUpper->clear();
}

} // namespace longshot::views
