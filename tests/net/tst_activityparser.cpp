// The trader endpoint parsers against the real captures (/activity v1 and v2, /positions,
// /closed-positions, /value, /v1/leaderboard, gamma /markets), every /activity type, and
// bodies and rows that must be refused.
#include "net/activityparser.h"
#include "tests/support/testdata.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace longshot;
using namespace longshot::net;

namespace {

Decimal dec(const char *text) {
    const DecimalParse p = Decimal::parse(std::string_view(text));
    return p.value;
}

QByteArray readPoly(const char *name) {
    return test::readData(u"polymarket/"_s + QString::fromLatin1(name));
}

constexpr char kWallet[] = "0x2005d16a84ceefa912d4e380cd32e7ff827875ea";
constexpr char kCondition[] = "0xa9a9acb457b3567dd8d1cacaa400ae6aec8e63f858a4560afdb612161e43e57c";

// One /activity row shaped like the live ones; non-trade types carry asset "", side "",
// outcomeIndex 999 and an integer price 0.
QByteArray activityRow(const QByteArray &type, const QByteArray &size, const QByteArray &usdc,
                       const QByteArray &asset = "", const QByteArray &side = "",
                       const QByteArray &index = "999") {
    return "{\"proxyWallet\":\"" + QByteArray(kWallet) + "\",\"timestamp\":1776748930,\"conditionId\":\"" +
           QByteArray(kCondition) + "\",\"type\":\"" + type + "\",\"size\":" + size +
           ",\"usdcSize\":" + usdc + ",\"transactionHash\":\"0xABC\",\"price\":0,\"asset\":\"" + asset +
           "\",\"side\":\"" + side + "\",\"outcomeIndex\":" + index +
           ",\"title\":\"Timberwolves vs. Nuggets\",\"slug\":\"s\",\"eventSlug\":\"e\",\"outcome\":\"\","
           "\"name\":\"RN1\",\"pseudonym\":\"Scary-Edible\"}";
}

} // namespace

class TestActivityParser final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void activityFixture_data();
    void activityFixture();
    void activityPageFacts();
    void activityV2Envelope();
    void activityTypes_data();
    void activityTypes();
    void activityRefusals_data();
    void activityRefusals();
    void badBodies_data();
    void badBodies();
    void positionsFixture_data();
    void positionsFixture();
    void closedPositionsFixture_data();
    void closedPositionsFixture();
    void value();
    void leaderboard_data();
    void leaderboard();
    void gammaMarket();
    void gammaClosedPayouts_data();
    void gammaClosedPayouts();
    void gammaLiquidity_data();
    void gammaLiquidity();
};

void TestActivityParser::activityFixture_data() {
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("wallet");
    QTest::addColumn<QString>("condition");
    QTest::addColumn<QString>("asset");
    QTest::addColumn<int>("outcomeIndex");
    QTest::addColumn<QString>("shares");
    QTest::addColumn<QString>("usdc");
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("tx");

    QTest::newRow("trade buy small")
        << 0 << int(ActivityKind::Buy) << QString::fromLatin1(kWallet)
        << u"0xf743001c011ce91856ef3eca6daacbce587a98d88ebbb8669c65437b4e1db06e"_s
        << u"113848110479592031259253354608837956257747317426814833913131888568473157087516"_s << 1
        << u"4.02"_s << u"1.8492"_s << qint64(1776748930000)
        << u"0x395afda3f5a3efe1b1842ab2a0ab3836ccd0331c980414e1748421de2c4598ac"_s;
    // usdcSize, not price x size: the row's price 0.8100000092466668 is only the ratio.
    QTest::newRow("trade buy usdc is usdcSize")
        << 1 << int(ActivityKind::Buy) << QString::fromLatin1(kWallet) << QString::fromLatin1(kCondition)
        << u"101049751548410708430293002292169561720588907594020452919685141368802218026926"_s << 0
        << u"78.947367"_s << u"63.947368"_s << qint64(1776748904000)
        << u"0xdc17032436f5e03f36748f28d08e3c51a04b5ef046e9e0f67c704e0f5f9ad3da"_s;
    QTest::newRow("redeem asset empty, 999")
        << 2 << int(ActivityKind::Redeem) << u"0xee613b3fc183ee44f9da9c05f53e2da107e3debf"_s
        << u"0x5eb7402498c07e888c6b89f0413a41b950f62974b4745ad211d6423e377345dd"_s << QString() << -1
        << u"0"_s << u"1665.48021"_s << qint64(1776748368000)
        << u"0x93270358e6a93d6f059fb42ef9c4bf5d2b1e92145983b3fa0f6aeb4617c5cc0a"_s;
}

