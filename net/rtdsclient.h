#pragma once

#include "models/domain/batchqueue.h"
#include "models/domain/decimal.h"
#include "models/domain/feedstatus.h"
#include "models/domain/fetcherror.h"
#include "models/domain/trade.h"
#include "net/rtdsparser.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QUrl>

#include <chrono>
#include <deque>
#include <memory>
#include <random>

class QTimer;
class QWebSocket;

namespace longshot::net {

struct RtdsConfig {
    QUrl url{QStringLiteral("wss://ws-live-data.polymarket.com")};
    Decimal minNotional = Decimal::fromMicros(100 * Decimal::kOne); // storage floor; 0 keeps everything
    std::chrono::milliseconds stallAfter{60'000};
    std::chrono::milliseconds pingInterval{5'000};
    // Producer batching window: short enough that a lone whale shows within a frame, long
    // enough that a burst becomes one insert per window rather than one per trade.
    std::chrono::milliseconds flushInterval{8};
    int flushMaxTrades = 1'000;
    // RTDS connections go quiet after 20-30 minutes; replacing them before that is cheaper than a stall.
    std::chrono::milliseconds proactiveReconnect{10 * 60'000};
    BackoffPolicy backoff{std::chrono::milliseconds(500), std::chrono::milliseconds(30'000), 1'000'000};
    bool subscribeOrdersMatched = true;
};

// The Polymarket real-time data socket. Lives on the net thread (create without parent,
// moveToThread, then invoke start()). Parses on that thread, batches at the producer and
// hands each batch out twice: to the GUI by queued signal, and to the storage writer
// through the bounded queue, which it never waits on.
class RtdsClient final : public QObject {
    Q_OBJECT
public:
    RtdsClient(RtdsConfig config, std::shared_ptr<BoundedBatchQueue> storageQueue);
    ~RtdsClient() override;

    void start();
    void stop();

Q_SIGNALS:
    void tradesReceived(const longshot::TradeBatch &batch);
    void storageBatchQueued();
    // A window the socket may have missed (reconnect, refused batch): the backfill fetches it.
    void gapDetected(const longshot::GapRange &gap);
    void statusChanged(const longshot::FeedStatus &status);

private:
    void connectSocket();
    void onConnected();
    void onDisconnected();
    void onTextMessage(const QString &message);
    void onBinaryMessage(const QByteArray &message);
    void handleFrame(QByteArrayView frame);
    void checkLiveness();
    void hardReconnect(const QString &why);
    void scheduleReconnect();
    void flush();
    void setState(FeedState state);
    void publishStatus();
    void sampleRate();
    bool rememberKey(const QString &key);
    void tearDownSocket();

    RtdsConfig m_config;
    std::shared_ptr<BoundedBatchQueue> m_queue;
    RtdsParser m_parser;
    QWebSocket *m_socket = nullptr;
    QTimer *m_pingTimer;
    QTimer *m_watchdog;
    QTimer *m_flushTimer;
    QTimer *m_statusTimer;
    QTimer *m_reconnectTimer;
    TradeBatch m_pending;
    FeedStatus m_status;
    std::mt19937_64 m_rng{std::random_device{}()};
    int m_attempt = 0;
    bool m_running = false;
    bool m_everConnected = false;
    qint64 m_lastDataMs = 0; // local clock: last valid trade payload
    qint64 m_connectedAtMs = 0;
    qint64 m_disconnectedAtMs = 0; // local clock when the data stopped
    qint64 m_messagesAtLastStatus = 0;
    QElapsedTimer m_statusClock;
    QSet<QString> m_recentKeys; // trades + orders_matched deliver the same fill twice
    std::deque<QString> m_recentOrder;
};

} // namespace longshot::net
