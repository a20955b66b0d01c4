// The trader panels' read side on a seeded database: leaderboard figures per window and
// category to the micro-dollar, Polymarket's board beside ours with the difference, the
// minimum-resolved filter, one trader's profile, and the reader worker's request ids.
#include "models/domain/wallettimeline.h"
#include "storage/connection.h"
#include "storage/leaderboardquery.h"
#include "storage/migrations.h"
#include "storage/profilequery.h"
#include "storage/traderreader.h"
#include "storage/traderstore.h"
#include "storage/wallethistory.h"
#include "tests/storage/storagetest.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace longshot;
using namespace longshot::storage;

namespace {

const QString kWalletA = u"0x1111111111111111111111111111111111111111"_s;
const QString kWalletB = u"0x2222222222222222222222222222222222222222"_s;
const QString kUnsynced = u"0x3333333333333333333333333333333333333333"_s;
constexpr qint64 kDayMs = 86'400'000;
constexpr qint64 kNow = 1'790'000'000'000;

Decimal dec(const char *text) {
    return Decimal::parse(std::string_view(text)).value;
}

Wallet wallet(const QString &w) {
    return *Wallet::parse(w);
}

Market market(const char *id, const char *category, const char *yesPrice, std::optional<Decimal> yesPayout) {
    Market m;
    m.marketId = QString::fromLatin1(id);
    m.title = u"Market "_s + m.marketId;
    m.category = QString::fromLatin1(category);
    const std::optional<Decimal> noPayout =
        yesPayout ? std::optional<Decimal>(dec("1").checkedSub(*yesPayout).value()) : std::nullopt;
    m.closed = yesPayout.has_value();
    m.outcomes = {Outcome{m.marketId + u"-yes"_s, u"Yes"_s, 0, dec(yesPrice), yesPayout},
                  Outcome{m.marketId + u"-no"_s, u"No"_s, 1, dec("1").checkedSub(dec(yesPrice)), noPayout}};
    return m;
}

ActivityEvent fill(ActivityKind kind, const char *market, const char *shares, const char *usdc, qint64 ms,
                   const char *fee = "0") {
    const QString id = QString::fromLatin1(market);
    ActivityEvent e = ActivityEvent::trade(kind, id, id + u"-yes"_s, 0, dec(shares), dec(usdc), ms, dec(fee));
    e.txId = u"0xtx"_s + QString::number(ms);
    return e;
}

// A: sports market "0xa" bought 20 days ago, resolved Yes (+60); politics market "0xb" bought
// two days ago, 20 of 50 sold twelve hours ago for 16 after a 0.2 fee (+4.2 pre-fee, +4.0
// post-fee), 30 left at cost 18 marked at 0.8 (+6 unrealized).
// B: sports market "0xc" bought three days ago, resolved No (-50); history incomplete.
TraderSyncData syncA() {
    TraderSyncData d;
    d.wallet = wallet(kWalletA);
    d.name = u"<b>Alpha</b>"_s;
    d.events = {fill(ActivityKind::Buy, "0xa", "100", "40", kNow - 20 * kDayMs),
                fill(ActivityKind::Buy, "0xb", "50", "30", kNow - 2 * kDayMs),
                fill(ActivityKind::Sell, "0xb", "20", "16", kNow - kDayMs / 2, "0.2")};
    for (ActivityEvent &e : d.events)
        e.wallet = d.wallet;
    d.replaceHistory = true;
    d.markets = {market("0xa", "sports", "1", dec("1")), market("0xb", "politics", "0.8", std::nullopt)};
    d.value = dec("24");
    d.complete = true;
    d.syncedMs = kNow - 1000;
    return d;
}

TraderSyncData syncB() {
    TraderSyncData d;
    d.wallet = wallet(kWalletB);
    d.name = u"Bravo"_s;
    d.events = {fill(ActivityKind::Buy, "0xc", "200", "50", kNow - 3 * kDayMs)};
    d.events[0].wallet = d.wallet;
    d.replaceHistory = true;
    d.markets = {market("0xc", "sports", "0", dec("0"))};
    d.complete = false;
    d.incompleteReasons = {u"activity: paging ceiling reached"_s};
    d.syncedMs = kNow - 500;
    return d;
}

bool seed(Connection &c) {
    if (c.open() || migrate(c))
        return false;
    TraderStore store(c);
    if (store.save(syncA()) || store.save(syncB()))
        return false;
    QSqlQuery q(c.database());
    q.prepare(
        u"INSERT INTO leaderboard_official (period, wallet, rank, user_name, pnl_micros, volume_micros, "
        "fetched_ms) VALUES (?, ?, ?, ?, ?, ?, ?)"_s);
    const auto add = [&q](const char *period, const QString &w, int rank, qint64 pnl) {
        q.addBindValue(QString::fromLatin1(period));
        q.addBindValue(w);
        q.addBindValue(rank);
        q.addBindValue(u"pm-name"_s);
        q.addBindValue(pnl);
        q.addBindValue(qint64(1000));
        q.addBindValue(kNow - 60'000);
        return q.exec();
    };
    return add("all", kWalletA, 1, 64'200'000) && add("all", kWalletB, 7, -45'000'000) &&
           add("day", kWalletA, 3, 10'500'000);
}

const LeaderboardRow *rowFor(const LeaderboardResult &r, const QString &w) {
    for (const LeaderboardRow &row : r.rows)
        if (row.wallet.address() == w)
            return &row;
    return nullptr;
}

} // namespace

class TestTraderReader final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void engine_data();
    void windows_data();
    void windows();
    void polymarketBeside_data() { engine_data(); }
    void polymarketBeside();
    void minimumAndCategories_data() { engine_data(); }
    void minimumAndCategories();
    void timelineMatchesMetrics_data() { engine_data(); }
    void timelineMatchesMetrics();
    void profile_data() { engine_data(); }
    void profile();
    void unsyncedProfile_data() { engine_data(); }
    void unsyncedProfile();
    void boardAndProfileAgreeAfterMarkChange_data() { engine_data(); }
    void boardAndProfileAgreeAfterMarkChange();
    void workerRequestIds();
    void workerRetriesAMissingFile();
};

