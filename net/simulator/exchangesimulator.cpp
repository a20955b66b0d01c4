#include "net/simulator/exchangesimulator.h"

#include "net/simulator/clobserver.h"
#include "net/simulator/dataapiserver.h"
#include "net/simulator/kalshiserver.h"
#include "net/simulator/rtdsserver.h"
#include "net/simulator/tradegenerator.h"
#include "net/simulator/tradejson.h"
#include "net/simulator/tradestore.h"

#include <QDateTime>
#include <QTimer>

#include <algorithm>

namespace longshot::net::sim {

namespace {
// 100 ticks a second: 20,000 trades/s is 200 per publish(), small enough to keep the
// frames smooth and large enough that per-call overhead does not matter.
constexpr int kGeneratorTickMs = 10;
// After a long pause (debugger, suspended laptop) do not burst everything missed.
constexpr qint64 kMaxCatchUpMs = 1'000;
} // namespace

ExchangeSimulator::ExchangeSimulator(QObject *parent)
    : QObject(parent)
    , m_store(std::make_unique<TradeStore>(kMaxStoredTrades)) {
    m_rtds =
        new RtdsServer([store = m_store.get()](const Trade &trade) { return store->iconFor(trade); }, this);
    m_dataApi = new DataApiServer(m_store.get(), this);
    m_clob = new ClobServer(this);
    m_kalshi = new KalshiServer(this);
    m_generatorTimer = new QTimer(this);
    m_generatorTimer->setTimerType(Qt::PreciseTimer);
    m_generatorTimer->setInterval(kGeneratorTickMs);
    connect(m_generatorTimer, &QTimer::timeout, this, &ExchangeSimulator::onGeneratorTick);
    connect(m_rtds, &RtdsServer::clientConnected, this, &ExchangeSimulator::clientConnected);
    connect(m_rtds, &RtdsServer::clientDisconnected, this, &ExchangeSimulator::clientDisconnected);
    connect(m_rtds, &RtdsServer::clientSubscribed, this, &ExchangeSimulator::clientSubscribed);
    connect(m_dataApi, &DataApiServer::requestReceived, this, &ExchangeSimulator::httpRequest);
}

ExchangeSimulator::~ExchangeSimulator() {
    // The servers are children and go first in ~QObject; they hold a pointer to the
    // store, so destroy them before the store member dies.
    delete m_rtds;
    delete m_dataApi;
}

bool ExchangeSimulator::start() {
    return m_rtds->listen() && m_dataApi->listen() && m_kalshi->listen() && m_clob->listen();
}

bool ExchangeSimulator::isListening() const {
    return m_rtds->isListening() && m_dataApi->isListening();
}

QUrl ExchangeSimulator::rtdsUrl() const {
    return m_rtds->url();
}

QUrl ExchangeSimulator::dataApiUrl() const {
    return m_dataApi->url();
}

void ExchangeSimulator::publish(const TradeBatch &trades) {
    if (trades.isEmpty())
        return;
    m_store->add(trades);
    m_rtds->deliver(trades);
    m_clob->observeTrades(trades);
}

void ExchangeSimulator::setServeTapeTraders(bool on) {
    m_dataApi->setTapeTraders(on);
}

TradeBatch ExchangeSimulator::allTrades() const {
    return m_store->all();
}

void ExchangeSimulator::sendRawFrame(const QByteArray &frame) {
    m_rtds->sendRaw(frame);
}

int ExchangeSimulator::publishFixtureFrames(const QByteArray &jsonArray) {
    const auto elements = json::splitArray(jsonArray);
    if (!elements)
        return -1;
    for (const QByteArrayView element : *elements) {
        const json::FrameTrades found = json::tradesFromFrame(element);
        for (auto it = found.icons.cbegin(); it != found.icons.cend(); ++it)
            m_store->setIcon(it.key(), it.value());
        m_store->add(found.trades);
        m_rtds->sendData(element.toByteArray());
    }
    return int(elements->size());
}

void ExchangeSimulator::startGenerator(int tradesPerSecond, quint64 seed) {
    m_generator = std::make_unique<TradeGenerator>(seed, QDateTime::currentMSecsSinceEpoch());
    m_generatorRate = std::max(0, tradesPerSecond);
    m_generatorEmitted = 0;
    m_generatorClock.start();
    m_generatorTimer->start();
}

void ExchangeSimulator::stopGenerator() {
    m_generatorTimer->stop();
    m_generator.reset();
}

bool ExchangeSimulator::isGenerating() const {
    return m_generatorTimer->isActive();
}

void ExchangeSimulator::onGeneratorTick() {
    if (!m_generator)
        return;
    const qint64 elapsedMs = m_generatorClock.elapsed();
    qint64 due = elapsedMs * m_generatorRate / 1000 - m_generatorEmitted;
    const qint64 cap = std::max<qint64>(1, m_generatorRate * kMaxCatchUpMs / 1000);
    if (due > cap) {
        m_generatorEmitted += due - cap;
        due = cap;
    }
    if (due <= 0)
        return;
    m_generatorEmitted += due;
    publish(m_generator->generate(int(due), QDateTime::currentMSecsSinceEpoch()));
}

void ExchangeSimulator::setActivityDelivery(ActivityDelivery delivery) {
    m_rtds->setActivityDelivery(delivery);
}

void ExchangeSimulator::setPongReply(const QString &reply) {
    m_rtds->setPongReply(reply);
}

void ExchangeSimulator::dropConnections() {
    m_rtds->dropConnections();
}

void ExchangeSimulator::setStalled(bool stalled) {
    m_rtds->setStalled(stalled);
}

bool ExchangeSimulator::isStalled() const {
    return m_rtds->isStalled();
}

void ExchangeSimulator::setFrameDelayMs(int delayMs) {
    m_rtds->setFrameDelayMs(delayMs);
}

void ExchangeSimulator::queueHttpFaults(const QList<HttpFault> &faults) {
    m_dataApi->queueFaults(faults);
}

qsizetype ExchangeSimulator::pendingHttpFaults() const {
    return m_dataApi->pendingFaults();
}

int ExchangeSimulator::connectedClients() const {
    return m_rtds->clientCount();
}

int ExchangeSimulator::httpRequestsServed() const {
    return m_dataApi->requestsServed();
}

qint64 ExchangeSimulator::framesSent() const {
    return m_rtds->framesSent();
}

} // namespace longshot::net::sim
