#include "models/domain/batchqueue.h"
#include "models/domain/fetcherror.h"
#include "models/domain/trade.h"
#include "models/domain/wallet.h"

#include <QTest>

#include <string_view>

using namespace longshot;

class TestDomainTypes : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void walletNormalises_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("address");
        QTest::newRow("eip55") << "0xf5848342fc388908f2D25a9012Cc18a0Ad193979"
                               << "0xf5848342fc388908f2d25a9012cc18a0ad193979";
        QTest::newRow("lower") << "0xa71093cafc0c099b4ccab24c3cb8018d817923c4"
                               << "0xa71093cafc0c099b4ccab24c3cb8018d817923c4";
        QTest::newRow("upper X") << "0XA71093CAFC0C099B4CCAB24C3CB8018D817923C4"
                                 << "0xa71093cafc0c099b4ccab24c3cb8018d817923c4";
        QTest::newRow("short") << "0xa71093"
                               << "";
        QTest::newRow("no prefix") << "a71093cafc0c099b4ccab24c3cb8018d817923c4aa"
                                   << "";
        QTest::newRow("not hex") << "0xg71093cafc0c099b4ccab24c3cb8018d817923c4"
                                 << "";
        QTest::newRow("empty") << ""
                               << "";
        QTest::newRow("zero address") << "0x0000000000000000000000000000000000000000"
                                      << "0x0000000000000000000000000000000000000000";
        QTest::newRow("all f") << "0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF"
                               << "0xffffffffffffffffffffffffffffffffffffffff";
        QTest::newRow("trailing space") << "0xa71093cafc0c099b4ccab24c3cb8018d817923c "
                                        << "";
        QTest::newRow("one digit past f") << "0xa71093cafc0c099b4ccab24c3cb8018d817923cg"
                                          << "";
        // U+0661 ARABIC-INDIC DIGIT ONE: a digit to Unicode, not to an address.
        QTest::newRow("non-latin digit")
            << QString::fromUtf16(u"0xa71093cafc0c099b4ccab24c3cb8018d817923c\u0661") << "";
        // U+0130 folds onto '0' (0x30) if only the low byte were read.
        QTest::newRow("wide char over a digit")
            << QString::fromUtf16(u"0xa71093cafc0c099b4ccab24c3cb8018d817923c\u0130") << "";
    }
    void walletNormalises() {
        QFETCH(QString, text);
        QFETCH(QString, address);
        const auto w = Wallet::parse(QStringView(text));
        QCOMPARE(w.has_value(), !address.isEmpty());
        if (w) {
            QCOMPARE(w->address(), address);
            QVERIFY(!w->isEmpty());
            QCOMPARE(w->shortForm(), address.left(6) + QChar(0x2026) + address.right(4));
            // Written back and read again, it is the same wallet.
            QCOMPARE(Wallet::parse(w->address()), w);
        }
        // The bytes of a frame read the same as the text (Latin-1 is what a wire would carry).
        if (text.size() == 0 || text.back().unicode() < 128) {
            const QByteArray bytes = text.toLatin1();
            QCOMPARE(Wallet::parse(std::string_view(bytes.constData(), std::size_t(bytes.size()))), w);
        }
    }

    void recoveryPolicy_data() {
        QTest::addColumn<FetchError>("error");
        QTest::addColumn<Recovery>("recovery");
        QTest::newRow("429") << FetchError::rateLimited(2000) << Recovery::BackOff;
        QTest::newRow("404") << FetchError::notFound() << Recovery::SkipForGood;
        QTest::newRow("410") << FetchError::gone() << Recovery::SkipForGood;
        QTest::newRow("html") << FetchError::invalidResponse(QStringLiteral("text/html")) << Recovery::Drop;
        QTest::newRow("400") << FetchError::invalidRequest(QStringLiteral("bad offset")) << Recovery::Drop;
        QTest::newRow("timeout") << FetchError::timeout() << Recovery::RetryWithJitter;
        QTest::newRow("503") << FetchError::unavailable(503) << Recovery::RetryWithJitter;
        QTest::newRow("auth") << FetchError::auth(QStringLiteral("bad signature")) << Recovery::StopAndTell;
    }
    void recoveryPolicy() {
        QFETCH(FetchError, error);
        QFETCH(Recovery, recovery);
        QCOMPARE(recoveryFor(error.kind), recovery);
        std::mt19937_64 rng(42);
        const BackoffPolicy policy;
        const RetryPlan plan = planRetry(error, 0, policy, rng);
        const bool retries = recovery == Recovery::BackOff || recovery == Recovery::RetryWithJitter;
        QCOMPARE(plan.retry, retries);
        QVERIFY(!describe(error).isEmpty());
    }

    void retryAfterIsHonoured() {
        std::mt19937_64 rng(1);
        const auto plan = planRetry(FetchError::rateLimited(7000), 0, BackoffPolicy{}, rng);
        QVERIFY(plan.retry);
        QCOMPARE(plan.delay.count(), 7000);
    }

    void backoffIsJitteredAndCapped() {
        std::mt19937_64 rng(7);
        BackoffPolicy policy;
        policy.base = std::chrono::milliseconds(100);
        policy.cap = std::chrono::milliseconds(5000);
        QSet<qint64> distinct;
        for (int attempt = 0; attempt < 50; ++attempt) {
            const auto d = jitteredBackoff(attempt, policy, rng);
            QVERIFY(d.count() >= 50);
            QVERIFY(d.count() <= 5000);
            distinct.insert(d.count());
        }
        QVERIFY(distinct.size() > 10);
        QVERIFY(!planRetry(FetchError::timeout(), policy.maxAttempts, policy, rng).retry);
    }

    void notionalAndKey() {
        Trade t;
        t.price = Decimal::parse("0.03").value;
        t.size = Decimal::parse("1030.92").value;
        t.txId = TxId::fromText(QStringLiteral("0xabc"));
        t.assetId = QStringLiteral("123");
        t.wallet = *Wallet::parse(QStringLiteral("0xf5848342fc388908f2D25a9012Cc18a0Ad193979"));
        QCOMPARE(t.notional()->toString(), QStringLiteral("30.9276"));
        Trade rest = t;
        rest.source = TradeSource::Rest;
        rest.traderName = QStringLiteral("someone");
        QCOMPARE(t.naturalKey(),
                 QStringLiteral(
                     "polymarket|0xabc|0xf5848342fc388908f2d25a9012cc18a0ad193979|123|BUY|1030.92|0.03"));
        QCOMPARE(rest.naturalKey(), t.naturalKey());
        rest.side = Side::Sell;
        QVERIFY(rest.naturalKey() != t.naturalKey());
        QCOMPARE(t.traderLabel(), QStringLiteral("0xf584") + QChar(0x2026) + QStringLiteral("3979"));
    }

    void boundedQueueRefusesWhenFull() {
        BoundedBatchQueue q(2);
        QVERIFY(q.tryPush(TradeBatch{Trade{}}));
        QVERIFY(q.tryPush(TradeBatch{Trade{}, Trade{}}));
        QVERIFY(!q.tryPush(TradeBatch{Trade{}}));
        const auto all = q.takeAll();
        QCOMPARE(all.size(), 2);
        QCOMPARE(all[1].size(), 2);
        QCOMPARE(q.size(), 0);
        QVERIFY(q.tryPush(TradeBatch{}));
    }

    void boundedQueueCoalescesIntoTheNewestBatch() {
        BoundedBatchQueue q(2, 3);
        const auto tradeAt = [](qint64 ms) {
            Trade t;
            t.timestampMs = ms;
            return t;
        };
        QVERIFY(q.tryPush(TradeBatch{tradeAt(1), tradeAt(2)}));
        QVERIFY(q.tryPush(TradeBatch{tradeAt(3), tradeAt(4)})); // joins: the newest held 2 < 3
        QCOMPARE(q.size(), 1);
        QVERIFY(q.tryPush(TradeBatch{tradeAt(5)})); // the newest holds 4: a new slot
        QCOMPARE(q.size(), 2);
        QVERIFY(q.tryPush(TradeBatch{tradeAt(6), tradeAt(7)})); // joins the second slot (1 < 3)
        QVERIFY(!q.tryPush(TradeBatch{tradeAt(8)}));            // the newest holds 3 and both slots are taken
        const auto all = q.takeAll();
        QCOMPARE(all.size(), 2);
        QList<qint64> order;
        for (const TradeBatch &b : all) {
            for (const Trade &t : b)
                order.append(t.timestampMs);
        }
        // Arrival order survives coalescing; the refused trade is nowhere.
        QCOMPARE(order, (QList<qint64>{1, 2, 3, 4, 5, 6, 7}));
        QCOMPARE(all[0].size(), 4);
        QCOMPARE(all[1].size(), 3);
        QCOMPARE(q.size(), 0);
    }
};

QTEST_APPLESS_MAIN(TestDomainTypes)
#include "tst_domaintypes.moc"
