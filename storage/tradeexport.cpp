#include "storage/tradeexport.h"

#include "storage/csvwriter.h"

#include <QIODevice>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace longshot::storage {

QStringList tradeCsvHeader() {
    return {u"time_utc"_s, u"venue"_s, u"market_id"_s,    u"market_title"_s, u"outcome"_s,     u"side"_s,
            u"price"_s,    u"size"_s,  u"notional_usd"_s, u"wallet"_s,       u"trader_name"_s, u"tx_hash"_s};
}

namespace {

QString isoUtc(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

ExportResult failure(const QString &message) {
    ExportResult result;
    result.error = message;
    return result;
}

} // namespace

ExportResult writeTradesCsv(QSqlDatabase &db, const ExportQuery &query, QIODevice &out,
                            std::function<bool(qint64 rows)> progress) {
    if (!db.isOpen())
        return failure(u"the database is not open"_s);
    if (!out.isWritable())
        return failure(u"the output is not writable"_s);

    QStringList where;
    if (query.from)
        where << u"t.ts_ms >= :from"_s;
    if (query.to)
        where << u"t.ts_ms <= :to"_s;
    if (query.minUsd)
        where << u"t.notional_micros >= :min"_s;
    QString sql = u"SELECT t.ts_ms, t.venue, t.market_id, COALESCE(m.title, ''), "
                  "COALESCE(NULLIF(t.outcome, ''), o.name, ''), t.side, t.price_micros, t.size_micros, "
                  "t.notional_micros, t.wallet, COALESCE(NULLIF(tr.name, ''), tr.pseudonym, ''), t.tx_id "
                  "FROM trades t "
                  "LEFT JOIN markets m ON m.venue = t.venue AND m.market_id = t.market_id "
                  "LEFT JOIN outcomes o ON o.venue = t.venue AND o.asset_id = t.asset_id "
                  "LEFT JOIN traders tr ON t.wallet <> '' AND tr.wallet = t.wallet"_s;
    if (!where.isEmpty())
        sql += u" WHERE "_s + where.join(u" AND "_s);
    sql += u" ORDER BY t.ts_ms, t.id"_s;

    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return failure(u"prepare export query: "_s + q.lastError().text());
    if (query.from)
        q.bindValue(u":from"_s, query.from->toMSecsSinceEpoch());
    if (query.to)
        q.bindValue(u":to"_s, query.to->toMSecsSinceEpoch());
    if (query.minUsd)
        q.bindValue(u":min"_s, query.minUsd->micros());
    if (!q.exec())
        return failure(u"export query: "_s + q.lastError().text());

    CsvWriter csv(&out);
    csv.writeHeader(tradeCsvHeader());
    ExportResult result;
    const int every = std::max(1, query.progressEveryRows);
    while (q.next()) {
        csv.addNumber(isoUtc(q.value(0).toLongLong()));
        csv.addText(q.value(1).toString());
        csv.addText(q.value(2).toString());
        csv.addText(q.value(3).toString());
        csv.addText(q.value(4).toString());
        csv.addText(q.value(5).toString());
        csv.addNumber(Decimal::fromMicros(q.value(6).toLongLong()).toString());
        csv.addNumber(Decimal::fromMicros(q.value(7).toLongLong()).toString());
        csv.addNumber(Decimal::fromMicros(q.value(8).toLongLong()).toString());
        csv.addText(q.value(9).toString());
        csv.addText(q.value(10).toString());
        csv.addText(q.value(11).toString());
        csv.endRow();
        if (!csv.ok())
            return failure(u"write failed after %1 rows: "_s.arg(result.rows) + out.errorString());
        ++result.rows;
        if (progress && result.rows % every == 0 && !progress(result.rows)) {
            result.cancelled = true;
            return result;
        }
    }
    if (q.lastError().isValid())
        return failure(u"export query: "_s + q.lastError().text());
    if (progress && result.rows % every != 0)
        progress(result.rows);
    result.ok = true;
    return result;
}

} // namespace longshot::storage
