#pragma once

#include <benchmark/benchmark.h>

#include <map>
#include <string>

namespace longshot::bench {

// Runs every registered benchmark with the console reporter and also keeps each run's
// items-per-second counter, so a bench can print ratios against its raw baseline.
class RateCollector final : public benchmark::ConsoleReporter {
public:
    void ReportRuns(const std::vector<Run> &runs) override;
    double itemsPerSecond(const std::string &name) const;

private:
    std::map<std::string, double> m_rates;
};

// Prints "label: ours/baseline = R (target >= T) OK|MISSED"; returns whether the target holds.
bool printRatio(const std::string &label, double ours, double baseline, double target);

} // namespace longshot::bench
