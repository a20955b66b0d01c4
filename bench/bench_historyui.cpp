// The History panel on the ten-million-trade database (bench_history generates it), as a user
// meets it; every figure is printed with its target and MET or MISSED:
//
// 1. Start to first painted window (target <= 1 s): the real app binary, launched --offline on
//    the file with LONGSHOT_STARTUP_REPORT=quit, timed from QProcess::start() to the line it
//    prints at the first paint of its main window; median of --launches runs after a warm-up.
//    Raw baseline in the same run: the same binary on an empty database, launches interleaved.
// 2. Scrolling (target: no GUI-thread stall over 16 ms): the History dock (HistoryView over the
//    lazily loaded HistoryModel, answered by the QueryWorker on its own thread, wired as the
//    app wires them) shown offscreen and scrolled by page-downs, jumps to the end (each one
//    pages more rows in, up to the model's cap), to the middle and to the top. The longest
//    stall of a 1 ms timer on the GUI thread, against the idle loop's in the same run.
// 3. Resident memory (target <= 300 MB): VmHWM of this process after that scroll and after the
//    one-day and one-trader histories were read to their end through the same model; and the
//    app's own VmHWM at its first paint, from part 1.
//
//   bench_historyui [--db PATH] [--app PATH] [--launches N] [--only startup|scroll] [--events]
#include "bench/benchreport.h"
#include "models/domain/processstatus.h"
#include "models/historymodel.h"
#include "storage/connection.h"
#include "storage/migrations.h"
#include "storage/queryworker.h"
#include "views/historyview.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QRegularExpression>
#include <QScrollBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>
#include <vector>

using namespace Qt::StringLiterals;
using namespace longshot;
using longshot::bench::StallProbe;

