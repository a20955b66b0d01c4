#include "models/domain/ledger.h"

#include "tests/support/testdata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace longshot;
using namespace Qt::StringLiterals;

namespace {

// Exact literal; a typo in a test literal fails the running test rather than rounding.
Decimal d(const char *text) {
    const auto r = Decimal::parse(std::string_view(text));
    if (!r.ok() || r.rounded)
        QTest::qFail(text, __FILE__, __LINE__);
    return r.value;
}

const QString kCond = u"0xcond"_s;
const QString kYes = u"yes-token"_s;
const QString kNo = u"no-token"_s;

ActivityEvent buy(const QString &asset, int outcome, const char *shares, const char *usdc, qint64 t,
                  const char *fee = "0") {
    return ActivityEvent::trade(ActivityKind::Buy, kCond, asset, outcome, d(shares), d(usdc), t, d(fee));
}
ActivityEvent sell(const QString &asset, int outcome, const char *shares, const char *usdc, qint64 t,
                   const char *fee = "0") {
    return ActivityEvent::trade(ActivityKind::Sell, kCond, asset, outcome, d(shares), d(usdc), t, d(fee));
}
QList<ActivityLeg> binaryLegs() {
    return {ActivityLeg{kCond, kYes, 0, {}}, ActivityLeg{kCond, kNo, 1, {}}};
}
QList<ActivityLeg> payouts(const char *yes, const char *no) {
    return {ActivityLeg{kCond, kYes, 0, d(yes)}, ActivityLeg{kCond, kNo, 1, d(no)}};
}
ActivityLeg negRiskLeg(int question, bool yes) {
    const QString cond = u"0xq"_s + QString::number(question);
    return ActivityLeg{cond, cond + (yes ? u":yes"_s : u":no"_s), yes ? 0 : 1, {}};
}
ActivityEvent negRiskBuy(int question, bool yes, const char *shares, const char *usdc, qint64 t) {
    const ActivityLeg leg = negRiskLeg(question, yes);
    return ActivityEvent::trade(ActivityKind::Buy, leg.conditionId, leg.assetId, leg.outcomeIndex, d(shares),
                                d(usdc), t);
}

// Builds events from real /activity rows by hand (parsing belongs to net/): usdcSize is
// the cash, exactly as the row states it.
Decimal jsonDecimal(const QJsonValue &v) {
    const auto r = Decimal::parse(QString::number(v.toDouble(), 'g', 17));
    return r.value;
}
ActivityEvent fromActivityRow(const QJsonObject &row) {
    const QString type = row.value(u"type"_s).toString();
    const qint64 ms = static_cast<qint64>(row.value(u"timestamp"_s).toDouble()) * 1000;
    const int outcome = row.value(u"outcomeIndex"_s).toInt(-1);
    if (type == u"TRADE"_s) {
        const bool isBuy = row.value(u"side"_s).toString() == u"BUY"_s;
        return ActivityEvent::trade(isBuy ? ActivityKind::Buy : ActivityKind::Sell,
                                    row.value(u"conditionId"_s).toString(), row.value(u"asset"_s).toString(),
                                    outcome == 999 ? -1 : outcome, jsonDecimal(row.value(u"size"_s)),
                                    jsonDecimal(row.value(u"usdcSize"_s)), ms);
    }
    if (type == u"REDEEM"_s)
        return ActivityEvent::redeem(row.value(u"conditionId"_s).toString(),
                                     jsonDecimal(row.value(u"usdcSize"_s)), ms);
    return {};
}

} // namespace

struct Expect {
    Decimal realizedPreFee;
    Decimal realizedPostFee;
    Decimal yesShares;
    Decimal yesCostBasis;
    Decimal untrackedProceeds;
    Decimal unredeemedValue;
};
Q_DECLARE_METATYPE(Expect)

