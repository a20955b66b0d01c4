#pragma once

#include "models/domain/decimal.h"
#include "models/domain/orderbook.h"
#include "models/domain/venue.h"
#include "net/rtdsparser.h"

#include <QByteArrayView>
#include <QList>
#include <QString>

#include <memory>
#include <optional>
#include <variant>

namespace longshot::net {

// `book`: the full book of one token. Levels sorted best first whatever order they came in.
struct ClobBook {
    QString market; // condition id
    QString assetId;
    QList<PriceLevel> bids; // descending price
    QList<PriceLevel> asks; // ascending price
    qint64 timestampMs = 0; // 0 when absent or implausible
    QString hash;
    std::optional<Decimal> tickSize;
    std::optional<Decimal> lastTradePrice;
};

// One leg of a `price_change`: the new total size at a level, not a delta (0 removes it).
struct ClobLevelChange {
    QString assetId;
    Side side = Side::Buy; // BUY = bid side, SELL = ask side
    Decimal price;
    Decimal size;
    std::optional<Decimal> bestBid;
    std::optional<Decimal> bestAsk;
    QString hash;
};

struct ClobPriceChange {
    QString market;
    qint64 timestampMs = 0;
    QList<ClobLevelChange> changes;
};

// A trade print. The CLOB feed is anonymous: join on transactionHash for the wallet.
struct ClobLastTrade {
    QString market;
    QString assetId;
    Side side = Side::Buy;
    Decimal price;
    Decimal size;
    std::optional<Decimal> feeRateBps;
    qint64 timestampMs = 0;
    QString transactionHash; // empty when not sent (the docs example has none)
};

struct ClobTickSizeChange {
    QString market;
    QString assetId;
    Decimal oldTickSize;
    Decimal newTickSize;
    qint64 timestampMs = 0;
};

// Custom-feature event; "" values are nullopt.
struct ClobBestBidAsk {
    QString market;
    QString assetId;
    std::optional<Decimal> bestBid;
    std::optional<Decimal> bestAsk;
    std::optional<Decimal> spread;
    qint64 timestampMs = 0;
};

using ClobEvent = std::variant<ClobBook, ClobPriceChange, ClobLastTrade, ClobTickSizeChange, ClobBestBidAsk>;

struct ClobParseResult {
    QList<ClobEvent> events; // in frame order: a book must be applied before the changes after it
    QList<RejectReason> rejects;
    int ignored = 0; // PONG, new_market, market_resolved and other events we do not use
};

// Parses frames of the Polymarket CLOB market channel (wss://…/ws/market) with simdjson.
// A frame is one event object or an array of them. Prices and sizes are exact Decimals from
// strings (or numbers); timestamps are ms strings. Only the post-2025-09-15 price_change
// schema (price_changes[]) is understood. Not thread-safe: one per thread.
class ClobParser final {
public:
    static constexpr qsizetype kMaxFrameBytes = 16 * 1024 * 1024; // initial dumps of many books

    ClobParser();
    ~ClobParser();
    Q_DISABLE_COPY_MOVE(ClobParser)

    ClobParseResult parseFrame(QByteArrayView frame);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

// Replaces the book with a snapshot.
void applyClobBook(OrderBook &book, const ClobBook &snapshot);
// Sets one level from a price_change leg (BUY → bids, SELL → asks).
LevelChange applyClobChange(OrderBook &book, const ClobLevelChange &change);

} // namespace longshot::net
