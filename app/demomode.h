#pragma once

#include "app/commandline.h"

#include <memory>

namespace longshot::net::sim {
class SimulatorThread;
}

namespace longshot::app {

// `longshot --demo`: the exchange simulator runs in-process on its own thread with a
// seeded generator, and every Polymarket endpoint points at it. Nothing leaves the machine.
class DemoMode final {
public:
    DemoMode();
    ~DemoMode();
    Q_DISABLE_COPY_MOVE(DemoMode)

    // Starts the simulator and rewrites the endpoints in options; false if it cannot listen.
    bool start(CommandLineOptions &options, int tradesPerSecond = 12);

private:
    std::unique_ptr<net::sim::SimulatorThread> m_simulator;
};

} // namespace longshot::app
