// TraderStore: exact micros on disk, re-syncs that never double a row, completeness kept,
// ledger -> metrics -> grade -> class recomputed, and the positions/traders CSV exports.
#include "storage/connection.h"
#include "storage/migrations.h"
#include "storage/traderexport.h"
#include "storage/traderstore.h"
#include "tests/storage/storagetest.h"

#include <QBuffer>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

#include <random>

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

// Many wallets over shared markets, every kind of event, fees, legs, a wallet with no events:
// what a re-grade has to reproduce row for row whichever path it takes.
QList<TraderSyncData> crowd(int wallets) {
    std::mt19937 rng(5);
    const auto pick = [&rng](int n) { return int(rng() % unsigned(n)); };
    const auto micros = [&rng](qint64 lo, qint64 hi) {
        return Decimal::fromMicros(lo + qint64(rng() % quint64(hi - lo)));
    };
    MarketList markets;
    for (int m = 0; m < 6; ++m) {
        Market k;
        k.marketId = u"0xc%1"_s.arg(m);
        k.title = u"Market %1"_s.arg(m);
        k.category = m % 2 ? u"sports"_s : u"politics"_s;
        const bool resolved = m < 2;
        k.closed = resolved;
        k.outcomes = {Outcome{u"c%1-yes"_s.arg(m), u"Yes"_s, 0, micros(10'000, 990'000),
                              resolved ? std::optional<Decimal>(dec(m == 0 ? "1" : "0.5")) : std::nullopt},
                      Outcome{u"c%1-no"_s.arg(m), u"No"_s, 1,
                              m == 5 ? std::nullopt : std::optional(micros(10'000, 990'000)),
                              resolved ? std::optional<Decimal>(dec(m == 0 ? "0" : "0.5")) : std::nullopt}};
        markets.append(k);
    }
    QList<TraderSyncData> out;
    for (int w = 0; w < wallets; ++w) {
        TraderSyncData d;
        d.wallet = *Wallet::parse(u"0x%1"_s.arg(quint64(w) * 7919 + 3, 40, 16, QChar(u'0')));
        d.name = w % 3 ? u"trader %1"_s.arg(w) : QString();
        d.replaceHistory = true;
        d.markets = markets;
        d.complete = w % 4 != 0;
        d.syncedMs = kT0 + w;
        const int n = w == 1 ? 0 : 3 + pick(40);
        qint64 ts = kT0 - 86'400'000LL * 30;
        for (int e = 0; e < n; ++e) {
            ts += 1 + pick(3) * 3'600'000; // repeated timestamps: the id breaks ties
            const Market &m = markets.at(pick(int(markets.size())));
            const int o = pick(2);
            const Outcome &out0 = m.outcomes.at(o);
            const QList<ActivityLeg> legs = {
                ActivityLeg{m.marketId, m.outcomes.at(0).assetId, 0, std::nullopt},
                ActivityLeg{m.marketId, m.outcomes.at(1).assetId, 1, std::nullopt}};
            ActivityEvent ev;
            switch (pick(10)) {
            case 0:
                ev = ActivityEvent::splitOrMerge(ActivityKind::Split, m.marketId, legs,
                                                 micros(1'000'000, 50'000'000), ts);
                break;
            case 1:
                ev = ActivityEvent::splitOrMerge(ActivityKind::Merge, m.marketId, legs,
                                                 micros(1'000'000, 9'000'000), ts);
                break;
            case 2:
                ev = ActivityEvent::cash(ActivityKind::Reward, micros(1, 2'000'000), ts);
                break;
            case 3:
                ev = ActivityEvent::convert(
                    {legs.at(1)},
                    {ActivityLeg{markets.at(4).marketId, markets.at(4).outcomes.at(0).assetId, 0,
                                 std::nullopt}},
                    micros(1'000'000, 5'000'000), ts);
                break;
            case 4:
            case 5:
                ev = ActivityEvent::trade(ActivityKind::Sell, m.marketId, out0.assetId, o,
                                          micros(1'000'000, 20'000'000), micros(100'000, 15'000'000), ts,
                                          micros(0, 50'000));
                break;
            default:
                ev = ActivityEvent::trade(ActivityKind::Buy, m.marketId, out0.assetId, o,
                                          micros(1'000'000, 80'000'000), micros(100'000, 60'000'000), ts,
                                          micros(0, 50'000));
                break;
            }
            ev.wallet = d.wallet;
            ev.txId = u"0xt%1x%2"_s.arg(w).arg(e);
            d.events.append(ev);
        }
        out.append(d);
    }
    return out;
}

// Every column of every row, as text, in key order.
QStringList tableRows(Connection &c, const QString &sql) {
    QStringList rows;
    QSqlQuery q(c.database());
    if (!q.exec(sql))
        return {u"query failed: "_s + sql};
    while (q.next()) {
        QStringList cells;
        for (int i = 0; i < q.record().count(); ++i)
            cells.append(q.value(i).isNull() ? u"NULL"_s : q.value(i).toString());
        rows.append(cells.join(u'|'));
    }
    return rows;
}

QStringList storedFigures(Connection &c) {
    return tableRows(c, u"SELECT * FROM trader_metrics ORDER BY wallet"_s) +
           tableRows(c, u"SELECT * FROM trader_positions ORDER BY wallet, asset_id"_s);
}

qint64 scalar(Connection &c, const QString &sql) {
    QSqlQuery q(c.database());
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

// The market sync's "read within the hour" clock, and markets around it: stored with a liquidity
// reading (the clock) in the hour, at its very edge, before it, or never.
constexpr qint64 kReadNow = kT0 + 7'200'000;
constexpr qint64 kReadSince = kReadNow - 3'600'000;

Market readMarket(Venue venue, const QString &id, bool withLiquidity = true) {
    Market m;
    m.venue = venue;
    m.marketId = id;
    m.title = id;
    if (withLiquidity)
        m.liquidityUsd = dec("1000");
    return m;
}

// More ids than one read chunk (500), asked in descending order so the engine's own order would
// show through; the fresh ones sit in the first, middle and last chunk and on chunk edges.
constexpr int kBulk = 1200;
QString bulkId(int position) {
    return u"bulk-%1"_s.arg(kBulk - 1 - position, 4, 10, QChar(u'0'));
}
const QList<int> kBulkFresh = {0, 499, 500, 777, 999, 1000, 1199};
const QList<int> kBulkStale = {1, 501, 1198};

std::optional<StorageError> storeReadMarkets(TraderStore &store) {
    MarketList fresh{readMarket(Venue::Polymarket, u"pm-fresh"_s),
                     readMarket(Venue::Polymarket, u"pm-noliq"_s, false),
                     readMarket(Venue::Polymarket, u"shared-1"_s), readMarket(Venue::Kalshi, u"shared-2"_s)};
    MarketList stale{readMarket(Venue::Polymarket, u"pm-stale"_s), readMarket(Venue::Kalshi, u"shared-1"_s),
                     readMarket(Venue::Polymarket, u"shared-2"_s)};
    for (const int i : kBulkFresh)
        fresh.append(readMarket(Venue::Polymarket, bulkId(i)));
    for (const int i : kBulkStale)
        stale.append(readMarket(Venue::Polymarket, bulkId(i)));
    if (auto e = store.saveMarkets(fresh, kReadNow))
        return e;
    if (auto e = store.saveMarkets({readMarket(Venue::Polymarket, u"pm-edge"_s)}, kReadSince))
        return e;
    return store.saveMarkets(stale, kReadSince - 1);
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
    void regradePathsAgree_data() { engine_data(); }
    void regradePathsAgree();
    void liquidityKeepsNewest_data();
    void liquidityKeepsNewest();
    void marketsReadSince_data();
    void marketsReadSince();
    void marketsReadSinceReportsErrors_data() { engine_data(); }
    void marketsReadSinceReportsErrors();
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

void TestTraderStore::regradePathsAgree() {
    LONGSHOT_TEST_DATABASE(db);
    Connection c(db.config(), u"traders"_s);
    QVERIFY(!c.open());
    QVERIFY(!migrate(c));
    TraderStore store(c);
    const QList<TraderSyncData> all = crowd(40);
    for (const TraderSyncData &d : all) {
        const auto e = store.save(d);
        QVERIFY2(!e, e ? qPrintable(e->message) : "");
    }
    // Events of a wallet the re-grade does not list (never synced) are left out by both paths.
    QVERIFY(!c.exec(u"INSERT INTO activity_events (wallet, kind, shares_micros, usdc_micros, ts_ms) "
                    "VALUES ('0x0000000000000000000000000000000000000001', 'BUY', 1, 1, 1)"_s));
    // Marks moved after the syncs: the re-grade values positions at the new ones.
    QVERIFY(!c.exec(u"UPDATE outcomes SET last_price_micros = last_price_micros / 2 + 1"_s));
    const QStringList saved = storedFigures(c);

    int count = 0;
    auto e = store.recomputeAll(&count, TraderStore::RecomputePath::Generic);
    QVERIFY2(!e, e ? qPrintable(e->message) : "");
    QCOMPARE(count, int(all.size()));
    const QStringList generic = storedFigures(c);
    QCOMPARE(generic.size(), saved.size());
    QVERIFY(generic != saved); // the new marks reached the figures
    QVERIFY(scalar(c, u"SELECT COUNT(*) FROM trader_positions WHERE status = 'open'"_s) > 10);
    QVERIFY(scalar(c, u"SELECT COUNT(*) FROM trader_positions WHERE status <> 'open'"_s) > 10);
    QVERIFY(scalar(c, u"SELECT COUNT(DISTINCT grade) FROM trader_metrics"_s) > 1);

    // Wipe the figures so the second path has to write every one of them again.
    QVERIFY(!c.exec(u"DELETE FROM trader_positions"_s));
    QVERIFY(!c.exec(u"UPDATE trader_metrics SET events = -1, realized_pre_micros = 7, unrealized_micros = 7, "
                    "grade = '?', grade_score = -1, strategy = '?', mark_kind = '?'"_s));
    count = 0;
    e = store.recomputeAll(&count); // SQLite: the streamed re-grade; PostgreSQL: the per-wallet path
    QVERIFY2(!e, e ? qPrintable(e->message) : "");
    QCOMPARE(count, int(all.size()));
    const QStringList fastest = storedFigures(c);
    QCOMPARE(fastest.size(), generic.size());
    for (qsizetype i = 0; i < generic.size(); ++i)
        QCOMPARE(fastest.at(i), generic.at(i));
    // And a single wallet's recompute agrees with the re-grade's row.
    QVERIFY(!store.recompute(all.at(7).wallet));
    QCOMPARE(storedFigures(c), fastest);
}

void TestTraderStore::liquidityKeepsNewest_data() {
    QTest::addColumn<QString>("engine");
    QTest::addColumn<QString>("later");  // the second sync's liquidity for market B; empty: none
    QTest::addColumn<qint64>("laterMs"); // when the second sync read it
    QTest::addColumn<qint64>("micros");  // what is stored afterwards
    QTest::addColumn<qint64>("seenMs");
    const qint64 first = kT0 + 10'000;
    struct Case {
        const char *name;
        QString later;
        qint64 laterMs;
        qint64 micros;
        qint64 seenMs;
    };
    const Case cases[] = {
        {"newer replaces", u"55000.000001"_s, first + 60'000, 55'000'000'001, first + 60'000},
        {"newer zero replaces", u"0"_s, first + 60'000, 0, first + 60'000},
        {"missing keeps", QString(), first + 60'000, 40'000'500'000, first},
        {"older keeps", u"1"_s, first - 5'000, 40'000'500'000, first},
    };
    for (const QString &e : test::engines()) {
        for (const Case &c : cases)
            QTest::addRow("%s, %s", qPrintable(e), c.name)
                << e << c.later << c.laterMs << c.micros << c.seenMs;
    }
}

void TestTraderStore::liquidityKeepsNewest() {
    LONGSHOT_TEST_DATABASE(db);
    QFETCH(QString, later);
    QFETCH(qint64, laterMs);
    QFETCH(qint64, micros);
    QFETCH(qint64, seenMs);
    Connection c(db.config(), u"traders"_s);
    QVERIFY(!c.open());
    QVERIFY(!migrate(c));
    TraderStore store(c);
    TraderSyncData d = syncData();
    d.markets[1].liquidityUsd = dec("40000.5");
    QVERIFY(!store.save(d));
    QCOMPARE(scalar(c, u"SELECT liquidity_micros FROM markets WHERE market_id = '0xbbbb'"_s), 40'000'500'000);
    QCOMPARE(scalar(c, u"SELECT liquidity_ms FROM markets WHERE market_id = '0xbbbb'"_s), d.syncedMs);
    // Gamma said nothing about A: never observed.
    QCOMPARE(scalar(c,
                    u"SELECT COUNT(*) FROM markets WHERE market_id = '0xaaaa' AND liquidity_micros IS NULL "
                    "AND liquidity_ms IS NULL"_s),
             1);

    d.markets[1].liquidityUsd.reset();
    if (!later.isEmpty())
        d.markets[1].liquidityUsd = Decimal::parse(QStringView(later)).value;
    d.syncedMs = laterMs;
    QVERIFY(!store.save(d));
    QCOMPARE(scalar(c, u"SELECT liquidity_micros FROM markets WHERE market_id = '0xbbbb'"_s), micros);
    QCOMPARE(scalar(c, u"SELECT liquidity_ms FROM markets WHERE market_id = '0xbbbb'"_s), seenMs);
}

void TestTraderStore::marketsReadSince_data() {
    QTest::addColumn<QString>("engine");
    QTest::addColumn<QString>("venue");
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<QStringList>("expected");
    QStringList bulk;
    QStringList bulkExpected;
    for (int i = 0; i < kBulk; ++i) {
        bulk.append(bulkId(i));
        if (kBulkFresh.contains(i))
            bulkExpected.append(bulkId(i));
    }
    struct Case {
        const char *name;
        QString venue;
        QStringList ids;
        QStringList expected;
    };
    const Case cases[] = {
        {"no ids", u"polymarket"_s, {}, {}},
        {"none stored", u"polymarket"_s, {u"nope-1"_s, u"nope-2"_s}, {}},
        {"fresh, stale and missing",
         u"polymarket"_s,
         {u"pm-edge"_s, u"pm-stale"_s, u"nope"_s, u"pm-fresh"_s, u"pm-noliq"_s},
         {u"pm-edge"_s, u"pm-fresh"_s}},
        {"duplicate id",
         u"polymarket"_s,
         {u"pm-fresh"_s, u"pm-stale"_s, u"pm-fresh"_s, u"nope"_s, u"nope"_s, u"pm-fresh"_s},
         {u"pm-fresh"_s}},
        {"more than one chunk", u"polymarket"_s, bulk, bulkExpected},
        {"polymarket's of a shared id", u"polymarket"_s, {u"shared-2"_s, u"shared-1"_s}, {u"shared-1"_s}},
        {"kalshi's of a shared id", u"kalshi"_s, {u"shared-2"_s, u"shared-1"_s}, {u"shared-2"_s}},
    };
    for (const QString &e : test::engines()) {
        for (const Case &c : cases)
            QTest::addRow("%s, %s", qPrintable(e), c.name) << e << c.venue << c.ids << c.expected;
    }
}

void TestTraderStore::marketsReadSince() {
    LONGSHOT_TEST_DATABASE(db);
    QFETCH(QString, venue);
    QFETCH(QStringList, ids);
    QFETCH(QStringList, expected);
    Connection c(db.config(), u"traders"_s);
    QVERIFY(!c.open());
    QVERIFY(!migrate(c));
    TraderStore store(c);
    QVERIFY(!storeReadMarkets(store));
    const auto v = venueFromName(venue);
    QVERIFY(v);
    QStringList fresh{u"left over"_s};
    const auto error = store.marketsReadSince(*v, ids, kReadSince, &fresh);
    QVERIFY2(!error, error ? qPrintable(describe(*error)) : "");
    QCOMPARE(fresh, expected);
}

void TestTraderStore::marketsReadSinceReportsErrors() {
    LONGSHOT_TEST_DATABASE(db);
    Connection c(db.config(), u"traders"_s);
    QVERIFY(!c.open());
    QVERIFY(!migrate(c));
    TraderStore store(c);
    QVERIFY(!storeReadMarkets(store));
    QVERIFY(!c.exec(u"ALTER TABLE markets RENAME TO markets_gone"_s));
    QStringList fresh{u"left over"_s};
    QVERIFY(store.marketsReadSince(Venue::Polymarket, {u"pm-fresh"_s}, kReadSince, &fresh));
    QVERIFY(fresh.isEmpty());
}

QTEST_GUILESS_MAIN(TestTraderStore)
#include "tst_traderstore.moc"
