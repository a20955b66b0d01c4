#include "net/simulator/tradestore.h"

#include "net/simulator/tradegenerator.h"

#include <algorithm>

namespace longshot::net::sim {

TradeStore::TradeStore(qsizetype capacity)
    : m_capacity(capacity) {}

void TradeStore::add(const TradeBatch &trades) {
    for (const Trade &trade : trades) {
        if (m_trades.isEmpty() || m_trades.constLast().timestampMs <= trade.timestampMs) {
            m_trades.append(trade);
        } else {
            const auto at =
                std::upper_bound(m_trades.begin(), m_trades.end(), trade.timestampMs,
                                 [](qint64 ts, const Trade &existing) { return ts < existing.timestampMs; });
            m_trades.insert(at, trade);
        }
    }
    // Trim in chunks: QList drops from the front cheaply, but not one element at a time.
    if (m_trades.size() > m_capacity + m_capacity / 10)
        m_trades.remove(0, m_trades.size() - m_capacity);
}

TradeBatch TradeStore::query(const TradeQuery &q) const {
    TradeBatch page;
    if (q.limit <= 0)
        return page;
    int skipped = 0;
    for (auto it = m_trades.crbegin(); it != m_trades.crend(); ++it) {
        const Trade &t = *it;
        const qint64 seconds = t.timestampMs / 1000;
        if (q.endSeconds && seconds > *q.endSeconds)
            continue;
        if (q.startSeconds && seconds < *q.startSeconds)
            break; // ordered by time: nothing older can match
        if (q.minCash) {
            const auto notional = t.notional();
            if (!notional || *notional < *q.minCash)
                continue;
        }
        if (q.minTokens && t.size < *q.minTokens)
            continue;
        if (!q.markets.isEmpty() && !q.markets.contains(t.marketId))
            continue;
        if (!q.user.isEmpty() && t.wallet.address() != q.user)
            continue;
        if (q.side && t.side != *q.side)
            continue;
        if (skipped < q.offset) {
            ++skipped;
            continue;
        }
        page.append(t);
        if (page.size() >= q.limit)
            break;
    }
    return page;
}

void TradeStore::setIcon(const QString &marketId, const QString &icon) {
    m_icons.insert(marketId, icon);
}

QString TradeStore::iconFor(const Trade &trade) const {
    const auto it = m_icons.constFind(trade.marketId);
    return it != m_icons.cend() ? *it : TradeGenerator::iconFor(trade);
}

} // namespace longshot::net::sim
