#include "app/layoutmanager.h"

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QMainWindow>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using longshot::app::LayoutManager;

namespace {

// A window with three docks in their default places: feed left, profile right, alerts bottom.
struct Fixture {
    std::unique_ptr<QMainWindow> window = std::make_unique<QMainWindow>();
    LayoutManager *layout = new LayoutManager(window.get());
    QDockWidget *feed = addDock(u"feedDock"_s, Qt::LeftDockWidgetArea);
    QDockWidget *profile = addDock(u"profileDock"_s, Qt::RightDockWidgetArea);
    QDockWidget *alerts = addDock(u"alertsDock"_s, Qt::BottomDockWidgetArea);

    Fixture() {
        window->resize(900, 600);
        layout->captureDefault();
    }

    QDockWidget *addDock(const QString &name, Qt::DockWidgetArea area) {
        auto *dock = new QDockWidget(name, window.get());
        dock->setObjectName(name);
        dock->setWidget(new QLabel(name));
        window->addDockWidget(area, dock);
        return dock;
    }

    // The user's own arrangement: profile moved to the bottom, alerts closed.
    void rearrange() {
        window->addDockWidget(Qt::BottomDockWidgetArea, profile);
        alerts->close();
    }

    void verifyDefault() const {
        QCOMPARE(window->dockWidgetArea(feed), Qt::LeftDockWidgetArea);
        QCOMPARE(window->dockWidgetArea(profile), Qt::RightDockWidgetArea);
        QCOMPARE(window->dockWidgetArea(alerts), Qt::BottomDockWidgetArea);
        QVERIFY(!alerts->isHidden());
        QVERIFY(!profile->isHidden());
    }
};

} // namespace

class TestLayout final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void saveRestoreRoundTrip();
    void unusableStateFallsBackToDefault_data();
    void unusableStateFallsBackToDefault();
    void resetToDefault();
    void lockTogglesFeatures();
    void lockAppliesToLaterDocks();
};

void TestLayout::saveRestoreRoundTrip() {
    QByteArray saved;
    {
        Fixture first;
        first.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(first.window.get()));
        first.rearrange();
        saved = first.layout->save();
        QVERIFY(!saved.isEmpty());
        QVERIFY(saved != first.layout->defaultState());
    }

    Fixture second; // a fresh run: docks created in their default places again
    second.window->show();
    QVERIFY(QTest::qWaitForWindowExposed(second.window.get()));
    QSignalSpy applied(second.layout, &LayoutManager::layoutApplied);
    QVERIFY(second.layout->restore(saved));
    QCOMPARE(applied.size(), 1);
    QCOMPARE(applied.at(0).at(0).toBool(), false);
    QCOMPARE(second.window->dockWidgetArea(second.feed), Qt::LeftDockWidgetArea);
    QCOMPARE(second.window->dockWidgetArea(second.profile), Qt::BottomDockWidgetArea);
    QVERIFY(second.alerts->isHidden());
}

void TestLayout::unusableStateFallsBackToDefault_data() {
    QTest::addColumn<QByteArray>("state");

    QTest::newRow("empty") << QByteArray();
    QTest::newRow("garbage") << QByteArray("\x00\x00\x00\xffnot a window state at all", 28);
    QTest::newRow("base64 text") << QByteArray("AAAA/wAAAAD9AAAAAQAAAAAAAAB8");
    // A real state, cut in half: what a crash while writing the settings file leaves behind.
    QByteArray truncated;
    QByteArray otherVersion;
    {
        Fixture f;
        f.rearrange();
        const QByteArray full = f.layout->save();
        truncated = full.left(full.size() / 2);
        otherVersion = f.window->saveState(LayoutManager::kLayoutVersion + 1);
    }
    QTest::newRow("truncated") << truncated;
    QTest::newRow("other layout version") << otherVersion;
}

void TestLayout::unusableStateFallsBackToDefault() {
    QFETCH(QByteArray, state);
    Fixture f;
    f.window->show();
    QVERIFY(QTest::qWaitForWindowExposed(f.window.get()));
    f.rearrange();
    QCOMPARE(f.window->dockWidgetArea(f.profile), Qt::BottomDockWidgetArea);

    QSignalSpy applied(f.layout, &LayoutManager::layoutApplied);
    QVERIFY(!f.layout->restore(state));
    QCOMPARE(applied.size(), 1);
    QCOMPARE(applied.at(0).at(0).toBool(), true);
    f.verifyDefault();
}

void TestLayout::resetToDefault() {
    Fixture f;
    f.window->show();
    QVERIFY(QTest::qWaitForWindowExposed(f.window.get()));
    f.rearrange();
    f.layout->resetToDefault();
    f.verifyDefault();
}

void TestLayout::lockTogglesFeatures() {
    Fixture f;
    const QList<QDockWidget *> docks{f.feed, f.profile, f.alerts};
    QSignalSpy changed(f.layout, &LayoutManager::lockedChanged);

    f.layout->setLocked(true);
    QVERIFY(f.layout->isLocked());
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toBool(), true);
    for (QDockWidget *dock : docks) {
        QCOMPARE(dock->features(), QDockWidget::NoDockWidgetFeatures);
        // Panels can still be shown and hidden from View > Panels while locked.
        QVERIFY(dock->toggleViewAction()->isEnabled());
    }

    f.layout->setLocked(true); // no change, no signal
    QCOMPARE(changed.size(), 1);

    f.layout->setLocked(false);
    QCOMPARE(changed.size(), 2);
    QCOMPARE(changed.at(1).at(0).toBool(), false);
    for (QDockWidget *dock : docks) {
        QCOMPARE(dock->features(), LayoutManager::kUnlockedFeatures);
        QVERIFY(dock->features().testFlag(QDockWidget::DockWidgetMovable));
        QVERIFY(dock->features().testFlag(QDockWidget::DockWidgetFloatable));
        QVERIFY(dock->features().testFlag(QDockWidget::DockWidgetClosable));
    }
}

void TestLayout::lockAppliesToLaterDocks() {
    Fixture f;
    f.layout->setLocked(true);
    QDockWidget *late = f.addDock(u"lateDock"_s, Qt::RightDockWidgetArea);
    QVERIFY(late->features() != QDockWidget::NoDockWidgetFeatures); // Qt's default until adopted
    f.layout->adopt(late);
    QCOMPARE(late->features(), QDockWidget::NoDockWidgetFeatures);
    f.layout->setLocked(false);
    QCOMPARE(late->features(), LayoutManager::kUnlockedFeatures);
}

QTEST_MAIN(TestLayout)
#include "tst_layout.moc"