void TestActivityParser::activityFixture() {
    QFETCH(int, row);
    QFETCH(int, kind);
    QFETCH(QString, wallet);
    QFETCH(QString, condition);
    QFETCH(QString, asset);
    QFETCH(int, outcomeIndex);
    QFETCH(QString, shares);
    QFETCH(QString, usdc);
    QFETCH(qint64, ms);
    QFETCH(QString, tx);

    const ActivityPage page = parseActivity(readPoly("data_api_activity_records_notebook.json"));
    QVERIFY(!page.error);
    QVERIFY(page.rejects.isEmpty());
    QCOMPARE(page.events.size(), 3);
    const ActivityEvent &e = page.events.at(row);
    QCOMPARE(int(e.kind), kind);
    QCOMPARE(e.wallet.address(), wallet);
    QCOMPARE(e.conditionId, condition);
    QCOMPARE(e.assetId, asset);
    QCOMPARE(e.outcomeIndex, outcomeIndex);
    QCOMPARE(e.shares.toString(), shares);
    QCOMPARE(e.usdc.toString(), usdc);
    QCOMPARE(e.fee, Decimal());
    QCOMPARE(e.timestampMs, ms);
    QCOMPARE(e.txId, tx);
    QVERIFY(e.legs.isEmpty());
}

void TestActivityParser::activityPageFacts() {
    const ActivityPage page = parseActivity(readPoly("data_api_activity_records_notebook.json"));
    QCOMPARE(page.rows, 3);
    QCOMPARE(page.oldestMs, qint64(1776748368000));
    QCOMPARE(page.newestMs, qint64(1776748930000));
    QCOMPARE(page.traderName, u"RN1"_s);
    QCOMPARE(page.traderPseudonym, u"Scary-Edible"_s);
    QVERIFY(page.unknownTypes.isEmpty());
    QCOMPARE(page.cashMoves, 0);
    QCOMPARE(page.markets.size(), 3);
    const Market &m = page.markets.at(1);
    QCOMPARE(m.marketId, QString::fromLatin1(kCondition));
    QCOMPARE(m.title, u"Timberwolves vs. Nuggets"_s);
    QCOMPARE(m.slug, u"nba-min-den-2026-04-20"_s);
    QCOMPARE(m.eventSlug, u"nba-min-den-2026-04-20"_s);
    QCOMPARE(m.outcomes.size(), 1);
    QCOMPARE(m.outcomes.at(0).name, u"Timberwolves"_s);
    QCOMPARE(m.outcomes.at(0).index, 0);
    // The redeem names no token: its market is known by title only.
    QCOMPARE(page.markets.at(2).title, u"Athletics vs. Seattle Mariners: O/U 7.5"_s);
    QVERIFY(page.markets.at(2).outcomes.isEmpty());
}

void TestActivityParser::activityV2Envelope() {
    const ActivityPage page = parseActivity(readPoly("data_api_v2_activity.json"));
    QVERIFY(!page.error);
    QCOMPARE(page.events.size(), 2);
    const ActivityEvent &first = page.events.at(0);
    QCOMPARE(first.kind, ActivityKind::Buy);
    QCOMPARE(first.wallet.address(), u"0x379a410a36c101e3b8dfb6c90d1176eb0def4b1a"_s);
    QCOMPARE(first.conditionId, u"0x571aafcdc9d3549ac260d5f956adc4ae57d9ace63575abd99db58ba0130e9fcf"_s);
    QCOMPARE(first.assetId,
             u"107562952936555819668737826428754978979556920505990557747611348541829551199040"_s);
    QCOMPARE(first.outcomeIndex, -1); // 999 is a sentinel even on a v2 TRADE row
    QCOMPARE(first.shares.toString(), u"22.84"_s);
    QCOMPARE(first.usdc.toString(), u"12.16184"_s);
    QCOMPARE(first.timestampMs, qint64(1789381477000));
    QCOMPARE(page.events.at(1).outcomeIndex, 1);
    QCOMPARE(page.events.at(1).usdc.toString(), u"6.72948"_s);
    QVERIFY(page.nextCursor.startsWith(u"eyJkYXRhIjp7"_s));
    QCOMPARE(page.traderName, u"jaboobelite"_s);
}

