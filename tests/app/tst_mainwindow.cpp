#include "app/layoutmanager.h"
#include "app/mainwindow.h"

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QPointer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QToolBar>

using namespace Qt::StringLiterals;
using namespace longshot::app;

class TestMainWindow final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void defaultPanels_data();
    void defaultPanels();
    void defaultArrangement();
    void addPanel();
    void addPanelRejectsBadNames();
    void replacePanelContent();
    void lockAction();
    void resetAction();
    void demoBanner();
    void offlineMode();
    void themeActions();
    void closingIsSignalled();
    void openDatabaseIsSignalled();
};

namespace {

QAction *action(const MainWindow &window, const QString &name) {
    return window.findChild<QAction *>(name);
}

QList<QAction *> panelActions(const MainWindow &window) {
    const auto *menu = window.findChild<QMenu *>(u"menuPanels"_s);
    return menu ? menu->actions() : QList<QAction *>{};
}

} // namespace

void TestMainWindow::defaultPanels_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("title");

    QTest::newRow("feed") << PanelName::WhaleFeed << u"Whale feed"_s;
    QTest::newRow("leaderboard") << PanelName::Leaderboard << u"Leaderboard"_s;
    QTest::newRow("profile") << PanelName::TraderProfile << u"Trader profile"_s;
    QTest::newRow("market") << PanelName::Market << u"Market"_s;
    QTest::newRow("watchlist") << PanelName::Watchlist << u"Watchlist"_s;
    QTest::newRow("alerts") << PanelName::Alerts << u"Alerts"_s;
    QTest::newRow("history") << PanelName::History << u"History"_s;
}

void TestMainWindow::defaultPanels() {
    QFETCH(QString, name);
    QFETCH(QString, title);
    MainWindow window;
    QDockWidget *dock = window.panel(name);
    QVERIFY(dock);
    QCOMPARE(dock->objectName(), name);
    QCOMPARE(dock->windowTitle(), title);
    QVERIFY(dock->widget());
    QCOMPARE(dock->widget()->objectName(), u"panelPlaceholder"_s);
    // The placeholder says what will appear here, as plain text.
    bool explained = false;
    for (const QLabel *label : dock->widget()->findChildren<QLabel *>()) {
        QCOMPARE(label->textFormat(), Qt::PlainText);
        explained = explained || label->text().size() > 40;
    }
    QVERIFY(explained);
    QVERIFY(panelActions(window).contains(dock->toggleViewAction()));
}

void TestMainWindow::defaultArrangement() {
    MainWindow window;
    window.restoreLayout({});
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.size(), MainWindow::kDefaultSize);

    QCOMPARE(window.dockWidgetArea(window.panel(PanelName::TraderProfile)), Qt::RightDockWidgetArea);
    QCOMPARE(window.dockWidgetArea(window.panel(PanelName::Market)), Qt::RightDockWidgetArea);
    QCOMPARE(window.dockWidgetArea(window.panel(PanelName::WhaleFeed)), Qt::LeftDockWidgetArea);
    const QList<QDockWidget *> withLeaderboard =
        window.tabifiedDockWidgets(window.panel(PanelName::Leaderboard));
    QVERIFY(withLeaderboard.contains(window.panel(PanelName::Watchlist)));
    QVERIFY(withLeaderboard.contains(window.panel(PanelName::Alerts)));
    QVERIFY(window.tabifiedDockWidgets(window.panel(PanelName::WhaleFeed))
                .contains(window.panel(PanelName::History)));

    // The feed gets most of the room.
    const QDockWidget *feed = window.panel(PanelName::WhaleFeed);
    const QDockWidget *profile = window.panel(PanelName::TraderProfile);
    QVERIFY2(feed->width() > profile->width(),
             qPrintable(u"%1 vs %2"_s.arg(feed->width()).arg(profile->width())));
    QVERIFY(feed->height() > window.panel(PanelName::Leaderboard)->height());
}

