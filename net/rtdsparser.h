#pragma once

#include "models/domain/trade.h"

#include <QByteArrayView>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace longshot::net {

// Why a message (or one trade inside it) was refused. Counted per reason and shown.
enum class RejectReason : quint8 {
    NotJson = 1,          // HTML, plain text, or anything that is not a JSON document
    TruncatedJson,        // JSON that ends early or has a syntax error
    Oversized,            // a frame beyond kMaxFrameBytes
    MissingField,         // a required field is absent or null
    BadNumber,            // price/size/timestamp that is not an exact finite decimal
    PriceOutOfRange,      // price outside [0, 1]
    NonPositiveSize,      // size <= 0
    BadWallet,            // proxyWallet is not 0x + 40 hex
    BadSide,              // side is neither BUY nor SELL
    BadTimestamp,         // missing, negative or implausible time
    SubscriptionRejected, // the server refused a subscription (unknown topic, 401 body)
    UnexpectedShape,      // valid JSON but not a shape we know
};

QString rejectReasonName(RejectReason reason);

struct ParseResult {
    TradeBatch trades;
    QList<RejectReason> rejects; // one entry per refused message or refused trade
    int ignored = 0;             // frames that carry no trade by design: "", "pong", other topics
    QString serverError;         // text of a subscription rejection, when one arrived

    // Empties it for the next frame; the lists keep their capacity.
    void clear() {
        trades.clear();
        rejects.clear();
        ignored = 0;
        serverError.clear();
    }
};

// Parses RTDS frames (wss://ws-live-data.polymarket.com, topic activity, types trades and
// orders_matched) straight into Trade values with simdjson. Numbers are taken from their
// raw JSON text (number or string) into the exact Decimal: no double on the way.
// A frame may be one object or an array of objects. Not thread-safe: one per thread.
class RtdsParser final {
public:
    static constexpr qsizetype kMaxFrameBytes = 4 * 1024 * 1024;

    RtdsParser();
    ~RtdsParser();
    Q_DISABLE_COPY_MOVE(RtdsParser)

    ParseResult parseFrame(QByteArrayView frame, qint64 receivedMs);
    // The same, appending to `out` so a caller that parses frame after frame reuses one
    // result's storage. A QByteArray with SIMDJSON_PADDING (64) bytes of spare capacity,
    // as QString::toUtf8() leaves it, is parsed in place instead of copied.
    void parseFrame(const QByteArray &frame, qint64 receivedMs, ParseResult &out);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

// Parses a data-api GET /trades (v1) response body: a JSON array of trade rows.
// The same Trade values and natural keys as the RTDS copies of the same fills.
class DataApiTradesParser final {
public:
    DataApiTradesParser();
    ~DataApiTradesParser();
    Q_DISABLE_COPY_MOVE(DataApiTradesParser)

    ParseResult parseBody(QByteArrayView body, qint64 receivedMs);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace longshot::net
