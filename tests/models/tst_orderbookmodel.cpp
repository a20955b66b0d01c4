#include "models/orderbookmodel.h"

#include "models/displaystyle.h"
#include "tests/support/modeltester.h"

#include <QSignalSpy>
#include <QTest>

#include <map>
#include <random>

using namespace longshot;
using namespace Qt::StringLiterals;

namespace {

Decimal d(const char *text) {
    return Decimal::parse(std::string_view(text)).value;
}

Decimal cents(int c) {
    return Decimal::fromMicros(qint64(c) * 10'000);
}

Decimal shares(int s) {
    return Decimal::fromMicros(qint64(s) * Decimal::kOne);
}

OrderBook sampleBook() {
    OrderBook book;
    const PriceLevel bids[] = {{d("0.60"), d("100")}, {d("0.59"), d("50")}, {d("0.55"), d("10")}};
    const PriceLevel asks[] = {{d("0.62"), d("30")}, {d("0.65"), d("70")}};
    book.replace(bids, asks);
    return book;
}

} // namespace

class TestOrderBookModel final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void laddersAsksAboveBids();
    void sizeChangeSignalsOnlyChangedRows();
    void newLevelResets();
    void maxLevelsCapsEachSide();
    void cleanup();
    void displayText_data();
    void displayText();
    void sideColoursFollowTheScheme_data();
    void sideColoursFollowTheScheme();
    void styleChangeRepaintsInPlace();
    void thousandRandomUpdatesUnderTester();
};

void TestOrderBookModel::laddersAsksAboveBids() {
    OrderBookModel model;
    auto tester = test::attachModelTester(&model);
    model.setBook(sampleBook());
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.askCount(), 2);
    // Worst ask on top, best ask just above the best bid.
    QCOMPARE(model.rowAt(0).price, d("0.65"));
    QCOMPARE(model.rowAt(0).total, d("100")); // 30 + 70 from the touch outward
    QCOMPARE(model.rowAt(1).price, d("0.62"));
    QCOMPARE(model.rowAt(1).total, d("30"));
    QCOMPARE(model.bestAskRow(), 1);
    QCOMPARE(model.bestBidRow(), 2);
    QCOMPARE(model.rowAt(2).price, d("0.60"));
    QCOMPARE(model.rowAt(4).total, d("160"));
    QCOMPARE(model.data(model.index(1, 0), OrderBookModel::BestRole).toBool(), true);
    QCOMPARE(model.data(model.index(0, 0), OrderBookModel::BestRole).toBool(), false);
    QCOMPARE(model.data(model.index(0, 0), OrderBookModel::SideRole).toInt(), int(BookSide::Ask));
    QCOMPARE(model.data(model.index(4, 0), OrderBookModel::SideRole).toInt(), int(BookSide::Bid));
    // The deepest cumulative total (bids: 160) is the full bar.
    QCOMPARE(model.data(model.index(4, 0), OrderBookModel::BarFractionRole).toDouble(), 1.0);
    QCOMPARE(model.data(model.index(0, 0), OrderBookModel::BarFractionRole).toDouble(), 100.0 / 160.0);
}

void TestOrderBookModel::sizeChangeSignalsOnlyChangedRows() {
    OrderBookModel model;
    auto tester = test::attachModelTester(&model);
    OrderBook book = sampleBook();
    model.setBook(book);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

    // The worst ask shrinks: ask total 90, the bids (160) stay deepest, so one row changes.
    book.setLevel(BookSide::Ask, d("0.65"), d("60"));
    model.setBook(book);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 0);
    QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 0);
    QCOMPARE(changed.at(0).at(1).toModelIndex().column(), OrderBookModel::kColumnCount - 1);

    // The best ask changes: its row and the worse ask above it (cumulative) change.
    book.setLevel(BookSide::Ask, d("0.62"), d("40"));
    model.setBook(book);
    QCOMPARE(changed.count(), 2);
    QCOMPARE(changed.at(1).at(0).toModelIndex().row(), 0);
    QCOMPARE(changed.at(1).at(1).toModelIndex().row(), 1);

    // The deepest side total moves: every bar is rescaled.
    book.setLevel(BookSide::Bid, d("0.55"), d("20"));
    model.setBook(book);
    QCOMPARE(changed.count(), 3);
    QCOMPARE(changed.at(2).at(0).toModelIndex().row(), 0);
    QCOMPARE(changed.at(2).at(1).toModelIndex().row(), model.rowCount() - 1);

    // The same book again: nothing at all.
    model.setBook(book);
    QCOMPARE(changed.count(), 3);
    QCOMPARE(model.stats().unchanged, 1);
    QCOMPARE(reset.count(), 0);
}

