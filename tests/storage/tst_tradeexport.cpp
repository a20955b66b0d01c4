#include "storage/connection.h"
#include "storage/migrations.h"
#include "storage/storagestats.h"
#include "storage/tradeexport.h"
#include "tests/storage/storagetest.h"
#include "tests/storage/writerharness.h"

#include <QBuffer>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace longshot;
using longshot::test::makeTrade;

namespace {

const QString kWalletA = u"0x1111111111111111111111111111111111111111"_s;
const QString kWalletB = u"0x2222222222222222222222222222222222222222"_s;
const QString kWalletC = u"0x3333333333333333333333333333333333333333"_s;

qint64 ms(const char *iso) {
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs).toMSecsSinceEpoch();
}

// Hostile and awkward text from the exchanges: quotes, commas, newlines, formulas, unicode.
TradeBatch goldenTrades() {
    Trade t1 =
        makeTrade(u"0xt1"_s, kWalletA, u"tokY"_s, Side::Buy, "0.42", "1000", ms("2024-01-02T03:04:05.678Z"));
    t1.marketId = u"0xcond1"_s;
    t1.marketTitle = u"Will \"X\" win, or not?"_s;
    t1.traderName = u"whale, \"the\" one"_s;

    Trade t2 =
        makeTrade(u"0xt2"_s, kWalletB, u"tokZ"_s, Side::Sell, "0.000001", "0.5", ms("2024-01-02T03:04:06Z"));
    t2.marketId = u"0xcond2"_s;
    t2.marketTitle = u"-1+2"_s;
    t2.outcome = u"+Yes"_s;
    t2.traderName = u"=HYPERLINK(\"http://evil\",\"click\")"_s;

    Trade t3 = makeTrade(u"k-1"_s, QString(), u"KXRAIN:yes"_s, Side::Sell, "0.97", "12.5",
                         ms("2024-01-02T03:05:00Z"));
    t3.venue = Venue::Kalshi;
    t3.source = TradeSource::KalshiWs;
    t3.marketId = u"KXRAIN"_s;
    t3.marketTitle = u"Pluie à Zürich — 東京 ☔"_s;
    t3.outcome = u"yes"_s;

    Trade t4 =
        makeTrade(u"0xt4"_s, kWalletC, u"tokW"_s, Side::Buy, "0.5", "100000", ms("2024-01-02T04:00:00.001Z"));
    t4.marketId = u"0xcond4"_s;
    t4.marketTitle = u"@SUM(1)"_s;
    t4.outcome = u"No"_s;
    t4.traderPseudonym = u"multi\nline"_s;
    return {t1, t2, t3, t4};
}

const QString kHeader =
    u"time_utc,venue,market_id,market_title,outcome,side,price,size,notional_usd,wallet,trader_name,tx_hash\r\n"_s;
const QString kL1 =
    u"2024-01-02T03:04:05.678Z,polymarket,0xcond1,\"Will \"\"X\"\" win, or not?\",Yes,BUY,0.42,1000,420,"
    "0x1111111111111111111111111111111111111111,\"whale, \"\"the\"\" one\",0xt1\r\n"_s;
const QString kL2 =
    u"2024-01-02T03:04:06.000Z,polymarket,0xcond2,'-1+2,'+Yes,SELL,0.000001,0.5,0,"
    "0x2222222222222222222222222222222222222222,\"'=HYPERLINK(\"\"http://evil\"\",\"\"click\"\")\",0xt2\r\n"_s;
const QString kL3 =
    u"2024-01-02T03:05:00.000Z,kalshi,KXRAIN,Pluie à Zürich — 東京 ☔,yes,SELL,0.97,12.5,12.125,,,k-1\r\n"_s;
const QString kL4 = u"2024-01-02T04:00:00.001Z,polymarket,0xcond4,'@SUM(1),No,BUY,0.5,100000,50000,"
                    "0x3333333333333333333333333333333333333333,\"multi\nline\",0xt4\r\n"_s;

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
        *message = u"writer did not store the rows"_s;
        return false;
    }
    h.stop();
    return true;
}

storage::DatabaseConfig readerConfig(const test::TestDatabase &db) {
    storage::DatabaseConfig config = db.config();
    config.readOnly = true; // the export never writes
    return config;
}

} // namespace

class TestTradeExport final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void golden_data();
    void golden();
    void engine_data();
    void cancelMidway_data() { engine_data(); }
    void cancelMidway();
    void stats_data() { engine_data(); }
    void stats();
};

