#pragma once

#include "storage/databaseconfig.h"
#include "storage/storageerror.h"

#include <QSqlDatabase>
#include <QString>

#include <optional>

class QSqlQuery;

namespace longshot::storage {

// Owns one named QSqlDatabase connection on the thread that created it. Qt connections
// must be used and removed on their own thread, so each worker builds its own
// ("writer", "reader-1", ...) and the destructor removes it once the handle is gone.
class Connection final {
public:
    Connection(DatabaseConfig config, const QString &purpose);
    ~Connection();
    Q_DISABLE_COPY_MOVE(Connection)

    // Opens and applies the per-connection settings (busy timeout, synchronous, foreign keys;
    // search_path on PostgreSQL). WAL is a property of the file and is switched on by migrate().
    std::optional<StorageError> open();
    void close();
    bool isOpen() const;

    QSqlDatabase &database() { return m_db; }
    const DatabaseConfig &config() const { return m_config; }
    Engine engine() const { return m_config.engine; }
    const QString &name() const { return m_name; }

    // Checked helpers: every failure becomes a StorageError.
    std::optional<StorageError> exec(const QString &sql);
    std::optional<StorageError> prepare(QSqlQuery &query, const QString &sql);
    std::optional<StorageError> execPrepared(QSqlQuery &query, const QString &context);
    StorageError errorFrom(const QSqlError &error, const QString &context) const;

    // BEGIN IMMEDIATE on SQLite takes the write lock up front, so a concurrent writer shows up
    // as Locked at the start instead of as a failed upgrade half-way through a batch.
    std::optional<StorageError> beginWrite();
    std::optional<StorageError> commit();
    void rollback();

private:
    DatabaseConfig m_config;
    QString m_name;
    QSqlDatabase m_db;
};

} // namespace longshot::storage
