// The History panel's read side: the query worker on its own thread with a read-only
// connection. Filters are checked against an independent in-memory evaluation of the same
// trades, sums against Decimal arithmetic, paging against the full order, and request ids
// against bursts that arrive while the worker is busy.
#include "models/domain/historyfilter.h"
#include "storage/historyquery.h"
#include "storage/queryworker.h"
#include "tests/storage/storagetest.h"
#include "tests/storage/writerharness.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace longshot;

namespace {

constexpr qint64 kT0 = 1'735'689'600'000; // 2025-01-01T00:00:00Z
constexpr qint64 kMinute = 60'000;

const QStringList kWallets = {
    u"0xaaaa000000000000000000000000000000000001"_s,
    u"0xaaaa000000000000000000000000000000000002"_s,
    u"0xbbbb000000000000000000000000000000000003"_s,
};
const QStringList kNames = {u"Whale_One"_s, u"fish 100%"_s, QString()};
const QStringList kPseudonyms = {u"Brisk-Otter"_s, u"Calm-Heron"_s, u"Quiet-Lynx"_s};
const QStringList kTitles = {u"Will BTC hit $100k?"_s, u"Fed cuts rates in March"_s,
                             u"BTC above 90k on Friday"_s};

// 60 fills across both venues, three markets and three traders; several share a timestamp so
// the keyset's id tie-break is exercised; notionals run from a micro-dollar to six figures.
TradeBatch sampleTrades() {
    TradeBatch out;
    for (int i = 0; i < 60; ++i) {
        Trade t;
        const int m = i % 3;
        t.venue = i % 5 == 4 ? Venue::Kalshi : Venue::Polymarket;
        t.side = i % 2 ? Side::Sell : Side::Buy;
        t.source = t.venue == Venue::Kalshi ? TradeSource::KalshiWs : TradeSource::Rtds;
        t.price = Decimal::fromMicros(1 + (i * 15'913) % 999'999);
        t.size = Decimal::fromMicros(qint64(1 + i * i * 7) * 1'234'567);
        t.timestampMs = kT0 + (i / 3) * kMinute; // three per minute
        t.receivedMs = t.timestampMs + 90;
        t.outcomeIndex = i % 2;
        t.outcome = i % 2 ? u"No"_s : u"Yes"_s;
        t.txId = TxId::fromText(u"0xtx%1"_s.arg(i, 4, 10, QChar(u'0')));
        if (t.venue == Venue::Kalshi) {
            t.marketId = u"KXMKT-%1"_s.arg(m);
            t.assetId = t.marketId + (i % 2 ? u":no"_s : u":yes"_s);
        } else {
            const int w = (i / 2) % 3;
            t.wallet = *Wallet::parse(kWallets.at(w));
            t.traderName = kNames.at(w);
            t.traderPseudonym = kPseudonyms.at(w);
            t.marketId = u"0xcond%1"_s.arg(m);
            t.assetId = u"tok%1-%2"_s.arg(m).arg(i % 2);
        }
        t.marketTitle = kTitles.at(m);
        t.marketSlug = u"slug-%1"_s.arg(m);
        out << t;
    }
    return out;
}

bool contains(const QString &hay, const QString &needle) {
    return hay.contains(needle.trimmed(), Qt::CaseInsensitive);
}

// The filter, evaluated without SQL.
bool matches(const Trade &t, const HistoryFilter &f) {
    if (f.fromMs > 0 && t.timestampMs < f.fromMs)
        return false;
    if (f.toMs > 0 && t.timestampMs >= f.toMs)
        return false;
    if (f.venue && t.venue != *f.venue)
        return false;
    if (*t.notional() < f.minUsd)
        return false;
    if (!f.market.isEmpty() && t.marketId != f.market && !contains(t.marketTitle, f.market) &&
        !contains(t.marketSlug, f.market))
        return false;
    if (!f.trader.isEmpty()) {
        const QString w = f.trader.toLower();
        if (w.startsWith(u"0x"_s)) {
            if (t.wallet.isEmpty() || !t.wallet.address().startsWith(w))
                return false;
        } else if (t.wallet.isEmpty() ||
                   (!contains(t.traderName, f.trader) && !contains(t.traderPseudonym, f.trader))) {
            return false;
        }
    }
    return true;
}

// Newest first; within one timestamp by tx text, because the row ids that break ties in SQL
// are the writer's business (it inserts a batch sorted by natural key).
QStringList expectedTx(const TradeBatch &all, const HistoryFilter &f) {
    QList<std::pair<qint64, QString>> keys;
    for (const Trade &t : all)
        if (matches(t, f))
            keys << std::make_pair(-t.timestampMs, t.txId.text());
    std::sort(keys.begin(), keys.end());
    QStringList tx;
    for (const auto &k : keys)
        tx << k.second;
    return tx;
}

// The rows in the canonical order of expectedTx, after checking that they arrived strictly
// ordered by (ts_ms, id), descending or ascending.
QStringList canonicalTx(const HistoryRows &rows, bool descending = true) {
    for (qsizetype i = 1; i < rows.size(); ++i) {
        const auto a = std::make_pair(rows[i - 1].trade.timestampMs, rows[i - 1].rowId);
        const auto b = std::make_pair(rows[i].trade.timestampMs, rows[i].rowId);
        if (descending ? !(a > b) : !(a < b))
            return {u"out of order at %1"_s.arg(i)};
    }
    QList<std::pair<qint64, QString>> keys;
    for (const HistoryRow &r : rows)
        keys << std::make_pair(-r.trade.timestampMs, r.trade.txId.text());
    std::sort(keys.begin(), keys.end());
    QStringList tx;
    for (const auto &k : keys)
        tx << k.second;
    return tx;
}

// Re-emits the worker's answers on the test thread, so the spies read lists nobody else writes.
class Relay final : public QObject {
    Q_OBJECT
public:
    explicit Relay(storage::QueryWorker *w) {
        using W = storage::QueryWorker;
        connect(w, &W::opened, this, &Relay::opened);
        connect(w, &W::pageReady, this, &Relay::pageReady);
        connect(w, &W::totalsReady, this, &Relay::totalsReady);
        connect(w, &W::forwardReady, this, &Relay::forwardReady);
        connect(w, &W::statsReady, this, &Relay::statsReady);
        connect(w, &W::maintenanceFinished, this, &Relay::maintenanceFinished);
        connect(w, &W::requestFailed, this, &Relay::requestFailed);
    }
Q_SIGNALS:
    void opened(bool ok, QString message);
    void pageReady(quint64 id, longshot::HistoryRows rows, bool atEnd);
    void totalsReady(quint64 id, longshot::HistoryTotals totals);
    void forwardReady(quint64 id, longshot::HistoryRows rows, bool atEnd);
    void statsReady(quint64 id, longshot::storage::StorageStats stats);
    void maintenanceFinished(quint64 id, bool ok, QString message);
    void requestFailed(quint64 id, QString message);
};

// A worker on its own thread, torn down with quit + wait.
struct WorkerOnThread {
    QThread thread;
    storage::QueryWorker *worker = new storage::QueryWorker;
    Relay relay{worker};
    WorkerOnThread() {
        worker->moveToThread(&thread);
        QObject::connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
    }
    ~WorkerOnThread() {
        thread.quit();
        thread.wait();
    }
    template <typename F> void post(F f) { QMetaObject::invokeMethod(worker, f, Qt::QueuedConnection); }
};

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

} // namespace

class TestQueryWorker final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void filters_data();
    void filters();
    void keysetPagingVisitsEveryRowOnce_data() { engines(); }
    void keysetPagingVisitsEveryRowOnce();
    void forwardChunksAreOldestFirst_data() { engines(); }
    void forwardChunksAreOldestFirst();
    void totalsBurstRunsOnlyTheLatest_data() { engines(); }
    void totalsBurstRunsOnlyTheLatest();
    void rowsRoundTrip_data() { engines(); }
    void rowsRoundTrip();
    void failuresCarryTheRequestId();
    void retentionDeletesOldTrades();

private:
    void engines() {
        QTest::addColumn<QString>("engine");
        for (const QString &e : test::engines())
            QTest::newRow(qPrintable(e)) << e;
    }
};

