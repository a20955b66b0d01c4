#include "storage/connection.h"
#include "storage/migrations.h"
#include "storage/tradewriter.h"
#include "tests/storage/storagetest.h"
#include "tests/storage/writerharness.h"
#include "tests/support/testdata.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace longshot;
using longshot::storage::StorageError;

namespace {

const QString kV1Fixture = u"storage/schema_v1.sqlite"_s;

qint64 scalar(storage::Connection &c, const QString &sql) {
    QSqlQuery q(c.database());
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

int versionOf(storage::Connection &c) {
    int version = -1;
    if (storage::readSchemaVersion(c, &version))
        return -1;
    return version;
}

// The v1 fixture holds these rows, written with schema v1 and plain SQL of that version.
QStringList v1Rows() {
    return {
        u"INSERT INTO trades (venue, tx_id, wallet, asset_id, side, price_micros, size_micros, "
        u"notional_micros, "
        "fee_micros, ts_ms, market_id, outcome, outcome_index, source, received_ms) VALUES "
        "('polymarket', '0xabc', '0x1111111111111111111111111111111111111111', 'tok1', 'BUY', 420000, "
        "1000000000, "
        "420000000, NULL, 1700000000000, '0xcond', 'Yes', 0, 'rtds', 1700000000150)"_s,
        u"INSERT INTO trades (venue, tx_id, wallet, asset_id, side, price_micros, size_micros, "
        u"notional_micros, "
        "fee_micros, ts_ms, market_id, outcome, outcome_index, source, received_ms) VALUES "
        "('kalshi', 'k-1', '', 'KXRAIN:yes', 'SELL', 970000, 12500000, 12125000, 10000, 1700000001000, "
        "'KXRAIN', "
        "'yes', 0, 'kalshi_ws', 1700000001100)"_s,
        u"INSERT INTO markets (venue, market_id, title, slug, event_slug, category, end_date, closed, "
        u"updated_ms) "
        "VALUES ('polymarket', '0xcond', 'Will it rain?', 'rain', 'weather', 'Weather', NULL, 0, 1700000000000)"_s,
        u"INSERT INTO traders (wallet, name, pseudonym, first_seen_ms, last_seen_ms) VALUES "
        "('0x1111111111111111111111111111111111111111', 'whale', '', 1700000000000, 1700000000000)"_s,
        u"INSERT INTO gaps (feed, from_ms, to_ms, reason, recorded_ms) VALUES "
        "('polymarket.rtds', 1699999990000, 1700000000000, 'reconnect', 1700000000200)"_s,
    };
}

QByteArray fileHash(const QString &path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

} // namespace

class TestMigrations final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void engine_data();

    void freshCreate_data() { engine_data(); }
    void freshCreate();
    void stepwiseUpgrade_data() { engine_data(); }
    void stepwiseUpgrade();
    void upgradeFromV1Fixture();
    void newerSchemaRefused_data() { engine_data(); }
    void newerSchemaRefused();
    void newerSqliteFileLeftByteIdentical();
};

void TestMigrations::initTestCase() {
    qRegisterMetaType<StorageError>();
    // Regenerates the committed fixture: LONGSHOT_REGENERATE_FIXTURES=1 ./tst_migrations
    if (qEnvironmentVariableIsSet("LONGSHOT_REGENERATE_FIXTURES")) {
        const QString path = test::dataPath(kV1Fixture);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile::remove(path);
        storage::Connection c(storage::DatabaseConfig::sqlite(path), u"fixture"_s);
        QVERIFY(!c.open());
        QVERIFY(!storage::migrate(c, 1));
        for (const QString &sql : v1Rows())
            QVERIFY(!c.exec(sql));
        QVERIFY(!c.exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s));
    }
}

void TestMigrations::engine_data() {
    QTest::addColumn<QString>("engine");
    for (const QString &e : test::engines())
        QTest::newRow(qPrintable(e)) << e;
}

void TestMigrations::freshCreate() {
    LONGSHOT_TEST_DATABASE(db);
    storage::Connection c(db.config(), u"migrate"_s);
    QVERIFY(!c.open());
    QCOMPARE(versionOf(c), 0);
    QVERIFY(!storage::migrate(c));
    QCOMPARE(versionOf(c), storage::latestSchemaVersion());
    QCOMPARE(scalar(c, u"SELECT COUNT(*) FROM schema_version"_s), storage::migrations().size());
    for (const QString &table : {u"trades"_s, u"markets"_s, u"outcomes"_s, u"traders"_s, u"gaps"_s,
                                 u"sync_state"_s, u"position_snapshots"_s})
        QVERIFY2(scalar(c, u"SELECT COUNT(*) FROM "_s + table) == 0, qPrintable(table));
    // Running again is a no-op, not a second copy of each step.
    QVERIFY(!storage::migrate(c));
    QCOMPARE(scalar(c, u"SELECT COUNT(*) FROM schema_version"_s), storage::migrations().size());
    if (db.isSqlite()) {
        QSqlQuery q(c.database());
        QVERIFY(q.exec(u"PRAGMA journal_mode"_s) && q.next());
        QCOMPARE(q.value(0).toString(), u"wal"_s);
    }
}

