#pragma once

#include "storage/databaseconfig.h"

#include <QMetaType>
#include <QString>
#include <QtGlobal>

class QSqlError;

namespace longshot::storage {

// Every way the database can fail us, by what the writer should do about it.
struct StorageError {
    enum class Kind : quint8 {
        Open = 1,    // cannot open or reach the database
        Locked,      // another connection holds the write lock; retry later
        ReadOnly,    // the file or the server refuses writes
        DiskFull,    // no space left (or the page limit hit)
        NewerSchema, // the database was written by a newer Longshot; left untouched
        Query,       // our SQL failed: a bug or a constraint
    };

    Kind kind = Kind::Query;
    QString message;

    // A failure the writer retries with backoff while keeping its rows.
    bool isTransient() const;
};

QString kindName(StorageError::Kind kind);
QString describe(const StorageError &error);

// Maps a driver error (SQLite result codes, PostgreSQL SQLSTATE) to a kind.
StorageError storageErrorFrom(const QSqlError &error, Engine engine, const QString &context);

} // namespace longshot::storage

Q_DECLARE_METATYPE(longshot::storage::StorageError)