void TestMainWindow::addPanel() {
    MainWindow window;
    auto *content = new QLabel(u"chart"_s);
    QDockWidget *dock = window.addPanel(u"chartDock"_s, u"Chart"_s, content, Qt::RightDockWidgetArea);
    QVERIFY(dock);
    QCOMPARE(window.panel(u"chartDock"_s), dock);
    QCOMPARE(dock->widget(), content);
    QCOMPARE(dock->windowTitle(), u"Chart"_s);
    QCOMPARE(window.dockWidgetArea(dock), Qt::RightDockWidgetArea);
    QVERIFY(panelActions(window).contains(dock->toggleViewAction()));

    // Panels added later follow the lock.
    window.setPanelsLocked(true);
    QDockWidget *late = window.addPanel(u"lateDock"_s, u"Late"_s, new QLabel, Qt::BottomDockWidgetArea);
    QCOMPARE(late->features(), QDockWidget::NoDockWidgetFeatures);

    // The same name twice keeps one dock and takes the new content.
    auto *second = new QLabel(u"chart 2"_s);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"exists; replacing"_s));
    QCOMPARE(window.addPanel(u"chartDock"_s, u"Chart"_s, second, Qt::LeftDockWidgetArea), dock);
    QCOMPARE(dock->widget(), second);
    QCOMPARE(window.findChildren<QDockWidget *>(u"chartDock"_s).size(), 1);

    // A panel added before restoreLayout() is part of the default layout.
    window.restoreLayout({});
    QCOMPARE(window.dockWidgetArea(dock), Qt::RightDockWidgetArea);
}

void TestMainWindow::addPanelRejectsBadNames() {
    MainWindow window;
    const int before = window.findChildren<QDockWidget *>().size();
    QPointer<QLabel> content = new QLabel;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"needs an objectName"_s));
    QCOMPARE(window.addPanel(QString(), u"Nameless"_s, content, Qt::LeftDockWidgetArea), nullptr);
    QCOMPARE(window.findChildren<QDockWidget *>().size(), before);
    QVERIFY(content); // not leaked and not deleted: the window keeps it hidden
    QCOMPARE(content->parent(), &window);
}

void TestMainWindow::replacePanelContent() {
    MainWindow window;
    QPointer<QWidget> placeholder = window.panel(PanelName::Market)->widget();
    QVERIFY(placeholder);
    auto *market = new QLabel(u"market view"_s);
    window.replacePanelContent(PanelName::Market, market);
    QCOMPARE(window.panel(PanelName::Market)->widget(), market);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QVERIFY(placeholder.isNull());

    // Same content again: nothing is deleted.
    window.replacePanelContent(PanelName::Market, market);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QCOMPARE(window.panel(PanelName::Market)->widget(), market);

    QPointer<QLabel> stray = new QLabel;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"no panel named"_s));
    window.replacePanelContent(u"noSuchDock"_s, stray);
    QVERIFY(stray);
    QCOMPARE(stray->parent(), &window);
}

void TestMainWindow::lockAction() {
    MainWindow window;
    QAction *lock = action(window, u"actionLockPanels"_s);
    QVERIFY(lock);
    QVERIFY(lock->isCheckable());
    QSignalSpy changed(&window, &MainWindow::panelsLockedChanged);

    lock->trigger();
    QVERIFY(window.panelsLocked());
    QCOMPARE(changed.size(), 1);
    for (const QDockWidget *dock : window.findChildren<QDockWidget *>())
        QCOMPARE(dock->features(), QDockWidget::NoDockWidgetFeatures);

    // Locking from code (settings at start-up) checks the menu entry.
    window.setPanelsLocked(false);
    QVERIFY(!lock->isChecked());
    window.setPanelsLocked(true);
    QVERIFY(lock->isChecked());
    QCOMPARE(changed.size(), 3);
}

