// Ledger replay throughput on one core (target: 5 M events/s, enough to replay a whale's whole
// /activity history on every profile click) against a raw baseline over the same events: a
// plain loop that sums each event's usdc into an int64, the least any replay must do.
#include "bench/benchreport.h"
#include "models/domain/ledger.h"

#include <cstdio>
#include <random>

using namespace longshot;

namespace {

constexpr double kTargetEventsPerSecond = 5'000'000;

// A busy wallet: 400 binary markets with real-length token ids, mostly fills, some splits
// and merges, every market resolved in the end and about half of them redeemed.
const ActivityList &events() {
    static const ActivityList list = [] {
        std::mt19937_64 rng(20261124);
        constexpr int kMarkets = 400;
        constexpr int kEvents = 200'000;
        QList<QString> conditions;
        QList<QList<ActivityLeg>> legs;
        for (int m = 0; m < kMarkets; ++m) {
            const QString cond = QStringLiteral("0x%1").arg(rng(), 64, 16, QLatin1Char('0'));
            conditions.append(cond);
            QList<ActivityLeg> pair;
            for (int o = 0; o < 2; ++o)
                pair.append(ActivityLeg{cond,
                                        QString::number(rng()) + QString::number(rng()) +
                                            QString::number(rng()) + QString::number(rng()),
                                        o,
                                        {}});
            legs.append(pair);
        }
        ActivityList out;
        out.reserve(kEvents + 2 * kMarkets);
        qint64 t = 1'700'000'000'000;
        for (int i = 0; i < kEvents; ++i) {
            t += 1000;
            const int m = static_cast<int>(rng() % kMarkets);
            const int o = static_cast<int>(rng() % 2);
            const ActivityLeg &leg = legs.at(m).at(o);
            const Decimal shares = Decimal::fromMicros(static_cast<qint64>(1 + rng() % 5'000'000'000ULL));
            const Decimal price = Decimal::fromMicros(static_cast<qint64>(10'000 + rng() % 980'000));
            const Decimal usdc = shares.checkedMul(price).value();
            const Decimal fee = Decimal::fromMicros(usdc.micros() / 100);
            const auto roll = rng() % 100;
            if (roll < 55)
                out.append(ActivityEvent::trade(ActivityKind::Buy, leg.conditionId, leg.assetId, o, shares,
                                                usdc, t, fee));
            else if (roll < 92)
                out.append(ActivityEvent::trade(ActivityKind::Sell, leg.conditionId, leg.assetId, o, shares,
                                                usdc, t, fee));
            else if (roll < 96)
                out.append(
                    ActivityEvent::splitOrMerge(ActivityKind::Split, leg.conditionId, legs.at(m), shares, t));
            else
                out.append(
                    ActivityEvent::splitOrMerge(ActivityKind::Merge, leg.conditionId, legs.at(m), shares, t));
        }
        for (int m = 0; m < kMarkets; ++m) {
            t += 1000;
            QList<ActivityLeg> payouts = legs.at(m);
            payouts[0].payout = Decimal::fromMicros(m % 2 == 0 ? Decimal::kOne : 0);
            payouts[1].payout = Decimal::fromMicros(m % 2 == 0 ? 0 : Decimal::kOne);
            out.append(ActivityEvent::resolution(conditions.at(m), payouts, t));
            if (m % 2 == 0)
                out.append(ActivityEvent::redeem(conditions.at(m), Decimal::fromMicros(1'000'000), t + 1));
        }
        return out;
    }();
    return list;
}

void BM_LedgerReplay(benchmark::State &state) {
    const ActivityList &list = events();
    qint64 checksum = 0;
    for (auto _ : state) {
        Ledger ledger;
        for (const ActivityEvent &e : list)
            ledger.apply(e);
        checksum += ledger.totals().realizedPostFee.micros();
        if (ledger.hasError())
            state.SkipWithError("ledger overflowed");
        benchmark::DoNotOptimize(checksum);
    }
    state.SetItemsProcessed(state.iterations() * list.size());
}
BENCHMARK(BM_LedgerReplay)->Unit(benchmark::kMillisecond);

void BM_LedgerReplaySorted(benchmark::State &state) {
    const ActivityList &list = events();
    qint64 checksum = 0;
    for (auto _ : state) {
        const Ledger ledger = Ledger::replay(list); // index order (sorted already, so one pass) + apply
        checksum += ledger.totals().realizedPostFee.micros();
        benchmark::DoNotOptimize(checksum);
    }
    state.SetItemsProcessed(state.iterations() * list.size());
}
BENCHMARK(BM_LedgerReplaySorted)->Unit(benchmark::kMillisecond);

void BM_RawUsdcSum(benchmark::State &state) {
    const ActivityList &list = events();
    qint64 sum = 0;
    for (auto _ : state) {
        for (const ActivityEvent &e : list)
            sum += e.kind == ActivityKind::Buy ? -e.usdc.micros() : e.usdc.micros();
        benchmark::DoNotOptimize(sum);
    }
    state.SetItemsProcessed(state.iterations() * list.size());
}
BENCHMARK(BM_RawUsdcSum)->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char **argv) {
    benchmark::Initialize(&argc, argv);
    longshot::bench::RateCollector reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    const double replay = reporter.itemsPerSecond("BM_LedgerReplay");
    const double sorted = reporter.itemsPerSecond("BM_LedgerReplaySorted");
    const double raw = reporter.itemsPerSecond("BM_RawUsdcSum");
    std::printf("\nLedger replay, one core, %lld events (same run):\n",
                static_cast<long long>(events().size()));
    std::printf("%-48s %12.0f events/s = %.2f x the %.0f M/s target %s\n", "apply() in time order", replay,
                replay / kTargetEventsPerSecond, kTargetEventsPerSecond / 1e6,
                replay >= kTargetEventsPerSecond ? "OK" : "MISSED");
    std::printf("%-48s %12.0f events/s = %.2f x the %.0f M/s target %s\n",
                "replay(): order check/sort + apply", sorted, sorted / kTargetEventsPerSecond,
                kTargetEventsPerSecond / 1e6, sorted >= kTargetEventsPerSecond ? "OK" : "MISSED");
    // The raw loop touches one integer per event; the ledger does a hash lookup and a dozen
    // checked operations. The ratio shows what exactness and the per-asset book cost.
    longshot::bench::printRatio("ledger apply / raw int64 usdc sum", replay, raw, 0.02);
    benchmark::Shutdown();
    return 0;
}
