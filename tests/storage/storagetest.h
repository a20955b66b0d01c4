#pragma once

#include "models/domain/trade.h"
#include "storage/databaseconfig.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace longshot::test {

// The engines every storage test runs against. PostgreSQL rows need LONGSHOT_TEST_PG
// (a postgresql:// URL, set by ./dev test through tests/support/pg-throwaway).
inline constexpr char kSqlite[] = "sqlite";
inline constexpr char kPostgres[] = "postgresql";
QStringList engines();
QString postgresUrl();

// A fresh, empty database for one test: a file in a temporary directory for SQLite, a new
// schema (dropped again in the destructor) for PostgreSQL.
class TestDatabase final {
public:
    explicit TestDatabase(const QString &engine);
    ~TestDatabase();
    Q_DISABLE_COPY_MOVE(TestDatabase)

    bool ok() const { return m_error.isEmpty(); }
    const QString &error() const { return m_error; }
    const storage::DatabaseConfig &config() const { return m_config; }
    bool isSqlite() const { return m_config.engine == storage::Engine::Sqlite; }
    QString dir() const { return m_dir ? m_dir->path() : QString(); }

private:
    storage::DatabaseConfig m_config;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_error;
};

Trade makeTrade(const QString &txId, const QString &wallet, const QString &assetId, Side side,
                const char *price, const char *size, qint64 tsMs);

} // namespace longshot::test

// Fetches the engine column, skips PostgreSQL rows without a server and opens a fresh database.
#define LONGSHOT_TEST_DATABASE(var)                                                                          \
    QFETCH(QString, engine);                                                                                 \
    if (engine == QLatin1String(longshot::test::kPostgres) && longshot::test::postgresUrl().isEmpty())       \
        QSKIP("LONGSHOT_TEST_PG is not set: no PostgreSQL server for this run");                             \
    longshot::test::TestDatabase var(engine);                                                                \
    QVERIFY2(var.ok(), qPrintable(var.error()))
