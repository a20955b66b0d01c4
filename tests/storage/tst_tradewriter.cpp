#include "models/domain/trade.h"
#include "storage/connection.h"
#include "storage/migrations.h"
#include "storage/tradewriter.h"
#include "tests/storage/storagetest.h"
#include "tests/storage/writerharness.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
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

StorageError errorAt(const QSignalSpy &spy, int i) {
    return spy.at(i).at(0).value<StorageError>();
}

qint64 sumInserted(const QSignalSpy &spy) {
    qint64 total = 0;
    for (int i = 0; i < spy.size(); ++i)
        total += statsAt(spy, i).inserted;
    return total;
}

TradeBatch makeBatch(int first, int count, qint64 firstTs) {
    TradeBatch batch;
    for (int i = first; i < first + count; ++i)
        batch.append(makeTrade(u"0x%1"_s.arg(i, 6, 10, QChar(u'0')), i % 2 ? kWalletA : kWalletB,
                               u"tok%1"_s.arg(i % 3), Side::Buy, "0.5", "2", firstTs + (i - first)));
    return batch;
}

bool run(const QString &program, const QStringList &args) {
    QProcess p;
    p.start(program, args);
    return p.waitForFinished(10'000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

} // namespace

class TestTradeWriter final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // Every route's stored name reads back as that route; an unknown name as the socket.
    void sourceNamesRoundTrip() {
        for (const TradeSource source : {TradeSource::Rtds, TradeSource::Rest, TradeSource::KalshiWs,
                                         TradeSource::KalshiRest, TradeSource::Replay}) {
            QVERIFY(!storage::tradeSourceName(source).isEmpty());
            QCOMPARE(storage::tradeSourceFromName(storage::tradeSourceName(source)), source);
        }
        QCOMPARE(storage::tradeSourceFromName(QStringLiteral("carrier pigeon")), TradeSource::Rtds);
    }
    void initTestCase();
    void engine_data();

    void duplicatesIgnored_data() { engine_data(); }
    void duplicatesIgnored();
    void exactIntegerSums_data() { engine_data(); }
    void exactIntegerSums();
    void oneTransactionPerDrain_data() { engine_data(); }
    void oneTransactionPerDrain();
    void metadataUpserted_data() { engine_data(); }
    void metadataUpserted();
    void traderLastSeenKeptToTheHour_data() { engine_data(); }
    void traderLastSeenKeptToTheHour();
    void gapsAndNewestTrade_data() { engine_data(); }
    void gapsAndNewestTrade();
    void lockedKeepsRows_data() { engine_data(); }
    void lockedKeepsRows();
    void backlogOverflowBecomesGap_data() { engine_data(); }
    void backlogOverflowBecomesGap();
    void slowWriterRefusedBatchesBecomeGaps_data() { engine_data(); }
    void slowWriterRefusedBatchesBecomeGaps();
    void readOnlyFileKeepsRows();
    void diskFullKeepsRows();
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
    // Stored as integers, never REAL: a float column would have rounded the sums above.
    if (db.isSqlite()) {
        QCOMPARE(scalar(check, u"SELECT COUNT(*) FROM trades WHERE typeof(price_micros) <> 'integer' "
                               "OR typeof(notional_micros) <> 'integer'"_s),
                 0);
    } else {
        QCOMPARE(text(check,
                      u"SELECT data_type FROM information_schema.columns WHERE table_schema = "
                      "current_schema() AND table_name = 'trades' AND column_name = 'notional_micros'"_s),
                 u"bigint"_s);
    }
}

