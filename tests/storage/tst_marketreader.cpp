// The market dock's reader: buckets, recent trades and smart-money flow come from the engine,
// and are checked here against an independent evaluation of the same fills with Decimal
// arithmetic, on SQLite and (with LONGSHOT_TEST_PG) PostgreSQL. Bursts of requests run once.
#include "models/domain/marketactivity.h"
#include "models/domain/orderbook.h"
#include "storage/connection.h"
#include "storage/marketreader.h"
#include "tests/storage/storagetest.h"
#include "tests/storage/writerharness.h"

#include <QMap>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace longshot;

namespace {

constexpr qint64 kT0 = 1'735'689'600'000; // 2025-01-01T00:00:00Z
constexpr qint64 kMinute = 60'000;
constexpr qint64 kHour = 60 * kMinute;
const QString kMarket = u"0xc0ffee"_s;
const QString kOther = u"0xbeef"_s;
const QString kTicker = u"KXFED-26MAR-T4.25"_s;
const QString kS = u"0x5000000000000000000000000000000000000001"_s;
const QString kA = u"0xa000000000000000000000000000000000000002"_s;
const QString kB = u"0xb000000000000000000000000000000000000003"_s;
const QString kNobody = u"0xd000000000000000000000000000000000000004"_s;

Decimal dec(const char *text) {
    return Decimal::parse(std::string_view(text)).value;
}

Trade poly(int i, const QString &market, const QString &wallet, int outcome, Side side, const char *price,
           const char *size, qint64 ts) {
    Trade t =
        test::makeTrade(u"0xtx%1"_s.arg(i), wallet, market + u"-tok%1"_s.arg(outcome), side, price, size, ts);
    t.marketId = market;
    t.outcomeIndex = outcome;
    t.outcome = outcome == 0 ? u"Yes"_s : u"No"_s;
    t.marketTitle = u"Will the test pass?"_s;
    return t;
}

Trade kalshi(int i, bool yes, const char *price, const char *size, qint64 ts) {
    Trade t = test::makeTrade(u"kalshi-%1"_s.arg(i), QString(), kTicker + (yes ? u":yes"_s : u":no"_s),
                              Side::Buy, price, size, ts);
    t.venue = Venue::Kalshi;
    t.source = TradeSource::KalshiWs;
    t.marketId = kTicker;
    t.outcomeIndex = yes ? 0 : 1;
    t.outcome = yes ? u"Yes"_s : u"No"_s;
    return t;
}

// Fills every few minutes for three hours on both outcomes, plus noise in another market.
TradeBatch chartTrades() {
    TradeBatch out;
    const char *prices[] = {"0.41", "0.435", "0.39", "0.47", "0.52", "0.505", "0.6", "0.333333"};
    const char *sizes[] = {"250", "1200.5", "75.25", "4000", "10", "333.333333", "980", "1"};
    for (int i = 0; i < 40; ++i) {
        const qint64 ts = kT0 + qint64(i) * 4 * kMinute + (i % 3) * 1000;
        out << poly(i, kMarket, kNobody, i % 4 == 3 ? 1 : 0, i % 5 == 2 ? Side::Sell : Side::Buy,
                    prices[i % 8], sizes[(i * 3) % 8], ts);
        out << poly(1000 + i, kOther, kNobody, 0, Side::Buy, "0.99", "100000", ts);
    }
    return out;
}

struct Expected {
    qint64 lastMs = 0;
    Decimal open, high, low, close, volume;
    qint64 trades = 0;
};

// The buckets, evaluated without SQL.
QMap<qint64, Expected> expectedBuckets(const TradeBatch &all, Venue venue, const QString &market,
                                       qint64 width) {
    QMap<qint64, Expected> out;
    TradeBatch mine;
    for (const Trade &t : all)
        if (t.venue == venue && t.marketId == market)
            mine << t;
    std::stable_sort(mine.begin(), mine.end(),
                     [](const Trade &a, const Trade &b) { return a.timestampMs < b.timestampMs; });
    for (const Trade &t : std::as_const(mine)) {
        const Decimal yes = t.outcomeIndex == 1 ? complementPrice(t.price) : t.price;
        Expected &e = out[t.timestampMs / width * width];
        if (e.trades == 0) {
            e.open = e.high = e.low = yes;
        }
        e.high = std::max(e.high, yes);
        e.low = std::min(e.low, yes);
        e.close = yes;
        e.lastMs = t.timestampMs;
        e.volume = *e.volume.checkedAdd(*t.notional());
        ++e.trades;
    }
    return out;
}

bool store(const storage::DatabaseConfig &config, const TradeBatch &batch, QString *message) {
    test::WriterHarness h(config);
    if (!h.start(message))
        return false;
    QSignalSpy stored(h.events(), &test::WriterSignals::stored);
    if (!h.push(batch)) {
        *message = u"queue full"_s;
        return false;
    }
    h.drain();
    if (!QTest::qWaitFor([&] { return stored.size() == 1; }, 10'000)) {
        *message = u"the writer did not store the rows"_s;
        return false;
    }
    h.stop();
    return true;
}

bool grade(const storage::DatabaseConfig &config, const QString &wallet, const QString &letter) {
    storage::Connection c(config, u"seed"_s);
    if (c.open())
        return false;
    QSqlQuery q(c.database());
    if (c.prepare(
            q, u"INSERT INTO trader_metrics (wallet, synced_ms, complete, events, realized_pre_micros, "
               "realized_post_micros, unrealized_micros, total_pre_micros, total_post_micros, fees_micros, "
               "volume_micros, resolved_markets, wins, losses, unmarked_positions, grade, grade_score, "
               "provisional, strategy, mark_kind) VALUES (?, 0, 1, 10, 0, 0, 0, 0, 0, 0, 0, 5, 3, 2, 0, ?, "
               "80, 0, 'directional', 'last')"_s))
        return false;
    q.addBindValue(wallet);
    q.addBindValue(letter);
    return !c.execPrepared(q, u"seed metrics"_s);
}

std::optional<MarketHistory> query(const storage::DatabaseConfig &config, const MarketHistoryRequest &request,
                                   QString *message) {
    storage::DatabaseConfig readOnly = config;
    readOnly.readOnly = true;
    storage::Connection c(readOnly, u"test-reader"_s);
    if (auto e = c.open()) {
        *message = describe(*e);
        return std::nullopt;
    }
    MarketHistory out;
    if (auto e = storage::queryMarketHistory(c, request, &out)) {
        *message = describe(*e);
        return std::nullopt;
    }
    return out;
}

void engines() {
    QTest::addColumn<QString>("engine");
    for (const QString &e : test::engines())
        QTest::newRow(qPrintable(e)) << e;
}

// Re-emits the reader's answers on the test thread.
class Relay final : public QObject {
    Q_OBJECT
public:
    explicit Relay(storage::MarketReader *r) {
        connect(r, &storage::MarketReader::historyReady, this, &Relay::historyReady);
        connect(r, &storage::MarketReader::requestFailed, this, &Relay::requestFailed);
    }
Q_SIGNALS:
    void historyReady(quint64 id, longshot::MarketHistory history);
    void requestFailed(quint64 id, QString message);
};

} // namespace

class TestMarketReader final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void bucketWidth_data();
    void bucketWidth();
    void bucketsAreExact_data() { engines(); }
    void bucketsAreExact();
    void kalshiBucketsFollowYes_data() { engines(); }
    void kalshiBucketsFollowYes();
    void emptyDatabase_data() { engines(); }
    void emptyDatabase();
    void flowWithoutGradedTraders_data() { engines(); }
    void flowWithoutGradedTraders();
    void flowOfGradedTraders_data() { engines(); }
    void flowOfGradedTraders();
    void burstRunsOnlyTheNewest();
};

