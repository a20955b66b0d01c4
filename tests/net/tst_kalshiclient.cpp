#include "net/kalshiclient.h"
#include "net/kalshirestpoller.h"
#include "net/kalshisigner.h"
#include "net/simulator/kalshiserver.h"
#include "net/simulator/kalshitradegenerator.h"
#include "storage/connection.h"
#include "storage/tradewriter.h"

#include <QFile>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace longshot;
using namespace longshot::net;
using longshot::net::sim::KalshiServer;
using longshot::net::sim::KalshiTradeGenerator;

namespace {

const QString kKeyId = u"8f1c2d3e-4a5b-4c6d-9e7f-0a1b2c3d4e5f"_s;
const QString kTicker = u"KXBTCD-26NOV23-T99999"_s;

std::shared_ptr<const KalshiSigner> signerFrom(const QByteArray &pem, const QString &keyId = kKeyId) {
    auto load = KalshiSigner::fromPem(pem, keyId);
    if (!load.ok())
        return {};
    return std::make_shared<const KalshiSigner>(std::move(*load.signer));
}

KalshiWsConfig wsConfig(const KalshiServer &server) {
    KalshiWsConfig c;
    c.url = server.wsUrl();
    c.minNotional = Decimal();
    c.backoff = BackoffPolicy{std::chrono::milliseconds(50), std::chrono::milliseconds(200), 1'000};
    return c;
}

Decimal dec(const char *text) {
    return Decimal::parse(std::string_view(text)).value;
}

// The fields a Kalshi frame or row carries, compared exactly.
void compareTrades(const TradeBatch &got, const TradeBatch &want) {
    QCOMPARE(got.size(), want.size());
    for (qsizetype i = 0; i < got.size(); ++i) {
        const Trade &a = got.at(i);
        const Trade &b = want.at(i);
        QCOMPARE(a.venue, Venue::Kalshi);
        QCOMPARE(a.txId, b.txId);
        QCOMPARE(a.marketId, b.marketId);
        QCOMPARE(a.assetId, b.assetId);
        QCOMPARE(a.price, b.price);
        QCOMPARE(a.size, b.size);
        QCOMPARE(a.timestampMs, b.timestampMs);
        QCOMPARE(a.outcomeIndex, b.outcomeIndex);
        QVERIFY(a.wallet.address().isEmpty());
    }
}

TradeBatch collected(const QSignalSpy &spy) {
    TradeBatch out;
    for (const QList<QVariant> &args : spy)
        out += args.at(0).value<TradeBatch>();
    return out;
}

bool waitForState(QSignalSpy &spy, FeedState state, int timeoutMs = 5000) {
    const auto seen = [&] {
        for (const QList<QVariant> &args : spy)
            if (args.at(0).value<FeedStatus>().state == state)
                return true;
        return false;
    };
    QElapsedTimer timer;
    timer.start();
    while (!seen() && timer.elapsed() < timeoutMs)
        spy.wait(100);
    return seen();
}

FeedStatus lastStatus(const QSignalSpy &spy) {
    return spy.isEmpty() ? FeedStatus{} : spy.last().at(0).value<FeedStatus>();
}

} // namespace

class TestKalshiClient : public QObject {
    Q_OBJECT

    QByteArray m_pem;
    QByteArray m_otherPem;

private Q_SLOTS:
    void initTestCase() {
        qRegisterMetaType<TradeBatch>();
        qRegisterMetaType<FeedStatus>();
        qRegisterMetaType<GapRange>();
        qRegisterMetaType<OrderBook>();
        m_pem = KalshiServer::generatePrivateKeyPem();
        m_otherPem = KalshiServer::generatePrivateKeyPem();
        QVERIFY(!m_pem.isEmpty());
        QVERIFY(!m_otherPem.isEmpty());
        QVERIFY(m_pem != m_otherPem);
    }

