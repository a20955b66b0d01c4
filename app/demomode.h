#pragma once

#include "app/commandline.h"

#include <memory>

namespace longshot::net {
class KalshiSigner;
namespace sim {
class SimulatorThread;
}
} // namespace longshot::net

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
    // A throwaway key made in memory for this run; the simulator's Kalshi side verifies its
    // signatures like the exchange. Null until start() succeeded.
    std::shared_ptr<const net::KalshiSigner> kalshiSigner() const { return m_kalshiSigner; }

private:
    std::unique_ptr<net::sim::SimulatorThread> m_simulator;
    std::shared_ptr<const net::KalshiSigner> m_kalshiSigner;
};

} // namespace longshot::app
