#include "views/whalefeedview.h"

#include "models/whalefeedfilter.h"
#include "models/whalefeedmodel.h"
#include "tests/models/tradefactory.h"
#include "tests/support/modeltester.h"
#include "tests/support/testdata.h"
#include "views/emptystate.h"
#include "views/flashdelegate.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTableView>
#include <QTest>
#include <QTimer>

using namespace longshot;
using namespace longshot::test;
using namespace longshot::views;
using namespace Qt::StringLiterals;
using Column = WhaleFeedModel::Column;

namespace {

constexpr qint64 kT0 = 1'790'262'855'000;

TradeBatch rising(int firstId, int count, qint64 fromMs) {
    TradeBatch b;
    for (int i = 0; i < count; ++i)
        b << polyTrade(firstId + i, fromMs + i * 1'000);
    return b;
}

QString txAtTop(const QTableView *table) {
    const int row = table->rowAt(0);
    return row < 0 ? QString() : table->model()->index(row, 0).data(WhaleFeedModel::TxRole).toString();
}

QAction *action(QMenu *menu, const QString &name) {
    for (QAction *a : menu->actions())
        if (a->objectName() == name)
            return a;
    return nullptr;
}

// Real captured whale trades (data API) plus the RTDS fills, turned into domain trades the
// way the parsers would; Kalshi rows are added so both venues appear on the tape.
TradeBatch capturedTrades() {
    TradeBatch out;
    const auto toTrade = [](const QJsonObject &o, TradeSource source) {
        Trade t;
        t.venue = Venue::Polymarket;
        t.source = source;
        t.side = o.value(u"side").toString() == u"SELL" ? Side::Sell : Side::Buy;
        t.price = Decimal::parse(QString::number(o.value(u"price").toDouble(), 'g', 12)).value;
        t.size = Decimal::parse(QString::number(o.value(u"size").toDouble(), 'g', 15)).value;
        t.timestampMs = qint64(o.value(u"timestamp").toDouble()) * 1'000;
        t.marketId = o.value(u"conditionId").toString();
        t.assetId = o.value(u"asset").toString();
        t.txId = TxId::fromText(o.value(u"transactionHash").toString());
        t.wallet = Wallet::parse(o.value(u"proxyWallet").toString()).value_or(Wallet());
        t.outcome = o.value(u"outcome").toString();
        t.outcomeIndex = o.value(u"outcomeIndex").toInt(-1);
        t.marketTitle = o.value(u"title").toString();
        t.marketSlug = o.value(u"slug").toString();
        t.eventSlug = o.value(u"eventSlug").toString();
        t.traderName = o.value(u"name").toString();
        t.traderPseudonym = o.value(u"pseudonym").toString();
        if (o.contains(u"fee"))
            t.fee = Decimal::parse(QString::number(o.value(u"fee").toDouble(), 'g', 12)).value;
        return t;
    };
    const QJsonArray rest =
        QJsonDocument::fromJson(readData(u"polymarket/data_api_trades_large_whalescan.json"_s)).array();
    for (const QJsonValue &v : rest)
        out << toTrade(v.toObject(), TradeSource::Rest);
    const QJsonArray rtds =
        QJsonDocument::fromJson(readData(u"polymarket/rtds_activity_trades_whalescan.json"_s)).array();
    for (const QJsonValue &v : rtds)
        out << toTrade(v.toObject().value(u"payload").toObject(), TradeSource::Rtds);
    const char *kalshi[][3] = {{"0.42", "5000", "b"},
                               {"0.87", "12500", "s"},
                               {"0.06", "40000", "b"},
                               {"0.55", "2400", "b"},
                               {"0.31", "9000", "s"}};
    int id = 1;
    for (const auto &k : kalshi) {
        Trade t =
            kalshiTrade(id, rest.first().toObject().value(u"timestamp").toInteger() * 1'000 + id * 37'000,
                        k[0], k[1], k[2][0] == 's' ? Side::Sell : Side::Buy);
        if (id % 2 == 0)
            t.marketId = u"KXFEDDECISION-26DEC-H0"_s;
        out << t;
        ++id;
    }
    return out;
}

QPalette darkPalette() {
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x1E, 0x20, 0x24));
    p.setColor(QPalette::WindowText, QColor(0xE6, 0xE6, 0xE6));
    p.setColor(QPalette::Base, QColor(0x16, 0x18, 0x1C));
    p.setColor(QPalette::AlternateBase, QColor(0x1D, 0x20, 0x25));
    p.setColor(QPalette::Text, QColor(0xE6, 0xE6, 0xE6));
    p.setColor(QPalette::Button, QColor(0x2A, 0x2D, 0x32));
    p.setColor(QPalette::ButtonText, QColor(0xE6, 0xE6, 0xE6));
    p.setColor(QPalette::Highlight, QColor(0x2F, 0x5F, 0x9E));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::PlaceholderText, QColor(0x8A, 0x8F, 0x98));
    p.setColor(QPalette::ToolTipBase, QColor(0x2A, 0x2D, 0x32));
    p.setColor(QPalette::ToolTipText, QColor(0xE6, 0xE6, 0xE6));
    return p;
}

} // namespace