void TestOrderBookModel::newLevelResets() {
    OrderBookModel model;
    auto tester = test::attachModelTester(&model);
    OrderBook book = sampleBook();
    model.setBook(book);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    book.setLevel(BookSide::Bid, d("0.61"), d("5"));
    model.setBook(book);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(model.rowAt(model.bestBidRow()).price, d("0.61"));
    book.setLevel(BookSide::Bid, d("0.61"), Decimal());
    model.setBook(book);
    QCOMPARE(reset.count(), 2);
    QCOMPARE(model.rowCount(), 5);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.bestAskRow(), -1);
    QCOMPARE(model.bestBidRow(), -1);
}

void TestOrderBookModel::maxLevelsCapsEachSide() {
    OrderBookModel model;
    auto tester = test::attachModelTester(&model);
    model.setMaxLevels(2);
    model.setBook(sampleBook());
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.rowAt(2).price, d("0.60"));
    QCOMPARE(model.rowAt(3).price, d("0.59"));
}

void TestOrderBookModel::cleanup() {
    DisplayStyle::instance().setPriceUnit(PriceUnit::Cents);
    DisplayStyle::instance().setColorScheme(ColorScheme::RedGreen);
}

void TestOrderBookModel::displayText_data() {
    QTest::addColumn<int>("unit");
    QTest::addColumn<QString>("price");
    QTest::addColumn<QString>("size");
    QTest::addColumn<QString>("priceText");
    QTest::addColumn<QString>("sizeText");
    const int c = int(PriceUnit::Cents);
    const int p = int(PriceUnit::Percent);
    QTest::newRow("cents") << c << u"0.62"_s << u"30"_s << QStringLiteral("62.0\u00a2") << u"30.00"_s;
    QTest::newRow("tenth of a cent") << c << u"0.003"_s << u"1234.5678"_s << QStringLiteral("0.3\u00a2")
                                     << u"1,234.57"_s;
    QTest::newRow("near one") << c << u"0.999"_s << u"0.01"_s << QStringLiteral("99.9\u00a2") << u"0.01"_s;
    QTest::newRow("probability") << p << u"0.62"_s << u"30"_s << u"62.0%"_s << u"30.00"_s;
    QTest::newRow("probability, tenth") << p << u"0.003"_s << u"1250000"_s << u"0.3%"_s << u"1,250,000.00"_s;
}

void TestOrderBookModel::displayText() {
    QFETCH(int, unit);
    QFETCH(QString, price);
    QFETCH(QString, size);
    QFETCH(QString, priceText);
    QFETCH(QString, sizeText);
    DisplayStyle::instance().setPriceUnit(PriceUnit(unit));
    OrderBookModel model;
    OrderBook book;
    book.setLevel(BookSide::Bid, Decimal::parse(price).value, Decimal::parse(size).value);
    model.setBook(book);
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex priceIndex = model.index(0, OrderBookModel::column(OrderBookModel::Column::Price));
    QCOMPARE(priceIndex.data().toString(), priceText);
    QVERIFY(priceIndex.data(Qt::ToolTipRole).toString().contains(priceText));
    QCOMPARE(model.index(0, OrderBookModel::column(OrderBookModel::Column::Size)).data().toString(),
             sizeText);
}

void TestOrderBookModel::sideColoursFollowTheScheme_data() {
    QTest::addColumn<int>("scheme");
    QTest::addColumn<QColor>("bid");
    QTest::addColumn<QColor>("ask");
    QTest::newRow("red/green") << int(ColorScheme::RedGreen) << QColor(0x18, 0x9E, 0x52)
                               << QColor(0xE0, 0x3E, 0x3E);
    QTest::newRow("blue/orange") << int(ColorScheme::BlueOrange) << QColor(0x2B, 0x86, 0xD6)
                                 << QColor(0xE0, 0x7B, 0x00);
}

