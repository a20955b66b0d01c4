// Crash safety of the shipped collector: `longshot collect` ingests the simulator's generated
// stream and is killed with SIGKILL at random moments, five times. After every kill the
// SQLite file passes PRAGMA integrity_check; after the last restart the backfill refetches
// what the socket missed while the collector was down, and the database then holds every
// trade the simulator published, each exactly once.
#include "net/simulator/simulatorthread.h"
#include "storage/connection.h"

#include <QDateTime>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace longshot;
using namespace Qt::StringLiterals;

namespace {

const QString kBinary = QStringLiteral(LONGSHOT_BINARY);
constexpr int kRounds = 5;
constexpr int kTradesPerSecond = 1000;

QProcessEnvironment isolatedEnvironment(const QTemporaryDir &dir) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"XDG_DATA_HOME"_s, dir.filePath(u"data"_s));
    env.insert(u"XDG_CONFIG_HOME"_s, dir.filePath(u"config"_s));
    return env;
}

QString queryText(const QString &db, const QString &sql) {
    storage::Connection c(storage::DatabaseConfig::sqlite(db), u"crash-check"_s);
    if (auto error = c.open())
        return u"open failed: "_s + error->message;
    QSqlQuery q(c.database());
    if (!q.exec(sql) || !q.next())
        return u"query failed"_s;
    return q.value(0).toString();
}

QSet<QString> storedKeys(const QString &db, qint64 *rows) {
    QSet<QString> keys;
    *rows = 0;
    storage::Connection c(storage::DatabaseConfig::sqlite(db), u"crash-keys"_s);
    if (c.open())
        return keys;
    QSqlQuery q(c.database());
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT tx_id, wallet, asset_id, side, size_micros, price_micros FROM trades"_s))
        return keys;
    while (q.next()) {
        ++*rows;
        keys.insert(QStringList{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                                q.value(3).toString(), q.value(4).toString(), q.value(5).toString()}
                        .join(u'|'));
    }
    return keys;
}

QString keyOf(const Trade &t) {
    return QStringList{t.txId.text(),
                       t.wallet.address(),
                       t.assetId,
                       sideName(t.side),
                       QString::number(t.size.micros()),
                       QString::number(t.price.micros())}
        .join(u'|');
}

} // namespace

class TestCrash final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sigkillLosesNothingAndCorruptsNothing() {
        QTemporaryDir dir;
        const QString db = dir.filePath(u"crash.sqlite"_s);
        net::sim::SimulatorThread sim;
        QVERIFY(sim.start());
        const QStringList arguments = {u"collect"_s,
                                       u"--db"_s,
                                       db,
                                       u"--min-usd"_s,
                                       u"0"_s,
                                       u"--endpoint"_s,
                                       u"polymarket.rtds="_s + sim.rtdsUrl().toString(),
                                       u"--endpoint"_s,
                                       u"polymarket.data="_s + sim.dataApiUrl().toString()};
        const auto connected = [&sim] {
            int n = 0;
            sim.runBlocking([&n](net::sim::ExchangeSimulator &s) { n = s.connectedClients(); });
            return n;
        };
        QRandomGenerator rng(QRandomGenerator::global()->generate());
        // The generator keeps publishing while the collector is dead: those trades reach the
        // database only through the restarted collector's backfill.
        bool generating = false;
        for (int round = 0; round < kRounds; ++round) {
            QProcess collect;
            collect.setProcessEnvironment(isolatedEnvironment(dir));
            collect.start(kBinary, arguments);
            QVERIFY(collect.waitForStarted(5000));
            QTRY_VERIFY_WITH_TIMEOUT(connected() == 1, 10'000);
            if (!generating) {
                sim.startGenerator(kTradesPerSecond, 20261123);
                generating = true;
            }
            QTest::qWait(400 + int(rng.bounded(1200))); // somewhere in a write, a commit or a checkpoint
            collect.kill();                             // SIGKILL: no flush, no close
            QVERIFY(collect.waitForFinished(5000));
            QCOMPARE(collect.exitStatus(), QProcess::CrashExit);
            QTRY_VERIFY_WITH_TIMEOUT(connected() == 0, 5000);
            QCOMPARE(queryText(db, u"PRAGMA integrity_check"_s), u"ok"_s);
            QVERIFY(queryText(db, u"SELECT COUNT(*) FROM trades"_s).toLongLong() > 0);
            QTest::qWait(300); // trades published while nobody listens
        }
        sim.stopGenerator();
        QTest::qWait(100); // the last queued tick has been published

        TradeBatch published;
        sim.runBlocking([&published](net::sim::ExchangeSimulator &s) { published = s.allTrades(); });
        QSet<QString> expected;
        for (const Trade &t : std::as_const(published))
            expected.insert(keyOf(t));
        QVERIFY(expected.size() > kTradesPerSecond); // the run published for real

        QProcess last;
        last.setProcessEnvironment(isolatedEnvironment(dir));
        last.start(kBinary, arguments);
        QVERIFY(last.waitForStarted(5000));
        qint64 rows = 0;
        QSet<QString> stored;
        // The restart's first backfill poll reaches back past the newest stored trade.
        QTRY_VERIFY_WITH_TIMEOUT((stored = storedKeys(db, &rows)).size() >= expected.size(), 30'000);
        last.terminate();
        QVERIFY(last.waitForFinished(15'000));
        QCOMPARE(last.exitCode(), 0);
        stored = storedKeys(db, &rows);
        QCOMPARE(queryText(db, u"PRAGMA integrity_check"_s), u"ok"_s);
        QCOMPARE(stored.size(), expected.size());
        QVERIFY(stored == expected);
        QCOMPARE(rows, qint64(expected.size())); // each exactly once
    }
};

QTEST_GUILESS_MAIN(TestCrash)
#include "tst_crash.moc"
