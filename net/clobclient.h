#pragma once

#include "models/domain/decimal.h"
#include "models/domain/feedstatus.h"
#include "models/domain/fetcherror.h"
#include "models/domain/orderbook.h"
#include "net/clobparser.h"

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <random>

class QTimer;
class QWebSocket;

namespace longshot::net {

struct ClobConfig {
    QUrl url{QStringLiteral("wss://ws-subscriptions-clob.polymarket.com/ws/market")};
    std::chrono::milliseconds pingInterval{10'000};
    // No frame at all (PONG included) for this long: the socket is dead.
    std::chrono::milliseconds silentAfter{35'000};
    // Book snapshots per asset are coalesced to one per interval (~30/s).
    std::chrono::milliseconds publishInterval{33};
    BackoffPolicy backoff{std::chrono::milliseconds(500), std::chrono::milliseconds(30'000), 1'000'000};
    int chunkSize = 100; // asset ids per subscribe message
};

// One token's book as it stood at publish time: a value, safe to queue to the GUI.
struct ClobBookSnapshot {
    QString market; // condition id
    QString assetId;
    OrderBook book;
    qint64 timestampMs = 0; // exchange time of the newest event applied
    std::optional<Decimal> lastTradePrice;
    qint64 generation = 0; // bumps when the book was rebuilt from a `book` frame (reconnect, resync)
};
using ClobBookList = QList<ClobBookSnapshot>;
using ClobTradeList = QList<ClobLastTrade>;

// The Polymarket CLOB market channel on the net thread (create without parent, moveToThread,
// invoke start()). It connects only while some asset is wanted, subscribes before the first
// PING (a ping first is closed with 1008), keeps one OrderBook per asset from `book` and
// `price_change`, and hands out coalesced snapshots as values.
class ClobClient final : public QObject {
    Q_OBJECT
public:
    explicit ClobClient(ClobConfig config, QObject *parent = nullptr);
    ~ClobClient() override;
    Q_DISABLE_COPY_MOVE(ClobClient)

    QStringList subscribedAssets() const;
    OrderBook bookOf(const QString &assetId) const { return m_books.value(assetId).book; }

public Q_SLOTS:
    void start();
    void stop();
    // Adds assets to the wanted set (a live socket gets {"operation":"subscribe"}).
    void subscribe(const QStringList &assetIds);
    void unsubscribe(const QStringList &assetIds);
    // Exactly this set: unsubscribes the rest (what the market dock uses on selection).
    void setAssets(const QStringList &assetIds);

Q_SIGNALS:
    void booksUpdated(const longshot::net::ClobBookList &books);
    void lastTrades(const longshot::net::ClobTradeList &trades);
    void statusChanged(const longshot::FeedStatus &status);

private:
    struct Book {
        QString market;
        OrderBook book;
        qint64 timestampMs = 0;
        std::optional<Decimal> lastTradePrice;
        qint64 generation = 0;
        bool seen = false; // a `book` frame arrived: changes before it have nothing to apply to
    };

    void connectSocket();
    void onConnected();
    void onDisconnected();
    void onText(const QString &text);
    void handleEvent(ClobEvent &event);
    void sendSubscribe(const QStringList &assetIds, bool initial);
    void sendOperation(const char *operation, const QStringList &assetIds);
    void markDirty(const QString &assetId);
    void publish();
    void checkLiveness();
    void scheduleReconnect(const QString &why);
    void tearDownSocket();
    void setState(FeedState state);

    ClobConfig m_config;
    ClobParser m_parser;
    QWebSocket *m_socket = nullptr;
    QTimer *m_pingTimer;
    QTimer *m_watchdog;
    QTimer *m_publishTimer;
    QTimer *m_reconnectTimer;
    QStringList m_wanted; // order kept: the first chunk is the initial subscription
    QHash<QString, Book> m_books;
    QSet<QString> m_dirty;
    ClobTradeList m_pendingTrades;
    FeedStatus m_status;
    std::mt19937_64 m_rng{std::random_device{}()};
    int m_attempt = 0;
    bool m_running = false;
    bool m_subscribed = false; // the socket has a valid subscription: PING is allowed
    qint64 m_lastFrameMs = 0;
    qint64 m_generation = 0;
};

} // namespace longshot::net

Q_DECLARE_METATYPE(longshot::net::ClobBookSnapshot)
