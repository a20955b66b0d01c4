#include "net/kalshiparser.h"
#include "net/kalshirestpoller.h"
#include "net/kalshisigner.h"
#include "net/simulator/exchangesimulator.h"
#include "net/simulator/kalshiserver.h"
#include "net/simulator/kalshitradegenerator.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>
#include <QWebSocket>

using namespace Qt::StringLiterals;
using namespace longshot;
using namespace longshot::net;
using longshot::net::sim::KalshiServer;
using longshot::net::sim::KalshiTradeGenerator;

namespace {

const QString kKeyId = u"3b6d1e2a-7c4f-4e8a-a1b2-c3d4e5f60718"_s;

Decimal dec(const char *text) {
    return Decimal::parse(std::string_view(text)).value;
}

struct HttpAnswer {
    int status = 0;
    QByteArray body;
    bool hasRetryAfter = false;
};

HttpAnswer httpGet(QNetworkAccessManager &nam, const QUrl &url) {
    QNetworkReply *reply = nam.get(QNetworkRequest(url));
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        done.wait(5000);
    HttpAnswer out{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll(),
                   reply->hasRawHeader("Retry-After")};
    reply->deleteLater();
    return out;
}

QUrl tradesUrl(const KalshiServer &server, const QList<std::pair<QString, QString>> &items) {
    QUrl url = server.restUrl();
    url.setPath(url.path() + u"/markets/trades"_s);
    QUrlQuery q;
    for (const auto &[k, v] : items)
        q.addQueryItem(k, v);
    url.setQuery(q);
    return url;
}

// Opens a raw socket with the given headers; returns the HTTP status seen (101 on success).
int upgrade(const KalshiServer &server, const QList<std::pair<QByteArray, QByteArray>> &headers) {
    QWebSocket socket;
    QNetworkRequest request(server.wsUrl());
    for (const auto &[k, v] : headers)
        request.setRawHeader(k, v);
    QSignalSpy connected(&socket, &QWebSocket::connected);
    QSignalSpy failed(&socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error));
    socket.open(request);
    QElapsedTimer t;
    t.start();
    while (connected.isEmpty() && failed.isEmpty() && t.elapsed() < 5000)
        QTest::qWait(10);
    if (!connected.isEmpty())
        return 101;
    const QString error = socket.errorString();
    return error.contains(u"401"_s) ? 401 : 0;
}

QList<std::pair<QByteArray, QByteArray>> signedHeaders(const KalshiSigner &signer, qint64 ts) {
    const auto h = signer.headersFor("GET", "/trade-api/ws/v2", ts);
    if (!h)
        return {};
    return {{KalshiAuthHeaders::kKeyHeader, h->key},
            {KalshiAuthHeaders::kTimestampHeader, h->timestamp},
            {KalshiAuthHeaders::kSignatureHeader, h->signature}};
}

} // namespace

class TestKalshiSim : public QObject {
    Q_OBJECT

    QByteArray m_pem;

private Q_SLOTS:
    void initTestCase() {
        qRegisterMetaType<TradeBatch>();
        qRegisterMetaType<FeedStatus>();
        qRegisterMetaType<GapRange>();
        m_pem = KalshiServer::generatePrivateKeyPem();
        QVERIFY(m_pem.startsWith("-----BEGIN PRIVATE KEY-----"));
    }

