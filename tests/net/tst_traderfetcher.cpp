// TraderFetcher against the simulator's trader endpoints: time-window paging past the offset
// cap, the paging ceiling and row ceiling, failed phases, a 429 with Retry-After, and the
// fixture wallet's markets resolved through gamma.
#include "net/restclient.h"
#include "net/simulator/dataapiserver.h"
#include "net/simulator/httpfault.h"
#include "net/simulator/traderendpoints.h"
#include "net/simulator/tradestore.h"
#include "net/traderfetcher.h"
#include "tests/support/testdata.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace longshot;
using namespace longshot::net;
using namespace longshot::net::sim;

namespace {

constexpr char kWallet[] = "0x1111111111111111111111111111111111111111";

Wallet wallet(const char *text = kWallet) {
    return *Wallet::parse(QString::fromLatin1(text));
}

// A row of the given type at the given second.
QByteArray row(qint64 ts, const QByteArray &type = "REWARD", const QByteArray &usdc = "1") {
    return "{\"proxyWallet\":\"" + QByteArray(kWallet) + "\",\"timestamp\":" + QByteArray::number(ts) +
           ",\"conditionId\":\"\",\"type\":\"" + type + "\",\"size\":0,\"usdcSize\":" + usdc +
           ",\"transactionHash\":\"0x" + QByteArray::number(ts) +
           "\",\"price\":0,\"asset\":\"\",\"side\":\"\",\"outcomeIndex\":999}";
}

struct Harness {
    TradeStore store{10};
    TraderEndpoints traders;
    QObject owner;
    DataApiServer *server = nullptr;
    RestClient *rest = nullptr;

    Harness() {
        server = new DataApiServer(&store, &owner);
        server->setTraderEndpoints(&traders);
        rest = new RestClient(&owner);
        rest->setBackoffPolicy(
            BackoffPolicy{std::chrono::milliseconds(20), std::chrono::milliseconds(200), 4});
    }
    bool listen() { return server->listen(); }
    TraderFetchConfig config() const {
        TraderFetchConfig c;
        c.dataApi = server->url();
        c.gammaApi = server->url();
        return c;
    }
};

TraderSnapshot run(TraderFetcher &fetcher, const Wallet &w, qint64 sinceMs = 0) {
    QSignalSpy spy(&fetcher, &TraderFetcher::finished);
    if (!fetcher.fetch(w, sinceMs))
        return {};
    if (!spy.wait(20'000))
        return {};
    return spy.constFirst().constFirst().value<TraderSnapshot>();
}

} // namespace

class TestTraderFetcher final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<TraderSnapshot>(); }
    void windowsPastTheOffsetCap_data();
    void windowsPastTheOffsetCap();
    void pagingCeilingMarksIncomplete();
    void rowCeilingMarksIncomplete();
    void failedPhaseMarksIncomplete();
    void rateLimitedThenComplete();
    void fixtureWallet();
    void incrementalSince();
};

void TestTraderFetcher::windowsPastTheOffsetCap_data() {
    QTest::addColumn<int>("fills");
    QTest::addColumn<int>("pageSize");
    QTest::addColumn<int>("maxOffset");
    QTest::newRow("one page") << 10 << 500 << 3000;
    QTest::newRow("offset paging") << 60 << 10 << 100;
    QTest::newRow("windows") << 200 << 10 << 30;
    QTest::newRow("page equals cap") << 120 << 20 << 20;
}

