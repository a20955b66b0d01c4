// The History panel's row reads and their lookups: market titles, outcome names and trader
// names joined in memory by key rather than in SQL. Each case is checked against the values
// the test itself stored, across pages sharing one HistoryLookups, through the per-key seeks
// and through the whole-table reads a page naming over a thousand keys takes instead.
#include "models/domain/historyfilter.h"
#include "storage/connection.h"
#include "storage/historyquery.h"
#include "storage/migrations.h"
#include "tests/storage/storagetest.h"

#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace longshot;
using namespace longshot::storage;

namespace {

constexpr qint64 kT0 = 1'735'689'600'000; // 2025-01-01T00:00:00Z

QString wallet(int i) {
    return u"0x%1"_s.arg(i + 1, 40, 16, QChar(u'0'));
}

struct StoredTrade {
    QString venue = u"polymarket"_s;
    QString tx;
    QString wallet;
    QString asset;
    QString market;
    QString outcome;
    qint64 ts = 0;
};

bool insertTrades(Connection &c, const QList<StoredTrade> &trades) {
    QSqlQuery q(c.database());
    if (c.prepare(q, u"INSERT INTO trades (venue, tx_id, wallet, asset_id, side, price_micros, size_micros, "
                     "notional_micros, ts_ms, market_id, outcome, outcome_index, source, received_ms) "
                     "VALUES (?, ?, ?, ?, 'BUY', 500000, 2000000, 1000000, ?, ?, ?, 0, ?, ?)"_s))
        return false;
    for (const StoredTrade &t : trades) {
        q.addBindValue(t.venue);
        q.addBindValue(t.tx);
        q.addBindValue(QString(u""_s + t.wallet)); // '' rather than NULL: the columns are NOT NULL
        q.addBindValue(t.asset);
        q.addBindValue(t.ts);
        q.addBindValue(t.market);
        q.addBindValue(QString(u""_s + t.outcome));
        q.addBindValue(t.venue == u"kalshi"_s ? u"kalshi_ws"_s : u"rtds"_s);
        q.addBindValue(t.ts + 100);
        if (c.execPrepared(q, u"insert trade"_s))
            return false;
    }
    return true;
}

bool insertRow(Connection &c, const QString &sql, const QVariantList &values) {
    QSqlQuery q(c.database());
    if (c.prepare(q, sql))
        return false;
    for (const QVariant &v : values)
        q.addBindValue(v);
    return !c.execPrepared(q, sql.left(30));
}

bool insertMarket(Connection &c, const QString &venue, const QString &id, const QString &title) {
    return insertRow(c,
                     u"INSERT INTO markets (venue, market_id, title, slug, event_slug, updated_ms) "
                     "VALUES (?, ?, ?, ?, ?, 0)"_s,
                     {venue, id, title, QString(u"slug-"_s + title), QString(u"event-"_s + title)});
}

bool insertTrader(Connection &c, const QString &w, const QString &name, const QString &pseudonym) {
    return insertRow(c,
                     u"INSERT INTO traders (wallet, name, pseudonym, first_seen_ms, last_seen_ms) "
                     "VALUES (?, ?, ?, 0, 0)"_s,
                     {w, name, pseudonym});
}

bool insertOutcome(Connection &c, const QString &venue, const QString &asset, const QString &name) {
    return insertRow(c, u"INSERT INTO outcomes (venue, asset_id, market_id, name) VALUES (?, ?, '', ?)"_s,
                     {venue, asset, name});
}

// Every row of the filter, newest first, in pages of `page` through one lookup cache.
HistoryRows readAll(Connection &c, int page, HistoryLookups *lookups, QString *error) {
    HistoryRows all;
    std::optional<HistoryCursor> after;
    for (;;) {
        HistoryRows rows;
        if (auto e = queryHistoryPage(c, {}, after, page, &rows, lookups)) {
            *error = describe(*e);
            return {};
        }
        all += rows;
        if (rows.size() < page)
            return all;
        after = cursorAfter(rows.constLast());
    }
}

const HistoryRow *byTx(const HistoryRows &rows, const QString &tx) {
    for (const HistoryRow &r : rows) {
        if (r.trade.txId.text() == tx)
            return &r;
    }
    return nullptr;
}

} // namespace

class TestHistoryQuery final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void lookupsFillTitlesOutcomesAndNames_data();
    void lookupsFillTitlesOutcomesAndNames();
    void wholeTableReadsMatchSeeks_data();
    void wholeTableReadsMatchSeeks();
    void rowsShareRepeatedIds_data() { engines(); }
    void rowsShareRepeatedIds();

private:
    void engines() {
        QTest::addColumn<QString>("engine");
        for (const QString &e : test::engines())
            QTest::newRow(qPrintable(e)) << e;
    }
};