    void upgradeVerifiesTheSignature_data() {
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("expected");
        QTest::newRow("valid") << 0 << 101;
        QTest::newRow("signature of another path") << 1 << 401;
        QTest::newRow("tampered signature") << 2 << 401;
        QTest::newRow("timestamp 2 min old") << 3 << 401;
        QTest::newRow("timestamp 30 s old") << 4 << 101;
        QTest::newRow("no headers") << 5 << 401;
        QTest::newRow("other key id") << 6 << 401;
    }
    void upgradeVerifiesTheSignature() {
        QFETCH(int, mode);
        QFETCH(int, expected);
        auto load = KalshiSigner::fromPem(m_pem, kKeyId);
        QVERIFY(load.ok());
        const KalshiSigner &signer = *load.signer;
        KalshiServer server;
        QVERIFY(server.listen());
        server.setAuthKey(signer.publicKeyPem(), kKeyId);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QList<std::pair<QByteArray, QByteArray>> headers = signedHeaders(signer, now);
        QCOMPARE(headers.size(), 3);
        switch (mode) {
        case 1: {
            const auto other = signer.headersFor("GET", "/trade-api/v2/portfolio/balance", now);
            headers[2].second = other->signature;
            break;
        }
        case 2: {
            QByteArray raw = QByteArray::fromBase64(headers[2].second);
            raw[10] = char(raw[10] ^ 0x01);
            headers[2].second = raw.toBase64();
            break;
        }
        case 3:
            headers = signedHeaders(signer, now - 120'000);
            break;
        case 4:
            headers = signedHeaders(signer, now - 30'000);
            break;
        case 5:
            headers.clear();
            break;
        case 6:
            headers[0].second = "11111111-2222-3333-4444-555555555555";
            break;
        default:
            break;
        }
        QSignalSpy refused(&server, &KalshiServer::upgradeRefused);
        QCOMPARE(upgrade(server, headers), expected);
        QCOMPARE(server.upgradeAttempts(), 1);
        QCOMPARE(server.upgradesRefused(), expected == 101 ? 0 : 1);
        QCOMPARE(refused.size(), expected == 101 ? 0 : 1);
    }

    void tradesPageNewestFirstWithCursor() {
        KalshiServer server;
        QVERIFY(server.listen());
        // Recent trades: the live tape holds only what is newer than the historical cutoff.
        KalshiTradeGenerator gen(5, QDateTime::currentMSecsSinceEpoch() - 60'000);
        const TradeBatch sent = gen.generate(25);
        server.publish(sent);
        QNetworkAccessManager nam;
        KalshiParser parser;
        TradeBatch got;
        QString cursor;
        int pages = 0;
        do {
            QList<std::pair<QString, QString>> items{{u"limit"_s, u"10"_s}};
            if (!cursor.isEmpty())
                items.append({u"cursor"_s, cursor});
            const HttpAnswer a = httpGet(nam, tradesUrl(server, items));
            QCOMPARE(a.status, 200);
            const KalshiTradesPage page = parser.parseTradesPage(a.body, 0);
            QVERIFY(!page.error);
            QVERIFY(page.rejects.isEmpty());
            got += page.trades;
            cursor = page.cursor;
            ++pages;
        } while (!cursor.isEmpty() && pages < 10);
        QCOMPARE(pages, 3);
        QCOMPARE(got.size(), sent.size());
        for (qsizetype i = 0; i < got.size(); ++i) {
            const Trade &want = sent.at(sent.size() - 1 - i); // newest first
            QCOMPARE(got.at(i).txId, want.txId);
            QCOMPARE(got.at(i).price, want.price);
            QCOMPARE(got.at(i).size, want.size);
            QCOMPARE(got.at(i).timestampMs, want.timestampMs);
            QCOMPARE(got.at(i).assetId, want.assetId);
            QCOMPARE(got.at(i).source, TradeSource::KalshiRest);
        }
    }

    void restRefusals_data() {
        QTest::addColumn<QString>("limit");
        QTest::addColumn<int>("status");
        QTest::newRow("1000 ok") << u"1000"_s << 200;
        QTest::newRow("1001 refused") << u"1001"_s << 400;
        QTest::newRow("0 refused") << u"0"_s << 400;
    }
    void restRefusals() {
        QFETCH(QString, limit);
        QFETCH(int, status);
        KalshiServer server;
        QVERIFY(server.listen());
        QNetworkAccessManager nam;
        const HttpAnswer a = httpGet(nam, tradesUrl(server, {{u"limit"_s, limit}}));
        QCOMPARE(a.status, status);
        if (status != 200) {
            KalshiParser parser;
            QVERIFY(parser.parseRestError(a.body).has_value());
        }
    }

    void rateLimitBodyIsTheObservedOne() {
        KalshiServer server;
        QVERIFY(server.listen());
        server.queueRateLimited(1);
        QNetworkAccessManager nam;
        const HttpAnswer a = httpGet(nam, tradesUrl(server, {}));
        QCOMPARE(a.status, 429);
        QVERIFY(!a.hasRetryAfter);
        KalshiParser parser;
        const auto error = parser.parseRestError(a.body);
        QVERIFY(error);
        QCOMPARE(error->code, u"too_many_requests"_s);
        QCOMPARE(httpGet(nam, tradesUrl(server, {})).status, 200);
    }

    void orderbookAndMarketsParse() {
        KalshiServer server;
        QVERIFY(server.listen());
        const QString ticker = KalshiTradeGenerator::tickers().first();
        server.setBook(ticker, {{dec("0.30"), dec("10.00")}, {dec("0.31"), dec("2.50")}},
                       {{dec("0.65"), dec("4.00")}});
        QNetworkAccessManager nam;
        QUrl url = server.restUrl();
        url.setPath(url.path() + u"/markets/"_s + ticker + u"/orderbook"_s);
        const HttpAnswer book = httpGet(nam, url);
        QCOMPARE(book.status, 200);
        KalshiParser parser;
        const KalshiBookParse parsed = parser.parseOrderbook(book.body);
        QVERIFY(!parsed.error);
        QCOMPARE(yesBookFromKalshi(parsed.book.yesBids, parsed.book.noBids), server.book(ticker));
        QCOMPARE(server.book(ticker).bestAsk()->price, dec("0.35"));

        url.setPath(server.restUrl().path() + u"/markets/NOPE-1/orderbook"_s);
        QCOMPARE(httpGet(nam, url).status, 404);

        url.setPath(server.restUrl().path() + u"/markets"_s);
        const HttpAnswer markets = httpGet(nam, url);
        QCOMPARE(markets.status, 200);
        const KalshiMarketsPage page = parser.parseMarkets(markets.body);
        QVERIFY(!page.error);
        QCOMPARE(page.markets.size(), KalshiTradeGenerator::tickers().size());
        QVERIFY(page.cursor.isEmpty());
    }

    // GET /markets?tickers=A,B (the tape's market sync asks in batches): only known tickers
    // come back, each once, in pages of `limit` chained by the cursor.
    void marketsByTickers_data() {
        QTest::addColumn<QStringList>("asked");
        QTest::addColumn<int>("limit");
        QTest::addColumn<QStringList>("pages"); // each page's tickers, comma-joined
        const QStringList all = KalshiTradeGenerator::tickers();
        QStringList two{all.at(1), all.at(0)};
        QStringList sortedTwo{std::min(all.at(0), all.at(1)), std::max(all.at(0), all.at(1))};
        QTest::newRow("two known") << two << 100 << QStringList{sortedTwo.join(u',')};
        QTest::newRow("unknown left out")
            << QStringList{u"NOPE-1"_s, all.at(0), all.at(0)} << 100 << QStringList{all.at(0)};
        QTest::newRow("none known") << QStringList{u"NOPE-1"_s} << 100 << QStringList{QString()};
        QTest::newRow("paged by limit") << two << 1 << sortedTwo;
    }
    void marketsByTickers() {
        QFETCH(QStringList, asked);
        QFETCH(int, limit);
        QFETCH(QStringList, pages);
        KalshiServer server;
        QVERIFY(server.listen());
        const QString ticker = KalshiTradeGenerator::tickers().first();
        server.setBook(ticker, {{dec("0.30"), dec("10.00")}}, {{dec("0.65"), dec("4.00")}});
        QNetworkAccessManager nam;
        KalshiParser parser;
        QString cursor;
        for (qsizetype i = 0; i < pages.size(); ++i) {
            QUrl url = server.restUrl();
            url.setPath(url.path() + u"/markets"_s);
            QUrlQuery query;
            query.addQueryItem(u"tickers"_s, asked.join(u','));
            query.addQueryItem(u"limit"_s, QString::number(limit));
            if (!cursor.isEmpty())
                query.addQueryItem(u"cursor"_s, cursor);
            url.setQuery(query);
            const HttpAnswer answer = httpGet(nam, url);
            QCOMPARE(answer.status, 200);
            const KalshiMarketsPage page = parser.parseMarkets(answer.body);
            QVERIFY(!page.error);
            QStringList got;
            for (const KalshiMarket &k : page.markets) {
                got.append(k.market.marketId);
                QCOMPARE(k.market.title, u"Simulated market "_s + k.market.marketId);
                // 0.30 x 10 + 0.65 x 4 resting in the set book.
                if (k.market.marketId == ticker)
                    QCOMPARE(k.market.liquidityUsd, std::optional<Decimal>(dec("5.60")));
            }
            QCOMPARE(got.join(u','), pages.at(i));
            cursor = page.cursor;
            QCOMPARE(cursor.isEmpty(), i == pages.size() - 1);
        }
    }

    void pollerFollowsTheTapeOnce() {
        KalshiServer server;
        QVERIFY(server.listen());
        KalshiPollerConfig config;
        config.restBase = server.restUrl();
        config.minNotional = Decimal();
        config.pageSize = 4;
        config.pollInterval = std::chrono::milliseconds(100);
        config.firstPollWindow = std::chrono::milliseconds(10 * 60'000);
        KalshiRestPoller poller(config, nullptr);
        QSignalSpy fetched(&poller, &KalshiRestPoller::tradesFetched);
        QSignalSpy status(&poller, &KalshiRestPoller::statusChanged);
        KalshiTradeGenerator gen(21, QDateTime::currentMSecsSinceEpoch() - 120'000);
        const TradeBatch first = gen.generate(9);
        server.publish(first);
        server.queueEmptyPages(2); // an empty page with a cursor is not the end
        poller.start();
        const auto all = [&] {
            TradeBatch out;
            for (const auto &args : fetched)
                out += args.at(0).value<TradeBatch>();
            return out;
        };
        QTRY_COMPARE(all().size(), first.size());
        const TradeBatch second = gen.generate(6, QDateTime::currentMSecsSinceEpoch() - 1000);
        server.publish(second);
        QTRY_COMPARE(all().size(), first.size() + second.size());
        QTest::qWait(500); // several more polls: nothing new, nothing repeated
        QCOMPARE(all().size(), first.size() + second.size());
        QSet<QString> ids;
        for (const Trade &t : all())
            ids.insert(t.txId.text());
        QCOMPARE(ids.size(), first.size() + second.size());
        QVERIFY(!status.isEmpty());
        QCOMPARE(status.last().at(0).value<FeedStatus>().feed, u"kalshi.rest"_s);
        QCOMPARE(status.last().at(0).value<FeedStatus>().state, FeedState::Live);
        poller.stop();
    }

    void pollerBacksOffOnRateLimit() {
        KalshiServer server;
        QVERIFY(server.listen());
        KalshiTradeGenerator gen(3, QDateTime::currentMSecsSinceEpoch() - 30'000);
        const TradeBatch sent = gen.generate(5);
        server.publish(sent);
        KalshiPollerConfig config;
        config.restBase = server.restUrl();
        config.minNotional = Decimal();
        config.pollLive = false;
        KalshiRestPoller poller(config, nullptr);
        QSignalSpy finished(&poller, &KalshiRestPoller::rangeFinished);
        QSignalSpy cutoff(&poller, &KalshiRestPoller::historicalCutoffChanged);
        poller.start();
        QVERIFY(cutoff.wait()); // the start's cutoff request, before the 429s
        server.queueRateLimited(2);
        QSignalSpy requests(&server, &KalshiServer::restRequest);
        QElapsedTimer clock;
        clock.start();
        poller.fetchRange(
            GapRange{0, u"kalshi.ws"_s, sent.first().timestampMs, sent.last().timestampMs, u"test"_s});
        QVERIFY(finished.wait(20'000));
        QCOMPARE(finished.first().at(1).toBool(), true);
        QCOMPARE(finished.first().at(2).toLongLong(), qint64(sent.size()));
        QCOMPARE(requests.size(), 3); // two 429s, then the page
        // No Retry-After: the pause comes from the backoff, which starts around a second.
        QVERIFY2(clock.elapsed() >= 500, qPrintable(QString::number(clock.elapsed())));
    }

    void exchangeSimulatorServesKalshi() {
        sim::ExchangeSimulator simulator;
        QVERIFY(simulator.start());
        QVERIFY(simulator.kalshi());
        QVERIFY(simulator.kalshi()->isListening());
        QCOMPARE(simulator.kalshi()->wsUrl().path(), u"/trade-api/ws/v2"_s);
        QCOMPARE(simulator.kalshi()->restUrl().host(), u"127.0.0.1"_s);
    }
};

QTEST_GUILESS_MAIN(TestKalshiSim)
#include "tst_kalshisim.moc"
