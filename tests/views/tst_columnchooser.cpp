#include "views/columnchooser.h"
#include "views/quickopen.h"
#include "views/tablecopy.h"
#include "views/tabletools.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>

using namespace longshot::views;
using namespace Qt::StringLiterals;

namespace {

// Three columns A, B, C; rows "r0a r0b r0c" ...
void fill(QStandardItemModel &model, int rows) {
    model.setColumnCount(3);
    model.setHorizontalHeaderLabels({u"A"_s, u"B"_s, u"C"_s});
    for (int r = 0; r < rows; ++r) {
        QList<QStandardItem *> items;
        for (const char c : {'a', 'b', 'c'})
            items << new QStandardItem(u"r%1%2"_s.arg(r).arg(QLatin1Char(c)));
        model.appendRow(items);
    }
}

QAction *findAction(QMenu *menu, const QString &name) {
    return menu->findChild<QAction *>(name);
}

} // namespace

class TstColumnChooser final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void hideAndShow_data() {
        QTest::addColumn<QList<int>>("hide");
        QTest::addColumn<QList<int>>("hidden");
        QTest::addColumn<QList<int>>("visible");
        QTest::newRow("none") << QList<int>{} << QList<int>{} << QList<int>{0, 1, 2};
        QTest::newRow("one") << QList<int>{1} << QList<int>{1} << QList<int>{0, 2};
        QTest::newRow("out of range ignored") << QList<int>{2, 7, -1} << QList<int>{2} << QList<int>{0, 1};
        QTest::newRow("all refused") << QList<int>{0, 1, 2} << QList<int>{} << QList<int>{0, 1, 2};
    }
    void hideAndShow() {
        QFETCH(QList<int>, hide);
        QFETCH(QList<int>, hidden);
        QFETCH(QList<int>, visible);
        QStandardItemModel model;
        fill(model, 2);
        QTableView table;
        table.setModel(&model);
        ColumnChooser chooser(&table);
        chooser.setHiddenColumns(hide);
        QCOMPARE(chooser.hiddenColumns(), hidden);
        QCOMPARE(ColumnChooser::visibleColumns(table.horizontalHeader()), visible);
    }

    void menuTogglesAndReports() {
        QStandardItemModel model;
        fill(model, 1);
        QTableView table;
        table.setModel(&model);
        ColumnChooser chooser(&table);
        QSignalSpy changed(&chooser, &ColumnChooser::hiddenColumnsChanged);
        std::unique_ptr<QMenu> menu(chooser.createMenu(nullptr));
        QAction *b = findAction(menu.get(), u"column_1"_s);
        QVERIFY(b);
        QCOMPARE(b->text(), u"B"_s);
        QVERIFY(b->isChecked());
        b->setChecked(false);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.last().first().value<QList<int>>(), QList<int>{1});
        QVERIFY(table.horizontalHeader()->isSectionHidden(1));

        // With one column left its box is disabled.
        chooser.setHiddenColumns({1, 2});
        std::unique_ptr<QMenu> second(chooser.createMenu(nullptr));
        QVERIFY(!findAction(second.get(), u"column_0"_s)->isEnabled());
        QVERIFY(findAction(second.get(), u"column_1"_s)->isEnabled());
        findAction(second.get(), u"showAllColumns"_s)->trigger();
        QCOMPARE(chooser.hiddenColumns(), QList<int>{});
    }

    // Visible columns follow the visual order after the user drags a column.
    void visualOrder() {
        QStandardItemModel model;
        fill(model, 1);
        QTableView table;
        table.setModel(&model);
        table.horizontalHeader()->moveSection(2, 0); // C A B
        table.horizontalHeader()->setSectionHidden(0, true);
        QCOMPARE(ColumnChooser::visibleColumns(table.horizontalHeader()), (QList<int>{2, 1}));
    }

    void copyTsv_data() {
        QTest::addColumn<QList<int>>("rows");
        QTest::addColumn<QList<int>>("hidden");
        QTest::addColumn<bool>("header");
        QTest::addColumn<QString>("expected");
        QTest::newRow("one row") << QList<int>{1} << QList<int>{} << false << u"r1a\tr1b\tr1c"_s;
        QTest::newRow("rows in view order")
            << QList<int>{2, 0} << QList<int>{} << false << u"r0a\tr0b\tr0c\nr2a\tr2b\tr2c"_s;
        QTest::newRow("hidden column left out") << QList<int>{0} << QList<int>{1} << false << u"r0a\tr0c"_s;
        QTest::newRow("with header") << QList<int>{0} << QList<int>{} << true << u"A\tB\tC\nr0a\tr0b\tr0c"_s;
        QTest::newRow("nothing selected") << QList<int>{} << QList<int>{} << true << QString();
    }
    void copyTsv() {
        QFETCH(QList<int>, rows);
        QFETCH(QList<int>, hidden);
        QFETCH(bool, header);
        QFETCH(QString, expected);
        QStandardItemModel model;
        fill(model, 3);
        QTableView table;
        table.setModel(&model);
        table.setSelectionBehavior(QAbstractItemView::SelectRows);
        table.setSelectionMode(QAbstractItemView::MultiSelection);
        for (const int h : hidden)
            table.horizontalHeader()->setSectionHidden(h, true);
        for (const int r : rows)
            table.selectRow(r);
        QCOMPARE(selectionAsTsv(&table, header), expected);
    }

    // Tabs and line breaks inside a cell would break the paste's grid.
    void copyCleansCells() {
        QStandardItemModel model(1, 2);
        model.setData(model.index(0, 0), u"a\tb"_s);
        model.setData(model.index(0, 1), u"two\r\nlines"_s);
        QTableView table;
        table.setModel(&model);
        table.selectAll();
        QCOMPARE(selectionAsTsv(&table), u"a b\ttwo  lines"_s);
    }

    void ctrlCInstalledOnce() {
        QStandardItemModel model;
        fill(model, 2);
        QTableView table;
        table.setModel(&model);
        QAction *copy = installCopyShortcut(&table);
        QVERIFY(copy);
        QCOMPARE(copy->shortcut(), QKeySequence(QKeySequence::Copy));
        QVERIFY(!installCopyShortcut(&table)); // the table copies already
        table.selectRow(1);
        copy->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), u"r1a\tr1b\tr1c"_s);
    }

    void toolsMenu_data() {
        QTest::addColumn<bool>("tradeTable");
        QTest::newRow("plain table") << false;
        QTest::newRow("trade table") << true;
    }
    void toolsMenu() {
        QFETCH(bool, tradeTable);
        QStandardItemModel model;
        fill(model, 2);
        QTableView table;
        table.setModel(&model);
        auto *tools = new TableTools(&table, tradeTable);
        QCOMPARE(table.contextMenuPolicy(), Qt::CustomContextMenu);
        QVERIFY(table.horizontalHeader()->contextMenuPolicy() == Qt::CustomContextMenu);
        QSignalSpy viewSpy(tools, &TableTools::exportViewRequested);
        QSignalSpy historySpy(tools, &TableTools::exportHistoryRequested);
        QMenu menu;
        tools->addActionsTo(&menu);
        QVERIFY(findAction(&menu, u"exportViewCsv"_s));
        QCOMPARE(findAction(&menu, u"exportHistoryCsv"_s) != nullptr, tradeTable);
        QVERIFY(menu.findChild<QMenu *>(u"columnMenu"_s));
        findAction(&menu, u"exportViewCsv"_s)->trigger();
        QCOMPARE(viewSpy.size(), 1);
        if (tradeTable) {
            findAction(&menu, u"exportHistoryCsv"_s)->trigger();
            QCOMPARE(historySpy.size(), 1);
        }
    }

    // A view with its own context menu keeps it; the tools only add to it on request.
    void ownMenuKept() {
        QStandardItemModel model;
        fill(model, 1);
        QTableView table;
        table.setModel(&model);
        table.setContextMenuPolicy(Qt::ActionsContextMenu);
        TableTools tools(&table, false);
        QCOMPARE(table.contextMenuPolicy(), Qt::ActionsContextMenu);
    }

    void quickOpen_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("ids");
        QTest::newRow("empty shows most recently seen first")
            << QString() << QStringList{u"0xcond2"_s, u"0xaaa"_s, u"0xbbb"_s};
        QTest::newRow("by name, any case") << u"WHALE"_s << QStringList{u"0xaaa"_s};
        QTest::newRow("by wallet part") << u"bb"_s << QStringList{u"0xbbb"_s};
        QTest::newRow("by market title") << u"braves"_s << QStringList{u"0xcond2"_s};
        QTest::newRow("none") << u"zzz"_s << QStringList{};
    }
    void quickOpen() {
        QFETCH(QString, text);
        QFETCH(QStringList, ids);
        QuickOpen box;
        box.addEntry({QuickOpen::Kind::Trader, u"0xaaa"_s, u"BigWhale"_s});
        box.addEntry({QuickOpen::Kind::Trader, u"0xbbb"_s, u"minnow"_s});
        box.addEntry({QuickOpen::Kind::Market, u"0xcond2"_s, u"Reds vs. Braves"_s});
        box.addEntry({QuickOpen::Kind::Trader, u"0xaaa"_s, u"BigWhale"_s}); // seen again: moves up
        box.addEntry({QuickOpen::Kind::Market, u"0xcond2"_s, u"Reds vs. Braves"_s});
        QCOMPARE(box.entryCount(), 3);
        QStringList got;
        for (const QuickOpen::Entry &e : box.matches(text))
            got << e.id;
        QCOMPARE(got, ids);
    }

    void quickOpenChooses() {
        QuickOpen box;
        box.addEntry({QuickOpen::Kind::Trader, u"0xaaa"_s, u"BigWhale"_s});
        box.addEntry({QuickOpen::Kind::Market, u"0xcond"_s, u"Reds"_s});
        QSignalSpy trader(&box, &QuickOpen::traderChosen);
        QSignalSpy market(&box, &QuickOpen::marketChosen);
        box.popup();
        QTest::keyClicks(box.searchField(), u"whale"_s);
        QCOMPARE(box.list()->count(), 1);
        QTest::keyClick(box.searchField(), Qt::Key_Return);
        QCOMPARE(trader.size(), 1);
        QCOMPARE(trader.first().first().toString(), u"0xaaa"_s);
        QCOMPARE(market.size(), 0);
        QVERIFY(!box.isVisible());
    }
};

QTEST_MAIN(TstColumnChooser)
#include "tst_columnchooser.moc"
