#include "storage/storageerror.h"

#include <QSqlError>

using namespace Qt::StringLiterals;

namespace longshot::storage {

bool StorageError::isTransient() const {
    switch (kind) {
    case Kind::Locked:
    case Kind::ReadOnly:
    case Kind::DiskFull:
    case Kind::Open:
        return true;
    case Kind::NewerSchema:
    case Kind::Query:
        return false;
    }
    return false;
}

QString kindName(StorageError::Kind kind) {
    switch (kind) {
    case StorageError::Kind::Open:
        return u"open"_s;
    case StorageError::Kind::Locked:
        return u"locked"_s;
    case StorageError::Kind::ReadOnly:
        return u"read-only"_s;
    case StorageError::Kind::DiskFull:
        return u"disk full"_s;
    case StorageError::Kind::NewerSchema:
        return u"newer schema"_s;
    case StorageError::Kind::Query:
        return u"query"_s;
    }
    return {};
}

QString describe(const StorageError &error) {
    return kindName(error.kind) + u": "_s + error.message;
}

namespace {

// SQLite primary result codes (extended codes carry them in the low byte).
constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;
constexpr int kSqliteReadOnly = 8;
constexpr int kSqliteIoErr = 10;
constexpr int kSqliteFull = 13;
constexpr int kSqliteCantOpen = 14;
constexpr int kSqliteNotADb = 26;

StorageError::Kind sqliteKind(const QSqlError &error) {
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok) & 0xff;
    if (ok) {
        switch (code) {
        case kSqliteBusy:
        case kSqliteLocked:
            return StorageError::Kind::Locked;
        case kSqliteReadOnly:
            return StorageError::Kind::ReadOnly;
        case kSqliteFull:
            return StorageError::Kind::DiskFull;
        case kSqliteCantOpen:
        case kSqliteNotADb:
            return StorageError::Kind::Open;
        case kSqliteIoErr:
            break; // fall through to the text: ENOSPC shows up as an I/O error on some paths
        default:
            break;
        }
    }
    const QString text = error.databaseText().toLower();
    if (text.contains(u"locked"_s) || text.contains(u"busy"_s))
        return StorageError::Kind::Locked;
    if (text.contains(u"readonly"_s) || text.contains(u"read-only"_s))
        return StorageError::Kind::ReadOnly;
    if (text.contains(u"disk is full"_s) || text.contains(u"database or disk is full"_s))
        return StorageError::Kind::DiskFull;
    // Not QSqlError::type(): QSQLITE reports every failed step as a ConnectionError.
    if (text.contains(u"unable to open"_s))
        return StorageError::Kind::Open;
    return StorageError::Kind::Query;
}

StorageError::Kind postgresKind(const QSqlError &error) {
    const QString state = error.nativeErrorCode();
    if (state == u"25006")
        return StorageError::Kind::ReadOnly; // read_only_sql_transaction (hot standby,
                                             // default_transaction_read_only)
    if (state == u"53100")
        return StorageError::Kind::DiskFull;
    if (state == u"55P03" || state == u"40P01" || state == u"40001" || state == u"57014")
        return StorageError::Kind::Locked; // lock_not_available, deadlock, serialization, lock/statement
                                           // timeout
    if (state.startsWith(u"08"_s) || state.startsWith(u"28"_s) || state == u"3D000" ||
        state.startsWith(u"57P"_s))
        return StorageError::Kind::Open; // connection, authentication, unknown database, shutdown
    if (error.type() == QSqlError::ConnectionError)
        return StorageError::Kind::Open;
    return StorageError::Kind::Query;
}

} // namespace

StorageError storageErrorFrom(const QSqlError &error, Engine engine, const QString &context) {
    StorageError result;
    result.kind = engine == Engine::Postgres ? postgresKind(error) : sqliteKind(error);
    QString detail = error.databaseText().trimmed();
    if (detail.isEmpty())
        detail = error.driverText().trimmed();
    result.message = context + u": "_s + detail;
    if (!error.nativeErrorCode().isEmpty())
        result.message += u" ("_s + error.nativeErrorCode() + u')';
    return result;
}

} // namespace longshot::storage
