#pragma once

#include "models/domain/trade.h"

#include <QList>
#include <QString>
#include <QtGlobal>

#include <random>

namespace longshot::net::sim {

// Deterministic synthetic Polymarket fills: the same seed and the same sequence of
// calls give the same trades, bit for bit. The distributions follow the shape of the
// captured firehose: most fills are small, sizes have a heavy tail (a few percent over
// $1,000 notional, a few per thousand over $10,000), several fills often share one
// transaction (both sides of a match, different wallets), and a pool of ~200 wallets
// with a handful of very active ones. Plain value type; not thread-safe.
class TradeGenerator final {
public:
    // A fixed default start (2026-09-24 12:00:00 UTC) keeps tests reproducible.
    static constexpr qint64 kDefaultStartMs = 1'790'251'200'000;
    static constexpr int kWalletCount = 200;

    explicit TradeGenerator(quint64 seed, qint64 startMs = kDefaultStartMs);

    // `count` trades with timestamps that never go backwards and never run behind nowMs
    // (nowMs < 0: advance the generator's own clock instead). Timestamps are whole
    // seconds, as the exchange reports them. Fills of one transaction share a timestamp;
    // a transaction may be split across two calls only when `count` runs out.
    TradeBatch generate(int count, qint64 nowMs = -1);
    Trade next(qint64 nowMs = -1);

    // The image URL the exchange would send for this market ("icon" in frames and rows).
    static QString iconFor(const Trade &trade);
    // The market catalogue size, for tests.
    static int marketCount();

private:
    Trade makeFill(int marketIndex, int outcomeIndex, Side side, Decimal price, Decimal size,
                   const QString &txId, qint64 timestampMs, int walletIndex);
    void startTransaction(qint64 nowMs);
    Decimal drawSize();
    Decimal drawPrice(int marketIndex);
    QString drawHex(int digits);
    int drawWallet();

    std::mt19937_64 m_rng;
    qint64 m_clockMs = 0;
    QList<Trade> m_pendingTx; // fills of the current transaction not yet handed out
    QList<QString> m_walletNames;
    QList<QString> m_walletPseudonyms;
    QList<Wallet> m_wallets;
    QList<int> m_marketMid; // per market: the current mid price in thousandths, drifts
};

} // namespace longshot::net::sim