void TestOrderBookModel::sideColoursFollowTheScheme() {
    QFETCH(int, scheme);
    QFETCH(QColor, bid);
    QFETCH(QColor, ask);
    DisplayStyle::instance().setColorScheme(ColorScheme(scheme));
    OrderBookModel model;
    model.setBook(sampleBook());
    const int price = OrderBookModel::column(OrderBookModel::Column::Price);
    const int size = OrderBookModel::column(OrderBookModel::Column::Size);
    QCOMPARE(model.index(model.bestBidRow(), price).data(Qt::ForegroundRole).value<QColor>(), bid);
    QCOMPARE(model.index(model.bestAskRow(), price).data(Qt::ForegroundRole).value<QColor>(), ask);
    QVERIFY(!model.index(model.bestBidRow(), size).data(Qt::ForegroundRole).isValid());
}

// A change under View > Numbers and Colours repaints every row in place: one dataChanged, no
// reset, and the text reads in the new unit.
void TestOrderBookModel::styleChangeRepaintsInPlace() {
    OrderBookModel model;
    auto tester = test::attachModelTester(&model);
    model.setBook(sampleBook());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    DisplayStyle::instance().setPriceUnit(PriceUnit::Percent);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(changed.first().at(0).toModelIndex(), model.index(0, 0));
    QCOMPARE(changed.first().at(1).toModelIndex(),
             model.index(model.rowCount() - 1, OrderBookModel::kColumnCount - 1));
    QCOMPARE(model.index(model.bestBidRow(), 0).data().toString(), u"60.0%"_s);
    DisplayStyle::instance().setColorScheme(ColorScheme::BlueOrange);
    QCOMPARE(changed.size(), 2);
    QCOMPARE(model.index(model.bestAskRow(), 0).data(Qt::ForegroundRole).value<QColor>(), sellColor());
}

void TestOrderBookModel::thousandRandomUpdatesUnderTester() {
    OrderBookModel model;
    auto tester = test::attachModelTester(&model);
    std::mt19937 rng(20261123);
    OrderBook book;
    // An independent reference: price (cents) -> size (shares) per side.
    std::map<int, int> bids;
    std::map<int, int> asks;
    for (int i = 0; i < 1000; ++i) {
        const bool bid = rng() % 2 == 0;
        // Bids 30..59 cents, asks 61..90: never crossed, mostly near the touch.
        const int price = bid ? 59 - int(rng() % 30) : 61 + int(rng() % 30);
        const int size = rng() % 5 == 0 ? 0 : int(rng() % 500) + 1;
        book.setLevel(bid ? BookSide::Bid : BookSide::Ask, cents(price), shares(size));
        auto &side = bid ? bids : asks;
        if (size == 0)
            side.erase(price);
        else
            side[price] = size;
        model.setBook(book);

        const int shownAsks = std::min<int>(int(asks.size()), model.maxLevels());
        const int shownBids = std::min<int>(int(bids.size()), model.maxLevels());
        QCOMPARE(model.rowCount(), shownAsks + shownBids);
        if (!asks.empty()) {
            QCOMPARE(model.rowAt(model.bestAskRow()).price, cents(asks.begin()->first));
            QCOMPARE(model.rowAt(model.bestAskRow()).size, shares(asks.begin()->second));
        }
        if (!bids.empty()) {
            QCOMPARE(model.rowAt(model.bestBidRow()).price, cents(bids.rbegin()->first));
            int total = 0;
            int row = model.bestBidRow();
            for (auto it = bids.rbegin(); it != bids.rend() && row < model.rowCount(); ++it, ++row)
                total += it->second;
            QCOMPARE(model.rowAt(model.rowCount() - 1).total, shares(total));
        }
    }
    QVERIFY(model.stats().resets > 0);
    QVERIFY(model.stats().dataChangedSignals > 0);
}

QTEST_GUILESS_MAIN(TestOrderBookModel)
#include "tst_orderbookmodel.moc"