void TestActivityParser::activityTypes_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("events");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("shares");
    QTest::addColumn<QString>("usdc");
    QTest::addColumn<QString>("asset");
    QTest::addColumn<int>("cashMoves");

    const QByteArray asset = "101049751548410708430293002292169561720588907594020452919685141368802218026926";
    QTest::newRow("TRADE SELL") << activityRow("TRADE", "100", "81.25", asset, "SELL", "0") << 1
                                << int(ActivityKind::Sell) << u"100"_s << u"81.25"_s
                                << QString::fromLatin1(asset) << 0;
    QTest::newRow("SPLIT") << activityRow("SPLIT", "250", "250") << 1 << int(ActivityKind::Split) << u"250"_s
                           << u"250"_s << QString() << 0;
    QTest::newRow("MERGE") << activityRow("MERGE", "12.5", "12.5") << 1 << int(ActivityKind::Merge)
                           << u"12.5"_s << u"12.5"_s << QString() << 0;
    QTest::newRow("REDEEM") << activityRow("REDEEM", "40", "40") << 1 << int(ActivityKind::Redeem) << u"0"_s
                            << u"40"_s << QString() << 0;
    QTest::newRow("CONVERSION") << activityRow("CONVERSION", "30", "0") << 1 << int(ActivityKind::Convert)
                                << u"30"_s << u"0"_s << QString() << 0;
    QTest::newRow("REWARD") << activityRow("REWARD", "0", "3.141592") << 1 << int(ActivityKind::Reward)
                            << u"0"_s << u"3.141592"_s << QString() << 0;
    QTest::newRow("REFERRAL_REWARD") << activityRow("REFERRAL_REWARD", "0", "1.5") << 1
                                     << int(ActivityKind::Reward) << u"0"_s << u"1.5"_s << QString() << 0;
    QTest::newRow("YIELD") << activityRow("YIELD", "0", "0.02") << 1 << int(ActivityKind::Reward) << u"0"_s
                           << u"0.02"_s << QString() << 0;
    QTest::newRow("MAKER_REBATE") << activityRow("MAKER_REBATE", "0", "0.75") << 1
                                  << int(ActivityKind::Rebate) << u"0"_s << u"0.75"_s << QString() << 0;
    QTest::newRow("TAKER_REBATE") << activityRow("TAKER_REBATE", "0", "0.05") << 1
                                  << int(ActivityKind::Rebate) << u"0"_s << u"0.05"_s << QString() << 0;
    QTest::newRow("DEPOSIT is not P&L")
        << activityRow("DEPOSIT", "0", "5000") << 0 << 0 << QString() << QString() << QString() << 1;
    QTest::newRow("WITHDRAWAL is not P&L")
        << activityRow("WITHDRAWAL", "0", "5000") << 0 << 0 << QString() << QString() << QString() << 1;
}

