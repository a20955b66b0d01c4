#include "models/domain/trade.h"
#include "storage/connection.h"
#include "storage/migrations.h"
#include "storage/tradewriter.h"
#include "tests/storage/storagetest.h"
#include "tests/storage/writerharness.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace longshot;
using longshot::storage::StorageError;
using longshot::storage::WriteStats;
using longshot::test::makeTrade;

namespace {

constexpr int kWait = 10'000;
const QString kWalletA = u"0x1111111111111111111111111111111111111111"_s;
const QString kWalletB = u"0x2222222222222222222222222222222222222222"_s;

qint64 scalar(storage::Connection &c, const QString &sql) {
    QSqlQuery q(c.database());
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

QString text(storage::Connection &c, const QString &sql) {
    QSqlQuery q(c.database());
    if (!q.exec(sql) || !q.next())
        return u"<no row>"_s;
    return q.value(0).toString();
}

QString errors(const QSignalSpy &spy) {
    QStringList out;
    for (const auto &args : spy)
        out << storage::describe(args.at(0).value<StorageError>());
    return out.join(u"; "_s);
}

WriteStats statsAt(const QSignalSpy &spy, int i) {
    return spy.at(i).at(0).value<WriteStats>();
}

} // namespace

class TestTradeWriter final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void engine_data();

    void duplicatesIgnored_data() { engine_data(); }
    void duplicatesIgnored();
    void exactIntegerSums_data() { engine_data(); }
    void exactIntegerSums();
};

void TestTradeWriter::initTestCase() {
    qRegisterMetaType<WriteStats>();
    qRegisterMetaType<StorageError>();
    qRegisterMetaType<GapRange>();
}

void TestTradeWriter::engine_data() {
    QTest::addColumn<QString>("engine");
    for (const QString &e : test::engines())
        QTest::newRow(qPrintable(e)) << e;
}

void TestTradeWriter::duplicatesIgnored() {
    LONGSHOT_TEST_DATABASE(db);
    test::WriterHarness h(db.config());
    QString message;
    QVERIFY2(h.start(&message), qPrintable(message));
    QSignalSpy stored(h.events(), &test::WriterSignals::stored);
    QSignalSpy failures(h.events(), &test::WriterSignals::storageError);

    Trade a = makeTrade(u"0xaaa"_s, kWalletA, u"111"_s, Side::Buy, "0.42", "1000", 1'700'000'000'000);
    Trade b = makeTrade(u"0xbbb"_s, kWalletB, u"222"_s, Side::Sell, "0.97", "12.5", 1'700'000'001'000);
    // The socket delivers one fill twice (trades + orders_matched) within one batch.
    QVERIFY(h.push({a, b, a}));
    h.drain();
    QTRY_COMPARE_WITH_TIMEOUT(stored.size() + failures.size(), 1, kWait);
    QVERIFY2(failures.isEmpty(), qPrintable(errors(failures)));
    QCOMPARE(statsAt(stored, 0).inserted, 2);
    QCOMPARE(statsAt(stored, 0).duplicates, 1);
    QCOMPARE(statsAt(stored, 0).batches, 1);

    // The REST copy of fill a arrives later from the backfill, with the trader's name.
    Trade restA = a;
    restA.source = TradeSource::Rest;
    restA.receivedMs += 60'000;
    restA.traderName = u"whale"_s;
    Trade c = makeTrade(u"0xccc"_s, kWalletA, u"111"_s, Side::Buy, "0.43", "10", 1'700'000'002'000);
    QVERIFY(h.push({restA}));
    QVERIFY(h.push({c}));
    h.drain();
    QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 2, kWait);
    QCOMPARE(statsAt(stored, 1).inserted, 1);
    QCOMPARE(statsAt(stored, 1).duplicates, 1);
    QCOMPARE(statsAt(stored, 1).batches, 2);
    QCOMPARE(statsAt(stored, 1).newestTradeMs, 1'700'000'002'000);
    h.stop();

    storage::Connection check(db.config(), u"check"_s);
    QVERIFY(!check.open());
    QCOMPARE(scalar(check, u"SELECT COUNT(*) FROM trades"_s), 3);
    QCOMPARE(scalar(check, u"SELECT COUNT(*) FROM trades WHERE tx_id = '0xaaa'"_s), 1);
    QCOMPARE(text(check, u"SELECT source FROM trades WHERE tx_id = '0xaaa'"_s), u"rtds"_s);
    QCOMPARE(text(check, u"SELECT name FROM traders WHERE wallet = '%1'"_s.arg(kWalletA)), u"whale"_s);
}

void TestTradeWriter::exactIntegerSums() {
    LONGSHOT_TEST_DATABASE(db);
    test::WriterHarness h(db.config());
    QString message;
    QVERIFY2(h.start(&message), qPrintable(message));
    QSignalSpy stored(h.events(), &test::WriterSignals::stored);
    QSignalSpy failures(h.events(), &test::WriterSignals::storageError);

    // Prices and sizes whose double sums drift: 0.1 + 0.2 style values, over many rows.
    Decimal expectedNotional;
    Decimal expectedSize;
    TradeBatch batch;
    const char *prices[] = {"0.1", "0.2", "0.3", "0.07", "0.999999", "0.000001", "0.333333"};
    const char *sizes[] = {"0.1", "0.2", "3.3", "1234567.891011", "0.000001", "7", "99999.999999"};
    for (int i = 0; i < 700; ++i) {
        Trade t = makeTrade(u"0x%1"_s.arg(i), i % 2 ? kWalletA : kWalletB, u"a%1"_s.arg(i % 5), Side::Buy,
                            prices[i % 7], sizes[(i / 7) % 7], 1'700'000'000'000 + i);
        expectedNotional = *expectedNotional.checkedAdd(*t.notional());
        expectedSize = *expectedSize.checkedAdd(t.size);
        batch.append(t);
        if (batch.size() == 100) {
            QVERIFY(h.push(batch));
            batch.clear();
        }
    }
    h.drain();
    QTRY_COMPARE_WITH_TIMEOUT(stored.size() + failures.size(), 1, kWait);
    QVERIFY2(failures.isEmpty(), qPrintable(errors(failures)));
    QCOMPARE(statsAt(stored, 0).inserted, 700);
    h.stop();

    storage::Connection check(db.config(), u"check"_s);
    QVERIFY(!check.open());
    QCOMPARE(scalar(check, u"SELECT SUM(notional_micros) FROM trades"_s), expectedNotional.micros());
    QCOMPARE(scalar(check, u"SELECT SUM(size_micros) FROM trades"_s), expectedSize.micros());
    QCOMPARE(text(check, u"SELECT typeof(price_micros) FROM trades LIMIT 1"_s),
             db.isSqlite() ? u"integer"_s : u"<no row>"_s);
}

QTEST_GUILESS_MAIN(TestTradeWriter)
#include "tst_tradewriter.moc"
