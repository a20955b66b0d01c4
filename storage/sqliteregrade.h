#pragma once

#include "storage/storageerror.h"

#include <optional>

namespace longshot::storage {

class Connection;

// TraderStore::recomputeAll on SQLite, inside the caller's write transaction. Every wallet in
// trader_metrics is replayed from its stored events, which are read in ONE statement ordered by
// wallet and then by the ledger's event order (ts_ms, id) and streamed wallet by wallet into
// ledger -> metrics -> grade -> class, so no wallet costs a query of its own. Markets are read
// once each, and every statement is prepared once per run on the raw sqlite3 handle. The rows
// written are the same as the QtSql path's (traderrows.h spells both).
// Where a run's time went (bench_scheduler --breakdown); nanoseconds, summed over wallets.
struct RegradeTimings {
    qint64 readNs = 0;      // stepping the event stream and decoding rows
    qint64 marketsNs = 0;   // each wallet's markets, from the run's cache or the database
    qint64 summarizeNs = 0; // ledger, metrics, grade and class
    qint64 writeNs = 0;     // clearing and inserting positions, updating metrics rows
};
std::optional<StorageError> regradeAllOnSqlite(Connection &connection, int *count,
                                               RegradeTimings *timings = nullptr);

} // namespace longshot::storage
