#pragma once

#include "models/domain/trade.h"

#include <QHash>
#include <QSet>
#include <QString>

#include <optional>

namespace longshot::net::sim {

// The data-api v1 /trades query, already validated.
struct TradeQuery {
    int limit = 100;
    int offset = 0;
    std::optional<Decimal> minCash;   // filterType=CASH: price x size >= this
    std::optional<Decimal> minTokens; // filterType=TOKENS: size >= this
    std::optional<qint64> startSeconds;
    std::optional<qint64> endSeconds;
    QSet<QString> markets; // condition ids; empty = all
    QString user;          // lowercase proxy wallet; empty = all
    std::optional<Side> side;
};

// Every trade the simulator has published, kept in timestamp order (stable for equal
// timestamps) so REST can walk it newest first without sorting per request.
class TradeStore final {
public:
    explicit TradeStore(qsizetype capacity);

    void add(const TradeBatch &trades);
    const TradeBatch &all() const { return m_trades; }
    // Newest first, as data-api returns rows.
    TradeBatch query(const TradeQuery &query) const;

    void setIcon(const QString &marketId, const QString &icon);
    QString iconFor(const Trade &trade) const;

private:
    qsizetype m_capacity;
    TradeBatch m_trades;
    QHash<QString, QString> m_icons;
};

} // namespace longshot::net::sim
