#include "app/linkhub.h"
#include "app/mainwindow.h"
#include "models/watchlistmodel.h"
#include "models/whalefeedmodel.h"
#include "views/docktitlebar.h"
#include "views/linkgroupbutton.h"
#include "views/watchlistview.h"
#include "views/whalefeedview.h"

#include "tests/models/tradefactory.h"

#include <QAction>
#include <QDockWidget>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace longshot;
using namespace longshot::app;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kT0 = 1'790'262'855'000;
const QString kWallet = u"0xa71093cafc0c099b4ccab24c3cb8018d817923c4"_s;
const QString kMarket = u"0xa69826a08aefbfb213677dc6c9e1203c53aef78aaf43a3728bce502b4e37d6ee"_s;

// The window with a tape in the feed dock, a watchlist in its dock, and the hub over both;
// what reaches the market and profile docks is recorded.
struct Fixture {
    QTemporaryDir dir;
    std::unique_ptr<QSettings> store =
        std::make_unique<QSettings>(dir.filePath(u"longshot.ini"_s), QSettings::IniFormat);
    MainWindow window;
    WhaleFeedModel tape;
    WatchlistModel watchlist;
    views::WhaleFeedView *feed = new views::WhaleFeedView(&tape);
    views::WatchlistView *follows = new views::WatchlistView(&watchlist);
    std::unique_ptr<LinkHub> hub;
    QList<LinkedMarket> markets;
    QList<LinkedTrader> traders;

    Fixture() {
        window.replacePanelContent(PanelName::WhaleFeed, feed);
        window.replacePanelContent(PanelName::Watchlist, follows);
        makeHub();
        tape.appendBatch(
            {test::polyTrade(1, kT0), test::polyTrade(2, kT0 + 1), test::kalshiTrade(3, kT0 + 2)});
    }
    void makeHub() {
        hub = std::make_unique<LinkHub>(store.get(), window);
        hub->onMarket(PanelName::Market, hub.get(), [this](const LinkedMarket &m) { markets << m; });
        hub->onTrader(PanelName::TraderProfile, hub.get(), [this](const LinkedTrader &t) { traders << t; });
    }
    void selectFeedRow(int row) {
        QTableView *table = feed->table();
        table->setCurrentIndex(table->model()->index(row, 0));
    }
    views::LinkGroupButton *button(const QString &dock) const {
        return window.panel(dock)->findChild<views::LinkGroupButton *>();
    }
    void choose(const QString &dock, LinkGroup group) const {
        QAction *action = button(dock)->menu()->findChild<QAction *>(u"linkGroup_"_s + linkGroupName(group));
        QVERIFY(action);
        action->trigger();
    }
};

} // namespace

