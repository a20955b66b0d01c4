// TraderStore: exact micros on disk, re-syncs that never double a row, completeness kept,
// ledger -> metrics -> grade -> class recomputed, and the positions/traders CSV exports.
#include "storage/connection.h"
#include "storage/migrations.h"
#include "storage/traderexport.h"
#include "storage/traderstore.h"
#include "tests/storage/storagetest.h"

#include <QBuffer>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace longshot;
using namespace longshot::storage;

namespace {

const QString kWallet = u"0x1111111111111111111111111111111111111111"_s;
const QString kWallet2 = u"0x2222222222222222222222222222222222222222"_s;
constexpr qint64 kT0 = 1'780'000'000'000;

Decimal dec(const char *text) {
    return Decimal::parse(std::string_view(text)).value;
}

Wallet wallet(const QString &w = kWallet) {
    return *Wallet::parse(w);
}

// Market A resolves Yes (payout 1/0); market B is open with its Yes token at 0.8.
MarketList markets() {
    Market a;
    a.marketId = u"0xaaaa"_s;
    a.title = u"=Will A happen, \"really\"?"_s;
    a.category = u"sports"_s;
    a.closed = true;
    a.outcomes = {Outcome{u"a-yes"_s, u"Yes"_s, 0, dec("1"), dec("1")},
                  Outcome{u"a-no"_s, u"No"_s, 1, dec("0"), dec("0")}};
    Market b;
    b.marketId = u"0xbbbb"_s;
    b.title = u"Will B happen?"_s;
    b.outcomes = {Outcome{u"b-yes"_s, u"Yes"_s, 0, dec("0.8"), std::nullopt},
                  Outcome{u"b-no"_s, u"No"_s, 1, dec("0.2"), std::nullopt}};
    return {a, b};
}

ActivityList history() {
    ActivityList h;
    h << ActivityEvent::trade(ActivityKind::Buy, u"0xaaaa"_s, u"a-yes"_s, 0, dec("100"), dec("40"), kT0);
    h << ActivityEvent::trade(ActivityKind::Buy, u"0xbbbb"_s, u"b-yes"_s, 0, dec("50"), dec("30.000001"),
                              kT0 + 1000);
    // Two identical fills in one transaction are two fills.
    h << ActivityEvent::trade(ActivityKind::Buy, u"0xbbbb"_s, u"b-no"_s, 1, dec("10"), dec("2"), kT0 + 2000);
    h << ActivityEvent::trade(ActivityKind::Buy, u"0xbbbb"_s, u"b-no"_s, 1, dec("10"), dec("2"), kT0 + 2000);
    h << ActivityEvent::cash(ActivityKind::Reward, dec("0.5"), kT0 + 3000);
    for (qsizetype i = 0; i < h.size(); ++i) {
        h[i].wallet = wallet();
        h[i].txId = u"0xtx%1"_s.arg(i == 3 ? 2 : i);
    }
    return h;
}

TraderSyncData syncData(bool complete = true) {
    TraderSyncData d;
    d.wallet = wallet();
    d.name = u"whale, the one"_s;
    d.events = history();
    d.replaceHistory = true;
    d.markets = markets();
    d.value = dec("61.5");
    d.complete = complete;
    if (!complete)
        d.incompleteReasons = {u"activity: paging ceiling reached"_s};
    d.syncedMs = kT0 + 10'000;
    Position p;
    p.wallet = wallet();
    p.marketId = u"0xbbbb"_s;
    p.assetId = u"b-yes"_s;
    p.shares = dec("50");
    p.averagePrice = dec("0.6");
    p.mark = dec("0.8");
    d.positions = {p};
    return d;
}

qint64 scalar(Connection &c, const QString &sql) {
    QSqlQuery q(c.database());
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

} // namespace

class TestTraderStore final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void engine_data();
    void saveAndRecompute_data() { engine_data(); }
    void saveAndRecompute();
    void resyncNeverDuplicates_data() { engine_data(); }
    void resyncNeverDuplicates();
    void incompleteKept_data() { engine_data(); }
    void incompleteKept();
    void exports_data() { engine_data(); }
    void exports();
};

void TestTraderStore::engine_data() {
    QTest::addColumn<QString>("engine");
    for (const QString &e : test::engines())
        QTest::newRow(qPrintable(e)) << e;
}

