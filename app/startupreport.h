#pragma once

#include <QObject>

class QWidget;

namespace longshot::app {

// With LONGSHOT_STARTUP_REPORT set, prints one line on stderr at the main window's first
// paint: the time since the process started (the kernel's start time, so loading the
// libraries counts) and the resident memory so far. Set to "quit", it also leaves the event
// loop right after, which is how bench_historyui times start-ups. Unset, it costs nothing.
class StartupReport final : public QObject {
    Q_OBJECT
public:
    // Watches `window` (which must outlive the report) when the variable is set.
    static void installIfRequested(QWidget *window);
    static constexpr char kVariable[] = "LONGSHOT_STARTUP_REPORT";

    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    StartupReport(QWidget *window, bool quit);
    void report();

    QWidget *m_window;
    bool m_quit;
    bool m_seen = false;
};

// Milliseconds since this process started, from /proc (10 ms ticks); -1 where unavailable.
double msSinceProcessStart();

} // namespace longshot::app
