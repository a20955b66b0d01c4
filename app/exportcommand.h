#pragma once

#include "app/commandline.h"
#include "app/subcommands.h"

namespace longshot::app {

// `longshot export trades`: stored trades as RFC 4180 CSV to a file or stdout, read through
// its own read-only connection. Works offline; touches no network.

} // namespace longshot::app
