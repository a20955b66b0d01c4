#include "storage/connection.h"
#include "storage/migrations.h"
#include "storage/tradewriter.h"
#include "tests/storage/storagetest.h"
#include "tests/storage/writerharness.h"
#include "tests/support/testdata.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace longshot;
using longshot::storage::StorageError;

namespace {

// One committed fixture per released schema version, each written by that version's own
// migrations plus rows in that version's SQL (see rowsAt): every upgrade path starts from a
// real file. Regenerate one with LONGSHOT_REGENERATE_FIXTURES=<versions, comma-separated>.
constexpr int kFixtureVersions[] = {1, 2, 3, 4, 5, 6, 7};

QString fixtureFor(int version) {
    return u"storage/schema_v%1.sqlite"_s.arg(version);
}

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

// What schema version `version` added to the fixtures, in that version's SQL.
QStringList rowsAddedIn(int version) {
    const QString wallet = u"'0x1111111111111111111111111111111111111111'"_s;
    switch (version) {
    case 1:
        return v1Rows();
    case 2:
        return {u"INSERT INTO position_snapshots (wallet, venue, market_id, asset_id, shares_micros, "
                "avg_price_micros, realized_pnl_micros, mark_micros, taken_ms) VALUES (%1, 'polymarket', "
                "'0xcond', 'tok1', 1000000000, 420000, 0, 450000, 1700000002000)"_s.arg(wallet)};
    case 3:
        return {
            u"INSERT INTO activity_events (wallet, kind, condition_id, asset_id, outcome_index, "
            u"shares_micros, "
            "usdc_micros, fee_micros, ts_ms, tx_id, seq) VALUES (%1, 'TRADE', '0xcond', 'tok1', 0, "
            "1000000000, "
            "420000000, 0, 1700000000000, '0xabc', 0)"_s.arg(wallet),
            u"INSERT INTO outcomes (venue, asset_id, market_id, name, outcome_index, last_price_micros, "
            "payout_micros) VALUES ('polymarket', 'tok1', '0xcond', 'Yes', 0, 450000, NULL)"_s,
            u"INSERT INTO trader_positions (wallet, asset_id, market_id, outcome_index, shares_micros, "
            "avg_price_micros, mark_micros, realized_pnl_micros, unrealized_pnl_micros, status) VALUES "
            "(%1, 'tok1', '0xcond', 0, 1000000000, 420000, 450000, 0, 30000000, 'open')"_s.arg(wallet),
            u"INSERT INTO trader_metrics (wallet, synced_ms, complete, incomplete_reason, events, "
            "realized_pre_micros, realized_post_micros, unrealized_micros, total_pre_micros, "
            "total_post_micros, "
            "fees_micros, volume_micros, resolved_markets, wins, losses, unmarked_positions, value_micros, "
            "grade, "
            "grade_score, provisional, strategy, mark_kind, overflow) VALUES (%1, 1700000003000, 1, '', 1, "
            "0, "
            "0, 30000000, 30000000, 30000000, 0, 420000000, 0, 0, 0, 0, 450000000, 'C', 0.5, 1, "
            "'directional', "
            "'last', 0)"_s.arg(wallet),
        };
    case 4:
        return {
            u"INSERT INTO leaderboard_official (period, wallet, rank, user_name, pnl_micros, volume_micros, "
            "fetched_ms) VALUES ('all', %1, 1, 'whale', 30000000, 420000000, 1700000003000)"_s.arg(wallet)};
    case 6:
        return {u"INSERT INTO outcomes (venue, asset_id, market_id, name, outcome_index, last_price_micros, "
                "payout_micros, mark_ms) VALUES ('polymarket', 'tok2', '0xcond', 'No', 1, 550000, NULL, "
                "1700000004000)"_s};
    case 7:
        return {
            u"INSERT INTO markets (venue, market_id, title, slug, event_slug, category, end_date, closed, "
            "updated_ms, liquidity_micros, liquidity_ms) VALUES ('polymarket', '0xthin', 'Thin?', 'thin', "
            "'thin', 'Politics', NULL, 0, 1700000005000, 40000000000, 1700000005000)"_s};
    default:
        return {};
    }
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
    void upgradeFromFixture_data();
    void upgradeFromFixture();
    void newerSchemaRefused_data() { engine_data(); }
    void newerSchemaRefused();
    void newerSqliteFileLeftByteIdentical();
};

void TestMigrations::initTestCase() {
    qRegisterMetaType<StorageError>();
    // Regenerates committed fixtures: LONGSHOT_REGENERATE_FIXTURES=2,3 ./tst_migrations. Only
    // for a fixture that was itself wrong; a new schema version adds its own and keeps the rest.
    const QString regenerate = qEnvironmentVariable("LONGSHOT_REGENERATE_FIXTURES");
    for (const QString &item : regenerate.split(u',', Qt::SkipEmptyParts)) {
        const int version = item.trimmed().toInt();
        QVERIFY2(std::find(std::begin(kFixtureVersions), std::end(kFixtureVersions), version) !=
                     std::end(kFixtureVersions),
                 qPrintable(u"no fixture for version "_s + item));
        const QString path = test::dataPath(fixtureFor(version));
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile::remove(path);
        storage::Connection c(storage::DatabaseConfig::sqlite(path), u"fixture"_s);
        QVERIFY(!c.open());
        // Each version's rows go in right after its own migration, in its own SQL.
        for (int v = 1; v <= version; ++v) {
            QVERIFY(!storage::migrate(c, v));
            for (const QString &sql : rowsAddedIn(v))
                QVERIFY2(!c.exec(sql), qPrintable(sql));
        }
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
    // v7: the market stored at v1 has no liquidity yet; one beyond 32 bits is kept exactly.
    QCOMPARE(
        scalar(c, u"SELECT COUNT(*) FROM markets WHERE liquidity_micros IS NULL AND liquidity_ms IS NULL"_s),
        1);
    QVERIFY(!c.exec(u"UPDATE markets SET liquidity_micros = 9000000000123, liquidity_ms = 1700000006000"_s));
    QCOMPARE(scalar(c, u"SELECT liquidity_micros FROM markets WHERE market_id = '0xcond'"_s),
             9'000'000'000'123);
}

void TestMigrations::upgradeFromFixture_data() {
    QTest::addColumn<int>("version");
    for (const int version : kFixtureVersions)
        QTest::newRow(qPrintable(u"v%1"_s.arg(version))) << version;
}

void TestMigrations::upgradeFromFixture() {
    QFETCH(int, version);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"old.sqlite"_s);
    QVERIFY2(QFile::copy(test::dataPath(fixtureFor(version)), path), qPrintable(fixtureFor(version)));
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    const auto config = storage::DatabaseConfig::sqlite(path);
    {
        storage::Connection c(config, u"upgrade"_s);
        QVERIFY(!c.open());
        QCOMPARE(versionOf(c), version);
        QVERIFY(!storage::migrate(c));
        QCOMPARE(versionOf(c), storage::latestSchemaVersion());
        QCOMPARE(scalar(c, u"SELECT COUNT(*) FROM schema_version"_s), storage::migrations().size());
        QSqlQuery check(c.database());
        QVERIFY(check.exec(u"PRAGMA integrity_check"_s) && check.next());
        QCOMPARE(check.value(0).toString(), u"ok"_s);

        // v1 rows, exact to the micro-dollar.
        QCOMPARE(scalar(c, u"SELECT COUNT(*) FROM trades"_s), 2);
        QCOMPARE(scalar(c, u"SELECT SUM(notional_micros) FROM trades"_s), 432'125'000);
        QCOMPARE(scalar(c, u"SELECT fee_micros FROM trades WHERE venue = 'kalshi'"_s), 10'000);
        QCOMPARE(scalar(c, u"SELECT COUNT(*) FROM gaps WHERE filled_ms IS NULL"_s), 1);
        QCOMPARE(scalar(c, u"SELECT COUNT(*) FROM sqlite_master WHERE name = 'gaps_open'"_s), 1);
        // Each later version's rows, where the fixture had them; the tables exist either way.
        const auto expect = [version](int since, qint64 rows) { return version >= since ? rows : 0; };
        QCOMPARE(scalar(c, u"SELECT COUNT(*) FROM position_snapshots"_s), expect(2, 1));
        QCOMPARE(scalar(c, u"SELECT COUNT(*) FROM activity_events"_s), expect(3, 1));
        QCOMPARE(scalar(c, u"SELECT COUNT(*) FROM trader_positions"_s), expect(3, 1));
        QCOMPARE(scalar(c, u"SELECT COUNT(*) FROM trader_metrics"_s), expect(3, 1));
        QCOMPARE(scalar(c, u"SELECT COUNT(*) FROM outcomes WHERE last_price_micros = 450000"_s),
                 expect(3, 1));
        QCOMPARE(scalar(c, u"SELECT COUNT(*) FROM leaderboard_official"_s), expect(4, 1));
        // v6: older marks have no time; the figures stored before say nothing about theirs.
        QCOMPARE(scalar(c, u"SELECT COUNT(*) FROM outcomes WHERE mark_ms IS NULL"_s), expect(3, 1));
        QCOMPARE(scalar(c, u"SELECT mark_ms FROM outcomes WHERE asset_id = 'tok2'"_s),
                 version >= 6 ? 1'700'000'004'000 : -1);
        QCOMPARE(scalar(c, u"SELECT COUNT(*) FROM trader_metrics WHERE marked_ms = 0"_s), expect(3, 1));
        // v7: markets stored before it have no liquidity; the v7 row keeps its own, exactly.
        QCOMPARE(scalar(c, u"SELECT COUNT(*) FROM markets WHERE liquidity_micros IS NULL"_s), 1);
        QCOMPARE(scalar(c, u"SELECT liquidity_micros FROM markets WHERE market_id = '0xthin'"_s),
                 version >= 7 ? 40'000'000'000 : -1);
        QCOMPARE(scalar(c, u"SELECT liquidity_ms FROM markets WHERE market_id = '0xthin'"_s),
                 version >= 7 ? 1'700'000'005'000 : -1);
    }
    // The upgraded file takes new trades, and the old unique key still holds.
    test::WriterHarness h(config);
    QString message;
    QVERIFY2(h.start(&message), qPrintable(message));
    QSignalSpy stored(h.events(), &test::WriterSignals::stored);
    TradeBatch batch;
    batch << test::makeTrade(u"0xnew"_s, u"0x1111111111111111111111111111111111111111"_s, u"tok1"_s,
                             Side::Buy, "0.5", "10", 1'700'000'005'000);
    QVERIFY(h.push(batch));
    h.drain();
    QVERIFY(stored.wait(10'000));
    h.stop();
    storage::Connection c(config, u"after"_s);
    QVERIFY(!c.open());
    QCOMPARE(scalar(c, u"SELECT COUNT(*) FROM trades"_s), 3);
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
        // One past whatever this build knows, so the test stays about the future.
        QVERIFY(!c.exec(u"INSERT INTO schema_version VALUES (%1, 1, 'future')"_s.arg(
            storage::latestSchemaVersion() + 1)));
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
