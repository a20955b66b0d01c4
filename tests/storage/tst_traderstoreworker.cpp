// TraderStoreWorker on a storage thread of its own: a synced wallet is persisted and its
// summary emitted, Polymarket's leaderboard is upserted per period with wallets that left
// the board removed, a reopen reports each stored wallet's sync state, and a lock held by
// another connection is waited out rather than reported.
#include "storage/connection.h"
#include "storage/migrations.h"
#include "storage/officialleaderboard.h"
#include "storage/traderstoreworker.h"
#include "tests/storage/storagetest.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <memory>

using namespace Qt::StringLiterals;
using namespace longshot;
using namespace longshot::storage;

namespace {

constexpr qint64 kT0 = 1'780'000'000'000;

Decimal dec(const char *text) {
    return Decimal::parse(std::string_view(text)).value;
}

Wallet walletNo(int n) {
    return *Wallet::parse(u"0x%1"_s.arg(n, 40, 16, QLatin1Char('0')));
}

TraderSyncData syncData(const Wallet &w) {
    Market m;
    m.marketId = u"0xaaaa"_s;
    m.title = u"Will A happen?"_s;
    m.outcomes = {Outcome{u"a-yes"_s, u"Yes"_s, 0, dec("0.7"), std::nullopt},
                  Outcome{u"a-no"_s, u"No"_s, 1, dec("0.3"), std::nullopt}};
    TraderSyncData d;
    d.wallet = w;
    d.name = u"whale"_s;
    d.events << ActivityEvent::trade(ActivityKind::Buy, u"0xaaaa"_s, u"a-yes"_s, 0, dec("100"), dec("40"),
                                     kT0);
    d.events << ActivityEvent::trade(ActivityKind::Sell, u"0xaaaa"_s, u"a-yes"_s, 0, dec("50"), dec("30"),
                                     kT0 + 60'000);
    for (qsizetype i = 0; i < d.events.size(); ++i) {
        d.events[i].wallet = w;
        d.events[i].txId = u"0xtx%1"_s.arg(i);
    }
    d.replaceHistory = true;
    d.markets = {m};
    d.complete = true;
    d.syncedMs = kT0 + 120'000;
    return d;
}

OfficialLeaderboard board(std::initializer_list<int> wallets) {
    OfficialLeaderboard rows;
    int rank = 0;
    for (int n : wallets) {
        ++rank;
        rows.append(OfficialLeaderboardRow{rank, walletNo(n), u"user %1"_s.arg(n),
                                           Decimal::fromMicros(qint64(1000 - rank) * Decimal::kOne),
                                           dec("12345.678901")});
    }
    return rows;
}

// Re-emits the worker's answers on the test thread, so the spies read lists nobody else writes.
class Relay final : public QObject {
    Q_OBJECT
public:
    explicit Relay(TraderStoreWorker *w) {
        using W = TraderStoreWorker;
        connect(w, &W::opened, this, &Relay::opened);
        connect(w, &W::knownTraders, this, &Relay::knownTraders);
        connect(w, &W::traderSaved, this, &Relay::traderSaved);
        connect(w, &W::saveFailed, this, &Relay::saveFailed);
        connect(w, &W::leaderboardSaved, this, &Relay::leaderboardSaved);
        connect(w, &W::figuresRefreshed, this, &Relay::figuresRefreshed);
    }
Q_SIGNALS:
    void opened(bool ok, const QString &message);
    void knownTraders(const QList<longshot::storage::TraderSyncState> &states);
    void traderSaved(const longshot::storage::TraderSummary &summary);
    void saveFailed(const longshot::Wallet &wallet, const QString &reason);
    void leaderboardSaved(const QString &period, const longshot::storage::OfficialLeaderboard &rows,
                          qint64 fetchedMs);
    void figuresRefreshed(int wallets);
};

// The worker on its own thread, as the app runs it; deleted there.
struct WorkerOnThread {
    QThread thread;
    TraderStoreWorker *worker;
    Relay relay;

    explicit WorkerOnThread(const DatabaseConfig &config, int retryFirstMs = 250)
        : worker(new TraderStoreWorker(config))
        , relay(worker) {
        worker->setRetryDelays(retryFirstMs, 20);
        thread.setObjectName(u"test-trader-storage"_s);
        worker->moveToThread(&thread);
        QObject::connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
        thread.start();
    }
    ~WorkerOnThread() {
        QMetaObject::invokeMethod(worker, &TraderStoreWorker::close, Qt::BlockingQueuedConnection);
        thread.quit();
        thread.wait();
    }
    Q_DISABLE_COPY_MOVE(WorkerOnThread)

    void open() { QMetaObject::invokeMethod(worker, &TraderStoreWorker::open, Qt::QueuedConnection); }
    void save(const TraderSyncData &d) {
        QMetaObject::invokeMethod(
            worker, [w = worker, d] { w->save(d); }, Qt::QueuedConnection);
    }
    void saveBoard(const QString &period, const OfficialLeaderboard &rows, qint64 fetchedMs) {
        QMetaObject::invokeMethod(
            worker, [w = worker, period, rows, fetchedMs] { w->saveLeaderboard(period, rows, fetchedMs); },
            Qt::QueuedConnection);
    }
};

} // namespace

class TestTraderStoreWorker final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void engine_data();
    void persistsSnapshotAndEmitsSummary_data() { engine_data(); }
    void persistsSnapshotAndEmitsSummary();
    void leaderboardUpsertedPerPeriod_data() { engine_data(); }
    void leaderboardUpsertedPerPeriod();
    void reopenReportsSyncStates_data() { engine_data(); }
    void reopenReportsSyncStates();
    void waitsOutAnotherWriter();
    void revaluesHoldersAtNewMarks_data() { engine_data(); }
    void revaluesHoldersAtNewMarks();
};

