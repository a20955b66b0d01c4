#pragma once

#include "app/commandline.h"

namespace longshot::app {

// The headless commands. They run under a QCoreApplication (no display needed) and return
// the process exit code. The implementations live with the lead's pipeline code.
int runCollect(const CommandLineOptions &options);
int runExport(const CommandLineOptions &options);
int runSync(const CommandLineOptions &options);

} // namespace longshot::app
