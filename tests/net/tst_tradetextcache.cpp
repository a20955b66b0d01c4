// The parsers' text cache must hand back exactly what an uncached conversion would, also
// when texts collide and evict each other.
#include "net/tradetextcache.h"

#include <QTest>

#include <random>
#include <string>

using namespace Qt::StringLiterals;
using namespace longshot;
using namespace longshot::net;

class TestTradeTextCache final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void textSurvivesEviction();
    void sharedCopiesForRepeatedText();
    void hexIdentifiers_data();
    void hexIdentifiers();
    void wallets();
};

void TestTradeTextCache::textSurvivesEviction() {
    TradeTextCache cache;
    std::mt19937_64 rng(7);
    std::vector<std::string> texts;
    for (int i = 0; i < 20'000; ++i) {
        std::string t = "Will market " + std::to_string(rng() % 5000) + " resolve? é";
        if (i % 97 == 0)
            t.append(200, 'x'); // longer than a slot holds
        texts.push_back(std::move(t));
    }
    for (const std::string &t : texts)
        QCOMPARE(cache.text(t), QString::fromUtf8(t.data(), qsizetype(t.size())));
    QVERIFY(cache.text({}).isNull());
}

void TestTradeTextCache::sharedCopiesForRepeatedText() {
    TradeTextCache cache;
    const QString a = cache.text("Will Malta win on 2026-09-24?");
    const QString b = cache.text("Will Malta win on 2026-09-24?");
    QCOMPARE(a, u"Will Malta win on 2026-09-24?"_s);
    QCOMPARE(a.constData(), b.constData());
}

void TestTradeTextCache::hexIdentifiers_data() {
    QTest::addColumn<QByteArray>("id");
    QTest::addColumn<QString>("expected");
    QTest::newRow("lowercase") << QByteArray("0xfa380ce2") << u"0xfa380ce2"_s;
    QTest::newRow("mixed case") << QByteArray("0xFA380cE2") << u"0xfa380ce2"_s;
    QTest::newRow("upper X") << QByteArray("0XAB") << u"0xab"_s;
    QTest::newRow("not hex: kept as sent") << QByteArray("0xZZ") << u"0xZZ"_s;
    QTest::newRow("no prefix: kept as sent") << QByteArray("ABCDEF") << u"ABCDEF"_s;
    QTest::newRow("decimal asset id") << QByteArray("50341643796357809199") << u"50341643796357809199"_s;
}

void TestTradeTextCache::hexIdentifiers() {
    QFETCH(QByteArray, id);
    QFETCH(QString, expected);
    const std::string_view view(id.constData(), static_cast<std::size_t>(id.size()));
    TradeTextCache cache;
    QCOMPARE(cache.hexId(view), expected);
    QCOMPARE(cache.hexId(view), expected);
    QCOMPARE(TradeTextCache::uncachedHexId(view), expected);
}

void TestTradeTextCache::wallets() {
    TradeTextCache cache;
    const auto mixed = cache.wallet("0xf5848342fc388908f2D25a9012Cc18a0Ad193979");
    QVERIFY(mixed.has_value());
    QCOMPARE(mixed->address(), u"0xf5848342fc388908f2d25a9012cc18a0ad193979"_s);
    QCOMPARE(cache.wallet("0xf5848342fc388908f2D25a9012Cc18a0Ad193979"), mixed);
    QCOMPARE(cache.wallet("0xf5848342fc388908f2d25a9012cc18a0ad193979"), mixed);
    QVERIFY(!cache.wallet("0xf5848342fc388908f2D25a9012Cc18a0Ad19397z").has_value());
    QVERIFY(!cache.wallet("0xf5848342fc").has_value());
    QVERIFY(!cache.wallet("").has_value());
    // A bad address must not be answered from a slot a good one left behind.
    for (int i = 0; i < 5000; ++i) {
        std::string good = "0x" + std::string(40 - 4, 'a') + QString::number(1000 + i).toStdString();
        std::string bad = good;
        bad.back() = 'g';
        QVERIFY(cache.wallet(good).has_value());
        QVERIFY(!cache.wallet(bad).has_value());
    }
}

QTEST_GUILESS_MAIN(TestTradeTextCache)
#include "tst_tradetextcache.moc"
