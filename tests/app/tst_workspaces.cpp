#include "app/layoutmanager.h"
#include "app/linkhub.h"
#include "app/mainwindow.h"
#include "app/workspaces.h"

#include <QDir>
#include <QDockWidget>
#include <QImage>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using longshot::app::LayoutManager;
using longshot::app::MainWindow;
using longshot::app::Workspaces;
namespace PanelName = longshot::app::PanelName;

namespace {

struct Fixture {
    QTemporaryDir dir;
    std::unique_ptr<QSettings> store;
    std::unique_ptr<MainWindow> window = std::make_unique<MainWindow>();
    std::unique_ptr<Workspaces> workspaces;
    std::unique_ptr<longshot::app::LinkHub> links; // the title bars the app gives every dock

    Fixture() {
        store = std::make_unique<QSettings>(dir.filePath(u"longshot.ini"_s), QSettings::IniFormat);
        workspaces = std::make_unique<Workspaces>(store.get(), *window);
        links = std::make_unique<longshot::app::LinkHub>(store.get(), *window);
        window->resize(MainWindow::kDefaultSize);
        window->restoreLayout({}); // captures the default
        window->show();
    }
    QDockWidget *dock(const QString &name) const { return window->panel(name); }
};

// More than one colour in the image: something was drawn in it.
bool drawn(const QImage &image) {
    if (image.isNull() || image.width() < 40 || image.height() < 40)
        return false;
    const QRgb first = image.pixel(0, 0);
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3) {
            if (image.pixel(x, y) != first)
                return true;
        }
    }
    return false;
}

} // namespace

