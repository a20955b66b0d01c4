#pragma once

#include <QMetaType>
#include <QString>
#include <QStringView>
#include <QtGlobal>

namespace longshot::storage {

enum class Engine : quint8 { Sqlite = 1, Postgres = 2 };

// Where the trades live, parsed from the --db text. Passwords are never part of it:
// libpq reads PGPASSWORD or ~/.pgpass itself, so nothing secret reaches the command
// line, QSettings or the logs.
struct DatabaseConfig {
    Engine engine = Engine::Sqlite;
    QString path; // SQLite file
    QString host; // PostgreSQL
    int port = 5432;
    QString user;
    QString databaseName;
    QString schema;           // PostgreSQL search_path (URL ?schema=); empty = the server default
    bool readOnly = false;    // readers (export, stats) open SQLite with QSQLITE_OPEN_READONLY
    int busyTimeoutMs = 5000; // how long a write waits for another writer's lock

    QString driverName() const; // "QSQLITE" / "QPSQL"
    QString describe() const;   // for logs and the status bar; never holds a password

    static DatabaseConfig sqlite(const QString &path);
};

struct DatabaseConfigParse {
    DatabaseConfig config;
    QString error; // empty on success
    bool ok() const { return error.isEmpty(); }
};

// A plain path (or file:path) means SQLite; postgresql://user@host:port/dbname[?schema=name]
// (also postgres://) means PostgreSQL; without user@ libpq connects as the login name. The
// one parser of --db: the command line, settings and tests all go through it.
DatabaseConfigParse parseDatabaseConfig(QStringView text);

} // namespace longshot::storage

Q_DECLARE_METATYPE(longshot::storage::DatabaseConfig)
