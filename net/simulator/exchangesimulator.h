#pragma once

#include "models/domain/trade.h"
#include "net/simulator/httpfault.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

class QTimer;

namespace longshot::net::sim {

class ClobServer;
class DataApiServer;
class KalshiServer;
class RtdsServer;
class TradeGenerator;
class TradeStore;

// Which activity types carry each fill. The live server has at times duplicated every
// fill on `trades` and `orders_matched`, and at times left `trades` silent.
enum class ActivityDelivery : quint8 { TradesAndOrdersMatched, TradesOnly, OrdersMatchedOnly };

// A local stand-in for Polymarket: the RTDS websocket (wss://ws-live-data.polymarket.com,
// topic `activity`) and data-api v1 `GET /trades`, both on 127.0.0.1 with ephemeral ports,
// serving one shared trade set so a socket gap can be backfilled over REST exactly as in
// production. Fault hooks reproduce the failures seen live: silent stalls, abrupt drops,
// slow frames, 429s, Cloudflare HTML pages, 5xx and truncated bodies.
//
// Threading: a plain QObject. Every public method must be called on the thread the
// object lives in (the creating thread, or the thread it was moved to); from elsewhere go
// through QMetaObject::invokeMethod, or use SimulatorThread which does that for you.
class ExchangeSimulator final : public QObject {
    Q_OBJECT
public:
    explicit ExchangeSimulator(QObject *parent = nullptr);
    ~ExchangeSimulator() override;
    Q_DISABLE_COPY_MOVE(ExchangeSimulator)

    // Listens on QHostAddress::LocalHost, port 0, for both servers. False when either
    // listen() fails; calling it again after success is a no-op returning true.
    bool start();
    bool isListening() const;
    QUrl rtdsUrl() const;    // ws://127.0.0.1:P/
    QUrl dataApiUrl() const; // http://127.0.0.1:Q (base; the endpoint is /trades)
    // The CLOB market channel and the market dock's REST reads (gamma /markets, /holders)
    // for the markets published so far; every published fill also goes out on it.
    ClobServer *clob() const { return m_clob; }
    // The Kalshi side (REST + WS on one port of its own), started with the others. Its
    // trades, books and auth key are separate from the Polymarket set.
    KalshiServer *kalshi() const { return m_kalshi; }

    // --- trade set -------------------------------------------------------------------
    // Appends to the set REST serves and, unless stalled, sends one RTDS frame per trade
    // to every matching subscriber (twice to a client subscribed to both activity types,
    // as the live server does, unless setActivityDelivery says otherwise).
    void publish(const longshot::TradeBatch &trades);
    // Everything published so far (capped at kMaxStoredTrades, oldest dropped first),
    // oldest first by timestamp; equal timestamps keep publish order.
    longshot::TradeBatch allTrades() const;
    static constexpr qsizetype kMaxStoredTrades = 500'000;
    // Bytes go out verbatim as one text frame to every connected client at once:
    // subscribed or not, ignoring stall and frame delay (adversarial tests: garbage,
    // HTML, truncated JSON, huge frames). Never reaches the REST set.
    void sendRawFrame(const QByteArray &frame);
    // A JSON array of captured RTDS frames (e.g. rtds_activity_trades_whalescan.json):
    // each element's exact source text (indentation included) is sent as one frame to
    // every connected client, subscribed or not; like publish() these are data frames, so
    // a stall withholds them and the frame delay holds them back. The activity trades
    // inside are added to the REST set either way. Returns the number of elements, or -1
    // when the text is not a JSON array.
    int publishFixtureFrames(const QByteArray &jsonArray);

    // --- generator ---------------------------------------------------------------------
    // Publishes TradeGenerator(seed) output at about tradesPerSecond, stamped with the wall
    // clock, batched per 10 ms tick so 20,000/s is a hundred publish() calls a second.
    // Restarting replaces the previous generator.
    void startGenerator(int tradesPerSecond, quint64 seed);
    void stopGenerator();
    bool isGenerating() const;

    // --- protocol switches ------------------------------------------------------------
    void setActivityDelivery(ActivityDelivery delivery);
    // Reply to a text "ping"/"PING"; the live server is inconsistent. Empty: no reply.
    void setPongReply(const QString &reply);
    // The data-api trader endpoints (/activity, /positions, /closed-positions, /value,
    // /v1/leaderboard) for every wallet on the tape, so a trader sync has something to read.
    void setServeTapeTraders(bool on);

    // --- faults ------------------------------------------------------------------------
    // Aborts every RTDS socket at the TCP level (no close handshake). HTTP is unaffected.
    void dropConnections();
    // The live "silent stall": sockets stay open and keep answering pings, protocol and
    // text, but no data frames go out. Trades published meanwhile still reach REST.
    void setStalled(bool stalled);
    bool isStalled() const;
    // Holds every data frame back this long (order is kept). 0 sends at once.
    void setFrameDelayMs(int delayMs);
    // Each fault is used by the next HTTP request, in order.
    void queueHttpFaults(const QList<HttpFault> &faults);
    qsizetype pendingHttpFaults() const;

    int connectedClients() const;
    int httpRequestsServed() const;
    qint64 framesSent() const; // data frames written to sockets (trades x subscribers)

Q_SIGNALS:
    void clientConnected();
    void clientDisconnected();
    void clientSubscribed(const QString &topic, const QString &type);
    void httpRequest(const QString &pathAndQuery);

private:
    void onGeneratorTick();

    std::unique_ptr<TradeStore> m_store;
    RtdsServer *m_rtds = nullptr;
    DataApiServer *m_dataApi = nullptr;
    ClobServer *m_clob = nullptr;
    KalshiServer *m_kalshi = nullptr;
    std::unique_ptr<TradeGenerator> m_generator;
    QTimer *m_generatorTimer = nullptr;
    QElapsedTimer m_generatorClock;
    qint64 m_generatorEmitted = 0;
    int m_generatorRate = 0;
};

} // namespace longshot::net::sim
