#include "storage/databaseconfig.h"

#include <QTest>

using namespace Qt::StringLiterals;
using longshot::storage::Engine;
using longshot::storage::parseDatabaseConfig;

class TestDatabaseConfig final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parsesValid_data();
    void parsesValid();
    void rejects_data();
    void rejects();
};

void TestDatabaseConfig::parsesValid_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("engine");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("dbname");
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QString>("driver");

    const int sqlite = int(Engine::Sqlite);
    const int pg = int(Engine::Postgres);
    QTest::newRow("relative file") << u"trades.sqlite"_s << sqlite << u"trades.sqlite"_s << QString()
                                   << QString() << 5432 << QString() << QString() << u"QSQLITE"_s;
    QTest::newRow("absolute file") << u"  /var/lib/longshot/t.db "_s << sqlite << u"/var/lib/longshot/t.db"_s
                                   << QString() << QString() << 5432 << QString() << QString()
                                   << u"QSQLITE"_s;
    QTest::newRow("file: prefix") << u"file:/tmp/x.sqlite"_s << sqlite << u"/tmp/x.sqlite"_s << QString()
                                  << QString() << 5432 << QString() << QString() << u"QSQLITE"_s;
    QTest::newRow("unicode path") << u"/tmp/Données/交易.sqlite"_s << sqlite << u"/tmp/Données/交易.sqlite"_s
                                  << QString() << QString() << 5432 << QString() << QString() << u"QSQLITE"_s;
    QTest::newRow("no user: libpq's default")
        << u"postgresql://db.example.org:5433/longshot"_s << pg << QString() << QString()
        << u"db.example.org"_s << 5433 << u"longshot"_s << QString() << u"QPSQL"_s;
    QTest::newRow("postgresql") << u"postgresql://alice@db.example.org:6543/longshot"_s << pg << QString()
                                << u"alice"_s << u"db.example.org"_s << 6543 << u"longshot"_s << QString()
                                << u"QPSQL"_s;
    QTest::newRow("postgres scheme, default port")
        << u"postgres://bob@127.0.0.1/trades"_s << pg << QString() << u"bob"_s << u"127.0.0.1"_s << 5432
        << u"trades"_s << QString() << u"QPSQL"_s;
    QTest::newRow("schema parameter")
        << u"postgresql://postgres@127.0.0.1:5433/longshot_test?schema=run_1"_s << pg << QString()
        << u"postgres"_s << u"127.0.0.1"_s << 5433 << u"longshot_test"_s << u"run_1"_s << u"QPSQL"_s;
}

void TestDatabaseConfig::parsesValid() {
    QFETCH(QString, text);
    QFETCH(int, engine);
    QFETCH(QString, path);
    QFETCH(QString, user);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, dbname);
    QFETCH(QString, schema);
    QFETCH(QString, driver);

    const auto parsed = parseDatabaseConfig(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    QCOMPARE(int(parsed.config.engine), engine);
    QCOMPARE(parsed.config.driverName(), driver);
    if (parsed.config.engine == Engine::Sqlite) {
        QCOMPARE(parsed.config.path, path);
        return;
    }
    QCOMPARE(parsed.config.user, user);
    QCOMPARE(parsed.config.host, host);
    QCOMPARE(parsed.config.port, port);
    QCOMPARE(parsed.config.databaseName, dbname);
    QCOMPARE(parsed.config.schema, schema);
    QVERIFY(!parsed.config.describe().contains(u"password"_s));
}

void TestDatabaseConfig::rejects_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("empty") << u"   "_s << u"no database given"_s;
    QTest::newRow("password in url") << u"postgresql://alice:s3cret@db:5432/longshot"_s << u"PGPASSWORD"_s;
    QTest::newRow("empty password") << u"postgresql://alice:@db:5432/longshot"_s << u"password"_s;
    QTest::newRow("password parameter") << u"postgresql://alice@db/longshot?password=x"_s << u"PGPASSWORD"_s;
    QTest::newRow("no host") << u"postgresql://alice@:5432/longshot"_s << u"host"_s;
    QTest::newRow("no database") << u"postgresql://alice@db:5432/"_s << u"database name"_s;
    QTest::newRow("nested path") << u"postgresql://alice@db:5432/a/b"_s << u"database name"_s;
    QTest::newRow("bad port") << u"postgresql://alice@db:99999/longshot"_s << u"port"_s;
    QTest::newRow("non-numeric port") << u"postgresql://alice@db:abc/longshot"_s << u"malformed"_s;
    QTest::newRow("bad schema") << u"postgresql://alice@db/longshot?schema=x;drop"_s << u"schema"_s;
    QTest::newRow("unknown parameter") << u"postgresql://alice@db/longshot?sslmode=disable"_s << u"unknown"_s;
    QTest::newRow("other scheme") << u"mysql://alice@db/longshot"_s << u"unsupported"_s;
}

void TestDatabaseConfig::rejects() {
    QFETCH(QString, text);
    QFETCH(QString, mentions);
    const auto parsed = parseDatabaseConfig(text);
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.error.contains(mentions, Qt::CaseInsensitive), qPrintable(parsed.error));
    // The refusal never echoes the secret back into a log line.
    QVERIFY(!parsed.error.contains(u"s3cret"_s));
}

QTEST_GUILESS_MAIN(TestDatabaseConfig)
#include "tst_databaseconfig.moc"
