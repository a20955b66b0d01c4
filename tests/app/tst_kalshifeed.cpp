// Kalshi beside Polymarket in the one pipeline, on loopback: signed WebSocket with a key,
// the public REST poller without one; either way the trades reach the same tape signal and
// the same SQLite file (venue "kalshi"), each trade once.
#include "app/feedpipeline.h"
#include "net/kalshisigner.h"
#include "net/simulator/kalshiserver.h"
#include "net/simulator/kalshitradegenerator.h"
#include "net/simulator/simulatorthread.h"
#include "storage/connection.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace longshot;
using namespace longshot::app;

namespace {

PipelineConfig configFor(net::sim::SimulatorThread &sim, const QString &dbPath) {
    PipelineConfig c;
    c.database = storage::DatabaseConfig::sqlite(dbPath);
    c.rtds.url = sim.rtdsUrl();
    c.rtds.minNotional = Decimal();
    c.backfill.dataApi = sim.dataApiUrl();
    c.backfill.minNotional = Decimal();
    c.kalshiEnabled = true;
    sim.runBlocking([&c](net::sim::ExchangeSimulator &s) {
        c.kalshiWs.url = s.kalshi()->wsUrl();
        c.kalshiRest.restBase = s.kalshi()->restUrl();
    });
    c.kalshiWs.minNotional = Decimal();
    c.kalshiRest.minNotional = Decimal();
    c.kalshiRest.pollInterval = std::chrono::milliseconds(200);
    c.kalshiRest.firstPollWindow = std::chrono::milliseconds(10 * 60'000);
    return c;
}

// tx_id of every stored Kalshi trade, through a separate read-only connection.
QStringList storedKalshiIds(const QString &dbPath) {
    storage::DatabaseConfig config = storage::DatabaseConfig::sqlite(dbPath);
    config.readOnly = true;
    storage::Connection connection(config, u"kalshi-feed-reader"_s);
    QStringList ids;
    if (connection.open())
        return ids;
    QSqlQuery q(connection.database());
    if (!q.exec(u"SELECT tx_id FROM trades WHERE venue = 'kalshi'"_s))
        return ids;
    while (q.next())
        ids << q.value(0).toString();
    ids.sort();
    return ids;
}

QStringList idsOf(const TradeBatch &batch) {
    QStringList ids;
    for (const Trade &t : batch)
        ids << t.txId.text();
    ids.sort();
    return ids;
}

bool sawState(const QSignalSpy &spy, const QString &feed, FeedState state) {
    for (const auto &args : spy) {
        const auto s = args.at(0).value<FeedStatus>();
        if (s.feed == feed && s.state == state)
            return true;
    }
    return false;
}

} // namespace

class TestKalshiFeed : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void signedSocketFeedsTapeAndStorage() {
        QTemporaryDir dir;
        const QString db = dir.filePath(u"feed.sqlite"_s);
        net::sim::SimulatorThread sim;
        QVERIFY(sim.start());
        auto load =
            net::KalshiSigner::fromPem(net::sim::KalshiServer::generatePrivateKeyPem(), u"test-key"_s);
        QVERIFY(load.ok());
        auto signer = std::make_shared<const net::KalshiSigner>(std::move(*load.signer));
        const QByteArray publicKey = signer->publicKeyPem();
        sim.runBlocking(
            [&](net::sim::ExchangeSimulator &s) { s.kalshi()->setAuthKey(publicKey, u"test-key"_s); });
        PipelineConfig config = configFor(sim, db);
        config.kalshiSigner = signer;
        FeedPipeline pipeline(config);
        QSignalSpy status(&pipeline, &FeedPipeline::feedStatusChanged);
        QSignalSpy tape(&pipeline, &FeedPipeline::tradesReceived);
        pipeline.start();
        QTRY_VERIFY_WITH_TIMEOUT(sawState(status, u"kalshi.ws"_s, FeedState::Live), 10'000);

        net::sim::KalshiTradeGenerator gen(17, QDateTime::currentMSecsSinceEpoch() - 5'000);
        const TradeBatch sent = gen.generate(30);
        sim.post([sent](net::sim::ExchangeSimulator &s) { s.kalshi()->publish(sent); });
        const auto kalshiOnTape = [&] {
            TradeBatch out;
            for (const auto &args : tape)
                for (const Trade &t : args.at(0).value<TradeBatch>())
                    if (t.venue == Venue::Kalshi)
                        out.append(t);
            return out;
        };
        QTRY_COMPARE_WITH_TIMEOUT(idsOf(kalshiOnTape()), idsOf(sent), 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(storedKalshiIds(db), idsOf(sent), 10'000);
        pipeline.stop();
        QCOMPARE(storedKalshiIds(db), idsOf(sent));
        QVERIFY(!sawState(status, u"kalshi.rest"_s, FeedState::Live)); // the poller only fills gaps
    }

    void withoutKeyThePollerIsTheFeed() {
        QTemporaryDir dir;
        const QString db = dir.filePath(u"feed.sqlite"_s);
        net::sim::SimulatorThread sim;
        QVERIFY(sim.start());
        net::sim::KalshiTradeGenerator gen(23, QDateTime::currentMSecsSinceEpoch() - 60'000);
        const TradeBatch first = gen.generate(12);
        sim.post([first](net::sim::ExchangeSimulator &s) { s.kalshi()->publish(first); });
        FeedPipeline pipeline(configFor(sim, db));
        QSignalSpy status(&pipeline, &FeedPipeline::feedStatusChanged);
        pipeline.start();
        QTRY_VERIFY_WITH_TIMEOUT(sawState(status, u"kalshi.rest"_s, FeedState::Live), 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(storedKalshiIds(db), idsOf(first), 10'000);
        const TradeBatch second = gen.generate(5, QDateTime::currentMSecsSinceEpoch() - 1'000);
        sim.post([second](net::sim::ExchangeSimulator &s) { s.kalshi()->publish(second); });
        QTRY_COMPARE_WITH_TIMEOUT(storedKalshiIds(db), idsOf(first + second), 10'000);
        QTest::qWait(600); // more polls: nothing stored twice
        pipeline.stop();
        QCOMPARE(storedKalshiIds(db), idsOf(first + second));
        QVERIFY(!sawState(status, u"kalshi.ws"_s, FeedState::Live));
    }

    void unusableKeyIsReportedAndPollingTakesOver() {
        QTemporaryDir dir;
        net::sim::SimulatorThread sim;
        QVERIFY(sim.start());
        PipelineConfig config = configFor(sim, dir.filePath(u"feed.sqlite"_s));
        config.kalshiKeyError =
            u"permissions 0644 for '/x/kalshi.pem' are too open; run chmod 600 '/x/kalshi.pem'"_s;
        FeedPipeline pipeline(config);
        QSignalSpy status(&pipeline, &FeedPipeline::feedStatusChanged);
        pipeline.start();
        QTRY_VERIFY_WITH_TIMEOUT(sawState(status, u"kalshi.ws"_s, FeedState::AuthFailed), 5'000);
        QTRY_VERIFY_WITH_TIMEOUT(sawState(status, u"kalshi.rest"_s, FeedState::Live), 10'000);
        for (const auto &args : status) {
            const auto s = args.at(0).value<FeedStatus>();
            if (s.feed == u"kalshi.ws"_s)
                QVERIFY(s.lastError.contains(u"chmod 600"_s));
        }
        pipeline.stop();
    }
};

QTEST_GUILESS_MAIN(TestKalshiFeed)
#include "tst_kalshifeed.moc"
