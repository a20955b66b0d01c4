#include "models/domain/alertengine.h"

#include <QJsonDocument>
#include <QTest>

using namespace longshot;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kT0 = 1'790'262'855'000;
constexpr qint64 kHour = 3'600'000;
const QString kWhale = u"0xa71093cafc0c099b4ccab24c3cb8018d817923c4"_s;
const QString kOther = u"0x1111111111111111111111111111111111111111"_s;

Decimal dec(const char *text) {
    const DecimalParse p = Decimal::parse(std::string_view(text));
    if (!p.ok())
        qFatal("bad decimal literal %s", text);
    return p.value;
}

// A $10,000 buy at 0.25 by kWhale.
Trade trade(const char *price = "0.25", const char *size = "40000", Side side = Side::Buy,
            const QString &wallet = kWhale, const QString &tx = u"0xabc"_s) {
    Trade t;
    t.price = dec(price);
    t.size = dec(size);
    t.side = side;
    t.timestampMs = kT0;
    t.marketId = u"0xcond"_s;
    t.assetId = u"tok"_s;
    t.txId = TxId::fromText(tx);
    if (!wallet.isEmpty())
        t.wallet = *Wallet::parse(wallet);
    return t;
}

AlertRule rule() {
    AlertRule r;
    r.id = u"r1"_s;
    r.name = u"Whales"_s;
    r.cooldownMs = 0;
    return r;
}

} // namespace

class TstAlertEngine final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void filters_data() {
        QTest::addColumn<AlertRule>("rule");
        QTest::addColumn<Trade>("trade");
        QTest::addColumn<AlertFacts>("facts");
        QTest::addColumn<bool>("matched");

        const AlertFacts none;
        QTest::newRow("all whales, no filters") << rule() << trade() << none << true;
        AlertRule off = rule();
        off.enabled = false;
        QTest::newRow("disabled rule") << off << trade() << none << false;

        AlertRule minUsd = rule();
        minUsd.minUsd = dec("10000");
        QTest::newRow("min usd: exactly at the limit") << minUsd << trade() << none << true;
        QTest::newRow("min usd: one micro-dollar short")
            << minUsd << trade("0.25", "39999.999996") << none << false;

        AlertRule buys = rule();
        buys.side = Side::Buy;
        QTest::newRow("side: buy passes") << buys << trade() << none << true;
        QTest::newRow("side: sell fails") << buys << trade("0.25", "40000", Side::Sell) << none << false;

        AlertRule longShots = rule();
        longShots.maxPrice = dec("0.40");
        QTest::newRow("long shot: 0.40 inclusive") << longShots << trade("0.40") << none << true;
        QTest::newRow("long shot: 0.400001 fails") << longShots << trade("0.400001") << none << false;
        AlertRule band = rule();
        band.minPrice = dec("0.9");
        QTest::newRow("favourite band: 0.25 fails") << band << trade() << none << false;

        AlertRule sports = rule();
        sports.categories = {u"Sports"_s};
        AlertFacts sportsFacts;
        sportsFacts.category = u"sports"_s;
        AlertFacts politics;
        politics.category = u"Politics"_s;
        QTest::newRow("category: case-insensitive match") << sports << trade() << sportsFacts << true;
        QTest::newRow("category: other") << sports << trade() << politics << false;
        QTest::newRow("category: unknown fails") << sports << trade() << none << false;

        AlertRule graded = rule();
        graded.minGrade = Grade::B;
        AlertFacts gradeA;
        gradeA.grade = Grade::A;
        AlertFacts gradeC;
        gradeC.grade = Grade::C;
        QTest::newRow("grade: A meets B") << graded << trade() << gradeA << true;
        QTest::newRow("grade: C below B") << graded << trade() << gradeC << false;
        QTest::newRow("grade: unknown fails") << graded << trade() << none << false;

        AlertRule wallets = rule();
        wallets.source = AlertSource::Wallets;
        wallets.wallets = {kWhale};
        QTest::newRow("wallets: listed") << wallets << trade() << none << true;
        QTest::newRow("wallets: not listed")
            << wallets << trade("0.25", "40000", Side::Buy, kOther) << none << false;
        QTest::newRow("wallets: anonymous kalshi fill")
            << wallets << trade("0.25", "40000", Side::Buy, QString()) << none << false;

        AlertRule market = rule();
        market.source = AlertSource::Market;
        market.marketId = u"0xcond"_s;
        QTest::newRow("market: same") << market << trade() << none << true;
        market.marketId = u"0xother"_s;
        QTest::newRow("market: other") << market << trade() << none << false;

        AlertRule watch = rule();
        watch.source = AlertSource::Watchlist;
        AlertFacts followedWallet;
        followedWallet.walletFollowed = true;
        AlertFacts followedMarket;
        followedMarket.marketFollowed = true;
        QTest::newRow("watchlist: wallet followed") << watch << trade() << followedWallet << true;
        QTest::newRow("watchlist: market followed") << watch << trade() << followedMarket << true;
        QTest::newRow("watchlist: neither") << watch << trade() << none << false;

