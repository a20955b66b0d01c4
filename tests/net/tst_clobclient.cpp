#include "net/clobclient.h"
#include "net/marketinfofetcher.h"
#include "net/marketmetadatafetcher.h"
#include "net/restclient.h"
#include "net/simulator/clobserver.h"
#include "tests/support/testdata.h"

#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

using namespace longshot;
using namespace longshot::net;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(longshot::net::ClobBookList)
Q_DECLARE_METATYPE(longshot::net::ClobTradeList)
Q_DECLARE_METATYPE(longshot::net::MarketHolderList)

namespace {

const QString kMarketA = u"0x00000000000000000000000000000000000000000000000000000000000000aa"_s;
const QString kMarketB = u"0x00000000000000000000000000000000000000000000000000000000000000bb"_s;
const QStringList kTokensA = {u"1111"_s, u"2222"_s};
const QStringList kTokensB = {u"3333"_s, u"4444"_s};

Decimal d(const char *text) {
    return Decimal::parse(std::string_view(text)).value;
}

Trade fill(const QString &market, const QString &asset, int outcomeIndex, const char *price, const char *size,
           const char *wallet) {
    Trade t;
    t.venue = Venue::Polymarket;
    t.marketId = market;
    t.assetId = asset;
    t.outcomeIndex = outcomeIndex;
    t.outcome = outcomeIndex == 0 ? u"Yes"_s : u"No"_s;
    t.marketTitle = u"Will the test pass?"_s;
    t.marketSlug = u"will-the-test-pass"_s;
    t.side = Side::Buy;
    t.price = d(price);
    t.size = d(size);
    t.timestampMs = 1'790'251'200'000;
    t.txId = TxId::fromText(u"0xabc"_s);
    t.wallet = *Wallet::parse(QString::fromLatin1(wallet));
    return t;
}

// The last snapshot each asset got, from every booksUpdated emission so far.
QHash<QString, ClobBookSnapshot> latest(const QSignalSpy &spy) {
    QHash<QString, ClobBookSnapshot> out;
    for (const QList<QVariant> &args : spy)
        for (const ClobBookSnapshot &s : args.at(0).value<ClobBookList>())
            out.insert(s.assetId, s);
    return out;
}

} // namespace

class TestClobClient final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void subscribesThenReceivesBooks();
    void pingBeforeSubscribeIsRefused();
    void changesConvergeAndAreCoalesced();
    void lastTradePrices();
    void setAssetsSwitchesMarkets();
    void chunksLargeSubscriptions();
    void reconnectsAndResnapshots();
    void parseHolders_data();
    void parseHolders();
    void fetchesMarketAndHolders();
    void unknownMarket();
    void batchedMarketsForTheTape();

private:
    std::unique_ptr<sim::ClobServer> m_server;
    std::unique_ptr<ClobClient> m_client;
};

void TestClobClient::init() {
    qRegisterMetaType<ClobBookList>();
    qRegisterMetaType<ClobTradeList>();
    qRegisterMetaType<MarketHolderList>();
    m_server = std::make_unique<sim::ClobServer>();
    QVERIFY(m_server->listen());
    m_server->addMarket(kMarketA, u"Market A"_s, {u"Yes"_s, u"No"_s}, kTokensA, d("0.62"));
    m_server->addMarket(kMarketB, u"Market B"_s, {u"Up"_s, u"Down"_s}, kTokensB, d("0.03"));
    ClobConfig config;
    config.url = m_server->marketUrl();
    config.pingInterval = std::chrono::milliseconds(50);
    config.backoff = BackoffPolicy{std::chrono::milliseconds(20), std::chrono::milliseconds(100), 1000};
    m_client = std::make_unique<ClobClient>(config);
}

void TestClobClient::cleanup() {
    m_client.reset();
    m_server.reset();
}

void TestClobClient::subscribesThenReceivesBooks() {
    QSignalSpy books(m_client.get(), &ClobClient::booksUpdated);
    QSignalSpy subscribed(m_server.get(), &sim::ClobServer::subscribed);
    QSignalSpy refused(m_server.get(), &sim::ClobServer::closedForProtocol);
    m_client->start();
    m_client->subscribe(kTokensA);
    QTRY_VERIFY(latest(books).size() == 2);
    QCOMPARE(subscribed.count(), 1);
    QCOMPARE(subscribed.at(0).at(0).toStringList(), kTokensA);
    const auto snapshots = latest(books);
    for (const QString &token : kTokensA) {
        QCOMPARE(snapshots.value(token).market, kMarketA);
        QCOMPARE(snapshots.value(token).book, m_server->bookOf(token));
        QVERIFY(!snapshots.value(token).book.isEmpty());
    }
    // The client pings every 50 ms here; none of them came before the subscription.
    QTest::qWait(200);
    QCOMPARE(refused.count(), 0);
}

