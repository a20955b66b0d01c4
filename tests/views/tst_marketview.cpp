#include "models/displaystyle.h"
#include "models/orderbookmodel.h"
#include "models/whalefeedmodel.h"
#include "tests/models/tradefactory.h"
#include "views/marketview.h"
#include "views/orderbookview.h"

#include <QComboBox>
#include <QLabel>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

using namespace longshot;
using namespace longshot::test;
using namespace longshot::views;
using namespace Qt::StringLiterals;

namespace {

const QString kPoly = u"0xa69826a08aefbfb213677dc6c9e1203c53aef78aaf43a3728bce502b4e37d6ee"_s;
const QString kYes = u"96813350863775094210272472524339982880516947806225831912399411490979459105286"_s;
const QString kNo = u"111"_s;
const QString kKalshi = u"KXBTCD-26MAY3017-T73499.99"_s;

Market polyMarket() {
    Market m;
    m.venue = Venue::Polymarket;
    m.marketId = kPoly;
    m.title = u"<b>Will</b> the Fed cut?"_s; // markup must show as text
    m.endDate = QDateTime(QDate(2026, 10, 29), QTime(18, 0), Qt::UTC);
    m.outcomes = {Outcome{kYes, u"Yes"_s, 0, dec("0.62"), std::nullopt},
                  Outcome{kNo, u"No"_s, 1, dec("0.38"), std::nullopt}};
    return m;
}

OrderBook bookAround(int bidCents, int sizeShares) {
    OrderBook book;
    book.setLevel(BookSide::Bid, Decimal::fromMicros(qint64(bidCents) * 10'000),
                  Decimal::fromMicros(qint64(sizeShares) * Decimal::kOne));
    book.setLevel(BookSide::Ask, Decimal::fromMicros(qint64(bidCents + 2) * 10'000),
                  Decimal::fromMicros(qint64(100) * Decimal::kOne));
    return book;
}

} // namespace

class TestMarketView final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void emptyUntilSelected();
    void showsMetadataAsPlainText();
    void staleInfoIsIgnored();
    void bookBurstIsCoalescedToFrames();
    void outcomeSelectorSwitchesBook();
    void kalshiBookBySlot();
    void recentTradesAreThisMarketOnly();
    void holders();
    void chartRefreshesOnItsOwnCadence();
    void storedHistoryAndSmartMoney();
    void followsTheDisplayStyle();
    void longNamesDoNotWidenTheDock();
};

void TestMarketView::emptyUntilSelected() {
    MarketView view;
    QVERIFY(view.isEmptyStateShown());
    QSignalSpy selected(&view, &MarketView::marketSelected);
    view.showMarket(kPoly);
    QVERIFY(!view.isEmptyStateShown());
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.at(0).at(1).value<Venue>(), Venue::Polymarket);
    view.showMarket(kPoly); // same market: nothing new
    QCOMPARE(selected.count(), 1);
    view.clearMarket();
    QVERIFY(view.isEmptyStateShown());
    view.showMarket(kKalshi);
    QCOMPARE(selected.at(1).at(1).value<Venue>(), Venue::Kalshi);
}

void TestMarketView::showsMetadataAsPlainText() {
    MarketView view;
    QSignalSpy assets(&view, &MarketView::outcomeAssetsChanged);
    view.showMarket(kPoly);
    view.setMarketInfo(polyMarket());
    QCOMPARE(assets.count(), 1);
    QCOMPARE(assets.at(0).at(1).toStringList(), QStringList({kYes, kNo}));
    QTRY_COMPARE(view.titleText(), u"<b>Will</b> the Fed cut?"_s);
    const auto *title = view.findChild<QLabel *>(u"marketTitle"_s);
    QVERIFY(title);
    QCOMPARE(title->textFormat(), Qt::PlainText);
    QVERIFY(view.statusText().contains(u"Open"_s));
    QVERIFY(view.statusText().contains(u"2026-10-29 18:00 UTC"_s));
    const auto *outcomes = view.findChild<QLabel *>(u"marketOutcomes"_s);
    QVERIFY(outcomes->text().contains(u"Yes 62.0\u00a2"_s));

    Market resolved = polyMarket();
    resolved.closed = true;
    resolved.outcomes[0].payout = dec("1");
    resolved.outcomes[1].payout = dec("0");
    view.setMarketInfo(resolved);
    QTRY_VERIFY(view.statusText().contains(u"Resolved: Yes"_s));
}

