#pragma once

#include "models/domain/decimal.h"
#include "models/domain/txid.h"
#include "models/domain/venue.h"
#include "models/domain/wallet.h"

#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace longshot {

// Where a trade came from; the same fill may arrive by several routes.
enum class TradeSource : quint8 { Rtds = 1, Rest = 2, KalshiWs = 3, KalshiRest = 4, Replay = 5 };

// One fill, normalised. Polymarket: marketId = conditionId, assetId = ERC-1155 token id,
// txId = transaction hash. Kalshi: marketId = ticker, assetId = ticker + ":" + yes/no,
// txId = trade_id, wallet empty (Kalshi trades are anonymous).
struct Trade {
    Venue venue = Venue::Polymarket;
    Side side = Side::Buy;
    TradeSource source = TradeSource::Rtds;
    Decimal price;              // per share, 0..1 USD
    Decimal size;               // shares / contracts
    std::optional<Decimal> fee; // USD, only when the exchange reported it
    qint64 timestampMs = 0;     // exchange time
    qint64 receivedMs = 0;      // local receive time, for latency figures
    int outcomeIndex = -1;      // -1 when unknown (the API's 999 sentinel maps here)
    QString marketId;
    QString assetId;
    TxId txId;
    Wallet wallet;
    QString outcome;
    QString marketTitle;
    QString marketSlug;
    QString eventSlug;
    QString traderName;
    QString traderPseudonym;

    // price x size, exact (rounded half-even to the micro-dollar); nullopt on overflow.
    std::optional<Decimal> notional() const;
    // The natural key: the socket copy and the REST copy of one fill produce the same key.
    QString naturalKey() const;
    // What to show for the trader: name, else pseudonym, else the short wallet.
    QString traderLabel() const;
};

using TradeBatch = QList<Trade>;

} // namespace longshot

Q_DECLARE_METATYPE(longshot::Trade)
Q_DECLARE_METATYPE(longshot::TradeBatch)