void TestClobClient::pingBeforeSubscribeIsRefused() {
    QWebSocket raw;
    QSignalSpy connected(&raw, &QWebSocket::connected);
    QSignalSpy disconnected(&raw, &QWebSocket::disconnected);
    raw.open(m_server->marketUrl());
    QVERIFY(connected.wait());
    raw.sendTextMessage(u"PING"_s);
    QVERIFY(disconnected.wait());
    QCOMPARE(raw.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    QCOMPARE(raw.closeReason(), u"invalid subscription payload"_s);
}

void TestClobClient::changesConvergeAndAreCoalesced() {
    QSignalSpy books(m_client.get(), &ClobClient::booksUpdated);
    m_client->start();
    m_client->subscribe(kTokensA);
    QTRY_VERIFY(latest(books).size() == 2);
    m_server->setChangeRate(4'000);
    QTRY_VERIFY_WITH_TIMEOUT(m_server->changeFramesSent() >= 1'000, 10'000);
    m_server->setChangeRate(0);
    const qint64 frames = m_server->changeFramesSent();
    // Once the last frames are applied, both books match the server's exactly.
    QTRY_VERIFY(latest(books).value(kTokensA[0]).book == m_server->bookOf(kTokensA[0]) &&
                latest(books).value(kTokensA[1]).book == m_server->bookOf(kTokensA[1]));
    qint64 snapshots = 0;
    for (const QList<QVariant> &args : std::as_const(books))
        snapshots += args.at(0).value<ClobBookList>().size();
    // Snapshots go out per publish window, not per frame.
    QVERIFY2(snapshots * 4 < frames, qPrintable(u"%1 snapshots for %2 frames"_s.arg(snapshots).arg(frames)));
}

void TestClobClient::lastTradePrices() {
    QSignalSpy books(m_client.get(), &ClobClient::booksUpdated);
    QSignalSpy trades(m_client.get(), &ClobClient::lastTrades);
    m_client->start();
    m_client->subscribe(kTokensA);
    QTRY_VERIFY(latest(books).size() == 2);
    m_server->observeTrades(
        {fill(kMarketA, kTokensA[0], 0, "0.63", "1500.5", "0x1111111111111111111111111111111111111111"),
         fill(kMarketB, kTokensB[0], 0, "0.031", "10", "0x2222222222222222222222222222222222222222")});
    QVERIFY(trades.wait());
    const ClobTradeList got = trades.at(0).at(0).value<ClobTradeList>();
    QCOMPARE(got.size(), 1); // market B is not subscribed
    QCOMPARE(got.at(0).assetId, kTokensA[0]);
    QCOMPARE(got.at(0).price, d("0.63"));
    QCOMPARE(got.at(0).size, d("1500.5"));
    QCOMPARE(got.at(0).transactionHash, u"0xabc"_s);
    QTRY_COMPARE(latest(books).value(kTokensA[0]).lastTradePrice, std::optional<Decimal>(d("0.63")));
}

void TestClobClient::setAssetsSwitchesMarkets() {
    QSignalSpy books(m_client.get(), &ClobClient::booksUpdated);
    QSignalSpy subscribed(m_server.get(), &sim::ClobServer::subscribed);
    QSignalSpy unsubscribed(m_server.get(), &sim::ClobServer::unsubscribed);
    m_client->start();
    m_client->setAssets(kTokensA);
    QTRY_VERIFY(latest(books).size() == 2);
    books.clear();
    m_client->setAssets(kTokensB);
    QTRY_VERIFY(latest(books).size() == 2);
    QVERIFY(latest(books).contains(kTokensB[0]));
    QVERIFY(!latest(books).contains(kTokensA[0]));
    QTRY_COMPARE(unsubscribed.count(), 1);
    QCOMPARE(unsubscribed.at(0).at(0).toStringList(), kTokensA);
    QCOMPARE(subscribed.last().at(0).toStringList(), kTokensB);
    QCOMPARE(m_client->subscribedAssets(), kTokensB);
    // Market B sits near zero: its tick is 0.001.
    QCOMPARE(latest(books).value(kTokensB[0]).book.bestBid()->price, d("0.03"));
}

void TestClobClient::chunksLargeSubscriptions() {
    QSignalSpy subscribed(m_server.get(), &sim::ClobServer::subscribed);
    QStringList ids;
    for (int i = 0; i < 250; ++i)
        ids.append(QString::number(900'000 + i));
    m_client->start();
    m_client->subscribe(ids);
    QTRY_COMPARE(subscribed.count(), 3);
    QCOMPARE(subscribed.at(0).at(0).toStringList().size(), 100);
    QCOMPARE(subscribed.at(1).at(0).toStringList().size(), 100);
    QCOMPARE(subscribed.at(2).at(0).toStringList().size(), 50);
    QCOMPARE(subscribed.at(2).at(0).toStringList().constLast(), u"900249"_s);
}

void TestClobClient::reconnectsAndResnapshots() {
    QSignalSpy books(m_client.get(), &ClobClient::booksUpdated);
    QSignalSpy status(m_client.get(), &ClobClient::statusChanged);
    m_client->start();
    m_client->subscribe(kTokensA);
    QTRY_VERIFY(latest(books).size() == 2);
    const qint64 generation = latest(books).value(kTokensA[0]).generation;
    m_server->dropClients();
    QTRY_VERIFY(latest(books).value(kTokensA[0]).generation > generation);
    QCOMPARE(latest(books).value(kTokensA[0]).book, m_server->bookOf(kTokensA[0]));
    bool sawReconnecting = false;
    for (const QList<QVariant> &args : std::as_const(status))
        sawReconnecting = sawReconnecting || args.at(0).value<FeedStatus>().state == FeedState::Reconnecting;
    QVERIFY(sawReconnecting);
    QCOMPARE(status.constLast().at(0).value<FeedStatus>().state, FeedState::Live);
}

void TestClobClient::parseHolders_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("holders");
    QTest::addColumn<bool>("unknown");
    QTest::addColumn<bool>("error");
    QTest::addColumn<QString>("firstAmount");
    QTest::newRow("v1 docs example") << test::readData(u"polymarket/data_api_holders_docs_example.json"_s)
                                     << 1 << false << false << u"123"_s;
    QTest::newRow("v2 capture") << test::readData(u"polymarket/data_api_v2_holders.json"_s) << -1 << false
                                << false << u"784.38"_s;
    QTest::newRow("bare null") << QByteArray("null\n") << 0 << true << false << QString();
    QTest::newRow("html") << QByteArray("<html>blocked</html>") << 0 << false << true << QString();
    QTest::newRow("truncated") << QByteArray(R"([{"token":"1","holders":[{"proxyWallet":)") << 0 << false
                               << true << QString();
    QTest::newRow("exact amount") << QByteArray(R"([{"token":"7","holders":[{"proxyWallet":)"
                                                R"("0x56687bf447db6ffa42ffe2204a05edaa20f55839",)"
                                                R"("amount":1234567.123456,"outcomeIndex":1}]}])")
                                  << 1 << false << false << u"1234567.123456"_s;
}

void TestClobClient::parseHolders() {
    QFETCH(QByteArray, body);
    QFETCH(int, holders);
    QFETCH(bool, unknown);
    QFETCH(bool, error);
    QFETCH(QString, firstAmount);
    const HoldersPage page = net::parseHolders(body);
    QCOMPARE(page.unknownMarket, unknown);
    QCOMPARE(page.error.has_value(), error);
    if (holders >= 0)
        QCOMPARE(page.holders.size(), holders);
    else
        QVERIFY(page.holders.size() > 1);
    if (!firstAmount.isEmpty()) {
        QCOMPARE(page.holders.at(0).amount.toString(), firstAmount);
        QVERIFY(!page.holders.at(0).assetId.isEmpty());
    }
}

void TestClobClient::fetchesMarketAndHolders() {
    m_server->observeTrades(
        {fill(kMarketA, kTokensA[0], 0, "0.63", "1500", "0x1111111111111111111111111111111111111111"),
         fill(kMarketA, kTokensA[0], 0, "0.63", "700", "0x2222222222222222222222222222222222222222"),
         fill(kMarketA, kTokensA[1], 1, "0.37", "50", "0x2222222222222222222222222222222222222222")});
    RestClient rest;
    MarketInfoConfig config;
    config.gammaApi = m_server->restUrl();
    config.dataApi = m_server->restUrl();
    MarketInfoFetcher fetcher(&rest, config);
    QSignalSpy market(&fetcher, &MarketInfoFetcher::marketReady);
    QSignalSpy holders(&fetcher, &MarketInfoFetcher::holdersReady);
    QSignalSpy failed(&fetcher, &MarketInfoFetcher::failed);
    fetcher.fetch(kMarketA);
    QTRY_VERIFY(market.count() == 1 && holders.count() == 1);
    QCOMPARE(failed.count(), 0);
    const Market m = market.at(0).at(0).value<Market>();
    QCOMPARE(m.marketId, kMarketA);
    QCOMPARE(m.title, u"Will the test pass?"_s);
    QCOMPARE(m.outcomes.size(), 2);
    QCOMPARE(m.outcomes.at(0).assetId, kTokensA[0]);
    QCOMPARE(m.outcomes.at(1).name, u"No"_s);
    QCOMPARE(m.outcomes.at(0).lastPrice, std::optional<Decimal>(d("0.63")));
    QVERIFY(!m.closed);
    // gamma's liquidity, here the dollars resting in both outcomes' books, to the micro-dollar.
    qint64 resting = 0;
    for (const QString &token : kTokensA) {
        const OrderBook book = m_server->bookOf(token);
        for (const BookSide side : {BookSide::Bid, BookSide::Ask}) {
            for (const PriceLevel &level : book.depth(side, 1'000))
                resting += level.price.checkedMul(level.size).value_or(Decimal()).micros();
        }
    }
    QVERIFY(resting > 0);
    QCOMPARE(m.liquidityUsd, std::optional<Decimal>(Decimal::fromMicros(resting)));
    const MarketHolderList rows = holders.at(0).at(1).value<MarketHolderList>();
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rows.at(0).wallet.address(), u"0x1111111111111111111111111111111111111111"_s);
    QCOMPARE(rows.at(0).amount, d("1500"));
    QCOMPARE(rows.at(2).outcomeIndex, 1);
    QCOMPARE(rows.at(2).assetId, kTokensA[1]);
}

void TestClobClient::unknownMarket() {
    RestClient rest;
    MarketInfoConfig config;
    config.gammaApi = m_server->restUrl();
    config.dataApi = m_server->restUrl();
    MarketInfoFetcher fetcher(&rest, config);
    QSignalSpy holders(&fetcher, &MarketInfoFetcher::holdersReady);
    QSignalSpy failed(&fetcher, &MarketInfoFetcher::failed);
    fetcher.fetch(u"0x00000000000000000000000000000000000000000000000000000000000000cc"_s);
    QTRY_VERIFY(failed.count() == 1 && holders.count() == 1);
    QCOMPARE(holders.at(0).at(1).value<MarketHolderList>().size(), 0);
    QCOMPARE(failed.at(0).at(1).toString(), u"markets"_s);
    QCOMPARE(failed.at(0).at(2).value<FetchError>().kind, FetchError::Kind::NotFound);
}

// --demo's gamma is this server: the tape's market sync asks it for many markets at once, open
// first, then closed=true for the ones missing, and each answer carries a category and liquidity.
void TestClobClient::batchedMarketsForTheTape() {
    m_server->observeTrades(
        {fill(kMarketA, kTokensA[0], 0, "0.63", "1500", "0x1111111111111111111111111111111111111111"),
         fill(kMarketB, kTokensB[0], 0, "0.20", "100", "0x2222222222222222222222222222222222222222")});
    const QString unknown = u"0x00000000000000000000000000000000000000000000000000000000000000cc"_s;
    RestClient rest;
    MarketMetadataFetcher fetcher(&rest, MarketMetadataFetchConfig{m_server->restUrl(), 50});
    QSignalSpy fetched(&fetcher, &MarketMetadataFetcher::batchFetched);
    QSignalSpy failed(&fetcher, &MarketMetadataFetcher::batchFailed);
    fetcher.fetch({kMarketA, unknown, kMarketB});
    QTRY_COMPARE(fetched.count(), 1);
    QVERIFY(fetcher.isIdle());
    QCOMPARE(failed.count(), 0);
    const MarketList markets = fetched.at(0).at(0).value<MarketList>();
    QCOMPARE(markets.size(), 2);
    QSet<QString> ids;
    for (const Market &m : markets) {
        ids.insert(m.marketId);
        QCOMPARE(m.category, u"politics"_s); // the simulator files a question without keywords there
        QVERIFY(m.liquidityUsd && *m.liquidityUsd > Decimal());
    }
    QCOMPARE(ids, (QSet<QString>{kMarketA, kMarketB}));
    QCOMPARE(fetched.at(0).at(1).toStringList(), QStringList{unknown});
    QVERIFY(fetched.at(0).at(2).toLongLong() > 0);
}

QTEST_GUILESS_MAIN(TestClobClient)
#include "tst_clobclient.moc"