void TestMarketReader::bucketWidth_data() {
    QTest::addColumn<qint64>("span");
    QTest::addColumn<int>("buckets");
    QTest::addColumn<qint64>("minimum");
    QTest::addColumn<qint64>("width");
    QTest::newRow("nothing") << qint64(0) << 240 << kMinute << kMinute;
    QTest::newRow("three hours, 240") << 3 * kHour << 240 << kMinute << kMinute;
    QTest::newRow("three hours, 12") << 3 * kHour << 12 << kMinute << 15 * kMinute;
    QTest::newRow("just over") << 3 * kHour + 1 << 12 << kMinute << 30 * kMinute;
    QTest::newRow("a month") << 30 * 24 * kHour << 240 << kMinute << 4 * kHour;
    QTest::newRow("minimum wins") << kHour << 240 << 5 * kMinute << 5 * kMinute;
    QTest::newRow("beyond the steps") << 10'000 * 24 * kHour << 10 << kMinute << 1'000 * 24 * kHour;
}

void TestMarketReader::bucketWidth() {
    QFETCH(qint64, span);
    QFETCH(int, buckets);
    QFETCH(qint64, minimum);
    QFETCH(qint64, width);
    QCOMPARE(storage::bucketWidthFor(span, buckets, minimum), width);
}

