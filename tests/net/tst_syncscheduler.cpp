// SyncQueue over a fake clock: the fast lane starts while 1,000 bulk jobs wait, slots are
// never exceeded, one job per wallet with promotion, discovery, and the re-sync pace; and the
// per-host token bucket the scheduler's requests go through never exceeds its budget.
#include "net/syncscheduler.h"
#include "net/tokenbucket.h"

#include <QTest>

using namespace longshot;
using namespace longshot::net;

namespace {

Wallet walletNo(int n) {
    return *Wallet::parse(QStringLiteral("0x%1").arg(n, 40, 16, QLatin1Char('0')));
}

} // namespace

class TestSyncScheduler final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fastLaneStartsAheadOfThousandBulkJobs();
    void slotsNeverExceeded_data();
    void slotsNeverExceeded();
    void deduplicatesAndPromotes();
    void discoveryAndResyncPace();
    void bucketNeverExceedsBudgetUnderBurst_data();
    void bucketNeverExceedsBudgetUnderBurst();
    void pauseSlowsOnlyThatBucket();
};

void TestSyncScheduler::fastLaneStartsAheadOfThousandBulkJobs() {
    SyncQueue q;
    qint64 now = 1'000;
    for (int i = 0; i < 1000; ++i)
        QVERIFY(q.enqueue(walletNo(i), SyncLane::Bulk, now));
    // Every bulk slot is taken and 993 wait.
    QCOMPARE(q.takeStartable(now).size(), 7);
    QCOMPARE(q.queued(SyncLane::Bulk), qsizetype(993));
    ++now;
    QVERIFY(q.enqueue(walletNo(5000), SyncLane::Fast, now));
    const QList<SyncJob> started = q.takeStartable(now);
    QCOMPARE(started.size(), 1); // started at once, though every bulk slot is busy
    QCOMPARE(started.constFirst().wallet, walletNo(5000));
    QCOMPARE(started.constFirst().lane, SyncLane::Fast);
    QCOMPARE(q.running(SyncLane::Bulk), 7);
    QCOMPARE(q.queued(SyncLane::Bulk), qsizetype(993));
    // When a bulk slot frees up, a queued fast job still goes first.
    QVERIFY(q.enqueue(walletNo(5001), SyncLane::Fast, now));
    QVERIFY(q.enqueue(walletNo(5002), SyncLane::Fast, now));
    QVERIFY(q.enqueue(walletNo(5003), SyncLane::Fast, now)); // a fourth: waits for a fast slot
    const QList<SyncJob> next = q.takeStartable(now);
    QCOMPARE(next.size(), 2);
    QCOMPARE(q.running(SyncLane::Fast), 3);
    QCOMPARE(q.queued(SyncLane::Fast), qsizetype(1));
    q.finish(walletNo(5000), now, 0);
    const QList<SyncJob> after = q.takeStartable(now);
    QCOMPARE(after.size(), 1);
    QCOMPARE(after.constFirst().wallet, walletNo(5003));
}

void TestSyncScheduler::slotsNeverExceeded_data() {
    QTest::addColumn<int>("fastSlots");
    QTest::addColumn<int>("bulkSlots");
    QTest::newRow("default") << 3 << 7;
    QTest::newRow("one each") << 1 << 1;
    QTest::newRow("wide") << 5 << 20;
}

void TestSyncScheduler::slotsNeverExceeded() {
    QFETCH(int, fastSlots);
    QFETCH(int, bulkSlots);
    SyncSchedulerConfig config;
    config.fastSlots = fastSlots;
    config.bulkSlots = bulkSlots;
    SyncQueue q(config);
    QList<Wallet> running;
    int startedTotal = 0;
    for (int step = 0; step < 400; ++step) {
        const qint64 now = step * 10;
        q.enqueue(walletNo(step), step % 4 == 0 ? SyncLane::Fast : SyncLane::Bulk, now);
        for (const SyncJob &job : q.takeStartable(now))
            running.append(job.wallet);
        QVERIFY(q.running(SyncLane::Fast) <= fastSlots);
        QVERIFY(q.running(SyncLane::Bulk) <= bulkSlots);
        QCOMPARE(qsizetype(q.running(SyncLane::Fast) + q.running(SyncLane::Bulk)), running.size());
        if (step % 3 == 0 && !running.isEmpty()) {
            q.finish(running.takeFirst(), now, 0);
            ++startedTotal;
        }
    }
    QVERIFY(startedTotal > 0);
}