class TestWhaleFeedView : public QObject {
    Q_OBJECT
public:
    static void initMain() { qputenv("TZ", "UTC"); }

private Q_SLOTS:
    void init() {
        m_model = std::make_unique<WhaleFeedModel>();
        m_view = std::make_unique<WhaleFeedView>(m_model.get());
        m_tester = attachModelTester(m_view->filter());
        m_view->resize(1100, 360);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    }
    void cleanup() {
        m_tester.reset();
        m_view.reset();
        m_model.reset();
    }

    void tableSetup() {
        QTableView *t = m_view->table();
        QCOMPARE(t->model(), static_cast<QAbstractItemModel *>(m_view->filter()));
        QCOMPARE(t->verticalHeader()->sectionResizeMode(0), QHeaderView::Fixed);
        QVERIFY(t->alternatingRowColors());
        QCOMPARE(t->selectionBehavior(), QAbstractItemView::SelectRows);
        QVERIFY(!t->isSortingEnabled());
        for (int c = 0; c < WhaleFeedModel::kColumnCount; ++c)
            QVERIFY(t->horizontalHeader()->sectionResizeMode(c) != QHeaderView::ResizeToContents);
        QCOMPARE(m_view->findChild<QLineEdit *>(u"search"_s)->placeholderText(),
                 u"Filter market or trader…"_s);
    }

    void emptyStateToggles() {
        QVERIFY(m_view->isShowingEmptyState());
        m_model->appendBatch({polyTrade(1, kT0, "0.5", "10")}); // $5: below the display threshold
        QVERIFY(m_view->isShowingEmptyState());
        m_model->appendBatch({polyTrade(2, kT0, "0.5", "10000")});
        QVERIFY(!m_view->isShowingEmptyState());
        m_view->setMinNotional(dec("100000"));
        QVERIFY(m_view->isShowingEmptyState());
        m_view->setMinNotional(dec("1000"));
        QVERIFY(!m_view->isShowingEmptyState());
        m_model->clear();
        QVERIFY(m_view->isShowingEmptyState());
    }

