#include "models/domain/grade.h"
#include "models/domain/metrics.h"

#include <QDateTime>
#include <QTest>

#include <cmath>

using namespace longshot;
using namespace Qt::StringLiterals;

namespace {

Decimal d(const char *text) {
    const auto r = Decimal::parse(std::string_view(text));
    if (!r.ok() || r.rounded)
        QTest::qFail(text, __FILE__, __LINE__);
    return r.value;
}

qint64 at(int day, int hour, int minute = 0) { // January 2026, UTC
    return QDateTime(QDate(2026, 1, day), QTime(hour, minute), Qt::UTC).toMSecsSinceEpoch();
}

QString yesOf(const QString &cond) {
    return cond + u":yes"_s;
}
QString noOf(const QString &cond) {
    return cond + u":no"_s;
}
ActivityEvent buy(const QString &cond, const char *shares, const char *usdc, qint64 t, bool yes = true) {
    return ActivityEvent::trade(ActivityKind::Buy, cond, yes ? yesOf(cond) : noOf(cond), yes ? 0 : 1,
                                d(shares), d(usdc), t);
}
ActivityEvent sell(const QString &cond, const char *shares, const char *usdc, qint64 t, bool yes = true) {
    return ActivityEvent::trade(ActivityKind::Sell, cond, yes ? yesOf(cond) : noOf(cond), yes ? 0 : 1,
                                d(shares), d(usdc), t);
}
Market market(const QString &cond, const QString &category, std::optional<bool> yesWon = {},
              QDateTime end = {}) {
    Market m;
    m.marketId = cond;
    m.title = u"Market "_s + cond;
    m.category = category;
    m.endDate = end;
    Outcome yes{yesOf(cond), u"Yes"_s, 0, {}, {}};
    Outcome no{noOf(cond), u"No"_s, 1, {}, {}};
    if (yesWon) {
        yes.payout = Decimal::fromMicros(*yesWon ? Decimal::kOne : 0);
        no.payout = Decimal::fromMicros(*yesWon ? 0 : Decimal::kOne);
    }
    m.outcomes = {yes, no};
    return m;
}

// n markets, each bought for $5 and resolved: the first `wins` pay $10, the rest nothing.
std::pair<ActivityList, MarketList> record(int wins, int losses) {
    ActivityList events;
    MarketList markets;
    for (int i = 0; i < wins + losses; ++i) {
        const QString cond = u"m"_s + QString::number(i);
        events.append(buy(cond, "10", "5", at(1, 0) + i * 60'000));
        markets.append(market(cond, u"Politics"_s, i < wins));
    }
    return {events, markets};
}

WalletMetrics styled(qint64 trades, double perMarket) {
    WalletMetrics m;
    m.style.trades = trades;
    m.style.tradesPerMarket = perMarket;
    return m;
}

QStringList names(const QList<StrategyFeature> &features) {
    QStringList out;
    for (const StrategyFeature &f : features)
        out.append(f.name);
    return out;
}

} // namespace

class TestMetrics : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Three markets: the worked example (a zombie loser), a redeemed winner, one still open.
    void profileFigures() {
        const QString a = u"a"_s, b = u"b"_s, c = u"c"_s;
        const ActivityList events{
            buy(a, "100", "40", at(1, 10)),
            buy(a, "50", "30", at(1, 11)),
            buy(b, "100", "30", at(1, 14)),
            sell(a, "60", "42", at(2, 10)),
            ActivityEvent::redeem(b, d("100"), at(3, 9)),
            buy(c, "50", "25", at(3, 23, 30)),
        };
        const MarketList markets{
            market(a, u"Sports"_s, false, QDateTime(QDate(2026, 1, 4), QTime(12, 0), Qt::UTC)),
            market(b, u"Politics"_s), market(c, u"Crypto"_s)};
        const MarkBook marks{MarkKind::Midpoint, {{yesOf(c), d("0.6")}}};
        const WalletMetrics m = computeMetrics(events, markets, marks);

        QVERIFY(!m.overflow);
        QCOMPARE(m.markKind, MarkKind::Midpoint);
        QCOMPARE(m.realizedPreFee, d("42")); // -28 + 70
        QCOMPARE(m.unrealized, d("5"));
        QCOMPARE(m.totalPreFee, d("47"));
        QCOMPARE(m.totalPostFee, d("47"));
        QCOMPARE(m.volume, d("167"));
        QCOMPARE(m.buyVolume, d("125"));
        QCOMPARE(m.sellVolume, d("42"));
        QCOMPARE(m.roi.value(), 47.0 / 167.0);
        QCOMPARE(m.marketsTraded, 3);

        QCOMPARE(m.winRate.wins, 1);
        QCOMPARE(m.winRate.losses, 1); // the never-redeemed loser counts
        QCOMPARE(m.winRate.unresolved, 1);
        QCOMPARE(m.winRate.raw.value(), 0.5);
        QCOMPARE(m.winRate.shrunk, 11.0 / 22.0);
        QVERIFY(m.winRate.tooFewDecided);

        QCOMPARE(m.biggestWin->conditionId, b);
        QCOMPARE(m.biggestWin->realizedPreFee, d("70"));
        QCOMPARE(m.biggestLoss->conditionId, a);
        QCOMPARE(m.biggestLoss->realizedPreFee, d("-28"));
        QCOMPARE(m.biggestLoss->title, u"Market a"_s);
        QCOMPARE(m.profitFactor.value(), 2.5);

        // Day closes: Jan 1 0, Jan 2 +14, Jan 3 +84, Jan 4 +42 (resolution) + 5 marked.
        QCOMPARE(m.equity.size(), 4);
        QCOMPARE(m.equity.first().day, QDate(2026, 1, 1));
        QCOMPARE(m.equity.at(1).equity, d("14"));
        QCOMPARE(m.equity.at(2).equity, d("84"));
        QCOMPARE(m.equity.at(3).realizedPostFee, d("42"));
        QCOMPARE(m.equity.at(3).equity, d("47"));
        QCOMPARE(m.maxDrawdown, d("37"));
        QCOMPARE(m.profitableDayShare.value(), 2.0 / 3.0);
        const double changes[] = {0, 14, 70, -37};
        const double mean = 47.0 / 4;
        double var = 0;
        for (double x : changes)
            var += (x - mean) * (x - mean);
        QVERIFY(std::abs(m.sharpe.value() - mean / std::sqrt(var / 3) * std::sqrt(365.0)) < 1e-9);

        QCOMPARE(m.categories.size(), 3);
        QCOMPARE(m.categories.at(0).category, u"Sports"_s);
        QCOMPARE(m.categories.at(0).volume, d("112"));
        QCOMPARE(m.categories.at(0).losses, 1);
        QCOMPARE(m.categories.at(1).category, u"Politics"_s);
        QCOMPARE(m.categories.at(1).wins, 1);
        QCOMPARE(m.categories.at(2).realizedPreFee, Decimal());

        QCOMPARE(m.hours[10].trades, 2); // Jan 1 10:00 buy, Jan 2 10:00 sell
        QCOMPARE(m.hours[10].volume, d("82"));
        QCOMPARE(m.hours[23].trades, 1);
        QCOMPARE(m.hours[9].trades, 0); // a redemption is not a fill

        QCOMPARE(m.style.trades, 5);
        QCOMPARE(m.style.tradesPerMarket, 5.0 / 3.0);
        QCOMPARE(m.style.sellToBuy, 42.0 / 125.0);
        QCOMPARE(m.style.medianHoldMinutes.value(), 24.0 * 60);
        QCOMPARE(m.style.heldToResolutionShare, 190.0 / 300.0);
        QCOMPARE(m.style.sportsShare, 112.0 / 167.0);
        QCOMPARE(m.style.twoSidedShare, 0.0);
    }

    void winRateShrinkage_data() {
        QTest::addColumn<int>("wins");
        QTest::addColumn<int>("losses");
        QTest::addColumn<double>("shrunk");
        QTest::addColumn<bool>("tooFew");
        QTest::newRow("none") << 0 << 0 << 0.5 << true;
        QTest::newRow("one lucky win") << 1 << 0 << 11.0 / 21 << true;
        QTest::newRow("19 decided") << 15 << 4 << 25.0 / 39 << true;
        QTest::newRow("20 decided") << 15 << 5 << 25.0 / 40 << false;
        QTest::newRow("long losing record") << 10 << 30 << 20.0 / 60 << false;
    }
    void winRateShrinkage() {
        QFETCH(int, wins);
        QFETCH(int, losses);
        QFETCH(double, shrunk);
        QFETCH(bool, tooFew);
        const auto [events, markets] = record(wins, losses);
        const WalletMetrics m = computeMetrics(events, markets, {});
        QCOMPARE(m.winRate.wins, wins);
        QCOMPARE(m.winRate.losses, losses);
        QCOMPARE(m.winRate.unresolved, 0);
        QCOMPARE(m.winRate.shrunk, shrunk);
        QCOMPARE(m.winRate.tooFewDecided, tooFew);
        QCOMPARE(m.winRate.raw.has_value(), wins + losses > 0);
        if (m.winRate.raw)
            QCOMPARE(*m.winRate.raw, double(wins) / (wins + losses));
        QCOMPARE(m.profitFactorUnbounded, wins > 0 && losses == 0);
    }

    void pushAndUnmarked() {
        // 50/50 at cost: resolved at zero P&L is neither a win nor a loss.
        Market half = market(u"h"_s, {});
        half.outcomes[0].payout = d("0.5");
        half.outcomes[1].payout = d("0.5");
        const WalletMetrics m =
            computeMetrics({buy(u"h"_s, "10", "5", at(1, 1)), buy(u"o"_s, "10", "5", at(1, 2))}, {half}, {});
        QCOMPARE(m.winRate.pushes, 1);
        QCOMPARE(m.winRate.decided(), 0);
        QCOMPARE(m.winRate.unresolved, 1);
        QCOMPARE(m.unmarkedPositions, 1); // no mark for o: counted, not valued at zero
        QCOMPARE(m.unrealized, Decimal());
        QCOMPARE(m.categories.first().category, u"Uncategorized"_s);
    }

    void activityThatSettlesIsNotResolvedTwice() {
        // The market list says YES won, and the wallet redeemed: one settlement only.
        const WalletMetrics m = computeMetrics(
            {buy(u"r"_s, "10", "4", at(1, 1)), ActivityEvent::redeem(u"r"_s, d("10"), at(2, 1))},
            {market(u"r"_s, u"Sports"_s, true)}, {});
        QCOMPARE(m.realizedPreFee, d("6"));
        QCOMPARE(m.ledger.untrackedProceeds, Decimal());
        QCOMPARE(m.equity.size(), 2);
    }

    void grades_data() {
        QTest::addColumn<WalletMetrics>("metrics");
        QTest::addColumn<QString>("grade");
        QTest::addColumn<bool>("provisional");
        QTest::addColumn<int>("caps");

        WalletMetrics strong;
        strong.totalPostFee = d("250000");
        strong.volume = d("2000000");
        strong.roi = 0.125;
        strong.winRate.wins = 130;
        strong.winRate.losses = 60;
        strong.winRate.shrunk = 140.0 / 210;
        strong.sharpe = 3.5;
        strong.profitFactor = 2.5;
        strong.maxDrawdown = d("20000");
        strong.profitableDayShare = 0.7;
        strong.marketsTraded = 200;
        QTest::newRow("long strong record") << strong << u"S"_s << false << 0;

        WalletMetrics thin = strong;
        thin.winRate.wins = 4;
        thin.winRate.losses = 1;
        thin.winRate.shrunk = 14.0 / 25;
        QTest::newRow("same figures, five decided markets") << thin << u"C"_s << true << 0;

        WalletMetrics losing = strong;
        losing.totalPostFee = d("-5000");
        losing.roi = -0.0025;
        QTest::newRow("losing money is capped at D") << losing << u"D"_s << false << 1;

        WalletMetrics few = strong;
        few.marketsTraded = 3;
        few.volume = d("900");
        QTest::newRow("three markets under $1000 is capped at C") << few << u"C"_s << false << 2;

        QTest::newRow("nothing traded") << WalletMetrics{} << u"F"_s << true << 4;
    }
    void grades() {
        QFETCH(WalletMetrics, metrics);
        QFETCH(QString, grade);
        QFETCH(bool, provisional);
        QFETCH(int, caps);
        const TraderGrade g = gradeTrader(metrics);
        QCOMPARE(gradeName(g.grade), grade);
        QCOMPARE(g.provisional, provisional);
        QCOMPARE(g.caps.size(), caps);
        QCOMPARE(g.components.size(), 7);
        double weights = 0;
        for (const GradeComponent &c : g.components) {
            weights += c.weight;
            QVERIFY(c.normalized >= 0 && c.normalized <= 1);
        }
        QVERIFY(std::abs(weights - 1.0) < 1e-12);
        QVERIFY(g.score >= 0 && g.score <= 100);
    }

    void shrinkagePullsThinRecordsTowardThePrior() {
        WalletMetrics m;
        m.totalPostFee = d("50000");
        m.volume = d("400000");
        m.roi = 0.125;
        m.sharpe = 3;
        m.profitFactorUnbounded = true;
        m.profitableDayShare = 0.8;
        m.marketsTraded = 500;
        double previous = 0;
        for (int n : {0, 5, 20, 100, 400}) {
            m.winRate.wins = n;
            m.winRate.losses = 0;
            m.winRate.shrunk = (n + 10.0) / (n + 20.0);
            const TraderGrade g = gradeTrader(m);
            QVERIFY2(g.score > previous, qPrintable(QString::number(n)));
            QVERIFY(g.score <= g.rawScore); // a perfect record can only be pulled down
            QCOMPARE(g.evidence, n / (n + 20.0));
            previous = g.score;
        }
        QCOMPARE(gradeTrader(m).grade, Grade::S);
    }

    void strategies_data() {
        QTest::addColumn<WalletMetrics>("metrics");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QStringList>("decidedBy");

        QTest::newRow("too little activity")
            << styled(3, 1) << int(StrategyKind::Unclassified) << QStringList{u"trades + splits/merges"_s};
        WalletMetrics arb = styled(20, 2);
        arb.style.structuralEvents = 30;
        arb.style.structuralShare = 0.6;
        QTest::newRow("split/merge arbitrage")
            << arb << int(StrategyKind::Arbitrageur) << QStringList{u"split/merge/convert share"_s};
        WalletMetrics mm = styled(5000, 40);
        mm.style.twoSidedShare = 0.9;
        mm.style.sellToBuy = 0.95;
        mm.style.sportsShare = 0.9; // a sports market maker is a market maker
        QTest::newRow("market maker")
            << mm << int(StrategyKind::MarketMaker)
            << QStringList{u"two-sided market share"_s, u"fills per market"_s, u"sell/buy volume"_s};
        WalletMetrics scalp = styled(300, 6);
        scalp.style.sellToBuy = 0.9;
        scalp.style.medianHoldMinutes = 12;
        QTest::newRow("scalper") << scalp << int(StrategyKind::Scalper)
                                 << QStringList{u"fills per market"_s, u"sell/buy volume"_s,
                                                u"median hold (min)"_s};
        WalletMetrics neverSold = scalp;
        neverSold.style.medianHoldMinutes.reset();
        QTest::newRow("no hold time is not quick")
            << neverSold << int(StrategyKind::Directional) << QStringList{};
        WalletMetrics sports = styled(80, 2);
        sports.style.sportsShare = 0.75;
        QTest::newRow("sports bettor")
            << sports << int(StrategyKind::SportsBettor) << QStringList{u"sports volume share"_s};
        WalletMetrics longShot = styled(80, 2);
        longShot.style.longShotBuyShare = 0.7;
        longShot.style.heldToResolutionShare = 0.95;
        QTest::newRow("long-shot buyer")
            << longShot << int(StrategyKind::LongShotBuyer) << QStringList{u"buys at <= 20c share"_s};
        WalletMetrics favourite = styled(80, 2);
        favourite.style.favouriteBuyShare = 0.8;
        QTest::newRow("favourite buyer")
            << favourite << int(StrategyKind::FavouriteBuyer) << QStringList{u"buys at >= 80c share"_s};
        WalletMetrics holder = styled(80, 2);
        holder.style.heldToResolutionShare = 0.9;
        holder.style.sellToBuy = 0.05;
        QTest::newRow("holds to resolution")
            << holder << int(StrategyKind::HoldsToResolution)
            << QStringList{u"held to resolution share"_s, u"sell/buy volume"_s};
        WalletMetrics plain = styled(80, 2);
        plain.style.sellToBuy = 0.4;
        plain.style.heldToResolutionShare = 0.5;
        QTest::newRow("nothing stands out") << plain << int(StrategyKind::Directional) << QStringList{};
    }
    void strategies() {
        QFETCH(WalletMetrics, metrics);
        QFETCH(int, kind);
        QFETCH(QStringList, decidedBy);
        const StrategyClass s = classifyStrategy(metrics);
        QCOMPARE(strategyName(s.kind), strategyName(static_cast<StrategyKind>(kind)));
        QCOMPARE(names(s.decidedBy), decidedBy);
        for (const StrategyFeature &f : s.decidedBy)
            QCOMPARE(f.met(), kind != int(StrategyKind::Unclassified));
        QCOMPARE(s.features.size(), 12);
    }

    // From events through metrics to the class: a wallet buying 5-cent tickets across markets.
    void longShotWalletEndToEnd() {
        ActivityList events;
        MarketList markets;
        for (int i = 0; i < 12; ++i) {
            const QString cond = u"ls"_s + QString::number(i);
            events.append(buy(cond, "1000", "50", at(1 + i, 12)));
            markets.append(market(cond, u"Politics"_s, i == 3));
        }
        const WalletMetrics m = computeMetrics(events, markets, {});
        QCOMPARE(m.style.longShotBuyShare, 1.0);
        QCOMPARE(m.style.heldToResolutionShare, 1.0);
        QCOMPARE(m.winRate.wins, 1);
        QCOMPARE(m.winRate.losses, 11);
        QCOMPARE(m.realizedPreFee, d("400")); // 1000 - 12 x 50
        const StrategyClass s = classifyStrategy(m);
        QCOMPARE(s.kind, StrategyKind::LongShotBuyer);
        const TraderGrade g = gradeTrader(m);
        QVERIFY(g.provisional);
        QCOMPARE(g.caps.size(), 1); // volume under $1000
        QCOMPARE(g.grade, Grade::C);
    }
};

QTEST_APPLESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
