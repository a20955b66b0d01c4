#pragma once

#include "models/domain/decimal.h"
#include "models/domain/market.h"
#include "models/domain/orderbook.h"
#include "models/domain/trade.h"
#include "net/rtdsparser.h"

#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <variant>

namespace longshot::net {

// `ticker` channel: the market's touch and counters. Absent or "" fields stay nullopt.
struct KalshiTicker {
    QString marketTicker;
    QString marketId;
    std::optional<Decimal> price; // last trade price
    std::optional<Decimal> yesBid;
    std::optional<Decimal> yesAsk;
    std::optional<Decimal> yesBidSize;
    std::optional<Decimal> yesAskSize;
    std::optional<Decimal> volume;
    std::optional<Decimal> openInterest;
    std::optional<Decimal> lastTradeSize;
    qint64 timestampMs = 0; // exchange time; 0 when the frame had none
};

// Resting bids on both outcomes (Kalshi has no asks: see yesBookFromKalshi). Levels are in
// the order sent; OrderBook::replaceSide sorts.
struct KalshiBookSnapshot {
    QString marketTicker;
    QString marketId;
    QList<PriceLevel> yesBids;
    QList<PriceLevel> noBids;
};

struct KalshiBookDelta {
    QString marketTicker;
    QString marketId;
    OutcomeSide side = OutcomeSide::Yes;
    Decimal price;
    Decimal delta; // signed change in contracts at that price
    qint64 timestampMs = 0;
};

struct KalshiSubscribed {
    QString channel;
    qint64 sid = -1;
};

struct KalshiOk {
    QStringList marketTickers;
};

// An error reply. Match on code: the text differs in case between sources.
struct KalshiWsError {
    static constexpr int kAlreadySubscribed = 6;
    static constexpr int kUnknownSubscriptionId = 7;
    static constexpr int kAuthenticationRequired = 9;
    static constexpr int kChannelError = 10;
    static constexpr int kMarketNotFound = 16;
    static constexpr int kInternalError = 17;
    static constexpr int kSubscriptionBufferOverflow = 25;
    static constexpr int kTooManyRequests = 27;