void TestMarketReader::bucketsAreExact() {
    LONGSHOT_TEST_DATABASE(db);
    const TradeBatch trades = chartTrades();
    QString message;
    QVERIFY2(store(db.config(), trades, &message), qPrintable(message));

    MarketHistoryRequest request;
    request.venue = Venue::Polymarket;
    request.marketId = kMarket;
    request.nowMs = kT0 + 5 * kHour;
    request.buckets = 12;
    request.recentLimit = 7;
    const auto history = query(db.config(), request, &message);
    QVERIFY2(history, qPrintable(message));
    QCOMPARE(history->storedTrades, 40);
    QCOMPARE(history->bucketMs, 15 * kMinute);

    const auto expected = expectedBuckets(trades, Venue::Polymarket, kMarket, history->bucketMs);
    QCOMPARE(history->buckets.size(), expected.size());
    auto it = expected.cbegin();
    Decimal total;
    for (const PriceBucket &b : history->buckets) {
        QCOMPARE(b.startMs, it.key());
        QCOMPARE(b.trades, it->trades);
        QCOMPARE(b.open, it->open);
        QCOMPARE(b.high, it->high);
        QCOMPARE(b.low, it->low);
        QCOMPARE(b.close, it->close);
        QCOMPARE(b.volumeUsd, it->volume);
        QCOMPARE(b.lastTradeMs, it->lastMs);
        total = *total.checkedAdd(b.volumeUsd);
        ++it;
    }
    Decimal all;
    for (const Trade &t : trades)
        if (t.marketId == kMarket)
            all = *all.checkedAdd(*t.notional());
    QCOMPARE(total, all);

    // Newest first, this market only, names resolved from the stored tables.
    QCOMPARE(history->recent.size(), 7);
    for (qsizetype i = 1; i < history->recent.size(); ++i)
        QVERIFY(history->recent.at(i - 1).timestampMs >= history->recent.at(i).timestampMs);
    for (const Trade &t : history->recent) {
        QCOMPARE(t.marketId, kMarket);
        QCOMPARE(t.marketTitle, u"Will the test pass?"_s);
    }
    QCOMPARE(history->recent.constFirst().txId.text(), u"0xtx39"_s);
    QVERIFY(history->market);
    QCOMPARE(history->market->title, u"Will the test pass?"_s);
    QCOMPARE(history->market->outcomes.size(), 2);
    QCOMPARE(history->market->outcomes.at(1).name, u"No"_s);
}

