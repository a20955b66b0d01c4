#pragma once

#include "models/domain/orderbook.h"
#include "models/domain/trade.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <random>

class QTcpServer;
class QTcpSocket;
class QTimer;
class QWebSocket;
class QWebSocketServer;

namespace longshot::net::sim {

// The Polymarket CLOB market channel (ws://127.0.0.1:P/ws/market) and the two REST reads
// the market dock makes (gamma GET /markets?condition_ids=…, data-api GET /holders?market=…)
// on a second port, for every market the simulator has traded. Books are synthetic but the
// protocol is the real one: an initial subscription, then text PING (before it: close 1008),
// dynamic {"operation":"subscribe"|"unsubscribe"}, a `book` array on subscribe with the best
// level last, `price_change` legs with absolute sizes, `last_trade_price` for every fill.
// Same-thread only, like the other simulator servers.
class ClobServer final : public QObject {
    Q_OBJECT
public:
    explicit ClobServer(QObject *parent = nullptr);
    ~ClobServer() override;
    Q_DISABLE_COPY_MOVE(ClobServer)

    bool listen();
    bool isListening() const;
    QUrl marketUrl() const; // ws://127.0.0.1:P/ws/market
    QUrl restUrl() const;   // http://127.0.0.1:Q (gamma /markets and data-api /holders)

    // A binary market with its two token ids; the books start around `midYes`.
    void addMarket(const QString &conditionId, const QString &title, const QStringList &outcomes,
                   const QStringList &tokenIds, Decimal midYes);
    // Learns markets from the fills (title, outcomes, token ids), sends each fill as a
    // last_trade_price to the token's subscribers, and moves the book it traded against.
    void observeTrades(const longshot::TradeBatch &trades);
    // Random level changes per second across subscribed tokens (0 stops them).
    void setChangeRate(int changesPerSecond);
    // Aborts every market-channel socket at the TCP level (no close handshake).
    void dropClients();

    bool knowsToken(const QString &assetId) const { return m_tokens.contains(assetId); }
    QStringList tokensOf(const QString &conditionId) const;
    OrderBook bookOf(const QString &assetId) const { return m_tokens.value(assetId).book; }
    int subscribedClients() const;
    qint64 changeFramesSent() const { return m_changeFrames; }

Q_SIGNALS:
    void subscribed(const QStringList &assetIds);
    void unsubscribed(const QStringList &assetIds);
    void closedForProtocol(int code, const QString &reason);

private:
    struct Token {
        QString conditionId;
        int outcomeIndex = 0;
        OrderBook book;
        Decimal tick;
        std::optional<Decimal> lastTrade;
    };
    struct MarketInfo {
        QString title;
        QString slug;
        QStringList outcomes;
        QStringList tokenIds;
        QHash<QString, Decimal> bought; // wallet|outcomeIndex -> shares bought (for /holders)
    };
    struct Client {
        bool subscribed = false;
        QSet<QString> assets;
    };

    void onNewSocket();
    void onText(QWebSocket *socket, const QString &text);
    void sendBooks(QWebSocket *socket, const QStringList &assetIds);
    void broadcast(const QString &assetId, const QByteArray &frame);
    void ensureToken(const QString &conditionId, int outcomeIndex, const QString &assetId, Decimal mid);
    void seedBook(Token &token, Decimal mid);
    void onChangeTick();
    void onHttp(QTcpSocket *socket);
    QByteArray marketsBody(const QUrl &url) const;
    QByteArray holdersBody(const QUrl &url) const;
    QByteArray bookFrame(const QString &assetId) const;

    QWebSocketServer *m_ws;
    QTcpServer *m_http;
    QTimer *m_changeTimer;
    QHash<QWebSocket *, Client> m_clients;
    QHash<QString, Token> m_tokens;       // asset id -> book
    QHash<QString, MarketInfo> m_markets; // condition id -> metadata
    QHash<QTcpSocket *, QByteArray> m_httpBuffers;
    std::mt19937_64 m_rng{20261123};
    int m_changesPerTick = 0;
    qint64 m_changeFrames = 0;
};

} // namespace longshot::net::sim