        AlertRule fresh = rule();
        fresh.requiredFlags = InsiderFlag::FreshWallet;
        AlertFacts newWallet;
        newWallet.walletFirstSeenMs = kT0 - 2 * kHour;
        AlertFacts oldWallet;
        oldWallet.walletFirstSeenMs = kT0 - 30 * 24 * kHour;
        QTest::newRow("fresh wallet: 2 h old") << fresh << trade() << newWallet << true;
        QTest::newRow("fresh wallet: 30 d old") << fresh << trade() << oldWallet << false;
        QTest::newRow("fresh wallet: unknown") << fresh << trade() << none << false;

        AlertRule few = rule();
        few.requiredFlags = InsiderFlag::FewMarkets;
        AlertFacts two;
        two.walletMarketCount = 2;
        AlertFacts forty;
        forty.walletMarketCount = 40;
        QTest::newRow("few markets: 2") << few << trade() << two << true;
        QTest::newRow("few markets: 40") << few << trade() << forty << false;

        AlertRule conc = rule();
        conc.requiredFlags = InsiderFlag::Concentration;
        AlertFacts allIn;
        allIn.walletMarketShare = dec("0.95");
        AlertFacts spread;
        spread.walletMarketShare = dec("0.2");
        QTest::newRow("concentration: 95 %") << conc << trade() << allIn << true;
        QTest::newRow("concentration: 20 %") << conc << trade() << spread << false;

        AlertRule liq = rule();
        liq.requiredFlags = InsiderFlag::SizeVsLiquidity;
        AlertFacts thin;
        thin.marketLiquidityUsd = dec("50000"); // $10,000 is 20 %
        AlertFacts deep;
        deep.marketLiquidityUsd = dec("1000000"); // 1 %
        QTest::newRow("size vs liquidity: 20 %") << liq << trade() << thin << true;
        QTest::newRow("size vs liquidity: 1 %") << liq << trade() << deep << false;

