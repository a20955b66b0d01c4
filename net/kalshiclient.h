#pragma once

#include "models/domain/batchqueue.h"
#include "models/domain/decimal.h"
#include "models/domain/feedstatus.h"
#include "models/domain/fetcherror.h"
#include "models/domain/orderbook.h"
#include "models/domain/trade.h"
#include "net/feedsocket.h"
#include "net/kalshiparser.h"
#include "net/kalshisigner.h"

#include <QHash>
#include <QMap>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <memory>

class QTimer;

namespace longshot::net {

struct KalshiWsConfig {
    QUrl url{QStringLiteral("wss://api.elections.kalshi.com/trade-api/ws/v2")};
    Decimal minNotional = Decimal::fromMicros(100 * Decimal::kOne); // storage floor; 0 keeps everything
    // Kalshi pings every ~10 s; our own ping and its pong prove the path both ways. With
    // neither a pong nor a frame for this long the connection is dead.
    std::chrono::milliseconds silenceLimit{30'000};
    std::chrono::milliseconds pingInterval{10'000};
    std::chrono::milliseconds flushInterval{8};
    int flushMaxTrades = 1'000;
    // Book updates per market are coalesced to at most one signal per interval (~30/s).
    std::chrono::milliseconds bookInterval{33};
    BackoffPolicy backoff{std::chrono::milliseconds(500), std::chrono::milliseconds(30'000), 1'000'000};
    // After a refused key: one quiet retry this much later, never a storm.
    std::chrono::milliseconds authRetryAfter{5 * 60'000};
    bool subscribeTrades = true; // `trade` without tickers: the whole exchange
};

// The Kalshi v2 WebSocket. Lives on the net thread (create without parent, moveToThread,
// then invoke start()). Signs the upgrade (KALSHI-ACCESS-* headers over
// timestamp + "GET" + "/trade-api/ws/v2"), subscribes to `trade` for the whole exchange and
// to `ticker` + `orderbook_delta` for the markets being watched, keeps each order book in
// step with the per-sid seq (a gap asks for a fresh snapshot) and resubscribes when the
// server ends a subscription (codes 10, 17, 25). Trades take the same path as RTDS: batched
// at the producer, out to the GUI by queued signal and to storage through the bounded
// queue, never waited on. A refused key (HTTP 401/403 on the upgrade, or error 9) stops the
// client in AuthFailed until setSigner() brings new credentials.
class KalshiClient final : public FeedSocket {
    Q_OBJECT
public:
    KalshiClient(KalshiWsConfig config, std::shared_ptr<const KalshiSigner> signer,
                 std::shared_ptr<BoundedBatchQueue> storageQueue);
    ~KalshiClient() override;

    // New credentials (or none): reconnects at once, also out of AuthFailed.
    void setSigner(std::shared_ptr<const KalshiSigner> signer);
    // Order book and ticker updates for a market while it is open in the UI.
    void watchMarket(const QString &ticker);
    void unwatchMarket(const QString &ticker);

    // For tests and the status bar: book resyncs after seq gaps.
    int resyncs() const { return m_resyncs; }

Q_SIGNALS:
    // The YES-side book (NO bids become asks at 1 - price), coalesced per market.
    void bookUpdated(const QString &ticker, const longshot::OrderBook &book);
    void tickerUpdated(const longshot::net::KalshiTicker &ticker);

private:
    enum class Channel : quint8 { Trade = 1, Ticker, Orderbook };
    struct Subscription {
        qint64 sid = -1; // -1 while the subscribe command is in flight
        qint64 commandId = -1;
        QSet<QString> tickers;
    };
    struct Command {
        enum class Kind : quint8 { Subscribe = 1, Update, Unsubscribe };
        Kind kind = Kind::Subscribe;
        Channel channel = Channel::Trade;
    };
    struct MarketBook {
        OrderBook book;
        bool synced = false;
    };

    bool prepareConnection(QNetworkRequest &request) override;
    void subscribe() override;
    void onSocketError() override;
    void onStarted() override;
    void onStopping() override;
    void handleFrame(const QByteArray &frame) override;
    void handleTrade(const KalshiWsFrame &frame, Trade trade);
    void handleSnapshot(const KalshiWsFrame &frame, const KalshiBookSnapshot &snapshot);
    void handleDelta(const KalshiWsFrame &frame, const KalshiBookDelta &delta);
    void handleError(const KalshiWsFrame &frame, const KalshiWsError &error);
    void syncWatched();
    void subscribe(Channel channel, const QStringList &tickers);
    void resubscribe(Channel channel, bool ended = false);
    void requestSnapshot(qint64 sid);
    qint64 sendCommand(const QByteArray &cmd, const QByteArray &params, Command command);
    std::optional<Channel> channelOfSid(qint64 sid) const;
    void authFailed(const QString &why);
    void publishBooks();

    KalshiWsConfig m_config;
    std::shared_ptr<const KalshiSigner> m_signer;
    KalshiParser m_parser;
    QTimer *m_bookTimer;
    int m_resyncs = 0;
    qint64 m_nextCommandId = 1;
    QMap<Channel, Subscription> m_subs;
    QHash<qint64, Command> m_commands; // in flight, by id
    SequenceTracker m_seq;
    QSet<QString> m_watched;
    QHash<QString, MarketBook> m_books;
    QSet<QString> m_dirtyBooks;
};

} // namespace longshot::net

Q_DECLARE_METATYPE(longshot::net::KalshiTicker)
