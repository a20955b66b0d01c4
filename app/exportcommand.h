#pragma once

#include "app/commandline.h"

namespace longshot::app {

// `longshot export trades`: stored trades as RFC 4180 CSV to a file or stdout, read through
// its own read-only connection. Works offline; touches no network.
int runExport(const CommandLineOptions &options);

} // namespace longshot::app
