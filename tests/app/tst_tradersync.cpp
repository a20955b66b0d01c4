// TraderSync end to end on loopback: "Sync now" goes through the fast lane, reports its
// phases and arrives stored with its figures; whale trades from the feed discover their
// wallets (small fills do not); Polymarket's leaderboard is fetched, stored and announced;
// and --demo's simulator serves the tape's wallets well enough to grade them.
#include "app/tradersync.h"
#include "net/simulator/clobserver.h"
#include "net/simulator/dataapiserver.h"
#include "net/simulator/exchangesimulator.h"
#include "net/simulator/traderendpoints.h"
#include "net/simulator/tradestore.h"
#include "storage/connection.h"
#include "storage/officialleaderboard.h"
#include "storage/traderstoreworker.h"
#include "tests/storage/storagetest.h"
#include "tests/support/testdata.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace longshot;
using namespace longshot::app;
using namespace longshot::net::sim;

namespace {

Wallet walletNo(int n) {
    return *Wallet::parse(u"0x%1"_s.arg(n, 40, 16, QLatin1Char('0')));
}

struct Exchange {
    TradeStore store{10};
    TraderEndpoints traders;
    QObject owner;
    DataApiServer *server = nullptr;

    Exchange() {
        server = new DataApiServer(&store, &owner);
        server->setTraderEndpoints(&traders);
    }
};

TraderSyncConfig configFor(const storage::DatabaseConfig &db, const QUrl &dataApi, const QUrl &gamma) {
    TraderSyncConfig c;
    c.database = db;
    c.runner.fetch.dataApi = dataApi;
    c.runner.fetch.gammaApi = gamma;
    c.runner.leaderboardIntervalMs = 0;
    c.runner.leaderboardPeriods = {u"DAY"_s};
    return c;
}

bool savedFor(const QSignalSpy &spy, const Wallet &w, storage::TraderSummary *out = nullptr) {
    for (const QList<QVariant> &args : spy) {
        const auto s = args.constFirst().value<storage::TraderSummary>();
        if (s.wallet == w) {
            if (out)
                *out = s;
            return true;
        }
    }
    return false;
}

Trade fill(const Wallet &w, const char *price, const char *size, int n) {
    Trade t = test::makeTrade(u"0xfeed%1"_s.arg(n), w.address(), u"123456789"_s, Side::Buy, price, size,
                              1'790'000'000'000 + n * 1000);
    t.marketId = u"0x%1"_s.arg(n % 3 + 1, 64, 16, QLatin1Char('0'));
    t.outcomeIndex = 0;
    t.outcome = u"Yes"_s;
    t.marketTitle = u"Demo market?"_s;
    return t;
}

} // namespace

class TestTraderSync final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void syncNowIsStoredWithProgress();
    void whaleTradesDiscoverTheirWallets();
    void leaderboardStoredAndAnnounced();
    void demoSimulatorServesTapeWallets();
    void gammaBudgetIsShared();
};

void TestTraderSync::initTestCase() {
    qRegisterMetaType<storage::TraderSummary>();
    qRegisterMetaType<storage::OfficialLeaderboard>();
}

