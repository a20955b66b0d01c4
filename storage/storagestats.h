#pragma once

#include "storage/storageerror.h"

#include <QMetaType>
#include <QtGlobal>

#include <optional>

namespace longshot::storage {

class Connection;

// What the Storage panel shows about the database.
struct StorageStats {
    int schemaVersion = 0;
    qint64 trades = 0;
    qint64 markets = 0;
    qint64 traders = 0;
    qint64 openGaps = 0;
    qint64 oldestTradeMs = 0; // 0 when there are no trades
    qint64 newestTradeMs = 0;
    qint64 sizeBytes = -1; // SQLite: file + WAL; PostgreSQL: the whole database; -1 if unknown
};

std::optional<StorageError> readStorageStats(Connection &connection, StorageStats *stats);

} // namespace longshot::storage

Q_DECLARE_METATYPE(longshot::storage::StorageStats)
