#include "storage/sqlitestatement.h"

#include "storage/connection.h"

#include <QSqlDriver>
#include <QSqlError>

#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace longshot::storage {

std::optional<SqliteStatement> SqliteStatement::prepare(Connection &connection, const QString &sql,
                                                        StorageError *error) {
    const QVariant handle = connection.database().driver()->handle();
    // The handle's type name is how Qt documents telling drivers apart (QSqlDriver::handle).
    if (connection.engine() != Engine::Sqlite || qstrcmp(handle.typeName(), "sqlite3*") != 0) {
        *error = {StorageError::Kind::Query, u"not a SQLite connection"_s};
        return std::nullopt;
    }
    sqlite3 *db = *static_cast<sqlite3 *const *>(handle.constData());
    if (!db) {
        *error = {StorageError::Kind::Open, u"the database is not open"_s};
        return std::nullopt;
    }
    const QByteArray utf8 = sql.toUtf8();
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(db, utf8.constData(), int(utf8.size()), &statement, nullptr) != SQLITE_OK) {
        *error = SqliteStatement(db, nullptr, u"prepare "_s + sql.left(80)).lastError();
        sqlite3_finalize(statement);
        return std::nullopt;
    }
    return SqliteStatement(db, statement, sql.left(80));
}

SqliteStatement::SqliteStatement(sqlite3 *db, sqlite3_stmt *statement, QString context)
    : m_db(db)
    , m_statement(statement)
    , m_context(std::move(context)) {}

SqliteStatement::SqliteStatement(SqliteStatement &&other) noexcept
    : m_db(other.m_db)
    , m_statement(std::exchange(other.m_statement, nullptr))
    , m_context(std::move(other.m_context)) {}

SqliteStatement::~SqliteStatement() {
    sqlite3_finalize(m_statement);
}

StorageError SqliteStatement::lastError() const {
    // Through the same mapping as the Qt driver's errors: SQLITE_BUSY is Locked, and so on.
    const QSqlError error(QString(), QString::fromUtf8(sqlite3_errmsg(m_db)), QSqlError::StatementError,
                          QString::number(sqlite3_extended_errcode(m_db)));
    return storageErrorFrom(error, Engine::Sqlite, m_context);
}

std::optional<StorageError> SqliteStatement::bind(const QVariantList &values) {
    for (int i = 0; i < int(values.size()); ++i) {
        const QVariant &v = values.at(i);
        int rc = SQLITE_OK;
        switch (v.typeId()) {
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::LongLong:
        case QMetaType::ULongLong:
        case QMetaType::Bool:
            rc = sqlite3_bind_int64(m_statement, i + 1, v.toLongLong());
            break;
        default:
            if (v.isNull()) {
                rc = sqlite3_bind_null(m_statement, i + 1);
            } else {
                const QByteArray utf8 = v.toString().toUtf8();
                rc = sqlite3_bind_text(m_statement, i + 1, utf8.constData(), int(utf8.size()),
                                       SQLITE_TRANSIENT);
            }
            break;
        }
        if (rc != SQLITE_OK)
            return lastError();
    }
    return std::nullopt;
}

std::optional<StorageError> SqliteStatement::bindInt64(int index, qint64 value) {
    if (sqlite3_bind_int64(m_statement, index, value) != SQLITE_OK)
        return lastError();
    return std::nullopt;
}

std::optional<StorageError> SqliteStatement::bindText(int index, QByteArrayView utf8) {
    // An empty view still binds '' (not NULL): the text columns are NOT NULL DEFAULT ''.
    if (sqlite3_bind_text(m_statement, index, utf8.data() ? utf8.data() : "", int(utf8.size()),
                          SQLITE_TRANSIENT) != SQLITE_OK)
        return lastError();
    return std::nullopt;
}

std::optional<StorageError> SqliteStatement::bindDouble(int index, double value) {
    if (sqlite3_bind_double(m_statement, index, value) != SQLITE_OK)
        return lastError();
    return std::nullopt;
}

std::optional<StorageError> SqliteStatement::bindNull(int index) {
    if (sqlite3_bind_null(m_statement, index) != SQLITE_OK)
        return lastError();
    return std::nullopt;
}

void SqliteStatement::reset() {
    sqlite3_reset(m_statement);
}

std::optional<StorageError> SqliteStatement::run() {
    const int rc = sqlite3_step(m_statement);
    std::optional<StorageError> error;
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        error = lastError();
    sqlite3_reset(m_statement);
    return error;
}

bool SqliteStatement::next(std::optional<StorageError> *error) {
    const int rc = sqlite3_step(m_statement);
    if (rc == SQLITE_ROW)
        return true;
    if (rc != SQLITE_DONE)
        *error = lastError();
    return false;
}

qint64 SqliteStatement::int64(int column) const {
    return sqlite3_column_int64(m_statement, column);
}

bool SqliteStatement::isNull(int column) const {
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

QByteArrayView SqliteStatement::bytes(int column) const {
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
    return data ? QByteArrayView(data, sqlite3_column_bytes(m_statement, column)) : QByteArrayView();
}

QString SqliteStatement::text(int column) const {
    const QByteArrayView utf8 = bytes(column);
    return QString::fromUtf8(utf8.data(), utf8.size());
}

} // namespace longshot::storage
