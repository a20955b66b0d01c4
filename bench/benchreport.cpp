#include "bench/benchreport.h"

#include <cstdio>

namespace longshot::bench {

void RateCollector::ReportRuns(const std::vector<Run> &runs) {
    for (const Run &run : runs) {
        const auto it = run.counters.find("items_per_second");
        if (it != run.counters.end())
            m_rates[run.benchmark_name()] = it->second.value;
    }
    ConsoleReporter::ReportRuns(runs);
}

double RateCollector::itemsPerSecond(const std::string &name) const {
    for (const auto &[key, value] : m_rates)
        if (key.rfind(name, 0) == 0)
            return value;
    return 0;
}

bool printRatio(const std::string &label, double ours, double baseline, double target) {
    const double ratio = baseline > 0 ? ours / baseline : 0;
    const bool ok = ratio >= target;
    std::printf("%-48s %12.0f/s vs %12.0f/s  ratio %.2f (target >= %.2f) %s\n", label.c_str(), ours, baseline,
                ratio, target, ok ? "OK" : "MISSED");
    return ok;
}

} // namespace longshot::bench