void TestHistoryQuery::lookupsFillTitlesOutcomesAndNames_data() {
    QTest::addColumn<QString>("engine");
    QTest::addColumn<int>("page");
    QTest::addColumn<bool>("shared"); // one HistoryLookups across the pages, or none
    for (const QString &e : test::engines()) {
        for (const int page : {1, 3, 100}) {
            QTest::newRow(qPrintable(u"%1, pages of %2, shared cache"_s.arg(e).arg(page)))
                << e << page << true;
            QTest::newRow(qPrintable(u"%1, pages of %2, no cache"_s.arg(e).arg(page))) << e << page << false;
        }
    }
}

void TestHistoryQuery::lookupsFillTitlesOutcomesAndNames() {
    LONGSHOT_TEST_DATABASE(db);
    QFETCH(int, page);
    QFETCH(bool, shared);
    Connection c(db.config(), u"history-test"_s);
    QVERIFY(!c.open());
    QVERIFY(!migrate(c));
    // One market id under both venues with different titles; one market nobody described.
    QVERIFY(insertMarket(c, u"polymarket"_s, u"M1"_s, u"Poly one"_s));
    QVERIFY(insertMarket(c, u"kalshi"_s, u"M1"_s, u"Kalshi one"_s));
    QVERIFY(insertMarket(c, u"polymarket"_s, u"M2"_s, u"Poly two"_s));
    QVERIFY(insertTrader(c, wallet(0), u"Whale_One"_s, u"Brisk-Otter"_s));
    QVERIFY(insertTrader(c, wallet(1), u""_s, u"Calm-Heron"_s));
    // Outcome names for trades stored without one: A1 on Polymarket only, K1 on Kalshi only.
    QVERIFY(insertOutcome(c, u"polymarket"_s, u"A1"_s, u"Trump"_s));
    QVERIFY(insertOutcome(c, u"kalshi"_s, u"K1"_s, u"Above 90k"_s));
    const QList<StoredTrade> trades = {
        {u"polymarket"_s, u"t1"_s, wallet(0), u"A1"_s, u"M1"_s, u"Yes"_s, kT0 + 1},
        {u"kalshi"_s, u"t2"_s, QString(), u"K1"_s, u"M1"_s, QString(), kT0 + 2},
        {u"polymarket"_s, u"t3"_s, wallet(1), u"A1"_s, u"M2"_s, QString(), kT0 + 3},
        {u"polymarket"_s, u"t4"_s, wallet(2), u"K1"_s, u"M3"_s, QString(), kT0 + 4},
        {u"polymarket"_s, u"t5"_s, wallet(0), u"A2"_s, u"M1"_s, u"No"_s, kT0 + 5},
        {u"kalshi"_s, u"t6"_s, QString(), u"A1"_s, u"M2"_s, QString(), kT0 + 6},
        {u"polymarket"_s, u"t7"_s, wallet(1), u"A1"_s, u"M1"_s, QString(), kT0 + 7},
    };
    QVERIFY(insertTrades(c, trades));

    HistoryLookups lookups;
    QString error;
    const HistoryRows rows = readAll(c, page, shared ? &lookups : nullptr, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(rows.size(), trades.size());

    struct Expected {
        const char *tx;
        Venue venue;
        const char *marketId;
        const char *title;
        const char *outcome;
        const char *name;
        const char *pseudonym;
    };
    const Expected expected[] = {
        {"t1", Venue::Polymarket, "M1", "Poly one", "Yes", "Whale_One", "Brisk-Otter"},
        {"t2", Venue::Kalshi, "M1", "Kalshi one", "Above 90k", "", ""},
        {"t3", Venue::Polymarket, "M2", "Poly two", "Trump", "", "Calm-Heron"},
        {"t4", Venue::Polymarket, "M3", "", "", "", ""}, // K1 is named on Kalshi only
        {"t5", Venue::Polymarket, "M1", "Poly one", "No", "Whale_One", "Brisk-Otter"},
        {"t6", Venue::Kalshi, "M2", "", "", "", ""}, // M2 and A1 are described on Polymarket only
        {"t7", Venue::Polymarket, "M1", "Poly one", "Trump", "", "Calm-Heron"},
    };
    for (const Expected &e : expected) {
        const HistoryRow *r = byTx(rows, QString::fromLatin1(e.tx));
        QVERIFY2(r, e.tx);
        const Trade &t = r->trade;
        QCOMPARE(t.venue, e.venue);
        QCOMPARE(t.marketId, QString::fromLatin1(e.marketId));
        QCOMPARE(t.marketTitle, QString::fromLatin1(e.title));
        QCOMPARE(t.marketSlug, *e.title ? u"slug-"_s + QString::fromLatin1(e.title) : QString());
        QCOMPARE(t.eventSlug, *e.title ? u"event-"_s + QString::fromLatin1(e.title) : QString());
        QCOMPARE(t.outcome, QString::fromLatin1(e.outcome));
        QCOMPARE(t.traderName, QString::fromLatin1(e.name));
        QCOMPARE(t.traderPseudonym, QString::fromLatin1(e.pseudonym));
    }
    QCOMPARE(byTx(rows, u"t1"_s)->trade.wallet.address(), wallet(0));
    QVERIFY(byTx(rows, u"t2"_s)->trade.wallet.isEmpty());
    QCOMPARE(byTx(rows, u"t4"_s)->trade.wallet.address(), wallet(2));
    QCOMPARE(byTx(rows, u"t4"_s)->trade.assetId, u"K1"_s);

    if (shared) {
        // A title changed after it was cached shows once the cache is cleared (a new first page).
        QVERIFY(insertRow(
            c, u"UPDATE markets SET title = 'Renamed' WHERE venue = 'polymarket' AND market_id = 'M2'"_s,
            {}));
        HistoryRows again = readAll(c, page, &lookups, &error);
        QCOMPARE(byTx(again, u"t3"_s)->trade.marketTitle, u"Poly two"_s);
        lookups.clear();
        again = readAll(c, page, &lookups, &error);
        QCOMPARE(byTx(again, u"t3"_s)->trade.marketTitle, u"Renamed"_s);
    }
}

void TestHistoryQuery::wholeTableReadsMatchSeeks_data() {
    QTest::addColumn<QString>("engine");
    QTest::addColumn<int>("page");
    for (const QString &e : test::engines()) {
        // A page over kBulkMarketKeys / kBulkTraderKeys unknown keys reads the tables whole.
        QTest::newRow(qPrintable(e + u", one page: whole tables"_s)) << e << 2'000;
        QTest::newRow(qPrintable(e + u", pages of 300: seeks"_s)) << e << 300;
    }
}

void TestHistoryQuery::wholeTableReadsMatchSeeks() {
    LONGSHOT_TEST_DATABASE(db);
    QFETCH(int, page);
    Connection c(db.config(), u"history-test"_s);
    QVERIFY(!c.open());
    QVERIFY(!migrate(c));
    constexpr int kKeys = int(HistoryLookups::kBulkMarketKeys) + 300;
    QVERIFY(!c.beginWrite());
    QList<StoredTrade> trades;
    for (int i = 0; i < kKeys; ++i) {
        // Every seventh market and trader is not described: misses must come back empty.
        if (i % 7 != 3) {
            QVERIFY(insertMarket(c, u"polymarket"_s, u"mkt-%1"_s.arg(i), u"Market %1"_s.arg(i)));
            QVERIFY(insertTrader(c, wallet(i), u"name %1"_s.arg(i), u"Pseudo-%1"_s.arg(i)));
        }
        trades.append({u"polymarket"_s, u"tx%1"_s.arg(i), wallet(i), u"a%1"_s.arg(i), u"mkt-%1"_s.arg(i),
                       u"Yes"_s, kT0 + i});
    }
    QVERIFY(insertTrades(c, trades));
    QVERIFY(!c.commit());

    HistoryLookups lookups;
    QString error;
    const HistoryRows rows = readAll(c, page, &lookups, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(rows.size(), qsizetype(kKeys));
    for (const HistoryRow &r : rows) {
        const int i = r.trade.txId.text().mid(2).toInt();
        const bool described = i % 7 != 3;
        QCOMPARE(r.trade.marketId, u"mkt-%1"_s.arg(i));
        QCOMPARE(r.trade.marketTitle, described ? u"Market %1"_s.arg(i) : QString());
        QCOMPARE(r.trade.wallet.address(), wallet(i));
        QCOMPARE(r.trade.traderName, described ? u"name %1"_s.arg(i) : QString());
        QCOMPARE(r.trade.traderPseudonym, described ? u"Pseudo-%1"_s.arg(i) : QString());
    }
}

void TestHistoryQuery::rowsShareRepeatedIds() {
    LONGSHOT_TEST_DATABASE(db);
    Connection c(db.config(), u"history-test"_s);
    QVERIFY(!c.open());
    QVERIFY(!migrate(c));
    QVERIFY(insertMarket(c, u"polymarket"_s, u"M1"_s, u"Poly one"_s));
    QList<StoredTrade> trades;
    for (int i = 0; i < 20; ++i)
        trades.append({u"polymarket"_s, u"t%1"_s.arg(i), wallet(0), u"A1"_s, u"M1"_s, u"Yes"_s, kT0 + i});
    QVERIFY(insertTrades(c, trades));
    HistoryLookups lookups;
    QString error;
    const HistoryRows rows = readAll(c, 6, &lookups, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(rows.size(), qsizetype(20));
    // One copy of a repeated id and title for the whole scroll, not one per row: what keeps
    // a long history in memory small. (A wallet is its 20 bytes, held in the row.)
    const Trade &first = rows.constFirst().trade;
    for (const HistoryRow &r : rows) {
        QCOMPARE(r.trade.marketId, u"M1"_s);
        QCOMPARE(r.trade.marketId.constData(), first.marketId.constData());
        QCOMPARE(r.trade.marketTitle.constData(), first.marketTitle.constData());
        QCOMPARE(r.trade.wallet.address(), wallet(0));
    }
}

QTEST_GUILESS_MAIN(TestHistoryQuery)
#include "tst_historyquery.moc"
