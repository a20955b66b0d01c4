// The RTDS client and the trade backfill against the exchange simulator on loopback:
// delivery, duplicate suppression, a killed socket, a silent stall, and a full storage
// queue. Each scenario checks that every trade the simulator published is recovered.
#include "models/domain/batchqueue.h"
#include "net/rtdsclient.h"
#include "net/simulator/exchangesimulator.h"
#include "net/simulator/tradegenerator.h"
#include "net/tradebackfill.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTest>

using namespace longshot;
using namespace longshot::net;

namespace {

QSet<QString> keysOf(const TradeBatch &batch) {
    QSet<QString> keys;
    for (const Trade &t : batch)
        keys.insert(t.naturalKey());
    return keys;
}

QSet<QString> keysOf(const QSignalSpy &spy) {
    QSet<QString> keys;
    for (const QList<QVariant> &args : spy)
        keys.unite(keysOf(args.at(0).value<TradeBatch>()));
    return keys;
}

RtdsConfig fastConfig(const QUrl &url) {
    RtdsConfig c;
    c.url = url;
    c.minNotional = Decimal();
    c.stallAfter = std::chrono::milliseconds(800);
    c.flushInterval = std::chrono::milliseconds(20);
    c.backoff = BackoffPolicy{std::chrono::milliseconds(50), std::chrono::milliseconds(200), 1000};
    return c;
}

BackfillConfig fastBackfill(const QUrl &url) {
    BackfillConfig c;
    c.dataApi = url;
    c.minNotional = Decimal();
    c.pageSize = 100;
    c.pollInterval = std::chrono::milliseconds(60'000);
    return c;
}

} // namespace

class TestRtdsClient : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() {
        m_sim = std::make_unique<sim::ExchangeSimulator>();
        QVERIFY(m_sim->start());
        m_gen = std::make_unique<sim::TradeGenerator>(7, QDateTime::currentMSecsSinceEpoch());
    }
    void cleanup() {
        m_sim.reset();
        m_gen.reset();
    }

    void deliversPublishedTradesOnce() {
        RtdsConfig config = fastConfig(m_sim->rtdsUrl());
        config.stallAfter = std::chrono::seconds(30); // no stall in this scenario
        RtdsClient client(config, nullptr);
        QSignalSpy trades(&client, &RtdsClient::tradesReceived);
        QSignalSpy status(&client, &RtdsClient::statusChanged);
        QSignalSpy subscribed(m_sim.get(), &sim::ExchangeSimulator::clientSubscribed);
        client.start();
        QTRY_VERIFY_WITH_TIMEOUT(subscribed.size() >= 2, 5000); // trades and orders_matched
        const TradeBatch published = m_gen->generate(200, QDateTime::currentMSecsSinceEpoch());
        m_sim->publish(published);
        QTRY_COMPARE_WITH_TIMEOUT(keysOf(trades).size(), 200, 5000);
        QCOMPARE(keysOf(trades), keysOf(published));
        // Both subscriptions deliver every fill: the second copy is suppressed, not shown twice.
        qsizetype total = 0;
        for (const auto &args : trades)
            total += args.at(0).value<TradeBatch>().size();
        QCOMPARE(total, 200);
        QTRY_VERIFY_WITH_TIMEOUT(status.last().at(0).value<FeedStatus>().duplicatesDropped >= 200, 3000);
        const FeedStatus last = status.last().at(0).value<FeedStatus>();
        QCOMPARE(last.state, FeedState::Live);
        QVERIFY(last.lastTradeMs > 0);
        client.stop();
    }

    void floorFiltersSmallTrades() {
        RtdsConfig config = fastConfig(m_sim->rtdsUrl());
        config.minNotional = Decimal::parse("1000").value;
        // Not a stall scenario: a slow (sanitizer) build must not reconnect mid-publish.
        config.stallAfter = std::chrono::seconds(30);
        RtdsClient client(config, nullptr);
        QSignalSpy trades(&client, &RtdsClient::tradesReceived);
        QSignalSpy subscribed(m_sim.get(), &sim::ExchangeSimulator::clientSubscribed);
        client.start();
        QTRY_VERIFY_WITH_TIMEOUT(subscribed.size() >= 2, 5000);
        const TradeBatch published = m_gen->generate(400, QDateTime::currentMSecsSinceEpoch());
        QSet<QString> whales;
        for (const Trade &t : published)
            if (*t.notional() >= config.minNotional)
                whales.insert(t.naturalKey());
        QVERIFY(!whales.isEmpty());
        QVERIFY(whales.size() < published.size());
        m_sim->publish(published);
        QTRY_COMPARE_WITH_TIMEOUT(keysOf(trades), whales, 5000);
    }