void TestTraderStore::saveAndRecompute() {
    LONGSHOT_TEST_DATABASE(db);
    Connection c(db.config(), u"traders"_s);
    QVERIFY(!c.open());
    QVERIFY(!migrate(c));
    TraderStore store(c);
    TraderSummary s;
    const auto error = store.save(syncData(), &s);
    QVERIFY2(!error, error ? qPrintable(error->message) : "");
    QCOMPARE(s.wallet, wallet());
    QCOMPARE(s.name, u"whale, the one"_s);
    QCOMPARE(s.events, qint64(5));
    QVERIFY(s.complete);
    // A: 100 x 1 - 40 = 60 realized. B: 50 x 0.8 - 30.000001 and 20 x 0.2 - 4 unrealized.
    QCOMPARE(s.metrics.realizedPreFee, dec("60"));
    QCOMPARE(s.metrics.realizedPostFee, dec("60.5")); // the reward counts after fees
    QCOMPARE(s.metrics.unrealized, dec("9.999999"));
    QCOMPARE(s.metrics.volume, dec("74.000001"));
    QCOMPARE(s.resolvedMarkets, 1);
    QCOMPARE(s.metrics.winRate.wins, 1);
    QCOMPARE(s.metrics.winRate.losses, 0);
    QCOMPARE(s.value, std::optional<Decimal>(dec("61.5")));
    QVERIFY(!gradeName(s.grade.grade).isEmpty());
    QVERIFY(s.grade.provisional);
    QCOMPARE(s.strategy.kind, classifyStrategy(s.metrics).kind);

    // Exact micros on disk.
    QCOMPARE(scalar(c, u"SELECT SUM(usdc_micros) FROM activity_events"_s), qint64(74'500'001));
    QCOMPARE(scalar(c, u"SELECT realized_pre_micros FROM trader_metrics"_s), qint64(60'000'000));
    QCOMPARE(scalar(c, u"SELECT unrealized_micros FROM trader_metrics"_s), qint64(9'999'999));
    QCOMPARE(scalar(c, u"SELECT COUNT(*) FROM trader_positions"_s), qint64(3));
    QCOMPARE(scalar(c, u"SELECT COUNT(*) FROM position_snapshots"_s), qint64(1));
    QCOMPARE(scalar(c, u"SELECT payout_micros FROM outcomes WHERE asset_id = 'a-yes'"_s), qint64(1'000'000));

    // The stored history replays to the same figures.
    ActivityList loaded;
    QVERIFY(!store.loadEvents(wallet(), &loaded));
    QCOMPARE(loaded.size(), 5);
    QCOMPARE(loaded.at(1).usdc, dec("30.000001"));
    MarketList loadedMarkets;
    QVERIFY(!store.loadMarkets({u"0xaaaa"_s, u"0xbbbb"_s}, &loadedMarkets));
    QCOMPARE(loadedMarkets.size(), 2);
    QCOMPARE(loadedMarkets.at(0).outcomes.at(0).payout, std::optional<Decimal>(dec("1")));
    const TraderSummary again = TraderStore::summarize(wallet(), loaded, loadedMarkets);
    QCOMPARE(again.metrics.realizedPreFee, s.metrics.realizedPreFee);
    QCOMPARE(again.metrics.unrealized, s.metrics.unrealized);
    QCOMPARE(again.grade.score, s.grade.score);
}

void TestTraderStore::resyncNeverDuplicates() {
    LONGSHOT_TEST_DATABASE(db);
    Connection c(db.config(), u"traders"_s);
    QVERIFY(!c.open());
    QVERIFY(!migrate(c));
    TraderStore store(c);
    QVERIFY(!store.save(syncData()));
    QCOMPARE(scalar(c, u"SELECT COUNT(*) FROM activity_events"_s), qint64(5));
    // Full re-sync: replaced, not doubled.
    QVERIFY(!store.save(syncData()));
    QCOMPARE(scalar(c, u"SELECT COUNT(*) FROM activity_events"_s), qint64(5));
    // Incremental re-sync overlapping the stored rows, plus one new fill.
    TraderSyncData inc = syncData();
    inc.replaceHistory = false;
    inc.events = inc.events.mid(2);
    ActivityEvent fresh =
        ActivityEvent::trade(ActivityKind::Sell, u"0xbbbb"_s, u"b-yes"_s, 0, dec("10"), dec("9"), kT0 + 5000);
    fresh.wallet = wallet();
    fresh.txId = u"0xnew"_s;
    inc.events.append(fresh);
    TraderSummary s;
    QVERIFY(!store.save(inc, &s));
    QCOMPARE(scalar(c, u"SELECT COUNT(*) FROM activity_events"_s), qint64(6));
    QCOMPARE(s.events, qint64(6));
    // Sold 10 of 50 for 9: the basis removed is round(30.000001 x 10 / 50) = 6, so 3 more.
    QCOMPARE(s.metrics.realizedPreFee, dec("63"));
    QCOMPARE(scalar(c, u"SELECT COUNT(*) FROM traders"_s), qint64(1));
    QCOMPARE(scalar(c, u"SELECT COUNT(*) FROM trader_metrics"_s), qint64(1));
}

