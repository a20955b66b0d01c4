// The read side in the window: History and Storage docks with stable names, the count and
// volume of a filter computed in SQL on the reader thread, File → Open Database… switching to
// an offline review, and the replay playing stored trades into the whale tape.
#include "app/historycontroller.h"
#include "app/mainwindow.h"
#include "app/replaycontroller.h"
#include "models/historymodel.h"
#include "models/whalefeedmodel.h"
#include "views/historyview.h"
#include "views/storagepanel.h"
#include "views/whalefeedview.h"

#include "tests/models/tradefactory.h"
#include "tests/storage/storagetest.h"
#include "tests/storage/writerharness.h"
#include "tests/support/modeltester.h"

#include <QAction>
#include <QDockWidget>
#include <QMenu>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace longshot;
using namespace longshot::app;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kT0 = 1'790'262'855'000; // 2026-09-24T15:14:15Z
const QString kWhale = u"0x1111111111111111111111111111111111111111"_s;
const QString kMinnow = u"0x2222222222222222222222222222222222222222"_s;
constexpr int kWhaleTrades = 5;  // 0.25 × 4000.000004 = 1000.000001 each
constexpr int kMinnowTrades = 4; // 0.5 × 100 = 50 each
constexpr int kKalshiTrades = 3; // 0.42 × 5000 = 2100 each
constexpr int kAllTrades = kWhaleTrades + kMinnowTrades + kKalshiTrades;

TradeBatch seedTrades() {
    TradeBatch batch;
    int id = 0;
    for (int i = 0; i < kWhaleTrades; ++i, ++id)
        batch << test::makeTrade(u"0xw%1"_s.arg(i), kWhale, u"tok-a"_s, Side::Buy, "0.25", "4000.000004",
                                 kT0 + id * 1000);
    for (int i = 0; i < kMinnowTrades; ++i, ++id)
        batch << test::makeTrade(u"0xm%1"_s.arg(i), kMinnow, u"tok-b"_s, Side::Sell, "0.5", "100",
                                 kT0 + id * 1000);
    for (int i = 0; i < kKalshiTrades; ++i, ++id)
        batch << test::kalshiTrade(i, kT0 + id * 1000, "0.42", "5000");
    return batch;
}