void TestActivityParser::activityTypes() {
    QFETCH(QByteArray, body);
    QFETCH(int, events);
    QFETCH(int, kind);
    QFETCH(QString, shares);
    QFETCH(QString, usdc);
    QFETCH(QString, asset);
    QFETCH(int, cashMoves);

    const ActivityPage page = parseActivity(QByteArray("[" + body + "]"));
    QVERIFY(!page.error);
    QVERIFY(page.rejects.isEmpty());
    QCOMPARE(page.rows, 1);
    QCOMPARE(page.cashMoves, cashMoves);
    QCOMPARE(page.events.size(), events);
    if (events == 0)
        return;
    const ActivityEvent &e = page.events.constFirst();
    QCOMPARE(int(e.kind), kind);
    QCOMPARE(e.wallet.address(), QString::fromLatin1(kWallet));
    QCOMPARE(e.conditionId, QString::fromLatin1(kCondition));
    QCOMPARE(e.timestampMs, qint64(1776748930000));
    QCOMPARE(e.txId, u"0xabc"_s);
    QCOMPARE(e.usdc.toString(), usdc);
    QCOMPARE(e.assetId, asset);
    if (e.kind != ActivityKind::Reward && e.kind != ActivityKind::Rebate)
        QCOMPARE(e.shares.toString(), shares);
    if (e.kind == ActivityKind::Convert) {
        // Not enough in one row to price a conversion: empty legs, counted as ignored.
        QVERIFY(e.legs.isEmpty());
        QVERIFY(e.received.isEmpty());
    }
}

void TestActivityParser::activityRefusals_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("reject");
    QTest::addColumn<QString>("unknownType");

    QTest::newRow("unknown type") << activityRow("SOMETHING_NEW", "1", "1") << QString()
                                  << u"SOMETHING_NEW"_s;
    QTest::newRow("bad wallet") << activityRow("REDEEM", "1", "1").replace(kWallet, "0x12") << u"bad wallet"_s
                                << QString();
    QTest::newRow("trade without side")
        << activityRow("TRADE", "1", "1", "123", "", "0") << u"bad side"_s << QString();
    QTest::newRow("trade without asset or index")
        << activityRow("TRADE", "1", "1", "", "BUY", "999") << u"missing field"_s << QString();
    QTest::newRow("malformed size") << activityRow("TRADE", "\"1.2.3\"", "1", "123", "BUY", "0")
                                    << u"bad number"_s << QString();
    QTest::newRow("no timestamp") << activityRow("REDEEM", "1", "1").replace("1776748930", "null")
                                  << u"bad timestamp"_s << QString();
}

void TestActivityParser::activityRefusals() {
    QFETCH(QByteArray, body);
    QFETCH(QString, reject);
    QFETCH(QString, unknownType);
    const QByteArray good = activityRow("REDEEM", "1", "1");
    const ActivityPage page = parseActivity(QByteArray("[" + body + "," + good + "]"));
    QVERIFY(!page.error);
    QCOMPARE(page.rows, 2);
    QCOMPARE(page.events.size(), 1); // the good row still counts
    if (reject.isEmpty()) {
        QVERIFY(page.rejects.isEmpty());
    } else {
        QCOMPARE(page.rejects.size(), 1);
        QCOMPARE(rejectReasonName(page.rejects.constFirst()), reject);
    }
    QCOMPARE(page.unknownTypes, unknownType.isEmpty() ? QStringList() : QStringList{unknownType});
}

void TestActivityParser::badBodies_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("reason");
    QTest::newRow("cloudflare html") << QByteArray("<!DOCTYPE html><html>blocked</html>") << u"not JSON"_s;
    QTest::newRow("truncated") << QByteArray("[{\"proxyWallet\":\"0x") << u"truncated or broken JSON"_s;
    QTest::newRow("error object") << QByteArray("{\"error\":\"invalid user\"}") << u"unexpected shape"_s;
    QTest::newRow("number") << QByteArray("[1]x") << u"truncated or broken JSON"_s;
}

void TestActivityParser::badBodies() {
    QFETCH(QByteArray, body);
    QFETCH(QString, reason);
    const ActivityPage a = parseActivity(body);
    QVERIFY(a.error);
    QCOMPARE(rejectReasonName(*a.error), reason);
    const PositionsPage p = parsePositions(body);
    QVERIFY(p.error);
    QCOMPARE(rejectReasonName(*p.error), reason);
    const MarketsPage m = parseGammaMarkets(body);
    QVERIFY(m.error);
    QCOMPARE(rejectReasonName(*m.error), reason);
    QVERIFY(parseLeaderboard(body).error);
    QVERIFY(parseValue(body).error);
}

