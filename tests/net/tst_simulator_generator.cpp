#include "net/simulator/tradegenerator.h"
#include "net/simulator/tradejson.h"
#include "tests/support/testdata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace longshot;
using namespace longshot::net::sim;
using namespace Qt::StringLiterals;

namespace {

QString fingerprint(const Trade &t) {
    return t.naturalKey() % u'|' % QString::number(t.timestampMs) % u'|' % t.marketTitle % u'|' % t.outcome %
           u'|' % QString::number(t.outcomeIndex) % u'|' % t.traderName % u'|' % t.traderPseudonym % u'|' %
           (t.fee ? t.fee->toString() : u"-"_s);
}

int decimalsOf(Decimal d) {
    const QString text = d.toString();
    const qsizetype dot = text.indexOf(u'.');
    return dot < 0 ? 0 : int(text.size() - dot - 1);
}

} // namespace

class TestSimulatorGenerator : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sameSeedSameTrades() {
        TradeGenerator a(42);
        TradeGenerator b(42);
        const TradeBatch first = a.generate(3000);
        const TradeBatch second = b.generate(3000);
        QCOMPARE(first.size(), 3000);
        QCOMPARE(second.size(), 3000);
        for (qsizetype i = 0; i < first.size(); ++i)
            QCOMPARE(fingerprint(first.at(i)), fingerprint(second.at(i)));
    }

    void differentSeedDifferentTrades() {
        const TradeBatch a = TradeGenerator(1).generate(200);
        const TradeBatch b = TradeGenerator(2).generate(200);
        int same = 0;
        for (qsizetype i = 0; i < a.size(); ++i)
            same += fingerprint(a.at(i)) == fingerprint(b.at(i)) ? 1 : 0;
        QCOMPARE(same, 0);
    }

    void callPatternDoesNotChangeTheStream() {
        // One call of 1000 or many small calls: the same trades in the same order.
        TradeGenerator a(9);
        TradeGenerator b(9);
        const TradeBatch whole = a.generate(1000);
        TradeBatch pieces;
        while (pieces.size() < 1000)
            pieces += b.generate(int(std::min<qsizetype>(7, 1000 - pieces.size())));
        for (qsizetype i = 0; i < whole.size(); ++i)
            QCOMPARE(fingerprint(whole.at(i)), fingerprint(pieces.at(i)));
    }

    void realisticShape() {
        TradeGenerator gen(2026);
        const TradeBatch trades = gen.generate(20'000);
        const Decimal thousand = Decimal::fromMicros(1'000 * Decimal::kOne);
        const Decimal tenThousand = Decimal::fromMicros(10'000 * Decimal::kOne);
        const Decimal minPrice = Decimal::fromMicros(10'000);
        const Decimal maxPrice = Decimal::fromMicros(990'000);
        const QRegularExpression conditionRe(u"^0x[0-9a-f]{64}$"_s);
        const QRegularExpression tokenRe(u"^[1-9][0-9]{76}$"_s);
        const QRegularExpression txRe(u"^0x[0-9a-f]{64}$"_s);

        int overThousand = 0;
        int overTenThousand = 0;
        int withFee = 0;
        int namesEmpty = 0;
        int pseudonymsEmpty = 0;
        QSet<QString> wallets;
        QSet<QString> markets;
        QHash<QString, QSet<QString>> walletsPerTx;
        QHash<QString, qint64> timePerTx;
        qint64 lastTs = 0;
        for (const Trade &t : trades) {
            QVERIFY(t.price >= minPrice && t.price <= maxPrice);
            QVERIFY2(decimalsOf(t.price) <= 3, qPrintable(t.price.toString()));
            QVERIFY(t.size > Decimal());
            QVERIFY(t.timestampMs >= lastTs);
            QCOMPARE(t.timestampMs % 1000, 0);
            lastTs = t.timestampMs;
            QVERIFY2(conditionRe.match(t.marketId).hasMatch(), qPrintable(t.marketId));
            QVERIFY2(tokenRe.match(t.assetId).hasMatch(), qPrintable(t.assetId));
            QVERIFY2(txRe.match(t.txId.text()).hasMatch(), qPrintable(t.txId.text()));
            QVERIFY(!t.wallet.isEmpty());
            QVERIFY(t.outcomeIndex == 0 || t.outcomeIndex == 1);
            QVERIFY(!t.outcome.isEmpty());
            QVERIFY(!t.marketTitle.isEmpty() && !t.marketSlug.isEmpty() && !t.eventSlug.isEmpty());
            const auto notional = t.notional();
            QVERIFY(notional.has_value());
            overThousand += *notional > thousand ? 1 : 0;
            overTenThousand += *notional > tenThousand ? 1 : 0;
            withFee += t.fee ? 1 : 0;
            namesEmpty += t.traderName.isEmpty() ? 1 : 0;
            pseudonymsEmpty += t.traderPseudonym.isEmpty() ? 1 : 0;
            wallets.insert(t.wallet.address());
            markets.insert(t.marketId);
            // A wallet appears at most once per transaction; all fills share its time.
            QVERIFY2(!walletsPerTx[t.txId.text()].contains(t.wallet.address()), qPrintable(t.txId.text()));
            walletsPerTx[t.txId.text()].insert(t.wallet.address());
            QCOMPARE(timePerTx.value(t.txId.text(), t.timestampMs), t.timestampMs);
            timePerTx.insert(t.txId.text(), t.timestampMs);
        }
        // Heavy tail: most fills are small, some whales, a few very large.
        QVERIFY2(overThousand > 100 && overThousand < 2'000, qPrintable(QString::number(overThousand)));
        QVERIFY2(overTenThousand >= 3 && overTenThousand < overThousand / 4,
                 qPrintable(QString::number(overTenThousand)));
        QVERIFY(withFee > 0 && withFee < trades.size());
        QVERIFY(namesEmpty > 0 && namesEmpty < trades.size());
        QVERIFY(pseudonymsEmpty > 0 && pseudonymsEmpty < trades.size());
        QVERIFY(wallets.size() > 150 && wallets.size() <= TradeGenerator::kWalletCount);
        QVERIFY(markets.size() >= 30);
        QCOMPARE(TradeGenerator::marketCount() >= 30, true);
        // Several fills per transaction happen, but most transactions are single fills.
        const qsizetype txCount = walletsPerTx.size();
        QVERIFY(txCount < trades.size());
        QVERIFY(txCount > trades.size() / 2);
        // Unique transaction hashes: distinct transactions never collide, and the
        // generator clock moves on so the whole run spans many seconds.
        QVERIFY(trades.constLast().timestampMs - trades.constFirst().timestampMs > 60'000);
    }

    void wallClockDrivesTimestamps() {
        TradeGenerator gen(5, 1'000);
        const qint64 now = 1'790'272'257'400;
        const TradeBatch batch = gen.generate(50, now);
        for (const Trade &t : batch)
            QCOMPARE(t.timestampMs, now / 1000 * 1000);
        const TradeBatch later = gen.generate(5, now - 10'000); // a clock step back is ignored
        for (const Trade &t : later)
            QVERIFY(t.timestampMs >= batch.constLast().timestampMs);
    }

    void checksumMatchesCapturedWallets_data() {
        QTest::addColumn<QString>("mixed");
        // Real RTDS captures (rtds_activity_trades_whalescan.json).
        QTest::newRow("a") << u"0xf5848342fc388908f2D25a9012Cc18a0Ad193979"_s;
        QTest::newRow("b") << u"0x09beD1976600971Fd9f9Db454a9c302C7A559c32"_s;
        QTest::newRow("c") << u"0xfEA0bdcBB924c194283c4A7eA8a820877a8b26c9"_s;
        QTest::newRow("d") << u"0xf1eE4842FA0c7283632185E42577027452D4519c"_s;
        QTest::newRow("e") << u"0x91a2Bae9dC384B65ee9734FF58714fCA8f24e415"_s;
    }
    void checksumMatchesCapturedWallets() {
        QFETCH(QString, mixed);
        const auto wallet = Wallet::parse(mixed);
        QVERIFY(wallet.has_value());
        QCOMPARE(json::checksumAddress(*wallet), mixed);
    }

    void splitArrayKeepsSourceText() {
        const QByteArray text = longshot::test::readData(u"polymarket/rtds_activity_trades_whalescan.json"_s);
        const auto parts = json::splitArray(text);
        QVERIFY(parts.has_value());
        const QJsonArray array = QJsonDocument::fromJson(text).array();
        QCOMPARE(parts->size(), array.size());
        for (qsizetype i = 0; i < parts->size(); ++i) {
            QVERIFY(text.contains(parts->at(i).toByteArray()));
            QCOMPARE(QJsonDocument::fromJson(parts->at(i).toByteArray()).object(), array.at(i).toObject());
        }
    }

    void splitArrayRejects_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("object") << QByteArray("{\"a\":1}");
        QTest::newRow("unterminated") << QByteArray("[{\"a\":\"]\"}");
        QTest::newRow("trailing comma") << QByteArray("[1,]");
        QTest::newRow("leading comma") << QByteArray("[,1]");
        QTest::newRow("garbage after") << QByteArray("[1] x");
        QTest::newRow("empty") << QByteArray();
    }
    void splitArrayRejects() {
        QFETCH(QByteArray, text);
        QVERIFY(!json::splitArray(text).has_value());
    }

    void splitArrayEdgeCases() {
        QCOMPARE(json::splitArray(" [ ] ")->size(), 0);
        const auto parts = json::splitArray("[ {\"s\":\"a,]\\\"}\"} , [1,[2]] ,\"x\"]");
        QVERIFY(parts.has_value());
        QCOMPARE(parts->size(), 3);
        QCOMPARE(parts->at(0).toByteArray(), QByteArray("{\"s\":\"a,]\\\"}\"}"));
        QCOMPARE(parts->at(1).toByteArray(), QByteArray("[1,[2]]"));
        QCOMPARE(parts->at(2).toByteArray(), QByteArray("\"x\""));
    }

    void fixturePayloadRoundTrips() {
        // Captured frame -> Trade -> simulator payload gives back the captured payload.
        const QByteArray text = longshot::test::readData(u"polymarket/rtds_activity_trades_whalescan.json"_s);
        const QJsonArray array = QJsonDocument::fromJson(text).array();
        const auto parts = json::splitArray(text);
        QVERIFY(parts.has_value());
        for (qsizetype i = 0; i < parts->size(); ++i) {
            const json::FrameTrades found = json::tradesFromFrame(parts->at(i));
            QCOMPARE(found.trades.size(), 1);
            const Trade &t = found.trades.constFirst();
            const QByteArray payload = json::rtdsPayload(t, found.icons.value(t.marketId));
            const QJsonDocument doc = QJsonDocument::fromJson(payload);
            QVERIFY2(doc.isObject(), payload.constData());
            QCOMPARE(doc.object(), array.at(i).toObject().value(u"payload"_s).toObject());
        }
    }

    void numbersAreExactText() {
        TradeGenerator gen(3);
        Trade t = gen.next();
        t.price = Decimal::parse(std::string_view("0.123")).value;
        t.size = Decimal::parse(std::string_view("123456789.123456")).value;
        t.fee = Decimal::parse(std::string_view("0.03097")).value;
        const QByteArray payload = json::rtdsPayload(t, QString());
        QVERIFY(payload.contains("\"price\":0.123,"));
        QVERIFY(payload.contains("\"size\":123456789.123456,"));
        QVERIFY(payload.contains("\"fee\":0.03097,"));
        QByteArray row;
        json::appendRestRow(row, t, QString());
        QVERIFY(row.contains("\"size\":123456789.123456,\"price\":0.123,"));
        const QByteArray wallet = "\"proxyWallet\":\"" + t.wallet.address().toLatin1() + '"';
        QVERIFY(row.contains(wallet));
        QVERIFY(!row.contains("\"fee\""));
    }

    void stringsAreEscaped() {
        Trade t = TradeGenerator(4).next();
        t.marketTitle = u"Quote \" backslash \\ newline \n tab \t bell \u0007 é"_s;
        const QByteArray payload = json::rtdsPayload(t, QString());
        const QJsonDocument doc = QJsonDocument::fromJson(payload);
        QVERIFY(doc.isObject());
        QCOMPARE(doc.object().value(u"title"_s).toString(), t.marketTitle);
    }
};

QTEST_GUILESS_MAIN(TestSimulatorGenerator)
#include "tst_simulator_generator.moc"