void TestTraderStoreWorker::initTestCase() {
    qRegisterMetaType<TraderSummary>();
    qRegisterMetaType<OfficialLeaderboard>();
    qRegisterMetaType<QList<TraderSyncState>>();
}

void TestTraderStoreWorker::engine_data() {
    QTest::addColumn<QString>("engine");
    for (const QString &e : test::engines())
        QTest::newRow(qPrintable(e)) << e;
}

void TestTraderStoreWorker::persistsSnapshotAndEmitsSummary() {
    LONGSHOT_TEST_DATABASE(db);
    WorkerOnThread w(db.config());
    QSignalSpy opened(&w.relay, &Relay::opened);
    QSignalSpy saved(&w.relay, &Relay::traderSaved);
    QSignalSpy failed(&w.relay, &Relay::saveFailed);
    // Asked before the database is open: kept and written once it is.
    w.save(syncData(walletNo(1)));
    w.open();
    QTRY_COMPARE(opened.size(), 1);
    QVERIFY2(opened.constFirst().at(0).toBool(), qPrintable(opened.constFirst().at(1).toString()));
    QTRY_COMPARE(saved.size(), 1);
    const auto summary = saved.constFirst().constFirst().value<TraderSummary>();
    QCOMPARE(summary.wallet, walletNo(1));
    QCOMPARE(summary.name, u"whale"_s);
    QCOMPARE(summary.events, qint64(2));
    QVERIFY(summary.complete);
    // 50 sold at 0.6 bought at 0.4: +10 realized; 50 held at 0.7 against 0.4: +15 unrealized.
    QCOMPARE(summary.metrics.realizedPreFee, dec("10"));
    QCOMPARE(summary.metrics.unrealized, dec("15"));
    QCOMPARE(failed.size(), 0);

    // It is on disk: a connection of the test's own reads it back.
    Connection c(db.config(), u"check"_s);
    QVERIFY(!c.open());
    TraderStore store(c);
    ActivityList events;
    QVERIFY(!store.loadEvents(walletNo(1), &events));
    QCOMPARE(events.size(), qsizetype(2));
}