void TestActivityParser::positionsFixture_data() {
    QTest::addColumn<int>("row");
    QTest::addColumn<QString>("wallet");
    QTest::addColumn<QString>("asset");
    QTest::addColumn<QString>("shares");
    QTest::addColumn<QString>("avg");
    QTest::addColumn<QString>("initial");
    QTest::addColumn<QString>("current");
    QTest::addColumn<QString>("cashPnl");
    QTest::addColumn<QString>("bought");
    QTest::addColumn<QString>("realized");
    QTest::addColumn<QString>("mark");
    QTest::addColumn<QString>("outcome");
    QTest::addColumn<int>("index");
    QTest::addColumn<bool>("negRisk");

    QTest::newRow("losing open")
        << 0 << QString::fromLatin1(kWallet)
        << u"77985259937045308793816579916638590572189987943927681873921893711796592307973"_s
        << u"181369.1314"_s << u"0.6281"_s << u"113919.221"_s << u"58944.9677"_s << u"-54974.2533"_s
        << u"181684.2282"_s << u"0"_s << u"0.325"_s << u"Nuggets"_s << 1 << false;
    QTest::newRow("partly realized")
        << 1 << u"0xee613b3fc183ee44f9da9c05f53e2da107e3debf"_s
        << u"101049751548410708430293002292169561720588907594020452919685141368802218026926"_s
        << u"21010.072"_s << u"0.364"_s << u"7648.3385"_s << u"14181.7986"_s << u"6533.46"_s
        << u"39198.0727"_s << u"2401.2866"_s << u"0.675"_s << u"Timberwolves"_s << 0 << false;
    QTest::newRow("neg risk")
        << 2 << u"0x204f72f35326db932158cba6adff0b9a1da95e14"_s
        << u"74242218918645333207499760215586417516176977896360830393316065607539566187019"_s
        << u"15676.6855"_s << u"0.5322"_s << u"8344.6683"_s << u"8230.2599"_s << u"-114.4084"_s
        << u"15725.4906"_s << u"0"_s << u"0.525"_s << u"Yes"_s << 0 << true;
}

void TestActivityParser::positionsFixture() {
    QFETCH(int, row);
    QFETCH(QString, wallet);
    QFETCH(QString, asset);
    QFETCH(QString, shares);
    QFETCH(QString, avg);
    QFETCH(QString, initial);
    QFETCH(QString, current);
    QFETCH(QString, cashPnl);
    QFETCH(QString, bought);
    QFETCH(QString, realized);
    QFETCH(QString, mark);
    QFETCH(QString, outcome);
    QFETCH(int, index);
    QFETCH(bool, negRisk);

    const PositionsPage page = parsePositions(readPoly("data_api_positions_records_notebook.json"));
    QVERIFY(!page.error);
    QVERIFY(page.rejects.isEmpty());
    QCOMPARE(page.rows.size(), 3);
    const PositionRow &r = page.rows.at(row);
    QCOMPARE(r.position.wallet.address(), wallet);
    QCOMPARE(r.position.assetId, asset);
    QCOMPARE(r.position.shares.toString(), shares);
    QCOMPARE(r.position.averagePrice.toString(), avg);
    QCOMPARE(r.initialValue.toString(), initial);
    QCOMPARE(r.currentValue.toString(), current);
    QCOMPARE(r.cashPnl.toString(), cashPnl);
    QCOMPARE(r.totalBought.toString(), bought);
    QCOMPARE(r.position.realizedPnl.toString(), realized);
    QVERIFY(r.position.mark);
    QCOMPARE(r.position.mark->toString(), mark);
    QCOMPARE(r.position.outcome, outcome);
    QCOMPARE(r.outcomeIndex, index);
    QCOMPARE(r.negativeRisk, negRisk);
    QCOMPARE(r.redeemable, false);
    QCOMPARE(r.mergeable, true);
    QCOMPARE(r.endDate, QDate(2026, 4, 21));
    QCOMPARE(r.timestampMs, qint64(0));
    if (row < 2) {
        QCOMPARE(r.position.marketId, QString::fromLatin1(kCondition));
        QCOMPARE(r.title, u"Timberwolves vs. Nuggets"_s);
        QCOMPARE(r.eventSlug, u"nba-min-den-2026-04-20"_s);
    }
}

