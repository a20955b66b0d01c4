// Storage faults under a running feed, end to end on loopback: another process holding the
// write lock, a file that refuses writes, a full disk. Each time storage reports the fault
// (what the status bar shows), the tape keeps receiving trades, nothing stored before is
// lost, and once the fault clears the database holds every published trade exactly once.
#include "app/feedpipeline.h"
#include "net/simulator/simulatorthread.h"
#include "net/simulator/tradegenerator.h"
#include "storage/connection.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace longshot;
using namespace longshot::app;
using namespace Qt::StringLiterals;

namespace {

constexpr int kWait = 20'000;

bool run(const QString &program, const QStringList &args) {
    QProcess p;
    p.start(program, args);
    return p.waitForFinished(10'000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

PipelineConfig configFor(const net::sim::SimulatorThread &sim, const QString &dbPath) {
    PipelineConfig c;
    c.database = storage::DatabaseConfig::sqlite(dbPath);
    c.database.busyTimeoutMs = 200; // a held lock shows up as an error quickly
    c.rtds.url = sim.rtdsUrl();
    c.rtds.minNotional = Decimal();
    c.rtds.flushInterval = std::chrono::milliseconds(20);
    c.backfill.dataApi = sim.dataApiUrl();
    c.backfill.minNotional = Decimal();
    return c;
}

// Natural keys of the stored trades and the row count, through a reader's own connection.
QSet<QString> storedKeys(const QString &dbPath, qint64 *rows) {
    storage::DatabaseConfig config = storage::DatabaseConfig::sqlite(dbPath);
    config.readOnly = true;
    storage::Connection connection(config, u"faults-reader"_s);
    QSet<QString> keys;
    *rows = -1;
    if (connection.open())
        return keys;
    QSqlQuery q(connection.database());
    if (!q.exec(u"SELECT tx_id, wallet, asset_id, side, size_micros, price_micros FROM trades"_s))
        return keys;
    *rows = 0;
    while (q.next()) {
        Trade t;
        t.txId = TxId::fromText(q.value(0).toString());
        t.wallet = Wallet::parse(q.value(1).toString()).value_or(Wallet());
        t.assetId = q.value(2).toString();
        t.side = sideFromName(q.value(3).toString()).value_or(Side::Buy);
        t.size = Decimal::fromMicros(q.value(4).toLongLong());
        t.price = Decimal::fromMicros(q.value(5).toLongLong());
        keys.insert(t.naturalKey());
        ++*rows;
    }
    return keys;
}

qint64 storedCount(const QString &dbPath) {
    qint64 rows = 0;
    storedKeys(dbPath, &rows);
    return rows;
}

QSet<QString> published(net::sim::SimulatorThread &sim) {
    TradeBatch all;
    sim.runBlocking([&all](net::sim::ExchangeSimulator &s) { all = s.allTrades(); });
    QSet<QString> keys;
    for (const Trade &t : std::as_const(all))
        keys.insert(t.naturalKey());
    return keys;
}

qint64 receivedTrades(const QSignalSpy &spy) {
    qint64 n = 0;
    for (const QList<QVariant> &args : spy)
        n += args.first().value<TradeBatch>().size();
    return n;
}

bool clientConnected(net::sim::SimulatorThread &sim) {
    int clients = 0;
    sim.runBlocking([&clients](net::sim::ExchangeSimulator &s) { clients = s.connectedClients(); });
    return clients == 1;
}

// Connected, and the subscription has gone out: what is published from now on reaches the socket.
bool waitSubscribed(net::sim::SimulatorThread &sim) {
    if (!QTest::qWaitFor([&sim] { return clientConnected(sim); }, 5000))
        return false;
    QTest::qWait(300);
    return true;
}

// A write through a connection of our own that gives up at once: fails while someone holds the
// lock or the file refuses writes.
bool canWrite(const QString &dbPath) {
    storage::DatabaseConfig config = storage::DatabaseConfig::sqlite(dbPath);
    config.busyTimeoutMs = 0;
    storage::Connection probe(config, u"faults-probe"_s);
    if (probe.open())
        return false;
    if (probe.exec(u"BEGIN IMMEDIATE"_s))
        return false;
    // In WAL mode a read-only file still grants the lock: only a write tells.
    const bool ok = !probe.exec(u"CREATE TABLE write_probe (x INTEGER)"_s);
    probe.exec(u"ROLLBACK"_s);
    return ok;
}

// Runs a pipeline on `db`, publishes `count` trades and waits until all of them are stored.
bool storeFirstTrades(net::sim::SimulatorThread &sim, const QString &db, net::sim::TradeGenerator &gen,
                      int count) {
    FeedPipeline pipeline(configFor(sim, db));
    QSignalSpy opened(&pipeline, &FeedPipeline::storageOpened);
    pipeline.start();
    if (!opened.wait(5000) || !opened.first().first().toBool())
        return false;
    if (!waitSubscribed(sim))
        return false;
    sim.publish(gen.generate(count, QDateTime::currentMSecsSinceEpoch()));
    const bool stored = QTest::qWaitFor([&db, count] { return storedCount(db) == count; }, kWait);
    pipeline.stop();
    return stored && QTest::qWaitFor([&sim] { return !clientConnected(sim); }, 5000);
}

} // namespace

class TstStorageFaults final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void lockHeldByAnotherProcess() {
        const QString sqlite3 = QStandardPaths::findExecutable(u"sqlite3"_s);
        if (sqlite3.isEmpty())
            QSKIP("the sqlite3 command line tool is not installed: no second process to hold the lock");
        QTemporaryDir dir;
        const QString db = dir.filePath(u"locked.sqlite"_s);
        net::sim::SimulatorThread sim;
        QVERIFY(sim.start());
        net::sim::TradeGenerator gen(31, QDateTime::currentMSecsSinceEpoch());

        FeedPipeline pipeline(configFor(sim, db));
        QSignalSpy opened(&pipeline, &FeedPipeline::storageOpened);
        QSignalSpy failed(&pipeline, &FeedPipeline::storageFailed);
        QSignalSpy received(&pipeline, &FeedPipeline::tradesReceived);
        pipeline.start();
        QVERIFY(opened.wait(5000));
        QVERIFY(opened.first().first().toBool());
        QVERIFY(waitSubscribed(sim));
        sim.publish(gen.generate(100, QDateTime::currentMSecsSinceEpoch()));
        QTRY_COMPARE_WITH_TIMEOUT(storedCount(db), qint64(100), kWait);

        // A second process takes the write lock and keeps it until told otherwise.
        QProcess holder;
        holder.start(sqlite3, {db});
        QVERIFY(holder.waitForStarted(5000));
        // In WAL mode BEGIN EXCLUSIVE takes the write lock; the writer may be mid-commit at that
        // moment, so the tool waits for its turn instead of failing once and holding nothing.
        holder.write(".timeout 10000\nBEGIN EXCLUSIVE;\n");
        QTRY_VERIFY_WITH_TIMEOUT(!canWrite(db), 5000);

        for (int burst = 0; burst < 4; ++burst) {
            sim.publish(gen.generate(50, QDateTime::currentMSecsSinceEpoch()));
            QTest::qWait(100);
        }
        QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), kWait);
        QVERIFY2(failed.first().first().toString().contains(u"lock"_s, Qt::CaseInsensitive),
                 qPrintable(failed.first().first().toString()));
        // The tape keeps showing what arrives while storage waits.
        QTRY_COMPARE_WITH_TIMEOUT(receivedTrades(received), qint64(300), kWait);
        QCOMPARE(storedCount(db), qint64(100)); // nothing stored before is lost

