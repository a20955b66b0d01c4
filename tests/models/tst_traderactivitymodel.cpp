// TraderActivityModel: the exact text of every column for each activity type the data-api
// returns (TRADE buy and sell, SPLIT, MERGE, REDEEM, CONVERSION, REWARD), the sort role the
// proxy sorts by, the empty model, and row replacement (newer events inserted at the top, a
// new trader reset) under the model tester.
#include "models/pnlstyle.h"
#include "models/traderactivitymodel.h"

#include "tests/support/modeltester.h"

#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace longshot;
using namespace longshot::test;
using namespace Qt::StringLiterals;
using Column = TraderActivityModel::Column;

Q_DECLARE_METATYPE(TraderActivityModel::Column)

namespace {

constexpr qint64 kT0 = 1'790'262'855'000; // 2026-09-24 15:14:15 UTC
constexpr qint64 kHour = 3'600'000;

Decimal usd(const char *text) {
    return Decimal::parse(std::string_view(text)).value;
}

Wallet walletA() {
    return *Wallet::parse(u"0x1111111111111111111111111111111111111111"_s);
}

Wallet walletB() {
    return *Wallet::parse(u"0x2222222222222222222222222222222222222222"_s);
}

ProfileActivity event(ActivityKind kind, qint64 ms, const char *shares, const char *usdc, const QString &tx) {
    ProfileActivity a;
    a.kind = kind;
    a.ms = ms;
    a.shares = usd(shares);
    a.usdc = usd(usdc);
    a.txId = tx;
    a.conditionId = u"0xc0de01"_s;
    a.marketTitle = u"Will BTC hit $100k?"_s;
    a.outcome = u"Yes"_s;
    return a;
}

// Newest first, as the profile query delivers them: one row per activity type.
ProfileActivities rows() {
    ProfileActivity buy = event(ActivityKind::Buy, kT0, "1500.5", "630.21", u"0xbuy"_s);
    buy.fee = usd("0.0125");
    ProfileActivity sell = event(ActivityKind::Sell, kT0 - kHour, "200", "44.75", u"0xsell"_s);
    // A split named by condition only: the market column falls back to the id.
    ProfileActivity split = event(ActivityKind::Split, kT0 - 2 * kHour, "50", "50", u"0xsplit"_s);
    split.conditionId = u"0xc0de03"_s;
    split.marketTitle.clear();
    split.outcome.clear();
    ProfileActivity merge = event(ActivityKind::Merge, kT0 - 3 * kHour, "20", "20", u"0xmerge"_s);
    merge.outcome.clear();
    ProfileActivity redeem = event(ActivityKind::Redeem, kT0 - 4 * kHour, "100", "100", u"0xredeem"_s);
    redeem.marketTitle = u"$5 gas by Friday?"_s;
    redeem.outcome = u"No"_s;
    ProfileActivity convert = event(ActivityKind::Convert, kT0 - 5 * kHour, "10", "0", u"0xconvert"_s);
    convert.marketTitle = u"election winner"_s;
    convert.outcome.clear();
    ProfileActivity reward = event(ActivityKind::Reward, kT0 - 86'400'000, "0", "0.25", u"0xreward"_s);
    reward.conditionId.clear();
    reward.marketTitle.clear();
    reward.outcome.clear();
    return {buy, sell, split, merge, redeem, convert, reward};
}

QStringList txIds(const QAbstractItemModel &proxy, const TraderActivityModel &model) {
    const auto *p = qobject_cast<const QSortFilterProxyModel *>(&proxy);
    QStringList out;
    for (int r = 0; r < proxy.rowCount(); ++r)
        out << model.activityAt(p->mapToSource(p->index(r, 0)).row()).txId;
    return out;
}

} // namespace

class TestTraderActivityModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void emptyModel() {
        TraderActivityModel model;
        auto tester = attachModelTester(&model);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), 8);
        QCOMPARE(model.total(), qint64(0));
        QCOMPARE(model.data(model.index(0, 0)), QVariant());
        model.setActivity(walletA(), {}, 0);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.rowCount(model.index(0, 0)), 0);
    }

    void headers_data() {
        QTest::addColumn<Column>("column");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("right");
        QTest::newRow("time") << Column::Time << u"Time (UTC)"_s << false;
        QTest::newRow("type") << Column::Kind << u"Type"_s << false;
        QTest::newRow("market") << Column::Market << u"Market"_s << false;
        QTest::newRow("outcome") << Column::Outcome << u"Outcome"_s << false;
        QTest::newRow("shares") << Column::Shares << u"Shares"_s << true;
        QTest::newRow("price") << Column::Price << u"Price"_s << true;
        QTest::newRow("usdc") << Column::Usdc << u"USDC"_s << true;
        QTest::newRow("fee") << Column::Fee << u"Fee"_s << true;
    }
    void headers() {
        QFETCH(Column, column);
        QFETCH(QString, text);
        QFETCH(bool, right);
        TraderActivityModel model;
        QCOMPARE(model.headerData(int(column), Qt::Horizontal).toString(), text);
        // Every column says how its figure is computed.
        QVERIFY(!model.headerData(int(column), Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
        const auto align =
            model.headerData(int(column), Qt::Horizontal, Qt::TextAlignmentRole).value<Qt::Alignment>();
        QCOMPARE(bool(align & Qt::AlignRight), right);
        model.setActivity(walletA(), rows(), 7);
        const auto cellAlign =
            model.data(model.index(0, int(column)), Qt::TextAlignmentRole).value<Qt::Alignment>();
        QCOMPARE(cellAlign, align); // cells line up under their header
    }

    void cells_data() {
        QTest::addColumn<int>("row");
        QTest::addColumn<Column>("column");
        QTest::addColumn<int>("role");
        QTest::addColumn<QVariant>("expected");
        const int display = Qt::DisplayRole;
        const int fg = Qt::ForegroundRole;
        const int sort = TraderActivityModel::SortRole;
        const int tip = Qt::ToolTipRole;
        auto row = [](const char *name, int r, Column c, int role, const QVariant &expected) {
            QTest::newRow(name) << r << c << role << expected;
        };
        // 0 TRADE buy: 1,500.5 shares for $630.21 (42¢ each, fee included).
        row("buy time", 0, Column::Time, display, u"2026-09-24 15:14"_s);
        row("buy type", 0, Column::Kind, display, u"Buy"_s);
        row("buy market", 0, Column::Market, display, u"Will BTC hit $100k?"_s);
        row("buy outcome", 0, Column::Outcome, display, u"Yes"_s);
        row("buy shares", 0, Column::Shares, display, u"1,500.5"_s);
        row("buy price", 0, Column::Price, display, u"42.0¢"_s);
        row("buy usdc", 0, Column::Usdc, display, u"$630.21"_s);
        row("buy fee to the hundredth of a cent", 0, Column::Fee, display, u"$0.0125"_s);
        row("buy cash out is red", 0, Column::Usdc, fg, QVariant(lossColor()));
        row("buy type colour", 0, Column::Kind, fg, QVariant(lossColor()));
        row("buy market uncoloured", 0, Column::Market, fg, QVariant());
        row("buy time sort", 0, Column::Time, sort, kT0);
        row("buy shares sort", 0, Column::Shares, sort, qint64(1'500'500'000));
        row("buy price sort", 0, Column::Price, sort, qint64(420'000));
        row("buy usdc sort", 0, Column::Usdc, sort, qint64(630'210'000));
        row("buy fee sort", 0, Column::Fee, sort, qint64(12'500));
        row("buy usdc exact", 0, Column::Usdc, tip, u"$630.21 moved (/activity usdcSize, fee included)"_s);
        row("buy time exact", 0, Column::Time, tip, u"2026-09-24T15:14:15.000Z"_s);
        row("buy market tip", 0, Column::Market, tip, u"Will BTC hit $100k?\n0xc0de01\nTx 0xbuy"_s);
        row("buy condition", 0, Column::Market, TraderActivityModel::ConditionIdRole, u"0xc0de01"_s);
        // 1 TRADE sell: $44.75 for 200 shares is 22.375¢.
        row("sell type", 1, Column::Kind, display, u"Sell"_s);
        row("sell time", 1, Column::Time, display, u"2026-09-24 14:14"_s);
        row("sell price", 1, Column::Price, display, u"22.4¢"_s);
        row("sell price sort exact", 1, Column::Price, sort, qint64(223'750));
        row("sell usdc", 1, Column::Usdc, display, u"$44.75"_s);
        row("sell no fee", 1, Column::Fee, display, QString());
        row("sell cash in is green", 1, Column::Usdc, fg, QVariant(gainColor()));
        // 2 SPLIT: no per-share price; the condition id stands in for a missing title.
        row("split type", 2, Column::Kind, display, u"Split"_s);
        row("split market is the condition", 2, Column::Market, display, u"0xc0de03"_s);
        row("split shares", 2, Column::Shares, display, u"50"_s);
        row("split no price", 2, Column::Price, display, QString());
        row("split no price sort", 2, Column::Price, sort, qint64(-1));
        row("split usdc", 2, Column::Usdc, display, u"$50.00"_s);
        row("split colour", 2, Column::Usdc, fg, QVariant(lossColor()));
        row("split tip without title", 2, Column::Market, tip, u"0xc0de03\nTx 0xsplit"_s);
        // 3 MERGE.
        row("merge type", 3, Column::Kind, display, u"Merge"_s);
        row("merge shares", 3, Column::Shares, display, u"20"_s);
        row("merge no price", 3, Column::Price, display, QString());
        row("merge usdc", 3, Column::Usdc, display, u"$20.00"_s);
        row("merge colour", 3, Column::Usdc, fg, QVariant(gainColor()));
        // 4 REDEEM.
        row("redeem type", 4, Column::Kind, display, u"Redeem"_s);
        row("redeem outcome", 4, Column::Outcome, display, u"No"_s);
        row("redeem usdc", 4, Column::Usdc, display, u"$100.00"_s);
        row("redeem colour", 4, Column::Kind, fg, QVariant(gainColor()));
        // 5 CONVERSION: shares only, no cash column, no colour.
        row("convert type", 5, Column::Kind, display, u"Convert"_s);
        row("convert shares", 5, Column::Shares, display, u"10"_s);
        row("convert no usdc", 5, Column::Usdc, display, QString());
        row("convert uncoloured", 5, Column::Kind, fg, QVariant());
        row("convert usdc sort", 5, Column::Usdc, sort, qint64(0));
        // 6 REWARD: cash without shares or market.
        row("reward type", 6, Column::Kind, display, u"Reward"_s);
        row("reward time", 6, Column::Time, display, u"2026-09-23 15:14"_s);
        row("reward no shares", 6, Column::Shares, display, QString());
        row("reward no price", 6, Column::Price, display, QString());
        row("reward no market", 6, Column::Market, display, QString());
        row("reward usdc", 6, Column::Usdc, display, u"$0.25"_s);
        row("reward colour", 6, Column::Usdc, fg, QVariant(gainColor()));
        row("reward kind sort", 6, Column::Kind, sort, int(ActivityKind::Reward));
    }
    void cells() {
        QFETCH(int, row);
        QFETCH(Column, column);
        QFETCH(int, role);
        QFETCH(QVariant, expected);
        TraderActivityModel model;
        auto tester = attachModelTester(&model);
        model.setActivity(walletA(), rows(), 7);
        QCOMPARE(model.data(model.index(row, int(column)), role), expected);
    }

    void proxySortsBySortRole_data() {
        QTest::addColumn<Column>("column");
        QTest::addColumn<Qt::SortOrder>("order");
        QTest::addColumn<QStringList>("txIds");
        // Shown text, case-folded: the reward's empty cell, "$5 gas…" < "0xc0de03" (the untitled
        // split) < "election…" < "Will BTC…" (buy, sell, merge: ties keep the model's order).
        QTest::newRow("market") << Column::Market << Qt::AscendingOrder
                                << QStringList{u"0xreward"_s, u"0xredeem"_s, u"0xsplit"_s, u"0xconvert"_s,
                                               u"0xbuy"_s,    u"0xsell"_s,   u"0xmerge"_s};
        // Per-share price of the fills; every row without one after them.
        QTest::newRow("price") << Column::Price << Qt::DescendingOrder
                               << QStringList{u"0xbuy"_s,    u"0xsell"_s,    u"0xsplit"_s, u"0xmerge"_s,
                                              u"0xredeem"_s, u"0xconvert"_s, u"0xreward"_s};
        // By amount, not by text ("$100.00" < "$20.00" as strings).
        QTest::newRow("usdc") << Column::Usdc << Qt::DescendingOrder
                              << QStringList{u"0xbuy"_s,   u"0xredeem"_s, u"0xsplit"_s,  u"0xsell"_s,
                                             u"0xmerge"_s, u"0xreward"_s, u"0xconvert"_s};
        QTest::newRow("time") << Column::Time << Qt::AscendingOrder
                              << QStringList{u"0xreward"_s, u"0xconvert"_s, u"0xredeem"_s, u"0xmerge"_s,
                                             u"0xsplit"_s,  u"0xsell"_s,    u"0xbuy"_s};
        QTest::newRow("shares") << Column::Shares << Qt::DescendingOrder
                                << QStringList{u"0xbuy"_s,   u"0xsell"_s,    u"0xredeem"_s, u"0xsplit"_s,
                                               u"0xmerge"_s, u"0xconvert"_s, u"0xreward"_s};
    }
    void proxySortsBySortRole() {
        QFETCH(Column, column);
        QFETCH(Qt::SortOrder, order);
        QFETCH(QStringList, txIds);
        TraderActivityModel model;
        auto tester = attachModelTester(&model);
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(TraderActivityModel::SortRole);
        auto proxyTester = attachModelTester(&proxy);
        model.setActivity(walletA(), rows(), 7);
        proxy.sort(int(column), order);
        QCOMPARE(::txIds(proxy, model), txIds);
    }

    void newerEventsInsertAtTop() {
        TraderActivityModel model;
        auto tester = attachModelTester(&model);
        const ProfileActivities all = rows();
        model.setActivity(walletA(), all.mid(2), 5);
        QCOMPARE(model.rowCount(), 5);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        // A refresh of the same trader with two newer events: one insert of rows 0..1.
        model.setActivity(walletA(), all, 7);
        QCOMPARE(reset.size(), 0);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 0);
        QCOMPARE(inserted.at(0).at(2).toInt(), 1);
        QCOMPARE(model.rowCount(), 7);
        QCOMPARE(model.total(), qint64(7));
        QCOMPARE(model.activityAt(0).txId, u"0xbuy"_s);
        QCOMPARE(model.activityAt(2).txId, u"0xsplit"_s);
        // The same list again changes nothing.
        model.setActivity(walletA(), all, 7);
        QCOMPARE(reset.size(), 0);
        QCOMPARE(inserted.size(), 1);
    }

    void replacedRowsReset_data() {
        QTest::addColumn<bool>("otherWallet");
        QTest::addColumn<int>("first");
        QTest::addColumn<int>("count");
        QTest::addColumn<qint64>("total");
        // Another trader with the same rows is still another trader.
        QTest::newRow("other trader") << true << 0 << 7 << qint64(7);
        QTest::newRow("other trader, empty") << true << 0 << 0 << qint64(0);
        // Fewer rows: a re-sync replaced the history.
        QTest::newRow("history shrank") << false << 2 << 3 << qint64(3);
        // More rows, but the stored total grew by more than the rows shown (the list is capped).
        QTest::newRow("capped list") << false << 0 << 7 << qint64(12'000);
    }
    void replacedRowsReset() {
        QFETCH(bool, otherWallet);
        QFETCH(int, first);
        QFETCH(int, count);
        QFETCH(qint64, total);
        TraderActivityModel model;
        auto tester = attachModelTester(&model);
        const ProfileActivities all = rows();
        model.setActivity(walletA(), all.mid(2), 5);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.setActivity(otherWallet ? walletB() : walletA(), all.mid(first, count), total);
        QCOMPARE(reset.size(), 1);
        QCOMPARE(inserted.size(), 0);
        QCOMPARE(model.rowCount(), count);
        QCOMPARE(model.total(), total);
        if (count > 0)
            QCOMPARE(model.activityAt(0).txId, all.at(first).txId);
    }

    void changedRowResets() {
        TraderActivityModel model;
        auto tester = attachModelTester(&model);
        ProfileActivities list = rows();
        model.setActivity(walletA(), list, 7);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        list[3].usdc = usd("21"); // same count, one row different
        model.setActivity(walletA(), list, 7);
        QCOMPARE(reset.size(), 1);
        QCOMPARE(model.data(model.index(3, int(Column::Usdc))).toString(), u"$21.00"_s);
    }
};

QTEST_MAIN(TestTraderActivityModel)
#include "tst_traderactivitymodel.moc"