void TestMarketReader::kalshiBucketsFollowYes() {
    LONGSHOT_TEST_DATABASE(db);
    // A NO fill at 0.30 is a YES print at 0.70.
    const TradeBatch trades{kalshi(1, true, "0.65", "100", kT0 + 1000),
                            kalshi(2, false, "0.30", "50", kT0 + 2000),
                            kalshi(3, true, "0.68", "10", kT0 + 3 * kMinute)};
    QString message;
    QVERIFY2(store(db.config(), trades, &message), qPrintable(message));
    MarketHistoryRequest request;
    request.venue = Venue::Kalshi;
    request.marketId = kTicker;
    request.nowMs = kT0 + kHour;
    const auto history = query(db.config(), request, &message);
    QVERIFY2(history, qPrintable(message));
    QCOMPARE(history->bucketMs, kMinute);
    QCOMPARE(history->buckets.size(), 2);
    const PriceBucket &first = history->buckets.at(0);
    QCOMPARE(first.open, dec("0.65"));
    QCOMPARE(first.close, dec("0.70"));
    QCOMPARE(first.high, dec("0.70"));
    QCOMPARE(first.low, dec("0.65"));
    QCOMPARE(first.volumeUsd, dec("80")); // 65 + 15
    QCOMPARE(history->buckets.at(1).close, dec("0.68"));
    QCOMPARE(history->recent.size(), 3);
    // Kalshi fills are anonymous: no grades can apply, and none exist.
    QVERIFY(!history->smartMoney.hasGradedTraders());
}

void TestMarketReader::emptyDatabase() {
    LONGSHOT_TEST_DATABASE(db);
    QString message;
    // Only another market is stored.
    QVERIFY2(store(db.config(), {poly(1, kOther, kS, 0, Side::Buy, "0.5", "10", kT0)}, &message),
             qPrintable(message));
    MarketHistoryRequest request;
    request.marketId = kMarket;
    request.nowMs = kT0;
    const auto history = query(db.config(), request, &message);
    QVERIFY2(history, qPrintable(message));
    QVERIFY(history->buckets.isEmpty());
    QVERIFY(history->recent.isEmpty());
    QVERIFY(!history->market);
    QCOMPARE(history->storedTrades, 0);
}

void TestMarketReader::flowWithoutGradedTraders() {
    LONGSHOT_TEST_DATABASE(db);
    const qint64 now = kT0 + 30 * kHour;
    const TradeBatch trades{poly(1, kMarket, kS, 0, Side::Buy, "0.5", "1000", now - kHour),
                            poly(2, kMarket, kB, 0, Side::Buy, "0.5", "1000", now - kHour)};
    QString message;
    QVERIFY2(store(db.config(), trades, &message), qPrintable(message));
    MarketHistoryRequest request;
    request.marketId = kMarket;
    request.nowMs = now;
    auto history = query(db.config(), request, &message);
    QVERIFY2(history, qPrintable(message));
    QCOMPARE(history->smartMoney.gradedTraders, 0);
    QVERIFY(!history->smartMoney.hasGradedTraders());
    QCOMPARE(history->smartMoney.activeTraders, 0);
    QVERIFY(history->smartMoney.netUsd.isZero());

    // Grades exist but only below A: still no smart money to speak of.
    QVERIFY(grade(db.config(), kB, u"B"_s));
    history = query(db.config(), request, &message);
    QVERIFY2(history, qPrintable(message));
    QVERIFY(!history->smartMoney.hasGradedTraders());
}