    int code = 0;
    QString message;
    // Codes 10, 17 and 25 end the subscription: the client must subscribe again.
    bool endsSubscription() const;
};

using KalshiWsPayload = std::variant<std::monostate, Trade, KalshiTicker, KalshiBookSnapshot, KalshiBookDelta,
                                     KalshiSubscribed, KalshiOk, KalshiWsError>;

// One WebSocket frame. payload is monostate for types we do not use (unsubscribed,
// lifecycle, ...) and for refused frames, which carry a reject reason instead.
struct KalshiWsFrame {
    QString type;    // as sent: "trade", "orderbook_delta", ...
    qint64 id = -1;  // command id echoed by subscribed/ok/error
    qint64 sid = -1; // subscription id (for `subscribed`, taken from msg.sid)
    qint64 seq = -1; // per-sid sequence number; -1 when the frame carries none
    KalshiWsPayload payload;
    std::optional<RejectReason> reject;
};

// GET /markets/trades: one page. An empty cursor means the last page; a page may be empty
// while the cursor is not. `error` is set when the body itself was unusable, and then the
// cursor means nothing.
struct KalshiTradesPage {
    TradeBatch trades;
    QList<RejectReason> rejects; // one per refused row
    QString cursor;
    std::optional<RejectReason> error;
};

struct KalshiMarket {
    Market market;  // venue Kalshi, marketId = ticker, eventSlug = event_ticker, outcomes Yes/No
    QString status; // open set: active, closed, settled, finalized, ...
    std::optional<Decimal> yesBid, yesAsk, noBid, noAsk, lastPrice;
    std::optional<Decimal> volume, volume24h, openInterest, liquidity;
};

// GET /markets (page), GET /markets/{ticker} ({market}), GET /events/{ticker} ({event, markets})
// or a bare market object.
struct KalshiMarketsPage {
    QList<KalshiMarket> markets;
    QList<RejectReason> rejects;
    QString cursor;
    std::optional<RejectReason> error;
};

struct KalshiBookParse {
    KalshiBookSnapshot book;
    std::optional<RejectReason> error;
};

// GET /historical/cutoff: where Kalshi's live tables end. Trades created before
// tradesCreated are served only by /historical/trades, the rest by /markets/trades. Each
// time is UTC and invalid when absent; the real service sends RFC 3339 strings, epoch
// seconds or milliseconds (number or numeric string) are accepted too.
struct KalshiHistoricalCutoff {
    QDateTime marketSettled;
    QDateTime tradesCreated;
    QDateTime ordersUpdated;
    QDateTime marketPositionsLastUpdated;
    QList<RejectReason> rejects;       // one per present but unreadable time
    std::optional<RejectReason> error; // unusable body, or no usable trades_created_ts
};

struct KalshiSettlementSource {
    QString name;
    QString url;
};

// A series: the family of events a market belongs to (GET /series, /series/{ticker}).
struct KalshiSeries {
    QString ticker;
    QString title;
    QString category;
    QString frequency; // free text: "daily", "weekly", "custom", ...
    QStringList tags;
    // Open set: quadratic, quadratic_with_maker_fees, flat, and an undocumented
    // quadratic_with_combo_maker_fees has been seen. Kept as sent.
    QString feeType;
    std::optional<Decimal> feeMultiplier;
    QList<KalshiSettlementSource> settlementSources;
    QString contractUrl;
    QString contractTermsUrl;
    std::optional<Decimal> volume; // volume_fp, only with include_volume=true
};

// GET /series ({series:[…], cursor?}) or GET /series/{ticker} ({series:{…}}).
struct KalshiSeriesPage {
    QList<KalshiSeries> series;
    QList<RejectReason> rejects; // one per refused series object
    QString cursor;
    std::optional<RejectReason> error;
};

// The error bodies seen: {"error":{"code","message","details"}} (observed 429),
// {"error":"text"} (the documented 429) and {"details":"text"} (400).
struct KalshiRestError {
    QString code;
    QString message;
    QString details;
    QString describe() const; // one line for the log and the status bar
};

// Parses Kalshi WebSocket frames and REST bodies into domain values with simdjson. Exact
// throughout: *_dollars and *_fp strings go straight into Decimal, legacy integer cents
// (before 2026-03-12) are scaled as integers. Kalshi trades are anonymous: wallet empty,
// marketId = ticker, assetId = ticker + ":yes" / ":no" for the taker's outcome, side Buy
// (the taker bought that outcome) at that outcome's price. Not thread-safe: one per thread.
class KalshiParser final {
public:
    static constexpr qsizetype kMaxFrameBytes = 4 * 1024 * 1024;
    static constexpr qsizetype kMaxBodyBytes = 64 * 1024 * 1024;

    KalshiParser();
    ~KalshiParser();
    Q_DISABLE_COPY_MOVE(KalshiParser)

    KalshiWsFrame parseWsFrame(QByteArrayView frame, qint64 receivedMs);
    KalshiTradesPage parseTradesPage(QByteArrayView body, qint64 receivedMs);
    KalshiMarketsPage parseMarkets(QByteArrayView body);
    KalshiBookParse parseOrderbook(QByteArrayView body);
    KalshiHistoricalCutoff parseHistoricalCutoff(QByteArrayView body);
    KalshiSeriesPage parseSeries(QByteArrayView body);
    // nullopt when the body is not one of the known error shapes.
    std::optional<KalshiRestError> parseRestError(QByteArrayView body);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

// Kalshi tickers nest: series KXHIGHNY, event KXHIGHNY-26NOV23, market KXHIGHNY-26NOV23-B54.5.
// The market object names its event but not its series; the category lives on the series.
inline QString kalshiSeriesTicker(const Market &market) {
    return (market.eventSlug.isEmpty() ? market.marketId : market.eventSlug).section(u'-', 0, 0);
}

// RFC 3339 with any number of sub-second digits ("2026-08-05T14:01:09.49656Z", offsets
// allowed) to ms since the epoch, truncating below the millisecond.
std::optional<qint64> parseRfc3339Ms(QByteArrayView text);

} // namespace longshot::net