class TstLinkHub final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyDockGetsATitleBar() {
        Fixture f;
        for (QDockWidget *dock : f.window.findChildren<QDockWidget *>()) {
            auto *bar = qobject_cast<views::DockTitleBar *>(dock->titleBarWidget());
            QVERIFY2(bar, qPrintable(dock->objectName()));
            QCOMPARE(bar->title(), dock->windowTitle());
        }
        for (const QString &name : {PanelName::WhaleFeed, PanelName::Market, PanelName::TraderProfile,
                                    PanelName::Watchlist, PanelName::Alerts, PanelName::History}) {
            QVERIFY2(f.button(name), qPrintable(name));
            QCOMPARE(f.button(name)->group(), LinkHub::kDefaultGroup);
        }
    }

    void lockedDocksHideFloatAndClose() {
        Fixture f;
        f.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&f.window));
        QDockWidget *dock = f.window.panel(PanelName::Market);
        auto *close = dock->titleBarWidget()->findChild<QWidget *>(u"dockCloseButton"_s);
        QVERIFY(close && close->isVisible());
        f.window.setPanelsLocked(true);
        QVERIFY(!close->isVisible());
        f.window.setPanelsLocked(false);
        QVERIFY(close->isVisible());
    }

    void selectionAt_data() {
        QTest::addColumn<int>("row");
        QTest::addColumn<QString>("wallet");
        QTest::addColumn<int>("venue");
        // Row 0 is the newest: the Kalshi fill, anonymous, selects its market only.
        QTest::newRow("kalshi") << 0 << QString() << int(Venue::Kalshi);
        QTest::newRow("polymarket") << 1 << test::polyTrade(2, kT0 + 1).wallet.address()
                                    << int(Venue::Polymarket);
    }
    void selectionAt() {
        QFETCH(int, row);
        QFETCH(QString, wallet);
        QFETCH(int, venue);
        Fixture f;
        const auto [trader, market] = LinkHub::selectionAt(f.feed->table()->model()->index(row, 3));
        QCOMPARE(trader.wallet, wallet);
        QCOMPARE(int(market.venue), venue);
        QCOMPARE(market.marketId, f.tape.tradeAt(row).marketId);
        QCOMPARE(market.title, f.tape.tradeAt(row).marketTitle);
    }

    void feedSelectionDrivesMarketAndProfile() {
        Fixture f;
        f.selectFeedRow(1);
        QCOMPARE(f.markets.size(), 1);
        QCOMPARE(f.markets.at(0).marketId, f.tape.tradeAt(1).marketId);
        QCOMPARE(f.traders.size(), 1);
        QCOMPARE(f.traders.at(0).wallet, f.tape.tradeAt(1).wallet.address());
    }

    void otherColourDoesNotReach() {
        Fixture f;
        f.choose(PanelName::WhaleFeed, LinkGroup::Red);
        f.selectFeedRow(1);
        QVERIFY(f.markets.isEmpty());
        QVERIFY(f.traders.isEmpty());
        // The market dock joins red and picks up what red is looking at.
        f.choose(PanelName::Market, LinkGroup::Red);
        QCOMPARE(f.markets.size(), 1);
        QCOMPARE(f.markets.at(0).marketId, f.tape.tradeAt(1).marketId);
        QVERIFY(f.traders.isEmpty());
    }

    void unlinkedDockIgnores() {
        Fixture f;
        f.choose(PanelName::TraderProfile, LinkGroup::None);
        f.selectFeedRow(1);
        QCOMPARE(f.markets.size(), 1);
        QVERIFY(f.traders.isEmpty());
        f.choose(PanelName::WhaleFeed, LinkGroup::None);
        QTest::qWait(LinkHub::kSettleMs + 50);
        f.selectFeedRow(2);
        QCOMPARE(f.markets.size(), 1); // an unlinked source publishes nowhere
    }

    void watchlistRowsPublishTheirKind() {
        Fixture f;
        QVERIFY(f.watchlist.follow(WatchlistModel::Kind::Wallet, kWallet, u"whale"_s));
        QVERIFY(f.watchlist.follow(WatchlistModel::Kind::Market, kMarket, u"Reds vs. Braves"_s));
        QTableView *table = f.follows->table();
        for (int r = 0; r < table->model()->rowCount(); ++r) {
            QTest::qWait(LinkHub::kSettleMs + 50);
            table->setCurrentIndex(table->model()->index(r, 1));
        }
        QTest::qWait(LinkHub::kSettleMs + 50);
        QCOMPARE(f.traders.size(), 1);
        QCOMPARE(f.traders.at(0).wallet, kWallet);
        QCOMPARE(f.markets.size(), 1);
        QCOMPARE(f.markets.at(0).marketId, kMarket);
        QCOMPARE(f.markets.at(0).venue, Venue::Polymarket);
    }

    // Arrowing down the tape opens the first and the last row's market, not every one.
    void sinksAreThrottled() {
        Fixture f;
        QList<Trade> batch;
        for (int i = 10; i < 30; ++i)
            batch << test::polyTrade(i, kT0 + i);
        for (int i = 0; i < batch.size(); ++i)
            batch[i].marketId = u"0xmarket%1"_s.arg(i);
        f.tape.appendBatch(batch);
        for (int r = 0; r < 20; ++r)
            f.selectFeedRow(r);
        QCOMPARE(f.markets.size(), 1);
        QTRY_COMPARE(f.markets.size(), 2);
        QCOMPARE(f.markets.last().marketId, f.tape.tradeAt(19).marketId);
    }

    void groupSavedPerDock() {
        Fixture f;
        f.choose(PanelName::Market, LinkGroup::Yellow);
        f.choose(PanelName::History, LinkGroup::None);
        QCOMPARE(f.store->value(LinkHub::groupKey(PanelName::Market)).toString(), u"yellow"_s);
        f.hub.reset();
        // A damaged value falls back to the default.
        f.store->setValue(LinkHub::groupKey(PanelName::Alerts), u"purple"_s);
        MainWindow again;
        LinkHub reopened(f.store.get(), again);
        QCOMPARE(reopened.endpoint(PanelName::Market)->group(), LinkGroup::Yellow);
        QCOMPARE(reopened.endpoint(PanelName::History)->group(), LinkGroup::None);
        QCOMPARE(reopened.endpoint(PanelName::Alerts)->group(), LinkHub::kDefaultGroup);
        QCOMPARE(again.panel(PanelName::Market)->findChild<views::LinkGroupButton *>()->group(),
                 LinkGroup::Yellow);
    }
};

QTEST_MAIN(TstLinkHub)
#include "tst_linkhub.moc"