bool seed(const storage::DatabaseConfig &config, const TradeBatch &batch, QString *message) {
    test::WriterHarness h(config);
    if (!h.start(message))
        return false;
    QSignalSpy stored(h.events(), &test::WriterSignals::stored);
    if (!h.push(batch))
        return false;
    h.drain();
    const bool ok = stored.wait(10'000);
    h.stop();
    return ok;
}

CommandLineOptions offlineOn(const QString &path) {
    CommandLineOptions options;
    options.offline = true;
    options.database = storage::DatabaseConfig::sqlite(path);
    return options;
}

// The window as Application builds it: the tape in the whale feed dock, then the history.
struct Fixture {
    MainWindow window;
    WhaleFeedModel tape;
    views::WhaleFeedView *feed = new views::WhaleFeedView(&tape);
    std::unique_ptr<HistoryController> history;

    explicit Fixture(const CommandLineOptions &options) {
        window.replacePanelContent(PanelName::WhaleFeed, feed);
        history = std::make_unique<HistoryController>(options, window, feed);
        window.restoreLayout({});
    }
    ~Fixture() { history.reset(); }

    // Applies `filter` and returns the totals the dock then shows.
    std::optional<HistoryTotals> totalsFor(const HistoryFilter &filter) {
        QSignalSpy shown(history.get(), &HistoryController::totalsShown);
        history->view()->setFilter(filter);
        if (!shown.wait(10'000))
            return std::nullopt;
        return shown.constLast().first().value<HistoryTotals>();
    }
};

} // namespace

class TstHistoryController final : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_db;

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath(u"history.sqlite"_s);
        QString message;
        QVERIFY2(seed(storage::DatabaseConfig::sqlite(m_db), seedTrades(), &message), qPrintable(message));
    }

    void docksHaveStableNamesAndMenuEntries() {
        Fixture f(offlineOn(m_db));
        QDockWidget *history = f.window.panel(PanelName::History);
        QDockWidget *storageDock = f.window.panel(HistoryController::kStoragePanel);
        QVERIFY(history);
        QVERIFY(storageDock);
        QCOMPARE(HistoryController::kStoragePanel, u"storageDock"_s);
        QCOMPARE(history->widget(), f.history->view());
        QCOMPARE(storageDock->widget(), f.history->storagePanel());
        const auto *panels = f.window.findChild<QMenu *>(u"menuPanels"_s);
        QVERIFY(panels);
        QVERIFY(panels->actions().contains(history->toggleViewAction()));
        QVERIFY(panels->actions().contains(storageDock->toggleViewAction()));
        // Storage shares the bottom group instead of squeezing a column of its own.
        QVERIFY(f.window.tabifiedDockWidgets(f.window.panel(PanelName::Alerts)).contains(storageDock));
    }

    void filterTotalsComeFromSql_data() {
        QTest::addColumn<HistoryFilter>("filter");
        QTest::addColumn<qint64>("count");
        QTest::addColumn<QString>("volume");
        HistoryFilter all;
        QTest::newRow("everything") << all << qint64(kAllTrades) << u"11500.000005"_s;
        HistoryFilter whale;
        whale.trader = kWhale;
        QTest::newRow("one trader, exact to the micro-dollar")
            << whale << qint64(kWhaleTrades) << u"5000.000005"_s;
        HistoryFilter kalshi;
        kalshi.venue = Venue::Kalshi;
        QTest::newRow("one venue") << kalshi << qint64(kKalshiTrades) << u"6300"_s;
        HistoryFilter large;
        large.minUsd = test::dec("1000");
        QTest::newRow("min USD") << large << qint64(kWhaleTrades + kKalshiTrades) << u"11300.000005"_s;
        HistoryFilter range;
        range.fromMs = kT0 + 2'000;
        range.toMs = kT0 + 7'000; // exclusive: whale trades 2..4 and minnow trades 0..1
        QTest::newRow("time range") << range << qint64(5) << u"3100.000003"_s;
        HistoryFilter none;
        none.trader = u"0x3333333333333333333333333333333333333333"_s;
        QTest::newRow("nothing matches") << none << qint64(0) << u"0"_s;
    }
    void filterTotalsComeFromSql() {
        QFETCH(HistoryFilter, filter);
        QFETCH(qint64, count);
        QFETCH(QString, volume);
        Fixture f(offlineOn(m_db));
        const auto tester = test::attachModelTester(f.history->model());
        QSignalSpy opened(f.history.get(), &HistoryController::databaseOpened);
        QVERIFY(opened.wait(10'000));
        QCOMPARE(opened.first().first().toBool(), true);

        const std::optional<HistoryTotals> totals = f.totalsFor(filter);
        QVERIFY(totals);
        QCOMPARE(totals->count, count);
        QCOMPARE(totals->volume.toString(), volume);
        QVERIFY(!totals->volumeOverflow);
        QVERIFY2(f.history->view()->footerText().startsWith(u"%L1 trades"_s.arg(count)),
                 qPrintable(f.history->view()->footerText()));
        // The lazy table pages in exactly the rows the totals counted.
        QTRY_COMPARE_WITH_TIMEOUT(f.history->model()->rowCount(), int(count), 10'000);
        QTRY_VERIFY(!f.history->model()->isLoading());
        QCOMPARE(f.history->model()->rowCount(), int(count));
    }

    void storageDockShowsTheStats() {
        Fixture f(offlineOn(m_db));
        QTRY_COMPARE_WITH_TIMEOUT(f.history->storagePanel()->valueText(u"trades"_s),
                                  QLocale().toString(qint64(kAllTrades)), 10'000);
        QCOMPARE(f.history->storagePanel()->valueText(u"engine"_s), u"SQLite"_s);
    }

    void openDatabaseReviewsAnotherFileOffline() {
        QTemporaryDir other;
        const QString path = other.filePath(u"other.sqlite"_s);
        TradeBatch two;
        two << test::makeTrade(u"0xo1"_s, kWhale, u"tok-c"_s, Side::Buy, "0.1", "1000", kT0)
            << test::makeTrade(u"0xo2"_s, kWhale, u"tok-c"_s, Side::Buy, "0.2", "1000", kT0 + 1);
        QString message;
        QVERIFY2(seed(storage::DatabaseConfig::sqlite(path), two, &message), qPrintable(message));

        CommandLineOptions live = offlineOn(m_db);
        live.offline = false;
        Fixture f(live);
        QVERIFY(!f.window.isOfflineMode());
        QSignalSpy opened(f.history.get(), &HistoryController::databaseOpened);
        QVERIFY(opened.wait(10'000));

        QSignalSpy review(f.history.get(), &HistoryController::offlineReviewStarted);
        f.history->reviewFile(path);
        QCOMPARE(review.size(), 1);
        QVERIFY(f.window.isOfflineMode());
        QVERIFY2(f.window.windowTitle().contains(u"offline"_s), qPrintable(f.window.windowTitle()));
        QCOMPARE(f.history->database().path, path);
        QVERIFY(opened.wait(10'000));
        QCOMPARE(opened.constLast().first().toBool(), true);
        const std::optional<HistoryTotals> totals = f.totalsFor({});
        QVERIFY(totals);
        QCOMPARE(totals->count, qint64(2));
        QCOMPARE(totals->volume.toString(), u"300"_s);
    }

    void missingFileIsReportedNotCreated() {
        QTemporaryDir other;
        const QString path = other.filePath(u"absent.sqlite"_s);
        Fixture f(offlineOn(path));
        QSignalSpy opened(f.history.get(), &HistoryController::databaseOpened);
        QVERIFY(opened.wait(10'000));
        QCOMPARE(opened.first().first().toBool(), false);
        QVERIFY(!QFile::exists(path)); // a review never creates the file it was asked to read
    }

    void replayPlaysIntoTheTape() {
        Fixture f(offlineOn(m_db));
        QSignalSpy opened(f.history.get(), &HistoryController::databaseOpened);
        QVERIFY(opened.wait(10'000));
        QVERIFY(f.totalsFor({}));
        ReplayController *replay = f.history->replay();
        replay->setSpeed(1000);
        QSignalSpy finished(replay, &ReplayController::finished);
        replay->play();
        QVERIFY(finished.wait(15'000));
        QCOMPARE(finished.first().first().toLongLong(), qint64(kAllTrades));
        QCOMPARE(f.tape.rowCount(), kAllTrades);
        const Trade first = f.tape.index(0, 0).data(WhaleFeedModel::TradeRole).value<Trade>();
        QCOMPARE(first.source, TradeSource::Replay);
        QVERIFY(!replay->isPlaying());
    }
};

QTEST_MAIN(TstHistoryController)
#include "tst_historycontroller.moc"