    void signedUpgradeCarriesTrades() {
        KalshiServer server;
        QVERIFY(server.listen());
        auto signer = signerFrom(m_pem);
        QVERIFY(signer);
        server.setAuthKey(signer->publicKeyPem(), kKeyId);
        KalshiClient client(wsConfig(server), signer, nullptr);
        QSignalSpy subscribed(&server, &KalshiServer::subscribed);
        QSignalSpy trades(&client, &KalshiClient::tradesReceived);
        QSignalSpy status(&client, &KalshiClient::statusChanged);
        client.start();
        QVERIFY(subscribed.wait());
        QCOMPARE(subscribed.first().at(0).toString(), u"trade"_s);
        QCOMPARE(server.upgradeAttempts(), 1);
        QCOMPARE(server.upgradesRefused(), 0);
        QVERIFY(waitForState(status, FeedState::Live));

        KalshiTradeGenerator gen(7);
        const TradeBatch sent = gen.generate(25);
        server.publish(sent);
        QTRY_COMPARE(collected(trades).size(), sent.size());
        compareTrades(collected(trades), sent);
        for (const Trade &t : collected(trades))
            QCOMPARE(t.source, TradeSource::KalshiWs);
        client.stop();
    }

    void refusedCredentialsStopWithoutStorm_data() {
        QTest::addColumn<int>("mode");
        QTest::newRow("wrong key") << 0;
        QTest::newRow("stale timestamp") << 1;
        QTest::newRow("no credentials") << 2;
        QTest::newRow("unknown key id") << 3;
    }
    void refusedCredentialsStopWithoutStorm() {
        QFETCH(int, mode);
        KalshiServer server;
        QVERIFY(server.listen());
        auto right = signerFrom(m_pem);
        server.setAuthKey(right->publicKeyPem(), kKeyId);
        std::shared_ptr<const KalshiSigner> used;
        switch (mode) {
        case 0:
            used = signerFrom(m_otherPem);
            break;
        case 1:
            used = right;
            server.setClockSkewMs(5 * 60'000); // our clock is five minutes behind the exchange's
            break;
        case 3:
            used = signerFrom(m_pem, u"00000000-0000-0000-0000-000000000000"_s);
            break;
        default:
            break;
        }
        KalshiClient client(wsConfig(server), used, nullptr);
        QSignalSpy status(&client, &KalshiClient::statusChanged);
        QSignalSpy refused(&server, &KalshiServer::upgradeRefused);
        client.start();
        QVERIFY(waitForState(status, FeedState::AuthFailed));
        QCOMPARE(refused.size(), 1);
        QCOMPARE(refused.first().at(0).toInt(), 401);
        const FeedStatus failed = lastStatus(status);
        QCOMPARE(failed.state, FeedState::AuthFailed);
        QVERIFY2(failed.lastError.contains(u"401"_s), qPrintable(failed.lastError));
        QVERIFY2(failed.lastError.contains(u"key"_s), qPrintable(failed.lastError));
        // The reconnect backoff in wsConfig is 50-200 ms: a storm would make ~20 attempts here.
        QTest::qWait(3000);
        QCOMPARE(server.upgradeAttempts(), 1);
        QCOMPARE(client.connectionAttempts(), 1);
        QCOMPARE(lastStatus(status).state, FeedState::AuthFailed);

        // New, right credentials bring it back at once.
        server.setClockSkewMs(0);
        QSignalSpy subscribed(&server, &KalshiServer::subscribed);
        client.setSigner(right);
        QVERIFY(subscribed.wait());
        QVERIFY(waitForState(status, FeedState::Live));
        QCOMPARE(server.upgradeAttempts(), 2);
        client.stop();
    }

    void errorNineIsAnAuthFailure() {
        KalshiServer server;
        QVERIFY(server.listen());
        server.setRejectCommandsUnauthenticated(true);
        KalshiClient client(wsConfig(server), nullptr, nullptr);
        QSignalSpy status(&client, &KalshiClient::statusChanged);
        client.start();
        QVERIFY(waitForState(status, FeedState::AuthFailed));
        QVERIFY(lastStatus(status).lastError.contains(u"error 9"_s));
        QTest::qWait(1500);
        QCOMPARE(server.upgradeAttempts(), 1);
        QCOMPARE(server.commandsReceived(), 1);
        client.stop();
    }

    void seqGapResyncsTheBook() {
        KalshiServer server;
        QVERIFY(server.listen());
        server.setBook(kTicker, {{dec("0.41"), dec("120.00")}, {dec("0.42"), dec("35.50")}},
                       {{dec("0.55"), dec("80.00")}, {dec("0.57"), dec("10.00")}});
        KalshiWsConfig config = wsConfig(server);
        config.subscribeTrades = false;
        KalshiClient client(config, nullptr, nullptr);
        QSignalSpy books(&client, &KalshiClient::bookUpdated);
        QSignalSpy snapshots(&server, &KalshiServer::snapshotRequested);
        client.start();
        client.watchMarket(kTicker);
        QVERIFY(books.wait());
        QCOMPARE(books.last().at(0).toString(), kTicker);
        QCOMPARE(books.last().at(1).value<OrderBook>(), server.book(kTicker));
        QCOMPARE(server.book(kTicker).bestBid()->price, dec("0.42"));
        QCOMPARE(server.book(kTicker).bestAsk()->price, dec("0.43")); // 1 - best NO bid 0.57

        // In-order deltas apply without a resync.
        server.applyBookDelta(kTicker, OutcomeSide::Yes, dec("0.42"), dec("-5.50"));
        server.applyBookDelta(kTicker, OutcomeSide::No, dec("0.56"), dec("7.00"));
        QTRY_COMPARE(books.last().at(1).value<OrderBook>(), server.book(kTicker));
        QCOMPARE(client.resyncs(), 0);
        QCOMPARE(snapshots.size(), 0);

        // A lost delta: the client must notice from seq alone and ask for a snapshot.
        server.skipNextSeq();
        server.applyBookDelta(kTicker, OutcomeSide::Yes, dec("0.43"), dec("900.00"));
        QVERIFY(snapshots.wait());
        QTRY_COMPARE(books.last().at(1).value<OrderBook>(), server.book(kTicker));
        QCOMPARE(client.resyncs(), 1);
        QCOMPARE(books.last().at(1).value<OrderBook>().bestBid()->price, dec("0.43"));
        QCOMPARE(books.last().at(1).value<OrderBook>().bestBid()->size, dec("900"));

        // And it keeps following afterwards.
        server.applyBookDelta(kTicker, OutcomeSide::Yes, dec("0.43"), dec("-900.00"));
        QTRY_COMPARE(books.last().at(1).value<OrderBook>(), server.book(kTicker));
        QCOMPARE(client.resyncs(), 1);
        client.stop();
    }

    void endedSubscriptionIsRenewed_data() {
        QTest::addColumn<int>("code");
        QTest::newRow("10 channel error") << 10;
        QTest::newRow("17 internal error") << 17;
        QTest::newRow("25 buffer overflow") << 25;
    }
    void endedSubscriptionIsRenewed() {
        QFETCH(int, code);
        KalshiServer server;
        QVERIFY(server.listen());
        KalshiClient client(wsConfig(server), nullptr, nullptr);
        QSignalSpy subscribed(&server, &KalshiServer::subscribed);
        QSignalSpy trades(&client, &KalshiClient::tradesReceived);
        QSignalSpy gaps(&client, &KalshiClient::gapDetected);
        client.start();
        QVERIFY(subscribed.wait());
        server.endSubscriptions(u"trade"_s, code);
        QVERIFY(subscribed.wait());
        QCOMPARE(subscribed.size(), 2);
        QCOMPARE(subscribed.last().at(0).toString(), u"trade"_s);
        QCOMPARE(server.upgradeAttempts(), 1); // same connection
        QVERIFY(!gaps.isEmpty());              // what the dead subscription missed goes to REST
        KalshiTradeGenerator gen(11);
        const TradeBatch sent = gen.generate(3);
        server.publish(sent);
        QTRY_COMPARE(collected(trades).size(), 3);
        compareTrades(collected(trades), sent);
        client.stop();
    }

    void looseKeyFileIsRefused() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"kalshi.pem"_s);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QVERIFY(f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        f.write(m_pem);
        f.close();
        QVERIFY(KalshiSigner::loadKeyFile(path, kKeyId).ok());
        QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                QFileDevice::ReadGroup | QFileDevice::ReadOther)); // 0644
        const auto load = KalshiSigner::loadKeyFile(path, kKeyId);
        QVERIFY(!load.ok());
        QVERIFY2(load.error.contains(u"644"_s), qPrintable(load.error));
        QVERIFY2(load.error.contains(u"chmod 600"_s), qPrintable(load.error));
        QVERIFY(!load.error.contains(u"PRIVATE KEY"_s)); // never quotes the key
    }

    // Trades from the socket and the same trades from REST end up stored once each.
    void socketAndRestStoreEachTradeOnce() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString dbPath = dir.filePath(u"kalshi.sqlite"_s);
        KalshiServer server;
        QVERIFY(server.listen());
        auto queue = std::make_shared<BoundedBatchQueue>(64);
        storage::TradeWriter writer(storage::DatabaseConfig::sqlite(dbPath), queue);
        QSignalSpy opened(&writer, &storage::TradeWriter::opened);
        writer.open();
        QVERIFY(opened.size() == 1 || opened.wait());
        QVERIFY2(opened.first().at(0).toBool(), qPrintable(opened.first().at(1).toString()));

        KalshiClient client(wsConfig(server), nullptr, queue);
        KalshiPollerConfig pc;
        pc.restBase = server.restUrl();
        pc.minNotional = Decimal();
        pc.pageSize = 7; // several pages, with cursors
        pc.pollLive = false;
        KalshiRestPoller poller(pc, queue);
        connect(&client, &KalshiClient::storageBatchQueued, &writer, &storage::TradeWriter::drain);
        connect(&poller, &KalshiRestPoller::storageBatchQueued, &writer, &storage::TradeWriter::drain);
        QSignalSpy wsTrades(&client, &KalshiClient::tradesReceived);
        QSignalSpy finished(&poller, &KalshiRestPoller::rangeFinished);
        QSignalSpy subscribed(&server, &KalshiServer::subscribed);
        client.start();
        poller.start();
        QVERIFY(subscribed.wait());

        KalshiTradeGenerator gen(99, QDateTime::currentMSecsSinceEpoch() - 60'000);
        const TradeBatch sent = gen.generate(40);
        server.publish(sent);
        QTRY_COMPARE(collected(wsTrades).size(), sent.size());
        poller.fetchRange(
            GapRange{0, u"kalshi.ws"_s, sent.first().timestampMs, sent.last().timestampMs, u"test"_s});
        QVERIFY(finished.wait());
        QCOMPARE(finished.first().at(1).toBool(), true);
        QCOMPARE(finished.first().at(2).toLongLong(), qint64(sent.size()));
        client.stop();
        writer.drain();
        writer.close();

        storage::DatabaseConfig reader = storage::DatabaseConfig::sqlite(dbPath);
        reader.readOnly = true;
        storage::Connection connection(reader, u"kalshi-test-reader"_s);
        QVERIFY(!connection.open());
        QSqlQuery q(connection.database());
        QVERIFY(q.exec(
            u"SELECT venue, tx_id, price_micros, size_micros, ts_ms, asset_id FROM trades ORDER BY ts_ms, tx_id"_s));
        QHash<QString, Trade> byId;
        for (const Trade &t : sent)
            byId.insert(t.txId.text(), t);
        int rows = 0;
        while (q.next()) {
            ++rows;
            QCOMPARE(q.value(0).toString(), u"kalshi"_s);
            const auto it = byId.constFind(q.value(1).toString());
            QVERIFY(it != byId.cend());
            QCOMPARE(q.value(2).toLongLong(), it->price.micros());
            QCOMPARE(q.value(3).toLongLong(), it->size.micros());
            QCOMPARE(q.value(4).toLongLong(), it->timestampMs);
            QCOMPARE(q.value(5).toString(), it->assetId);
        }
        QCOMPARE(rows, int(sent.size()));
    }
};

QTEST_GUILESS_MAIN(TestKalshiClient)
#include "tst_kalshiclient.moc"
