#pragma once

#include "models/domain/trade.h"
#include "net/simulator/exchangesimulator.h"

#include <QThread>
#include <QUrl>

#include <functional>
#include <memory>

namespace longshot::net::sim {

// Runs an ExchangeSimulator on a thread of its own, for load tests, benchmarks and
// `longshot --demo`, so serving never competes with the code under test for an event
// loop. RAII: the destructor deletes the simulator on its thread, then quit()s and
// wait()s. Use from one (owner) thread only.
class SimulatorThread final {
public:
    SimulatorThread();
    ~SimulatorThread();
    Q_DISABLE_COPY_MOVE(SimulatorThread)

    // Starts the thread and the servers and returns once both listen, so the URLs are
    // valid as soon as this returns true. The one place that blocks on the sim thread.
    bool start();
    QUrl rtdsUrl() const { return m_rtdsUrl; }
    QUrl dataApiUrl() const { return m_dataApiUrl; }

    // For connecting to its signals (use a context object on your side) and for
    // QMetaObject::invokeMethod. Never call its methods directly from the owner thread.
    ExchangeSimulator *simulator() const { return m_simulator; }

    // Queued onto the simulator thread; they return at once.
    void publish(const longshot::TradeBatch &trades);
    void startGenerator(int tradesPerSecond, quint64 seed);
    void stopGenerator();
    void dropConnections();
    void setStalled(bool stalled);
    void setFrameDelayMs(int delayMs);
    void queueHttpFaults(const QList<HttpFault> &faults);
    // Anything else, queued: post([](ExchangeSimulator &s) { s.setPongReply({}); }).
    void post(std::function<void(ExchangeSimulator &)> call);
    // Runs `call` on the simulator thread and waits for it (reads such as allTrades()).
    void runBlocking(const std::function<void(ExchangeSimulator &)> &call);

private:
    std::unique_ptr<QThread> m_thread;
    ExchangeSimulator *m_simulator = nullptr; // lives on m_thread, deleted there
    QUrl m_rtdsUrl;
    QUrl m_dataApiUrl;
};

} // namespace longshot::net::sim