void TestActivityParser::closedPositionsFixture_data() {
    QTest::addColumn<int>("row");
    QTest::addColumn<QString>("avg");
    QTest::addColumn<QString>("bought");
    QTest::addColumn<QString>("realized");
    QTest::addColumn<QString>("mark");
    QTest::addColumn<QString>("outcome");
    QTest::addColumn<int>("index");
    QTest::addColumn<qint64>("ms");
    QTest::newRow("winner") << 0 << u"0.35"_s << u"897.133"_s << u"583.1364"_s << u"1"_s
                            << u"Tohoku Rakuten Golden Eagles"_s << 1 << qint64(1790258548000);
    QTest::newRow("winner 2") << 1 << u"0.47"_s << u"2100.073"_s << u"1113.0366"_s << u"1"_s
                              << u"Hiroshima Carp"_s << 0 << qint64(1790258548000);
    QTest::newRow("loser") << 2 << u"0.5104"_s << u"541"_s << u"-276.1366"_s << u"0"_s << u"Yomiuri Giants"_s
                           << 1 << qint64(1790258548000);
    QTest::newRow("winner 3") << 3 << u"0.3803"_s << u"60.9189"_s << u"37.7481"_s << u"1"_s
                              << u"Lotte Giants"_s << 0 << qint64(1790256567000);
    QTest::newRow("loser 2") << 4 << u"0.6097"_s << u"305.521"_s << u"-186.2786"_s << u"0"_s << u"LG Twins"_s
                             << 1 << qint64(1790256567000);
}

void TestActivityParser::closedPositionsFixture() {
    QFETCH(int, row);
    QFETCH(QString, avg);
    QFETCH(QString, bought);
    QFETCH(QString, realized);
    QFETCH(QString, mark);
    QFETCH(QString, outcome);
    QFETCH(int, index);
    QFETCH(qint64, ms);
    const PositionsPage page = parsePositions(readPoly("data_api_closed_positions_whalescan_trimmed.json"));
    QVERIFY(!page.error);
    QCOMPARE(page.rows.size(), 5);
    const PositionRow &r = page.rows.at(row);
    QCOMPARE(r.position.wallet.address(), u"0x5268527977f700f9bf9b6d5cd843859e4e70135d"_s);
    QCOMPARE(r.position.shares, Decimal()); // closed rows carry no size
    QCOMPARE(r.position.averagePrice.toString(), avg);
    QCOMPARE(r.totalBought.toString(), bought);
    QCOMPARE(r.position.realizedPnl.toString(), realized);
    QCOMPARE(r.position.mark->toString(), mark);
    QCOMPARE(r.position.outcome, outcome);
    QCOMPARE(r.outcomeIndex, index);
    QCOMPARE(r.timestampMs, ms);
    QCOMPARE(r.endDate, QDate(2026, 10, 1));
}

void TestActivityParser::value() {
    const ValueResult v1 = parseValue(readPoly("data_api_value_notebook.json"));
    QVERIFY(!v1.error);
    QVERIFY(v1.value);
    QCOMPARE(v1.value->toString(), u"517349.941"_s);
    QCOMPARE(v1.wallet.address(), QString::fromLatin1(kWallet));
    const ValueResult v2 = parseValue(readPoly("data_api_v2_value.json"));
    QVERIFY(!v2.error);
    QCOMPARE(v2.value->toString(), u"844.4295"_s);
    QCOMPARE(v2.wallet.address(), u"0x379a410a36c101e3b8dfb6c90d1176eb0def4b1a"_s);
    const ValueResult empty = parseValue("[]");
    QVERIFY(!empty.error);
    QVERIFY(!empty.value); // no row: unknown, not zero
}