void TestMarketView::staleInfoIsIgnored() {
    MarketView view;
    view.showMarket(kKalshi);
    view.setMarketInfo(polyMarket()); // the answer for an earlier selection
    view.setInfoError(kPoly, u"late"_s);
    QTRY_COMPARE(view.titleText(), kKalshi);
    QVERIFY(!view.statusText().contains(u"late"_s));
}

void TestMarketView::bookBurstIsCoalescedToFrames() {
    MarketView view;
    view.showMarket(kPoly);
    view.setMarketInfo(polyMarket());
    QTRY_VERIFY(view.frames() > 0);
    const qint64 framesBefore = view.frames();
    const qint64 signalsBefore =
        view.bookModel()->stats().dataChangedSignals + view.bookModel()->stats().resets;
    for (int i = 1; i <= 2'000; ++i)
        view.setBook(kYes, bookAround(50, i));
    // Nothing reaches the model between frames.
    QCOMPARE(view.bookModel()->stats().dataChangedSignals + view.bookModel()->stats().resets, signalsBefore);
    // The last book is what the next frame shows.
    QTRY_VERIFY(view.bookModel()->rowCount() == 2 &&
                view.bookModel()->rowAt(view.bookModel()->bestBidRow()).size == dec("2000"));
    QVERIFY(view.frames() - framesBefore <= 3);
    QVERIFY(view.bookView()->touchText().contains(u"Spread 2.0\u00a2"_s));
}

void TestMarketView::outcomeSelectorSwitchesBook() {
    MarketView view;
    view.showMarket(kPoly);
    view.setMarketInfo(polyMarket());
    view.setBook(kYes, bookAround(60, 10));
    view.setBook(kNo, bookAround(38, 20));
    QTRY_VERIFY(view.bookModel()->bestBidRow() >= 0 &&
                view.bookModel()->rowAt(view.bookModel()->bestBidRow()).price == dec("0.60"));
    auto *box = view.findChild<QComboBox *>(u"marketOutcomeBox"_s);
    QVERIFY(box);
    QCOMPARE(box->count(), 2);
    box->setCurrentIndex(1);
    QCOMPARE(view.shownBookKey(), kNo);
    QTRY_VERIFY(view.bookModel()->rowAt(view.bookModel()->bestBidRow()).price == dec("0.38"));
}

void TestMarketView::kalshiBookBySlot() {
    MarketView view;
    view.showMarket(kKalshi);
    QCOMPARE(view.shownBookKey(), kKalshi);
    view.setBook(u"OTHER-TICKER"_s, bookAround(10, 1));
    view.setBook(kKalshi, bookAround(41, 300));
    QTRY_COMPARE(view.bookModel()->rowCount(), 2);
    QCOMPARE(view.bookModel()->rowAt(view.bookModel()->bestBidRow()).price, dec("0.41"));
    const auto *outcomes = view.findChild<QLabel *>(u"marketOutcomes"_s);
    QTRY_VERIFY(outcomes->text().contains(u"Yes 42.0\u00a2"_s));
}

void TestMarketView::recentTradesAreThisMarketOnly() {
    WhaleFeedModel tape;
    TradeBatch batch;
    for (int i = 0; i < 5; ++i)
        batch.append(polyTrade(i, 1'790'000'000'000 + i * 1000));
    for (int i = 0; i < 3; ++i)
        batch.append(kalshiTrade(100 + i, 1'790'000'000'000 + i * 1000));
    tape.appendBatch(batch);
    MarketView view;
    view.setTradeSource(&tape);
    auto *trades = view.findChild<QTableView *>(u"marketTrades"_s);
    QVERIFY(trades);
    QCOMPARE(trades->model()->rowCount(), 0);
    view.showMarket(kKalshi);
    QCOMPARE(trades->model()->rowCount(), 3);
    view.showMarket(kPoly);
    QCOMPARE(trades->model()->rowCount(), 5);
    // The tape's title stands in until gamma answers.
    QTRY_COMPARE(view.titleText(), polyTrade(0, 0).marketTitle);
    tape.appendBatch({polyTrade(50, 1'790'000'100'000), kalshiTrade(150, 1'790'000'100'000)});
    QCOMPARE(trades->model()->rowCount(), 6);
    QVERIFY(trades->isColumnHidden(WhaleFeedModel::column(WhaleFeedModel::Column::Market)));
}

void TestMarketView::holders() {
    MarketView view;
    QSignalSpy trader(&view, &MarketView::traderActivated);
    view.showMarket(kPoly);
    view.setHolders(kKalshi, {HolderRow{u"0xdead"_s, u"stale"_s, u"Yes"_s, dec("1")}});
    auto *table = view.findChild<QTableWidget *>(u"marketHolders"_s);
    QCOMPARE(table->rowCount(), 0);
    view.setHolders(
        kPoly, {HolderRow{u"0x56687bf447db6ffa42ffe2204a05edaa20f55839"_s, u"<i>whale</i>"_s, u"Yes"_s,
                          dec("125000.4")},
                HolderRow{u"0x1111111111111111111111111111111111111111"_s, QString(), u"No"_s, dec("900")}});
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(table->item(0, 0)->text(), u"<i>whale</i>"_s);
    QCOMPARE(table->item(0, 2)->text(), u"125,000"_s); // one number style: thousands separators
    QCOMPARE(table->item(1, 0)->text(), u"0x1111\u20261111"_s);
    Q_EMIT table->cellDoubleClicked(1, 0);
    QCOMPARE(trader.count(), 1);
    QCOMPARE(trader.at(0).at(0).toString(), u"0x1111111111111111111111111111111111111111"_s);
}

void TestMarketView::chartRefreshesOnItsOwnCadence() {
    MarketView view;
    view.showMarket(kPoly);
    view.setMarketInfo(polyMarket());
    PricePointList history;
    for (int i = 0; i < 5'000; ++i)
        history.append(PricePoint{1'790'000'000'000 + i * 60'000LL, dec("0.55"), dec("10")});
    view.setPriceHistory(kPoly, history);
    for (int i = 0; i < 500; ++i)
        view.addPrint(kNo, PricePoint{1'790'300'000'000 + i, dec("0.40"), dec("5")});
    QTRY_VERIFY(view.chartReplaces() >= 1);
    const qint64 replaces = view.chartReplaces();
    const qint64 frames = view.frames();
    // One replace per six frames at most, however many prints came in.
    QVERIFY2(replaces <= frames / MarketView::kChartEvery + 1,
             qPrintable(u"%1 replaces in %2 frames"_s.arg(replaces).arg(frames)));
}

void TestMarketView::storedHistoryAndSmartMoney() {
    MarketView view;
    view.showMarket(kPoly);
    QTRY_VERIFY(view.smartMoneyText().contains(u"reading stored trades"_s));

    MarketHistory history;
    history.venue = Venue::Polymarket;
    history.marketId = kPoly;
    for (int i = 0; i < 12; ++i)
        history.buckets.append(PriceBucket{1'790'000'000'000 + i * 60'000LL, 1'790'000'030'000 + i * 60'000LL,
                                           dec("0.40"), dec("0.45"), dec("0.39"), dec("0.44"), dec("1500.25"),
                                           3});
    Market stored;
    stored.venue = Venue::Polymarket;
    stored.marketId = kPoly;
    stored.title = u"Stored title"_s;
    history.market = stored;
    // An answer for another market is ignored.
    MarketHistory other = history;
    other.marketId = u"0xother"_s;
    view.setStoredHistory(other);
    QCOMPARE(view.historyPoints(), 0);

    view.setStoredHistory(history);
    QCOMPARE(view.historyPoints(), 12);
    QTRY_COMPARE(view.titleText(), u"Stored title"_s);
    QTRY_VERIFY(view.smartMoneyText().contains(
        u"no graded traders yet \u2014 sync traders to see smart-money flow"_s));

    history.smartMoney.gradedTraders = 4;
    view.setStoredHistory(history);
    QTRY_VERIFY(view.smartMoneyText().contains(u"none of the 4 graded traders"_s));

    history.smartMoney.activeTraders = 2;
    history.smartMoney.netUsd = dec("-1234.5");
    history.smartMoney.outcomes = {OutcomeFlow{0, u"Yes"_s, dec("100"), dec("1434.5"), dec("-1334.5")},
                                   OutcomeFlow{1, u"No"_s, dec("100"), Decimal(), dec("100")}};
    view.setStoredHistory(history);
    QTRY_VERIFY(view.smartMoneyText().contains(u"net buying -$1,234.50 by 2 traders"_s));
    QVERIFY(view.smartMoneyText().contains(u"Yes -$1,334.50"_s));
    QVERIFY(view.smartMoneyText().contains(u"No +$100.00"_s));
    const auto *label = view.findChild<QLabel *>(u"marketSmartMoney"_s);
    QCOMPARE(label->textFormat(), Qt::PlainText);

    view.showMarket(kKalshi);
    QTRY_VERIFY(view.smartMoneyText().contains(u"anonymous"_s));
}

// View > Numbers and Colours reaches the whole dock: header prices, the ladder's cells and
// touch line in the chosen unit, the ladder's side colours, and back again.
void TestMarketView::followsTheDisplayStyle() {
    MarketView view;
    view.showMarket(kPoly);
    view.setMarketInfo(polyMarket());
    view.setBook(kYes, bookAround(50, 10));
    const auto *outcomes = view.findChild<QLabel *>(u"marketOutcomes"_s);
    QTRY_VERIFY(view.bookView()->touchText().contains(u"Spread 2.0\u00a2"_s));
    QTRY_VERIFY(outcomes->text().contains(u"Yes 51.0\u00a2"_s)); // the book's mid
    OrderBookModel *book = view.bookModel();
    const int bid = book->bestBidRow();

    DisplayStyle::instance().setPriceUnit(PriceUnit::Percent);
    DisplayStyle::instance().setColorScheme(ColorScheme::BlueOrange);
    QCOMPARE(book->index(bid, 0).data().toString(), u"50.0%"_s);
    QCOMPARE(book->index(bid, 0).data(Qt::ForegroundRole).value<QColor>(), buyColor());
    QCOMPARE(buyColor(), QColor(0x2B, 0x86, 0xD6));
    QVERIFY(view.bookView()->touchText().contains(u"Bid 50.0%"_s));
    QVERIFY(view.bookView()->touchText().contains(u"Spread 2.0%"_s));
    QTRY_VERIFY(outcomes->text().contains(u"Yes 51.0%"_s));
    QVERIFY(outcomes->text().contains(u"No 49.0%"_s));
    QVERIFY(outcomes->toolTip().contains(u"probability"_s));

    DisplayStyle::instance().setPriceUnit(PriceUnit::Cents);
    DisplayStyle::instance().setColorScheme(ColorScheme::RedGreen);
    QVERIFY(view.bookView()->touchText().contains(u"Bid 50.0\u00a2"_s));
    QTRY_VERIFY(outcomes->text().contains(u"Yes 51.0\u00a2"_s));
    QCOMPARE(book->index(bid, 0).data(Qt::ForegroundRole).value<QColor>(), QColor(0x18, 0x9E, 0x52));
}

void TestMarketView::longNamesDoNotWidenTheDock() {
    // Team names as outcomes, a long title: the header gives way instead of raising the
    // width the dock asks for, which would push the right column wider and squeeze the tape.
    MarketView view;
    view.showMarket(kPoly);
    view.setMarketInfo(polyMarket());
    const int shortNames = view.sizeHint().width();
    Market teams = polyMarket();
    teams.title = u"New York Yankees vs. Boston Red Sox, game 7 of the American League Championship Series"_s;
    teams.outcomes[0].name = u"New York Yankees (American League East)"_s;
    teams.outcomes[1].name = u"Boston Red Sox (American League East)"_s;
    view.setMarketInfo(teams);
    const auto *outcomes = view.findChild<QLabel *>(u"marketOutcomes"_s);
    QTRY_VERIFY(outcomes->text().contains(u"Boston Red Sox (American League East)"_s));
    QCOMPARE(view.sizeHint().width(), shortNames);
    QVERIFY(outcomes->toolTip().contains(u"New York Yankees (American League East)"_s));
    // On a narrow dock the status line is elided, not cut mid-word; its tooltip is whole.
    view.resize(260, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const auto *status = view.findChild<QLabel *>(u"marketStatus"_s);
    QTRY_VERIFY(status->text().endsWith(u"\u2026"_s));
    QVERIFY(status->toolTip().contains(u"2026-10-29 18:00 UTC"_s));
    QVERIFY(view.statusText().contains(u"2026-10-29 18:00 UTC"_s));
}

QTEST_MAIN(TestMarketView)
#include "tst_marketview.moc"
