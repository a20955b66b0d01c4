#include "storage/connection.h"

#include <QAtomicInteger>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

using namespace Qt::StringLiterals;

namespace longshot::storage {

namespace {

// Address space, not memory: only the pages a query touches are read in, and they are the
// kernel's page cache shared with the writer. 1 GiB maps most of a ten-million-trade file.
constexpr qint64 kReaderMmapBytes = 1LL << 30;
constexpr int kReaderCacheKib = -32'768; // negative: KiB (32 MiB) rather than pages
constexpr int kWriterCacheKib = -65'536;

QString uniqueName(const QString &purpose) {
    static QAtomicInteger<quint64> counter;
    const quint64 n = counter.fetchAndAddRelaxed(1);
    const auto thread = reinterpret_cast<quintptr>(QThread::currentThreadId());
    return u"longshot-"_s + purpose + u'-' + QString::number(thread, 16) + u'-' + QString::number(n);
}

} // namespace

Connection::Connection(DatabaseConfig config, const QString &purpose)
    : m_config(std::move(config))
    , m_name(uniqueName(purpose)) {
    m_db = QSqlDatabase::addDatabase(m_config.driverName(), m_name);
}

Connection::~Connection() {
    close();
    // removeDatabase warns (and leaks) while a QSqlDatabase handle is still alive.
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

bool Connection::isOpen() const {
    return m_db.isOpen();
}

void Connection::close() {
    if (m_db.isOpen())
        m_db.close();
}

std::optional<StorageError> Connection::open() {
    if (m_db.isOpen())
        return std::nullopt;
    if (!m_db.isValid())
        return StorageError{StorageError::Kind::Open,
                            u"the Qt SQL driver "_s + m_config.driverName() + u" is not available"_s};
    QStringList options;
    if (m_config.engine == Engine::Sqlite) {
        m_db.setDatabaseName(m_config.path);
        options << u"QSQLITE_BUSY_TIMEOUT="_s + QString::number(m_config.busyTimeoutMs);
        if (m_config.readOnly)
            options << u"QSQLITE_OPEN_READONLY"_s;
    } else {
        m_db.setHostName(m_config.host);
        m_db.setPort(m_config.port);
        m_db.setUserName(m_config.user);
        m_db.setDatabaseName(m_config.databaseName);
        options << u"connect_timeout=10"_s;
    }
    m_db.setConnectOptions(options.join(u';'));
    if (!m_db.open()) {
        StorageError error = errorFrom(m_db.lastError(), u"open "_s + m_config.describe());
        if (error.kind == StorageError::Kind::Query)
            error.kind = StorageError::Kind::Open;
        return error;
    }
    QStringList setup;
    if (m_config.engine == Engine::Sqlite) {
        setup << u"PRAGMA busy_timeout=%1"_s.arg(m_config.busyTimeoutMs) << u"PRAGMA synchronous=NORMAL"_s
              << u"PRAGMA foreign_keys=ON"_s;
        if (m_config.readOnly) {
            // Readers walk an index and fetch rows scattered over the file: mapped pages skip a
            // pread() and a copy per page, and a larger cache keeps a history session's pages.
            setup << u"PRAGMA mmap_size=%1"_s.arg(kReaderMmapBytes)
                  << u"PRAGMA cache_size=%1"_s.arg(kReaderCacheKib);
        } else {
            // Every stored trade lands at a random place in four indexes (natural key, wallet,
            // market, notional). With SQLite's 2 MiB default those pages are evicted between
            // transactions and read back through a pread() each; 64 MiB keeps the hot index
            // pages of a busy feed in memory.
            setup << u"PRAGMA cache_size=%1"_s.arg(kWriterCacheKib);
        }
    } else {
        // Notices ("schema already exists, skipping") would land on stderr through libpq.
        setup << u"SET client_min_messages = warning"_s
              << u"SET lock_timeout = %1"_s.arg(m_config.busyTimeoutMs);
        if (!m_config.schema.isEmpty()) {
            // The schema name was validated as a plain identifier when the URL was parsed.
            if (!m_config.readOnly)
                setup << u"CREATE SCHEMA IF NOT EXISTS "_s + m_config.schema;
            setup << u"SET search_path TO "_s + m_config.schema;
        }
    }
    for (const QString &sql : std::as_const(setup)) {
        if (auto error = exec(sql)) {
            close();
            return error;
        }
    }
    return std::nullopt;
}

StorageError Connection::errorFrom(const QSqlError &error, const QString &context) const {
    return storageErrorFrom(error, m_config.engine, context);
}

std::optional<StorageError> Connection::exec(const QString &sql) {
    QSqlQuery query(m_db);
    if (!query.exec(sql))
        return errorFrom(query.lastError(), sql.left(80));
    return std::nullopt;
}

std::optional<StorageError> Connection::prepare(QSqlQuery &query, const QString &sql) {
    if (!query.prepare(sql))
        return errorFrom(query.lastError(), u"prepare "_s + sql.left(80));
    return std::nullopt;
}

std::optional<StorageError> Connection::execPrepared(QSqlQuery &query, const QString &context) {
    if (!query.exec())
        return errorFrom(query.lastError(), context);
    return std::nullopt;
}

std::optional<StorageError> Connection::beginWrite() {
    return exec(m_config.engine == Engine::Sqlite ? u"BEGIN IMMEDIATE"_s : u"BEGIN"_s);
}

std::optional<StorageError> Connection::commit() {
    return exec(u"COMMIT"_s);
}

void Connection::rollback() {
    QSqlQuery query(m_db);
    query.exec(u"ROLLBACK"_s); // best effort: a failed COMMIT may already have rolled back
}

} // namespace longshot::storage
