#pragma once

#include "models/domain/batchqueue.h"
#include "models/domain/decimal.h"
#include "models/domain/feedstatus.h"
#include "models/domain/fetcherror.h"
#include "models/domain/trade.h"

#include <QByteArrayView>
#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QString>
#include <QUrl>

#include <chrono>
#include <deque>
#include <memory>
#include <random>

class QLoggingCategory;
class QNetworkRequest;
class QTimer;
class QWebSocket;

namespace longshot::net {

// What differs between the exchanges' sockets in the shared lifecycle.
struct FeedSocketConfig {
    QString feed; // the status name, "polymarket.rtds" or "kalshi.ws"
    QUrl url;
    Decimal minNotional; // storage floor; 0 keeps everything
    // With no sign of life for this long the connection is replaced. What counts as life is
    // the subclass's call (touchAlive): RTDS only trades, because its pings keep answering
    // on a frozen socket; Kalshi any frame or pong.
    std::chrono::milliseconds silenceLimit{60'000};
    QString silenceMeaning; // "trade", "frame or pong": for the reconnect reason
    std::chrono::milliseconds pingInterval{5'000};
    bool pingAsText = false; // RTDS wants a "ping" text frame, Kalshi a WebSocket ping
    bool pongIsLife = false;
    std::chrono::milliseconds flushInterval{8};
    int flushMaxTrades = 1'000;
    std::chrono::milliseconds proactiveReconnect{0}; // 0: never replace a healthy socket
    BackoffPolicy backoff;
};

// The lifecycle every exchange WebSocket shares: connect, subscribe (subclass), a watchdog
// on silence, jittered reconnects, a gap recorded for every window the socket may have
// missed, trades de-duplicated and batched at the producer, each batch out to the GUI by
// queued signal and to storage through the bounded queue (never waited on; a refused batch
// becomes a gap), and a status sampled once a second. Lives on the net thread.
class FeedSocket : public QObject {
    Q_OBJECT
public:
    ~FeedSocket() override;
    Q_DISABLE_COPY_MOVE(FeedSocket)

    void start();
    void stop();
    // For tests and the status bar: upgrade attempts made.
    int connectionAttempts() const { return m_connectionAttempts; }

Q_SIGNALS:
    void tradesReceived(const longshot::TradeBatch &batch);
    void storageBatchQueued();
    // A window the socket may have missed (reconnect, refused batch, ...): REST fetches it.
    void gapDetected(const longshot::GapRange &gap);
    void statusChanged(const longshot::FeedStatus &status);

protected:
    using LogCategory = const QLoggingCategory &(*)();
    FeedSocket(FeedSocketConfig config, std::shared_ptr<BoundedBatchQueue> storageQueue, LogCategory log);

    // Before each connection attempt: reset per-connection state and sign the upgrade;
    // false means no attempt is made (the hook has already said why).
    virtual bool prepareConnection(QNetworkRequest &request);
    // After the upgrade: send the subscriptions.
    virtual void subscribe() = 0;
    // A text frame arrives as the QString's toUtf8(), whose spare capacity lets a simdjson
    // parser read it in place.
    virtual void handleFrame(const QByteArray &frame) = 0;
    virtual void onSocketError();
    virtual void onStarted() {}
    virtual void onStopping() {}

    void connectSocket();
    // Counts a trade, drops repeats and those under the floor, batches the rest.
    void acceptTrade(Trade trade);
    void flush();
    void hardReconnect(const QString &why);
    // A refused key: no retry storm, one quiet retry after `retryAfter` (a wrong clock may
    // have been fixed); new credentials reconnect at once through resetAuthentication().
    void failAuthentication(const QString &why, std::chrono::milliseconds retryAfter);
    void resetAuthentication();
    void touchAlive();
    void setState(FeedState state);
    void publishStatus();
    GapRange gapSinceLastTrade(qint64 fallbackFromMs, qint64 toMs, const QString &reason) const;
    QWebSocket *socket() const { return m_socket; }
    bool isConnected() const;
    FeedStatus &status() { return m_status; }

private:
    void onConnected();
    void onDisconnected();
    void checkLiveness();
    void scheduleReconnect();
    void sampleRate();
    bool rememberKey(const QString &key);
    void tearDownSocket();

    FeedSocketConfig m_socketConfig;
    std::shared_ptr<BoundedBatchQueue> m_queue;
    LogCategory m_log;
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
    int m_connectionAttempts = 0;
    bool m_running = false;
    bool m_everConnected = false;
    bool m_authFailed = false;
    qint64 m_lastAliveMs = 0; // local clock
    qint64 m_connectedAtMs = 0;
    qint64 m_disconnectedAtMs = 0; // local clock when the data stopped
    qint64 m_messagesAtLastStatus = 0;
    QElapsedTimer m_statusClock;
    QSet<QString> m_recentKeys; // the same fill can arrive twice (RTDS trades + orders_matched)
    std::deque<QString> m_recentOrder;
};

} // namespace longshot::net
