#pragma once

#include "models/domain/decimal.h"

#include <QList>
#include <QMetaType>
#include <QtGlobal>

#include <optional>
#include <span>
#include <vector>

namespace longshot {

enum class BookSide : quint8 { Bid = 1, Ask = 2 };
// The two outcomes of a binary market; Kalshi names its book sides this way.
enum class OutcomeSide : quint8 { Yes = 1, No = 2 };

struct PriceLevel {
    Decimal price;
    Decimal size;
    friend constexpr bool operator==(PriceLevel, PriceLevel) = default;
};

// What one level update did; anything but Rejected changed the book as described.
enum class LevelChange : quint8 {
    Added = 1, // a new price level
    Updated,   // an existing level got a new size
    Removed,   // the level is gone (size 0, or a delta that brought it to exactly 0)
    Unchanged, // removing a level that was not there, or a zero delta
    Underflow, // a delta took the level below zero: removed, but the book is out of sync
    Rejected,  // negative absolute size or arithmetic overflow; the book was not touched
};

// A price-level book for one instrument. Each side is a flat vector sorted so that the best
// level is at the back: binary-market books are a few dozen levels and almost all traffic
// lands near the touch, so updates there move few elements, the best level is O(1) and
// depth reads are contiguous. No allocation once the vectors reached their working size.
class OrderBook final {
public:
    OrderBook() = default;

    void clear();
    // Replaces one side. Levels may come in any order (Polymarket sends the best last, its
    // docs show the best first); a price listed twice keeps the later size; sizes <= 0 are dropped.
    void replaceSide(BookSide side, std::span<const PriceLevel> levels);
    void replace(std::span<const PriceLevel> bids, std::span<const PriceLevel> asks);

    // Absolute size at a price (Polymarket price_change); size 0 removes the level.
    LevelChange setLevel(BookSide side, Decimal price, Decimal size);
    // Signed change at a price (Kalshi delta_fp); a level that reaches 0 is removed.
    LevelChange applyDelta(BookSide side, Decimal price, Decimal delta);

    std::optional<PriceLevel> bestBid() const;
    std::optional<PriceLevel> bestAsk() const;
    // ask - bid; negative when the book is crossed. nullopt unless both sides have a level.
    std::optional<Decimal> spread() const;
    // (bid + ask) / 2 rounded half-even to the micro-unit.
    std::optional<Decimal> mid() const;
    bool isCrossed() const; // best bid >= best ask

    // Up to maxLevels levels, best first.
    QList<PriceLevel> depth(BookSide side, int maxLevels) const;
    std::optional<Decimal> sizeAt(BookSide side, Decimal price) const;
    int levelCount(BookSide side) const;
    bool isEmpty() const { return m_bids.empty() && m_asks.empty(); }

    // The book of the other outcome of a binary market: its bids are this book's asks at
    // 1 - price and its asks this book's bids at 1 - price.
    OrderBook complement() const;

    friend bool operator==(const OrderBook &, const OrderBook &) = default;

private:
    std::vector<PriceLevel> &levels(BookSide side) { return side == BookSide::Bid ? m_bids : m_asks; }
    const std::vector<PriceLevel> &levels(BookSide side) const {
        return side == BookSide::Bid ? m_bids : m_asks;
    }

    std::vector<PriceLevel> m_bids; // ascending price: best bid at the back
    std::vector<PriceLevel> m_asks; // descending price: best ask at the back
};

// 1 - price, the same contract seen from the other outcome (a NO bid at 0.42 is a YES ask at 0.58).
Decimal complementPrice(Decimal price);

// Kalshi lists resting bids only, for YES and for NO. Seen from YES, a NO bid at p is an
// ask at 1 - p; these map Kalshi's levels onto one YES-side OrderBook.
struct YesBookLevel {
    BookSide side;
    Decimal price;
};
YesBookLevel yesBookLevel(OutcomeSide side, Decimal kalshiPrice);
OrderBook yesBookFromKalshi(std::span<const PriceLevel> yesBids, std::span<const PriceLevel> noBids);

// Per-stream sequence numbers (Kalshi: seq per subscription id). A gap means updates were
// lost and the book must be re-snapshotted; a stale number is a replay to be ignored.
class SequenceTracker final {
public:
    enum class Result : quint8 {
        First = 1, // no number seen yet for this stream: accepted as the base
        InOrder,   // exactly the next number
        Gap,       // numbers were skipped; `missing` says how many
        Stale,     // not newer than the last accepted number; ignore the message
    };
    struct Check {
        Result result = Result::First;
        qint64 expected = 0; // the number that was due (0 for First)
        qint64 missing = 0;  // Gap only
    };

    // Accepts seq as the new last number unless it is Stale.
    Check observe(qint64 stream, qint64 seq);
    // Re-bases a stream on a snapshot's number, whatever came before.
    void resync(qint64 stream, qint64 seq);
    void forget(qint64 stream);
    void clear() { m_streams.clear(); }
    std::optional<qint64> last(qint64 stream) const;

private:
    struct Stream {
        qint64 id;
        qint64 last;
    };
    Stream *find(qint64 stream);
    std::vector<Stream> m_streams; // a handful of subscriptions: a linear scan beats hashing
};

} // namespace longshot

Q_DECLARE_METATYPE(longshot::PriceLevel)
Q_DECLARE_METATYPE(longshot::OrderBook)