void TestTraderSync::syncNowIsStoredWithProgress() {
    test::TestDatabase db(QString::fromLatin1(test::kSqlite));
    QVERIFY2(db.ok(), qPrintable(db.error()));
    Exchange ex;
    QVERIFY(ex.server->listen());
    const Wallet w = walletNo(42);
    ex.traders.addGeneratedHistory(w.address(), 120, 5, 1'780'000'000, u"Whale"_s);
    ex.traders.setValue(w.address(), "321.5");
    TraderSync sync(configFor(db.config(), ex.server->url(), ex.server->url()));
    QSignalSpy opened(&sync, &TraderSync::storageOpened);
    QSignalSpy started(&sync, &TraderSync::syncStarted);
    QSignalSpy progress(&sync, &TraderSync::syncProgress);
    QSignalSpy saved(&sync, &TraderSync::traderSaved);
    QSignalSpy failed(&sync, &TraderSync::syncFailed);
    sync.start();
    QTRY_COMPARE(opened.size(), 1);
    QVERIFY(opened.constFirst().at(0).toBool());
    sync.requestSync(w, true);
    QTRY_VERIFY_WITH_TIMEOUT(savedFor(saved, w), 20'000);
    QCOMPARE(started.size(), 1);
    QCOMPARE(started.constFirst().at(0).value<Wallet>(), w);
    QVERIFY(started.constFirst().at(1).toBool()); // the fast lane
    QStringList phases;
    for (const QList<QVariant> &args : std::as_const(progress)) {
        if (args.at(0).value<Wallet>() == w)
            phases.append(args.at(1).toString());
    }
    QCOMPARE(phases, (QStringList{u"activity"_s, u"positions"_s, u"closed-positions"_s, u"value"_s,
                                  u"markets"_s, u"saving"_s}));
    storage::TraderSummary summary;
    QVERIFY(savedFor(saved, w, &summary));
    QCOMPARE(summary.name, u"Whale"_s);
    QVERIFY(summary.complete);
    QCOMPARE(summary.events, qint64(ex.traders.activityRowCount(w.address())));
    QVERIFY(summary.resolvedMarkets > 0);
    QCOMPARE(summary.value, std::optional<Decimal>(Decimal::fromMicros(321'500'000)));
    QCOMPARE(failed.size(), 0);
    sync.stop();
    // gamma's liquidity of every market came along, exact, with the time it was read.
    storage::Connection c(db.config(), u"check"_s);
    QVERIFY(!c.open());
    QSqlQuery q(c.database());
    QVERIFY(q.exec(u"SELECT COUNT(*), COUNT(liquidity_micros), MIN(liquidity_micros), MIN(liquidity_ms) "
                   "FROM markets"_s) &&
            q.next());
    QVERIFY(q.value(0).toLongLong() >= 2);
    QCOMPARE(q.value(1).toLongLong(), q.value(0).toLongLong());
    QCOMPARE(q.value(2).toLongLong(), 20'000'250'000);
    QVERIFY(q.value(3).toLongLong() > 0);
}

void TestTraderSync::whaleTradesDiscoverTheirWallets() {
    test::TestDatabase db(QString::fromLatin1(test::kSqlite));
    QVERIFY2(db.ok(), qPrintable(db.error()));
    Exchange ex;
    QVERIFY(ex.server->listen());
    const Wallet whale = walletNo(1);
    const Wallet minnow = walletNo(2);
    ex.traders.addGeneratedHistory(whale.address(), 30, 8, 1'780'000'000);
    TraderSync sync(configFor(db.config(), ex.server->url(), ex.server->url()));
    QSignalSpy started(&sync, &TraderSync::syncStarted);
    QSignalSpy saved(&sync, &TraderSync::traderSaved);
    sync.start();
    TradeBatch batch{fill(whale, "0.5", "4000", 1), fill(minnow, "0.5", "20", 2)};
    Trade kalshi = fill(walletNo(3), "0.5", "9000", 3);
    kalshi.venue = Venue::Kalshi;
    kalshi.wallet = Wallet(); // anonymous on Kalshi
    batch.append(kalshi);
    sync.observeTrades(batch);
    sync.observeTrades(batch); // seen again: not asked twice
    QTRY_VERIFY_WITH_TIMEOUT(savedFor(saved, whale), 20'000);
    QTest::qWait(200);
    QCOMPARE(started.size(), 1);
    QCOMPARE(started.constFirst().at(0).value<Wallet>(), whale);
    QVERIFY(!started.constFirst().at(1).toBool()); // background lane
    QVERIFY(!savedFor(saved, minnow));
    sync.stop();
}

void TestTraderSync::leaderboardStoredAndAnnounced() {
    test::TestDatabase db(QString::fromLatin1(test::kSqlite));
    QVERIFY2(db.ok(), qPrintable(db.error()));
    Exchange ex;
    QVERIFY(ex.server->listen());
    ex.traders.setLeaderboard(test::readData(u"polymarket/data_api_v1_leaderboard_whalescan.json"_s));
    TraderSync sync(configFor(db.config(), ex.server->url(), ex.server->url()));
    QSignalSpy opened(&sync, &TraderSync::storageOpened);
    QSignalSpy updated(&sync, &TraderSync::leaderboardUpdated);
    QSignalSpy started(&sync, &TraderSync::syncStarted);
    sync.start();
    QTRY_COMPARE(opened.size(), 1);
    sync.fetchLeaderboardNow();
    QTRY_COMPARE_WITH_TIMEOUT(updated.size(), 1, 10'000);
    QCOMPARE(updated.constFirst().at(0).toString(), u"day"_s);
    const auto rows = updated.constFirst().at(1).value<storage::OfficialLeaderboard>();
    QCOMPARE(rows.size(), qsizetype(20));
    QCOMPARE(rows.constFirst().rank, 1);
    QCOMPARE(rows.constFirst().userName, u"Theo4"_s);
    QCOMPARE(rows.constFirst().pnl, Decimal::fromMicros(22'053'933'752'321));
    // Stored before the announcement.
    storage::Connection c(db.config(), u"check"_s);
    QVERIFY(!c.open());
    storage::OfficialLeaderboard stored;
    QVERIFY(!storage::loadOfficialLeaderboard(c, u"day"_s, &stored));
    QCOMPARE(stored.size(), qsizetype(20));
    // Its wallets are being synced in the background.
    QTRY_VERIFY(!started.isEmpty());
    QCOMPARE(started.constFirst().at(0).value<Wallet>(), rows.constFirst().wallet);
    sync.stop();
}

void TestTraderSync::demoSimulatorServesTapeWallets() {
    test::TestDatabase db(QString::fromLatin1(test::kSqlite));
    QVERIFY2(db.ok(), qPrintable(db.error()));
    ExchangeSimulator sim;
    QVERIFY(sim.start());
    sim.setServeTapeTraders(true);
    const Wallet w = walletNo(77);
    TradeBatch tape;
    for (int i = 0; i < 9; ++i)
        tape.append(fill(w, "0.4", "1000", i));
    tape.append(fill(walletNo(78), "0.6", "10", 20));
    sim.publish(tape);
    TraderSync sync(configFor(db.config(), sim.dataApiUrl(), sim.clob()->restUrl()));
    QSignalSpy saved(&sync, &TraderSync::traderSaved);
    QSignalSpy failed(&sync, &TraderSync::syncFailed);
    QSignalSpy updated(&sync, &TraderSync::leaderboardUpdated);
    sync.start();
    sync.requestSync(w, true);
    QTRY_VERIFY_WITH_TIMEOUT(savedFor(saved, w), 20'000);
    storage::TraderSummary summary;
    QVERIFY(savedFor(saved, w, &summary));
    QCOMPARE(summary.events, qint64(9));
    QCOMPARE(summary.metrics.volume, Decimal::fromMicros(9 * 400 * Decimal::kOne));
    QVERIFY2(summary.complete, qPrintable(summary.incompleteReason));
    QVERIFY(summary.value.has_value());
    QCOMPARE(failed.size(), 0);
    sync.fetchLeaderboardNow();
    QTRY_COMPARE_WITH_TIMEOUT(updated.size(), 1, 10'000);
    const auto rows = updated.constFirst().at(1).value<storage::OfficialLeaderboard>();
    QCOMPARE(rows.size(), qsizetype(2));
    sync.stop();
}

void TestTraderSync::gammaBudgetIsShared() {
    // The trader sync's lanes and the tape's market sync both ask gamma; together they stay
    // within its documented 300 requests per 10 s.
    const TraderSyncConfig config =
        traderSyncConfigFrom(CommandLineOptions{}, storage::DatabaseConfig::sqlite(u"unused.sqlite"_s));
    QCOMPARE(config.runner.gamma.periodMs, qint64(10'000));
    QVERIFY(config.markets.requestsPer10s > 0);
    QCOMPARE(config.runner.gamma.requests + config.markets.requestsPer10s, 300);
}

QTEST_GUILESS_MAIN(TestTraderSync)
#include "tst_tradersync.moc"
