// TraderCategoriesModel: the exact text of every column (whole-dollar volume, share of the
// trader's volume, signed realized P&L to the cent, W–L and win rate, "—" with nothing
// decided), sort roles, the empty model and row replacement under the model tester.
#include "models/pnlstyle.h"
#include "models/tradercategoriesmodel.h"

#include "tests/support/modeltester.h"

#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace longshot;
using namespace longshot::test;
using namespace Qt::StringLiterals;
using Column = TraderCategoriesModel::Column;

Q_DECLARE_METATYPE(TraderCategoriesModel::Column)

namespace {

Decimal usd(const char *text) {
    return Decimal::parse(std::string_view(text)).value;
}

CategoryStats category(const char *name, int markets, const char *volume, const char *realized, int wins,
                       int losses) {
    return CategoryStats{QString::fromUtf8(name), markets, usd(volume), usd(realized), wins, losses};
}

// Volumes sum to exactly $17,667: shares 69.88%, 24.46% and 5.66%.
QList<CategoryStats> rows() {
    return {category("Sports", 12, "12345.678901", "1234.5", 7, 3),
            category("politics", 3, "4321.321099", "-250.126", 0, 2),
            category("Uncategorized", 1, "1000", "0", 0, 0)};
}

QStringList names(const QSortFilterProxyModel &proxy, const TraderCategoriesModel &model) {
    QStringList out;
    for (int r = 0; r < proxy.rowCount(); ++r)
        out << model.categoryAt(proxy.mapToSource(proxy.index(r, 0)).row()).category;
    return out;
}

} // namespace

class TestTraderCategoriesModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void emptyModel() {
        TraderCategoriesModel model;
        auto tester = attachModelTester(&model);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), 7);
        QCOMPARE(model.data(model.index(0, 0)), QVariant());
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setCategories({});
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(reset.size(), 1);
    }

    void headers_data() {
        QTest::addColumn<Column>("column");
        QTest::addColumn<QString>("text");
        QTest::newRow("category") << Column::Category << u"Category"_s;
        QTest::newRow("markets") << Column::Markets << u"Markets"_s;
        QTest::newRow("volume") << Column::Volume << u"Volume"_s;
        QTest::newRow("share") << Column::Share << u"Share"_s;
        QTest::newRow("realized") << Column::Realized << u"Realized"_s;
        QTest::newRow("decided") << Column::Decided << u"W–L"_s;
        QTest::newRow("win rate") << Column::WinRate << u"Win rate"_s;
    }
    void headers() {
        QFETCH(Column, column);
        QFETCH(QString, text);
        TraderCategoriesModel model;
        QCOMPARE(model.headerData(int(column), Qt::Horizontal).toString(), text);
        QVERIFY(!model.headerData(int(column), Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
        model.setCategories(rows());
        const auto header = model.headerData(int(column), Qt::Horizontal, Qt::TextAlignmentRole);
        QCOMPARE(model.data(model.index(0, int(column)), Qt::TextAlignmentRole).value<Qt::Alignment>(),
                 header.value<Qt::Alignment>());
    }

    void cells_data() {
        QTest::addColumn<int>("row");
        QTest::addColumn<Column>("column");
        QTest::addColumn<int>("role");
        QTest::addColumn<QVariant>("expected");
        const int display = Qt::DisplayRole;
        const int fg = Qt::ForegroundRole;
        const int sort = TraderCategoriesModel::SortRole;
        const int tip = Qt::ToolTipRole;
        auto row = [](const char *name, int r, Column c, int role, const QVariant &expected) {
            QTest::newRow(name) << r << c << role << expected;
        };
        row("sports name", 0, Column::Category, display, u"Sports"_s);
        row("sports markets", 0, Column::Markets, display, 12);
        row("sports volume in whole dollars", 0, Column::Volume, display, u"$12,346"_s);
        row("sports share", 0, Column::Share, display, u"70%"_s);
        row("sports realized", 0, Column::Realized, display, u"+$1,234.50"_s);
        row("sports realized colour", 0, Column::Realized, fg, QVariant(gainColor()));
        row("sports volume uncoloured", 0, Column::Volume, fg, QVariant());
        row("sports decided", 0, Column::Decided, display, u"7–3"_s);
        row("sports win rate", 0, Column::WinRate, display, u"70%"_s);
        row("sports volume exact", 0, Column::Volume, tip,
            u"$12,345.678901 of buys and sells, 69.9% of the trader's volume"_s);
        row("sports realized exact", 0, Column::Realized, tip,
            u"$1,234.50 realized before fees in this category's markets"_s);
        row("sports decided tip", 0, Column::WinRate, tip,
            u"Won 7, lost 3 of the resolved markets in this category"_s);
        row("sports name sort folded", 0, Column::Category, sort, u"sports"_s);
        row("sports volume sort", 0, Column::Volume, sort, qint64(12'345'678'901));
        row("sports share sorts by volume", 0, Column::Share, sort, qint64(12'345'678'901));
        row("sports realized sort", 0, Column::Realized, sort, qint64(1'234'500'000));
        row("sports decided sort", 0, Column::Decided, sort, 10);
        row("sports win rate sort", 0, Column::WinRate, sort, 0.7);
        row("politics volume", 1, Column::Volume, display, u"$4,321"_s);
        row("politics share", 1, Column::Share, display, u"24%"_s);
        row("politics realized rounds to the cent", 1, Column::Realized, display, u"-$250.13"_s);
        row("politics realized colour", 1, Column::Realized, fg, QVariant(lossColor()));
        row("politics realized exact", 1, Column::Realized, tip,
            u"-$250.126 realized before fees in this category's markets"_s);
        row("politics decided", 1, Column::Decided, display, u"0–2"_s);
        row("politics win rate", 1, Column::WinRate, display, u"0%"_s);
        row("politics win rate sort", 1, Column::WinRate, sort, 0.0);
        row("uncategorized share", 2, Column::Share, display, u"6%"_s);
        row("uncategorized volume", 2, Column::Volume, display, u"$1,000"_s);
        row("uncategorized realized", 2, Column::Realized, display, u"$0.00"_s);
        row("uncategorized realized uncoloured", 2, Column::Realized, fg, QVariant());
        row("uncategorized nothing decided", 2, Column::Decided, display, u"0–0"_s);
        row("uncategorized no win rate", 2, Column::WinRate, display, u"—"_s);
        row("uncategorized no win rate sorts last", 2, Column::WinRate, sort, -1.0);
    }
    void cells() {
        QFETCH(int, row);
        QFETCH(Column, column);
        QFETCH(int, role);
        QFETCH(QVariant, expected);
        TraderCategoriesModel model;
        auto tester = attachModelTester(&model);
        model.setCategories(rows());
        QCOMPARE(model.data(model.index(row, int(column)), role), expected);
    }

    void noVolumeHasNoShare() {
        TraderCategoriesModel model;
        auto tester = attachModelTester(&model);
        model.setCategories({category("Crypto", 1, "0", "0", 0, 0)});
        QCOMPARE(model.data(model.index(0, int(Column::Share))).toString(), u"0%"_s);
        QCOMPARE(model.data(model.index(0, int(Column::Volume))).toString(), u"$0"_s);
    }

    void proxySortsBySortRole_data() {
        QTest::addColumn<Column>("column");
        QTest::addColumn<Qt::SortOrder>("order");
        QTest::addColumn<QStringList>("expected");
        // Case-folded: "politics" < "Sports" < "Uncategorized".
        QTest::newRow("category") << Column::Category << Qt::AscendingOrder
                                  << QStringList{u"politics"_s, u"Sports"_s, u"Uncategorized"_s};
        // By amount: "$1,000" would sort above "$12,346" as text.
        QTest::newRow("volume") << Column::Volume << Qt::AscendingOrder
                                << QStringList{u"Uncategorized"_s, u"politics"_s, u"Sports"_s};
        QTest::newRow("realized") << Column::Realized << Qt::DescendingOrder
                                  << QStringList{u"Sports"_s, u"Uncategorized"_s, u"politics"_s};
        // Nothing decided sorts below a 0% record.
        QTest::newRow("win rate") << Column::WinRate << Qt::DescendingOrder
                                  << QStringList{u"Sports"_s, u"politics"_s, u"Uncategorized"_s};
        QTest::newRow("markets") << Column::Markets << Qt::DescendingOrder
                                 << QStringList{u"Sports"_s, u"politics"_s, u"Uncategorized"_s};
    }
    void proxySortsBySortRole() {
        QFETCH(Column, column);
        QFETCH(Qt::SortOrder, order);
        QFETCH(QStringList, expected);
        TraderCategoriesModel model;
        auto tester = attachModelTester(&model);
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(TraderCategoriesModel::SortRole);
        auto proxyTester = attachModelTester(&proxy);
        QList<CategoryStats> shuffled = rows();
        std::swap(shuffled[0], shuffled[2]);
        model.setCategories(shuffled);
        proxy.sort(int(column), order);
        QCOMPARE(names(proxy, model), expected);
    }

    void replaceRows() {
        TraderCategoriesModel model;
        auto tester = attachModelTester(&model);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setCategories(rows());
        QCOMPARE(model.rowCount(), 3);
        // Another trader's breakdown: fewer rows, and the shares follow the new total.
        model.setCategories(
            {category("Crypto", 2, "300", "30", 1, 0), category("Sports", 1, "100", "-5", 0, 1)});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.categoryAt(0).category, u"Crypto"_s);
        QCOMPARE(model.data(model.index(0, int(Column::Share))).toString(), u"75%"_s);
        QCOMPARE(model.data(model.index(1, int(Column::Share))).toString(), u"25%"_s);
        QCOMPARE(model.data(model.index(1, int(Column::WinRate))).toString(), u"0%"_s);
        model.setCategories({});
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(reset.size(), 3);
    }
};

QTEST_MAIN(TestTraderCategoriesModel)
#include "tst_tradercategoriesmodel.moc"