class TestLedger : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // market-analytics.md §4.7 worked example, to the micro-dollar.
    void workedExample() {
        Ledger l;
        QVERIFY(l.apply(buy(kYes, 0, "100", "40", 1000)));
        QVERIFY(l.apply(buy(kYes, 0, "50", "30", 2000)));
        const LedgerPosition *p = l.position(kYes);
        QVERIFY(p);
        QCOMPARE(p->shares, d("150"));
        QCOMPARE(p->averagePrice().value(), d("0.466667"));

        QVERIFY(l.apply(sell(kYes, 0, "60", "42", 3000)));
        QCOMPARE(l.totals().realizedPreFee, d("14"));
        QCOMPARE(p->shares, d("90"));
        QCOMPARE(p->costBasis, d("42"));
        QCOMPARE(p->averagePrice().value(), d("0.466667"));

        // Resolves NO and is never redeemed: the synthetic resolution realizes the loser.
        QVERIFY(l.apply(ActivityEvent::resolution(kCond, payouts("0", "1"), 4000)));
        QCOMPARE(p->realizedPnl, d("-28"));
        QCOMPARE(l.totals().realizedPreFee, d("-28"));
        QCOMPARE(l.totals().realizedPreFee.toFixed(2), u"-28.00"_s);
        QCOMPARE(p->status(), PositionStatus::ResolvedUnredeemed);
        QCOMPARE(p->sharesAtResolution, d("90"));
        QCOMPARE(p->unredeemedValue, Decimal());
        const LedgerValuation v = l.valuate(MarkBook{MarkKind::Midpoint, {{kYes, d("0.3")}}});
        QCOMPARE(v.unrealizedPnl, Decimal());
        QCOMPARE(v.positions.size(), 0);
        QCOMPARE(v.totalPreFee, d("-28"));
    }

    void eventTypes_data() {
        QTest::addColumn<ActivityList>("events");
        QTest::addColumn<Expect>("expect");

        QTest::newRow("buy raises quantity and basis by the USDC paid")
            << ActivityList{buy(kYes, 0, "78.947367", "63.947368", 1)}
            << Expect{{}, {}, d("78.947367"), d("63.947368"), {}, {}};
        QTest::newRow("sell all at a profit")
            << ActivityList{buy(kYes, 0, "100", "40", 1), sell(kYes, 0, "100", "55", 2)}
            << Expect{d("15"), d("15"), {}, {}, {}, {}};
        QTest::newRow("partial sell keeps the average")
            << ActivityList{buy(kYes, 0, "3", "1", 1), sell(kYes, 0, "1", "0.5", 2)}
            << Expect{d("0.166667"), d("0.166667"), d("2"), d("0.666667"), {}, {}};
        QTest::newRow("sell beyond the holding is clamped")
            << ActivityList{buy(kYes, 0, "10", "4", 1), sell(kYes, 0, "15", "9", 2)}
            << Expect{d("2"), d("2"), {}, {}, d("3"), {}};
        QTest::newRow("sell with nothing tracked is all untracked")
            << ActivityList{sell(kYes, 0, "15", "9", 2)} << Expect{{}, {}, {}, {}, d("9"), {}};
        QTest::newRow("split buys both legs at 0.50")
            << ActivityList{ActivityEvent::splitOrMerge(ActivityKind::Split, kCond, binaryLegs(), d("100"),
                                                        1)}
            << Expect{{}, {}, d("100"), d("50"), {}, {}};
        QTest::newRow("split of an odd micro gives the legs 1 and 0")
            << ActivityList{ActivityEvent::splitOrMerge(ActivityKind::Split, kCond, binaryLegs(),
                                                        d("0.000001"), 1)}
            << Expect{{}, {}, d("0.000001"), d("0.000001"), {}, {}};
        QTest::newRow("split rows without tokens use outcome indexes")
            << ActivityList{ActivityEvent::splitOrMerge(ActivityKind::Split, kCond, {}, d("10"), 1),
                            buy(kYes, 0, "10", "6", 2)}
            << Expect{{}, {}, d("20"), d("11"), {}, {}};
        QTest::newRow("merge sells both legs at 0.50")
            << ActivityList{buy(kYes, 0, "100", "30", 1), buy(kNo, 1, "100", "60", 2),
                            ActivityEvent::splitOrMerge(ActivityKind::Merge, kCond, binaryLegs(), d("100"),
                                                        3)}
            << Expect{d("10"), d("10"), {}, {}, {}, {}};
        QTest::newRow("redeem with payouts realizes at the payout")
            << ActivityList{buy(kYes, 0, "100", "30", 1),
                            ActivityEvent::redeem(kCond, d("100"), 2, payouts("1", "0"))}
            << Expect{d("70"), d("70"), {}, {}, {}, {}};
        QTest::newRow("redeem infers the winner from the USDC paid")
            << ActivityList{buy(kYes, 0, "100", "30", 1), ActivityEvent::redeem(kCond, d("100"), 2)}
            << Expect{d("70"), d("70"), {}, {}, {}, {}};
        QTest::newRow("redeem of a loser for nothing")
            << ActivityList{buy(kYes, 0, "100", "30", 1), ActivityEvent::redeem(kCond, d("0"), 2)}
            << Expect{d("-30"), d("-30"), {}, {}, {}, {}};
        QTest::newRow("redeem beyond the tracked winners is untracked")
            << ActivityList{buy(kYes, 0, "100", "30", 1), ActivityEvent::redeem(kCond, d("150"), 2)}
            << Expect{d("70"), d("70"), {}, {}, d("50"), {}};
        QTest::newRow("50/50 resolution pays 0.5 on both legs")
            << ActivityList{buy(kYes, 0, "100", "30", 1), buy(kNo, 1, "50", "40", 2),
                            ActivityEvent::resolution(kCond, payouts("0.5", "0.5"), 3)}
            << Expect{d("5"), d("5"), {}, {}, {}, d("75")};
        QTest::newRow("50/50 inferred from a redemption")
            << ActivityList{buy(kYes, 0, "100", "30", 1), buy(kNo, 1, "50", "40", 2),
                            ActivityEvent::redeem(kCond, d("75"), 3)}
            << Expect{d("5"), d("5"), {}, {}, {}, {}};
        QTest::newRow("zombie loser is realized at resolution")
            << ActivityList{buy(kNo, 1, "100", "80", 1),
                            ActivityEvent::resolution(kCond, payouts("1", "0"), 2)}
            << Expect{d("-80"), d("-80"), {}, {}, {}, {}};
        QTest::newRow("redemption after resolution is cash, not P&L")
            << ActivityList{buy(kYes, 0, "100", "30", 1),
                            ActivityEvent::resolution(kCond, payouts("1", "0"), 2),
                            ActivityEvent::redeem(kCond, d("100"), 3)}
            << Expect{d("70"), d("70"), {}, {}, {}, {}};
        QTest::newRow("winner not yet redeemed stays a cash item")
            << ActivityList{buy(kYes, 0, "100", "30", 1),
                            ActivityEvent::resolution(kCond, payouts("1", "0"), 2)}
            << Expect{d("70"), d("70"), {}, {}, {}, d("100")};
        QTest::newRow("a buy after resolution is realized at once")
            << ActivityList{ActivityEvent::resolution(kCond, payouts("1", "0"), 1),
                            buy(kYes, 0, "10", "9", 2)}
            << Expect{d("1"), d("1"), {}, {}, {}, d("10")};
        QTest::newRow("fees: pre-fee excludes them, post-fee keeps them")
            << ActivityList{buy(kYes, 0, "100", "50.5", 1, "0.5"), sell(kYes, 0, "100", "59.4", 2, "0.6")}
            << Expect{d("10"), d("8.9"), {}, {}, {}, {}};
        QTest::newRow("fee on an open position") << ActivityList{buy(kYes, 0, "100", "50.5", 1, "0.5")}
                                                 << Expect{{}, d("-0.5"), d("100"), d("50"), {}, {}};
        QTest::newRow("rebates and rewards add to post-fee only")
            << ActivityList{ActivityEvent::cash(ActivityKind::Rebate, d("0.25"), 1),
                            ActivityEvent::cash(ActivityKind::Reward, d("2"), 2),
                            ActivityEvent::cash(ActivityKind::Fee, d("0.05"), 3)}
            << Expect{{}, d("2.2"), {}, {}, {}, {}};
        QTest::newRow("malformed rows are ignored")
            << ActivityList{buy(kYes, 0, "0", "5", 1), buy(kYes, 0, "5", "-1", 2),
                            buy(kYes, 0, "5", "1", 3, "2")}
            << Expect{{}, {}, {}, {}, {}, {}};
    }
    void eventTypes() {
        QFETCH(ActivityList, events);
        QFETCH(Expect, expect);
        const Ledger l = Ledger::replay(events);
        QVERIFY(!l.hasError());
        const LedgerTotals &t = l.totals();
        QCOMPARE(t.realizedPreFee, expect.realizedPreFee);
        QCOMPARE(t.realizedPostFee, expect.realizedPostFee);
        const LedgerPosition *yes = l.position(kYes);
        if (!yes) // split rows without token ids create the outcome-0 leg under a synthetic id
            yes = l.position(kCond + u"#0"_s);
        QCOMPARE(yes ? yes->shares : Decimal(), expect.yesShares);
        QCOMPARE(yes ? yes->costBasis : Decimal(), expect.yesCostBasis);
        QCOMPARE(t.untrackedProceeds, expect.untrackedProceeds);
        QCOMPARE(t.unredeemedValue, expect.unredeemedValue);
        for (const LedgerPosition &p : l.positions())
            QVERIFY2(!p.shares.isNegative(), qPrintable(p.assetId));
    }

    void clampCountsUntrackedShares() {
        const Ledger l = Ledger::replay({buy(kYes, 0, "10", "4", 1), sell(kYes, 0, "15", "9", 2)});
        QCOMPARE(l.totals().untrackedShares, d("5"));
        QCOMPARE(l.position(kYes)->untrackedShares, d("5"));
        QCOMPARE(l.position(kYes)->soldShares, d("10"));
        QCOMPARE(l.position(kYes)->soldProceeds, d("6"));
        QCOMPARE(l.position(kYes)->status(), PositionStatus::Closed);
    }

    void inferredPayoutIsCounted() {
        const Ledger l =
            Ledger::replay({buy(kYes, 0, "100", "30", 1), ActivityEvent::redeem(kCond, d("100"), 2)});
        QCOMPARE(l.totals().inferredPayouts, 1);
        QCOMPARE(l.position(kYes)->payout.value(), d("1"));
        QCOMPARE(l.position(kYes)->status(), PositionStatus::Redeemed);
        QVERIFY(l.isResolved(kCond));
    }

    void resolutionWithoutMatchingLegLeavesPositionOpen() {
        const Ledger l = Ledger::replay(
            {buy(kYes, 0, "10", "4", 1),
             ActivityEvent::resolution(kCond, {ActivityLeg{kCond, u"other"_s, 3, d("1")}}, 2)});
        QCOMPARE(l.totals().unmatchedLegs, 1);
        QCOMPARE(l.position(kYes)->status(), PositionStatus::Open);
        QCOMPARE(l.totals().realizedPreFee, Decimal());
    }

    // Neg-risk conversion by the subgraph formula: yesPrice = (noPrice*k - (k-1)) / (n - k).
    void negRiskConvert() {
        Ledger l;
        QVERIFY(l.apply(negRiskBuy(0, false, "100", "90", 1)));
        QVERIFY(l.apply(negRiskBuy(1, false, "100", "80", 2)));
        QVERIFY(l.apply(ActivityEvent::convert({negRiskLeg(0, false), negRiskLeg(1, false)},
                                               {negRiskLeg(2, true)}, d("100"), 3)));
        // noPrice = (0.90 + 0.80) / 2 = 0.85; yesPrice = (0.85*2 - 1) / (3 - 2) = 0.70
        const LedgerPosition *yes = l.position(negRiskLeg(2, true).assetId);
        QVERIFY(yes);
        QCOMPARE(yes->shares, d("100"));
        QCOMPARE(yes->averagePrice().value(), d("0.7"));
        QCOMPARE(l.totals().realizedPreFee, Decimal()); // P&L-neutral
        QCOMPARE(l.totals().convertUsdc, d("100"));
        QCOMPARE(l.position(negRiskLeg(0, false).assetId)->shares, Decimal());

        // Two YES legs received: (0.85*2 - 1) / 2 = 0.35 each.
        Ledger wide;
        QVERIFY(wide.apply(negRiskBuy(0, false, "10", "9", 1)));
        QVERIFY(wide.apply(negRiskBuy(1, false, "10", "8", 2)));
        QVERIFY(wide.apply(ActivityEvent::convert({negRiskLeg(0, false), negRiskLeg(1, false)},
                                                  {negRiskLeg(2, true), negRiskLeg(3, true)}, d("10"), 3)));
        QCOMPARE(wide.position(negRiskLeg(2, true).assetId)->costBasis, d("3.5"));
        QCOMPARE(wide.position(negRiskLeg(3, true).assetId)->costBasis, d("3.5"));
    }

    void negRiskConvertEveryQuestionRealizesTheCollateral() {
        const Ledger l = Ledger::replay(
            {negRiskBuy(0, false, "100", "90", 1), negRiskBuy(1, false, "100", "20", 2),
             ActivityEvent::convert({negRiskLeg(0, false), negRiskLeg(1, false)}, {}, d("100"), 3)});
        QCOMPARE(l.totals().realizedPreFee, d("-10"));
        QCOMPARE(l.totals().convertUsdc, d("100"));
    }

    void negRiskConvertOfUntrackedNoAssumesItsAverage() {
        // 50 NO tracked at 0.9; 100 converted: the other 50 are assumed at the same 0.9.
        const Ledger l =
            Ledger::replay({negRiskBuy(0, false, "50", "45", 1), negRiskBuy(1, false, "100", "80", 2),
                            ActivityEvent::convert({negRiskLeg(0, false), negRiskLeg(1, false)},
                                                   {negRiskLeg(2, true)}, d("100"), 3)});
        QCOMPARE(l.totals().untrackedCost, d("45"));
        QCOMPARE(l.totals().untrackedShares, d("50"));
        QCOMPARE(l.position(negRiskLeg(2, true).assetId)->costBasis, d("70")); // 45 + 45 + 80 - 100
    }

    void marks_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("mark");
        QTest::addColumn<QString>("unrealized");
        QTest::newRow("midpoint") << int(MarkKind::Midpoint) << u"0.55"_s << u"15"_s;
        QTest::newRow("last trade") << int(MarkKind::LastTrade) << u"0.61"_s << u"21"_s;
        QTest::newRow("best bid") << int(MarkKind::BestBid) << u"0.5"_s << u"10"_s;
        QTest::newRow("below cost") << int(MarkKind::BestBid) << u"0.123457"_s << u"-27.6543"_s;
    }
    void marks() {
        QFETCH(int, kind);
        QFETCH(QString, mark);
        QFETCH(QString, unrealized);
        const Ledger l = Ledger::replay({buy(kYes, 0, "100", "40", 1), buy(kNo, 1, "10", "5", 2)});
        MarkBook book{static_cast<MarkKind>(kind), {{kYes, Decimal::parse(mark).value}}};
        const LedgerValuation v = l.valuate(book);
        QCOMPARE(v.markKind, static_cast<MarkKind>(kind));
        QCOMPARE(v.unrealizedPnl, Decimal::parse(unrealized).value);
        QCOMPARE(v.markedPositions, 1);
        QCOMPARE(v.unmarkedPositions, 1); // the NO leg has no mark: counted, not zeroed
        QCOMPARE(v.unmarkedCostBasis, d("5"));
        QCOMPARE(v.openCostBasis, d("45"));
        QCOMPARE(v.positions.size(), 2);
        QVERIFY(!v.positions.at(1).unrealizedPnl.has_value());
        QCOMPARE(v.totalPreFee, Decimal::parse(unrealized).value);
        QCOMPARE(markKindName(MarkKind::BestBid), u"best bid (liquidation)"_s);
    }

    void overflowFreezesTheLedger() {
        Ledger l;
        const Decimal huge = Decimal::fromMicros(std::numeric_limits<qint64>::max() - 10);
        QVERIFY(l.apply(ActivityEvent::trade(ActivityKind::Buy, kCond, kYes, 0, d("1"), huge, 1)));
        QVERIFY(!l.apply(ActivityEvent::trade(ActivityKind::Buy, kCond, kYes, 0, d("1"), huge, 2)));
        QVERIFY(l.hasError());
        QCOMPARE(l.error(), LedgerErrorKind::Overflow);
        QCOMPARE(l.errorEventIndex(), 1);
        QVERIFY(!l.apply(buy(kNo, 1, "1", "1", 3)));
        QCOMPARE(l.totals().events, 1);
    }

    void replayOrdersByTimeAndAcquisitionsFirst() {
        // Same timestamp: the buy must come before the sell or the sell would be clamped.
        const Ledger l = Ledger::replay(
            {sell(kYes, 0, "10", "7", 5), buy(kYes, 0, "10", "4", 5), buy(kNo, 1, "1", "1", 1)});
        QCOMPARE(l.totals().realizedPreFee, d("3"));
        QCOMPARE(l.totals().untrackedProceeds, Decimal());
        QCOMPARE(l.totals().outOfOrderEvents, 0);

        Ledger live;
        QVERIFY(live.apply(buy(kYes, 0, "1", "1", 10)));
        QVERIFY(live.apply(buy(kYes, 0, "1", "1", 5)));
        QCOMPARE(live.totals().outOfOrderEvents, 1);
    }

    // Real rows: cost basis is usdcSize, not the row's float price times size.
    void fixtureActivityRows() {
        const QJsonArray rows =
            QJsonDocument::fromJson(test::readData(u"polymarket/data_api_activity_records_notebook.json"_s))
                .array();
        QCOMPARE(rows.size(), 3);
        const ActivityEvent nuggets = fromActivityRow(rows.at(1).toObject());
        QCOMPARE(nuggets.kind, ActivityKind::Buy);
        QCOMPARE(nuggets.usdc, d("63.947368"));
        Ledger l;
        QVERIFY(l.apply(nuggets));
        const LedgerPosition *p = l.position(nuggets.assetId);
        QVERIFY(p);
        QCOMPARE(p->costBasis, d("63.947368"));
        QCOMPARE(p->shares, d("78.947367"));
        QCOMPARE(p->averagePrice().value(), d("0.81")); // 0.8100000092466668 in the row
        QCOMPARE(p->outcomeIndex, 0);

        // The REDEEM row names no token; with 1665.48021 winning shares tracked it pays $1 each.
        const ActivityEvent redeem = fromActivityRow(rows.at(2).toObject());
        QCOMPARE(redeem.kind, ActivityKind::Redeem);
        Ledger w;
        QVERIFY(w.apply(ActivityEvent::trade(ActivityKind::Buy, redeem.conditionId, u"over"_s, 0,
                                             d("1665.48021"), d("1000"), redeem.timestampMs - 1000)));
        QVERIFY(w.apply(ActivityEvent::trade(ActivityKind::Buy, redeem.conditionId, u"under"_s, 1, d("200"),
                                             d("20"), redeem.timestampMs - 900)));
        QVERIFY(w.apply(redeem));
        QCOMPARE(w.position(u"over"_s)->payout.value(), d("1"));
        QCOMPARE(w.position(u"under"_s)->payout.value(), Decimal());
        QCOMPARE(w.totals().realizedPreFee, d("645.48021")); // 665.48021 - 20
        QCOMPARE(w.totals().untrackedProceeds, Decimal());
    }

    // /closed-positions row: avgPrice 0.35, totalBought 897.133, resolved to $1 -> 583.1364 shown.
    void fixtureClosedPositionMatchesPolymarket() {
        const QJsonArray rows =
            QJsonDocument::fromJson(
                test::readData(u"polymarket/data_api_closed_positions_whalescan_trimmed.json"_s))
                .array();
        const QJsonObject row = rows.at(0).toObject();
        const Decimal bought = jsonDecimal(row.value(u"totalBought"_s));
        const Decimal avg = jsonDecimal(row.value(u"avgPrice"_s));
        const QString cond = row.value(u"conditionId"_s).toString();
        const QString asset = row.value(u"asset"_s).toString();
        Ledger l;
        QVERIFY(
            l.apply(ActivityEvent::trade(ActivityKind::Buy, cond, asset, row.value(u"outcomeIndex"_s).toInt(),
                                         bought, bought.checkedMul(avg).value(), 1)));
        QVERIFY(l.apply(ActivityEvent::resolution(
            cond, {ActivityLeg{cond, asset, -1, jsonDecimal(row.value(u"curPrice"_s))}}, 2)));
        QCOMPARE(l.totals().realizedPreFee.toFixed(4),
                 QString::number(row.value(u"realizedPnl"_s).toDouble(), 'f', 4));
    }
};

QTEST_APPLESS_MAIN(TestLedger)
#include "tst_ledger.moc"
