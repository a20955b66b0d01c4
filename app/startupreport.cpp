#include "app/startupreport.h"

#include "models/domain/processstatus.h"

#include <QCoreApplication>
#include <QEvent>
#include <QFile>
#include <QTimer>
#include <QWidget>

#include <cstdio>

#if defined(Q_OS_LINUX)
#include <time.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace longshot::app {

double msSinceProcessStart() {
#if defined(Q_OS_LINUX)
    QFile stat(u"/proc/self/stat"_s);
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    // Field 22, counted after the ")" that ends the command name (which may hold spaces).
    const QByteArray line = stat.readAll();
    const qsizetype close = line.lastIndexOf(')');
    if (close < 0)
        return -1;
    const QList<QByteArray> fields = line.mid(close + 2).split(' ');
    constexpr int kStartTime = 22 - 3; // fields 1 and 2 (pid, comm) precede the ")"
    if (fields.size() <= kStartTime)
        return -1;
    bool ok = false;
    const double startTicks = double(fields.at(kStartTime).toLongLong(&ok));
    const long ticksPerSecond = sysconf(_SC_CLK_TCK);
    timespec now{};
    if (!ok || ticksPerSecond <= 0 || clock_gettime(CLOCK_BOOTTIME, &now) != 0)
        return -1;
    const double nowMs = double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
    return nowMs - startTicks * 1e3 / double(ticksPerSecond);
#else
    return -1;
#endif
}

void StartupReport::installIfRequested(QWidget *window) {
    if (!qEnvironmentVariableIsSet(kVariable))
        return;
    auto *report = new StartupReport(window, qEnvironmentVariable(kVariable) == u"quit"_s);
    report->setParent(window);
    QCoreApplication::instance()->installEventFilter(report);
}

StartupReport::StartupReport(QWidget *window, bool quit)
    : m_window(window)
    , m_quit(quit) {}

bool StartupReport::eventFilter(QObject *watched, QEvent *event) {
    if (!m_seen && event->type() == QEvent::Paint && watched->isWidgetType() &&
        static_cast<QWidget *>(watched)->window() == m_window) {
        m_seen = true;
        QCoreApplication::instance()->removeEventFilter(this);
        // Reported once this paint has run and reached the window surface, not before it.
        QTimer::singleShot(0, this, &StartupReport::report);
    }
    return false;
}

void StartupReport::report() {
    std::fprintf(stderr,
                 "longshot: first paint %.0f ms after the process started; VmHWM %lld kB, VmRSS %lld kB\n",
                 msSinceProcessStart(), static_cast<long long>(processStatusKb("VmHWM")),
                 static_cast<long long>(processStatusKb("VmRSS")));
    std::fflush(stderr);
    if (m_quit)
        QCoreApplication::quit();
}

} // namespace longshot::app