void TestTraderReader::engine_data() {
    QTest::addColumn<QString>("engine");
    for (const QString &e : test::engines())
        QTest::newRow(qPrintable(e)) << e;
}

void TestTraderReader::windows_data() {
    QTest::addColumn<QString>("engine");
    QTest::addColumn<int>("period");
    QTest::addColumn<QString>("category");
    QTest::addColumn<QString>("wallet");
    QTest::addColumn<QString>("pnlPre");
    QTest::addColumn<QString>("pnlPost");
    QTest::addColumn<QString>("realized");
    QTest::addColumn<QString>("volume");
    QTest::addColumn<int>("wins");
    QTest::addColumn<int>("losses");
    for (const QString &e : test::engines()) {
        const auto row = [&e](const char *name) -> QTestData & {
            return QTest::newRow(qPrintable(e + u' ' + QLatin1String(name)));
        };
        const int day = int(BoardPeriod::Day), week = int(BoardPeriod::Week), month = int(BoardPeriod::Month),
                  all = int(BoardPeriod::All);
        row("A all") << e << all << QString() << kWalletA << "70.2"
                     << "70"
                     << "64.2"
                     << "86" << 1 << 0;
        row("A 1d") << e << day << QString() << kWalletA << "4.2"
                    << "4"
                    << "4.2"
                    << "16" << 0 << 0;
        row("A 7d") << e << week << QString() << kWalletA << "4.2"
                    << "4"
                    << "4.2"
                    << "46" << 0 << 0;
        row("A 30d") << e << month << QString() << kWalletA << "64.2"
                     << "64"
                     << "64.2"
                     << "86" << 1 << 0;
        row("A all sports") << e << all << u"sports"_s << kWalletA << "60"
                            << "60"
                            << "60"
                            << "40" << 1 << 0;
        row("A all politics") << e << all << u"politics"_s << kWalletA << "10.2"
                              << "10"
                              << "4.2"
                              << "46" << 0 << 0;
        row("A 30d politics") << e << month << u"politics"_s << kWalletA << "4.2"
                              << "4"
                              << "4.2"
                              << "46" << 0 << 0;
        row("B all") << e << all << QString() << kWalletB << "-50"
                     << "-50"
                     << "-50"
                     << "50" << 0 << 1;
        row("B 1d") << e << day << QString() << kWalletB << "0"
                    << "0"
                    << "0"
                    << "0" << 0 << 0;
        row("B 7d") << e << week << QString() << kWalletB << "-50"
                    << "-50"
                    << "-50"
                    << "50" << 0 << 1;
    }
}