void TestTraderFetcher::windowsPastTheOffsetCap() {
    QFETCH(int, fills);
    QFETCH(int, pageSize);
    QFETCH(int, maxOffset);
    Harness h;
    QVERIFY(h.listen());
    h.traders.activityMaxOffset = maxOffset;
    const QStringList ids =
        h.traders.addGeneratedHistory(QString::fromLatin1(kWallet), fills, 7, 1'780'000'000);
    h.traders.setValue(QString::fromLatin1(kWallet), "1234.5");
    TraderFetchConfig config = h.config();
    config.activityPageSize = pageSize;
    config.activityMaxOffset = maxOffset;
    TraderFetcher fetcher(h.rest, config);
    const TraderSnapshot s = run(fetcher, wallet());
    QVERIFY2(s.complete, qPrintable(s.incompleteReasons.join(u"; "_s)));
    QCOMPARE(s.wallet, wallet());
    // Every row the server holds arrives once (the generator writes no deposits).
    QCOMPARE(s.events.size(), h.traders.activityRowCount(QString::fromLatin1(kWallet)));
    for (qsizetype i = 1; i < s.events.size(); ++i)
        QVERIFY(s.events.at(i - 1).timestampMs <= s.events.at(i).timestampMs);
    QSet<QString> keys;
    for (const ActivityEvent &e : s.events)
        keys.insert(e.txId + u'/' + activityKindName(e.kind));
    QCOMPARE(keys.size(), s.events.size()); // no row twice
    QCOMPARE(s.value, std::optional<Decimal>(Decimal::fromMicros(1'234'500'000)));
    QCOMPARE(s.markets.size(), ids.size());
    QCOMPARE(s.marketsWithoutMetadata, 0);
    int resolved = 0;
    for (const Market &m : s.markets) {
        QVERIFY(ids.contains(m.marketId));
        QCOMPARE(m.outcomes.size(), 2);
        if (m.closed) {
            ++resolved;
            QVERIFY(m.outcomes.at(0).payout);
        }
    }
    QCOMPARE(resolved, int((ids.size() + 2) / 3));
    QVERIFY(s.errors.isEmpty());
}

void TestTraderFetcher::pagingCeilingMarksIncomplete() {
    Harness h;
    QVERIFY(h.listen());
    h.traders.activityMaxOffset = 20;
    QByteArray rows = "[";
    for (int i = 0; i < 45; ++i)
        rows += (i ? "," : "") + row(1'780'000'000); // all in one second: no window can split them
    rows += "]";
    QCOMPARE(h.traders.addActivityRows(rows), 45);
    TraderFetchConfig config = h.config();
    config.activityPageSize = 10;
    config.activityMaxOffset = 20;
    TraderFetcher fetcher(h.rest, config);
    const TraderSnapshot s = run(fetcher, wallet());
    QVERIFY(!s.complete);
    QCOMPARE(s.incompleteReasons.size(), 1);
    QVERIFY2(s.incompleteReasons.constFirst().contains(u"paging ceiling"_s),
             qPrintable(s.incompleteReasons.join(u';')));
    QCOMPARE(s.events.size(), 30); // what the offsets reached, never a silent zero
    QVERIFY(s.errors.isEmpty());
}

void TestTraderFetcher::rowCeilingMarksIncomplete() {
    Harness h;
    QVERIFY(h.listen());
    h.traders.addGeneratedHistory(QString::fromLatin1(kWallet), 80, 3, 1'780'000'000);
    TraderFetchConfig config = h.config();
    config.activityPageSize = 10;
    config.maxActivityRows = 25;
    TraderFetcher fetcher(h.rest, config);
    const TraderSnapshot s = run(fetcher, wallet());
    QVERIFY(!s.complete);
    QVERIFY(s.incompleteReasons.join(u';').contains(u"25-row ceiling"_s));
    QVERIFY(s.events.size() >= 25);
    QVERIFY(s.events.size() < h.traders.activityRowCount(QString::fromLatin1(kWallet)));
}

void TestTraderFetcher::failedPhaseMarksIncomplete() {
    Harness h;
    QVERIFY(h.listen());
    h.traders.addGeneratedHistory(QString::fromLatin1(kWallet), 30, 5, 1'780'000'000);
    h.traders.setValue(QString::fromLatin1(kWallet), "10");
    // The first request (activity) gets a body cut off halfway: InvalidResponse, dropped.
    h.server->queueFaults({HttpFault::truncated()});
    TraderFetcher fetcher(h.rest, h.config());
    const TraderSnapshot s = run(fetcher, wallet());
    QVERIFY(!s.complete);
    QCOMPARE(s.errors.size(), 1);
    QCOMPARE(s.errors.constFirst().phase, u"activity"_s);
    QCOMPARE(s.errors.constFirst().error.kind, FetchError::Kind::InvalidResponse);
    QVERIFY(s.incompleteReasons.constFirst().startsWith(u"activity: "_s));
    QVERIFY(s.events.isEmpty());
    // The later phases still ran.
    QVERIFY(!s.positions.isEmpty());
    QCOMPARE(s.value, std::optional<Decimal>(Decimal::fromMicros(10'000'000)));
}

void TestTraderFetcher::rateLimitedThenComplete() {
    Harness h;
    QVERIFY(h.listen());
    h.traders.addGeneratedHistory(QString::fromLatin1(kWallet), 30, 9, 1'780'000'000);
    h.server->queueFaults({HttpFault::tooManyRequests(1), HttpFault::tooManyRequests(-1)});
    TraderFetcher fetcher(h.rest, h.config());
    const TraderSnapshot s = run(fetcher, wallet());
    QVERIFY2(s.complete, qPrintable(s.incompleteReasons.join(u"; "_s)));
    QCOMPARE(h.rest->rateLimitedResponses(), qint64(2));
    QCOMPARE(s.events.size(), h.traders.activityRowCount(QString::fromLatin1(kWallet)));
}

void TestTraderFetcher::fixtureWallet() {
    Harness h;
    QVERIFY(h.listen());
    QCOMPARE(
        h.traders.addActivityRows(test::readData(u"polymarket/data_api_activity_records_notebook.json"_s)),
        3);
    QCOMPARE(
        h.traders.addPositionRows(test::readData(u"polymarket/data_api_positions_records_notebook.json"_s)),
        3);
    const Wallet rn1 = wallet("0x2005d16a84ceefa912d4e380cd32e7ff827875ea");
    TraderFetcher fetcher(h.rest, h.config());
    const TraderSnapshot s = run(fetcher, rn1);
    QVERIFY(s.complete);
    QCOMPARE(s.events.size(), 2);
    QCOMPARE(s.events.at(0).timestampMs, qint64(1776748904000)); // oldest first
    QCOMPARE(s.name, u"RN1"_s);
    QCOMPARE(s.positions.size(), 1);
    QVERIFY(!s.value); // the server has none: unknown, not zero
    // gamma knows none of these markets: the activity rows' titles are kept and counted.
    QCOMPARE(s.marketsWithoutMetadata, 2);
    QCOMPARE(s.markets.size(), 2);
}

void TestTraderFetcher::incrementalSince() {
    Harness h;
    QVERIFY(h.listen());
    h.traders.addGeneratedHistory(QString::fromLatin1(kWallet), 50, 11, 1'780'000'000);
    TraderFetcher fetcher(h.rest, h.config());
    const TraderSnapshot s = run(fetcher, wallet(), qint64(1'780'000'030) * 1000);
    QVERIFY(s.complete);
    QVERIFY(!s.events.isEmpty());
    for (const ActivityEvent &e : s.events)
        QVERIFY(e.timestampMs >= qint64(1'780'000'030) * 1000);
    QVERIFY(s.events.size() < h.traders.activityRowCount(QString::fromLatin1(kWallet)));
}

QTEST_GUILESS_MAIN(TestTraderFetcher)
#include "tst_traderfetcher.moc"