void TestActivityParser::leaderboard_data() {
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("rank");
    QTest::addColumn<QString>("wallet");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("x");
    QTest::addColumn<QString>("vol");
    QTest::addColumn<QString>("pnl");
    QTest::newRow("1") << 0 << 1 << u"0x56687bf447db6ffa42ffe2204a05edaa20f55839"_s << u"Theo4"_s << QString()
                       << u"43013258.515682"_s << u"22053933.752321"_s;
    // vol has more than six decimals: rounded half-even to the micro-dollar.
    QTest::newRow("2 rounded vol") << 1 << 2 << u"0x204f72f35326db932158cba6adff0b9a1da95e14"_s
                                   << u"swisstony"_s << QString() << u"1850584673.06421"_s
                                   << u"18419243.528629"_s;
    QTest::newRow("4 x handle") << 3 << 4 << QString::fromLatin1(kWallet) << u"RN1"_s << u"RN1polymarket"_s
                                << u"1278877421.034041"_s << u"12763466.887816"_s;
    QTest::newRow("20") << 19 << 20 << u"0x94f199fb7789f1aef7fff6b758d6b375100f4c7a"_s << u"KeyTransporter"_s
                        << QString() << u"20086062.154325"_s << u"5711459.802523"_s;
}

void TestActivityParser::leaderboard() {
    QFETCH(int, row);
    QFETCH(int, rank);
    QFETCH(QString, wallet);
    QFETCH(QString, name);
    QFETCH(QString, x);
    QFETCH(QString, vol);
    QFETCH(QString, pnl);
    const LeaderboardPage page = parseLeaderboard(readPoly("data_api_v1_leaderboard_whalescan.json"));
    QVERIFY(!page.error);
    QVERIFY(page.rejects.isEmpty());
    QCOMPARE(page.rows.size(), 20);
    const LeaderboardRow &r = page.rows.at(row);
    QCOMPARE(r.rank, rank);
    QCOMPARE(r.wallet.address(), wallet);
    QCOMPARE(r.userName, name);
    QCOMPARE(r.xUsername, x);
    QCOMPARE(r.verified, false);
    QCOMPARE(r.volume.toString(), vol);
    QCOMPARE(r.pnl.toString(), pnl);
}

void TestActivityParser::gammaMarket() {
    const MarketsPage page = parseGammaMarkets(readPoly("gamma_markets_whalescan_first.json"));
    QVERIFY(!page.error);
    QVERIFY(page.rejects.isEmpty());
    QCOMPARE(page.markets.size(), 1);
    const Market &m = page.markets.constFirst();
    QCOMPARE(m.marketId, u"0x80c7ab790a5ab37e11c79a5a658d729ac29e6e17aa2d3fc859e4a78c0d896369"_s);
    QCOMPARE(m.title, u"Will Norway win on 2026-09-24?"_s);
    QCOMPARE(m.slug, u"unl-nor-den-2026-09-24-nor"_s);
    QCOMPARE(m.eventSlug, u"unl-nor-den-2026-09-24"_s);
    QCOMPARE(m.category, u"sports"_s);
    QCOMPARE(m.endDate, QDateTime(QDate(2026, 9, 24), QTime(18, 45), Qt::UTC));
    QCOMPARE(m.closed, false);
    QCOMPARE(m.outcomes.size(), 2);
    QCOMPARE(m.outcomes.at(0).name, u"Yes"_s);
    QCOMPARE(m.outcomes.at(0).index, 0);
    QCOMPARE(m.outcomes.at(0).assetId,
             u"23305969272951306317157739183583008201155714184462027894470739210983097393455"_s);
    QCOMPARE(m.outcomes.at(0).lastPrice, std::optional<Decimal>(dec("0.575")));
    QVERIFY(!m.outcomes.at(0).payout);
    QCOMPARE(m.outcomes.at(1).name, u"No"_s);
    QCOMPARE(m.outcomes.at(1).assetId,
             u"104425493878736059469967522531475345635535129482242136756374819053652959839920"_s);
    QCOMPARE(m.outcomes.at(1).lastPrice, std::optional<Decimal>(dec("0.425")));
    // "liquidity": "572733.0377" beside liquidityNum 572733.0377: exact, never through a double.
    QCOMPARE(m.liquidityUsd, std::optional<Decimal>(dec("572733.0377")));
}