void TestTraderReader::windows() {
    LONGSHOT_TEST_DATABASE(db);
    QFETCH(int, period);
    QFETCH(QString, category);
    QFETCH(QString, wallet);
    QFETCH(QString, pnlPre);
    QFETCH(QString, pnlPost);
    QFETCH(QString, realized);
    QFETCH(QString, volume);
    QFETCH(int, wins);
    QFETCH(int, losses);
    Connection c(db.config(), u"reader-test"_s);
    QVERIFY(seed(c));
    TimelineCache cache;
    LeaderboardResult result;
    const LeaderboardQuery query{BoardPeriod(period), category, 0, kNow};
    QVERIFY(!queryLeaderboard(c, query, cache, &result));
    const LeaderboardRow *row = rowFor(result, wallet);
    QVERIFY(row);
    QCOMPARE(row->pnlPreFee.toString(), pnlPre);
    QCOMPARE(row->pnlPostFee.toString(), pnlPost);
    QCOMPARE(row->realizedPreFee.toString(), realized);
    QCOMPARE(row->volume.toString(), volume);
    QCOMPARE(row->wins, wins);
    QCOMPARE(row->losses, losses);
    if (row->volume.isZero())
        QVERIFY(!row->roi.has_value());
    else
        QCOMPARE(*row->roi, double(row->pnlPostFee.micros()) / double(row->volume.micros()));
    QCOMPARE(result.windowEndMs, kNow);
    QCOMPARE(result.windowStartMs,
             period == int(BoardPeriod::All) ? 0 : kNow - boardPeriodMs(BoardPeriod(period)));
    // Exchange text stays text; B's history is flagged, never shown as complete.
    QCOMPARE(rowFor(result, kWalletA)->name, u"<b>Alpha</b>"_s);
    QVERIFY(rowFor(result, kWalletA)->complete);
    if (const LeaderboardRow *b = rowFor(result, kWalletB)) {
        QVERIFY(!b->complete);
        QCOMPARE(b->incompleteReason, u"activity: paging ceiling reached"_s);
    }
}