        AlertRule both = rule();
        both.requiredFlags = InsiderFlag::FreshWallet | InsiderFlag::FewMarkets;
        AlertFacts freshOnly = newWallet;
        freshOnly.walletMarketCount = 40;
        AlertFacts freshAndFew = newWallet;
        freshAndFew.walletMarketCount = 1;
        QTest::newRow("two flags: one raised") << both << trade() << freshOnly << false;
        QTest::newRow("two flags: both raised") << both << trade() << freshAndFew << true;
    }
    void filters() {
        QFETCH(AlertRule, rule);
        QFETCH(Trade, trade);
        QFETCH(AlertFacts, facts);
        QFETCH(bool, matched);
        const RuleMatch m = AlertEngine::match(rule, trade, facts);
        QCOMPARE(m.matched, matched);
        QVERIFY(!m.reasons.isEmpty() ||
                (matched && rule.source == AlertSource::AllWhales && rule.minUsd.isZero()));

        AlertEngine engine;
        engine.setRules({rule});
        QCOMPARE(engine.evaluate(trade, facts, kT0).size(), matched ? 1 : 0);
    }

    void reasonsAndFlagsNameTheFactors() {
        AlertRule r = rule();
        r.minUsd = dec("5000");
        r.requiredFlags = InsiderFlag::FreshWallet | InsiderFlag::SizeVsLiquidity;
        AlertFacts facts;
        facts.walletFirstSeenMs = kT0 - 3 * kHour;
        facts.marketLiquidityUsd = dec("40000");
        AlertEngine engine;
        engine.setRules({r});
        const QList<FiredAlert> fired = engine.evaluate(trade(), facts, kT0);
        QCOMPARE(fired.size(), 1);
        QCOMPARE(fired[0].reasons.first(), u"$10000.00 ≥ $5000.00"_s);
        QCOMPARE(fired[0].flags.size(), 2);
        QCOMPARE(fired[0].flags[0].flag, InsiderFlag::FreshWallet);
        QCOMPARE(fired[0].flags[0].factors, u"first seen 3 h before the trade (limit 7 d)"_s);
        QCOMPARE(fired[0].flags[1].factors,
                 u"$10000.00 against $40000.00 liquidity = 25.0 % (at least 10.0 %)"_s);
    }

    void cooldown_data() {
        QTest::addColumn<qint64>("cooldownMs");
        QTest::addColumn<QList<qint64>>("times");
        QTest::addColumn<QList<bool>>("fires");
        QTest::newRow("no cooldown") << qint64(0) << QList<qint64>{0, 1, 2} << QList<bool>{true, true, true};
        QTest::newRow("inside the window")
            << qint64(60'000) << QList<qint64>{0, 30'000, 59'999} << QList<bool>{true, false, false};
        QTest::newRow("window over") << qint64(60'000) << QList<qint64>{0, 60'000, 90'000, 120'000}
                                     << QList<bool>{true, true, false, true};
    }
    void cooldown() {
        QFETCH(qint64, cooldownMs);
        QFETCH(QList<qint64>, times);
        QFETCH(QList<bool>, fires);
        AlertRule r = rule();
        r.cooldownMs = cooldownMs;
        AlertEngine engine;
        engine.setRules({r});
        int suppressed = 0;
        for (int i = 0; i < times.size(); ++i) {
            // A different fill each time, by the same wallet.
            const Trade t = trade("0.25", "40000", Side::Buy, kWhale, u"0xtx%1"_s.arg(i));
            const bool fired = !engine.evaluate(t, {}, kT0 + times[i]).isEmpty();
            QCOMPARE(fired, fires[i]);
            suppressed += fired ? 0 : 1;
        }
        QCOMPARE(engine.suppressedByCooldown(), suppressed);
    }

    // The cooldown is per subject: another whale in the window still fires.
    void cooldownPerWallet() {
        AlertRule r = rule();
        r.cooldownMs = 60'000;
        AlertEngine engine;
        engine.setRules({r});
        QCOMPARE(engine.evaluate(trade(), {}, kT0).size(), 1);
        QCOMPARE(engine.evaluate(trade("0.25", "40000", Side::Buy, kOther, u"0xdef"_s), {}, kT0 + 1).size(),
                 1);
        QCOMPARE(engine.evaluate(trade("0.25", "40000", Side::Buy, kWhale, u"0x123"_s), {}, kT0 + 2).size(),
                 0);
    }

    void deduplication_data() {
        QTest::addColumn<int>("ruleCount");
        QTest::addColumn<int>("firstCopy");
        QTest::addColumn<int>("secondCopy");
        QTest::newRow("one rule: the REST copy of a socket fill is dropped") << 1 << 1 << 0;
        QTest::newRow("two rules: each fires once") << 2 << 2 << 0;
    }
    void deduplication() {
        QFETCH(int, ruleCount);
        QFETCH(int, firstCopy);
        QFETCH(int, secondCopy);
        QList<AlertRule> rules;
        for (int i = 0; i < ruleCount; ++i) {
            AlertRule r = rule();
            r.id = u"r%1"_s.arg(i);
            rules << r;
        }
        AlertEngine engine;
        engine.setRules(rules);
        Trade socket = trade();
        Trade rest = socket;
        rest.source = TradeSource::Rest;
        rest.receivedMs = socket.receivedMs + 5'000;
        QCOMPARE(engine.evaluate(socket, {}, kT0).size(), firstCopy);
        // Hours later, past any cooldown: still the same fill.
        QCOMPARE(engine.evaluate(rest, {}, kT0 + 10 * kHour).size(), secondCopy);
        QCOMPARE(engine.suppressedByCooldown(), 0);
    }

    void ruleJsonRoundTrip() {
        AlertRule r = rule();
        r.source = AlertSource::Wallets;
        r.wallets = {kWhale};
        r.minUsd = dec("2500.5");
        r.side = Side::Sell;
        r.maxPrice = dec("0.4");
        r.categories = {u"Sports"_s};
        r.minGrade = Grade::A;
        r.requiredFlags = InsiderFlag::Concentration;
        r.insider.minConcentration = dec("0.75");
        r.actions = AlertAction::Tray | AlertAction::Sound;
        r.cooldownMs = 90'000;
        const QByteArray json = QJsonDocument(r.toJson()).toJson();
        const std::optional<AlertRule> back = AlertRule::fromJson(QJsonDocument::fromJson(json).object());
        QVERIFY(back);
        QCOMPARE(back->toJson(), r.toJson());
        QCOMPARE(back->minUsd, dec("2500.5"));
        QCOMPARE(back->actions, r.actions);

        QJsonObject broken = r.toJson();
        broken[u"minUsd"_s] = u"lots"_s;
        QVERIFY(!AlertRule::fromJson(broken));
        broken = r.toJson();
        broken.remove(u"id"_s);
        QVERIFY(!AlertRule::fromJson(broken));
    }

    void firedJsonRoundTrip() {
        AlertRule r = rule();
        r.requiredFlags = InsiderFlag::FewMarkets;
        AlertFacts facts;
        facts.walletMarketCount = 1;
        AlertEngine engine;
        engine.setRules({r});
        Trade t = trade("0.123457", "8643.000001");
        t.marketTitle = u"Zürich — 東京"_s;
        const QList<FiredAlert> fired = engine.evaluate(t, facts, kT0);
        QCOMPARE(fired.size(), 1);
        const std::optional<FiredAlert> back = FiredAlert::fromJson(fired[0].toJson());
        QVERIFY(back);
        QCOMPARE(back->toJson(), fired[0].toJson());
        QCOMPARE(back->key(), fired[0].key());
        QCOMPARE(back->trade.price, dec("0.123457"));
        QCOMPARE(back->flags.size(), 1);
    }
};

QTEST_MAIN(TstAlertEngine)
#include "tst_alertengine.moc"
