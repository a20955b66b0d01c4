#include "app/demomode.h"

#include "net/kalshisigner.h"
#include "net/simulator/clobserver.h"
#include "net/simulator/exchangesimulator.h"
#include "net/simulator/kalshiserver.h"
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
    // A different tape on every start, like a real market; the generator itself
    // is seeded.
    m_simulator->startGenerator(tradesPerSecond, quint64(QDateTime::currentMSecsSinceEpoch()));
    // The CLOB market channel, gamma /markets and /holders for the market dock.
    m_simulator->runBlocking([&options](net::sim::ExchangeSimulator &sim) {
        sim.clob()->setChangeRate(40);
        // Trader profiles and the leaderboard read the tape's wallets (gamma /markets
        // comes from the CLOB side below).
        sim.setServeTapeTraders(true);
        options.endpoints.insert(EndpointKey::PolymarketClob, sim.clob()->marketUrl());
        options.endpoints.insert(EndpointKey::PolymarketGamma, sim.clob()->restUrl());
    });

    // Kalshi beside Polymarket, with real signatures: a key pair that lives only
    // in memory.
    auto load = net::KalshiSigner::fromPem(net::sim::KalshiServer::generatePrivateKeyPem(),
                                           QStringLiteral("demo-kalshi-key"));
    if (load.ok())
        m_kalshiSigner = std::make_shared<const net::KalshiSigner>(std::move(*load.signer));
    const QByteArray publicKey = m_kalshiSigner ? m_kalshiSigner->publicKeyPem() : QByteArray();
    QUrl kalshiWs;
    QUrl kalshiRest;
    const quint64 seed = quint64(QDateTime::currentMSecsSinceEpoch()) ^ 0x6b616c736869ULL;
    m_simulator->runBlocking([&](net::sim::ExchangeSimulator &sim) {
        net::sim::KalshiServer *kalshi = sim.kalshi();
        kalshi->setAuthKey(publicKey, QStringLiteral("demo-kalshi-key"));
        kalshi->setBooksFollowTrades(true); // a Kalshi market opened in the dock has a live book
        kalshi->startGenerator(std::max(1, tradesPerSecond / 2), seed);
        kalshiWs = kalshi->wsUrl();
        kalshiRest = kalshi->restUrl();
    });
    options.endpoints.insert(EndpointKey::KalshiWs, kalshiWs);
    options.endpoints.insert(EndpointKey::KalshiRest, kalshiRest);
    options.kalshiKeyFile.clear(); // the demo never touches the user's real key
    options.kalshiKeyId.clear();
    return true;
}

} // namespace longshot::app