void TestTraderReader::polymarketBeside() {
    LONGSHOT_TEST_DATABASE(db);
    Connection c(db.config(), u"reader-test"_s);
    QVERIFY(seed(c));
    TimelineCache cache;
    LeaderboardResult all;
    QVERIFY(!queryLeaderboard(c, {BoardPeriod::All, {}, 0, kNow}, cache, &all));
    QCOMPARE(all.officialFetchedMs, kNow - 60'000);
    const LeaderboardRow *a = rowFor(all, kWalletA);
    QCOMPARE(a->officialPnl, std::optional<Decimal>(dec("64.2")));
    QCOMPARE(a->officialRank, std::optional<int>(1));
    QCOMPARE(a->difference, std::optional<Decimal>(dec("0")));
    const LeaderboardRow *b = rowFor(all, kWalletB);
    QCOMPARE(b->difference, std::optional<Decimal>(dec("5")));

    LeaderboardResult day;
    QVERIFY(!queryLeaderboard(c, {BoardPeriod::Day, {}, 0, kNow}, cache, &day));
    QCOMPARE(rowFor(day, kWalletA)->difference, std::optional<Decimal>(dec("6.3")));
    // Not on the stored day board: no figure, not a zero.
    QVERIFY(!rowFor(day, kWalletB)->officialPnl.has_value());
    QVERIFY(!rowFor(day, kWalletB)->difference.has_value());

    // Polymarket's board is overall: never beside a category's figures.
    LeaderboardResult sports;
    QVERIFY(!queryLeaderboard(c, {BoardPeriod::All, u"sports"_s, 0, kNow}, cache, &sports));
    QVERIFY(!rowFor(sports, kWalletA)->officialPnl.has_value());
}

void TestTraderReader::minimumAndCategories() {
    LONGSHOT_TEST_DATABASE(db);
    Connection c(db.config(), u"reader-test"_s);
    QVERIFY(seed(c));
    TimelineCache cache;
    LeaderboardResult r;
    QVERIFY(!queryLeaderboard(c, {BoardPeriod::All, {}, 1, kNow}, cache, &r));
    QCOMPARE(r.rows.size(), 2);
    QCOMPARE(r.rows.at(0).wallet.address(), kWalletA); // ordered by wallet
    QCOMPARE(r.categories, (QStringList{u"politics"_s, u"sports"_s}));
    QVERIFY(!queryLeaderboard(c, {BoardPeriod::All, {}, 2, kNow}, cache, &r));
    QCOMPARE(r.rows.size(), 0);
    QCOMPARE(r.hiddenByMinimum, 2);
    // In a category the minimum counts that category's resolved markets.
    QVERIFY(!queryLeaderboard(c, {BoardPeriod::Week, u"sports"_s, 1, kNow}, cache, &r));
    QCOMPARE(r.rows.size(), 2);
    QVERIFY(!queryLeaderboard(c, {BoardPeriod::Week, u"politics"_s, 1, kNow}, cache, &r));
    QCOMPARE(r.rows.size(), 0);
    QCOMPARE(cache.size(), 2);
}

void TestTraderReader::timelineMatchesMetrics() {
    // The unbounded board comes from trader_metrics, the windows from the timeline: a window
    // wide enough to hold everything must give the very same figures.
    LONGSHOT_TEST_DATABASE(db);
    Connection c(db.config(), u"reader-test"_s);
    QVERIFY(seed(c));
    TimelineCache cache;
    LeaderboardResult all;
    QVERIFY(!queryLeaderboard(c, {BoardPeriod::All, {}, 0, kNow}, cache, &all));
    for (const LeaderboardRow &row : std::as_const(all.rows)) {
        ActivityList events;
        MarketList markets;
        QVERIFY(!loadWalletHistory(c, row.wallet, &events, &markets));
        const WalletTimeline t = buildWalletTimeline(events, markets, storedMarks(markets));
        const WindowFigures w = windowFigures(t, 0, kNow + 1);
        QCOMPARE(w.totalPreFee, row.pnlPreFee);
        QCOMPARE(w.totalPostFee, row.pnlPostFee);
        QCOMPARE(w.realizedPreFee, row.realizedPreFee);
        QCOMPARE(w.unrealized, row.unrealized);
        QCOMPARE(w.volume, row.volume);
        QCOMPARE(w.wins, row.wins);
        QCOMPARE(w.losses, row.losses);
        QCOMPARE(w.resolvedLifetime, row.resolvedLifetime);
    }
}

void TestTraderReader::profile() {
    LONGSHOT_TEST_DATABASE(db);
    Connection c(db.config(), u"reader-test"_s);
    QVERIFY(seed(c));
    TraderProfile p;
    QVERIFY(!queryTraderProfile(c, wallet(kWalletA), &p));
    QVERIFY(p.synced);
    QVERIFY(p.complete);
    QCOMPARE(p.name, u"<b>Alpha</b>"_s);
    QCOMPARE(p.metrics.totalPreFee, dec("70.2"));
    QCOMPARE(p.metrics.totalPostFee, dec("70"));
    QCOMPARE(p.metrics.volume, dec("86"));
    QCOMPARE(p.resolvedMarkets, 1);
    QCOMPARE(p.positionsValue, dec("24"));
    QCOMPARE(p.openCostBasis, dec("18"));
    QCOMPARE(p.reportedValue, std::optional<Decimal>(dec("24")));
    QCOMPARE(p.officialAllPnl, std::optional<Decimal>(dec("64.2")));
    QCOMPARE(p.firstActivityMs, kNow - 20 * kDayMs);
    QCOMPARE(p.lastActivityMs, kNow - kDayMs / 2);
    QCOMPARE(p.syncedMs, kNow - 1000);

    QCOMPARE(p.openPositions.size(), 1);
    const ProfilePosition &open = p.openPositions.first();
    QCOMPARE(open.marketTitle, u"Market 0xb"_s);
    QCOMPARE(open.outcome, u"Yes"_s);
    QCOMPARE(open.category, u"politics"_s);
    QCOMPARE(open.shares, dec("30"));
    QCOMPARE(open.averagePrice, std::optional<Decimal>(dec("0.6")));
    QCOMPARE(open.mark, std::optional<Decimal>(dec("0.8")));
    QCOMPARE(open.value, std::optional<Decimal>(dec("24")));
    QCOMPARE(open.unrealized, std::optional<Decimal>(dec("6")));
    QCOMPARE(open.realizedPnl, dec("4.2"));

    QCOMPARE(p.closedPositions.size(), 1);
    const ProfilePosition &closed = p.closedPositions.first();
    QCOMPARE(closed.status, PositionStatus::ResolvedUnredeemed);
    QCOMPARE(closed.shares, dec("100"));
    QCOMPARE(closed.mark, std::optional<Decimal>(dec("1")));
    QCOMPARE(closed.averagePrice, std::optional<Decimal>(dec("0.4")));
    QCOMPARE(closed.realizedPnl, dec("60"));

    QCOMPARE(p.activityTotal, qint64(3));
    QCOMPARE(p.activity.size(), 3);
    QCOMPARE(p.activity.first().kind, ActivityKind::Sell); // newest first
    QCOMPARE(p.activity.first().usdc, dec("16"));
    QCOMPARE(p.activity.first().fee, dec("0.2"));
    QCOMPARE(p.activity.first().outcome, u"Yes"_s);
    QCOMPARE(p.activity.last().marketTitle, u"Market 0xa"_s);

    QCOMPARE(p.metrics.categories.size(), 2);
    QVERIFY(!p.metrics.equity.isEmpty());
    QCOMPARE(p.metrics.equity.last().equity, dec("70"));

    TraderProfile b;
    QVERIFY(!queryTraderProfile(c, wallet(kWalletB), &b));
    QVERIFY(!b.complete);
    QCOMPARE(b.incompleteReason, u"activity: paging ceiling reached"_s);
    QCOMPARE(b.metrics.winRate.losses, 1);
}

// The same wallet's P&L on the board's "all" row and in the profile header, with their mark.
void compareBoardAndProfile(Connection &c, const QString &w, Decimal unrealized, qint64 markedMs) {
    LeaderboardResult board;
    TimelineCache cache;
    QVERIFY(!queryLeaderboard(c, LeaderboardQuery{BoardPeriod::All, {}, 0, kNow}, cache, &board));
    const LeaderboardRow *row = rowFor(board, w);
    QVERIFY(row);
    TraderProfile p;
    QVERIFY(!queryTraderProfile(c, wallet(w), &p));
    QCOMPARE(row->unrealized, unrealized);
    QCOMPARE(p.metrics.unrealized, row->unrealized);
    QCOMPARE(p.metrics.realizedPreFee, row->realizedPreFee);
    QCOMPARE(p.metrics.totalPreFee, row->pnlPreFee);
    QCOMPARE(p.metrics.totalPostFee, row->pnlPostFee);
    QCOMPARE(row->markedMs, markedMs);
    QCOMPARE(p.markedMs, row->markedMs);
    QCOMPARE(row->markKind, u"midpoint"_s);
    QCOMPARE(markKindName(p.metrics.markKind), row->markKind);
    // The profile's open positions add up to its header.
    Decimal sum;
    for (const ProfilePosition &open : std::as_const(p.openPositions))
        sum = *sum.checkedAdd(open.unrealized.value_or(Decimal()));
    QCOMPARE(sum, p.metrics.unrealized);
}

void TestTraderReader::boardAndProfileAgreeAfterMarkChange() {
    LONGSHOT_TEST_DATABASE(db);
    Connection c(db.config(), u"reader-test"_s);
    QVERIFY(seed(c));
    // A holds 30 of 0xb-yes at a cost of 18, marked at 0.8 by its own sync.
    compareBoardAndProfile(c, kWalletA, dec("6"), kNow - 1000);
    if (QTest::currentTestFailed())
        return;

    // Another trader's sync a minute later reads 0xb at 0.5: the stored mark moves.
    const QString kWalletC = u"0x4444444444444444444444444444444444444444"_s;
    TraderSyncData other;
    other.wallet = wallet(kWalletC);
    other.events = {fill(ActivityKind::Buy, "0xb", "10", "5", kNow + 30'000)};
    other.events[0].wallet = other.wallet;
    other.replaceHistory = true;
    other.markets = {market("0xb", "politics", "0.5", std::nullopt)};
    other.complete = true;
    other.syncedMs = kNow + 60'000;
    TraderStore store(c);
    QVERIFY(!store.save(other));
    // Until A is revalued, both docks still show A at the mark its figures were stored with.
    compareBoardAndProfile(c, kWalletA, dec("6"), kNow - 1000);
    if (QTest::currentTestFailed())
        return;

    QList<Wallet> stale;
    QVERIFY(!store.staleWallets(100, &stale));
    QCOMPARE(stale, QList<Wallet>{wallet(kWalletA)}); // C was valued at 0.5 when it was stored
    int refreshed = 0;
    QVERIFY(!store.refreshStale(100, &refreshed));
    QCOMPARE(refreshed, 1);
    // Then both at the new mark, with its time: 30 x 0.5 - 18.
    compareBoardAndProfile(c, kWalletA, dec("-3"), kNow + 60'000);
    if (QTest::currentTestFailed())
        return;
    TraderProfile p;
    QVERIFY(!queryTraderProfile(c, wallet(kWalletA), &p));
    QCOMPARE(p.metrics.totalPreFee, dec("61.2"));
    QCOMPARE(p.openPositions.constFirst().mark, std::optional<Decimal>(dec("0.5")));
    QVERIFY(!store.staleWallets(100, &stale));
    QVERIFY(stale.isEmpty());
    // Nothing open, nothing marked; B's market has resolved.
    compareBoardAndProfile(c, kWalletB, dec("0"), 0);
}

void TestTraderReader::unsyncedProfile() {
    LONGSHOT_TEST_DATABASE(db);
    Connection c(db.config(), u"reader-test"_s);
    QVERIFY(seed(c));
    TraderProfile p;
    QVERIFY(!queryTraderProfile(c, wallet(kUnsynced), &p));
    QVERIFY(!p.synced);
    QCOMPARE(p.wallet.address(), kUnsynced);
    QVERIFY(p.openPositions.isEmpty());
}

void TestTraderReader::workerRequestIds() {
    test::TestDatabase db(QString::fromLatin1(test::kSqlite));
    {
        Connection c(db.config(), u"seed"_s);
        QVERIFY(seed(c));
    }
    TraderReader reader;
    QSignalSpy opened(&reader, &TraderReader::opened);
    QSignalSpy boards(&reader, &TraderReader::leaderboardReady);
    QSignalSpy profiles(&reader, &TraderReader::profileReady);
    reader.open(db.config());
    QCOMPARE(opened.count(), 1);
    QVERIFY(opened.first().at(0).toBool());
    // A burst while busy runs only the last request of each kind.
    reader.requestLeaderboard(1, {BoardPeriod::All, {}, 0, kNow});
    reader.requestLeaderboard(2, {BoardPeriod::Week, {}, 0, kNow});
    reader.requestProfile(3, wallet(kWalletA));
    QVERIFY(profiles.wait(5000));
    if (boards.isEmpty())
        QVERIFY(boards.wait(5000));
    QCOMPARE(boards.count(), 1);
    QCOMPARE(boards.first().at(0).toULongLong(), quint64(2));
    const auto board = boards.first().at(1).value<LeaderboardResult>();
    QCOMPARE(board.query.period, BoardPeriod::Week);
    QCOMPARE(board.rows.size(), 2);
    QCOMPARE(profiles.first().at(0).toULongLong(), quint64(3));
    QCOMPARE(profiles.first().at(1).value<TraderProfile>().wallet.address(), kWalletA);
}

void TestTraderReader::workerRetriesAMissingFile() {
    test::TestDatabase db(QString::fromLatin1(test::kSqlite));
    TraderReader reader;
    QSignalSpy opened(&reader, &TraderReader::opened);
    QSignalSpy boards(&reader, &TraderReader::leaderboardReady);
    QSignalSpy failed(&reader, &TraderReader::requestFailed);
    reader.open(db.config()); // nothing written yet: a read-only open fails
    QCOMPARE(opened.count(), 1);
    QVERIFY(!opened.first().at(0).toBool());
    {
        Connection c(db.config(), u"seed"_s);
        QVERIFY(seed(c));
    }
    reader.requestLeaderboard(7, {BoardPeriod::All, {}, 0, kNow});
    QVERIFY(boards.wait(5000));
    QCOMPARE(failed.count(), 0);
    QCOMPARE(boards.first().at(1).value<LeaderboardResult>().rows.size(), 2);
}

QTEST_GUILESS_MAIN(TestTraderReader)
#include "tst_traderreader.moc"