void TestMainWindow::resetAction() {
    MainWindow window;
    window.restoreLayout({});
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QDockWidget *profile = window.panel(PanelName::TraderProfile);
    window.addDockWidget(Qt::BottomDockWidgetArea, profile);
    window.panel(PanelName::WhaleFeed)->close();
    QCOMPARE(window.dockWidgetArea(profile), Qt::BottomDockWidgetArea);

    action(window, u"actionResetLayout"_s)->trigger();
    QCOMPARE(window.dockWidgetArea(profile), Qt::RightDockWidgetArea);
    QVERIFY(!window.panel(PanelName::WhaleFeed)->isHidden());
}

void TestMainWindow::demoBanner() {
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *bar = window.findChild<QToolBar *>(u"demoBannerBar"_s);
    QVERIFY(bar);
    QVERIFY(!bar->isVisible());
    QVERIFY(!window.windowTitle().contains(u"demo"_s));

    window.setDemoBanner(true);
    QVERIFY(window.isDemoBannerShown());
    QVERIFY(bar->isVisible());
    QVERIFY(window.windowTitle().contains(u"demo"_s));
    const auto *label = window.findChild<QLabel *>(u"demoBannerLabel"_s);
    QVERIFY(label);
    QVERIFY(label->text().contains(u"DEMO"_s));
    QVERIFY(label->text().contains(u"simulated"_s));
    // The user cannot hide it from the window's context menu.
    QVERIFY(!bar->toggleViewAction()->isVisible());

    // A layout saved during a demo run must not show the banner in a real run, and back.
    window.restoreLayout({});
    const QByteArray savedInDemo = window.saveLayout();
    window.setDemoBanner(false);
    QVERIFY(!bar->isVisible());
    QVERIFY(window.restoreLayout(savedInDemo));
    QVERIFY(!bar->isVisible());
    const QByteArray savedReal = window.saveLayout();
    window.setDemoBanner(true);
    QVERIFY(window.restoreLayout(savedReal));
    QVERIFY(bar->isVisible());
}

void TestMainWindow::offlineMode() {
    MainWindow window;
    QCOMPARE(window.windowTitle(), u"Longshot"_s);
    window.setOfflineMode(true);
    QVERIFY(window.isOfflineMode());
    QCOMPARE(window.windowTitle(), u"Longshot — offline"_s);
    window.setDemoBanner(true);
    QCOMPARE(window.windowTitle(), u"Longshot — demo — offline"_s);
    window.setDemoBanner(false);
    window.setOfflineMode(false);
    QCOMPARE(window.windowTitle(), u"Longshot"_s);
}

void TestMainWindow::themeActions() {
    MainWindow window;
    QSignalSpy requested(&window, &MainWindow::themeRequested);
    QAction *dark = action(window, u"actionTheme_dark"_s);
    QAction *light = action(window, u"actionTheme_light"_s);
    QAction *system = action(window, u"actionTheme_system"_s);
    QVERIFY(dark && light && system);
    QVERIFY(system->isChecked());

    dark->trigger();
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.at(0).at(0).value<ThemeChoice>(), ThemeChoice::Dark);
    QVERIFY(dark->isChecked());
    QVERIFY(!system->isChecked());

    // Reflecting a choice made elsewhere does not ask for it again.
    window.setThemeChoice(ThemeChoice::Light);
    QVERIFY(light->isChecked());
    QVERIFY(!dark->isChecked());
    QCOMPARE(requested.size(), 1);
}

void TestMainWindow::closingIsSignalled() {
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy closing(&window, &MainWindow::closing);
    action(window, u"actionQuit"_s)->trigger();
    QCOMPARE(closing.size(), 1);
    QVERIFY(!window.isVisible());
}

void TestMainWindow::openDatabaseIsSignalled() {
    MainWindow window;
    QSignalSpy requested(&window, &MainWindow::openDatabaseRequested);
    action(window, u"actionOpenDatabase"_s)->trigger();
    QCOMPARE(requested.size(), 1);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
