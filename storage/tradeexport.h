#pragma once

#include "models/domain/decimal.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

class QIODevice;
class QSqlDatabase;

namespace longshot::storage {

struct ExportQuery {
    std::optional<QDateTime> from; // inclusive, exchange time
    std::optional<QDateTime> to;   // inclusive, exchange time
    std::optional<Decimal> minUsd; // notional >= minUsd
    int progressEveryRows = 1000;  // how often the progress callback runs
};

struct ExportResult {
    bool ok = false;
    bool cancelled = false;
    qint64 rows = 0; // data rows written (the header not counted)
    QString error;   // set when !ok and not cancelled
};

// time_utc,venue,market_id,market_title,outcome,side,price,size,notional_usd,wallet,trader_name,tx_hash
QStringList tradeCsvHeader();

// Streams the matching trades, oldest first, as RFC 4180 CSV (UTF-8, CRLF) into out. Times are
// UTC ISO-8601 with milliseconds and 'Z'; amounts are exact decimal text; text cells from the
// exchanges are neutralised against formula injection. The query is forward-only, so memory
// stays flat however many rows match. progress(rows) runs every progressEveryRows rows and at
// the end; returning false cancels (the output then holds a partial file the caller discards).
// Run it on the thread that owns db (the storage thread, or a reader thread with its own
// Connection), never on the GUI thread.
ExportResult writeTradesCsv(QSqlDatabase &db, const ExportQuery &query, QIODevice &out,
                            std::function<bool(qint64 rows)> progress = {});

} // namespace longshot::storage
