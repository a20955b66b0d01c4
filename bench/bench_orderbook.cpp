// Order book updates per second: OrderBook (flat sorted vectors of exact Decimals) against the
// obvious raw baseline, a std::map<int64, int64> per side fed the same updates in the same run.
// Target: at least 1 M updates/s, and not slower than the map.
#include "bench/benchreport.h"
#include "models/domain/orderbook.h"
#include "net/kalshiparser.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <vector>

using namespace longshot;

namespace {

struct Update {
    BookSide side;
    qint64 priceMicros;
    qint64 amountMicros; // signed delta (Kalshi) or new absolute size (Polymarket)
};

struct Stream {
    std::vector<PriceLevel> bids, asks; // the snapshot every pass starts from
    std::vector<Update> deltas;
    std::vector<Update> sets;
};

// A binary market on the cent grid: a mid that drifts, most traffic within a few ticks of
// the touch, a third of the updates removing a level outright. Built against a reference so
// that every delta is consistent (no level ever goes below zero).
const Stream &stream() {
    static const Stream s = [] {
        Stream out;
        std::mt19937_64 rng(20261124);
        std::map<qint64, qint64> ref[2];
        constexpr qint64 kTick = 10'000;
        for (int i = 1; i <= 30; ++i) {
            const qint64 size = qint64(1 + rng() % 50'000) * 10'000;
            ref[0][(50 - i) * kTick] = size;
            ref[1][(50 + i) * kTick] = size;
            out.bids.push_back({Decimal::fromMicros((50 - i) * kTick), Decimal::fromMicros(size)});
            out.asks.push_back({Decimal::fromMicros((50 + i) * kTick), Decimal::fromMicros(size)});
        }
        std::geometric_distribution<int> distance(0.35);
        qint64 mid = 50;
        for (int n = 0; n < 65'536; ++n) {
            if (rng() % 512 == 0)
                mid = std::clamp<qint64>(mid + (rng() % 2 ? 1 : -1), 10, 90);
            const int sideIndex = int(rng() % 2);
            const int away = std::min(distance(rng), 40);
            const qint64 tick = sideIndex == 0 ? mid - 1 - away : mid + 1 + away;
            if (tick < 1 || tick > 99)
                continue;
            const qint64 price = tick * kTick;
            auto &side = ref[sideIndex];
            const auto it = side.find(price);
            const qint64 current = it == side.end() ? 0 : it->second;
            qint64 next = 0;
            if (current > 0 && rng() % 3 == 0)
                next = 0;
            else
                next = qint64(1 + rng() % 50'000) * 10'000;
            if (next == current)
                continue;
            const BookSide bookSide = sideIndex == 0 ? BookSide::Bid : BookSide::Ask;
            out.deltas.push_back({bookSide, price, next - current});
            out.sets.push_back({bookSide, price, next});
            if (next == 0)
                side.erase(price);
            else
                side[price] = next;
        }
        return out;
    }();
    return s;
}

void BM_OrderBookApplyDelta(benchmark::State &state) {
    const Stream &s = stream();
    qint64 touch = 0;
    for (auto _ : state) {
        OrderBook book;
        book.replace(s.bids, s.asks);
        for (const Update &u : s.deltas) {
            book.applyDelta(u.side, Decimal::fromMicros(u.priceMicros), Decimal::fromMicros(u.amountMicros));
            if (const auto bid = book.bestBid())
                touch += bid->price.micros();
        }
        benchmark::DoNotOptimize(touch);
    }
    state.SetItemsProcessed(state.iterations() * qint64(s.deltas.size()));
}
BENCHMARK(BM_OrderBookApplyDelta);

void BM_MapApplyDelta(benchmark::State &state) {
    const Stream &s = stream();
    qint64 touch = 0;
    for (auto _ : state) {
        std::map<qint64, qint64> sides[2];
        for (const PriceLevel &l : s.bids)
            sides[0][l.price.micros()] = l.size.micros();
        for (const PriceLevel &l : s.asks)
            sides[1][l.price.micros()] = l.size.micros();
        for (const Update &u : s.deltas) {
            auto &side = sides[u.side == BookSide::Bid ? 0 : 1];
            const auto it = side.find(u.priceMicros);
            const qint64 next = (it == side.end() ? 0 : it->second) + u.amountMicros;
            if (next > 0)
                side.insert_or_assign(it, u.priceMicros, next);
            else if (it != side.end())
                side.erase(it);
            if (!sides[0].empty())
                touch += sides[0].rbegin()->first;
        }
        benchmark::DoNotOptimize(touch);
    }
    state.SetItemsProcessed(state.iterations() * qint64(s.deltas.size()));
}
BENCHMARK(BM_MapApplyDelta);

void BM_OrderBookSetLevel(benchmark::State &state) {
    const Stream &s = stream();
    qint64 touch = 0;
    for (auto _ : state) {
        OrderBook book;
        book.replace(s.bids, s.asks);
        for (const Update &u : s.sets) {
            book.setLevel(u.side, Decimal::fromMicros(u.priceMicros), Decimal::fromMicros(u.amountMicros));
            if (const auto ask = book.bestAsk())
                touch += ask->price.micros();
        }
        benchmark::DoNotOptimize(touch);
    }
    state.SetItemsProcessed(state.iterations() * qint64(s.sets.size()));
}
BENCHMARK(BM_OrderBookSetLevel);

void BM_MapSetLevel(benchmark::State &state) {
    const Stream &s = stream();
    qint64 touch = 0;
    for (auto _ : state) {
        std::map<qint64, qint64> sides[2];
        for (const PriceLevel &l : s.bids)
            sides[0][l.price.micros()] = l.size.micros();
        for (const PriceLevel &l : s.asks)
            sides[1][l.price.micros()] = l.size.micros();
        for (const Update &u : s.sets) {
            auto &side = sides[u.side == BookSide::Bid ? 0 : 1];
            if (u.amountMicros == 0)
                side.erase(u.priceMicros);
            else
                side[u.priceMicros] = u.amountMicros;
            if (!sides[1].empty())
                touch += sides[1].begin()->first;
        }
        benchmark::DoNotOptimize(touch);
    }
    state.SetItemsProcessed(state.iterations() * qint64(s.sets.size()));
}
BENCHMARK(BM_MapSetLevel);

// End to end for the market view: Kalshi orderbook_delta frames parsed and applied.
void BM_KalshiDeltaFrameParseApply(benchmark::State &state) {
    const Stream &s = stream();
    std::vector<QByteArray> frames;
    for (std::size_t i = 0; i < 4096 && i < s.deltas.size(); ++i) {
        const Update &u = s.deltas[i];
        // Bids are YES bids; asks arrive as NO bids at 1 - price.
        const bool yes = u.side == BookSide::Bid;
        const Decimal price =
            yes ? Decimal::fromMicros(u.priceMicros) : complementPrice(Decimal::fromMicros(u.priceMicros));
        frames.push_back(
            QByteArray(R"({"type":"orderbook_delta","sid":1,"seq":)") + QByteArray::number(qint64(i) + 2) +
            R"(,"msg":{"market_ticker":"KXBTCD-26MAY3017-T72999.99","market_id":"5823f7f2","price_dollars":")" +
            price.toFixed(4).toLatin1() + R"(","delta_fp":")" +
            Decimal::fromMicros(u.amountMicros).toFixed(2).toLatin1() + R"(","side":")" +
            (yes ? "yes" : "no") + R"(","ts":"2026-05-29T23:18:53Z","ts_ms":1780096733014}})");
    }
    net::KalshiParser parser;
    qint64 applied = 0;
    for (auto _ : state) {
        OrderBook book;
        book.replace(s.bids, s.asks);
        for (const QByteArray &frame : frames) {
            const net::KalshiWsFrame f = parser.parseWsFrame(frame, 0);
            if (const auto *d = std::get_if<net::KalshiBookDelta>(&f.payload)) {
                const YesBookLevel l = yesBookLevel(d->side, d->price);
                applied += book.applyDelta(l.side, l.price, d->delta) != LevelChange::Rejected;
            }
        }
        benchmark::DoNotOptimize(applied);
    }
    state.SetItemsProcessed(state.iterations() * qint64(frames.size()));
}
BENCHMARK(BM_KalshiDeltaFrameParseApply);

} // namespace

int main(int argc, char **argv) {
    benchmark::Initialize(&argc, argv);
    longshot::bench::RateCollector reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    const double delta = reporter.itemsPerSecond("BM_OrderBookApplyDelta");
    const double set = reporter.itemsPerSecond("BM_OrderBookSetLevel");
    std::printf("\nOrder book updates (%zu per pass, same stream for both sides of each ratio):\n",
                stream().deltas.size());
    longshot::bench::printRatio("delta: OrderBook / std::map", delta,
                                reporter.itemsPerSecond("BM_MapApplyDelta"), 1.0);
    longshot::bench::printRatio("set: OrderBook / std::map", set, reporter.itemsPerSecond("BM_MapSetLevel"),
                                1.0);
    longshot::bench::printRatio("delta: OrderBook vs the 1 M/s target", delta, 1e6, 1.0);
    longshot::bench::printRatio("Kalshi frame parse+apply vs 1 M/s (info)",
                                reporter.itemsPerSecond("BM_KalshiDeltaFrameParseApply"), 1e6, 0.0);
    benchmark::Shutdown();
    return 0;
}
