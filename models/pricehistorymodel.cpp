#include "models/pricehistorymodel.h"

#include <algorithm>

namespace longshot {

void PriceHistoryModel::clear() {
    m_points.clear();
    ++m_revision;
}

PriceHistoryModel::Entry PriceHistoryModel::entryOf(const PricePoint &point) {
    // Overflow cannot happen for a real print (price <= 1); a nonsense one adds no volume.
    return Entry{point, point.price.checkedMul(point.size).value_or(Decimal())};
}

void PriceHistoryModel::setHistory(const PricePointList &points) {
    std::deque<Entry> history;
    for (const PricePoint &p : points)
        history.push_back(entryOf(p));
    replaceHistory(std::move(history));
}

void PriceHistoryModel::setBuckets(const PriceBucketList &buckets) {
    std::deque<Entry> history;
    for (const PriceBucket &b : buckets)
        history.push_back(Entry{PricePoint{b.lastTradeMs, b.close, Decimal()}, b.volumeUsd});
    replaceHistory(std::move(history));
}

void PriceHistoryModel::replaceHistory(std::deque<Entry> merged) {
    std::stable_sort(merged.begin(), merged.end(), [](const Entry &a, const Entry &b) {
        return a.point.timestampMs < b.point.timestampMs;
    });
    const qint64 newest = merged.empty() ? 0 : merged.back().point.timestampMs;
    for (const Entry &e : m_points)
        if (e.point.timestampMs > newest)
            merged.push_back(e);
    m_points = std::move(merged);
    while (m_points.size() > std::size_t(kMaxPoints))
        m_points.pop_front();
    ++m_revision;
}

void PriceHistoryModel::append(const PricePoint &point, std::optional<Decimal> notional) {
    // Prints arrive nearly in order; an older one is placed where it belongs.
    auto at = m_points.end();
    while (at != m_points.begin() && std::prev(at)->point.timestampMs > point.timestampMs)
        --at;
    Entry entry = entryOf(point);
    if (notional)
        entry.notional = *notional;
    m_points.insert(at, entry);
    if (m_points.size() > std::size_t(kMaxPoints))
        m_points.pop_front();
    ++m_revision;
}

std::optional<PricePoint> PriceHistoryModel::last() const {
    if (m_points.empty())
        return std::nullopt;
    return m_points.back().point;
}

PriceHistoryModel::Series PriceHistoryModel::downsample(int buckets, qint64 windowMs) const {
    Series s;
    if (m_points.empty() || buckets <= 0)
        return s;
    s.toMs = m_points.back().point.timestampMs;
    s.fromMs = windowMs > 0 ? s.toMs - windowMs : m_points.front().point.timestampMs;
    auto first = std::lower_bound(m_points.cbegin(), m_points.cend(), s.fromMs,
                                  [](const Entry &e, qint64 t) { return e.point.timestampMs < t; });
    if (first == m_points.cend())
        return s;
    s.fromMs = std::min(s.fromMs, first->point.timestampMs);
    const qint64 span = std::max<qint64>(1, s.toMs - s.fromMs);
    const qint64 width = std::max<qint64>(1, (span + buckets - 1) / buckets);
    s.bucketMs = width;
    qint64 bucketStart = -1;
    double notional = 0;
    const auto closeBucket = [&](const PricePoint &lastInBucket) {
        s.price.append(QPointF(double(lastInBucket.timestampMs), double(lastInBucket.price.micros()) / 1e6));
        s.volume.append(QPointF(double(bucketStart), notional));
        s.maxVolume = std::max(s.maxVolume, notional);
    };
    const PricePoint *previous = nullptr;
    for (auto it = first; it != m_points.cend(); ++it) {
        const qint64 start = s.fromMs + (it->point.timestampMs - s.fromMs) / width * width;
        if (start != bucketStart && previous) {
            closeBucket(*previous);
            notional = 0;
        }
        bucketStart = start;
        notional += double(it->notional.micros()) / 1e6;
        previous = &it->point;
    }
    if (previous)
        closeBucket(*previous);
    return s;
}

} // namespace longshot
