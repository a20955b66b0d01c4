#include "models/alertsmodel.h"
#include "models/moneyformat.h"
#include "models/watchlistmodel.h"

#include "tests/models/tradefactory.h"
#include "tests/support/modeltester.h"

#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace longshot;
using namespace longshot::test;
using namespace Qt::StringLiterals;
using Kind = WatchlistModel::Kind;
using Column = WatchlistModel::Column;

namespace {

constexpr qint64 kDay = 24LL * 3600 * 1000;
constexpr qint64 kMidnight = 1'790'208'000'000; // 2026-09-24T00:00:00Z
const QString kWallet = u"0xa71093cafc0c099b4ccab24c3cb8018d817923c4"_s;
const QString kMarket = u"0xa69826a08aefbfb213677dc6c9e1203c53aef78aaf43a3728bce502b4e37d6ee"_s;

} // namespace

class TstWatchlistModel final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void follow_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("wallet, mixed case")
            << int(Kind::Wallet) << u"0xA71093CAFC0C099B4CCAB24C3CB8018D817923C4"_s << true;
        QTest::newRow("not a wallet") << int(Kind::Wallet) << u"0x123"_s << false;
        QTest::newRow("market") << int(Kind::Market) << kMarket << true;
        QTest::newRow("empty market") << int(Kind::Market) << u"  "_s << false;
    }
    void follow() {
        QFETCH(int, kind);
        QFETCH(QString, id);
        QFETCH(bool, accepted);
        WatchlistModel model;
        auto tester = attachModelTester(&model);
        QSignalSpy changed(&model, &WatchlistModel::listChanged);
        QCOMPARE(model.follow(Kind(kind), id), accepted);
        QCOMPARE(model.rowCount(), accepted ? 1 : 0);
        QCOMPARE(changed.size(), accepted ? 1 : 0);
        if (accepted) {
            QVERIFY(model.isFollowed(Kind(kind), id));
            QVERIFY(!model.follow(Kind(kind), id)); // once
            QVERIFY(model.unfollow(Kind(kind), id));
            QCOMPARE(model.rowCount(), 0);
        }
    }

    void liveFigures() {
        WatchlistModel model;
        auto tester = attachModelTester(&model);
        model.follow(Kind::Wallet, kWallet);
        model.follow(Kind::Market, kMarket, u"Reds vs. Braves"_s);
        const qint64 now = kMidnight + 15 * 3600 * 1000;
        // Yesterday's trade counts as last trade only until today's arrive, never in today's volume.
        QVERIFY(model.observe(polyTrade(1, kMidnight - 1000, "0.5", "100"), now));
        QCOMPARE(model.entryAt(0).volumeToday, Decimal());
        QCOMPARE(model.entryAt(0).tradesToday, 0);
        QVERIFY(model.observe(polyTrade(2, kMidnight + 1000, "0.123457", "8643.000001"), now));
        QVERIFY(model.observe(polyTrade(3, kMidnight + 2000, "0.5", "10", Side::Sell), now));
        for (int row = 0; row < 2; ++row) {
            QCOMPARE(model.entryAt(row).tradesToday, 2);
            QCOMPARE(model.entryAt(row).volumeToday, dec("1072.038851")); // 1067.038851 + 5, exact
            QCOMPARE(model.entryAt(row).lastSide, Side::Sell);
            QCOMPARE(model.entryAt(row).lastPrice, dec("0.5"));
        }
        QCOMPARE(model.entryAt(0).label, u"Talvez10"_s); // filled from the feed when empty
        QCOMPARE(model.entryAt(1).label, u"Reds vs. Braves"_s);
        QCOMPARE(model.data(model.index(0, int(Column::VolumeToday))).toString(),
                 formatUsdOf(dec("1072.038851")));
        // A new UTC day starts from zero.
        QVERIFY(model.observe(polyTrade(4, kMidnight + kDay + 5, "0.5", "2"), now + kDay));
        QCOMPARE(model.entryAt(0).tradesToday, 1);
        QCOMPARE(model.entryAt(0).volumeToday, dec("1"));
        // Someone else's trade elsewhere changes nothing.
        Trade other = kalshiTrade(5, kMidnight + kDay + 10);
        QVERIFY(!model.observe(other, now + kDay));
    }

    void notesEditAndJson() {
        WatchlistModel model;
        auto tester = attachModelTester(&model);
        model.follow(Kind::Wallet, kWallet, u"Whale"_s);
        model.follow(Kind::Market, kMarket);
        QSignalSpy changed(&model, &WatchlistModel::listChanged);
        QVERIFY(model.setData(model.index(0, int(Column::Note)), u"bought early, =sold?"_s));
        QVERIFY(!model.setData(model.index(0, int(Column::Kind)), u"x"_s));
        QCOMPARE(changed.size(), 1);
        QVERIFY(model.flags(model.index(0, int(Column::Note))).testFlag(Qt::ItemIsEditable));
        QVERIFY(!model.flags(model.index(0, int(Column::VolumeToday))).testFlag(Qt::ItemIsEditable));

        WatchlistModel copy;
        auto tester2 = attachModelTester(&copy);
        QJsonArray json = model.toJson();
        json.append(QJsonObject{{u"kind"_s, u"wallet"_s}, {u"id"_s, u"bad"_s}}); // skipped
        json.append(QJsonObject{{u"kind"_s, u"robot"_s}, {u"id"_s, kMarket}});   // skipped
        copy.fromJson(json);
        QCOMPARE(copy.rowCount(), 2);
        QCOMPARE(copy.entryAt(0).note, u"bought early, =sold?"_s);
        QCOMPARE(copy.entryAt(0).label, u"Whale"_s);
        QCOMPARE(copy.toJson(), model.toJson());
    }

    void alertsNewestFirstAndCapped() {
        AlertsModel model;
        auto tester = attachModelTester(&model);
        model.setCapacity(3);
        QList<FiredAlert> alerts;
        for (int i = 0; i < 4; ++i) {
            FiredAlert a;
            a.ruleId = u"r"_s;
            a.ruleName = u"Rule %1"_s.arg(i);
            a.trade = polyTrade(i, kMidnight + i);
            a.firedMs = kMidnight + i;
            a.reasons = {u"reason %1"_s.arg(i)};
            a.actions = i == 3 ? AlertActions(AlertAction::Highlight) : AlertActions();
            alerts << a;
        }
        model.addAlerts(alerts.mid(0, 2));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.alertAt(0).ruleName, u"Rule 1"_s);
        model.addAlerts(alerts.mid(2));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.alertAt(0).ruleName, u"Rule 3"_s);
        QCOMPARE(model.alertAt(2).ruleName, u"Rule 1"_s);
        QVERIFY(model.data(model.index(0, 0), AlertsModel::HighlightRole).toBool());
        QVERIFY(!model.data(model.index(1, 0), AlertsModel::HighlightRole).toBool());
        QCOMPARE(model.data(model.index(0, int(AlertsModel::Column::Reasons))).toString(), u"reason 3"_s);
        model.setAlerts(alerts);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.alertAt(0).ruleName, u"Rule 3"_s);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void explainListsFlags() {
        FiredAlert a;
        a.reasons = {u"$10000.00 ≥ $5000.00"_s};
        a.flags = {InsiderSignal{InsiderFlag::FewMarkets, true, u"1 markets traded (limit 3)"_s}};
        QCOMPARE(AlertsModel::explain(a), u"$10000.00 ≥ $5000.00\nFew markets: 1 markets traded (limit 3)"_s);
    }

private:
    static QString formatUsdOf(Decimal d) { return formatUsd(d, 0); }
};

QTEST_MAIN(TstWatchlistModel)
#include "tst_watchlistmodel.moc"
