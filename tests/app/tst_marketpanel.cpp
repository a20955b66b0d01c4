// The Market dock end to end on loopback: a Kalshi market's book and metadata from the
// simulator (public REST without a key, the signed WebSocket with one), the stored history
// and smart-money line from the reader, answers for an earlier selection dropped, and the
// offline dock that only storage feeds.
#include "app/feedpipeline.h"
#include "app/mainwindow.h"
#include "app/marketpanel.h"
#include "models/orderbookmodel.h"
#include "models/whalefeedmodel.h"
#include "net/kalshisigner.h"
#include "net/simulator/clobserver.h"
#include "net/simulator/exchangesimulator.h"
#include "net/simulator/kalshiserver.h"
#include "net/simulator/simulatorthread.h"
#include "tests/storage/storagetest.h"
#include "tests/storage/writerharness.h"
#include "views/marketview.h"
#include "views/orderbookview.h"

#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace longshot;
using namespace longshot::app;

namespace {

const QString kTicker = u"KXTESTMKT-26DEC31-T50"_s;
const QString kPoly = u"0xfeed000000000000000000000000000000000000000000000000000000000001"_s;
constexpr qint64 kT0 = 1'790'000'000'000;

Decimal dec(const char *text) {
    return Decimal::parse(std::string_view(text)).value;
}

PriceLevel level(const char *price, const char *size) {
    return PriceLevel{dec(price), dec(size)};
}

// Loopback endpoints for every market-dock client, so nothing reaches a real exchange.
CommandLineOptions optionsFor(net::sim::SimulatorThread &sim) {
    CommandLineOptions options;
    options.endpoints.insert(EndpointKey::PolymarketData, sim.dataApiUrl());
    sim.runBlocking([&options](net::sim::ExchangeSimulator &s) {
        options.endpoints.insert(EndpointKey::PolymarketClob, s.clob()->marketUrl());
        options.endpoints.insert(EndpointKey::PolymarketGamma, s.clob()->restUrl());
        options.endpoints.insert(EndpointKey::KalshiRest, s.kalshi()->restUrl());
        options.endpoints.insert(EndpointKey::KalshiWs, s.kalshi()->wsUrl());
        // YES bids at 41 and 40, NO bids at 57 (a YES ask at 43).
        s.kalshi()->setBook(kTicker, {level("0.40", "500"), level("0.41", "120")}, {level("0.57", "300")});
    });
    return options;
}

Trade storedTrade(int i, Venue venue, const QString &market, int outcome, const char *price, const char *size,
                  qint64 ts) {
    Trade t;
    t.venue = venue;
    t.source = venue == Venue::Kalshi ? TradeSource::KalshiWs : TradeSource::Rtds;
    t.side = Side::Buy;
    t.price = dec(price);
    t.size = dec(size);
    t.timestampMs = ts;
    t.receivedMs = ts + 100;
    t.marketId = market;
    t.outcomeIndex = outcome;
    t.outcome = outcome == 0 ? u"Yes"_s : u"No"_s;
    t.marketTitle = venue == Venue::Kalshi ? QString() : u"Will the stored market resolve?"_s;
    if (venue == Venue::Kalshi) {
        t.txId = TxId::fromText(u"kalshi-stored-%1"_s.arg(i));
        t.assetId = market + (outcome == 0 ? u":yes"_s : u":no"_s);
    } else {
        t.txId = TxId::fromText(u"0xstored%1"_s.arg(i));
        t.assetId = u"tok-%1"_s.arg(outcome);
        t.wallet = *Wallet::parse(u"0x1234567890123456789012345678901234567890"_s);
    }
    return t;
}

bool store(const storage::DatabaseConfig &config, const TradeBatch &batch) {
    test::WriterHarness h(config);
    QString message;
    if (!h.start(&message))
        return false;
    QSignalSpy stored(h.events(), &test::WriterSignals::stored);
    if (!h.push(batch))
        return false;
    h.drain();
    const bool ok = QTest::qWaitFor([&] { return stored.size() == 1; }, 10'000);
    h.stop();
    return ok;
}

TradeBatch history() {
    TradeBatch out;
    for (int i = 0; i < 30; ++i) {
        out << storedTrade(i, Venue::Kalshi, kTicker, i % 3 == 0 ? 1 : 0, i % 3 == 0 ? "0.58" : "0.42", "100",
                           kT0 + i * 60'000);
        out << storedTrade(i, Venue::Polymarket, kPoly, 0, "0.63", "250", kT0 + i * 60'000);
    }
    return out;
}

OrderBookModel *bookOf(MarketPanel &panel) {
    return panel.view()->bookModel();
}

Decimal bestBid(MarketPanel &panel) {
    OrderBookModel *m = bookOf(panel);
    return m->bestBidRow() >= 0 ? m->rowAt(m->bestBidRow()).price : Decimal();
}

} // namespace

class TestMarketPanel final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void kalshiBookAndMetadataOverRest();
    void kalshiBookOverSignedWebSocket();
    void storedHistoryAndStaleAnswers();
    void offlineShowsStorageOnly();
};

void TestMarketPanel::kalshiBookAndMetadataOverRest() {
    net::sim::SimulatorThread sim;
    QVERIFY(sim.start());
    const CommandLineOptions options = optionsFor(sim);
    MainWindow window;
    WhaleFeedModel tape;
    MarketPanel panel(options, window, &tape, std::nullopt);
    QSignalSpy resets(bookOf(panel), &QAbstractItemModel::modelReset);

    panel.openMarket(Venue::Kalshi, kTicker, u"Test market"_s);
    QCOMPARE(panel.view()->venue(), Venue::Kalshi);
    QTRY_VERIFY_WITH_TIMEOUT(resets.size() > 0 && bookOf(panel)->rowCount() == 3, 10'000);
    QCOMPARE(bestBid(panel), dec("0.41"));
    // The NO bid at 57 is the YES ask at 43.
    QCOMPARE(bookOf(panel)->rowAt(bookOf(panel)->bestAskRow()).price, dec("0.43"));
    QTRY_VERIFY(panel.view()->bookView()->touchText().contains(u"Spread 2.0\u00a2"_s));
    // Title, status and close time from GET /markets/{ticker}.
    QTRY_COMPARE_WITH_TIMEOUT(panel.view()->titleText(), u"Simulated market "_s + kTicker, 10'000);
    QTRY_VERIFY(panel.view()->statusText().contains(u"Open"_s));
    QVERIFY(panel.view()->statusText().contains(u"Closes 2027-"_s));
    QVERIFY(panel.view()->smartMoneyText().contains(u"anonymous"_s));

    // The book is polled: a change on the exchange reaches the ladder without a WebSocket.
    sim.runBlocking([](net::sim::ExchangeSimulator &s) {
        s.kalshi()->applyBookDelta(kTicker, OutcomeSide::Yes, dec("0.42"), dec("75"));
    });
    QTRY_COMPARE_WITH_TIMEOUT(bestBid(panel), dec("0.42"), 10'000);

    // The series from GET /series/{series_ticker}, asked once for every market of that series.
    QTRY_VERIFY_WITH_TIMEOUT(panel.view()->statusText().contains(u"Simulated series KXTESTMKT (Simulated)"_s),
                             10'000);
    const QString sibling = u"KXTESTMKT-26DEC31-T60"_s;
    sim.runBlocking([&sibling](net::sim::ExchangeSimulator &s) {
        s.kalshi()->setBook(sibling, {level("0.20", "10")}, {level("0.75", "10")});
    });
    panel.openMarket(Venue::Kalshi, sibling);
    QTRY_COMPARE_WITH_TIMEOUT(panel.view()->titleText(), u"Simulated market "_s + sibling, 10'000);
    QTRY_VERIFY(panel.view()->statusText().contains(u"Simulated series KXTESTMKT (Simulated)"_s));
    int seriesRequests = 0;
    sim.runBlocking([&seriesRequests](net::sim::ExchangeSimulator &s) {
        seriesRequests = s.kalshi()->restRequestsTo(u"/series/KXTESTMKT"_s);
    });
    QCOMPARE(seriesRequests, 1);
}

void TestMarketPanel::kalshiBookOverSignedWebSocket() {
    net::sim::SimulatorThread sim;
    QVERIFY(sim.start());
    const CommandLineOptions options = optionsFor(sim);
    auto load = net::KalshiSigner::fromPem(net::sim::KalshiServer::generatePrivateKeyPem(), u"test-key"_s);
    QVERIFY(load.ok());
    auto signer = std::make_shared<const net::KalshiSigner>(std::move(*load.signer));
    sim.runBlocking([&signer](net::sim::ExchangeSimulator &s) {
        s.kalshi()->setAuthKey(signer->publicKeyPem(), u"test-key"_s);
    });
    QTemporaryDir dir;
    PipelineConfig config;
    config.database = storage::DatabaseConfig::sqlite(dir.filePath(u"ws.sqlite"_s));
    config.rtds.url = sim.rtdsUrl();
    config.backfill.dataApi = sim.dataApiUrl();
    config.kalshiEnabled = true;
    config.kalshiWs.url = options.endpoints.value(EndpointKey::KalshiWs);
    config.kalshiWs.subscribeTrades = false;
    config.kalshiRest.restBase = options.endpoints.value(EndpointKey::KalshiRest);
    config.kalshiSigner = signer;
    FeedPipeline pipeline(config);

    MainWindow window;
    WhaleFeedModel tape;
    MarketPanel panel(options, window, &tape, std::nullopt);
    // As LiveFeed wires them.
    connect(&pipeline, &FeedPipeline::kalshiBookUpdated, &panel, &MarketPanel::setKalshiBook);
    connect(&panel, &MarketPanel::kalshiMarketChanged, &pipeline,
            [&pipeline](const QString &, const QString &t) {
                if (!t.isEmpty())
                    pipeline.watchKalshiMarket(t);
            });
    QSignalSpy wsBooks(&pipeline, &FeedPipeline::kalshiBookUpdated);
    pipeline.start();
    panel.openMarket(Venue::Kalshi, kTicker);
    QVERIFY(wsBooks.wait(10'000));
    QCOMPARE(wsBooks.constFirst().at(0).toString(), kTicker);
    QTRY_COMPARE(bestBid(panel), dec("0.41"));

    // A delta over the socket reaches the ladder; REST polling has stopped by now.
    int polls = 0;
    sim.runBlocking([&polls](net::sim::ExchangeSimulator &s) { polls = s.kalshi()->restRequests(); });
    sim.runBlocking([](net::sim::ExchangeSimulator &s) {
        s.kalshi()->applyBookDelta(kTicker, OutcomeSide::No, dec("0.585"), dec("40"));
    });
    QTRY_COMPARE_WITH_TIMEOUT(bookOf(panel)->rowAt(bookOf(panel)->bestAskRow()).price, dec("0.415"), 10'000);
    QTest::qWait(3'500); // longer than the REST book interval
    int pollsAfter = 0;
    sim.runBlocking(
        [&pollsAfter](net::sim::ExchangeSimulator &s) { pollsAfter = s.kalshi()->restRequests(); });
    QVERIFY2(pollsAfter - polls <= 1,
             qPrintable(u"%1 REST requests after the socket took over"_s.arg(pollsAfter - polls)));
    pipeline.stop();
}

void TestMarketPanel::storedHistoryAndStaleAnswers() {
    test::TestDatabase db(QString::fromLatin1(test::kSqlite));
    QVERIFY2(db.ok(), qPrintable(db.error()));
    QVERIFY(store(db.config(), history()));
    net::sim::SimulatorThread sim;
    QVERIFY(sim.start());
    const CommandLineOptions options = optionsFor(sim);
    MainWindow window;
    WhaleFeedModel tape;
    MarketPanel panel(options, window, &tape, db.config());

    panel.openMarket(Venue::Kalshi, kTicker);
    // 30 one-minute buckets of stored fills become the chart's history, and its recent trades.
    QTRY_COMPARE_WITH_TIMEOUT(panel.view()->historyPoints(), 30, 10'000);
    const quint64 kalshiRequest = panel.latestHistoryRequest();
    MarketHistory late;
    late.venue = Venue::Kalshi;
    late.marketId = kTicker;
    late.smartMoney.gradedTraders = 7;

    panel.openMarket(Venue::Polymarket, kPoly);
    QTRY_VERIFY_WITH_TIMEOUT(panel.view()->smartMoneyText().contains(u"no graded traders yet"_s), 10'000);
    QCOMPARE(panel.view()->historyPoints(), 30);
    // An answer for the Kalshi selection arriving now changes nothing.
    QVERIFY(panel.latestHistoryRequest() > kalshiRequest);
    MarketHistory stale = late;
    stale.venue = Venue::Polymarket;
    stale.marketId = kPoly;
    const qint64 later = kT0 + 3'600'000;
    stale.buckets = {PriceBucket{later, later, dec("0.1"), dec("0.1"), dec("0.1"), dec("0.1"), dec("1"), 1}};
    panel.applyHistory(kalshiRequest, stale);
    QTest::qWait(300);
    QCOMPARE(panel.view()->historyPoints(), 30);
    QVERIFY(panel.view()->smartMoneyText().contains(u"no graded traders yet"_s));
    // The latest request's answer is applied.
    panel.applyHistory(panel.latestHistoryRequest(), stale);
    QTRY_COMPARE(panel.view()->historyPoints(), 1);
}

void TestMarketPanel::offlineShowsStorageOnly() {
    test::TestDatabase db(QString::fromLatin1(test::kSqlite));
    QVERIFY2(db.ok(), qPrintable(db.error()));
    QVERIFY(store(db.config(), history()));
    CommandLineOptions options;
    options.offline = true;
    MainWindow window;
    WhaleFeedModel tape;
    MarketPanel panel(options, window, &tape, db.config());
    panel.openMarket(Venue::Polymarket, kPoly);
    QTRY_COMPARE_WITH_TIMEOUT(panel.view()->titleText(), u"Will the stored market resolve?"_s, 10'000);
    QTRY_VERIFY(panel.view()->statusText().contains(u"Offline"_s));
    QCOMPARE(panel.view()->historyPoints(), 30);
    QVERIFY(panel.view()->smartMoneyText().contains(u"no graded traders yet"_s));
    auto *trades = panel.view()->findChild<QTableView *>(u"marketTrades"_s);
    QVERIFY(trades);
    QCOMPARE(trades->model()->rowCount(), 30);
}

QTEST_MAIN(TestMarketPanel)
#include "tst_marketpanel.moc"