void TestMigrations::stepwiseUpgrade() {
    LONGSHOT_TEST_DATABASE(db);
    storage::Connection c(db.config(), u"migrate"_s);
    QVERIFY(!c.open());
    QVERIFY(!storage::migrate(c, 1));
    QCOMPARE(versionOf(c), 1);
    QVERIFY(scalar(c, u"SELECT COUNT(*) FROM position_snapshots"_s) < 0); // not there yet
    for (const QString &sql : v1Rows())
        QVERIFY(!c.exec(sql));
    QVERIFY(!storage::migrate(c));
    QCOMPARE(versionOf(c), storage::latestSchemaVersion());
    QCOMPARE(scalar(c, u"SELECT COUNT(*) FROM position_snapshots"_s), 0);
    QCOMPARE(scalar(c, u"SELECT SUM(notional_micros) FROM trades"_s), 432'125'000);
}

void TestMigrations::upgradeFromV1Fixture() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"old.sqlite"_s);
    QVERIFY(QFile::copy(test::dataPath(kV1Fixture), path));
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);

    storage::Connection c(storage::DatabaseConfig::sqlite(path), u"upgrade"_s);
    QVERIFY(!c.open());
    QCOMPARE(versionOf(c), 1);
    QVERIFY(!storage::migrate(c));
    QCOMPARE(versionOf(c), storage::latestSchemaVersion());
    QCOMPARE(scalar(c, u"SELECT COUNT(*) FROM trades"_s), 2);
    QCOMPARE(scalar(c, u"SELECT SUM(notional_micros) FROM trades"_s), 432'125'000);
    QCOMPARE(scalar(c, u"SELECT fee_micros FROM trades WHERE venue = 'kalshi'"_s), 10'000);
    QCOMPARE(scalar(c, u"SELECT COUNT(*) FROM gaps WHERE filled_ms IS NULL"_s), 1);
    QCOMPARE(scalar(c, u"SELECT COUNT(*) FROM position_snapshots"_s), 0);
    QCOMPARE(scalar(c, u"SELECT COUNT(*) FROM sqlite_master WHERE name = 'gaps_open'"_s), 1);
}

void TestMigrations::newerSchemaRefused() {
    LONGSHOT_TEST_DATABASE(db);
    {
        storage::Connection c(db.config(), u"future"_s);
        QVERIFY(!c.open());
        QVERIFY(!storage::migrate(c));
        QVERIFY(!c.exec(
            u"INSERT INTO schema_version (version, applied_ms, description) VALUES (99, 1, 'future')"_s));
    }
    storage::Connection c(db.config(), u"today"_s);
    QVERIFY(!c.open());
    const auto error = storage::migrate(c);
    QVERIFY(error);
    QCOMPARE(error->kind, StorageError::Kind::NewerSchema);
    QVERIFY2(error->message.contains(u"99"_s) && error->message.contains(u"newer"_s),
             qPrintable(error->message));
    QCOMPARE(versionOf(c), 99);

    // The writer refuses to start on it, and says why.
    test::WriterHarness h(db.config());
    QString message;
    QVERIFY(!h.start(&message));
    QVERIFY2(message.contains(u"newer"_s), qPrintable(message));
}

void TestMigrations::newerSqliteFileLeftByteIdentical() {
    // Not WAL and from the future: even switching the journal mode would rewrite the header.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto config = storage::DatabaseConfig::sqlite(dir.filePath(u"future.sqlite"_s));
    {
        storage::Connection c(config, u"future"_s);
        QVERIFY(!c.open());
        QVERIFY(
            !c.exec(u"CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_ms BIGINT NOT NULL, "
                    "description TEXT NOT NULL)"_s));
        QVERIFY(!c.exec(u"INSERT INTO schema_version VALUES (7, 1, 'future')"_s));
        QVERIFY(!c.exec(u"CREATE TABLE trades (anything TEXT)"_s));
    }
    const QByteArray before = fileHash(config.path);
    QVERIFY(!before.isEmpty());
    {
        storage::Connection c(config, u"today"_s);
        QVERIFY(!c.open());
        const auto error = storage::migrate(c);
        QVERIFY(error);
        QCOMPARE(error->kind, StorageError::Kind::NewerSchema);
    }
    QCOMPARE(fileHash(config.path), before);
    QVERIFY(!QFile::exists(config.path + u"-wal"_s));
}

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
