// The exchange simulator over real sockets on loopback: a QWebSocket speaking RTDS and a
// QNetworkAccessManager calling data-api /trades, as the production clients do.
#include "net/simulator/exchangesimulator.h"
#include "net/simulator/simulatorthread.h"
#include "net/simulator/tradegenerator.h"
#include "tests/support/testdata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>
#include <QWebSocket>

#include <memory>

using namespace longshot;
using namespace longshot::net::sim;
using namespace Qt::StringLiterals;

namespace {

constexpr int kWaitMs = 10'000;

const QString kSubscribeTrades =
    uR"({"action":"subscribe","subscriptions":[{"topic":"activity","type":"trades","filters":""}]})"_s;
const QString kSubscribeBoth =
    uR"({"action":"subscribe","subscriptions":[{"topic":"activity","type":"trades","filters":""},)"
    uR"({"topic":"activity","type":"orders_matched"}]})"_s;

// A raw RTDS client that records every text frame.
class WsClient final {
public:
    WsClient() {
        m_socket.setProxy(QNetworkProxy::NoProxy);
        QObject::connect(&m_socket, &QWebSocket::textMessageReceived, &m_socket,
                         [this](const QString &frame) {
                             m_frames.append(frame);
                             m_dataFrames += frame.contains(u"\"payload\""_s) ? 1 : 0;
                         });
    }
    bool open(const QUrl &url) {
        QSignalSpy connected(&m_socket, &QWebSocket::connected);
        m_socket.open(url);
        return connected.wait(kWaitMs);
    }
    void send(const QString &text) { m_socket.sendTextMessage(text); }
    // Every frame sent before the server answers this ping has arrived once the pong has.
    bool barrier() {
        const qsizetype pongs = m_frames.count(u"pong"_s);
        send(u"ping"_s);
        return QTest::qWaitFor([&] { return m_frames.count(u"pong"_s) > pongs; }, kWaitMs);
    }
    QStringList dataFrames() const {
        QStringList out;
        for (const QString &f : m_frames) {
            if (f.contains(u"\"payload\""_s))
                out.append(f);
        }
        return out;
    }
    const QStringList &frames() const { return m_frames; }
    qsizetype dataFrameCount() const { return m_dataFrames; }
    QWebSocket &socket() { return m_socket; }

private:
    QWebSocket m_socket;
    QStringList m_frames;
    qsizetype m_dataFrames = 0;
};

struct HttpResult {
    int status = 0;
    QByteArray contentType;
    QByteArray retryAfter;
    QByteArray body;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
};

HttpResult httpGet(QNetworkAccessManager &nam, const QUrl &url) {
    HttpResult result;
    QNetworkReply *reply = nam.get(QNetworkRequest(url));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(kWaitMs)) {
        reply->abort();
        reply->deleteLater();
        return result;
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.contentType = reply->rawHeader("Content-Type");
    result.retryAfter = reply->rawHeader("Retry-After");
    result.body = reply->readAll();
    result.error = reply->error();
    reply->deleteLater();
    return result;
}

QUrl tradesUrl(const QUrl &base, const QString &query = {}) {
    QUrl url = base;
    url.setPath(u"/trades"_s);
    if (!query.isEmpty())
        url.setQuery(query);
    return url;
}

QJsonObject payloadOf(const QString &frame) {
    return QJsonDocument::fromJson(frame.toUtf8()).object().value(u"payload"_s).toObject();
}

QString rowKey(const QJsonObject &row) {
    return row.value(u"transactionHash"_s).toString() + u'|' +
           row.value(u"proxyWallet"_s).toString().toLower() + u'|' + row.value(u"asset"_s).toString() + u'|' +
           row.value(u"side"_s).toString();
}

QString tradeKey(const Trade &t) {
    return t.txId.text() + u'|' + t.wallet.address() + u'|' + t.assetId + u'|' + sideName(t.side);
}

} // namespace

