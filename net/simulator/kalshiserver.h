#pragma once

#include "models/domain/orderbook.h"
#include "models/domain/trade.h"
#include "net/simulator/httpfault.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QMap>
#include <QObject>
#include <QSet>
#include <QString>
#include <QUrl>

#include <memory>
#include <optional>
#include <vector>

class QJsonObject;
class QTcpServer;
class QTcpSocket;
class QTimer;
class QWebSocket;
class QWebSocketServer;

namespace longshot::net::sim {

class KalshiTradeGenerator;

// A local stand-in for Kalshi on one 127.0.0.1 port, as the real host serves both: REST
// under /trade-api/v2 (markets/trades newest first with cursor paging, markets,
// markets/{ticker}, markets/{ticker}/orderbook, historical/cutoff, historical/trades,
// series, series/{ticker}) and the v2 WebSocket at /trade-api/ws/v2. With a public key
// configured the upgrade must carry KALSHI-ACCESS-KEY/-TIMESTAMP/-SIGNATURE: the RSA-PSS
// signature is verified and a timestamp outside the freshness window is refused; either
// failure is an HTTP 401 before the upgrade, as the exchange answers. Hooks force what
// the live service does now and then: a skipped seq, a subscription ended by error 10/17/25,
// 429s with the observed nested body and no Retry-After, empty pages with a cursor.
// Same-thread only (see ExchangeSimulator).
class KalshiServer final : public QObject {
    Q_OBJECT
public:
    static constexpr int kMaxLimit = 1000;

    explicit KalshiServer(QObject *parent = nullptr);
    ~KalshiServer() override;
    Q_DISABLE_COPY_MOVE(KalshiServer)

    bool listen();
    bool isListening() const;
    QUrl restUrl() const; // http://127.0.0.1:P/trade-api/v2
    QUrl wsUrl() const;   // ws://127.0.0.1:P/trade-api/ws/v2

    // --- authentication ------------------------------------------------------------
    // SubjectPublicKeyInfo PEM and the key id it belongs to. Without a key every upgrade
    // is accepted.
    void setAuthKey(const QByteArray &publicKeyPem, const QString &keyId);
    void setFreshnessWindowMs(qint64 ms) { m_freshnessMs = ms; }
    // The server's clock runs this far ahead of the machine's: a client whose clock is off
    // by more than the window gets its timestamps refused as stale.
    void setClockSkewMs(qint64 ms) { m_clockSkewMs = ms; }
    // Answer every command with error 9 (authentication required), as a socket whose
    // session the exchange no longer honours.
    void setRejectCommandsUnauthenticated(bool reject) { m_rejectCommands = reject; }
    // A throwaway RSA key pair for --demo and tests: PKCS#8 private key PEM (never written
    // anywhere by the simulator). Empty if OpenSSL fails.
    static QByteArray generatePrivateKeyPem(int bits = 2048);

    // --- trades ---------------------------------------------------------------------
    // Kalshi trades (venue Kalshi): kept for REST and sent on every matching `trade` sub.
    void publish(const TradeBatch &trades);
    TradeBatch allTrades() const; // oldest first
    void startGenerator(int tradesPerSecond, quint64 seed);
    void stopGenerator();

    // --- historical split ----------------------------------------------------------------
    // As the exchange splits its tape: /markets/trades serves trades created at or after the
    // cutoff, /historical/trades those before it, and /historical/cutoff names it. Unset, the
    // cutoff is 90 days before the server's clock, read at each request.
    static constexpr qint64 kDefaultCutoffAgeMs = 90LL * 24 * 3600 * 1000;
    void setHistoricalCutoffMs(qint64 ms) { m_cutoffMs = ms; }
    qint64 historicalCutoffMs() const;
    // The two tapes disagree at the edge by this much: /historical/trades also serves trades
    // up to this long after the cutoff (which /markets/trades serves too).
    void setHistoricalOverlapMs(qint64 ms) { m_overlapMs = ms; }
    // The next /historical/cutoff requests fail with these, one each, in order.
    void queueCutoffFaults(const QList<HttpFault> &faults) { m_cutoffFaults += faults; }
    // REST requests whose path (without the query) ends with `suffix`, e.g. "/historical/trades".
    int restRequestsTo(const QString &suffix) const;

    // --- order books ------------------------------------------------------------------
    // Resting bids per outcome, as Kalshi lists them. Replacing a book sends a fresh
    // snapshot to its subscribers.
    void setBook(const QString &ticker, const QList<PriceLevel> &yesBids, const QList<PriceLevel> &noBids);
    // Changes one level and sends an orderbook_delta to the book's subscribers.
    void applyBookDelta(const QString &ticker, OutcomeSide side, Decimal price, Decimal delta);
    // Demo: books that live with the tape. A market's first fill seeds ten levels a side
    // around its price, later fills take from the touch and new orders rest behind it, and a
    // fill far from the book re-centres it. Off by default (tests set books themselves).
    void setBooksFollowTrades(bool follow) { m_booksFollowTrades = follow; }
    // The book seen from YES (yesBookFromKalshi), for comparison with a client's copy.
    OrderBook book(const QString &ticker) const;
    // The next orderbook_delta on every current orderbook subscription skips a seq number.
    void skipNextSeq();
    // Ends every subscription of `channel` with an error frame carrying `code` (10, 17, 25).
    void endSubscriptions(const QString &channel, int code);

