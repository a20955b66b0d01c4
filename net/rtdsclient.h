#pragma once

#include "models/domain/batchqueue.h"
#include "models/domain/decimal.h"
#include "models/domain/fetcherror.h"
#include "net/feedsocket.h"
#include "net/rtdsparser.h"

#include <QUrl>

#include <chrono>
#include <memory>

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
// moveToThread, then invoke start()). Parses on that thread; FeedSocket batches the trades
// and hands each batch to the GUI and to the storage writer, which it never waits on.
class RtdsClient final : public FeedSocket {
    Q_OBJECT
public:
    RtdsClient(const RtdsConfig &config, std::shared_ptr<BoundedBatchQueue> storageQueue);

private:
    void subscribe() override;
    void handleFrame(const QByteArray &frame) override;

    bool m_subscribeOrdersMatched;
    RtdsParser m_parser;
    ParseResult m_parsed; // reused frame after frame: its lists keep their capacity
};

} // namespace longshot::net
