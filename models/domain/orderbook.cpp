#include "models/domain/orderbook.h"

#include <algorithm>
#include <limits>

namespace longshot {
namespace {

// Storage order of a side: worst first, so the best level sits at the back.
struct StorageOrder {
    BookSide side;
    bool operator()(const PriceLevel &level, Decimal price) const {
        return side == BookSide::Bid ? level.price < price : level.price > price;
    }
    bool operator()(const PriceLevel &a, const PriceLevel &b) const { return (*this)(a, b.price); }
};

std::vector<PriceLevel>::iterator locate(std::vector<PriceLevel> &v, BookSide side, Decimal price) {
    return std::lower_bound(v.begin(), v.end(), price, StorageOrder{side});
}

std::vector<PriceLevel>::const_iterator locate(const std::vector<PriceLevel> &v, BookSide side,
                                               Decimal price) {
    return std::lower_bound(v.begin(), v.end(), price, StorageOrder{side});
}

} // namespace

void OrderBook::clear() {
    m_bids.clear();
    m_asks.clear();
}

void OrderBook::replaceSide(BookSide side, std::span<const PriceLevel> input) {
    std::vector<PriceLevel> &v = levels(side);
    v.clear();
    for (const PriceLevel &level : input)
        if (level.size > Decimal())
            v.push_back(level);
    // Stable, so among equal prices the later one in the input stays last and wins below.
    std::stable_sort(v.begin(), v.end(), StorageOrder{side});
    auto out = v.begin();
    for (auto it = v.begin(); it != v.end(); ++it) {
        if (out != v.begin() && std::prev(out)->price == it->price)
            std::prev(out)->size = it->size;
        else
            *out++ = *it;
    }
    v.erase(out, v.end());
}

void OrderBook::replace(std::span<const PriceLevel> bids, std::span<const PriceLevel> asks) {
    replaceSide(BookSide::Bid, bids);
    replaceSide(BookSide::Ask, asks);
}

LevelChange OrderBook::setLevel(BookSide side, Decimal price, Decimal size) {
    if (size.isNegative())
        return LevelChange::Rejected;
    std::vector<PriceLevel> &v = levels(side);
    const auto it = locate(v, side, price);
    const bool found = it != v.end() && it->price == price;
    if (size.isZero()) {
        if (!found)
            return LevelChange::Unchanged;
        v.erase(it);
        return LevelChange::Removed;
    }
    if (found) {
        if (it->size == size)
            return LevelChange::Unchanged;
        it->size = size;
        return LevelChange::Updated;
    }
    v.insert(it, PriceLevel{price, size});
    return LevelChange::Added;
}

LevelChange OrderBook::applyDelta(BookSide side, Decimal price, Decimal delta) {
    if (delta.isZero())
        return LevelChange::Unchanged;
    std::vector<PriceLevel> &v = levels(side);
    const auto it = locate(v, side, price);
    const bool found = it != v.end() && it->price == price;
    const auto next = (found ? it->size : Decimal()).checkedAdd(delta);
    if (!next)
        return LevelChange::Rejected;
    if (*next > Decimal()) {
        if (found) {
            it->size = *next;
            return LevelChange::Updated;
        }
        v.insert(it, PriceLevel{price, *next});
        return LevelChange::Added;
    }
    if (found)
        v.erase(it);
    return next->isZero() ? LevelChange::Removed : LevelChange::Underflow;
}

std::optional<PriceLevel> OrderBook::bestBid() const {
    if (m_bids.empty())
        return std::nullopt;
    return m_bids.back();
}

std::optional<PriceLevel> OrderBook::bestAsk() const {
    if (m_asks.empty())
        return std::nullopt;
    return m_asks.back();
}

std::optional<Decimal> OrderBook::spread() const {
    if (m_bids.empty() || m_asks.empty())
        return std::nullopt;
    return m_asks.back().price.checkedSub(m_bids.back().price);
}

std::optional<Decimal> OrderBook::mid() const {
    if (m_bids.empty() || m_asks.empty())
        return std::nullopt;
    const auto sum = m_bids.back().price.checkedAdd(m_asks.back().price);
    if (!sum)
        return std::nullopt;
    return sum->checkedDiv(Decimal::fromMicros(2 * Decimal::kOne));
}

bool OrderBook::isCrossed() const {
    return !m_bids.empty() && !m_asks.empty() && m_bids.back().price >= m_asks.back().price;
}

QList<PriceLevel> OrderBook::depth(BookSide side, int maxLevels) const {
    const std::vector<PriceLevel> &v = levels(side);
    const auto n = std::min<qsizetype>(std::max(maxLevels, 0), static_cast<qsizetype>(v.size()));
    QList<PriceLevel> out;
    out.reserve(n);
    for (auto it = v.rbegin(); it != v.rbegin() + n; ++it)
        out.append(*it);
    return out;
}

std::optional<Decimal> OrderBook::sizeAt(BookSide side, Decimal price) const {
    const std::vector<PriceLevel> &v = levels(side);
    const auto it = locate(v, side, price);
    if (it == v.end() || it->price != price)
        return std::nullopt;
    return it->size;
}

int OrderBook::levelCount(BookSide side) const {
    return static_cast<int>(levels(side).size());
}

OrderBook OrderBook::complement() const {
    // Asks are stored descending, so 1 - price comes out ascending: already bid order.
    OrderBook out;
    out.m_bids.reserve(m_asks.size());
    for (const PriceLevel &level : m_asks)
        out.m_bids.push_back({complementPrice(level.price), level.size});
    out.m_asks.reserve(m_bids.size());
    for (const PriceLevel &level : m_bids)
        out.m_asks.push_back({complementPrice(level.price), level.size});
    return out;
}

Decimal complementPrice(Decimal price) {
    // Binary-market prices live in [0, 1]; the saturation only keeps garbage from wrapping.
    return Decimal::fromMicros(Decimal::kOne)
        .checkedSub(price)
        .value_or(Decimal::fromMicros(std::numeric_limits<qint64>::max()));
}

YesBookLevel yesBookLevel(OutcomeSide side, Decimal kalshiPrice) {
    if (side == OutcomeSide::Yes)
        return {BookSide::Bid, kalshiPrice};
    return {BookSide::Ask, complementPrice(kalshiPrice)};
}

OrderBook yesBookFromKalshi(std::span<const PriceLevel> yesBids, std::span<const PriceLevel> noBids) {
    std::vector<PriceLevel> asks;
    asks.reserve(noBids.size());
    for (const PriceLevel &level : noBids)
        asks.push_back({complementPrice(level.price), level.size});
    OrderBook book;
    book.replace(yesBids, asks);
    return book;
}

SequenceTracker::Stream *SequenceTracker::find(qint64 stream) {
    for (Stream &s : m_streams)
        if (s.id == stream)
            return &s;
    return nullptr;
}

SequenceTracker::Check SequenceTracker::observe(qint64 stream, qint64 seq) {
    Stream *s = find(stream);
    if (!s) {
        m_streams.push_back({stream, seq});
        return {Result::First, 0, 0};
    }
    if (s->last == std::numeric_limits<qint64>::max())
        return {Result::Stale, s->last, 0};
    const qint64 expected = s->last + 1;
    if (seq == expected) {
        s->last = seq;
        return {Result::InOrder, expected, 0};
    }
    if (seq > expected) {
        s->last = seq;
        return {Result::Gap, expected, seq - expected};
    }
    return {Result::Stale, expected, 0};
}

void SequenceTracker::resync(qint64 stream, qint64 seq) {
    if (Stream *s = find(stream))
        s->last = seq;
    else
        m_streams.push_back({stream, seq});
}

void SequenceTracker::forget(qint64 stream) {
    std::erase_if(m_streams, [stream](const Stream &s) { return s.id == stream; });
}

std::optional<qint64> SequenceTracker::last(qint64 stream) const {
    for (const Stream &s : m_streams)
        if (s.id == stream)
            return s.last;
    return std::nullopt;
}

} // namespace longshot