    void adversarialFramesAreCountedNotFatal() {
        RtdsClient client(fastConfig(m_sim->rtdsUrl()), nullptr);
        QSignalSpy status(&client, &RtdsClient::statusChanged);
        QSignalSpy trades(&client, &RtdsClient::tradesReceived);
        QSignalSpy subscribed(m_sim.get(), &sim::ExchangeSimulator::clientSubscribed);
        client.start();
        QTRY_VERIFY_WITH_TIMEOUT(subscribed.size() >= 2, 5000);
        m_sim->sendRawFrame("<html><body>502 Bad Gateway</body></html>");
        m_sim->sendRawFrame(R"({"topic":"activity","type":"trades","payload":{"price":)");
        m_sim->sendRawFrame("pong");
        m_sim->sendRawFrame("");
        m_sim->publish(m_gen->generate(5, QDateTime::currentMSecsSinceEpoch()));
        QTRY_COMPARE_WITH_TIMEOUT(keysOf(trades).size(), 5, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const auto s = status.last().at(0).value<FeedStatus>();
                qint64 rejected = 0;
                for (qint64 n : s.rejectedByReason)
                    rejected += n;
                return rejected >= 2;
            }(),
            3000);
        QCOMPARE(status.last().at(0).value<FeedStatus>().state, FeedState::Live);
    }

    void killedSocketIsBackfilled_data() {
        QTest::addColumn<bool>("stall");
        QTest::newRow("socket killed mid-stream") << false;
        QTest::newRow("silent stall, pings still answered") << true;
    }
    void killedSocketIsBackfilled() {
        QFETCH(bool, stall);
        RtdsClient client(fastConfig(m_sim->rtdsUrl()), nullptr);
        TradeBackfill backfill(fastBackfill(m_sim->dataApiUrl()), nullptr);
        connect(&client, &RtdsClient::gapDetected, &backfill, &TradeBackfill::fetchRange);
        QSignalSpy live(&client, &RtdsClient::tradesReceived);
        QSignalSpy refilled(&backfill, &TradeBackfill::tradesFetched);
        QSignalSpy gaps(&client, &RtdsClient::gapDetected);
        QSignalSpy finished(&backfill, &TradeBackfill::rangeFinished);
        QSignalSpy subscribed(m_sim.get(), &sim::ExchangeSimulator::clientSubscribed);
        client.start();
        backfill.start();
        QTRY_VERIFY_WITH_TIMEOUT(subscribed.size() >= 2, 5000);

        TradeBatch all = m_gen->generate(50, QDateTime::currentMSecsSinceEpoch());
        m_sim->publish(all);
        QTRY_COMPARE_WITH_TIMEOUT(keysOf(live).size(), 50, 5000);

        if (stall)
            m_sim->setStalled(true);
        else
            m_sim->dropConnections();
        // Trades that happen while the client cannot see them.
        const TradeBatch missed = m_gen->generate(120, QDateTime::currentMSecsSinceEpoch());
        m_sim->publish(missed);
        all += missed;
        if (stall) {
            // The watchdog, not the transport, notices: the socket is still open.
            QTRY_VERIFY_WITH_TIMEOUT(m_sim->connectedClients() == 0 || subscribed.size() >= 4, 5000);
            m_sim->setStalled(false);
        }
        QTRY_VERIFY_WITH_TIMEOUT(gaps.size() >= 1, 8000);
        QTRY_VERIFY_WITH_TIMEOUT(subscribed.size() >= 4, 8000);
        QTRY_VERIFY_WITH_TIMEOUT(finished.size() >= 1, 8000);

        const TradeBatch after = m_gen->generate(30, QDateTime::currentMSecsSinceEpoch());
        m_sim->publish(after);
        all += after;
        QTRY_VERIFY_WITH_TIMEOUT(keysOf(live).unite(keysOf(refilled)).contains(keysOf(all)), 8000);
        QVERIFY(finished.first().at(1).toBool()); // the gap was closed completely
    }

    void fullQueueDropsWithoutBlockingAndRecordsTheGap() {
        auto queue = std::make_shared<BoundedBatchQueue>(2);
        RtdsConfig config = fastConfig(m_sim->rtdsUrl());
        config.flushMaxTrades = 10;
        RtdsClient client(config, queue);
        QSignalSpy gaps(&client, &RtdsClient::gapDetected);
        QSignalSpy live(&client, &RtdsClient::tradesReceived);
        QSignalSpy subscribed(m_sim.get(), &sim::ExchangeSimulator::clientSubscribed);
        client.start();
        QTRY_VERIFY_WITH_TIMEOUT(subscribed.size() >= 2, 5000);
        // Nobody drains the queue: it fills after two batches and later ones become gaps.
        const TradeBatch published = m_gen->generate(100, QDateTime::currentMSecsSinceEpoch());
        m_sim->publish(published);
        QTRY_COMPARE_WITH_TIMEOUT(keysOf(live).size(), 100, 5000);
        QCOMPARE(queue->size(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(!gaps.isEmpty(), 2000);
        const GapRange gap = gaps.first().at(0).value<GapRange>();
        QCOMPARE(gap.reason, QStringLiteral("storage queue full"));
        QVERIFY(gap.fromMs <= gap.toMs);
        QCOMPARE(m_sim->connectedClients(), 1); // the socket never waited
    }

private:
    std::unique_ptr<sim::ExchangeSimulator> m_sim;
    std::unique_ptr<sim::TradeGenerator> m_gen;
};

QTEST_GUILESS_MAIN(TestRtdsClient)
#include "tst_rtdsclient.moc"
