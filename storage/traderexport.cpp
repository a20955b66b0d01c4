#include "storage/traderexport.h"

#include "models/domain/decimal.h"
#include "storage/csvwriter.h"

#include <QIODevice>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace longshot::storage {
namespace {

ExportResult failure(const QString &message) {
    ExportResult r;
    r.error = message;
    return r;
}

QString micros(const QVariant &v) {
    return v.isNull() ? QString() : Decimal::fromMicros(v.toLongLong()).toString();
}

} // namespace

QStringList positionCsvHeader() {
    return {u"wallet"_s,    u"market_id"_s, u"market_title"_s, u"outcome"_s,        u"asset"_s, u"shares"_s,
            u"avg_price"_s, u"mark"_s,      u"realized_pnl"_s, u"unrealized_pnl"_s, u"status"_s};
}

QStringList traderCsvHeader() {
    return {u"wallet"_s,           u"name"_s,      u"realized_pnl"_s,
            u"unrealized_pnl"_s,   u"total_pnl"_s, u"volume_usd"_s,
            u"resolved_markets"_s, u"wins"_s,      u"losses"_s,
            u"win_rate"_s,         u"grade"_s,     u"strategy"_s,
            u"complete"_s};
}

ExportResult writePositionsCsv(QSqlDatabase &db, const QString &wallet, QIODevice &out) {
    QString sql = u"SELECT p.wallet, p.market_id, COALESCE(m.title, ''), COALESCE(o.name, ''), p.asset_id, "
                  "p.shares_micros, p.avg_price_micros, p.mark_micros, p.realized_pnl_micros, "
                  "p.unrealized_pnl_micros, p.status FROM trader_positions p "
                  "LEFT JOIN markets m ON m.venue = 'polymarket' AND m.market_id = p.market_id "
                  "LEFT JOIN outcomes o ON o.venue = 'polymarket' AND o.asset_id = p.asset_id"_s;
    if (!wallet.isEmpty())
        sql += u" WHERE p.wallet = :wallet"_s;
    sql += u" ORDER BY p.wallet, p.market_id, p.outcome_index, p.asset_id"_s;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return failure(u"prepare positions export: "_s + q.lastError().text());
    if (!wallet.isEmpty())
        q.bindValue(u":wallet"_s, wallet);
    if (!q.exec())
        return failure(u"positions export: "_s + q.lastError().text());
    CsvWriter csv(&out);
    csv.writeHeader(positionCsvHeader());
    ExportResult result;
    while (q.next()) {
        for (int i = 0; i < 5; ++i)
            csv.addText(q.value(i).toString());
        for (int i = 5; i < 10; ++i)
            csv.addNumber(micros(q.value(i)));
        csv.addText(q.value(10).toString());
        csv.endRow();
        if (!csv.ok())
            return failure(u"write failed after %1 rows: "_s.arg(result.rows) + out.errorString());
        ++result.rows;
    }
    if (q.lastError().isValid())
        return failure(u"positions export: "_s + q.lastError().text());
    result.ok = true;
    return result;
}

ExportResult writeTradersCsv(QSqlDatabase &db, QIODevice &out) {
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(
            u"SELECT m.wallet, COALESCE(NULLIF(t.name, ''), t.pseudonym, ''), m.realized_pre_micros, "
            "m.unrealized_micros, m.total_pre_micros, m.volume_micros, m.resolved_markets, m.wins, m.losses, "
            "m.grade, m.strategy, m.complete FROM trader_metrics m "
            "LEFT JOIN traders t ON t.wallet = m.wallet ORDER BY m.total_pre_micros DESC, m.wallet"_s))
        return failure(u"traders export: "_s + q.lastError().text());
    CsvWriter csv(&out);
    csv.writeHeader(traderCsvHeader());
    ExportResult result;
    while (q.next()) {
        csv.addText(q.value(0).toString());
        csv.addText(q.value(1).toString());
        for (int i = 2; i < 6; ++i)
            csv.addNumber(micros(q.value(i)));
        const qint64 wins = q.value(7).toLongLong();
        const qint64 losses = q.value(8).toLongLong();
        csv.addNumber(QString::number(q.value(6).toLongLong()));
        csv.addNumber(QString::number(wins));
        csv.addNumber(QString::number(losses));
        // wins / decided to four places, exact integer arithmetic rounded half-even.
        QString winRate;
        if (wins + losses > 0) {
            bool rounded = false;
            const auto rate = Decimal::fromMicros(wins * Decimal::kOne)
                                  .checkedDiv(Decimal::fromMicros((wins + losses) * Decimal::kOne), &rounded);
            winRate = rate ? rate->toFixed(4) : QString();
        }
        csv.addNumber(winRate);
        csv.addText(q.value(9).toString());
        csv.addText(q.value(10).toString());
        csv.addText(q.value(11).toInt() != 0 ? u"true"_s : u"false"_s);
        csv.endRow();
        if (!csv.ok())
            return failure(u"write failed after %1 rows: "_s.arg(result.rows) + out.errorString());
        ++result.rows;
    }
    if (q.lastError().isValid())
        return failure(u"traders export: "_s + q.lastError().text());
    result.ok = true;
    return result;
}

} // namespace longshot::storage