void TestSyncScheduler::deduplicatesAndPromotes() {
    SyncQueue q;
    for (int i = 0; i < 20; ++i)
        q.enqueue(walletNo(i), SyncLane::Bulk, 0);
    QVERIFY(!q.enqueue(walletNo(15), SyncLane::Bulk, 1)); // already queued
    QCOMPARE(q.queued(SyncLane::Bulk), qsizetype(20));
    QVERIFY(!q.enqueue(walletNo(15), SyncLane::Fast, 1)); // not new, but promoted
    QCOMPARE(q.queued(SyncLane::Bulk), qsizetype(19));
    QCOMPARE(q.queued(SyncLane::Fast), qsizetype(1));
    const QList<SyncJob> started = q.takeStartable(2);
    QCOMPARE(started.constFirst().wallet, walletNo(15));
    QCOMPARE(started.constFirst().lane, SyncLane::Fast);
    // Running wallets are not queued a second time.
    QVERIFY(!q.enqueue(walletNo(15), SyncLane::Fast, 3));
    QVERIFY(!q.enqueue(walletNo(0), SyncLane::Bulk, 3));
    QVERIFY(q.isQueuedOrRunning(walletNo(0)));
    QVERIFY(!q.isQueuedOrRunning(walletNo(99)));
}

void TestSyncScheduler::discoveryAndResyncPace() {
    SyncSchedulerConfig config;
    SyncQueue q(config);
    const qint64 t0 = 1'800'000'000'000;
    QCOMPARE(q.discover({walletNo(1), walletNo(2), walletNo(1), Wallet()}, t0), 2);
    QCOMPARE(q.takeStartable(t0).size(), 2);
    q.finish(walletNo(1), t0, t0 - 60'000);            // traded a minute ago: active
    q.finish(walletNo(2), t0, t0 - 30LL * 86'400'000); // a month ago: idle
    QCOMPARE(q.nextDueMs(walletNo(1)), std::optional<qint64>(t0 + config.activeResyncMs));
    QCOMPARE(q.nextDueMs(walletNo(2)), std::optional<qint64>(t0 + config.idleResyncMs));
    // Seen again in the feed before they are due: nothing new is queued.
    QCOMPARE(q.discover({walletNo(1), walletNo(2)}, t0 + 1), 0);
    QCOMPARE(q.enqueueDue(t0 + config.activeResyncMs - 1), 0);
    QCOMPARE(q.enqueueDue(t0 + config.activeResyncMs), 1);
    QCOMPARE(q.queued(SyncLane::Bulk), qsizetype(1));
    QCOMPARE(q.enqueueDue(t0 + config.idleResyncMs), 1);
    QCOMPARE(q.queued(SyncLane::Bulk), qsizetype(2));
}

void TestSyncScheduler::bucketNeverExceedsBudgetUnderBurst_data() {
    QTest::addColumn<int>("capacity");
    QTest::addColumn<qint64>("periodMs");
    QTest::newRow("data-api positions 150/10s") << 150 << qint64(10'000);
    QTest::newRow("gamma markets 300/10s") << 300 << qint64(10'000);
    QTest::newRow("small") << 5 << qint64(1'000);
}

void TestSyncScheduler::bucketNeverExceedsBudgetUnderBurst() {
    QFETCH(int, capacity);
    QFETCH(qint64, periodMs);
    TokenBucket bucket(capacity, periodMs);
    // 10 attempts per ms for 5 periods; record the time of every grant.
    QList<qint64> granted;
    for (qint64 now = 0; now < 5 * periodMs; ++now) {
        for (int i = 0; i < 10; ++i) {
            if (bucket.tryAcquire(now) == 0)
                granted.append(now);
        }
    }
    QVERIFY(granted.size() > capacity);
    // Any window of one period holds at most capacity grants plus the refill during it.
    qsizetype start = 0;
    for (qsizetype end = 0; end < granted.size(); ++end) {
        while (granted.at(end) - granted.at(start) >= periodMs)
            ++start;
        QVERIFY2(end - start + 1 <= 2 * capacity, "a burst exceeded the budget");
    }
    // Over the whole run: the initial bucket plus the steady refill, no more.
    QVERIFY(granted.size() <= capacity + capacity * 5);
}

void TestSyncScheduler::pauseSlowsOnlyThatBucket() {
    TokenBucket dataApi(100, 10'000);
    TokenBucket gamma(100, 10'000);
    QCOMPARE(dataApi.tryAcquire(1'000), qint64(0));
    // A 429 with Retry-After: 3 on data-api.
    dataApi.pauseUntil(4'000);
    QCOMPARE(dataApi.tryAcquire(1'500), qint64(2'500));
    QCOMPARE(gamma.tryAcquire(1'500), qint64(0)); // the other host keeps its pace
    QVERIFY(dataApi.tryAcquire(4'000) > 0);       // starts empty after the pause
    QCOMPARE(dataApi.tryAcquire(4'100), qint64(0));
}

QTEST_GUILESS_MAIN(TestSyncScheduler)
#include "tst_syncscheduler.moc"