class TstWorkspaces final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void saveRestoreRoundTrip() {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(f.window.get()));
        f.dock(PanelName::Leaderboard)->close();
        f.window->addDockWidget(Qt::RightDockWidgetArea, f.dock(PanelName::Alerts));
        QVERIFY(f.workspaces->save(u"  Mine "_s));
        QCOMPARE(f.workspaces->names(), QStringList{u"Mine"_s});
        QCOMPARE(f.workspaces->current(), u"Mine"_s);

        f.window->resetLayout();
        QVERIFY(!f.dock(PanelName::Leaderboard)->isHidden());
        QVERIFY(f.workspaces->switchTo(u"Mine"_s));
        QVERIFY(f.dock(PanelName::Leaderboard)->isHidden());
        QCOMPARE(f.window->dockWidgetArea(f.dock(PanelName::Alerts)), Qt::RightDockWidgetArea);

        // Survives a restart: another settings object and window over the same file.
        f.store->sync();
        QSettings again(f.dir.filePath(u"longshot.ini"_s), QSettings::IniFormat);
        MainWindow second;
        second.restoreLayout({});
        Workspaces reopened(&again, second);
        QCOMPARE(reopened.names(), QStringList{u"Mine"_s});
        QCOMPARE(reopened.current(), u"Mine"_s);
        QVERIFY(reopened.switchTo(u"Mine"_s));
        QVERIFY(second.panel(PanelName::Leaderboard)->isHidden());
    }

    void saveReplacesSameName() {
        Fixture f;
        QVERIFY(f.workspaces->save(u"A"_s));
        f.dock(PanelName::Market)->close();
        QVERIFY(f.workspaces->save(u"A"_s));
        QCOMPARE(f.workspaces->names(), QStringList{u"A"_s});
        f.window->resetLayout();
        QVERIFY(f.workspaces->switchTo(u"A"_s));
        QVERIFY(f.dock(PanelName::Market)->isHidden());
        QVERIFY(!f.workspaces->save(u"   "_s));
    }

    void corruptStateFallsBack_data() {
        QTest::addColumn<QByteArray>("state");
        QTest::newRow("garbage") << QByteArray("\x00\xff not a window state",
                                               sizeof("\x00\xff not a window state") - 1);
        QTest::newRow("empty") << QByteArray();
        QMainWindow other;
        QTest::newRow("another layout version") << other.saveState(LayoutManager::kLayoutVersion + 1);
        MainWindow window;
        window.restoreLayout({});
        QTest::newRow("truncated") << window.saveLayout().left(20);
    }
    void corruptStateFallsBack() {
        QFETCH(QByteArray, state);
        Fixture f;
        QVERIFY(f.workspaces->save(u"Broken"_s));
        f.workspaces->setStoredState(u"Broken"_s, state);
        f.dock(PanelName::Leaderboard)->close();
        QVERIFY(!f.workspaces->switchTo(u"Broken"_s));
        // The default layout, not a half-applied one.
        QVERIFY(!f.dock(PanelName::Leaderboard)->isHidden());
        QVERIFY(!f.dock(PanelName::WhaleFeed)->isHidden());
        QCOMPARE(f.workspaces->current(), QString());
    }

    void unknownName() {
        Fixture f;
        QVERIFY(!f.workspaces->switchTo(u"nope"_s));
        QVERIFY(!f.workspaces->remove(u"nope"_s));
        QVERIFY(!f.workspaces->rename(u"nope"_s, u"x"_s));
    }

    void renameAndDelete() {
        Fixture f;
        QVERIFY(f.workspaces->save(u"One"_s));
        QVERIFY(f.workspaces->save(u"Two"_s));
        QVERIFY(!f.workspaces->rename(u"One"_s, u"Two"_s)); // taken
        QVERIFY(!f.workspaces->rename(u"One"_s, u""_s));
        QVERIFY(f.workspaces->rename(u"Two"_s, u"Night"_s));
        QCOMPARE(f.workspaces->names(), (QStringList{u"One"_s, u"Night"_s}));
        QCOMPARE(f.workspaces->current(), u"Night"_s); // the current one follows its rename
        QVERIFY(f.workspaces->remove(u"Night"_s));
        QCOMPARE(f.workspaces->names(), QStringList{u"One"_s});
        QCOMPARE(f.workspaces->current(), QString());
    }

    // Screenshot smoke test of each preset: the panels it keeps are shown, sized and drawn.
    void presets_data() {
        QTest::addColumn<int>("preset");
        QTest::addColumn<QStringList>("shown");
        QTest::addColumn<QStringList>("hidden");
        QTest::newRow("whale watch") << int(Workspaces::Preset::WhaleWatch)
                                     << QStringList{PanelName::WhaleFeed, PanelName::Alerts,
                                                    PanelName::Watchlist}
                                     << QStringList{PanelName::History, PanelName::Market};
        QTest::newRow("research") << int(Workspaces::Preset::Research)
                                  << QStringList{PanelName::History, PanelName::TraderProfile,
                                                 PanelName::Market}
                                  << QStringList{PanelName::Alerts, PanelName::Watchlist};
        QTest::newRow("offline review")
            << int(Workspaces::Preset::OfflineReview)
            << QStringList{PanelName::History, PanelName::Alerts, PanelName::TraderProfile}
            << QStringList{PanelName::WhaleFeed};
    }
    void presets() {
        QFETCH(int, preset);
        QFETCH(QStringList, shown);
        QFETCH(QStringList, hidden);
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(f.window.get()));
        const auto p = Workspaces::Preset(preset);
        QVERIFY(f.workspaces->switchTo(Workspaces::presetName(p)));
        QCOMPARE(f.workspaces->current(), Workspaces::presetName(p));
        QTest::qWait(50);
        const QImage shot = f.window->grab().toImage();
        QVERIFY(!shot.isNull());
        const QString out = QDir::temp().filePath(u"longshot-workspace-%1.png"_s.arg(preset));
        shot.save(out);
        for (const QString &name : shown) {
            QDockWidget *d = f.dock(name);
            QVERIFY2(d->isVisible(), qPrintable(name));
            QVERIFY2(d->widget() && d->widget()->isVisible(), qPrintable(name + u" is tabbed away"_s));
            QVERIFY2(d->width() > 100 && d->height() > 60, qPrintable(name));
            // In the window's own screenshot, not only when grabbed alone: a dock the layout put
            // off screen still draws itself.
            const QRect where(d->mapTo(f.window.get(), QPoint(0, 0)), d->size());
            QVERIFY2(f.window->rect().contains(where), qPrintable(name + u" is outside the window"_s));
            QVERIFY2(drawn(shot.copy(where)), qPrintable(name + u" is blank"_s));
            QWidget *title = d->titleBarWidget();
            QVERIFY2(title && title->isVisible() && title->height() >= 20,
                     qPrintable(name + u" has no title"_s));
        }
        for (const QString &name : hidden)
            QVERIFY2(d_hidden(f.dock(name)), qPrintable(name));
    }

private:
    static bool d_hidden(QDockWidget *d) { return d->isHidden(); }
};

QTEST_MAIN(TstWorkspaces)
#include "tst_workspaces.moc"