    // --- faults ------------------------------------------------------------------------
    void queueRateLimited(int count) { m_rateLimited += count; } // next REST requests get 429
    void queueEmptyPages(int count) { m_emptyPages += count; }   // next trade pages: [] + cursor
    void dropConnections();

    int upgradeAttempts() const { return m_upgradeAttempts; }
    int upgradesRefused() const { return m_upgradesRefused; }
    int connectedClients() const { return int(m_clients.size()); }
    int restRequests() const { return m_restRequests; }
    qint64 commandsReceived() const { return m_commands; }

Q_SIGNALS:
    void upgradeRefused(int status, const QString &reason);
    void clientConnected();
    void subscribed(const QString &channel, qint64 sid);
    void snapshotRequested(qint64 sid);
    void restRequest(const QString &pathAndQuery);

private:
    struct Sub {
        QString channel;
        QSet<QString> tickers; // empty on `trade`: the whole exchange
        qint64 seq = 0;
        bool skipNext = false;
    };
    struct Client {
        QWebSocket *socket = nullptr;
        QMap<qint64, Sub> subs; // by sid
        qint64 nextSid = 1;
    };
    struct Book {
        QString marketId;
        QMap<qint64, qint64> yes; // price micros -> size micros
        QMap<qint64, qint64> no;
    };
    struct Stored {
        qint64 ts;
        qint64 order; // publish order, breaks ties so the cursor is exact
        Trade trade;
    };
    struct HttpReply {
        int status = 200;
        QByteArray body;
        QByteArray contentType = "application/json";
    };
    enum class Tape : quint8 { Live = 1, Historical };

    void onTcpConnection();
    void onHead(QTcpSocket *socket);
    bool authorize(const QList<std::pair<QByteArray, QByteArray>> &headers, QByteArray *why) const;
    void onWsConnection();
    void onCommand(quint64 clientId, const QString &text);
    void subscribe(quint64 clientId, qint64 id, const QJsonObject &params);
    void updateSubscription(quint64 clientId, qint64 id, const QJsonObject &params);
    void sendSnapshot(Client &client, qint64 sid, const QString &ticker);
    void sendError(Client &client, qint64 id, int code, const QString &message);
    void sendFrame(Client &client, const QByteArray &frame);
    HttpReply answerRest(const QByteArray &method, const QByteArray &target);
    HttpReply tradesPage(const QUrl &url, Tape tape);
    HttpReply cutoff();
    HttpReply seriesList(const QUrl &url) const;
    HttpReply series(const QString &ticker) const;
    QByteArray seriesJson(const QString &seriesTicker) const;
    QStringList seriesTickers() const;
    HttpReply marketsPage(const QUrl &url) const;
    HttpReply market(const QString &ticker) const;
    QByteArray marketJson(const QString &ticker) const;
    HttpReply orderbook(const QString &ticker) const;
    bool knowsMarket(const QString &ticker) const;
    void followTrade(const Trade &trade);
    Book &bookFor(const QString &ticker);

    QTcpServer *m_tcp;
    QWebSocketServer *m_ws;
    QTimer *m_pingTimer;
    QTimer *m_generatorTimer;
    QHash<quint64, Client> m_clients;
    quint64 m_nextClientId = 1;
    QByteArray m_publicKeyPem;
    QString m_keyId;
    qint64 m_freshnessMs = 60'000;
    qint64 m_clockSkewMs = 0;
    bool m_rejectCommands = false;
    bool m_booksFollowTrades = false;
    std::vector<Stored> m_trades; // sorted by (ts, order)
    qint64 m_nextOrder = 0;
    QHash<QString, Book> m_books;
    std::unique_ptr<KalshiTradeGenerator> m_generator;
    QElapsedTimer m_generatorClock;
    qint64 m_generated = 0;
    int m_generatorRate = 0;
    int m_rateLimited = 0;
    int m_emptyPages = 0;
    std::optional<qint64> m_cutoffMs;
    qint64 m_overlapMs = 0;
    QList<HttpFault> m_cutoffFaults;
    QHash<QString, int> m_requestsByPath;
    int m_upgradeAttempts = 0;
    int m_upgradesRefused = 0;
    int m_restRequests = 0;
    qint64 m_commands = 0;
};

} // namespace longshot::net::sim