        holder.write("ROLLBACK;\n.quit\n");
        holder.closeWriteChannel();
        QVERIFY(holder.waitForFinished(5000));
        const QSet<QString> expected = published(sim);
        QCOMPARE(expected.size(), 300);
        qint64 rows = 0;
        QTRY_VERIFY_WITH_TIMEOUT(storedKeys(db, &rows) == expected, 40'000);
        QCOMPARE(rows, qint64(300)); // each exactly once
        pipeline.stop();
    }

    void readOnlyFileAtStart() {
        QTemporaryDir dir;
        const QString db = dir.filePath(u"readonly.sqlite"_s);
        net::sim::SimulatorThread sim;
        QVERIFY(sim.start());
        net::sim::TradeGenerator gen(32, QDateTime::currentMSecsSinceEpoch());
        QVERIFY(storeFirstTrades(sim, db, gen, 80));

        // Root ignores permission bits, not the immutable flag; anyone else gets 0444.
        const bool root = run(u"chattr"_s, {u"+i"_s, db});
        if (!root && !QFile::setPermissions(db, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther))
            QSKIP("cannot make the database read-only here");
        struct Restore {
            QString file;
            bool root;
            ~Restore() {
                if (root)
                    run(u"chattr"_s, {u"-i"_s, file});
                QFile::setPermissions(file, QFile::ReadOwner | QFile::WriteOwner);
            }
        } restore{db, root};
        if (canWrite(db))
            QSKIP("the read-only flag does not stop writes here");

        FeedPipeline pipeline(configFor(sim, db));
        QSignalSpy failed(&pipeline, &FeedPipeline::storageFailed);
        QSignalSpy received(&pipeline, &FeedPipeline::tradesReceived);
        pipeline.start();
        QVERIFY(waitSubscribed(sim));
        sim.publish(gen.generate(60, QDateTime::currentMSecsSinceEpoch()));
        QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), kWait);
        QVERIFY(!failed.first().first().toString().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(receivedTrades(received) >= 60, kWait);
        QCOMPARE(storedCount(db), qint64(80));

        if (root)
            QVERIFY(run(u"chattr"_s, {u"-i"_s, db}));
        QVERIFY(QFile::setPermissions(db, QFile::ReadOwner | QFile::WriteOwner));
        const QSet<QString> expected = published(sim);
        QCOMPARE(expected.size(), 140);
        qint64 rows = 0;
        QTRY_VERIFY_WITH_TIMEOUT(storedKeys(db, &rows) == expected, 40'000);
        QCOMPARE(rows, qint64(140));
        pipeline.stop();
    }

    void diskFullWhileRunning() {
        QTemporaryDir dir;
        const QString mountPoint = dir.filePath(u"tiny"_s);
        QVERIFY(QDir().mkpath(mountPoint));
        if (!run(u"mount"_s, {u"-t"_s, u"tmpfs"_s, u"-o"_s, u"size=8m"_s, u"tmpfs"_s, mountPoint}))
            QSKIP("cannot mount a tmpfs here (needs root); tst_tradewriter covers what it can");
        struct Unmount {
            QString path;
            ~Unmount() { run(u"umount"_s, {path}); }
        } unmount{mountPoint};
        const QString db = mountPoint + u"/full.sqlite"_s;
        net::sim::SimulatorThread sim;
        QVERIFY(sim.start());
        net::sim::TradeGenerator gen(33, QDateTime::currentMSecsSinceEpoch());

        FeedPipeline pipeline(configFor(sim, db));
        QSignalSpy opened(&pipeline, &FeedPipeline::storageOpened);
        QSignalSpy failed(&pipeline, &FeedPipeline::storageFailed);
        QSignalSpy received(&pipeline, &FeedPipeline::tradesReceived);
        pipeline.start();
        QVERIFY(opened.wait(5000));
        QVERIFY(opened.first().first().toBool());
        QVERIFY(waitSubscribed(sim));
        sim.publish(gen.generate(100, QDateTime::currentMSecsSinceEpoch()));
        QTRY_COMPARE_WITH_TIMEOUT(storedCount(db), qint64(100), kWait);

        QFile ballast(mountPoint + u"/ballast"_s);
        QVERIFY(ballast.open(QIODevice::WriteOnly));
        const QByteArray chunk(4096, 'x');
        while (ballast.write(chunk) == chunk.size() && ballast.flush()) {
        }
        ballast.close();

        sim.publish(gen.generate(2'000, QDateTime::currentMSecsSinceEpoch()));
        QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), kWait);
        QTRY_COMPARE_WITH_TIMEOUT(receivedTrades(received), qint64(2'100), kWait);
        QCOMPARE(storedCount(db), qint64(100));

        QVERIFY(ballast.remove());
        const QSet<QString> expected = published(sim);
        qint64 rows = 0;
        QTRY_VERIFY_WITH_TIMEOUT(storedKeys(db, &rows) == expected, 40'000);
        QCOMPARE(rows, qint64(expected.size()));
        pipeline.stop();
    }
};

QTEST_GUILESS_MAIN(TstStorageFaults)
#include "tst_storagefaults.moc"
