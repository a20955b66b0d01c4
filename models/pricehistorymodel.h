#pragma once

#include "models/domain/decimal.h"
#include "models/domain/marketactivity.h"

#include <QList>
#include <QPointF>
#include <QtGlobal>

#include <deque>
#include <optional>

namespace longshot {

// One print: exchange time, price of the outcome the chart follows, and shares.
struct PricePoint {
    qint64 timestampMs = 0;
    Decimal price;
    Decimal size;
};
using PricePointList = QList<PricePoint>;

// The price chart's data without any widget: prints from storage and from the live feed,
// kept in time order and capped, and reduced on demand to at most `buckets` points for the
// chart (last price per bucket, traded notional per bucket as volume). Doubles appear only
// in the reduced series, which are screen coordinates, never money.
class PriceHistoryModel final {
public:
    static constexpr int kMaxPoints = 100'000;

    struct Series {
        QList<QPointF> price;  // x: ms since epoch, y: price 0..1
        QList<QPointF> volume; // x: bucket start, y: notional in dollars
        qint64 fromMs = 0;
        qint64 toMs = 0;
        qint64 bucketMs = 0; // width of one volume bucket
        double maxVolume = 0;
        bool isEmpty() const { return price.isEmpty(); }
    };

    void clear();
    // Replaces everything (history loaded from storage); live points newer than the history stay.
    void setHistory(const PricePointList &points);
    // The same, from buckets storage computed: one point per bucket at its last fill, with the
    // bucket's close and the USD volume the database summed.
    void setBuckets(const PriceBucketList &buckets);
    // notional: USD traded when it differs from price x size (a print mirrored to the other
    // outcome keeps what was really paid).
    void append(const PricePoint &point, std::optional<Decimal> notional = std::nullopt);

    qsizetype size() const { return qsizetype(m_points.size()); }
    qint64 revision() const { return m_revision; }
    std::optional<PricePoint> last() const;

    // Reduces the whole range (or the last `windowMs` when > 0) to at most `buckets` buckets.
    Series downsample(int buckets, qint64 windowMs = 0) const;

private:
    struct Entry {
        PricePoint point;
        Decimal notional; // USD traded: price x size for a print, the sum for a stored bucket
    };
    static Entry entryOf(const PricePoint &point);
    void replaceHistory(std::deque<Entry> history);

    std::deque<Entry> m_points; // ascending time
    qint64 m_revision = 0;
};

} // namespace longshot
