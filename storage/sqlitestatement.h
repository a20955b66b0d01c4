#pragma once

#include "storage/storageerror.h"

#include <QString>
#include <QVariantList>

#include <optional>

struct sqlite3;
struct sqlite3_stmt;

namespace longshot::storage {

class Connection;

// A statement prepared straight on a SQLite connection's handle, for the read paths that
// fetch many rows (history pages, replay chunks). QSqlQuery turns every cell of every row into
// a QVariant and every text into UTF-16 before the caller sees it; here the caller reads the
// columns it needs, as integers or UTF-8 bytes. Same connection, same transaction rules, and
// still only bound values. SQLite connections only; callers keep QSqlQuery for PostgreSQL.
class SqliteStatement final {
public:
    // Null, with *error set, when the connection is not SQLite or the SQL does not prepare.
    static std::optional<SqliteStatement> prepare(Connection &connection, const QString &sql,
                                                  StorageError *error);
    ~SqliteStatement();
    SqliteStatement(SqliteStatement &&other) noexcept;
    SqliteStatement &operator=(SqliteStatement &&) = delete;
    Q_DISABLE_COPY(SqliteStatement)

    // Binds integers, texts and nulls in order, from the first placeholder.
    std::optional<StorageError> bind(const QVariantList &values);
    // Typed binds for statements run once per row (no QVariant per value); index from 1.
    // The text is copied, so the caller's buffer may go at once.
    std::optional<StorageError> bindInt64(int index, qint64 value);
    std::optional<StorageError> bindText(int index, QByteArrayView utf8);
    std::optional<StorageError> bindDouble(int index, double value);
    std::optional<StorageError> bindNull(int index);
    // Makes a stepped statement runnable again; the bound values stay.
    void reset();
    // Runs a statement that returns no rows (INSERT, UPDATE, DELETE), then resets it.
    std::optional<StorageError> run();
    // True with a row to read, false at the end; *error is set when the step failed.
    bool next(std::optional<StorageError> *error);

    qint64 int64(int column) const;
    bool isNull(int column) const;
    QString text(int column) const;
    // The UTF-8 bytes, valid until the next step: for comparing short codes without a QString.
    QByteArrayView bytes(int column) const;

private:
    SqliteStatement(sqlite3 *db, sqlite3_stmt *statement, QString context);
    StorageError lastError() const;

    sqlite3 *m_db;
    sqlite3_stmt *m_statement;
    QString m_context;
};

} // namespace longshot::storage