void TestTradeWriter::oneTransactionPerDrain() {
    LONGSHOT_TEST_DATABASE(db);
    test::WriterHarness h(db.config());
    QString message;
    QVERIFY2(h.start(&message), qPrintable(message));
    QSignalSpy stored(h.events(), &test::WriterSignals::stored);
    QSignalSpy failures(h.events(), &test::WriterSignals::storageError);

    // A trigger that rejects one row: the rows of the drain before it must be rolled back too.
    storage::Connection check(db.config(), u"check"_s);
    QVERIFY(!check.open());
    if (db.isSqlite()) {
        QVERIFY(!check.exec(u"CREATE TRIGGER boom BEFORE INSERT ON trades WHEN NEW.tx_id = 'boom' "
                            "BEGIN SELECT RAISE(ABORT, 'boom'); END"_s));
    } else {
        QVERIFY(
            !check.exec(u"CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                        "IF NEW.tx_id = 'boom' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$"_s));
        QVERIFY(!check.exec(
            u"CREATE TRIGGER boom BEFORE INSERT ON trades FOR EACH ROW EXECUTE FUNCTION boom()"_s));
    }
    QVERIFY(h.push(makeBatch(0, 50, 1'000)));
    QVERIFY(h.push(makeBatch(50, 50, 2'000)));
    QVERIFY(h.push({makeTrade(u"boom"_s, kWalletA, u"tok0"_s, Side::Sell, "0.1", "1", 3'000)}));
    h.drain();
    QTRY_VERIFY_WITH_TIMEOUT(failures.size() >= 1, kWait);
    QCOMPARE(errorAt(failures, 0).kind, StorageError::Kind::Query);
    QVERIFY2(errorAt(failures, 0).message.contains(u"boom"_s), qPrintable(errorAt(failures, 0).message));
    QCOMPARE(stored.size(), 0);
    QCOMPARE(scalar(check, u"SELECT COUNT(*) FROM trades"_s), 0);

    // The rows were kept; once the cause is gone the retry stores all of them, in one go.
    QVERIFY(!check.exec(db.isSqlite() ? u"DROP TRIGGER boom"_s : u"DROP TRIGGER boom ON trades"_s));
    QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, kWait);
    QCOMPARE(statsAt(stored, 0).inserted, 101);
    QCOMPARE(statsAt(stored, 0).batches, 3);
    QCOMPARE(statsAt(stored, 0).pendingRows, 0);
    QCOMPARE(scalar(check, u"SELECT COUNT(*) FROM trades"_s), 101);
    if (!db.isSqlite()) // every row carries the id of the transaction that wrote it
        QCOMPARE(scalar(check, u"SELECT COUNT(DISTINCT xmin::text) FROM trades"_s), 1);
}

void TestTradeWriter::metadataUpserted() {
    LONGSHOT_TEST_DATABASE(db);
    test::WriterHarness h(db.config());
    QString message;
    QVERIFY2(h.start(&message), qPrintable(message));
    QSignalSpy stored(h.events(), &test::WriterSignals::stored);

    Trade first = makeTrade(u"0x01"_s, kWalletA, u"tokY"_s, Side::Buy, "0.3", "10", 1'000);
    first.marketId = u"0xmarket"_s;
    first.traderPseudonym = u"Quiet-Owl"_s;
    Trade second = makeTrade(u"0x02"_s, kWalletA, u"tokN"_s, Side::Sell, "0.7", "5", 3'000);
    second.marketId = u"0xmarket"_s;
    second.outcome = u"No"_s;
    second.outcomeIndex = 1;
    second.marketTitle = u"Will it rain in Zürich? ☔"_s;
    second.marketSlug = u"rain-zurich"_s;
    second.traderName = u"whale"_s;
    QVERIFY(h.push({first, second}));
    h.drain();
    QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, kWait);

    // A later, poorer copy (no title, no names) and an older trade must not erase anything.
    Trade older = makeTrade(u"0x03"_s, kWalletA, u"tokY"_s, Side::Buy, "0.2", "1", 500);
    older.marketId = u"0xmarket"_s;
    older.outcome.clear();
    older.outcomeIndex = -1;
    QVERIFY(h.push({older}));
    h.drain();
    QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 2, kWait);
    h.stop();

    storage::Connection check(db.config(), u"check"_s);
    QVERIFY(!check.open());
    QCOMPARE(scalar(check, u"SELECT COUNT(*) FROM markets"_s), 1);
    QCOMPARE(text(check, u"SELECT title FROM markets WHERE market_id = '0xmarket'"_s), second.marketTitle);
    QCOMPARE(text(check, u"SELECT slug FROM markets WHERE market_id = '0xmarket'"_s), u"rain-zurich"_s);
    QCOMPARE(text(check, u"SELECT name FROM outcomes WHERE asset_id = 'tokY'"_s), u"Yes"_s);
    QCOMPARE(scalar(check, u"SELECT outcome_index FROM outcomes WHERE asset_id = 'tokY'"_s), 0);
    QCOMPARE(text(check, u"SELECT name FROM outcomes WHERE asset_id = 'tokN'"_s), u"No"_s);
    QCOMPARE(scalar(check, u"SELECT outcome_index FROM outcomes WHERE asset_id = 'tokN'"_s), 1);
    const QString trader = u" FROM traders WHERE wallet = '%1'"_s.arg(kWalletA);
    QCOMPARE(text(check, u"SELECT name"_s + trader), u"whale"_s);
    QCOMPARE(text(check, u"SELECT pseudonym"_s + trader), u"Quiet-Owl"_s);
    QCOMPARE(scalar(check, u"SELECT first_seen_ms"_s + trader), 500);
    QCOMPARE(scalar(check, u"SELECT last_seen_ms"_s + trader), 3'000);
    QCOMPARE(scalar(check, u"SELECT COUNT(*) FROM traders"_s), 1);
}

void TestTradeWriter::traderLastSeenKeptToTheHour() {
    LONGSHOT_TEST_DATABASE(db);
    test::WriterHarness h(db.config());
    QString message;
    QVERIFY2(h.start(&message), qPrintable(message));
    QSignalSpy stored(h.events(), &test::WriterSignals::stored);
    constexpr qint64 start = 1'700'000'000'000;
    constexpr qint64 minute = 60'000;
    const QString trader = u" FROM traders WHERE wallet = '%1'"_s.arg(kWalletA);
    int drained = 0;
    auto write = [&](const QString &tx, qint64 ts, const QString &pseudonym = {}) {
        Trade t = makeTrade(tx, kWalletA, u"tokY"_s, Side::Buy, "0.3", "10", ts);
        t.traderPseudonym = pseudonym;
        if (!h.push({t}))
            return false;
        h.drain();
        return QTest::qWaitFor([&] { return stored.size() == drained + 1; }, kWait) && ++drained;
    };
    auto read = [&](const char *column) {
        storage::Connection check(db.config(), u"check"_s);
        if (check.open())
            return qint64(-1);
        return scalar(check, u"SELECT "_s + QLatin1StringView(column) + trader);
    };
    auto readPseudonym = [&] {
        storage::Connection check(db.config(), u"check"_s);
        return check.open() ? QString() : text(check, u"SELECT pseudonym"_s + trader);
    };

    QVERIFY(write(u"0x01"_s, start));
    QVERIFY(write(u"0x02"_s, start + 59 * minute)); // within the hour: the row is not rewritten
    QCOMPARE(read("last_seen_ms"), start);
    QVERIFY(write(u"0x03"_s, start + 61 * minute));
    QCOMPARE(read("last_seen_ms"), start + 61 * minute);
    // A new name or an earlier first sighting is written at once, with the latest sighting.
    QVERIFY(write(u"0x04"_s, start + 62 * minute, u"Quiet-Owl"_s));
    QCOMPARE(readPseudonym(), u"Quiet-Owl"_s);
    QCOMPARE(read("last_seen_ms"), start + 62 * minute);
    QVERIFY(write(u"0x05"_s, start - minute));
    QCOMPARE(read("first_seen_ms"), start - minute);
    QCOMPARE(read("last_seen_ms"), start + 62 * minute);
    h.stop();
    QCOMPARE(read("last_seen_ms"), start + 62 * minute);
}

void TestTradeWriter::gapsAndNewestTrade() {
    LONGSHOT_TEST_DATABASE(db);
    test::WriterHarness h(db.config());
    QString message;
    QVERIFY2(h.start(&message), qPrintable(message));
    QSignalSpy stored(h.events(), &test::WriterSignals::stored);
    QSignalSpy recorded(h.events(), &test::WriterSignals::gapRecorded);
    QSignalSpy filled(h.events(), &test::WriterSignals::gapFilled);
    QSignalSpy newest(h.events(), &test::WriterSignals::newestTradeMs);

    h.queryNewestTrade();
    QTRY_COMPARE_WITH_TIMEOUT(newest.size(), 2, kWait); // one answer per venue
    QCOMPARE(newest.at(0).at(0).value<Venue>(), Venue::Polymarket);
    QCOMPARE(newest.at(0).at(1).toLongLong(), 0); // empty database: the backfill starts from scratch
    QCOMPARE(newest.at(1).at(0).value<Venue>(), Venue::Kalshi);
    QCOMPARE(newest.at(1).at(1).toLongLong(), 0);

    QVERIFY(h.push(makeBatch(0, 10, 1'700'000'000'000)));
    h.drain();
    QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, kWait);
    // A newer Kalshi trade must not move Polymarket's edge (each venue backfills its own).
    Trade kalshi;
    kalshi.venue = Venue::Kalshi;
    kalshi.source = TradeSource::KalshiWs;
    kalshi.txId = TxId::fromText(u"kalshi-trade-1"_s);
    kalshi.marketId = u"KXTEST-26"_s;
    kalshi.assetId = u"KXTEST-26:yes"_s;
    kalshi.price = Decimal::fromMicros(400'000);
    kalshi.size = Decimal::fromMicros(10 * Decimal::kOne);
    kalshi.timestampMs = 1'700'000'500'000;
    QVERIFY(h.push(TradeBatch{kalshi}));
    h.drain();
    QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 2, kWait);
    h.queryNewestTrade();
    QTRY_COMPARE_WITH_TIMEOUT(newest.size(), 4, kWait);
    QCOMPARE(newest.at(2).at(0).value<Venue>(), Venue::Polymarket);
    QCOMPARE(newest.at(2).at(1).toLongLong(), 1'700'000'000'009);
    QCOMPARE(newest.at(3).at(0).value<Venue>(), Venue::Kalshi);
    QCOMPARE(newest.at(3).at(1).toLongLong(), 1'700'000'500'000);

    GapRange gap;
    gap.feed = u"polymarket.rtds"_s;
    gap.fromMs = 1'700'000'000'100;
    gap.toMs = 1'700'000'030'000;
    gap.reason = u"reconnect"_s;
    h.recordGap(gap);
    h.recordGap(gap);
    QTRY_COMPARE_WITH_TIMEOUT(recorded.size(), 2, kWait);
    const qint64 id = recorded.at(0).at(0).toLongLong();
    QVERIFY(recorded.at(1).at(0).toLongLong() != id);
    QCOMPARE(recorded.at(0).at(1).value<GapRange>().reason, u"reconnect"_s);
    h.markGapFilled(id);
    QTRY_COMPARE_WITH_TIMEOUT(filled.size(), 1, kWait);
    QCOMPARE(filled.at(0).at(0).toLongLong(), id);
    h.stop();

    storage::Connection check(db.config(), u"check"_s);
    QVERIFY(!check.open());
    QCOMPARE(scalar(check, u"SELECT COUNT(*) FROM gaps WHERE filled_ms IS NULL"_s), 1);
    QCOMPARE(scalar(check, u"SELECT to_ms FROM gaps WHERE id = %1"_s.arg(id)), gap.toMs);
    QVERIFY(scalar(check, u"SELECT filled_ms FROM gaps WHERE id = %1"_s.arg(id)) > 0);
    QCOMPARE(text(check, u"SELECT feed FROM gaps WHERE id = %1"_s.arg(id)), gap.feed);
}

void TestTradeWriter::lockedKeepsRows() {
    LONGSHOT_TEST_DATABASE(db);
    test::WriterHarness h(db.config());
    QString message;
    QVERIFY2(h.start(&message), qPrintable(message));
    QSignalSpy stored(h.events(), &test::WriterSignals::stored);
    QSignalSpy failures(h.events(), &test::WriterSignals::storageError);

    storage::Connection blocker(db.config(), u"blocker"_s);
    QVERIFY(!blocker.open());
    if (db.isSqlite()) {
        QVERIFY(!blocker.exec(u"BEGIN EXCLUSIVE"_s));
    } else {
        QVERIFY(!blocker.exec(u"BEGIN"_s));
        QVERIFY(!blocker.exec(u"LOCK TABLE trades IN EXCLUSIVE MODE"_s));
    }
    QVERIFY(h.push(makeBatch(0, 40, 5'000)));
    h.drain();
    QTRY_VERIFY_WITH_TIMEOUT(failures.size() >= 2, kWait); // the first try and at least one retry
    for (int i = 0; i < failures.size(); ++i)
        QCOMPARE(errorAt(failures, i).kind, StorageError::Kind::Locked);
    QCOMPARE(stored.size(), 0);

    // More rows arrive while the lock is held: held too, not dropped.
    QVERIFY(h.push(makeBatch(40, 40, 6'000)));
    h.drain();
    QVERIFY(!blocker.exec(u"ROLLBACK"_s));
    QTRY_VERIFY_WITH_TIMEOUT(sumInserted(stored) == 80, kWait);
    QCOMPARE(statsAt(stored, stored.size() - 1).pendingRows, 0);
    QCOMPARE(scalar(blocker, u"SELECT COUNT(*) FROM trades"_s), 80);
}

void TestTradeWriter::backlogOverflowBecomesGap() {
    LONGSHOT_TEST_DATABASE(db);
    test::WriterHarness h(db.config());
    h.writer().setMaxBacklogRows(100);
    QString message;
    QVERIFY2(h.start(&message), qPrintable(message));
    QSignalSpy stored(h.events(), &test::WriterSignals::stored);
    QSignalSpy failures(h.events(), &test::WriterSignals::storageError);
    QSignalSpy overflow(h.events(), &test::WriterSignals::backlogOverflow);
    QSignalSpy recorded(h.events(), &test::WriterSignals::gapRecorded);

    storage::Connection blocker(db.config(), u"blocker"_s);
    QVERIFY(!blocker.open());
    if (db.isSqlite()) {
        QVERIFY(!blocker.exec(u"BEGIN EXCLUSIVE"_s));
    } else {
        QVERIFY(!blocker.exec(u"BEGIN"_s));
        QVERIFY(!blocker.exec(u"LOCK TABLE trades IN EXCLUSIVE MODE"_s));
    }
    QVERIFY(h.push(makeBatch(0, 60, 10'000)));
    h.drain();
    QTRY_VERIFY_WITH_TIMEOUT(failures.size() >= 1, kWait);
    QVERIFY(h.push(makeBatch(60, 60, 20'000)));
    h.drain();
    QTRY_COMPARE_WITH_TIMEOUT(overflow.size(), 1, kWait);
    const GapRange gap = overflow.at(0).at(0).value<GapRange>();
    // The 20 oldest rows were let go: exactly their exchange-time range became the gap.
    QCOMPARE(gap.fromMs, 10'000);
    QCOMPARE(gap.toMs, 10'019);
    QCOMPARE(gap.feed, u"polymarket.trades"_s);
    QVERIFY2(gap.reason.contains(u"20 rows"_s), qPrintable(gap.reason));

    QVERIFY(!blocker.exec(u"ROLLBACK"_s));
    QTRY_VERIFY_WITH_TIMEOUT(sumInserted(stored) == 100 && recorded.size() == 1, kWait);
    QCOMPARE(scalar(blocker, u"SELECT COUNT(*) FROM trades"_s), 100);
    QCOMPARE(scalar(blocker, u"SELECT MIN(ts_ms) FROM trades"_s), 10'020);
    QCOMPARE(scalar(blocker, u"SELECT COUNT(*) FROM gaps WHERE from_ms = 10000 AND to_ms = 10019"_s), 1);
}

void TestTradeWriter::slowWriterRefusedBatchesBecomeGaps() {
    LONGSHOT_TEST_DATABASE(db);
    test::WriterHarness h(db.config(), 2);
    h.writer().setArtificialDelayMs(100);
    QString message;
    QVERIFY2(h.start(&message), qPrintable(message));
    QSignalSpy stored(h.events(), &test::WriterSignals::stored);
    QSignalSpy recorded(h.events(), &test::WriterSignals::gapRecorded);

    // The producer side as the feed runs it: a refused batch becomes a gap, never a silent loss.
    int accepted = 0;
    int refused = 0;
    for (int b = 0; b < 20; ++b) {
        const TradeBatch batch = makeBatch(b * 10, 10, 100'000 + b * 1'000);
        if (h.push(batch)) {
            ++accepted;
            h.drain();
        } else {
            ++refused;
            GapRange gap;
            gap.feed = u"polymarket.rtds"_s;
            gap.fromMs = batch.constFirst().timestampMs;
            gap.toMs = batch.constLast().timestampMs;
            gap.reason = u"storage queue full"_s;
            h.recordGap(gap);
        }
        QTest::qWait(20);
    }
    QCOMPARE(accepted + refused, 20);
    QVERIFY2(refused > 0, "the slowed writer should have let the queue fill up");
    QTRY_VERIFY_WITH_TIMEOUT(sumInserted(stored) == accepted * 10 && recorded.size() == refused, 30'000);
    h.stop();

    storage::Connection check(db.config(), u"check"_s);
    QVERIFY(!check.open());
    QCOMPARE(scalar(check, u"SELECT COUNT(*) FROM trades"_s), accepted * 10);
    QCOMPARE(scalar(check, u"SELECT COUNT(*) FROM gaps"_s), refused);
    // Every batch is accounted for: stored, or covered by a gap for the backfill.
    QCOMPARE(scalar(check, u"SELECT COUNT(*) FROM trades t WHERE EXISTS (SELECT 1 FROM gaps g "
                           "WHERE t.ts_ms BETWEEN g.from_ms AND g.to_ms)"_s),
             0);
}

void TestTradeWriter::readOnlyFileKeepsRows() {
    // Root ignores chmod 0444, but not the immutable attribute: the kernel refuses the write,
    // SQLite falls back to a read-only open, and every write fails as it would for a user.
    test::TestDatabase db(QString::fromLatin1(test::kSqlite));
    QVERIFY(db.ok());
    {
        storage::Connection setup(db.config(), u"setup"_s);
        QVERIFY(!setup.open());
        QVERIFY(!storage::migrate(setup));
    }
    const QString file = db.config().path;
    if (!run(u"chattr"_s, {u"+i"_s, file}))
        QSKIP("chattr +i is not available here (needs root on a filesystem with inode flags)");
    struct Unlock {
        QString file;
        ~Unlock() { run(u"chattr"_s, {u"-i"_s, file}); }
    } unlock{file};

    test::WriterHarness h(db.config());
    QString message;
    QVERIFY2(h.start(&message), qPrintable(message));
    QSignalSpy stored(h.events(), &test::WriterSignals::stored);
    QSignalSpy failures(h.events(), &test::WriterSignals::storageError);
    QVERIFY(h.push(makeBatch(0, 30, 1'000)));
    h.drain();
    QTRY_VERIFY_WITH_TIMEOUT(failures.size() >= 1, kWait);
    QCOMPARE(errorAt(failures, 0).kind, StorageError::Kind::ReadOnly);
    QCOMPARE(stored.size(), 0);

    QVERIFY(run(u"chattr"_s, {u"-i"_s, file}));
    QTRY_COMPARE_WITH_TIMEOUT(sumInserted(stored), 30, kWait);
    h.stop();
    storage::Connection check(db.config(), u"check"_s);
    QVERIFY(!check.open());
    QCOMPARE(scalar(check, u"SELECT COUNT(*) FROM trades"_s), 30);
}

void TestTradeWriter::diskFullKeepsRows() {
    // A real ENOSPC: the database lives on a tiny tmpfs that a ballast file fills up. Room for
    // the 2,000 rows with every index once the ballast is gone.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString mountPoint = dir.filePath(u"tiny"_s);
    QVERIFY(QDir().mkpath(mountPoint));
    if (!run(u"mount"_s, {u"-t"_s, u"tmpfs"_s, u"-o"_s, u"size=4m"_s, u"tmpfs"_s, mountPoint}))
        QSKIP("cannot mount a tmpfs here (needs root); disk-full is covered where it can be");
    struct Unmount {
        QString path;
        ~Unmount() { run(u"umount"_s, {path}); }
    } unmount{mountPoint};

    auto config = storage::DatabaseConfig::sqlite(mountPoint + u"/trades.sqlite"_s);
    config.busyTimeoutMs = 200;
    {
        test::WriterHarness h(config);
        QString message;
        QVERIFY2(h.start(&message), qPrintable(message));
        QSignalSpy stored(h.events(), &test::WriterSignals::stored);
        QSignalSpy failures(h.events(), &test::WriterSignals::storageError);

        QFile ballast(mountPoint + u"/ballast"_s);
        QVERIFY(ballast.open(QIODevice::WriteOnly));
        const QByteArray chunk(4096, 'x');
        while (ballast.write(chunk) == chunk.size() && ballast.flush()) {
        }
        ballast.close();

        QVERIFY(h.push(makeBatch(0, 2'000, 1'000)));
        h.drain();
        QTRY_VERIFY_WITH_TIMEOUT(failures.size() >= 1, kWait);
        QCOMPARE(errorAt(failures, 0).kind, StorageError::Kind::DiskFull);
        QCOMPARE(stored.size(), 0);

        QVERIFY(ballast.remove());
        QTRY_COMPARE_WITH_TIMEOUT(sumInserted(stored), 2'000, kWait);
        h.stop();
    }
    storage::Connection check(config, u"check"_s);
    QVERIFY(!check.open());
    QCOMPARE(scalar(check, u"SELECT COUNT(*) FROM trades"_s), 2'000);
}

QTEST_GUILESS_MAIN(TestTradeWriter)
#include "tst_tradewriter.moc"
