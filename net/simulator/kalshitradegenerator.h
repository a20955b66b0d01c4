#pragma once

#include "models/domain/trade.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <random>

namespace longshot::net::sim {

// Deterministic synthetic Kalshi fills, shaped like the exchange-wide `trade` channel:
// anonymous, one fill per trade_id, counts with two decimals (most a few contracts, a
// heavy tail into the tens of thousands), prices in whole cents written with four
// decimals, millisecond timestamps. Values are exactly what KalshiParser makes of the
// frames and rows the simulator writes for them. Plain value type; not thread-safe.
class KalshiTradeGenerator final {
public:
    static constexpr qint64 kDefaultStartMs = 1'795'435'200'000; // 2026-11-23 12:00:00 UTC

    explicit KalshiTradeGenerator(quint64 seed, qint64 startMs = kDefaultStartMs);

    // Timestamps never go backwards and never run behind nowMs (nowMs < 0: the generator
    // advances its own clock).
    TradeBatch generate(int count, qint64 nowMs = -1);
    Trade next(qint64 nowMs = -1);

    static QStringList tickers();

private:
    QString drawTradeId();
    Decimal drawCount();

    std::mt19937_64 m_rng;
    qint64 m_clockMs = 0;
    QList<int> m_yesCents; // per ticker: the YES price in cents, drifting
};

} // namespace longshot::net::sim