void TestQueryWorker::filters_data() {
    QTest::addColumn<QString>("engine");
    QTest::addColumn<HistoryFilter>("filter");
    for (const QString &e : test::engines()) {
        const auto row = [&](const char *name, HistoryFilter f) {
            QTest::newRow(qPrintable(e + u'/' + QLatin1String(name))) << e << f;
        };
        row("everything", {});
        row("time range, from inclusive, to exclusive",
            {kT0 + 3 * kMinute, kT0 + 7 * kMinute, {}, {}, {}, {}});
        row("kalshi only", {0, 0, Venue::Kalshi, {}, {}, {}});
        row("polymarket only", {0, 0, Venue::Polymarket, {}, {}, {}});
        row("min usd", {0, 0, {}, {}, {}, Decimal::fromMicros(5'000 * Decimal::kOne)});
        row("market id exact", {0, 0, {}, u"0xcond1"_s, {}, {}});
        row("kalshi ticker", {0, 0, {}, u"KXMKT-2"_s, {}, {}});
        row("market title words, any case", {0, 0, {}, u"btc"_s, {}, {}});
        row("market title with $", {0, 0, {}, u"$100K"_s, {}, {}});
        row("market slug", {0, 0, {}, u"slug-2"_s, {}, {}});
        row("no such market", {0, 0, {}, u"election"_s, {}, {}});
        row("whole wallet, mixed case", {0, 0, {}, {}, u"0xBBBB000000000000000000000000000000000003"_s, {}});
        row("wallet prefix", {0, 0, {}, {}, u"0xaaaa"_s, {}});
        row("trader name", {0, 0, {}, {}, u"whale"_s, {}});
        row("trader name with a literal %", {0, 0, {}, {}, u"100%"_s, {}});
        row("underscore is literal", {0, 0, {}, {}, u"e_o"_s, {}});
        row("pseudonym", {0, 0, {}, {}, u"quiet-lynx"_s, {}});
        row("everything at once", {kT0 + 2 * kMinute, kT0 + 18 * kMinute, Venue::Polymarket, u"btc"_s,
                                   u"0xaaaa"_s, Decimal::fromMicros(10 * Decimal::kOne)});
    }
}

void TestQueryWorker::filters() {
    LONGSHOT_TEST_DATABASE(db);
    QFETCH(HistoryFilter, filter);
    const TradeBatch all = sampleTrades();
    QString message;
    QVERIFY2(store(db.config(), all, &message), qPrintable(message));

    const QStringList expected = expectedTx(all, filter);
    Decimal volume;
    for (const Trade &t : all)
        if (matches(t, filter))
            volume = *volume.checkedAdd(*t.notional());

    WorkerOnThread w;
    QSignalSpy opened(&w.relay, &Relay::opened);
    QSignalSpy pages(&w.relay, &Relay::pageReady);
    QSignalSpy totals(&w.relay, &Relay::totalsReady);
    w.thread.start();
    const storage::DatabaseConfig config = db.config();
    w.post([&w, config] { w.worker->open(config); });
    QVERIFY(opened.wait());
    QVERIFY2(opened.at(0).at(0).toBool(), qPrintable(opened.at(0).at(1).toString()));
    w.post([&w, filter] { w.worker->requestPage(7, filter, {}, 1000); });
    w.post([&w, filter] { w.worker->requestTotals(8, filter); });
    QVERIFY(pages.wait());
    QCOMPARE(pages.at(0).at(0).toULongLong(), quint64(7));
    QCOMPARE(canonicalTx(pages.at(0).at(1).value<HistoryRows>()), expected);
    QVERIFY(pages.at(0).at(2).toBool()); // fewer than the limit: the end
    QVERIFY(totals.size() == 1 || totals.wait());
    QCOMPARE(totals.at(0).at(0).toULongLong(), quint64(8));
    const auto t = totals.at(0).at(1).value<HistoryTotals>();
    QCOMPARE(t.count, qint64(expected.size()));
    QCOMPARE(t.volume, volume);
    QVERIFY(!t.volumeOverflow);
}

void TestQueryWorker::keysetPagingVisitsEveryRowOnce() {
    LONGSHOT_TEST_DATABASE(db);
    const TradeBatch all = sampleTrades();
    QString message;
    QVERIFY2(store(db.config(), all, &message), qPrintable(message));

    WorkerOnThread w;
    QSignalSpy opened(&w.relay, &Relay::opened);
    QSignalSpy pages(&w.relay, &Relay::pageReady);
    w.thread.start();
    const storage::DatabaseConfig config = db.config();
    w.post([&w, config] { w.worker->open(config); });
    QVERIFY(opened.wait());

    // Pages of 4 split the three-per-timestamp groups, so the id tie-break decides every page edge.
    HistoryRows seen;
    HistoryCursor after;
    bool atEnd = false;
    for (quint64 id = 1; !atEnd && id < 100; ++id) {
        w.post([&w, id, after] { w.worker->requestPage(id, {}, after, 4); });
        QVERIFY(pages.wait());
        const QList<QVariant> answer = pages.takeFirst();
        QCOMPARE(answer.at(0).toULongLong(), id);
        const auto rows = answer.at(1).value<HistoryRows>();
        atEnd = answer.at(2).toBool();
        QVERIFY(rows.size() <= 4);
        if (!rows.isEmpty())
            after = cursorAfter(rows.constLast());
        seen << rows;
    }
    QVERIFY(atEnd);
    QCOMPARE(canonicalTx(seen), expectedTx(all, {}));
}

void TestQueryWorker::forwardChunksAreOldestFirst() {
    LONGSHOT_TEST_DATABASE(db);
    const TradeBatch all = sampleTrades();
    QString message;
    QVERIFY2(store(db.config(), all, &message), qPrintable(message));

    WorkerOnThread w;
    QSignalSpy opened(&w.relay, &Relay::opened);
    QSignalSpy chunks(&w.relay, &Relay::forwardReady);
    w.thread.start();
    const storage::DatabaseConfig config = db.config();
    w.post([&w, config] { w.worker->open(config); });
    QVERIFY(opened.wait());

    const HistoryFilter range{kT0 + 5 * kMinute, kT0 + 15 * kMinute, {}, {}, {}, {}};
    HistoryRows seen;
    HistoryCursor after;
    bool atEnd = false;
    while (!atEnd) {
        w.post([&w, range, after] { w.worker->requestForward(3, range, after, 7); });
        QVERIFY(chunks.wait());
        const QList<QVariant> answer = chunks.takeFirst();
        const auto rows = answer.at(1).value<HistoryRows>();
        atEnd = answer.at(2).toBool();
        if (!rows.isEmpty())
            after = cursorAfter(rows.constLast());
        seen << rows;
    }
    QCOMPARE(canonicalTx(seen, false), expectedTx(all, range));
    QCOMPARE(seen.size(), 30);
}

void TestQueryWorker::totalsBurstRunsOnlyTheLatest() {
    LONGSHOT_TEST_DATABASE(db);
    const TradeBatch all = sampleTrades();
    QString message;
    QVERIFY2(store(db.config(), all, &message), qPrintable(message));

    // Everything is queued before the thread runs: the worker meets the whole burst at once,
    // as it does when the user types into a filter while a slow count is running.
    WorkerOnThread w;
    QSignalSpy totals(&w.relay, &Relay::totalsReady);
    const storage::DatabaseConfig config = db.config();
    w.post([&w, config] { w.worker->open(config); });
    for (quint64 id = 1; id <= 3; ++id) {
        const HistoryFilter f{0, 0, {}, {}, {}, Decimal::fromMicros(qint64(id) * 1'000 * Decimal::kOne)};
        w.post([&w, id, f] { w.worker->requestTotals(id, f); });
    }
    w.thread.start();
    QVERIFY(totals.wait());
    QTest::qWait(100); // anything else would have arrived by now
    QCOMPARE(totals.size(), 1);
    QCOMPARE(totals.at(0).at(0).toULongLong(), quint64(3));
    const HistoryFilter last{0, 0, {}, {}, {}, Decimal::fromMicros(3'000 * Decimal::kOne)};
    QCOMPARE(totals.at(0).at(1).value<HistoryTotals>().count, qint64(expectedTx(all, last).size()));
}

void TestQueryWorker::rowsRoundTrip() {
    LONGSHOT_TEST_DATABASE(db);
    const TradeBatch all = sampleTrades();
    QString message;
    QVERIFY2(store(db.config(), all, &message), qPrintable(message));

    WorkerOnThread w;
    QSignalSpy opened(&w.relay, &Relay::opened);
    QSignalSpy pages(&w.relay, &Relay::pageReady);
    w.thread.start();
    const storage::DatabaseConfig config = db.config();
    w.post([&w, config] { w.worker->open(config); });
    QVERIFY(opened.wait());
    w.post([&w] { w.worker->requestPage(1, {}, {}, 100); });
    QVERIFY(pages.wait());
    const auto rows = pages.at(0).at(1).value<HistoryRows>();
    QCOMPARE(rows.size(), all.size());
    for (const HistoryRow &r : rows) {
        const auto it =
            std::find_if(all.cbegin(), all.cend(), [&](const Trade &t) { return t.txId == r.trade.txId; });
        QVERIFY(it != all.cend());
        QCOMPARE(r.trade.venue, it->venue);
        QCOMPARE(r.trade.side, it->side);
        QCOMPARE(r.trade.price, it->price);
        QCOMPARE(r.trade.size, it->size);
        QCOMPARE(r.notionalMicros, it->notional()->micros());
        QCOMPARE(r.trade.timestampMs, it->timestampMs);
        QCOMPARE(r.trade.marketId, it->marketId);
        QCOMPARE(r.trade.marketTitle, it->marketTitle);
        QCOMPARE(r.trade.outcome, it->outcome);
        QCOMPARE(r.trade.wallet, it->wallet);
        QCOMPARE(r.trade.traderName, it->traderName);
        QCOMPARE(r.trade.traderPseudonym, it->traderPseudonym);
        QCOMPARE(r.trade.source, it->source);
        QVERIFY(r.rowId > 0);
    }
}

void TestQueryWorker::failuresCarryTheRequestId() {
    WorkerOnThread w;
    QSignalSpy opened(&w.relay, &Relay::opened);
    QSignalSpy failed(&w.relay, &Relay::requestFailed);
    w.thread.start();
    w.post([&w] { w.worker->requestPage(41, {}, {}, 10); });
    QVERIFY(failed.wait());
    QCOMPARE(failed.at(0).at(0).toULongLong(), quint64(41));
    // A reader never creates a database: a missing file is an error, not an empty file.
    QTemporaryDir dir;
    const auto config = storage::DatabaseConfig::sqlite(dir.filePath(u"missing.sqlite"_s));
    w.post([&w, config] { w.worker->open(config); });
    QVERIFY(opened.wait());
    QVERIFY(!opened.at(0).at(0).toBool());
    QVERIFY(!QFile::exists(config.path));
    w.post([&w] { w.worker->requestStats(42); });
    QVERIFY(failed.wait());
    QCOMPARE(failed.at(1).at(0).toULongLong(), quint64(42));
}

void TestQueryWorker::retentionDeletesOldTrades() {
    test::TestDatabase db(QLatin1String(test::kSqlite));
    QVERIFY2(db.ok(), qPrintable(db.error()));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    TradeBatch trades = sampleTrades();
    for (int i = 0; i < trades.size(); ++i) // one trade a day, the newest today
        trades[i].timestampMs = now - qint64(i) * 24 * 3600 * 1000 - 1000;
    QString message;
    QVERIFY2(store(db.config(), trades, &message), qPrintable(message));

    WorkerOnThread w;
    QSignalSpy opened(&w.relay, &Relay::opened);
    QSignalSpy finished(&w.relay, &Relay::maintenanceFinished);
    QSignalSpy stats(&w.relay, &Relay::statsReady);
    w.thread.start();
    const storage::DatabaseConfig config = db.config();
    w.post([&w, config] { w.worker->open(config); });
    QVERIFY(opened.wait());
    w.post([&w] { w.worker->runMaintenance(5, {true, true, 10}); });
    QVERIFY(finished.wait(30'000));
    QCOMPARE(finished.at(0).at(0).toULongLong(), quint64(5));
    QVERIFY2(finished.at(0).at(1).toBool(), qPrintable(finished.at(0).at(2).toString()));
    w.post([&w] { w.worker->requestStats(6); });
    QVERIFY(stats.wait());
    // Days 0..9 are younger than ten days; day 10 is a second older than the cut-off.
    QCOMPARE(stats.at(0).at(1).value<storage::StorageStats>().trades, qint64(10));
}

QTEST_GUILESS_MAIN(TestQueryWorker)
#include "tst_queryworker.moc"
