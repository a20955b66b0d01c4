#include "storage/alertfacts.h"

#include "storage/connection.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace longshot::storage {
namespace {

std::optional<Grade> gradeFromName(const QString &name) {
    for (const Grade g : {Grade::S, Grade::A, Grade::B, Grade::C, Grade::D, Grade::F}) {
        if (gradeName(g) == name)
            return g;
    }
    return std::nullopt;
}

} // namespace

std::optional<StorageError> readAlertFacts(Connection &c, const Trade &trade, AlertFacts *out) {
    QSqlQuery q(c.database());
    q.setForwardOnly(true);
    const auto run = [&](const QString &sql, const QVariantList &values) -> std::optional<StorageError> {
        if (auto e = c.prepare(q, sql))
            return e;
        for (int i = 0; i < values.size(); ++i)
            q.bindValue(i, values.at(i));
        if (!q.exec())
            return c.errorFrom(q.lastError(), u"alert facts"_s);
        return std::nullopt;
    };
    const QString venue = venueName(trade.venue);

    if (auto e = run(u"SELECT category, liquidity_micros FROM markets WHERE venue = ? AND market_id = ?"_s,
                     {venue, trade.marketId}))
        return e;
    if (q.next()) {
        if (!q.value(0).toString().isEmpty())
            out->category = q.value(0).toString();
        if (!q.value(1).isNull())
            out->marketLiquidityUsd = Decimal::fromMicros(q.value(1).toLongLong());
    }

    if (trade.wallet.isEmpty())
        return std::nullopt; // Kalshi trades carry no trader
    const QString wallet = trade.wallet.address();

    if (auto e = run(u"SELECT first_seen_ms FROM traders WHERE wallet = ?"_s, {wallet}))
        return e;
    out->walletFirstSeenMs =
        q.next() ? std::min(q.value(0).toLongLong(), trade.timestampMs) : trade.timestampMs;

    if (auto e = run(u"SELECT COUNT(DISTINCT market_id), COALESCE(SUM(notional_micros), 0), "
                     u"COALESCE(SUM(CASE WHEN market_id = ? THEN notional_micros ELSE 0 END), 0) "
                     u"FROM trades WHERE wallet = ? AND venue = ?"_s,
                     {trade.marketId, wallet, venue}))
        return e;
    qint64 markets = 0;
    qint64 total = 0;
    qint64 here = 0;
    if (q.next()) {
        markets = q.value(0).toLongLong();
        total = q.value(1).toLongLong();
        here = q.value(2).toLongLong();
    }
    if (here == 0) {
        // The trade itself may not be stored yet: it counts, in its market.
        const qint64 notional = trade.notional().value_or(Decimal()).micros();
        ++markets;
        total += notional;
        here += notional;
    }
    out->walletMarketCount = int(std::min<qint64>(markets, std::numeric_limits<int>::max()));
    if (total > 0) {
        if (const auto share = Decimal::fromMicros(here).checkedDiv(Decimal::fromMicros(total)))
            out->walletMarketShare = *share;
    }

    if (auto e = run(u"SELECT grade FROM trader_metrics WHERE wallet = ?"_s, {wallet}))
        return e;
    if (q.next())
        out->grade = gradeFromName(q.value(0).toString());
    return std::nullopt;
}

} // namespace longshot::storage
