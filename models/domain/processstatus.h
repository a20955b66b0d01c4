#pragma once

#include <QtGlobal>

namespace longshot {

// A "VmHWM:"-style field of /proc/self/status in kB; -1 where unavailable. The memory
// figures the startup report logs and the history benchmark checks come from here.
qint64 processStatusKb(const char *field);

} // namespace longshot
