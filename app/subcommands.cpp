#include "app/subcommands.h"

#include <cstdio>

// collect and export live in collectcommand.cpp and exportcommand.cpp.

namespace longshot::app {

int runSync(const CommandLineOptions &) {
    // Trader sync (the Traders issue) is not built yet; say so rather than pretend.
    std::fprintf(stderr, "longshot sync: trader sync is not available in this version\n");
    return 2;
}

} // namespace longshot::app
