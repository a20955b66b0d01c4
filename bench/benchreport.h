#pragma once

#include <benchmark/benchmark.h>

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <initializer_list>
#include <map>
#include <string>

namespace longshot::bench {

// Runs every registered benchmark with the console reporter and also keeps each run's
// items-per-second counter, so a bench can print ratios against its raw baseline.
class RateCollector final : public benchmark::ConsoleReporter {
public:
    void ReportRuns(const std::vector<Run> &runs) override;
    double itemsPerSecond(const std::string &name) const;
    // The median of repetitions (--benchmark_repetitions) of the benchmark whose name starts
    // with `name`; its single run's rate when it ran once.
    double medianItemsPerSecond(const std::string &name) const;

private:
    std::map<std::string, double> m_rates;
};

// benchmark::Initialize with `defaults` placed before the command line's own flags, so a
// flag given on the command line wins.
void initialize(int argc, char **argv, std::initializer_list<const char *> defaults);

// Prints "label: ours/baseline = R (target >= T) OK|MISSED"; returns whether the target holds.
bool printRatio(const std::string &label, double ours, double baseline, double target);

// Samples the GUI thread's event loop with a 1 ms precise timer; the longest gap between two
// ticks is the longest time the thread could not process events (a stall the user would see).
// On a loaded machine much of a gap can be the thread waiting for a core, so the probe also
// keeps the thread's own CPU time per gap: the largest is what our code kept it busy.
class StallProbe final : public QObject {
public:
    explicit StallProbe(QObject *parent = nullptr);
    void start();
    // Stops sampling; returns the longest stall since start() in milliseconds (wall clock).
    double stop();
    // The most CPU time the thread spent inside one gap, in milliseconds; -1 where the
    // platform has no per-thread CPU clock.
    double worstBusyMs() const { return m_worstBusy < 0 ? -1 : double(m_worstBusy) / 1e6; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_worst = 0;
    qint64 m_lastCpu = 0;
    qint64 m_worstBusy = 0;
};

} // namespace longshot::bench
