#pragma once

#include "storage/storageerror.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace longshot::storage {

class Connection;

// One step of the schema. Each runs in its own transaction together with the
// schema_version row that records it, so a crash leaves either the old or the new version.
struct Migration {
    int version = 0;
    QString description;
    QStringList (*statements)(Engine engine) = nullptr;
};

const QList<Migration> &migrations();
int latestSchemaVersion();

// 0 for an empty database; an error when the version cannot be read.
std::optional<StorageError> readSchemaVersion(Connection &connection, int *version);

// Brings the database up to targetVersion (default: the latest). A database from a newer
// Longshot is refused with NewerSchema before anything is written, so it stays byte-identical.
// On SQLite, switches the file to WAL once the version is known to be ours.
std::optional<StorageError> migrate(Connection &connection, int targetVersion = -1);

} // namespace longshot::storage