void TestMarketReader::flowOfGradedTraders() {
    LONGSHOT_TEST_DATABASE(db);
    const qint64 now = kT0 + 30 * kHour;
    const TradeBatch trades{
        // In the window: S buys Yes twice and sells some, A buys No, B and an unknown buy big.
        poly(1, kMarket, kS, 0, Side::Buy, "0.42", "1000", now - 23 * kHour),     // 420
        poly(2, kMarket, kS, 0, Side::Buy, "0.455", "333.333333", now - kHour),   // 151.666667
        poly(3, kMarket, kS, 0, Side::Sell, "0.61", "100.5", now - 30 * kMinute), // 61.305
        poly(4, kMarket, kA, 1, Side::Buy, "0.37", "2500", now - 2 * kHour),      // 925
        poly(5, kMarket, kA, 1, Side::Sell, "0.39", "10", now - kMinute),         // 3.9
        poly(6, kMarket, kB, 0, Side::Buy, "0.5", "90000", now - kHour),
        poly(7, kMarket, kNobody, 1, Side::Buy, "0.5", "90000", now - kHour),
        // Outside the window, or another market: left out.
        poly(8, kMarket, kS, 0, Side::Buy, "0.3", "5000", now - 25 * kHour),
        poly(9, kOther, kS, 0, Side::Buy, "0.3", "5000", now - kHour),
    };
    QString message;
    QVERIFY2(store(db.config(), trades, &message), qPrintable(message));
    QVERIFY(grade(db.config(), kS, u"S"_s));
    QVERIFY(grade(db.config(), kA, u"A"_s));
    QVERIFY(grade(db.config(), kB, u"B"_s));
    QVERIFY(
        grade(db.config(), u"0xe000000000000000000000000000000000000005"_s, u"A"_s)); // not in this market

    MarketHistoryRequest request;
    request.marketId = kMarket;
    request.nowMs = now;
    const auto history = query(db.config(), request, &message);
    QVERIFY2(history, qPrintable(message));
    const SmartMoneyFlow &flow = history->smartMoney;
    QCOMPARE(flow.gradedTraders, 3);
    QCOMPARE(flow.activeTraders, 2);
    QCOMPARE(flow.toMs, now);
    QCOMPARE(flow.fromMs, now - 24 * kHour);
    QCOMPARE(flow.buyUsd, dec("1496.666667"));
    QCOMPARE(flow.sellUsd, dec("65.205"));
    QCOMPARE(flow.netUsd, dec("1431.461667"));
    QCOMPARE(flow.outcomes.size(), 2);
    QCOMPARE(flow.outcomes.at(0).outcomeIndex, 0);
    QCOMPARE(flow.outcomes.at(0).outcome, u"Yes"_s);
    QCOMPARE(flow.outcomes.at(0).netUsd, dec("510.361667"));
    QCOMPARE(flow.outcomes.at(1).outcome, u"No"_s);
    QCOMPARE(flow.outcomes.at(1).buyUsd, dec("925"));
    QCOMPARE(flow.outcomes.at(1).sellUsd, dec("3.9"));
    QCOMPARE(flow.outcomes.at(1).netUsd, dec("921.1"));
}

void TestMarketReader::burstRunsOnlyTheNewest() {
    test::TestDatabase db(QString::fromLatin1(test::kSqlite));
    QVERIFY2(db.ok(), qPrintable(db.error()));
    QString message;
    QVERIFY2(store(db.config(), chartTrades(), &message), qPrintable(message));

    QThread thread;
    auto *reader = new storage::MarketReader;
    Relay relay(reader);
    reader->moveToThread(&thread);
    connect(&thread, &QThread::finished, reader, &QObject::deleteLater);
    QSignalSpy ready(&relay, &Relay::historyReady);
    QSignalSpy failed(&relay, &Relay::requestFailed);
    // Everything is queued before the thread runs: three selections in a row, one answer.
    const storage::DatabaseConfig config = db.config();
    QMetaObject::invokeMethod(
        reader, [reader, config] { reader->open(config); }, Qt::QueuedConnection);
    for (quint64 id = 1; id <= 3; ++id) {
        MarketHistoryRequest request;
        request.marketId = id == 3 ? kMarket : kOther;
        request.nowMs = kT0 + 5 * kHour;
        QMetaObject::invokeMethod(
            reader, [reader, id, request] { reader->requestHistory(id, request); }, Qt::QueuedConnection);
    }
    thread.start();
    QVERIFY(ready.wait(10'000));
    QTest::qWait(100);
    QCOMPARE(ready.size(), 1);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(ready.at(0).at(0).value<quint64>(), 3u);
    QCOMPARE(ready.at(0).at(1).value<MarketHistory>().marketId, kMarket);
    thread.quit();
    thread.wait();
}

QTEST_GUILESS_MAIN(TestMarketReader)
#include "tst_marketreader.moc"
