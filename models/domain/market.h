#pragma once

#include "models/domain/decimal.h"
#include "models/domain/venue.h"
#include "models/domain/wallet.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace longshot {

struct Outcome {
    QString assetId; // token id (Polymarket) or ticker:yes|no (Kalshi)
    QString name;    // "Yes", "No", a team name
    int index = -1;
    std::optional<Decimal> lastPrice;
    std::optional<Decimal> payout; // set once the market has resolved (1, 0 or 0.5)
};

struct Market {
    Venue venue = Venue::Polymarket;
    QString marketId; // condition id or ticker
    QString title;
    QString slug;
    QString eventSlug;
    QString category;
    QDateTime endDate;
    bool closed = false;
    QList<Outcome> outcomes;
    // Dollars resting in the market's book as the venue reports it (gamma `liquidity`, Kalshi
    // `liquidity_dollars`); unset when the answer did not say. The insider rule weighs a trade
    // against it.
    std::optional<Decimal> liquidityUsd;
};

// A holding of one outcome token by one wallet, with its average cost.
struct Position {
    Wallet wallet;
    Venue venue = Venue::Polymarket;
    QString marketId;
    QString assetId;
    QString outcome;
    Decimal shares;
    Decimal averagePrice;
    Decimal realizedPnl;
    std::optional<Decimal> mark;
};

using MarketList = QList<Market>;

} // namespace longshot

Q_DECLARE_METATYPE(longshot::Market)
Q_DECLARE_METATYPE(longshot::Position)