void TestTraderStore::incompleteKept() {
    LONGSHOT_TEST_DATABASE(db);
    Connection c(db.config(), u"traders"_s);
    QVERIFY(!c.open());
    QVERIFY(!migrate(c));
    TraderStore store(c);
    TraderSummary s;
    QVERIFY(!store.save(syncData(false), &s));
    QVERIFY(!s.complete);
    QCOMPARE(s.incompleteReason, u"activity: paging ceiling reached"_s);
    QCOMPARE(scalar(c, u"SELECT complete FROM trader_metrics"_s), qint64(0));
    // A later recompute keeps the flag: it comes from the sync, not the figures.
    TraderSummary r;
    QVERIFY(!store.recompute(wallet(), &r));
    QVERIFY(!r.complete);
    QCOMPARE(r.incompleteReason, s.incompleteReason);
    qint64 synced = 0;
    QVERIFY(!store.lastSynced(wallet(), &synced));
    QCOMPARE(synced, kT0 + 10'000);
    int count = 0;
    QVERIFY(!store.recomputeAll(&count));
    QCOMPARE(count, 1);
}

void TestTraderStore::exports() {
    LONGSHOT_TEST_DATABASE(db);
    Connection c(db.config(), u"traders"_s);
    QVERIFY(!c.open());
    QVERIFY(!migrate(c));
    TraderStore store(c);
    QVERIFY(!store.save(syncData()));
    TraderSyncData other = syncData(false);
    other.wallet = wallet(kWallet2);
    other.name.clear();
    other.events = other.events.mid(4); // only the reward
    for (ActivityEvent &e : other.events)
        e.wallet = other.wallet;
    QVERIFY(!store.save(other));

    QBuffer positions;
    QVERIFY(positions.open(QIODevice::WriteOnly));
    const ExportResult p = writePositionsCsv(c.database(), kWallet, positions);
    QVERIFY2(p.ok, qPrintable(p.error));
    QCOMPARE(p.rows, qint64(3));
    const QString pText = QString::fromUtf8(positions.data());
    QCOMPARE(
        pText,
        u"wallet,market_id,market_title,outcome,asset,shares,avg_price,mark,realized_pnl,unrealized_pnl,"
        u"status\r\n"
        "0x1111111111111111111111111111111111111111,0xaaaa,\"'=Will A happen, "
        "\"\"really\"\"?\",Yes,a-yes,0,,1,60,0,"
        "resolved\r\n"
        "0x1111111111111111111111111111111111111111,0xbbbb,Will B "
        "happen?,Yes,b-yes,50,0.6,0.8,0,9.999999,open\r\n"
        "0x1111111111111111111111111111111111111111,0xbbbb,Will B happen?,No,b-no,20,0.2,0.2,0,0,open\r\n"_s);

    QBuffer traders;
    QVERIFY(traders.open(QIODevice::WriteOnly));
    const ExportResult t = writeTradersCsv(c.database(), traders);
    QVERIFY2(t.ok, qPrintable(t.error));
    QCOMPARE(t.rows, qint64(2));
    const QStringList lines = QString::fromUtf8(traders.data()).split(u"\r\n"_s);
    QCOMPARE(lines.at(0),
             u"wallet,name,realized_pnl,unrealized_pnl,total_pnl,volume_usd,resolved_markets,wins,"
             "losses,win_rate,grade,strategy,complete"_s);
    QVERIFY2(
        lines.at(1).startsWith(u"0x1111111111111111111111111111111111111111,\"whale, the one\",60,9.999999,"
                               "69.999999,74.000001,1,1,0,1.0000,"_s),
        qPrintable(lines.at(1)));
    QVERIFY(lines.at(1).endsWith(u",true"_s));
    // Nothing decided: an empty win rate, and the incomplete flag.
    QVERIFY2(lines.at(2).startsWith(u"0x2222222222222222222222222222222222222222,,0,0,0,0,0,0,0,,"_s),
             qPrintable(lines.at(2)));
    QVERIFY(lines.at(2).endsWith(u",false"_s));
    QCOMPARE(lines.at(3), QString());
}

QTEST_GUILESS_MAIN(TestTraderStore)
#include "tst_traderstore.moc"
