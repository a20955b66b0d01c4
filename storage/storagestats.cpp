#include "storage/storagestats.h"

#include "storage/connection.h"
#include "storage/migrations.h"

#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace longshot::storage {

std::optional<StorageError> readStorageStats(Connection &connection, StorageStats *stats) {
    *stats = {};
    if (auto error = readSchemaVersion(connection, &stats->schemaVersion))
        return error;
    if (stats->schemaVersion == 0)
        return std::nullopt; // an empty database: nothing to count yet
    QSqlQuery q(connection.database());
    q.setForwardOnly(true);
    const QString sql =
        u"SELECT (SELECT COUNT(*) FROM trades), (SELECT COUNT(*) FROM markets), "
        "(SELECT COUNT(*) FROM traders), (SELECT COUNT(*) FROM gaps WHERE filled_ms IS NULL), "
        "(SELECT MIN(ts_ms) FROM trades), (SELECT MAX(ts_ms) FROM trades)"_s;
    if (!q.exec(sql) || !q.next())
        return connection.errorFrom(q.lastError(), u"storage stats"_s);
    stats->trades = q.value(0).toLongLong();
    stats->markets = q.value(1).toLongLong();
    stats->traders = q.value(2).toLongLong();
    stats->openGaps = q.value(3).toLongLong();
    stats->oldestTradeMs = q.value(4).toLongLong(); // NULL reads as 0
    stats->newestTradeMs = q.value(5).toLongLong();
    q.finish();
    if (connection.engine() == Engine::Sqlite) {
        const QString path = connection.config().path;
        const QFileInfo main(path);
        const QFileInfo wal(path + u"-wal"_s);
        if (main.exists())
            stats->sizeBytes = main.size() + (wal.exists() ? wal.size() : 0);
    } else if (q.exec(u"SELECT pg_database_size(current_database())"_s) && q.next()) {
        stats->sizeBytes = q.value(0).toLongLong();
    }
    return std::nullopt;
}

} // namespace longshot::storage
