// End to end on loopback: simulator → RTDS client → bounded queue → writer → SQLite.
// Whatever goes wrong on the way (a slowed writer, a killed socket, a silent stall), the
// database ends up holding exactly the simulator's trade set, each trade once.
#include "app/feedpipeline.h"
#include "net/simulator/simulatorthread.h"
#include "net/simulator/tradegenerator.h"
#include "storage/connection.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace longshot;
using namespace longshot::app;

namespace {

PipelineConfig configFor(const net::sim::SimulatorThread &sim, const QString &dbPath) {
    PipelineConfig c;
    c.database = storage::DatabaseConfig::sqlite(dbPath);
    c.rtds.url = sim.rtdsUrl();
    c.rtds.minNotional = Decimal();
    c.rtds.stallAfter = std::chrono::milliseconds(1000);
    c.rtds.flushInterval = std::chrono::milliseconds(20);
    c.rtds.flushMaxTrades = 50;
    c.rtds.backoff = BackoffPolicy{std::chrono::milliseconds(50), std::chrono::milliseconds(300), 1000};
    c.backfill.dataApi = sim.dataApiUrl();
    c.backfill.minNotional = Decimal();
    c.backfill.pageSize = 500;
    return c;
}

// Natural keys of every stored trade, read through a separate connection as a reader would.
QSet<QString> storedKeys(const QString &dbPath, qint64 *rows) {
    storage::DatabaseConfig config = storage::DatabaseConfig::sqlite(dbPath);
    config.readOnly = true;
    storage::Connection connection(config, QStringLiteral("test-reader"));
    QSet<QString> keys;
    *rows = -1;
    if (connection.open())
        return keys;
    QSqlQuery q(connection.database());
    if (!q.exec(
            QStringLiteral("SELECT tx_id, wallet, asset_id, side, size_micros, price_micros FROM trades")))
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

QSet<QString> keysOf(const TradeBatch &batch) {
    QSet<QString> keys;
    for (const Trade &t : batch)
        keys.insert(t.naturalKey());
    return keys;
}

} // namespace

class TestFeedPipeline : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void slowWriterOverflowsAndBackfillCompletes() {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("feed.sqlite"));
        net::sim::SimulatorThread sim;
        QVERIFY(sim.start());
        PipelineConfig config = configFor(sim, db);
        config.queueCapacity = 2;
        config.queueCoalesceRows = 0; // one slot per burst, so two bursts fill the queue
        // Every drain sleeps far longer than the bursts take to arrive, however slow the build
        // (sanitizers): the queue must overflow.
        config.writerDelayMs = 400;
        FeedPipeline pipeline(config);
        QSignalSpy opened(&pipeline, &FeedPipeline::storageOpened);
        QSignalSpy status(&pipeline, &FeedPipeline::feedStatusChanged);
        pipeline.start();
        QVERIFY(opened.wait(5000));
        QVERIFY(opened.first().at(0).toBool());
        QTRY_VERIFY_WITH_TIMEOUT(
            !status.isEmpty() &&
                [&] {
                    const auto s = status.last().at(0).value<FeedStatus>();
                    return s.state == FeedState::Subscribing || s.state == FeedState::Live;
                }(),
            5000);

        net::sim::TradeGenerator gen(11, QDateTime::currentMSecsSinceEpoch());
        for (int burst = 0; burst < 20; ++burst) {
            sim.publish(gen.generate(60, QDateTime::currentMSecsSinceEpoch()));
            QTest::qWait(40);
        }
        QTRY_VERIFY_WITH_TIMEOUT(pipeline.summary().droppedBatches > 0, 5000);
        // Taken while the writer is still behind: the socket never stalled on the disk. Later,
        // waiting for the backfill, the tape is quiet and the data watchdog may reconnect.
        QCOMPARE(status.last().at(0).value<FeedStatus>().reconnects, qint64(0));
        TradeBatch all;
        sim.runBlocking([&all](net::sim::ExchangeSimulator &s) { all = s.allTrades(); });
        QCOMPARE(all.size(), 1200);
        const QSet<QString> expected = keysOf(all);

        qint64 rows = 0;
        QTRY_VERIFY_WITH_TIMEOUT(storedKeys(db, &rows) == expected, 30'000);
        QCOMPARE(rows, qint64(expected.size())); // each trade exactly once
        pipeline.stop();
        QVERIFY(pipeline.summary().gapsRecorded > 0);
    }

    void killedAndStalledSocketsLoseNothing() {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("feed.sqlite"));
        net::sim::SimulatorThread sim;
        QVERIFY(sim.start());
        FeedPipeline pipeline(configFor(sim, db));
        QSignalSpy opened(&pipeline, &FeedPipeline::storageOpened);
        QSignalSpy trades(&pipeline, &FeedPipeline::tradesReceived);
        pipeline.start();
        QVERIFY(opened.wait(5000));
        net::sim::TradeGenerator gen(12, QDateTime::currentMSecsSinceEpoch());
        QTRY_VERIFY_WITH_TIMEOUT(
            sim.simulator() &&
                [&] {
                    int clients = 0;
                    sim.runBlocking(
                        [&clients](net::sim::ExchangeSimulator &s) { clients = s.connectedClients(); });
                    return clients == 1;
                }(),
            5000);
        QTest::qWait(200);

        sim.publish(gen.generate(100, QDateTime::currentMSecsSinceEpoch()));
        QTRY_VERIFY_WITH_TIMEOUT(!trades.isEmpty(), 5000);
        sim.dropConnections();
        sim.publish(gen.generate(100, QDateTime::currentMSecsSinceEpoch())); // unseen by the socket
        QTest::qWait(500);
        sim.setStalled(true);
        sim.publish(gen.generate(100, QDateTime::currentMSecsSinceEpoch())); // swallowed by the stall
        QTest::qWait(1800); // longer than the stall window: the watchdog reconnects
        sim.setStalled(false);
        sim.publish(gen.generate(100, QDateTime::currentMSecsSinceEpoch()));

        TradeBatch all;
        sim.runBlocking([&all](net::sim::ExchangeSimulator &s) { all = s.allTrades(); });
        QCOMPARE(all.size(), 400);
        const QSet<QString> expected = keysOf(all);
        qint64 rows = 0;
        QTRY_VERIFY_WITH_TIMEOUT(storedKeys(db, &rows) == expected, 30'000);
        QCOMPARE(rows, qint64(400));
        pipeline.stop();
        QVERIFY(pipeline.summary().gapsRecorded >= 2);
        QVERIFY(pipeline.summary().duplicates > 0); // the REST copies of live fills met the unique key
    }
};

QTEST_GUILESS_MAIN(TestFeedPipeline)
#include "tst_feedpipeline.moc"
