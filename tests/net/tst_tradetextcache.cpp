// The parsers' text cache must hand back exactly what an uncached conversion would, also
// when texts collide and evict each other.
#include "net/tradetextcache.h"

#include <QTest>

#include <array>
#include <random>
#include <string>
#include <vector>

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
    void marketTextsMatchOneByOne();
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

void TestTradeTextCache::marketTextsMatchOneByOne() {
    // The market lookup must answer exactly what six separate lookups would, also when
    // two markets share an asset id or a slot, and when one field of a known market changes.
    TradeTextCache cache;
    TradeTextCache reference;
    std::mt19937 rng(7);
    std::vector<std::array<std::string, TradeTextCache::MarketFieldCount>> markets;
    for (int i = 0; i < 3000; ++i) {
        const std::string n = std::to_string(i % 1500);
        markets.push_back({"0xAbC" + n, "7172" + n, i % 3 ? "Yes" : "", "Will market " + n + " resolve?",
                           "slug-" + n, i % 2 ? "event-" + std::to_string(i) : ""});
    }
    markets.push_back({"0x1", "1", "No", std::string(380, 't'), "s", "e"}); // outgrows a slot
    for (int round = 0; round < 20000; ++round) {
        const auto &m = markets[rng() % markets.size()];
        std::string_view raw[TradeTextCache::MarketFieldCount];
        for (int f = 0; f < TradeTextCache::MarketFieldCount; ++f)
            raw[f] = m[std::size_t(f)];
        const TradeTextCache::MarketText &got = cache.market(raw);
        QCOMPARE(got.conditionId, reference.hexId(raw[TradeTextCache::ConditionId]));
        QCOMPARE(got.assetId, reference.text(raw[TradeTextCache::AssetId]));
        QCOMPARE(got.outcome, reference.text(raw[TradeTextCache::Outcome]));
        QCOMPARE(got.title, reference.text(raw[TradeTextCache::Title]));
        QCOMPARE(got.slug, reference.text(raw[TradeTextCache::Slug]));
        QCOMPARE(got.eventSlug, reference.text(raw[TradeTextCache::EventSlug]));
    }
}

QTEST_GUILESS_MAIN(TestTradeTextCache)
#include "tst_tradetextcache.moc"
