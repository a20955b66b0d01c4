#include "models/domain/orderbook.h"

#include <QTest>

#include <rapidcheck.h>

#include <map>
#include <vector>

using namespace longshot;

namespace {

struct Op {
    bool isDelta = false;
    BookSide side = BookSide::Bid;
    qint64 priceMicros = 0;
    qint64 amountMicros = 0;
};

// The reference: one std::map per side, price -> size, the obvious way.
struct Reference {
    std::map<qint64, qint64> bids;
    std::map<qint64, qint64> asks;

    void apply(const Op &op) {
        auto &side = op.side == BookSide::Bid ? bids : asks;
        if (!op.isDelta) {
            if (op.amountMicros < 0)
                return;
            if (op.amountMicros == 0)
                side.erase(op.priceMicros);
            else
                side[op.priceMicros] = op.amountMicros;
            return;
        }
        const auto it = side.find(op.priceMicros);
        const qint64 next = (it == side.end() ? 0 : it->second) + op.amountMicros;
        if (next > 0)
            side[op.priceMicros] = next;
        else if (it != side.end())
            side.erase(it);
    }
};

// Prices on the grids the venues use: cents, and tenths of a cent near the edges.
rc::Gen<qint64> gridPrice(qint64 loTicks, qint64 hiTicks) {
    return rc::gen::oneOf(
        rc::gen::map(rc::gen::inRange<qint64>(loTicks, hiTicks + 1), [](qint64 t) { return t * 10'000; }),
        rc::gen::map(rc::gen::inRange<qint64>(loTicks * 10, hiTicks * 10 + 1),
                     [](qint64 t) { return t * 1'000; }));
}

rc::Gen<Op> anyOp(qint64 bidLo, qint64 bidHi, qint64 askLo, qint64 askHi) {
    return rc::gen::exec([=] {
        Op op;
        op.isDelta = *rc::gen::arbitrary<bool>();
        op.side = *rc::gen::element(BookSide::Bid, BookSide::Ask);
        op.priceMicros = op.side == BookSide::Bid ? *gridPrice(bidLo, bidHi) : *gridPrice(askLo, askHi);
        // Sizes with two decimals like Kalshi's *_fp. A few round lots make deltas cancel a
        // level to exactly zero often; zero itself removes levels by absolute set.
        const qint64 centi =
            *rc::gen::oneOf(rc::gen::just<qint64>(0), rc::gen::element<qint64>(100, 200, 500, 1'000),
                            rc::gen::inRange<qint64>(1, 500'000));
        op.amountMicros = centi * 10'000;
        if (op.isDelta && *rc::gen::arbitrary<bool>())
            op.amountMicros = -op.amountMicros;
        return op;
    });
}

void apply(OrderBook &book, const Op &op) {
    const Decimal price = Decimal::fromMicros(op.priceMicros);
    const Decimal amount = Decimal::fromMicros(op.amountMicros);
    if (op.isDelta)
        book.applyDelta(op.side, price, amount);
    else
        book.setLevel(op.side, price, amount);
}

void assertSideMatches(const OrderBook &book, BookSide side, const std::map<qint64, qint64> &ref) {
    const QList<PriceLevel> depth = book.depth(side, 1'000'000);
    RC_ASSERT(depth.size() == static_cast<qsizetype>(ref.size()));
    RC_ASSERT(book.levelCount(side) == static_cast<int>(ref.size()));
    // depth() is best first: descending for bids, ascending for asks.
    qsizetype i = 0;
    if (side == BookSide::Bid) {
        for (auto it = ref.rbegin(); it != ref.rend(); ++it, ++i) {
            RC_ASSERT(depth.at(i).price.micros() == it->first);
            RC_ASSERT(depth.at(i).size.micros() == it->second);
        }
    } else {
        for (auto it = ref.begin(); it != ref.end(); ++it, ++i) {
            RC_ASSERT(depth.at(i).price.micros() == it->first);
            RC_ASSERT(depth.at(i).size.micros() == it->second);
        }
    }
}

void assertMatches(const OrderBook &book, const Reference &ref) {
    assertSideMatches(book, BookSide::Bid, ref.bids);
    assertSideMatches(book, BookSide::Ask, ref.asks);
    RC_ASSERT(book.bestBid().has_value() == !ref.bids.empty());
    RC_ASSERT(book.bestAsk().has_value() == !ref.asks.empty());
    if (!ref.bids.empty())
        RC_ASSERT(book.bestBid()->price.micros() == ref.bids.rbegin()->first);
    if (!ref.asks.empty())
        RC_ASSERT(book.bestAsk()->price.micros() == ref.asks.begin()->first);
    if (!ref.bids.empty() && !ref.asks.empty()) {
        const qint64 bid = ref.bids.rbegin()->first;
        const qint64 ask = ref.asks.begin()->first;
        RC_ASSERT(book.isCrossed() == (bid >= ask));
        RC_ASSERT(book.spread()->micros() == ask - bid);
    } else {
        RC_ASSERT(!book.isCrossed());
        RC_ASSERT(!book.spread().has_value());
        RC_ASSERT(!book.mid().has_value());
    }
}

} // namespace

class TestOrderBookProperties : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void deltasMatchMapReference() {
        QVERIFY(rc::check("any mix of sets and deltas leaves the book equal to a std::map reference", [] {
            // Overlapping ranges: crossed books are allowed here, the book must just agree.
            const auto ops = *rc::gen::container<std::vector<Op>>(anyOp(0, 100, 0, 100));
            OrderBook book;
            Reference ref;
            for (const Op &op : ops) {
                apply(book, op);
                ref.apply(op);
            }
            assertMatches(book, ref);
        }));
    }

    void everyStepMatchesOnAHotBook() {
        QVERIFY(rc::check("the book agrees with the reference after every single update", [] {
            // A narrow band so levels are hit repeatedly: inserts, updates and removals at the touch.
            const auto ops = *rc::gen::container<std::vector<Op>>(anyOp(40, 48, 49, 57));
            OrderBook book;
            Reference ref;
            for (const Op &op : ops) {
                apply(book, op);
                ref.apply(op);
                assertMatches(book, ref);
            }
        }));
    }

    void separatedInputNeverCrosses() {
        QVERIFY(
            rc::check("bids below every ask give best bid < best ask, a positive spread, mid between", [] {
                const auto ops = *rc::gen::container<std::vector<Op>>(anyOp(1, 50, 51, 99));
                OrderBook book;
                for (const Op &op : ops)
                    apply(book, op);
                RC_ASSERT(!book.isCrossed());
                if (book.bestBid() && book.bestAsk()) {
                    RC_ASSERT(book.bestBid()->price < book.bestAsk()->price);
                    RC_ASSERT(*book.spread() > Decimal());
                    RC_ASSERT(*book.mid() >= book.bestBid()->price);
                    RC_ASSERT(*book.mid() <= book.bestAsk()->price);
                }
            }));
    }

    void snapshotEqualsReplayedSets() {
        QVERIFY(rc::check("replaceSide in any order equals the last listing of each price", [] {
            const auto ops = *rc::gen::container<std::vector<Op>>(anyOp(0, 100, 0, 100));
            std::vector<PriceLevel> bids, asks;
            for (const Op &op : ops) {
                // replaceSide drops sizes <= 0 (a snapshot lists resting levels only); that rule
                // has its own table test, so the reference sees positive sizes only.
                if (op.amountMicros <= 0)
                    continue;
                (op.side == BookSide::Bid ? bids : asks)
                    .push_back({Decimal::fromMicros(op.priceMicros), Decimal::fromMicros(op.amountMicros)});
            }
            Reference expected;
            for (const PriceLevel &l : bids)
                expected.bids[l.price.micros()] = l.size.micros();
            for (const PriceLevel &l : asks)
                expected.asks[l.price.micros()] = l.size.micros();
            OrderBook book;
            book.replace(bids, asks);
            assertMatches(book, expected);
        }));
    }

    void complementIsAnInvolution() {
        QVERIFY(rc::check("the NO view of the NO view is the YES book, with sides swapped in between", [] {
            const auto ops = *rc::gen::container<std::vector<Op>>(anyOp(0, 100, 0, 100));
            OrderBook book;
            for (const Op &op : ops)
                apply(book, op);
            const OrderBook no = book.complement();
            RC_ASSERT(no.levelCount(BookSide::Bid) == book.levelCount(BookSide::Ask));
            RC_ASSERT(no.levelCount(BookSide::Ask) == book.levelCount(BookSide::Bid));
            if (book.bestAsk())
                RC_ASSERT(no.bestBid()->price.micros() == Decimal::kOne - book.bestAsk()->price.micros());
            RC_ASSERT(no.isCrossed() == book.isCrossed());
            RC_ASSERT(no.complement() == book);
        }));
    }
};

QTEST_GUILESS_MAIN(TestOrderBookProperties)
#include "tst_orderbook_properties.moc"
