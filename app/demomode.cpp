#include "app/demomode.h"

#include "net/simulator/simulatorthread.h"

#include <QDateTime>

namespace longshot::app {

DemoMode::DemoMode() = default;
DemoMode::~DemoMode() = default;

bool DemoMode::start(CommandLineOptions &options, int tradesPerSecond) {
    m_simulator = std::make_unique<net::sim::SimulatorThread>();
    if (!m_simulator->start())
        return false;
    options.endpoints.insert(EndpointKey::PolymarketRtds, m_simulator->rtdsUrl());
    options.endpoints.insert(EndpointKey::PolymarketData, m_simulator->dataApiUrl());
    // A different tape on every start, like a real market; the generator itself is seeded.
    m_simulator->startGenerator(tradesPerSecond, quint64(QDateTime::currentMSecsSinceEpoch()));
    return true;
}

} // namespace longshot::app
