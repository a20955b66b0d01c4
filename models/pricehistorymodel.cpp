#include "models/pricehistorymodel.h"

#include <algorithm>

namespace longshot {

void PriceHistoryModel::clear() {
    m_points.clear();
    ++m_revision;
}

void PriceHistoryModel::setHistory(const PricePointList &points) {
    std::deque<PricePoint> merged(points.cbegin(), points.cend());
    std::stable_sort(merged.begin(), merged.end(),
                     [](const PricePoint &a, const PricePoint &b) { return a.timestampMs < b.timestampMs; });
    const qint64 newest = merged.empty() ? 0 : merged.back().timestampMs;
    for (const PricePoint &p : m_points)
        if (p.timestampMs > newest)
            merged.push_back(p);
    m_points = std::move(merged);
    while (m_points.size() > std::size_t(kMaxPoints))
        m_points.pop_front();
    ++m_revision;
}

void PriceHistoryModel::append(const PricePoint &point) {
    // Prints arrive nearly in order; an older one is placed where it belongs.
    auto at = m_points.end();
    while (at != m_points.begin() && std::prev(at)->timestampMs > point.timestampMs)
        --at;
    m_points.insert(at, point);
    if (m_points.size() > std::size_t(kMaxPoints))
        m_points.pop_front();
    ++m_revision;
}

std::optional<PricePoint> PriceHistoryModel::last() const {
    if (m_points.empty())
        return std::nullopt;
    return m_points.back();
}

PriceHistoryModel::Series PriceHistoryModel::downsample(int buckets, qint64 windowMs) const {
    Series s;
    if (m_points.empty() || buckets <= 0)
        return s;
    s.toMs = m_points.back().timestampMs;
    s.fromMs = windowMs > 0 ? s.toMs - windowMs : m_points.front().timestampMs;
    auto first = std::lower_bound(m_points.cbegin(), m_points.cend(), s.fromMs,
                                  [](const PricePoint &p, qint64 t) { return p.timestampMs < t; });
    if (first == m_points.cend())
        return s;
    s.fromMs = std::min(s.fromMs, first->timestampMs);
    const qint64 span = std::max<qint64>(1, s.toMs - s.fromMs);
    const qint64 width = std::max<qint64>(1, (span + buckets - 1) / buckets);
    qint64 bucketStart = -1;
    double notional = 0;
    const auto closeBucket = [&](const PricePoint &lastInBucket) {
        s.price.append(QPointF(double(lastInBucket.timestampMs), double(lastInBucket.price.micros()) / 1e6));
        s.volume.append(QPointF(double(bucketStart), notional));
        s.maxVolume = std::max(s.maxVolume, notional);
    };
    const PricePoint *previous = nullptr;
    for (auto it = first; it != m_points.cend(); ++it) {
        const qint64 start = s.fromMs + (it->timestampMs - s.fromMs) / width * width;
        if (start != bucketStart && previous) {
            closeBucket(*previous);
            notional = 0;
        }
        bucketStart = start;
        notional += double(it->price.micros()) / 1e6 * double(it->size.micros()) / 1e6;
        previous = &*it;
    }
    if (previous)
        closeBucket(*previous);
    return s;
}

} // namespace longshot
