// SyncRunner against the simulator's trader endpoints on loopback: the fast lane starts its
// job while 1,000 bulk jobs are queued, the per-host buckets never exceed their budget under
// a burst, a 429 (with and without Retry-After) slows only its host, followed wallets go
// first within the bulk lane, and the leaderboard is fetched, emitted and discovered.
#include "net/simulator/dataapiserver.h"
#include "net/simulator/httpfault.h"
#include "net/simulator/traderendpoints.h"
#include "net/simulator/tradestore.h"
#include "net/syncrunner.h"
#include "net/tokenbucket.h"
#include "tests/support/testdata.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace longshot;
using namespace longshot::net;
using namespace longshot::net::sim;

namespace {

Wallet walletNo(int n) {
    return *Wallet::parse(u"0x%1"_s.arg(n, 40, 16, QLatin1Char('0')));
}

// One simulated host: its own port, so its own token buckets in the client.
struct Host {
    TradeStore store{10};
    TraderEndpoints traders;
    QObject owner;
    DataApiServer *server = nullptr;
    QElapsedTimer clock;
    QList<qint64> receivedMs; // since clock start, in arrival order
    QStringList paths;

    Host() {
        server = new DataApiServer(&store, &owner);
        server->setTraderEndpoints(&traders);
        clock.start();
        QObject::connect(server, &DataApiServer::requestReceived, &owner, [this](const QString &target) {
            receivedMs.append(clock.elapsed());
            paths.append(target);
        });
    }
    bool listen() { return server->listen(); }
    qsizetype countBetween(qint64 fromMs, qint64 toMs) const {
        return std::count_if(receivedMs.cbegin(), receivedMs.cend(),
                             [&](qint64 t) { return t >= fromMs && t < toMs; });
    }
};

SyncRunnerConfig configFor(const QUrl &dataApi, const QUrl &gamma) {
    SyncRunnerConfig c;
    c.fetch.dataApi = dataApi;
    c.fetch.gammaApi = gamma;
    c.leaderboardIntervalMs = 0; // asked for explicitly where a test wants it
    return c;
}

Wallet snapshotWallet(const QList<QVariant> &args) {
    return args.constFirst().value<TraderSnapshot>().wallet;
}

} // namespace

class TestSyncRunner final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void laneBucketStaysWithinBudget_data();
    void laneBucketStaysWithinBudget();
    void fastLaneStartsWhileThousandBulkJobsQueued();
    void burstNeverExceedsHostBudget();
    void rateLimitSlowsOnlyThatHost_data();
    void rateLimitSlowsOnlyThatHost();
    void queuePrioritizeAndRestore();
    void followedWalletsGoFirstInBulkLane();
    void leaderboardFetchedAndDiscovered();
    void unknownWalletFailsThroughTaxonomy();
};

void TestSyncRunner::initTestCase() {
    qRegisterMetaType<TraderSnapshot>();
    qRegisterMetaType<SyncLane>();
    qRegisterMetaType<QList<LeaderboardRow>>();
}