void TestActivityParser::gammaClosedPayouts_data() {
    QTest::addColumn<QByteArray>("prices");
    QTest::addColumn<bool>("closed");
    QTest::addColumn<QString>("payout0");
    QTest::addColumn<QString>("payout1");
    QTest::addColumn<int>("withoutPayout");
    QTest::newRow("yes won") << QByteArray(R"([\"1\", \"0\"])") << true << u"1"_s << u"0"_s << 0;
    QTest::newRow("no won") << QByteArray(R"([\"0\", \"1\"])") << true << u"0"_s << u"1"_s << 0;
    QTest::newRow("50-50") << QByteArray(R"([\"0.5\", \"0.5\"])") << true << u"0.5"_s << u"0.5"_s << 0;
    QTest::newRow("closed, not settled")
        << QByteArray(R"([\"0.9995\", \"0.0005\"])") << true << QString() << QString() << 1;
    QTest::newRow("open at 1/0") << QByteArray(R"([\"1\", \"0\"])") << false << QString() << QString() << 0;
}

void TestActivityParser::gammaClosedPayouts() {
    QFETCH(QByteArray, prices);
    QFETCH(bool, closed);
    QFETCH(QString, payout0);
    QFETCH(QString, payout1);
    QFETCH(int, withoutPayout);
    const QByteArray body = R"([{"id":"1","question":"Q?","conditionId":"0xABCD","slug":"q","closed":)" +
                            QByteArray(closed ? "true" : "false") +
                            R"(,"outcomes":"[\"Yes\", \"No\"]","outcomePrices":")" + prices +
                            R"(","clobTokenIds":"[\"11\", \"22\"]","category":"Politics"}])";
    const MarketsPage page = parseGammaMarkets(body);
    QVERIFY(!page.error);
    QCOMPARE(page.markets.size(), 1);
    const Market &m = page.markets.constFirst();
    QCOMPARE(m.marketId, u"0xabcd"_s);
    QCOMPARE(m.category, u"politics"_s);
    QCOMPARE(m.closed, closed);
    QCOMPARE(page.closedWithoutPayout, withoutPayout);
    QCOMPARE(m.outcomes.at(0).payout ? m.outcomes.at(0).payout->toString() : QString(), payout0);
    QCOMPARE(m.outcomes.at(1).payout ? m.outcomes.at(1).payout->toString() : QString(), payout1);
    QCOMPARE(m.outcomes.at(1).assetId, u"22"_s);
}

void TestActivityParser::gammaLiquidity_data() {
    QTest::addColumn<QByteArray>("fields");
    QTest::addColumn<QString>("liquidity"); // empty: unset
    QTest::newRow("string wins over the number")
        << QByteArray(R"("liquidity":"1234.56789","liquidityNum":1234.5)") << u"1234.56789"_s;
    QTest::newRow("number token when no string")
        << QByteArray(R"("liquidityNum":572733.0377)") << u"572733.0377"_s;
    QTest::newRow("blank string falls back") << QByteArray(R"("liquidity":"","liquidityNum":10)") << u"10"_s;
    QTest::newRow("zero is an observation") << QByteArray(R"("liquidity":"0")") << u"0"_s;
    QTest::newRow("absent") << QByteArray(R"("volume":"5")") << QString();
    QTest::newRow("null") << QByteArray(R"("liquidity":null)") << QString();
    QTest::newRow("malformed") << QByteArray(R"("liquidity":"lots")") << QString();
    QTest::newRow("negative") << QByteArray(R"("liquidity":"-5")") << QString();
}

void TestActivityParser::gammaLiquidity() {
    QFETCH(QByteArray, fields);
    QFETCH(QString, liquidity);
    const QByteArray body = R"([{"conditionId":"0xabcd","question":"Q?",)" + fields +
                            R"(,"outcomes":"[\"Yes\", \"No\"]","outcomePrices":"[\"0.5\", \"0.5\"]",)"
                            R"("clobTokenIds":"[\"11\", \"22\"]"}])";
    const MarketsPage page = parseGammaMarkets(body);
    QVERIFY(!page.error);
    QVERIFY(page.rejects.isEmpty()); // a bad liquidity never costs the market
    QCOMPARE(page.markets.size(), 1);
    const Market &m = page.markets.constFirst();
    QCOMPARE(m.liquidityUsd ? m.liquidityUsd->toString() : QString(), liquidity);
}

QTEST_GUILESS_MAIN(TestActivityParser)
#include "tst_activityparser.moc"
