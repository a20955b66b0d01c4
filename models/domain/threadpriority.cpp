#include "models/domain/threadpriority.h"

#include <QtGlobal>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace longshot {

namespace {
// nice 5 weighs about a third of nice 0: the writer keeps up with a busy feed on a loaded
// machine, yet yields to the GUI thread within a scheduler tick.
constexpr int kBackgroundNice = 5;
} // namespace

void applyToCurrentThread(ThreadPriority priority) {
#ifdef Q_OS_LINUX
    switch (priority) {
    case ThreadPriority::Normal:
        return;
    case ThreadPriority::Background: {
        // PRIO_PROCESS with a thread id sets that one thread's nice on Linux. Failure (a
        // sandbox without the permission) only costs responsiveness, never correctness.
        const int current = getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
        if (current < kBackgroundNice)
            (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kBackgroundNice);
        return;
    }
    }
#else
    Q_UNUSED(priority)
#endif
}

} // namespace longshot
