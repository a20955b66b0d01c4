#include "net/simulator/simulatorthread.h"

#include "models/domain/threadpriority.h"

#include <QMetaObject>

namespace longshot::net::sim {

SimulatorThread::SimulatorThread()
    : m_thread(std::make_unique<QThread>()) {
    m_thread->setObjectName(QStringLiteral("longshot-simulator"));
    // It stands in for an exchange that runs elsewhere: on this machine it must not take the
    // GUI thread's core, or the demo and the benchmarks would measure the simulator.
    QObject::connect(
        m_thread.get(), &QThread::started, m_thread.get(),
        [] { applyToCurrentThread(ThreadPriority::Background); }, Qt::DirectConnection);
}

SimulatorThread::~SimulatorThread() {
    if (m_simulator) {
        // Deleted on its own thread: its sockets and timers belong there.
        QMetaObject::invokeMethod(
            m_simulator, [sim = m_simulator] { delete sim; }, Qt::BlockingQueuedConnection);
        m_simulator = nullptr;
    }
    m_thread->quit();
    m_thread->wait();
}

bool SimulatorThread::start() {
    if (m_simulator)
        return !m_rtdsUrl.isEmpty();
    m_thread->start();
    // Created here, then handed over: its children (servers, timers) move with it and
    // nothing has started yet, so no socket was ever used on this thread.
    m_simulator = new ExchangeSimulator();
    m_simulator->moveToThread(m_thread.get());
    bool ok = false;
    QUrl rtds;
    QUrl dataApi;
    QMetaObject::invokeMethod(
        m_simulator,
        [&, sim = m_simulator] {
            ok = sim->start();
            rtds = sim->rtdsUrl();
            dataApi = sim->dataApiUrl();
        },
        Qt::BlockingQueuedConnection);
    if (!ok)
        return false;
    m_rtdsUrl = rtds;
    m_dataApiUrl = dataApi;
    return true;
}

void SimulatorThread::post(std::function<void(ExchangeSimulator &)> call) {
    if (!m_simulator)
        return;
    QMetaObject::invokeMethod(
        m_simulator, [sim = m_simulator, call = std::move(call)] { call(*sim); }, Qt::QueuedConnection);
}

void SimulatorThread::runBlocking(const std::function<void(ExchangeSimulator &)> &call) {
    if (!m_simulator)
        return;
    QMetaObject::invokeMethod(
        m_simulator, [sim = m_simulator, &call] { call(*sim); }, Qt::BlockingQueuedConnection);
}

void SimulatorThread::publish(const TradeBatch &trades) {
    post([trades](ExchangeSimulator &s) { s.publish(trades); });
}

void SimulatorThread::startGenerator(int tradesPerSecond, quint64 seed) {
    post([tradesPerSecond, seed](ExchangeSimulator &s) { s.startGenerator(tradesPerSecond, seed); });
}

void SimulatorThread::stopGenerator() {
    post([](ExchangeSimulator &s) { s.stopGenerator(); });
}

void SimulatorThread::dropConnections() {
    post([](ExchangeSimulator &s) { s.dropConnections(); });
}

void SimulatorThread::setStalled(bool stalled) {
    post([stalled](ExchangeSimulator &s) { s.setStalled(stalled); });
}

void SimulatorThread::setFrameDelayMs(int delayMs) {
    post([delayMs](ExchangeSimulator &s) { s.setFrameDelayMs(delayMs); });
}

void SimulatorThread::queueHttpFaults(const QList<HttpFault> &faults) {
    post([faults](ExchangeSimulator &s) { s.queueHttpFaults(faults); });
}

} // namespace longshot::net::sim
