#include "bench/benchreport.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#if defined(Q_OS_UNIX)
#include <time.h>
#endif

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

double RateCollector::medianItemsPerSecond(const std::string &name) const {
    static const std::string kMedian = "_median";
    for (const auto &[key, value] : m_rates) {
        if (key.rfind(name, 0) == 0 && key.size() >= kMedian.size() &&
            key.compare(key.size() - kMedian.size(), kMedian.size(), kMedian) == 0)
            return value;
    }
    return itemsPerSecond(name);
}

void initialize(int argc, char **argv, std::initializer_list<const char *> defaults) {
    // benchmark::Initialize keeps pointers into the array for the program's life.
    static std::vector<std::string> storage;
    static std::vector<char *> args;
    storage.assign(defaults.begin(), defaults.end());
    args.assign({argv[0]});
    for (std::string &d : storage)
        args.push_back(d.data());
    for (int i = 1; i < argc; ++i)
        args.push_back(argv[i]);
    int count = static_cast<int>(args.size());
    benchmark::Initialize(&count, args.data());
}

bool printRatio(const std::string &label, double ours, double baseline, double target) {
    const double ratio = baseline > 0 ? ours / baseline : 0;
    const bool ok = ratio >= target;
    std::printf("%-48s %12.0f/s vs %12.0f/s  ratio %.2f (target >= %.2f) %s\n", label.c_str(), ours, baseline,
                ratio, target, ok ? "OK" : "MISSED");
    return ok;
}

namespace {

// Nanoseconds of CPU the calling thread has used; -1 without a per-thread clock.
qint64 threadCpuNs() {
#if defined(Q_OS_UNIX)
    timespec ts{};
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == 0)
        return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
#endif
    return -1;
}

} // namespace

StallProbe::StallProbe(QObject *parent)
    : QObject(parent) {
    m_timer.setInterval(1);
    m_timer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
        const qint64 now = m_clock.nsecsElapsed();
        const qint64 cpu = threadCpuNs();
        if (m_last > 0) {
            m_worst = std::max(m_worst, now - m_last);
            if (cpu >= 0 && m_worstBusy >= 0)
                m_worstBusy = std::max(m_worstBusy, cpu - m_lastCpu);
        }
        m_last = now;
        m_lastCpu = cpu;
    });
}

void StallProbe::start() {
    m_worst = 0;
    m_last = 0;
    m_worstBusy = threadCpuNs() < 0 ? -1 : 0;
    m_clock.start();
    m_timer.start();
}

double StallProbe::stop() {
    m_timer.stop();
    return double(m_worst) / 1e6;
}

} // namespace longshot::bench
