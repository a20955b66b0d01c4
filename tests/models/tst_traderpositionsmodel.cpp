#include "models/pnlstyle.h"
#include "models/traderpositionsmodel.h"

#include "tests/support/modeltester.h"

#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

#include <limits>

using namespace longshot;
using namespace longshot::test;
using namespace Qt::StringLiterals;
using Kind = TraderPositionsModel::Kind;
using Field = TraderPositionsModel::Field;

Q_DECLARE_METATYPE(TraderPositionsModel::Kind)
Q_DECLARE_METATYPE(TraderPositionsModel::Field)

namespace {

constexpr qint64 kMissing = std::numeric_limits<qint64>::min();
constexpr qint64 kT0 = 1'790'262'855'000; // 2026-09-24 15:14:15 UTC

Decimal usd(const char *text) {
    return Decimal::parse(std::string_view(text)).value;
}

// Marked open position: 1,500.5 shares at 42¢, marked at 61.5¢.
ProfilePosition btcYes() {
    ProfilePosition p;
    p.assetId = u"asset-btc-yes"_s;
    p.conditionId = u"0xc0de01"_s;
    p.marketTitle = u"Will BTC hit $100k?"_s;
    p.outcome = u"Yes"_s;
    p.category = u"Crypto"_s;
    p.shares = usd("1500.5");
    p.averagePrice = usd("0.42");
    p.mark = usd("0.615");
    p.value = usd("922.8075");
    p.costBasis = usd("630.21");
    p.unrealized = usd("292.5975");
    p.lastEventMs = kT0;
    return p;
}

// Open but no stored mark: value and unrealized are unknown, not zero. No title, no outcome.
ProfilePosition unmarked() {
    ProfilePosition p;
    p.assetId = u"asset-unmarked"_s;
    p.conditionId = u"0xc0de02"_s;
    p.shares = usd("10");
    p.averagePrice = usd("0.5");
    p.costBasis = usd("5");
    return p;
}

// Open and losing.
ProfilePosition electionNo() {
    ProfilePosition p;
    p.assetId = u"asset-election-no"_s;
    p.conditionId = u"0xc0de03"_s;
    p.marketTitle = u"election winner"_s;
    p.outcome = u"No"_s;
    p.shares = usd("200");
    p.averagePrice = usd("0.3");
    p.mark = usd("0.2");
    p.value = usd("40");
    p.costBasis = usd("60");
    p.unrealized = usd("-20");
    return p;
}

// Sold before resolution at a loss.
ProfilePosition sold() {
    ProfilePosition p;
    p.assetId = u"asset-sold"_s;
    p.conditionId = u"0xc0de04"_s;
    p.marketTitle = u"Fed cuts in March?"_s;
    p.outcome = u"Yes"_s;
    p.status = PositionStatus::Closed;
    p.averagePrice = usd("0.3");
    p.realizedPnl = usd("-15.25");
    p.fees = usd("0.1");
    p.boughtShares = usd("200");
    p.boughtCost = usd("60");
    p.soldShares = usd("200");
    p.soldProceeds = usd("44.75");
    p.lastEventMs = kT0;
    return p;
}

// Resolved a winner, shares still held.
ProfilePosition resolvedHeld() {
    ProfilePosition p;
    p.assetId = u"asset-resolved"_s;
    p.conditionId = u"0xc0de05"_s;
    p.marketTitle = u"Rain in London?"_s;
    p.outcome = u"No"_s;
    p.status = PositionStatus::ResolvedUnredeemed;
    p.shares = usd("100");
    p.averagePrice = usd("0.3");
    p.mark = usd("1");
    p.realizedPnl = usd("70");
    p.boughtShares = usd("100");
    p.boughtCost = usd("30");
    p.lastEventMs = kT0 - 86'400'000;
    return p;
}

} // namespace

class TestTraderPositionsModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void columnsPerKind() {
        TraderPositionsModel open(Kind::Open);
        TraderPositionsModel closed(Kind::Closed);
        QCOMPARE(open.columnCount(), 7);
        QCOMPARE(closed.columnCount(), 8);
        QCOMPARE(open.columnOf(Field::Status), -1);
        QCOMPARE(open.columnOf(Field::Unrealized), 6);
        QCOMPARE(closed.columnOf(Field::Value), -1);
        QCOMPARE(closed.columnOf(Field::Realized), 6);
        QCOMPARE(open.headerData(open.columnOf(Field::Shares), Qt::Horizontal).toString(), u"Shares"_s);
        QCOMPARE(closed.headerData(closed.columnOf(Field::Shares), Qt::Horizontal).toString(), u"Bought"_s);
        QCOMPARE(closed.headerData(closed.columnOf(Field::Mark), Qt::Horizontal).toString(), u"Payout"_s);
        // Every column of both tables says how its figure is computed; the mark means a different
        // thing on each.
        for (const TraderPositionsModel *m : {&open, &closed}) {
            for (int c = 0; c < m->columnCount(); ++c)
                QVERIFY(!m->headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
        }
        QVERIFY(open.headerData(open.columnOf(Field::Mark), Qt::Horizontal, Qt::ToolTipRole) !=
                closed.headerData(closed.columnOf(Field::Mark), Qt::Horizontal, Qt::ToolTipRole));
    }