void TestTradeExport::golden_data() {
    QTest::addColumn<QString>("engine");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("minUsd");
    QTest::addColumn<QString>("expected");

    for (const QString &e : test::engines()) {
        const auto row = [&](const char *name) -> QTestData & {
            return QTest::newRow(qPrintable(e + u'/' + QLatin1String(name)));
        };
        row("all, quoting, formulas, unicode")
            << e << QString() << QString() << QString() << kHeader + kL1 + kL2 + kL3 + kL4;
        row("from is inclusive") << e << u"2024-01-02T03:04:06Z"_s << QString() << QString()
                                 << kHeader + kL2 + kL3 + kL4;
        row("to is inclusive") << e << QString() << u"2024-01-02T03:04:06Z"_s << QString()
                               << kHeader + kL1 + kL2;
        row("from and to") << e << u"2024-01-02T03:04:06Z"_s << u"2024-01-02T03:59:59Z"_s << QString()
                           << kHeader + kL2 + kL3;
        row("min usd") << e << QString() << QString() << u"100"_s << kHeader + kL1 + kL4;
        row("min usd exact boundary")
            << e << QString() << QString() << u"12.125"_s << kHeader + kL1 + kL3 + kL4;
        row("min usd one micro above")
            << e << QString() << QString() << u"12.125001"_s << kHeader + kL1 + kL4;
        row("empty result is header only")
            << e << u"2030-01-01T00:00:00Z"_s << QString() << QString() << kHeader;
    }
}

void TestTradeExport::golden() {
    LONGSHOT_TEST_DATABASE(db);
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, minUsd);
    QFETCH(QString, expected);

    QString message;
    QVERIFY2(store(db.config(), goldenTrades(), &message), qPrintable(message));

    storage::ExportQuery query;
    if (!from.isEmpty())
        query.from = QDateTime::fromString(from, Qt::ISODate);
    if (!to.isEmpty())
        query.to = QDateTime::fromString(to, Qt::ISODate);
    if (!minUsd.isEmpty())
        query.minUsd = Decimal::parse(QStringView(minUsd)).value;

    storage::Connection reader(readerConfig(db), u"reader"_s);
    QVERIFY(!reader.open());
    QBuffer out;
    QVERIFY(out.open(QIODevice::WriteOnly));
    qint64 lastProgress = -1;
    const auto result = storage::writeTradesCsv(reader.database(), query, out, [&](qint64 rows) {
        lastProgress = rows;
        return true;
    });
    QVERIFY2(result.ok, qPrintable(result.error));
    QVERIFY(!result.cancelled);
    const QString csv = QString::fromUtf8(out.data());
    QCOMPARE(csv, expected);
    QCOMPARE(result.rows, expected.count(u"\r\n"_s) - 1);
    QCOMPARE(lastProgress, result.rows > 0 ? result.rows : -1);
}

void TestTradeExport::engine_data() {
    QTest::addColumn<QString>("engine");
    for (const QString &e : test::engines())
        QTest::newRow(qPrintable(e)) << e;
}

void TestTradeExport::cancelMidway() {
    LONGSHOT_TEST_DATABASE(db);
    TradeBatch many;
    for (int i = 0; i < 2'500; ++i)
        many.append(makeTrade(u"0x%1"_s.arg(i), kWalletA, u"tok"_s, Side::Buy, "0.5", "2", 1'000'000 + i));
    QString message;
    QVERIFY2(store(db.config(), many, &message), qPrintable(message));

    storage::Connection reader(readerConfig(db), u"reader"_s);
    QVERIFY(!reader.open());
    QBuffer out;
    QVERIFY(out.open(QIODevice::WriteOnly));
    storage::ExportQuery query;
    query.progressEveryRows = 1'000;
    QList<qint64> calls;
    const auto result = storage::writeTradesCsv(reader.database(), query, out, [&](qint64 rows) {
        calls.append(rows);
        return rows < 2'000; // the user presses Cancel at the second report
    });
    QVERIFY(result.cancelled);
    QVERIFY(!result.ok);
    QCOMPARE(result.rows, 2'000);
    QCOMPARE(calls, (QList<qint64>{1'000, 2'000}));
    QCOMPARE(out.data().count("\r\n"), 2'001);
}

void TestTradeExport::stats() {
    LONGSHOT_TEST_DATABASE(db);
    {
        storage::Connection c(db.config(), u"stats"_s);
        QVERIFY(!c.open());
        storage::StorageStats empty;
        QVERIFY(!storage::readStorageStats(c, &empty));
        QCOMPARE(empty.schemaVersion, 0);
        QCOMPARE(empty.trades, 0);
    }
    QString message;
    QVERIFY2(store(db.config(), goldenTrades(), &message), qPrintable(message));
    storage::Connection c(readerConfig(db), u"stats"_s);
    QVERIFY(!c.open());
    storage::StorageStats stats;
    QVERIFY(!storage::readStorageStats(c, &stats));
    QCOMPARE(stats.schemaVersion, storage::latestSchemaVersion());
    QCOMPARE(stats.trades, 4);
    QCOMPARE(stats.markets, 4);
    QCOMPARE(stats.traders, 3);
    QCOMPARE(stats.openGaps, 0);
    QCOMPARE(stats.oldestTradeMs, ms("2024-01-02T03:04:05.678Z"));
    QCOMPARE(stats.newestTradeMs, ms("2024-01-02T04:00:00.001Z"));
    QVERIFY(stats.sizeBytes > 0);
}

QTEST_GUILESS_MAIN(TestTradeExport)
#include "tst_tradeexport.moc"