namespace {

constexpr double kStartupTargetMs = 1'000;
constexpr double kStallTargetMs = 16;
constexpr double kMemoryTargetMb = 300;
// bench_history's generator: its last trade, and its whale (wallet 0).
constexpr qint64 kEndMs = 1'790'000'000'000;
constexpr qint64 kDayMs = 24 * 3600 * 1000LL;
const QString kWhale = u"0x0000000000000000000000000000000000000001"_s;

const char *verdict(bool ok) {
    return ok ? "MET" : "MISSED";
}

double median(std::vector<double> v) {
    if (v.empty())
        return -1;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

QString loadAverage() {
    QFile f(u"/proc/loadavg"_s);
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll()).section(u' ', 0, 0) : u"?"_s;
}

// Runs the event loop until `done` holds or `timeoutMs` passes; returns whether it holds.
bool waitUntil(const std::function<bool()> &done, int timeoutMs) {
    if (done())
        return true;
    QEventLoop loop;
    QTimer poll;
    poll.setInterval(2);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    poll.start();
    loop.exec();
    return done();
}

double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// With --events: the longest single event deliveries on the GUI thread, by event type and
// receiver class, to tell what a stall was made of.
class TimedApplication final : public QApplication {
public:
    using QApplication::QApplication;
    bool notify(QObject *receiver, QEvent *event) override {
        // The GUI thread's outermost deliveries only: the worker's events run on its own thread.
        if (!m_enabled || m_depth > 0 || QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        ++m_depth;
        const int type = int(event->type());
        const QByteArray name = receiver->metaObject()->className();
        const double cpu0 = threadCpuMs();
        QElapsedTimer timer;
        timer.start();
        const bool result = QApplication::notify(receiver, event);
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        const double cpu = threadCpuMs() - cpu0;
        --m_depth;
        Worst &w = m_worst[name + " event " + QByteArray::number(type)];
        w.count++;
        w.totalMs += ms;
        w.maxMs = std::max(w.maxMs, ms);
        w.maxCpuMs = std::max(w.maxCpuMs, cpu);
        return result;
    }
    void setEnabled(bool on) { m_enabled = on; }
    void print() const {
        std::vector<std::pair<double, QByteArray>> list;
        for (auto it = m_worst.cbegin(); it != m_worst.cend(); ++it)
            list.emplace_back(it.value().maxMs, it.key());
        std::sort(list.rbegin(), list.rend());
        std::printf("  longest event deliveries on the GUI thread:\n");
        for (std::size_t i = 0; i < std::min<std::size_t>(12, list.size()); ++i) {
            const Worst &w = m_worst[list[i].second];
            std::printf("    %-46s max %6.1f ms wall, %6.1f ms cpu; %6d times, %8.1f ms in all\n",
                        list[i].second.constData(), w.maxMs, w.maxCpuMs, w.count, w.totalMs);
        }
    }

private:
    struct Worst {
        int count = 0;
        double totalMs = 0;
        double maxMs = 0;
        double maxCpuMs = 0;
    };
    QHash<QByteArray, Worst> m_worst;
    int m_depth = 0;
    bool m_enabled = false;
};

// ---- 1. start to first painted window ----

struct Launch {
    double externalMs = -1; // QProcess::start() to the first-paint line on its stderr
    double reportedMs = -1; // the app's own figure, from the kernel's process start time
    qint64 hwmKb = -1;
};

Launch launchOnce(const QString &app, const QString &db, const QString &home) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    env.insert(u"LONGSHOT_STARTUP_REPORT"_s, u"quit"_s);
    // Settings, layout and logs of their own: the user's saved session is neither read nor written.
    env.insert(u"XDG_CONFIG_HOME"_s, home + u"/config"_s);
    env.insert(u"XDG_DATA_HOME"_s, home + u"/data"_s);
    env.insert(u"XDG_CACHE_HOME"_s, home + u"/cache"_s);
    env.insert(u"XDG_STATE_HOME"_s, home + u"/state"_s);
    QProcess p;
    p.setProcessEnvironment(env);
    p.setReadChannel(QProcess::StandardError);
    Launch launch;
    QByteArray err;
    QElapsedTimer timer;
    timer.start();
    p.start(app, {u"--offline"_s, u"--db"_s, db});
    while (launch.externalMs < 0 && timer.elapsed() < 30'000) {
        if (!p.waitForReadyRead(50) && p.state() == QProcess::NotRunning)
            break;
        err += p.readAllStandardError();
        if (err.contains("longshot: first paint"))
            launch.externalMs = double(timer.nsecsElapsed()) / 1e6;
    }
    if (!p.waitForFinished(30'000))
        p.kill();
    err += p.readAllStandardError();
    static const QRegularExpression line(u"first paint (\\d+) ms .*VmHWM (\\d+) kB"_s);
    const auto m = line.match(QString::fromLocal8Bit(err));
    if (m.hasMatch()) {
        launch.reportedMs = m.captured(1).toDouble();
        launch.hwmKb = m.captured(2).toLongLong();
    } else {
        std::fprintf(stderr, "no first-paint line from %s:\n%s\n", qPrintable(app),
                     err.right(2000).constData());
    }
    return launch;
}

bool emptyDatabase(const QString &path) {
    storage::Connection c(storage::DatabaseConfig::sqlite(path), u"bench-empty"_s);
    return !c.open() && !storage::migrate(c);
}

// Returns the app's VmHWM at first paint on the big file (kB), or -1.
qint64 benchStartup(const QString &app, const QString &db, int launches) {
    std::printf("\n1. Start to first painted window: %s --offline --db <file>, offscreen, median of %d "
                "launches after one warm-up (load average %s)\n",
                qPrintable(QDir::toNativeSeparators(app)), launches, qPrintable(loadAverage()));
    if (!QFile::exists(app)) {
        std::printf("  SKIPPED: no app binary at %s (build the longshot target)\n", qPrintable(app));
        return -1;
    }
    QTemporaryDir home;
    const QString empty = home.filePath(u"empty.sqlite"_s);
    if (!home.isValid() || !emptyDatabase(empty)) {
        std::printf("  SKIPPED: cannot create the empty baseline database\n");
        return -1;
    }
    const Launch coldish = launchOnce(app, db, home.path());
    launchOnce(app, empty, home.path());
    std::vector<double> big, bigReported, base, baseReported;
    qint64 hwm = coldish.hwmKb;
    for (int i = 0; i < launches; ++i) {
        const Launch b = launchOnce(app, db, home.path());
        const Launch e = launchOnce(app, empty, home.path());
        if (b.externalMs >= 0) {
            big.push_back(b.externalMs);
            bigReported.push_back(b.reportedMs);
            hwm = std::max(hwm, b.hwmKb);
        }
        if (e.externalMs >= 0) {
            base.push_back(e.externalMs);
            baseReported.push_back(e.reportedMs);
        }
    }
    if (big.empty() || base.empty()) {
        std::printf("  FAILED: the app never reported a first paint\n");
        return -1;
    }
    const double figure = median(big);
    std::printf("  10M-trade file: %7.0f ms (the app's own count from process start: %.0f ms; first "
                "launch %.0f ms)\n",
                figure, median(bigReported), coldish.externalMs);
    std::printf("  empty database (raw baseline): %7.0f ms (app's own count %.0f ms); 10M/empty %.2f\n",
                median(base), median(baseReported), figure / median(base));
    std::printf("  start to first paint %.0f ms (target <= %.0f ms) %s\n", figure, kStartupTargetMs,
                verdict(figure <= kStartupTargetMs));
    std::printf("  the app's VmHWM at its first paint: %.1f MB\n", double(hwm) / 1024.0);
    return hwm;
}

// ---- 2. scrolling, 3. memory ----

// The History dock as the app builds it: the view, its model, and the worker on its own thread.
class HistoryRig final {
public:
    explicit HistoryRig(const QString &path) {
        m_worker = new storage::QueryWorker;
        m_worker->moveToThread(&m_thread);
        QObject::connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
        QObject::connect(&m_model, &HistoryModel::pageRequested, m_worker,
                         &storage::QueryWorker::requestPage);
        QObject::connect(m_worker, &storage::QueryWorker::pageReady, &m_model, &HistoryModel::pageArrived);
        QObject::connect(m_worker, &storage::QueryWorker::requestFailed, &m_model,
                         &HistoryModel::requestFailed);
        QObject::connect(m_worker, &storage::QueryWorker::opened, &m_view,
                         [this](bool ok, const QString &message) {
                             m_opened = ok ? 1 : -1;
                             if (!ok)
                                 std::fprintf(stderr, "open: %s\n", qPrintable(message));
                         });
        m_thread.start();
        storage::DatabaseConfig config = storage::DatabaseConfig::sqlite(path);
        config.readOnly = true;
        QMetaObject::invokeMethod(
            m_worker, [w = m_worker, config] { w->open(config); }, Qt::QueuedConnection);
        m_view.resize(1400, 900);
        m_view.show();
    }
    ~HistoryRig() {
        m_thread.quit();
        m_thread.wait();
    }
    Q_DISABLE_COPY_MOVE(HistoryRig)

    bool waitOpen() {
        return waitUntil([this] { return m_opened != 0; }, 60'000) && m_opened > 0;
    }
    HistoryModel &model() { return m_model; }
    views::HistoryView &view() { return m_view; }
    QTableView *table() { return m_view.table(); }
    QScrollBar *bar() { return m_view.table()->verticalScrollBar(); }
    bool loadedAll() const { return m_model.isAtEnd() || m_model.isCapped(); }

private:
    QThread m_thread;
    storage::QueryWorker *m_worker;
    HistoryModel m_model;
    views::HistoryView m_view{&m_model};
    int m_opened = 0;
};

struct Phase {
    const char *name;
    int steps;                    // ticks of the driver; a step may end the phase early
    std::function<bool()> action; // one user gesture; false: the phase is over
};

struct PhaseResult {
    double stallMs = 0;
    double busyMs = 0;
    int steps = 0;
    double seconds = 0;
};

// Runs `phase` one gesture per 8 ms tick (faster than a held Page Down key) with the stall
// probe sampling the GUI thread in between.
PhaseResult runPhase(const Phase &phase) {
    PhaseResult result;
    StallProbe probe;
    QEventLoop loop;
    QTimer driver;
    driver.setInterval(8);
    driver.setTimerType(Qt::PreciseTimer);
    QObject::connect(&driver, &QTimer::timeout, &loop, [&] {
        if (result.steps >= phase.steps || !phase.action()) {
            loop.quit();
            return;
        }
        ++result.steps;
    });
    QElapsedTimer timer;
    timer.start();
    probe.start();
    driver.start();
    loop.exec();
    driver.stop();
    // Let the last gesture's repaint and page answer land inside the measurement.
    waitUntil([] { return false; }, 50);
    result.stallMs = probe.stop();
    result.busyMs = probe.worstBusyMs();
    result.seconds = double(timer.nsecsElapsed()) / 1e9;
    return result;
}

// Scrolls to the end until the model has every row of its filter (or its cap).
Phase readToEnd(HistoryRig &rig, const char *name) {
    return {name, 100'000, [&rig] {
                rig.table()->scrollToBottom();
                return !rig.loadedAll() || rig.model().isLoading();
            }};
}

void printMemory(const char *when) {
    std::printf("  %-54s VmHWM %7.1f MB  VmRSS %7.1f MB (anonymous %6.1f, file %6.1f)\n", when,
                double(processStatusKb("VmHWM")) / 1024.0, double(processStatusKb("VmRSS")) / 1024.0,
                double(processStatusKb("RssAnon")) / 1024.0, double(processStatusKb("RssFile")) / 1024.0);
}

void benchScroll(const QString &path, qint64 appHwmKb) {
    std::printf("\n2. Scrolling the History dock over %s (offscreen, 1400x900; model pages of %d rows, "
                "capped at %d; load average %s)\n",
                qPrintable(QDir::toNativeSeparators(path)), HistoryModel::kPageSize,
                HistoryModel::kDefaultMaxRows, qPrintable(loadAverage()));
    const qint64 before = processStatusKb("VmHWM");
    HistoryRig rig(path);
    if (!rig.waitOpen()) {
        std::printf("  FAILED: the query worker could not open the database\n");
        return;
    }
    rig.view().setFilter({}); // everything, newest first
    if (!waitUntil([&] { return rig.model().rowCount() > 0 && !rig.model().isLoading(); }, 60'000)) {
        std::printf("  FAILED: no first page\n");
        return;
    }

    // Raw baseline: the same shown window and event loop, nobody scrolling.
    const PhaseResult idle = runPhase({"idle", 250, [] { return true; }});
    QScrollBar *bar = rig.bar();
    int jump = 0;
    const std::vector<Phase> phases = {
        {"page down x300", 300,
         [bar] {
             bar->triggerAction(QAbstractSlider::SliderPageStepAdd);
             return true;
         }},
        readToEnd(rig, "jump to the end until all rows are in"),
        {"jumps: middle, top, quarter, end, three quarters x400", 400,
         [bar, &jump] {
             const int max = bar->maximum();
             const int targets[] = {max / 2, 0, max / 4, max, 3 * max / 4};
             bar->setValue(targets[jump++ % 5]);
             return true;
         }},
        {"page up x300", 300,
         [bar] {
             bar->triggerAction(QAbstractSlider::SliderPageStepSub);
             return true;
         }},
    };
    double worst = 0;
    double worstBusy = 0;
    for (const Phase &phase : phases) {
        const PhaseResult r = runPhase(phase);
        worst = std::max(worst, r.stallMs);
        worstBusy = std::max(worstBusy, r.busyMs);
        std::printf("  %-54s %5d steps %6.1f s  longest stall %6.1f ms wall, %5.1f ms busy\n", phase.name,
                    r.steps, r.seconds, r.stallMs, r.busyMs);
    }
    std::printf("  rows in the model: %d (%s)\n", rig.model().rowCount(),
                rig.model().isCapped() ? "capped" : (rig.model().isAtEnd() ? "all" : "partial"));
    std::printf(
        "  idle event loop (raw baseline): longest stall %.1f ms wall, %.1f ms busy; scroll/idle %.2f\n",
        idle.stallMs, idle.busyMs, idle.stallMs > 0 ? worst / idle.stallMs : 0.0);
    std::printf(
        "  longest GUI-thread stall while scrolling %.1f ms wall, %.1f ms busy (target <= %.0f ms) %s\n",
        worst, worstBusy, kStallTargetMs,
        worst <= kStallTargetMs ? "MET"
                                : (worstBusy <= kStallTargetMs ? "MISSED on wall time only (busy "
                                                                 "within target: machine load)"
                                                               : "MISSED"));

    std::printf("\n3. Resident memory of this process (the dock, its model and worker)\n");
    std::printf("  %-54s VmHWM %7.1f MB\n", "before opening the database", double(before) / 1024.0);
    printMemory("after scrolling all rows in");
    HistoryFilter day;
    day.fromMs = kEndMs - 10 * kDayMs;
    day.toMs = day.fromMs + kDayMs;
    rig.view().setFilter(day);
    const PhaseResult dayRead = runPhase(readToEnd(rig, "one day"));
    std::printf("  one day read to its end: %d rows, %.2f s, longest stall %.1f ms\n", rig.model().rowCount(),
                dayRead.seconds, dayRead.stallMs);
    printMemory("after the one-day history");
    HistoryFilter trader;
    trader.trader = kWhale;
    rig.view().setFilter(trader);
    const PhaseResult traderRead = runPhase(readToEnd(rig, "one trader"));
    std::printf("  one trader read to its end: %d rows, %.2f s, longest stall %.1f ms\n",
                rig.model().rowCount(), traderRead.seconds, traderRead.stallMs);
    printMemory("after the one-trader history");
    const double hwmMb = double(processStatusKb("VmHWM")) / 1024.0;
    std::printf("  peak resident memory %.1f MB (target <= %.0f MB) %s\n", hwmMb, kMemoryTargetMb,
                verdict(hwmMb <= kMemoryTargetMb));
    if (appHwmKb > 0) {
        // The app at first paint holds the rest of the window; the dock's share adds to it.
        const double estimate = double(appHwmKb) / 1024.0 + hwmMb - double(before) / 1024.0;
        std::printf("  the app: %.1f MB at first paint + %.1f MB the scrolled dock added here = %.1f MB "
                    "(target <= %.0f MB) %s\n",
                    double(appHwmKb) / 1024.0, hwmMb - double(before) / 1024.0, estimate, kMemoryTargetMb,
                    verdict(estimate <= kMemoryTargetMb));
    }
}

} // namespace

int main(int argc, char **argv) {
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    TimedApplication app(argc, argv);
    QString path;
    QString appPath = QStringLiteral(LONGSHOT_APP_PATH);
    QString only;
    int launches = 5;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == u"--db"_s)
            path = args[i + 1];
        else if (args[i] == u"--app"_s)
            appPath = args[i + 1];
        else if (args[i] == u"--launches"_s)
            launches = std::max(1, args[i + 1].toInt());
        else if (args[i] == u"--only"_s)
            only = args[i + 1];
    }
    app.setEnabled(args.contains(u"--events"_s));
    if (path.isEmpty()) {
        // bench_history's files: the full one when it was generated, else the CI-sized one.
        for (const char *trades : {"10000000", "1000000"}) {
            const QString candidate =
                QDir::tempPath() + u"/longshot-bench-history-%1.sqlite"_s.arg(QLatin1String(trades));
            if (QFile::exists(candidate)) {
                path = candidate;
                break;
            }
        }
    }
    if (path.isEmpty() || !QFile::exists(path)) {
        std::printf("bench_historyui: SKIPPED, no history database; run bench_history --trades 10000000 "
                    "first (or pass --db)\n");
        return 0;
    }
    qint64 appHwm = -1;
    if (only.isEmpty() || only == u"startup"_s)
        appHwm = benchStartup(appPath, path, launches);
    if (only.isEmpty() || only == u"scroll"_s)
        benchScroll(path, appHwm);
    if (args.contains(u"--events"_s))
        app.print();
    return 0; // a missed target is reported, not a crash: ./dev bench runs every bench
}