    void cells_data() {
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<int>("row");
        QTest::addColumn<Field>("field");
        QTest::addColumn<int>("role");
        QTest::addColumn<QVariant>("expected");
        const int display = Qt::DisplayRole;
        const int fg = Qt::ForegroundRole;
        const int sort = TraderPositionsModel::SortRole;
        auto open = [](const char *name, int row, Field f, int role, const QVariant &expected) {
            QTest::newRow(name) << Kind::Open << row << f << role << expected;
        };
        auto closed = [](const char *name, int row, Field f, int role, const QVariant &expected) {
            QTest::newRow(name) << Kind::Closed << row << f << role << expected;
        };
        // Open rows: btcYes (0), unmarked (1), electionNo (2).
        open("btc market", 0, Field::Market, display, u"Will BTC hit $100k?"_s);
        open("btc outcome", 0, Field::Outcome, display, u"Yes"_s);
        open("btc shares", 0, Field::Shares, display, u"1,500.5"_s);
        open("btc avg cost", 0, Field::AverageCost, display, u"42.0¢"_s);
        open("btc mark", 0, Field::Mark, display, u"61.5¢"_s);
        open("btc value", 0, Field::Value, display, u"$922.81"_s);
        open("btc unrealized", 0, Field::Unrealized, display, u"+$292.60"_s);
        open("btc unrealized colour", 0, Field::Unrealized, fg, gainColor());
        open("btc mark uncoloured", 0, Field::Mark, fg, QVariant());
        open("btc shares sort", 0, Field::Shares, sort, qint64(1'500'500'000));
        open("btc value sort", 0, Field::Value, sort, qint64(922'807'500));
        open("btc unrealized sort", 0, Field::Unrealized, sort, qint64(292'597'500));
        open("btc condition", 0, Field::Market, TraderPositionsModel::ConditionIdRole, u"0xc0de01"_s);
        open("unmarked market falls back to condition", 1, Field::Market, display, u"0xc0de02"_s);
        open("unmarked outcome", 1, Field::Outcome, display, u"—"_s);
        open("unmarked mark", 1, Field::Mark, display, u"no mark"_s);
        open("unmarked value", 1, Field::Value, display, u"no mark"_s);
        open("unmarked unrealized", 1, Field::Unrealized, display, u"no mark"_s);
        open("unmarked mark colour", 1, Field::Mark, fg, cautionColor());
        open("unmarked value colour", 1, Field::Value, fg, cautionColor());
        open("unmarked unrealized colour", 1, Field::Unrealized, fg, cautionColor());
        open("unmarked value sort", 1, Field::Value, sort, kMissing);
        open("unmarked unrealized sort", 1, Field::Unrealized, sort, kMissing);
        open("election unrealized", 2, Field::Unrealized, display, u"-$20.00"_s);
        open("election unrealized colour", 2, Field::Unrealized, fg, lossColor());
        open("election market sort folded", 2, Field::Market, sort, u"election winner"_s);
        // Closed rows: sold (0), resolvedHeld (1).
        closed("sold status", 0, Field::Status, display, u"Sold"_s);
        closed("sold bought", 0, Field::Shares, display, u"200"_s);
        closed("sold avg buy", 0, Field::AverageCost, display, u"30.0¢"_s);
        closed("sold no payout", 0, Field::Mark, display, u"—"_s);
        closed("sold realized", 0, Field::Realized, display, u"-$15.25"_s);
        closed("sold realized colour", 0, Field::Realized, fg, lossColor());
        closed("sold last", 0, Field::Last, display, u"2026-09-24"_s);
        closed("sold realized sort", 0, Field::Realized, sort, qint64(-15'250'000));
        closed("sold no payout uncoloured", 0, Field::Mark, fg, QVariant());
        closed("resolved status", 1, Field::Status, display, u"Resolved, held"_s);
        closed("resolved payout", 1, Field::Mark, display, u"100.0¢"_s);
        closed("resolved realized", 1, Field::Realized, display, u"+$70.00"_s);
        closed("resolved realized colour", 1, Field::Realized, fg, gainColor());
        closed("resolved last", 1, Field::Last, display, u"2026-09-23"_s);
        closed("resolved status sort", 1, Field::Status, sort, int(PositionStatus::ResolvedUnredeemed));
    }
    void cells() {
        QFETCH(Kind, kind);
        QFETCH(int, row);
        QFETCH(Field, field);
        QFETCH(int, role);
        QFETCH(QVariant, expected);
        TraderPositionsModel model(kind);
        auto tester = attachModelTester(&model);
        model.setPositions(kind == Kind::Open ? ProfilePositions{btcYes(), unmarked(), electionNo()}
                                              : ProfilePositions{sold(), resolvedHeld()});
        const int column = model.columnOf(field);
        QVERIFY(column >= 0);
        QCOMPARE(model.data(model.index(row, column), role), expected);
    }

    void unmarkedToolTipsSayUnknown() {
        TraderPositionsModel model(Kind::Open);
        auto tester = attachModelTester(&model);
        model.setPositions({unmarked()});
        const auto tip = [&model](Field f) {
            return model.data(model.index(0, model.columnOf(f)), Qt::ToolTipRole).toString();
        };
        QVERIFY(tip(Field::Mark).contains(u"unknown, not zero"_s));
        QCOMPARE(tip(Field::Value), u"Unknown without a mark"_s);
        QCOMPARE(tip(Field::Unrealized), u"Unknown without a mark"_s);
    }

    void proxySortsBySortRole_data() {
        QTest::addColumn<Field>("field");
        QTest::addColumn<QStringList>("descending");
        // By text "+$292.60" < "-$20.00" < "no mark"; by the sort role the unknown goes last.
        QTest::newRow("unrealized") << Field::Unrealized
                                    << QStringList{u"asset-btc-yes"_s, u"asset-election-no"_s,
                                                   u"asset-unmarked"_s};
        QTest::newRow("value") << Field::Value
                               << QStringList{u"asset-btc-yes"_s, u"asset-election-no"_s,
                                              u"asset-unmarked"_s};
        QTest::newRow("shares") << Field::Shares
                                << QStringList{u"asset-btc-yes"_s, u"asset-election-no"_s,
                                               u"asset-unmarked"_s};
        QTest::newRow("avg cost") << Field::AverageCost
                                  << QStringList{u"asset-unmarked"_s, u"asset-btc-yes"_s,
                                                 u"asset-election-no"_s};
    }
    void proxySortsBySortRole() {
        QFETCH(Field, field);
        QFETCH(QStringList, descending);
        TraderPositionsModel model(Kind::Open);
        auto tester = attachModelTester(&model);
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(TraderPositionsModel::SortRole);
        auto proxyTester = attachModelTester(&proxy);
        model.setPositions({unmarked(), electionNo(), btcYes()});
        proxy.sort(model.columnOf(field), Qt::DescendingOrder);
        QStringList assets;
        for (int r = 0; r < proxy.rowCount(); ++r)
            assets << model.positionAt(proxy.mapToSource(proxy.index(r, 0)).row()).assetId;
        QCOMPARE(assets, descending);
    }

    void replaceSmallerThenLarger() {
        TraderPositionsModel model(Kind::Open);
        auto tester = attachModelTester(&model);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setPositions({electionNo()});
        QCOMPARE(model.rowCount(), 1);
        model.setPositions({btcYes(), unmarked(), electionNo()});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.positionAt(2).assetId, u"asset-election-no"_s);
        model.setPositions({unmarked()});
        QCOMPARE(model.rowCount(), 1);
        model.setPositions({});
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(reset.size(), 4);
    }

    void refreshUpdatesInPlace() {
        TraderPositionsModel model(Kind::Open);
        auto tester = attachModelTester(&model);
        model.setPositions({btcYes(), unmarked(), electionNo()});
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setPositions({btcYes(), unmarked(), electionNo()});
        QCOMPARE(changed.size(), 0);
        // The unmarked position gets a mark: its row changes, nothing else.
        ProfilePosition marked = unmarked();
        marked.mark = usd("0.55");
        marked.value = usd("5.5");
        marked.unrealized = usd("0.5");
        model.setPositions({btcYes(), marked, electionNo()});
        QCOMPARE(reset.size(), 0);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex(), model.index(1, 0));
        QCOMPARE(changed.at(0).at(1).toModelIndex(), model.index(1, model.columnCount() - 1));
        QCOMPARE(model.data(model.index(1, model.columnOf(Field::Unrealized))).toString(), u"+$0.50"_s);
        QCOMPARE(model.data(model.index(1, model.columnOf(Field::Mark)), Qt::ForegroundRole), QVariant());
        // A different set of assets resets.
        model.setPositions({electionNo(), btcYes(), marked});
        QCOMPARE(reset.size(), 1);
    }
};

QTEST_MAIN(TestTraderPositionsModel)
#include "tst_traderpositionsmodel.moc"
