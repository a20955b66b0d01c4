// Decimal parse and format throughput against strtod + snprintf on the same strings.
// The baseline is what a double-based client would do; ours must stay in its league
// while being exact.
#include "bench/benchreport.h"
#include "models/domain/decimal.h"

#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

using longshot::Decimal;

namespace {

const std::vector<std::string> &samples() {
    static const std::vector<std::string> texts = [] {
        std::mt19937_64 rng(20261123);
        std::vector<std::string> out;
        const char *fixed[] = {"0.03", "1030.92", "0.97", "31.6122", "1e-05", "1.5E+3", "0.8100000092466668",
                               "8643"};
        for (int i = 0; i < 4096; ++i) {
            if (i % 8 == 0) {
                out.emplace_back(fixed[(i / 8) % 8]);
                continue;
            }
            const auto micros = static_cast<long long>(rng() % 50'000'000'000ULL);
            out.push_back(Decimal::fromMicros(micros).toStdString());
        }
        return out;
    }();
    return texts;
}

void BM_DecimalParse(benchmark::State &state) {
    const auto &texts = samples();
    std::int64_t sum = 0;
    for (auto _ : state) {
        for (const auto &t : texts)
            sum += Decimal::parse(std::string_view(t)).value.micros();
        benchmark::DoNotOptimize(sum);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(texts.size()));
}
BENCHMARK(BM_DecimalParse);

void BM_StrtodParse(benchmark::State &state) {
    const auto &texts = samples();
    double sum = 0;
    for (auto _ : state) {
        for (const auto &t : texts)
            sum += std::strtod(t.c_str(), nullptr);
        benchmark::DoNotOptimize(sum);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(texts.size()));
}
BENCHMARK(BM_StrtodParse);

void BM_DecimalFormat(benchmark::State &state) {
    std::vector<Decimal> values;
    for (const auto &t : samples())
        values.push_back(Decimal::parse(std::string_view(t)).value);
    std::size_t len = 0;
    for (auto _ : state) {
        for (const Decimal &d : values)
            len += d.toStdString().size();
        benchmark::DoNotOptimize(len);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(values.size()));
}
BENCHMARK(BM_DecimalFormat);

void BM_SnprintfFormat(benchmark::State &state) {
    std::vector<double> values;
    for (const auto &t : samples())
        values.push_back(std::strtod(t.c_str(), nullptr));
    std::size_t len = 0;
    char buf[64];
    for (auto _ : state) {
        for (double d : values)
            len += static_cast<std::size_t>(std::snprintf(buf, sizeof buf, "%.6f", d));
        benchmark::DoNotOptimize(len);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(values.size()));
}
BENCHMARK(BM_SnprintfFormat);

} // namespace

int main(int argc, char **argv) {
    benchmark::Initialize(&argc, argv);
    longshot::bench::RateCollector reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    std::printf("\nDecimal vs the double baseline (same strings, same run):\n");
    longshot::bench::printRatio("parse: Decimal::parse / strtod", reporter.itemsPerSecond("BM_DecimalParse"),
                                reporter.itemsPerSecond("BM_StrtodParse"), 0.5);
    longshot::bench::printRatio("format: Decimal::toStdString / snprintf",
                                reporter.itemsPerSecond("BM_DecimalFormat"),
                                reporter.itemsPerSecond("BM_SnprintfFormat"), 0.5);
    benchmark::Shutdown();
    return 0;
}