void TestTraderStoreWorker::leaderboardUpsertedPerPeriod() {
    LONGSHOT_TEST_DATABASE(db);
    WorkerOnThread w(db.config());
    QSignalSpy opened(&w.relay, &Relay::opened);
    QSignalSpy saved(&w.relay, &Relay::leaderboardSaved);
    w.open();
    QTRY_COMPARE(opened.size(), 1);
    w.saveBoard(u"day"_s, board({1, 2, 3}), kT0);
    w.saveBoard(u"all"_s, board({9}), kT0);
    // A later day board: 3 moved up, 1 dropped off, 4 is new.
    w.saveBoard(u"day"_s, board({3, 2, 4}), kT0 + 60'000);
    QTRY_COMPARE(saved.size(), 3);
    QCOMPARE(saved.at(2).at(0).toString(), u"day"_s);
    QCOMPARE(saved.at(2).at(1).value<OfficialLeaderboard>().size(), qsizetype(3));

    Connection c(db.config(), u"check"_s);
    QVERIFY(!c.open());
    OfficialLeaderboard day;
    qint64 fetched = 0;
    QVERIFY(!loadOfficialLeaderboard(c, u"day"_s, &day, &fetched));
    QCOMPARE(fetched, kT0 + 60'000);
    QCOMPARE(day.size(), qsizetype(3));
    QCOMPARE(day.at(0).wallet, walletNo(3));
    QCOMPARE(day.at(0).rank, 1);
    QCOMPARE(day.at(0).userName, u"user 3"_s);
    QCOMPARE(day.at(0).pnl, dec("999"));
    QCOMPARE(day.at(0).volume, dec("12345.678901")); // exact micros, no double on the way
    QCOMPARE(day.at(2).wallet, walletNo(4));
    OfficialLeaderboard all;
    QVERIFY(!loadOfficialLeaderboard(c, u"all"_s, &all));
    QCOMPARE(all.size(), qsizetype(1)); // another period is left alone
}

void TestTraderStoreWorker::reopenReportsSyncStates() {
    LONGSHOT_TEST_DATABASE(db);
    {
        WorkerOnThread w(db.config());
        QSignalSpy known(&w.relay, &Relay::knownTraders);
        QSignalSpy saved(&w.relay, &Relay::traderSaved);
        w.open();
        QTRY_COMPARE(known.size(), 1);
        QVERIFY(known.constFirst().constFirst().value<QList<TraderSyncState>>().isEmpty());
        w.save(syncData(walletNo(1)));
        QTRY_COMPARE(saved.size(), 1);
    }
    WorkerOnThread w(db.config());
    QSignalSpy known(&w.relay, &Relay::knownTraders);
    w.open();
    QTRY_COMPARE(known.size(), 1);
    const auto states = known.constFirst().constFirst().value<QList<TraderSyncState>>();
    QCOMPARE(states.size(), qsizetype(1));
    QCOMPARE(states.constFirst().wallet, walletNo(1));
    QCOMPARE(states.constFirst().syncedMs, kT0 + 120'000);
    QCOMPARE(states.constFirst().lastTradeMs, kT0 + 60'000);
    QVERIFY(states.constFirst().newestEventMs >= kT0 + 60'000);
    QVERIFY(states.constFirst().complete);
}

void TestTraderStoreWorker::waitsOutAnotherWriter() {
    test::TestDatabase db(QString::fromLatin1(test::kSqlite));
    QVERIFY2(db.ok(), qPrintable(db.error()));
    auto holder = std::make_unique<Connection>(db.config(), u"holder"_s);
    QVERIFY(!holder->open());
    QVERIFY(!migrate(*holder));
    DatabaseConfig config = db.config();
    config.busyTimeoutMs = 50; // give up on the lock fast, so the worker's own retry shows
    WorkerOnThread w(config, 100);
    QSignalSpy opened(&w.relay, &Relay::opened);
    QSignalSpy saved(&w.relay, &Relay::traderSaved);
    QSignalSpy failed(&w.relay, &Relay::saveFailed);
    w.open();
    QTRY_COMPARE(opened.size(), 1);
    QVERIFY(!holder->beginWrite());
    w.save(syncData(walletNo(2)));
    QTest::qWait(400);
    QCOMPARE(saved.size(), 0);
    QCOMPARE(failed.size(), 0);
    QVERIFY(!holder->commit());
    QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, 10'000);
    QCOMPARE(failed.size(), 0);
}

void TestTraderStoreWorker::revaluesHoldersAtNewMarks() {
    LONGSHOT_TEST_DATABASE(db);
    WorkerOnThread w(db.config());
    QSignalSpy opened(&w.relay, &Relay::opened);
    QSignalSpy saved(&w.relay, &Relay::traderSaved);
    QSignalSpy refreshed(&w.relay, &Relay::figuresRefreshed);
    w.open();
    QTRY_COMPARE(opened.size(), 1);
    w.save(syncData(walletNo(1))); // holds 50 a-yes marked at 0.7
    QTRY_COMPARE(saved.size(), 1);
    // Wallet 2's sync reads a-yes at 0.9 later on: wallet 1's stored figures are revalued.
    TraderSyncData later = syncData(walletNo(2));
    later.markets[0].outcomes[0].lastPrice = dec("0.9");
    later.syncedMs += 60'000;
    w.save(later);
    QVERIFY(refreshed.wait(10'000));
    QCOMPARE(refreshed.constFirst().constFirst().toInt(), 1);
    Connection c(db.config(), u"check"_s);
    QVERIFY(!c.open());
    QSqlQuery q(c.database());
    QVERIFY(q.exec(u"SELECT unrealized_micros, marked_ms FROM trader_metrics ORDER BY wallet"_s));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toLongLong(), 25'000'000); // 50 x (0.9 - 0.4)
    QCOMPARE(q.value(1).toLongLong(), later.syncedMs);
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toLongLong(), 25'000'000);
    QCOMPARE(q.value(1).toLongLong(), later.syncedMs);
}

QTEST_GUILESS_MAIN(TestTraderStoreWorker)
#include "tst_traderstoreworker.moc"