    void staysAtTopWhileUserIsThere() {
        m_model->appendBatch(rising(1, 100, kT0));
        QTableView *t = m_view->table();
        QVERIFY(m_view->isAtTop());
        m_model->appendBatch(rising(1'000, 5, kT0 + 200'000));
        QVERIFY(m_view->isAtTop());
        QCOMPARE(txAtTop(t), polyTrade(1'004, 0).txId.text());
        // The tail timer keeps it there after layout settles.
        QTest::qWait(150);
        QVERIFY(m_view->isAtTop());
        QCOMPARE(txAtTop(t), polyTrade(1'004, 0).txId.text());
    }

    void holdsStillWhenScrolledDown() {
        m_model->appendBatch(rising(1, 100, kT0));
        QTableView *t = m_view->table();
        t->verticalScrollBar()->setValue(20);
        const QString reading = txAtTop(t);
        QVERIFY(!reading.isEmpty());
        QVERIFY(!m_view->isAtTop());
        m_model->appendBatch(rising(1'000, 5, kT0 + 200'000));
        QCOMPARE(txAtTop(t), reading);
        // A batch the filter partly hides shifts by the rows that became visible only.
        m_model->appendBatch({polyTrade(2'000, kT0 + 300'000), polyTrade(2'001, kT0 + 300'001, "0.5", "10")});
        QCOMPARE(txAtTop(t), reading);
        QTest::qWait(150);
        QCOMPARE(txAtTop(t), reading);
        QVERIFY(!m_view->isAtTop());
        // Back at the top, the view follows again.
        t->scrollToTop();
        m_model->appendBatch(rising(3'000, 2, kT0 + 400'000));
        QCOMPARE(txAtTop(t), polyTrade(3'001, 0).txId.text());
    }

    void holdsStillNearTheBottom() {
        // Compensation must not be clamped by the old scroll range.
        m_model->appendBatch(rising(1, 60, kT0));
        QTableView *t = m_view->table();
        t->scrollToBottom();
        const QString reading = txAtTop(t);
        m_model->appendBatch(rising(1'000, 10, kT0 + 200'000));
        QCOMPARE(txAtTop(t), reading);
    }

    void filterBarDrivesTheProxy() {
        QSignalSpy minChanged(m_view.get(), &WhaleFeedView::minNotionalChanged);
        auto *spin = m_view->findChild<QDoubleSpinBox *>(u"minNotional"_s);
        QVERIFY(spin);
        QCOMPARE(spin->text(), u"$1,000"_s);
        spin->setValue(25'000);
        QCOMPARE(m_view->filter()->minNotional(), dec("25000"));
        QCOMPARE(minChanged.count(), 1);
        QCOMPARE(minChanged.first().first().value<Decimal>(), dec("25000"));
        QCOMPARE(spin->text(), u"$25,000"_s);
        // Restoring a preference keeps the exact value and is not reported as a user edit.
        m_view->setMinNotional(dec("2500.75"));
        QCOMPARE(m_view->filter()->minNotional(), dec("2500.75"));
        QCOMPARE(spin->text(), u"$2,501"_s);
        QCOMPARE(minChanged.count(), 1);

        auto *side = m_view->findChild<QComboBox *>(u"side"_s);
        side->setCurrentIndex(2);
        QCOMPARE(m_view->filter()->side(), std::optional<Side>(Side::Sell));
        side->setCurrentIndex(0);
        QVERIFY(!m_view->filter()->side());

        auto *venue = m_view->findChild<QComboBox *>(u"venue"_s);
        venue->setCurrentIndex(2);
        QCOMPARE(m_view->filter()->venue(), std::optional<Venue>(Venue::Kalshi));

        auto *search = m_view->findChild<QLineEdit *>(u"search"_s);
        QTest::keyClicks(search, u"braves"_s);
        QCOMPARE(m_view->filter()->text(), u"braves"_s);
    }

    void contextMenuCopies() {
        Trade whale = polyTrade(1, kT0);
        whale.fee = dec("1.5");
        m_model->appendBatch({whale, kalshiTrade(2, kT0 - 1, "0.5", "10000")});
        const QModelIndex polyRow = m_view->filter()->index(0, 3);
        std::unique_ptr<QMenu> menu(m_view->createContextMenu(polyRow, nullptr));
        QClipboard *clip = QGuiApplication::clipboard();

        action(menu.get(), u"copyWallet"_s)->trigger();
        QCOMPARE(clip->text(), u"0xa71093cafc0c099b4ccab24c3cb8018d817923c4"_s);
        action(menu.get(), u"copyTx"_s)->trigger();
        QCOMPARE(clip->text(), whale.txId.text());
        action(menu.get(), u"copyRow"_s)->trigger();
        QCOMPARE(clip->text(), WhaleFeedView::rowText(whale));
        QCOMPARE(clip->text().split(u'\t'),
                 (QStringList{u"2026-09-24T15:14:15.000Z"_s, u"polymarket"_s,
                              u"Cincinnati Reds vs. Atlanta Braves"_s, u"Atlanta Braves"_s, u"BUY"_s,
                              u"0.68"_s, u"8643"_s, u"5877.24"_s, u"Talvez10"_s,
                              u"0xa71093cafc0c099b4ccab24c3cb8018d817923c4"_s, whale.txId.text()}));
        QCOMPARE(action(menu.get(), u"openMarket"_s)->data().toUrl(),
                 QUrl(u"https://polymarket.com/event/mlb-cin-atl-2026-09-24"_s));
        QCOMPARE(action(menu.get(), u"openTrader"_s)->data().toUrl(),
                 QUrl(u"https://polymarket.com/profile/0xa71093cafc0c099b4ccab24c3cb8018d817923c4"_s));
        QVERIFY(action(menu.get(), u"openMarket"_s)->isEnabled());

        // Kalshi: anonymous, no polymarket.com links; the trade id is still copyable.
        std::unique_ptr<QMenu> kalshiMenu(m_view->createContextMenu(m_view->filter()->index(1, 0), nullptr));
        QVERIFY(!action(kalshiMenu.get(), u"copyWallet"_s)->isEnabled());
        QVERIFY(!action(kalshiMenu.get(), u"openMarket"_s)->isEnabled());
        QVERIFY(!action(kalshiMenu.get(), u"openTrader"_s)->isEnabled());
        action(kalshiMenu.get(), u"copyTx"_s)->trigger();
        QCOMPARE(clip->text(), kalshiTrade(2, 0).txId.text());
    }

    void copyShortcutCopiesSelectedRows() {
        const Trade a = polyTrade(1, kT0);
        const Trade b = polyTrade(2, kT0 + 1'000, "0.2", "50000", Side::Sell);
        m_model->appendBatch({a, b, polyTrade(3, kT0 - 1'000)});
        QTableView *t = m_view->table();
        t->selectRow(0);
        t->selectionModel()->select(t->model()->index(1, 0),
                                    QItemSelectionModel::Select | QItemSelectionModel::Rows);
        t->setFocus();
        QTest::keySequence(t, QKeySequence::Copy);
        QCOMPARE(QGuiApplication::clipboard()->text(),
                 WhaleFeedView::rowText(b) + u'\n' + WhaleFeedView::rowText(a));
    }

    void emptyStateNamesTheThreshold() {
        auto *empty = m_view->findChild<EmptyState *>();
        QVERIFY(empty);
        QLabel *explanation = nullptr;
        for (QLabel *l : empty->findChildren<QLabel *>())
            if (l->wordWrap())
                explanation = l;
        QVERIFY(explanation);
        QVERIFY(explanation->text().startsWith(
            u"Trades of $1,000 and more appear here the moment they happen"_s));
        m_view->setMinNotional(dec("25000"));
        QVERIFY(explanation->text().startsWith(u"Trades of $25,000 and more"_s));
        m_model->appendBatch({polyTrade(1, kT0)}); // $5,877: in the window, filtered out
        QVERIFY(m_view->isShowingEmptyState());
        QVERIFY(explanation->text().startsWith(u"Nothing in the window matches the current filters."_s));
    }

    void linksRejectHostileSlugs_data() {
        QTest::addColumn<QString>("slug");
        QTest::addColumn<bool>("valid");
        QTest::newRow("normal") << u"mlb-cin-atl-2026-09-24"_s << true;
        QTest::newRow("traversal") << u"../../settings"_s << false;
        QTest::newRow("other host") << u"x@evil.example"_s << false;
        QTest::newRow("query") << u"a?b=c"_s << false;
        QTest::newRow("empty") << QString() << false;
    }
    void linksRejectHostileSlugs() {
        QFETCH(QString, slug);
        QFETCH(bool, valid);
        Trade t = polyTrade(1, kT0);
        t.eventSlug = slug;
        const QUrl url = WhaleFeedView::marketUrl(t);
        QCOMPARE(!url.isEmpty(), valid);
        if (valid)
            QCOMPARE(url.host(), u"polymarket.com"_s);
    }

    void rowTextKeepsOneLine() {
        Trade t = polyTrade(1, kT0);
        t.marketTitle = u"Tabs\there and\nnewlines"_s;
        const QString line = WhaleFeedView::rowText(t);
        QVERIFY(!line.contains(u'\n'));
        QCOMPARE(line.count(u'\t'), 10);
    }

    void doubleClickActivates() {
        m_model->appendBatch({polyTrade(1, kT0)});
        QSignalSpy trader(m_view.get(), &WhaleFeedView::traderActivated);
        QSignalSpy market(m_view.get(), &WhaleFeedView::marketActivated);
        QTableView *t = m_view->table();
        const auto click = [t](int column) {
            const QRect r = t->visualRect(t->model()->index(0, column));
            // QAbstractItemView only treats a double click on the index it saw pressed.
            QTest::mouseClick(t->viewport(), Qt::LeftButton, {}, r.center());
            QTest::mouseDClick(t->viewport(), Qt::LeftButton, {}, r.center());
        };
        click(WhaleFeedModel::column(Column::Trader));
        QCOMPARE(trader.count(), 1);
        QCOMPARE(trader.first().first().toString(), u"0xa71093cafc0c099b4ccab24c3cb8018d817923c4"_s);
        click(WhaleFeedModel::column(Column::Market));
        QCOMPARE(market.count(), 1);
        QCOMPARE(market.first().first().toString(), polyTrade(1, kT0).marketId);
        QCOMPARE(trader.count(), 1);
    }

    void flashFadesForWhalesOnly() {
        m_view->setMinNotional(dec("0"));
        m_model->appendBatch({polyTrade(1, kT0), polyTrade(2, kT0 - 1, "0.5", "10")});
        FlashDelegate *d = m_view->flashDelegate();
        const QModelIndex whale = m_view->filter()->index(0, 0);
        const QModelIndex minnow = m_view->filter()->index(1, 0);
        const qint64 arrival = whale.data(WhaleFeedModel::ArrivalMsRole).toLongLong();
        QCOMPARE(d->flashStrength(whale, arrival), 1.0);
        QCOMPARE(d->flashStrength(whale, arrival + FlashDelegate::kFlashMs / 2), 0.5);
        QCOMPARE(d->flashStrength(whale, arrival + FlashDelegate::kFlashMs), 0.0);
        QCOMPARE(d->flashStrength(minnow, arrival), 0.0);
    }

    void flashIsPainted() {
        m_model->appendBatch({polyTrade(1, kT0)});
        FlashDelegate *d = m_view->flashDelegate();
        const qint64 arrival = m_view->filter()->index(0, 0).data(WhaleFeedModel::ArrivalMsRole).toLongLong();
        QTableView *t = m_view->table();
        // Sample an empty strip of the Market cell, right of its text.
        const QRect cell = t->visualRect(t->model()->index(0, WhaleFeedModel::column(Column::Market)));
        const QPoint probe(cell.right() - 4, cell.center().y());
        const auto sample = [&](qint64 now) {
            d->setClock([now] { return now; });
            t->viewport()->repaint();
            return t->viewport()->grab().toImage().pixelColor(probe);
        };
        const QColor fresh = sample(arrival);
        const QColor faded = sample(arrival + 10 * FlashDelegate::kFlashMs);
        QCOMPARE(faded, t->palette().color(QPalette::Base));
        QVERIFY2(fresh.red() > fresh.blue() + 20, qPrintable(fresh.name())); // amber tint
    }

    void flashTimerStopsWhenIdle() {
        auto *tick = m_view->findChild<QTimer *>(u"repaintTick"_s);
        QVERIFY(tick);
        QVERIFY(!tick->isActive());
        m_model->appendBatch({polyTrade(1, kT0)});
        QVERIFY(tick->isActive());
        QTRY_VERIFY_WITH_TIMEOUT(!tick->isActive(), 5'000);
    }

    void tooltipsArePlainText() {
        const QString hostile = u"<img src=x> & <b>bold</b>\nline two"_s;
        const QString html = plainTextToolTip(hostile);
        QVERIFY(!html.contains(u"<img"_s));
        QVERIFY(!html.contains(u"<b>"_s));
        QVERIFY(html.contains(u"&lt;img src=x&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"_s));
    }

    void headerStateRoundTrips() {
        QTableView *t = m_view->table();
        t->setColumnWidth(0, 123);
        const QByteArray state = m_view->saveHeaderState();
        t->setColumnWidth(0, 50);
        QVERIFY(m_view->restoreHeaderState(state));
        QCOMPARE(t->columnWidth(0), 123);
    }

    // Renders the tape with real captured trades in a light and a dark palette. Writes the
    // PNGs only when LONGSHOT_SCREENSHOT_DIR is set, for a human to look at.
    void renders_data() {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }
    void renders() {
        QFETCH(bool, dark);
        QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
        const QPalette original = QApplication::palette();
        QApplication::setPalette(dark ? darkPalette() : QApplication::style()->standardPalette());
        m_view->resize(1280, 620);
        const QByteArray dir = qgetenv("LONGSHOT_SCREENSHOT_DIR");
        if (!dir.isEmpty() && !dark)
            QVERIFY(m_view->grab().save(QString::fromLocal8Bit(dir) + u"/whalefeed-empty.png"_s));
        const TradeBatch trades = capturedTrades();
        QCOMPARE(trades.size(), 30);
        m_view->setMinNotional(dec("500"));
        // Older history first, then a fresh batch that is still flashing.
        m_model->appendBatch(trades.mid(0, 26));
        QTest::qWait(1'700);
        m_model->appendBatch(trades.mid(26));
        QCOMPARE(m_model->rowCount(), 30);
        QVERIFY(m_view->filter()->rowCount() > 20);
        const QImage shot = m_view->grab().toImage();
        QVERIFY(!shot.isNull());
        if (!dir.isEmpty())
            QVERIFY(shot.save(QString::fromLocal8Bit(dir) +
                              (dark ? u"/whalefeed-dark.png"_s : u"/whalefeed-light.png"_s)));
        QApplication::setPalette(original);
    }

private:
    std::unique_ptr<WhaleFeedModel> m_model;
    std::unique_ptr<WhaleFeedView> m_view;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_MAIN(TestWhaleFeedView)
#include "tst_whalefeedview.moc"