void TestSyncRunner::laneBucketStaysWithinBudget_data() {
    QTest::addColumn<int>("requests");
    QTest::addColumn<qint64>("periodMs");
    QTest::addColumn<double>("share");
    QTest::addColumn<double>("burst");
    QTest::newRow("data-api fast") << 150 << qint64(10'000) << 0.4 << 0.5;
    QTest::newRow("data-api bulk") << 150 << qint64(10'000) << 0.6 << 0.2;
    QTest::newRow("gamma bulk") << 300 << qint64(10'000) << 0.6 << 0.2;
    QTest::newRow("all at once") << 150 << qint64(10'000) << 0.4 << 1.0;
    QTest::newRow("tiny") << 3 << qint64(1'000) << 0.4 << 0.5;
}

void TestSyncRunner::laneBucketStaysWithinBudget() {
    QFETCH(int, requests);
    QFETCH(qint64, periodMs);
    QFETCH(double, share);
    QFETCH(double, burst);
    const auto [capacity, refillMs] = SyncRunner::laneBucket(HostBudget{requests, periodMs}, share, burst);
    TokenBucket bucket(capacity, refillMs);
    QList<qint64> grants;
    for (qint64 t = 0; t < 6 * periodMs; ++t) {
        while (bucket.tryAcquire(t) == 0)
            grants.append(t);
    }
    // Any window of one period, wherever it starts, holds no more than the lane's share.
    const qsizetype laneBudget = std::max<qsizetype>(1, qsizetype(requests * share));
    qsizetype lo = 0;
    for (qsizetype hi = 0; hi < grants.size(); ++hi) {
        while (grants.at(hi) - grants.at(lo) >= periodMs)
            ++lo;
        QVERIFY2(hi - lo + 1 <= laneBudget, qPrintable(u"%1 grants in one period"_s.arg(hi - lo + 1)));
    }
    // And the lane is not starved either: the burst, then (share - burst) every period.
    const double floor = double(capacity) + 0.9 * 5.0 * double(laneBudget - capacity);
    QVERIFY2(double(grants.size()) >= floor, qPrintable(u"%1 grants over six periods"_s.arg(grants.size())));
    QVERIFY(capacity >= 1 && capacity < std::max<qsizetype>(2, laneBudget));
}

void TestSyncRunner::fastLaneStartsWhileThousandBulkJobsQueued() {
    Host host;
    QVERIFY(host.listen());
    const Wallet fast = walletNo(5000);
    host.traders.addGeneratedHistory(fast.address(), 40, 11, 1'780'000'000);
    host.traders.setValue(fast.address(), "12.5");
    SyncRunner runner(configFor(host.server->url(), host.server->url()));
    QSignalSpy started(&runner, &SyncRunner::jobStarted);
    QSignalSpy ready(&runner, &SyncRunner::snapshotReady);
    runner.start();

    QList<Wallet> bulk;
    for (int i = 0; i < 1000; ++i)
        bulk.append(walletNo(i));
    runner.discover(bulk);
    QCOMPARE(runner.running(SyncLane::Bulk), 7);
    QCOMPARE(runner.queued(SyncLane::Bulk), qsizetype(993));
    QCOMPARE(started.size(), 7);
    // Let the bulk lane get busy on the wire before the user asks for a profile.
    QTRY_VERIFY(host.receivedMs.size() >= 7);

    QElapsedTimer latency;
    latency.start();
    runner.requestSync(fast, SyncLane::Fast);
    // Started within the call: no bulk job, queued or running, stood in front of it.
    QCOMPARE(started.size(), 8);
    const QList<QVariant> job = started.constLast();
    QCOMPARE(job.at(0).value<Wallet>(), fast);
    QCOMPARE(job.at(1).value<SyncLane>(), SyncLane::Fast);
    QVERIFY(job.at(2).toLongLong() <= 50);
    QVERIFY(latency.elapsed() <= 50);
    QCOMPARE(runner.running(SyncLane::Fast), 1);
    QVERIFY(runner.queued(SyncLane::Bulk) >= 900);

    // And it finishes while most of the bulk work still waits.
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(ready.cbegin(), ready.cend(),
                                         [&](const QList<QVariant> &a) { return snapshotWallet(a) == fast; }),
                             20'000);
    for (const QList<QVariant> &a : std::as_const(ready)) {
        const auto s = a.constFirst().value<TraderSnapshot>();
        if (s.wallet != fast)
            continue;
        QVERIFY2(s.complete, qPrintable(s.incompleteReasons.join(u"; "_s)));
        QCOMPARE(s.events.size(), host.traders.activityRowCount(fast.address()));
    }
    QVERIFY(runner.queued(SyncLane::Bulk) > 500);
    QCOMPARE(runner.rateLimitedResponses(), qint64(0));
    runner.stop();
}

void TestSyncRunner::burstNeverExceedsHostBudget() {
    Host host;
    QVERIFY(host.listen());
    SyncRunnerConfig config = configFor(host.server->url(), host.server->url());
    constexpr int kBudget = 20;
    constexpr qint64 kPeriodMs = 1'000;
    config.dataApi = HostBudget{kBudget, kPeriodMs};
    config.gamma = HostBudget{kBudget, kPeriodMs};
    SyncRunner runner(config);
    runner.start();
    QList<Wallet> burst;
    for (int i = 0; i < 200; ++i)
        burst.append(walletNo(i));
    runner.discover(burst);
    for (int i = 0; i < 5; ++i)
        runner.requestSync(walletNo(1000 + i), SyncLane::Fast);
    QTest::qWait(3'500);
    runner.stop();

    const QList<qint64> &t = host.receivedMs;
    QVERIFY2(t.size() > 2 * kBudget, "the burst never reached the limiter");
    // Arrival jitter on loopback is well under 50 ms; measure windows a little shorter than
    // the period so jitter cannot fake an excess.
    qsizetype lo = 0;
    for (qsizetype hi = 0; hi < t.size(); ++hi) {
        while (t.at(hi) - t.at(lo) >= kPeriodMs - 50)
            ++lo;
        QVERIFY2(hi - lo + 1 <= kBudget, qPrintable(u"%1 requests within one period"_s.arg(hi - lo + 1)));
    }
    QCOMPARE(runner.rateLimitedResponses(), qint64(0));
    QVERIFY(runner.requestsSent() >= qint64(t.size()));
}

void TestSyncRunner::rateLimitSlowsOnlyThatHost_data() {
    QTest::addColumn<int>("retryAfterSeconds");
    QTest::addColumn<qint64>("minPauseMs");
    QTest::newRow("Retry-After: 2") << 2 << qint64(1'800);
    // No header: the client's own jittered backoff, at least half its 500 ms base.
    QTest::newRow("no Retry-After") << -1 << qint64(200);
}

void TestSyncRunner::rateLimitSlowsOnlyThatHost() {
    QFETCH(int, retryAfterSeconds);
    QFETCH(qint64, minPauseMs);
    Host data;
    Host gamma;
    QVERIFY(data.listen());
    QVERIFY(gamma.listen());
    const Wallet busy = walletNo(1);
    const Wallet limited = walletNo(2);
    // Many markets, asked one per gamma request, keep gamma busy while data-api is paused.
    const QStringList ids = data.traders.addGeneratedHistory(busy.address(), 1000, 3, 1'780'000'000);
    QVERIFY(ids.size() >= 40);
    gamma.traders.addGeneratedHistory(busy.address(), 1000, 3, 1'780'000'000);
    data.traders.addGeneratedHistory(limited.address(), 30, 4, 1'780'000'000);
    SyncRunnerConfig config = configFor(data.server->url(), gamma.server->url());
    config.fetch.gammaBatch = 1;
    SyncRunner runner(config);
    QSignalSpy ready(&runner, &SyncRunner::snapshotReady);
    runner.start();
    runner.requestSync(busy, SyncLane::Bulk);
    QTRY_VERIFY_WITH_TIMEOUT(!gamma.receivedMs.isEmpty(), 10'000);

    // The next data-api request answers 429.
    data.server->queueFaults({HttpFault::tooManyRequests(retryAfterSeconds)});
    const qint64 before = data.receivedMs.size();
    runner.requestSync(limited, SyncLane::Fast);
    QTRY_VERIFY(data.receivedMs.size() > before);
    const qint64 limitedAt = data.receivedMs.at(before);
    const qint64 gammaClockOffset = gamma.clock.msecsSinceReference() - data.clock.msecsSinceReference();
    QTRY_VERIFY_WITH_TIMEOUT(data.receivedMs.size() > before + 1, 10'000);
    const qint64 resumedAt = data.receivedMs.at(before + 1);
    QVERIFY2(resumedAt - limitedAt >= minPauseMs,
             qPrintable(u"data-api resumed after %1 ms"_s.arg(resumedAt - limitedAt)));
    // Meanwhile gamma kept its own pace.
    const qsizetype gammaDuring =
        gamma.countBetween(limitedAt - gammaClockOffset + 1, resumedAt - gammaClockOffset);
    QVERIFY2(gammaDuring > 0, "gamma was slowed by data-api's 429");

    QTRY_VERIFY_WITH_TIMEOUT(ready.size() == 2, 30'000);
    for (const QList<QVariant> &a : std::as_const(ready)) {
        const auto s = a.constFirst().value<TraderSnapshot>();
        QVERIFY2(s.complete, qPrintable(s.incompleteReasons.join(u"; "_s)));
    }
    QCOMPARE(runner.rateLimitedResponses(), qint64(1));
    runner.stop();
}

void TestSyncRunner::queuePrioritizeAndRestore() {
    SyncSchedulerConfig config;
    config.bulkSlots = 1;
    SyncQueue q(config);
    const qint64 t0 = 1'800'000'000'000;
    for (int i = 0; i < 6; ++i)
        q.enqueue(walletNo(i), SyncLane::Bulk, t0);
    q.prioritize({walletNo(4), walletNo(2)});
    QVERIFY(q.isPrioritized(walletNo(2)));
    q.enqueue(walletNo(2), SyncLane::Fast, t0); // promoted out of the bulk lane
    QVERIFY(q.enqueue(walletNo(9), SyncLane::Bulk, t0));
    q.prioritize({walletNo(4), walletNo(9), walletNo(2)});
    QList<Wallet> order;
    for (int step = 0; step < 8; ++step) {
        for (const SyncJob &job : q.takeStartable(t0)) {
            order.append(job.wallet);
            q.finish(job.wallet, t0, 0);
        }
    }
    QCOMPARE(order, (QList<Wallet>{walletNo(2), walletNo(4), walletNo(9), walletNo(0), walletNo(1),
                                   walletNo(3), walletNo(5)}));
    // Followed wallets keep the active pace even when idle.
    QCOMPARE(q.nextDueMs(walletNo(4)), std::optional<qint64>(t0 + config.activeResyncMs));
    QCOMPARE(q.nextDueMs(walletNo(5)), std::optional<qint64>(t0 + config.idleResyncMs));
    // A restart: stored wallets come due at their pace and are not queued at once.
    SyncQueue restarted(config);
    restarted.restore(walletNo(1), t0, t0 - 60'000);
    restarted.restore(walletNo(2), t0, 0);
    QCOMPARE(restarted.queued(SyncLane::Bulk), qsizetype(0));
    QCOMPARE(restarted.discover({walletNo(1), walletNo(3)}, t0 + 1), 1);
    QCOMPARE(restarted.enqueueDue(t0 + config.activeResyncMs), 1);
    QCOMPARE(restarted.nextDueMs(walletNo(2)), std::optional<qint64>(t0 + config.idleResyncMs));
}

void TestSyncRunner::followedWalletsGoFirstInBulkLane() {
    Host host;
    QVERIFY(host.listen());
    SyncRunnerConfig config = configFor(host.server->url(), host.server->url());
    config.schedule.bulkSlots = 1;
    SyncRunner runner(config);
    QSignalSpy started(&runner, &SyncRunner::jobStarted);
    runner.start();
    QList<Wallet> crowd;
    for (int i = 0; i < 20; ++i)
        crowd.append(walletNo(i));
    runner.discover(crowd);
    runner.prioritize({walletNo(15), walletNo(12), walletNo(99)});
    QTRY_VERIFY_WITH_TIMEOUT(started.size() >= 5, 20'000);
    QCOMPARE(started.at(0).at(0).value<Wallet>(), walletNo(0)); // already running
    // Followed ones in the order they were queued, the never-seen one after them.
    QCOMPARE(started.at(1).at(0).value<Wallet>(), walletNo(12));
    QCOMPARE(started.at(2).at(0).value<Wallet>(), walletNo(15));
    QCOMPARE(started.at(3).at(0).value<Wallet>(), walletNo(99));
    QCOMPARE(started.at(4).at(0).value<Wallet>(), walletNo(1));
    runner.stop();
}

void TestSyncRunner::leaderboardFetchedAndDiscovered() {
    Host host;
    QVERIFY(host.listen());
    host.traders.setLeaderboard(test::readData(u"polymarket/data_api_v1_leaderboard_whalescan.json"_s));
    SyncRunnerConfig config = configFor(host.server->url(), host.server->url());
    config.leaderboardPeriods = {u"DAY"_s, u"ALL"_s};
    SyncRunner runner(config);
    QSignalSpy fetched(&runner, &SyncRunner::leaderboardFetched);
    QSignalSpy started(&runner, &SyncRunner::jobStarted);
    runner.start();
    runner.fetchLeaderboard();
    QTRY_COMPARE_WITH_TIMEOUT(fetched.size(), 2, 10'000);
    QCOMPARE(fetched.at(0).at(0).toString(), u"day"_s);
    QCOMPARE(fetched.at(1).at(0).toString(), u"all"_s);
    const auto rows = fetched.at(0).at(1).value<QList<LeaderboardRow>>();
    QVERIFY(!rows.isEmpty());
    QCOMPARE(rows.constFirst().rank, 1);
    QVERIFY(fetched.at(0).at(2).toLongLong() > 0);
    // Their wallets went into the bulk lane.
    QTRY_VERIFY(!started.isEmpty());
    QCOMPARE(started.constFirst().at(0).value<Wallet>(), rows.constFirst().wallet);
    QCOMPARE(started.constFirst().at(1).value<SyncLane>(), SyncLane::Bulk);
    QVERIFY(host.paths.constFirst().contains(u"timePeriod=DAY"_s));
    QVERIFY(host.paths.constFirst().contains(u"orderBy=PNL"_s));
    runner.stop();
}

void TestSyncRunner::unknownWalletFailsThroughTaxonomy() {
    Host host;
    QVERIFY(host.listen());
    SyncRunner runner(configFor(host.server->url(), host.server->url()));
    QSignalSpy failed(&runner, &SyncRunner::failed);
    QSignalSpy ready(&runner, &SyncRunner::snapshotReady);
    runner.start();
    // A cut-off body is InvalidResponse, which the taxonomy drops rather than retries: the
    // activity phase fails, and without its history the sync is reported failed, not stored.
    host.server->queueFaults({HttpFault::truncated()});
    runner.requestSync(walletNo(7), SyncLane::Fast);
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10'000);
    QCOMPARE(failed.constFirst().at(0).value<Wallet>(), walletNo(7));
    QVERIFY(failed.constFirst().at(1).toString().startsWith(u"activity: "_s));
    QCOMPARE(ready.size(), 0);
    QCOMPARE(runner.running(SyncLane::Fast), 0);
    runner.stop();
}

QTEST_GUILESS_MAIN(TestSyncRunner)
#include "tst_syncrunner.moc"