class TestSimulator : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() {
        m_sim = std::make_unique<ExchangeSimulator>();
        QVERIFY(m_sim->start());
        m_nam = std::make_unique<QNetworkAccessManager>();
        m_nam->setProxy(QNetworkProxy::NoProxy);
        m_gen = std::make_unique<TradeGenerator>(11);
    }
    void cleanup() {
        m_nam.reset();
        m_sim.reset();
    }

    void urlsAreLoopbackEphemeral() {
        QCOMPARE(m_sim->rtdsUrl().scheme(), u"ws"_s);
        QCOMPARE(m_sim->rtdsUrl().host(), u"127.0.0.1"_s);
        QCOMPARE(m_sim->rtdsUrl().path(), u"/"_s);
        QVERIFY(m_sim->rtdsUrl().port() > 0);
        QCOMPARE(m_sim->dataApiUrl().scheme(), u"http"_s);
        QCOMPARE(m_sim->dataApiUrl().host(), u"127.0.0.1"_s);
        QVERIFY(m_sim->dataApiUrl().port() > 0);
        QVERIFY(m_sim->dataApiUrl().port() != m_sim->rtdsUrl().port());
    }

    void connectGetsEmptyGreeting() {
        QSignalSpy connected(m_sim.get(), &ExchangeSimulator::clientConnected);
        WsClient client;
        QVERIFY(client.open(m_sim->rtdsUrl()));
        QTRY_VERIFY_WITH_TIMEOUT(!client.frames().isEmpty(), kWaitMs);
        QCOMPARE(client.frames().constFirst(), QString());
        QTRY_COMPARE_WITH_TIMEOUT(connected.size(), 1, kWaitMs);
        QCOMPARE(m_sim->connectedClients(), 1);
    }

    void subscribedClientReceivesPublishedTrades() {
        WsClient client;
        QVERIFY(client.open(m_sim->rtdsUrl()));
        QSignalSpy subscribed(m_sim.get(), &ExchangeSimulator::clientSubscribed);
        client.send(kSubscribeTrades);
        QVERIFY(subscribed.wait(kWaitMs));
        QCOMPARE(subscribed.at(0).at(0).toString(), u"activity"_s);
        QCOMPARE(subscribed.at(0).at(1).toString(), u"trades"_s);

        const TradeBatch trades = m_gen->generate(25);
        m_sim->publish(trades);
        QTRY_COMPARE_WITH_TIMEOUT(client.dataFrames().size(), trades.size(), kWaitMs);
        const QStringList frames = client.dataFrames();
        for (qsizetype i = 0; i < trades.size(); ++i) {
            const Trade &t = trades.at(i);
            const QJsonObject envelope = QJsonDocument::fromJson(frames.at(i).toUtf8()).object();
            QCOMPARE(envelope.value(u"topic"_s).toString(), u"activity"_s);
            QCOMPARE(envelope.value(u"type"_s).toString(), u"trades"_s);
            QVERIFY(!envelope.value(u"connection_id"_s).toString().isEmpty());
            QVERIFY(envelope.value(u"timestamp"_s).toDouble() > 1.7e12); // milliseconds
            const QJsonObject p = envelope.value(u"payload"_s).toObject();
            const QStringList keys = {
                u"asset"_s,       u"bio"_s,       u"conditionId"_s,    u"eventSlug"_s, u"icon"_s,
                u"name"_s,        u"outcome"_s,   u"outcomeIndex"_s,   u"price"_s,     u"profileImage"_s,
                u"proxyWallet"_s, u"pseudonym"_s, u"side"_s,           u"size"_s,      u"slug"_s,
                u"timestamp"_s,   u"title"_s,     u"transactionHash"_s};
            for (const QString &key : keys)
                QVERIFY2(p.contains(key), qPrintable(key));
            QCOMPARE(p.contains(u"fee"_s), t.fee.has_value());
            QCOMPARE(p.value(u"asset"_s).toString(), t.assetId);
            QCOMPARE(p.value(u"conditionId"_s).toString(), t.marketId);
            QCOMPARE(p.value(u"transactionHash"_s).toString(), t.txId.text());
            QCOMPARE(p.value(u"side"_s).toString(), sideName(t.side));
            QCOMPARE(p.value(u"outcomeIndex"_s).toInt(), t.outcomeIndex);
            QCOMPARE(qint64(p.value(u"timestamp"_s).toDouble()), t.timestampMs / 1000); // seconds
            // Mixed case on the socket, the same wallet once lowered.
            const QString wallet = p.value(u"proxyWallet"_s).toString();
            QCOMPARE(wallet.toLower(), t.wallet.address());
            // Exact decimal text on the wire, not a double rendering.
            QVERIFY2(frames.at(i).contains(u"\"price\":"_s + t.price.toString() + u','),
                     qPrintable(frames.at(i)));
            QVERIFY2(frames.at(i).contains(u"\"size\":"_s + t.size.toString() + u','),
                     qPrintable(frames.at(i)));
        }
        // Over a few dozen wallets some have letters a-f, so EIP-55 casing must show up.
        bool sawUpper = false;
        for (const QString &f : frames)
            sawUpper = sawUpper || payloadOf(f).value(u"proxyWallet"_s).toString() !=
                                       payloadOf(f).value(u"proxyWallet"_s).toString().toLower();
        QVERIFY(sawUpper);
        QCOMPARE(m_sim->allTrades().size(), trades.size());
    }

    void unsubscribedClientGetsNothing() {
        WsClient idle;
        QVERIFY(idle.open(m_sim->rtdsUrl()));
        m_sim->publish(m_gen->generate(5));
        QVERIFY(idle.barrier());
        QCOMPARE(idle.dataFrames().size(), 0);
    }

    void bothActivityTypesDuplicateFills() {
        WsClient client;
        QVERIFY(client.open(m_sim->rtdsUrl()));
        QSignalSpy subscribed(m_sim.get(), &ExchangeSimulator::clientSubscribed);
        client.send(kSubscribeBoth);
        QTRY_COMPARE_WITH_TIMEOUT(subscribed.size(), 2, kWaitMs);

        m_sim->publish(m_gen->generate(3));
        QTRY_COMPARE_WITH_TIMEOUT(client.dataFrames().size(), 6, kWaitMs);
        int matched = 0;
        for (const QString &f : client.dataFrames())
            matched += QJsonDocument::fromJson(f.toUtf8()).object().value(u"type"_s).toString() ==
                               u"orders_matched"_s
                           ? 1
                           : 0;
        QCOMPARE(matched, 3);

        m_sim->setActivityDelivery(ActivityDelivery::TradesOnly);
        m_sim->publish(m_gen->generate(2));
        QVERIFY(client.barrier());
        QCOMPARE(client.dataFrames().size(), 8);

        m_sim->setActivityDelivery(ActivityDelivery::OrdersMatchedOnly);
        m_sim->publish(m_gen->generate(1));
        QVERIFY(client.barrier());
        QCOMPARE(client.dataFrames().size(), 9);
        QVERIFY(client.dataFrames().constLast().contains(u"\"type\":\"orders_matched\""_s));
    }

    void filtersAreExactCompactStrings() {
        Trade base = m_gen->next();
        Trade other = m_gen->next();
        while (other.eventSlug == base.eventSlug)
            other = m_gen->next();
        const QString filter = u"{\"event_slug\":\""_s + base.eventSlug + u"\"}"_s;
        const QString spaced = u"{\"event_slug\": \""_s + base.eventSlug + u"\"}"_s;
        const auto subscribeWith = [](const QString &filters) {
            QJsonObject sub{{u"topic"_s, u"activity"_s}, {u"type"_s, u"trades"_s}, {u"filters"_s, filters}};
            QJsonObject msg{{u"action"_s, u"subscribe"_s}, {u"subscriptions"_s, QJsonArray{sub}}};
            return QString::fromUtf8(QJsonDocument(msg).toJson(QJsonDocument::Compact));
        };
        WsClient compact;
        WsClient withSpaces;
        QVERIFY(compact.open(m_sim->rtdsUrl()));
        QVERIFY(withSpaces.open(m_sim->rtdsUrl()));
        QSignalSpy subscribed(m_sim.get(), &ExchangeSimulator::clientSubscribed);
        compact.send(subscribeWith(filter));
        withSpaces.send(subscribeWith(spaced));
        QTRY_COMPARE_WITH_TIMEOUT(subscribed.size(), 2, kWaitMs); // both accepted...
        m_sim->publish({base, other});
        QVERIFY(compact.barrier());
        QVERIFY(withSpaces.barrier());
        QCOMPARE(compact.dataFrames().size(), 1); // ...only the compact one matches
        QCOMPARE(payloadOf(compact.dataFrames().constFirst()).value(u"eventSlug"_s).toString(),
                 base.eventSlug);
        QCOMPARE(withSpaces.dataFrames().size(), 0);
    }

    void unsubscribeStopsDelivery() {
        WsClient client;
        QVERIFY(client.open(m_sim->rtdsUrl()));
        QSignalSpy subscribed(m_sim.get(), &ExchangeSimulator::clientSubscribed);
        client.send(kSubscribeTrades);
        QVERIFY(subscribed.wait(kWaitMs));
        QString unsubscribe = kSubscribeTrades;
        unsubscribe.replace(u"\"subscribe\""_s, u"\"unsubscribe\""_s);
        client.send(unsubscribe);
        QVERIFY(client.barrier());
        m_sim->publish(m_gen->generate(4));
        QVERIFY(client.barrier());
        QCOMPARE(client.dataFrames().size(), 0);
    }

    void fixtureFramesArriveByteIdentical() {
        const QByteArray fixture =
            longshot::test::readData(u"polymarket/rtds_activity_trades_whalescan.json"_s);
        const QJsonArray expected = QJsonDocument::fromJson(fixture).array();
        QVERIFY(!expected.isEmpty());
        WsClient client;
        QVERIFY(client.open(m_sim->rtdsUrl()));
        QTRY_COMPARE_WITH_TIMEOUT(client.frames().size(), 1, kWaitMs); // the greeting

        QCOMPARE(m_sim->publishFixtureFrames(fixture), int(expected.size()));
        QTRY_COMPARE_WITH_TIMEOUT(client.dataFrames().size(), expected.size(), kWaitMs);
        for (qsizetype i = 0; i < expected.size(); ++i) {
            const QByteArray got = client.dataFrames().at(i).toUtf8();
            // The exact captured text (indentation included), not a re-serialisation.
            QVERIFY(got.contains('\n'));
            QVERIFY(fixture.contains(got));
            QCOMPARE(QJsonDocument::fromJson(got).object(), expected.at(i).toObject());
        }

        // The same fills are now served by REST, lowercase wallets, exact numbers.
        QCOMPARE(m_sim->allTrades().size(), expected.size());
        const HttpResult r = httpGet(*m_nam, tradesUrl(m_sim->dataApiUrl()));
        QCOMPARE(r.status, 200);
        const QJsonArray rows = QJsonDocument::fromJson(r.body).array();
        QCOMPARE(rows.size(), expected.size());
        QHash<QString, QJsonObject> byKey;
        for (const QJsonValue &v : expected) {
            const QJsonObject p = v.toObject().value(u"payload"_s).toObject();
            byKey.insert(rowKey(p), p);
        }
        for (const QJsonValue &v : rows) {
            const QJsonObject row = v.toObject();
            const QString wallet = row.value(u"proxyWallet"_s).toString();
            QCOMPARE(wallet, wallet.toLower());
            QVERIFY(byKey.contains(rowKey(row)));
            const QJsonObject p = byKey.value(rowKey(row));
            for (const QString &key :
                 {u"price"_s, u"size"_s, u"timestamp"_s, u"title"_s, u"slug"_s, u"icon"_s, u"eventSlug"_s,
                  u"outcome"_s, u"outcomeIndex"_s, u"name"_s, u"pseudonym"_s, u"conditionId"_s})
                QCOMPARE(row.value(key), p.value(key));
            QVERIFY(row.contains(u"profileImageOptimized"_s));
            QVERIFY(!row.contains(u"fee"_s));
        }
        QVERIFY(r.body.contains("\"size\":1030.92,\"price\":0.03,"));
    }

    void fixtureFramesThatAreNotAnArrayAreRefused() {
        QCOMPARE(m_sim->publishFixtureFrames(R"({"topic":"activity"})"), -1);
        QCOMPARE(m_sim->allTrades().size(), 0);
    }

    void rawFramesGoOutVerbatim() {
        WsClient client;
        QVERIFY(client.open(m_sim->rtdsUrl()));
        QTRY_COMPARE_WITH_TIMEOUT(client.frames().size(), 1, kWaitMs);
        m_sim->sendRawFrame("<html><body>502 Bad Gateway</body></html>");
        m_sim->sendRawFrame(R"({"topic":"activity","type":"trades","payload":{"price":)");
        QTRY_COMPARE_WITH_TIMEOUT(client.frames().size(), 3, kWaitMs);
        QCOMPARE(client.frames().at(1), u"<html><body>502 Bad Gateway</body></html>"_s);
        QCOMPARE(client.frames().at(2), uR"({"topic":"activity","type":"trades","payload":{"price":)"_s);
        QCOMPARE(m_sim->allTrades().size(), 0); // raw frames never reach REST
    }

    void unknownTopicRejectsTheWholeMessage() {
        const QJsonObject rejection =
            QJsonDocument::fromJson(
                longshot::test::readData(u"polymarket/rtds_subscription_rejected_polyoxide.json"_s))
                .object();
        QVERIFY(!rejection.isEmpty());
        WsClient client;
        QVERIFY(client.open(m_sim->rtdsUrl()));
        QSignalSpy subscribed(m_sim.get(), &ExchangeSimulator::clientSubscribed);
        client.send(uR"({"action":"subscribe","subscriptions":[{"topic":"activity","type":"trades"},)"
                    uR"({"topic":"definitely_not_a_topic","type":"update"}]})"_s);
        QTRY_VERIFY_WITH_TIMEOUT(client.frames().size() >= 2, kWaitMs);
        QCOMPARE(QJsonDocument::fromJson(client.frames().at(1).toUtf8()).object(), rejection);

        m_sim->publish(m_gen->generate(3));
        QVERIFY(client.barrier());
        QCOMPARE(client.dataFrames().size(), 0); // not even for the valid activity entry
        QCOMPARE(subscribed.size(), 0);
        QCOMPARE(client.frames().size(), 3); // greeting, one rejection, pong
    }

    void messageWithoutActionDeliversNothing() {
        WsClient client;
        QVERIFY(client.open(m_sim->rtdsUrl()));
        client.send(uR"({"subscriptions":[{"topic":"activity","type":"trades","filters":""}]})"_s);
        QVERIFY(client.barrier());
        m_sim->publish(m_gen->generate(3));
        QVERIFY(client.barrier());
        QCOMPARE(client.dataFrames().size(), 0);
        QCOMPARE(m_sim->connectedClients(), 1); // accepted, not dropped
    }

    void pingGetsPong_data() {
        QTest::addColumn<QString>("ping");
        QTest::addColumn<QString>("reply");
        QTest::newRow("lower") << u"ping"_s << u"pong"_s;
        QTest::newRow("upper") << u"PING"_s << u"pong"_s;
        QTest::newRow("custom PONG") << u"PING"_s << u"PONG"_s;
    }
    void pingGetsPong() {
        QFETCH(QString, ping);
        QFETCH(QString, reply);
        m_sim->setPongReply(reply);
        WsClient client;
        QVERIFY(client.open(m_sim->rtdsUrl()));
        client.send(ping);
        QTRY_VERIFY_WITH_TIMEOUT(client.frames().contains(reply), kWaitMs);
    }

    void silentPongSetting() {
        m_sim->setPongReply(QString());
        WsClient client;
        QVERIFY(client.open(m_sim->rtdsUrl()));
        QSignalSpy subscribed(m_sim.get(), &ExchangeSimulator::clientSubscribed);
        client.send(u"ping"_s);
        client.send(kSubscribeTrades);
        QVERIFY(subscribed.wait(kWaitMs));
        // A pong, had there been one, would precede this frame on the same stream.
        m_sim->publish(m_gen->generate(1));
        QTRY_COMPARE_WITH_TIMEOUT(client.dataFrames().size(), 1, kWaitMs);
        QCOMPARE(client.frames().size(), 2); // the greeting and the trade
    }

    void stallKeepsSocketAndPingsButStopsData() {
        WsClient client;
        QVERIFY(client.open(m_sim->rtdsUrl()));
        QSignalSpy subscribed(m_sim.get(), &ExchangeSimulator::clientSubscribed);
        client.send(kSubscribeTrades);
        QVERIFY(subscribed.wait(kWaitMs));
        m_sim->publish(m_gen->generate(2));
        QTRY_COMPARE_WITH_TIMEOUT(client.dataFrames().size(), 2, kWaitMs);

        m_sim->setStalled(true);
        QVERIFY(m_sim->isStalled());
        const TradeBatch missed = m_gen->generate(5);
        m_sim->publish(missed);
        m_sim->publishFixtureFrames(
            longshot::test::readData(u"polymarket/rtds_activity_trades_whalescan.json"_s));
        // Text ping/pong and protocol ping/pong both still work.
        QVERIFY(client.barrier());
        QSignalSpy pong(&client.socket(), &QWebSocket::pong);
        client.socket().ping("alive?");
        QVERIFY(pong.wait(kWaitMs));
        QCOMPARE(pong.at(0).at(1).toByteArray(), QByteArray("alive?"));
        QCOMPARE(client.dataFrames().size(), 2);
        QCOMPARE(m_sim->connectedClients(), 1);
        QCOMPARE(client.socket().state(), QAbstractSocket::ConnectedState);
        // What the socket missed is still on REST, for the backfill.
        QCOMPARE(m_sim->allTrades().size(), 2 + 5 + 5);

        m_sim->setStalled(false);
        m_sim->publish(m_gen->generate(1));
        QTRY_COMPARE_WITH_TIMEOUT(client.dataFrames().size(), 3, kWaitMs);
    }

    void dropConnectionsClosesClientSockets() {
        WsClient a;
        WsClient b;
        QVERIFY(a.open(m_sim->rtdsUrl()));
        QVERIFY(b.open(m_sim->rtdsUrl()));
        QTRY_COMPARE_WITH_TIMEOUT(m_sim->connectedClients(), 2, kWaitMs);
        QSignalSpy aGone(&a.socket(), &QWebSocket::disconnected);
        QSignalSpy bGone(&b.socket(), &QWebSocket::disconnected);
        QSignalSpy aErrors(&a.socket(), qOverload<QAbstractSocket::SocketError>(&QWebSocket::error));
        QSignalSpy serverSide(m_sim.get(), &ExchangeSimulator::clientDisconnected);
        m_sim->dropConnections();
        QCOMPARE(m_sim->connectedClients(), 0);
        QCOMPARE(serverSide.size(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(aGone.size(), 1, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(bGone.size(), 1, kWaitMs);
        // An abort, not a close handshake: the client sees the TCP connection vanish.
        QTRY_VERIFY_WITH_TIMEOUT(aErrors.size() >= 1, kWaitMs);
        QCOMPARE(aErrors.at(0).at(0).value<QAbstractSocket::SocketError>(),
                 QAbstractSocket::RemoteHostClosedError);

        // The server keeps accepting: a reconnect works.
        WsClient again;
        QVERIFY(again.open(m_sim->rtdsUrl()));
        QTRY_COMPARE_WITH_TIMEOUT(m_sim->connectedClients(), 1, kWaitMs);
    }

    void clientCloseIsNoticed() {
        QSignalSpy gone(m_sim.get(), &ExchangeSimulator::clientDisconnected);
        {
            WsClient client;
            QVERIFY(client.open(m_sim->rtdsUrl()));
            QTRY_COMPARE_WITH_TIMEOUT(m_sim->connectedClients(), 1, kWaitMs);
            client.socket().close();
            QVERIFY(gone.wait(kWaitMs));
        }
        QCOMPARE(m_sim->connectedClients(), 0);
    }

    void frameDelayKeepsOrder() {
        WsClient client;
        QVERIFY(client.open(m_sim->rtdsUrl()));
        QSignalSpy subscribed(m_sim.get(), &ExchangeSimulator::clientSubscribed);
        client.send(kSubscribeTrades);
        QVERIFY(subscribed.wait(kWaitMs));
        m_sim->setFrameDelayMs(150);
        const TradeBatch first = m_gen->generate(10);
        m_sim->publish(first);
        m_sim->setFrameDelayMs(0); // later frames still queue behind the delayed ones
        const TradeBatch second = m_gen->generate(10);
        m_sim->publish(second);
        QTRY_COMPARE_WITH_TIMEOUT(client.dataFrames().size(), 20, kWaitMs);
        const TradeBatch all = first + second;
        for (qsizetype i = 0; i < all.size(); ++i)
            QCOMPARE(rowKey(payloadOf(client.dataFrames().at(i))), tradeKey(all.at(i)));
    }

    void restPagesNewestFirst() {
        const TradeBatch trades = m_gen->generate(1'200);
        m_sim->publish(trades);
        QSignalSpy requests(m_sim.get(), &ExchangeSimulator::httpRequest);

        const HttpResult first = httpGet(*m_nam, tradesUrl(m_sim->dataApiUrl()));
        QCOMPARE(first.status, 200);
        QVERIFY(first.contentType.startsWith("application/json"));
        QCOMPARE(QJsonDocument::fromJson(first.body).array().size(), 100); // default limit
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests.at(0).at(0).toString(), u"/trades"_s);

        QStringList keys;
        for (int offset = 0; offset < 1'500; offset += 500) {
            const HttpResult page = httpGet(
                *m_nam, tradesUrl(m_sim->dataApiUrl(), u"limit=500&offset=%1&takerOnly=false"_s.arg(offset)));
            QCOMPARE(page.status, 200);
            const QJsonArray rows = QJsonDocument::fromJson(page.body).array();
            QCOMPARE(rows.size(), offset < 1'000 ? 500 : 200);
            for (const QJsonValue &row : rows)
                keys.append(rowKey(row.toObject()));
        }
        QCOMPARE(requests.constLast().at(0).toString(), u"/trades?limit=500&offset=1000&takerOnly=false"_s);
        // Newest first: the published (time-ordered) sequence reversed.
        QCOMPARE(keys.size(), trades.size());
        for (qsizetype i = 0; i < trades.size(); ++i)
            QCOMPARE(keys.at(i), tradeKey(trades.at(trades.size() - 1 - i)));

        const HttpResult capped = httpGet(*m_nam, tradesUrl(m_sim->dataApiUrl(), u"limit=10000"_s));
        QCOMPARE(QJsonDocument::fromJson(capped.body).array().size(), 500);
        const HttpResult none = httpGet(*m_nam, tradesUrl(m_sim->dataApiUrl(), u"limit=0"_s));
        QCOMPARE(none.body, QByteArray("[]"));
        QCOMPARE(m_sim->httpRequestsServed(), 6);
    }

    void restCashFilter() {
        const TradeBatch trades = m_gen->generate(3'000);
        m_sim->publish(trades);
        const Decimal threshold = Decimal::fromMicros(1'000 * Decimal::kOne);
        QStringList expected;
        for (qsizetype i = trades.size() - 1; i >= 0; --i) {
            if (*trades.at(i).notional() >= threshold)
                expected.append(tradeKey(trades.at(i)));
        }
        QVERIFY(expected.size() > 5);
        const HttpResult r =
            httpGet(*m_nam, tradesUrl(m_sim->dataApiUrl(), u"filterType=CASH&filterAmount=1000&limit=500"_s));
        QCOMPARE(r.status, 200);
        QStringList got;
        for (const QJsonValue &v : QJsonDocument::fromJson(r.body).array()) {
            const QJsonObject row = v.toObject();
            got.append(rowKey(row));
            const auto price = Decimal::parse(row.value(u"price"_s).toVariant().toString());
            QVERIFY(price.ok());
        }
        QCOMPARE(got, expected);

        // Paging within the filtered set.
        const HttpResult second = httpGet(
            *m_nam, tradesUrl(m_sim->dataApiUrl(), u"filterType=CASH&filterAmount=1000&limit=2&offset=2"_s));
        const QJsonArray rows = QJsonDocument::fromJson(second.body).array();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rowKey(rows.at(0).toObject()), expected.at(2));
        QCOMPARE(rowKey(rows.at(1).toObject()), expected.at(3));

        const HttpResult half = httpGet(*m_nam, tradesUrl(m_sim->dataApiUrl(), u"filterType=CASH"_s));
        QCOMPARE(half.status, 400);
    }

    void restTimeBounds() {
        const TradeBatch trades = m_gen->generate(800);
        m_sim->publish(trades);
        const qint64 start = trades.at(200).timestampMs / 1000;
        const qint64 end = trades.at(600).timestampMs / 1000;
        int expected = 0;
        for (const Trade &t : trades)
            expected += (t.timestampMs / 1000 >= start && t.timestampMs / 1000 <= end) ? 1 : 0;
        const HttpResult r = httpGet(
            *m_nam, tradesUrl(m_sim->dataApiUrl(), u"start=%1&end=%2&limit=500"_s.arg(start).arg(end)));
        const QJsonArray rows = QJsonDocument::fromJson(r.body).array();
        QCOMPARE(rows.size(), expected);
        for (const QJsonValue &v : rows) {
            const qint64 ts = qint64(v.toObject().value(u"timestamp"_s).toDouble());
            QVERIFY(ts >= start && ts <= end);
        }
    }

    void restOffsetBeyondCap() {
        const HttpResult r = httpGet(*m_nam, tradesUrl(m_sim->dataApiUrl(), u"offset=10001"_s));
        QCOMPARE(r.status, 400);
        QVERIFY(r.contentType.startsWith("application/json"));
        QCOMPARE(QJsonDocument::fromJson(r.body).object(),
                 QJsonDocument::fromJson(longshot::test::readData(
                                             u"polymarket/data_api_v1_error_offset_exceeded_observed.json"_s))
                     .object());
        const HttpResult atCap = httpGet(*m_nam, tradesUrl(m_sim->dataApiUrl(), u"offset=10000"_s));
        QCOMPARE(atCap.status, 200);
    }

    void unknownPathIs404Text() {
        const QUrl url = m_sim->dataApiUrl().resolved(QUrl(u"/positions?user=0x1"_s));
        const HttpResult r = httpGet(*m_nam, url);
        QCOMPARE(r.status, 404);
        QVERIFY(r.contentType.startsWith("text/plain"));
        QCOMPARE(r.body.trimmed(), QByteArray("404 page not found"));
    }

    void httpFaults_data() {
        QTest::addColumn<HttpFault>("fault");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("retryAfter");
        QTest::addColumn<bool>("bodyIsJson");
        QTest::addColumn<QByteArray>("bodyContains");

        QTest::newRow("429 retry-after")
            << HttpFault::tooManyRequests(7) << 429 << QByteArray("application/json") << QByteArray("7")
            << true << QByteArray("too many requests");
        QTest::newRow("429 no header")
            << HttpFault::tooManyRequests() << 429 << QByteArray("application/json") << QByteArray() << true
            << QByteArray("too many requests");
        QTest::newRow("cloudflare 1015") << HttpFault::htmlError(429) << 429 << QByteArray("text/html")
                                         << QByteArray() << false << QByteArray("1015");
        QTest::newRow("cloudflare block")
            << HttpFault::htmlError(403) << 403 << QByteArray("text/html") << QByteArray() << false
            << QByteArray("Sorry, you have been blocked");
        QTest::newRow("500") << HttpFault::serverError(500) << 500 << QByteArray("application/json")
                             << QByteArray() << true << QByteArray("internal server error");
        QTest::newRow("502") << HttpFault::serverError(502) << 502 << QByteArray("text/html") << QByteArray()
                             << false << QByteArray("Bad Gateway");
        QTest::newRow("503") << HttpFault::serverError(503) << 503 << QByteArray("text/html") << QByteArray()
                             << false << QByteArray("503");
        QTest::newRow("delay") << HttpFault::delay(200) << 200 << QByteArray("application/json")
                               << QByteArray() << true << QByteArray("\"proxyWallet\"");
        QTest::newRow("truncated") << HttpFault::truncated() << 200 << QByteArray("application/json")
                                   << QByteArray() << false << QByteArray("[{\"proxyWallet\":");
    }
    void httpFaults() {
        QFETCH(HttpFault, fault);
        QFETCH(int, status);
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, retryAfter);
        QFETCH(bool, bodyIsJson);
        QFETCH(QByteArray, bodyContains);

        m_sim->publish(m_gen->generate(20));
        // The fault hits the next request only; the one after is normal again.
        m_sim->queueHttpFaults({fault});
        QCOMPARE(m_sim->pendingHttpFaults(), 1);
        const HttpResult r = httpGet(*m_nam, tradesUrl(m_sim->dataApiUrl(), u"limit=20"_s));
        QCOMPARE(r.status, status);
        QVERIFY2(r.contentType.startsWith(contentType), r.contentType.constData());
        QCOMPARE(r.retryAfter, retryAfter);
        QJsonParseError error{};
        QJsonDocument::fromJson(r.body, &error);
        QCOMPARE(error.error == QJsonParseError::NoError, bodyIsJson);
        QVERIFY2(r.body.contains(bodyContains), r.body.left(300).constData());
        QCOMPARE(m_sim->pendingHttpFaults(), 0);

        const HttpResult next = httpGet(*m_nam, tradesUrl(m_sim->dataApiUrl(), u"limit=20"_s));
        QCOMPARE(next.status, 200);
        QCOMPARE(QJsonDocument::fromJson(next.body).array().size(), 20);
        if (fault.kind == HttpFault::Kind::Delay)
            QCOMPARE(r.body, next.body);
        if (fault.kind == HttpFault::Kind::Truncated)
            QVERIFY(r.body.size() < next.body.size() && next.body.startsWith(r.body));
    }

    void faultsApplyInOrder() {
        m_sim->queueHttpFaults(
            {HttpFault::serverError(503), HttpFault::delay(50), HttpFault::tooManyRequests(1)});
        QCOMPARE(httpGet(*m_nam, tradesUrl(m_sim->dataApiUrl())).status, 503);
        QCOMPARE(httpGet(*m_nam, tradesUrl(m_sim->dataApiUrl())).status, 200);
        QCOMPARE(httpGet(*m_nam, tradesUrl(m_sim->dataApiUrl())).status, 429);
        QCOMPARE(httpGet(*m_nam, tradesUrl(m_sim->dataApiUrl())).status, 200);
        QCOMPARE(m_sim->httpRequestsServed(), 4);
    }

    void generatorPublishesOnATimer() {
        WsClient client;
        QVERIFY(client.open(m_sim->rtdsUrl()));
        QSignalSpy subscribed(m_sim.get(), &ExchangeSimulator::clientSubscribed);
        client.send(kSubscribeTrades);
        QVERIFY(subscribed.wait(kWaitMs));
        m_sim->startGenerator(2'000, 77);
        QVERIFY(m_sim->isGenerating());
        QTRY_VERIFY_WITH_TIMEOUT(client.dataFrameCount() >= 300, kWaitMs);
        m_sim->stopGenerator();
        QVERIFY(!m_sim->isGenerating());
        QVERIFY(client.barrier());
        // Every published trade went out once, and REST has the same set.
        QCOMPARE(client.dataFrameCount(), m_sim->allTrades().size());
        const qsizetype settled = m_sim->allTrades().size();
        QVERIFY(client.barrier());
        QCOMPARE(m_sim->allTrades().size(), settled);
    }

private:
    std::unique_ptr<ExchangeSimulator> m_sim;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<TradeGenerator> m_gen;
};

class TestSimulatorThread : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void runsOnItsOwnThread() {
        QNetworkAccessManager nam;
        nam.setProxy(QNetworkProxy::NoProxy);
        auto thread = std::make_unique<SimulatorThread>();
        QVERIFY(thread->start());
        QVERIFY(thread->rtdsUrl().port() > 0);
        QVERIFY(thread->dataApiUrl().port() > 0);
        QVERIFY(thread->simulator()->thread() != QThread::currentThread());

        // URLs are usable immediately.
        WsClient client;
        QVERIFY(client.open(thread->rtdsUrl()));
        QSignalSpy subscribed(thread->simulator(), &ExchangeSimulator::clientSubscribed);
        client.send(kSubscribeTrades);
        QVERIFY(subscribed.wait(kWaitMs));

        thread->publish(TradeGenerator(5).generate(10));
        QTRY_COMPARE_WITH_TIMEOUT(client.dataFrames().size(), 10, kWaitMs);
        thread->startGenerator(2'000, 3);
        QTRY_VERIFY_WITH_TIMEOUT(client.dataFrameCount() >= 500, kWaitMs);
        thread->stopGenerator();
        qsizetype published = 0;
        thread->runBlocking([&published](ExchangeSimulator &s) { published = s.allTrades().size(); });
        QVERIFY(published >= 500);
        QTRY_COMPARE_WITH_TIMEOUT(client.dataFrameCount(), published, kWaitMs);

        thread->queueHttpFaults({HttpFault::tooManyRequests(3)});
        const HttpResult limited = httpGet(nam, tradesUrl(thread->dataApiUrl()));
        QCOMPARE(limited.status, 429);
        const HttpResult ok = httpGet(nam, tradesUrl(thread->dataApiUrl(), u"limit=5"_s));
        QCOMPARE(QJsonDocument::fromJson(ok.body).array().size(), 5);

        QSignalSpy gone(&client.socket(), &QWebSocket::disconnected);
        thread->dropConnections();
        QVERIFY(gone.wait(kWaitMs));
        thread.reset(); // joins; the simulator is deleted on its own thread
    }
};

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    int status = 0;
    {
        TestSimulator t;
        status |= QTest::qExec(&t, argc, argv);
    }
    {
        TestSimulatorThread t;
        status |= QTest::qExec(&t, argc, argv);
    }
    return status;
}

#include "tst_simulator.moc"
