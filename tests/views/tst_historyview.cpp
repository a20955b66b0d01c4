// Smoke tests of the History dock, the Storage dock and the replay bar, offscreen: filters
// turn into the filter values storage receives (exact money, local-day ranges), totals and
// empty states show what they should, and the buttons ask for what they say.
#include "models/historymodel.h"
#include "views/historyview.h"
#include "views/replaycontrols.h"
#include "views/storagepanel.h"

#include "tests/models/tradefactory.h"
#include "tests/support/modeltester.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace longshot;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kT0 = 1'790'262'855'000;

HistoryRows rows(int n) {
    HistoryRows out;
    for (int i = 0; i < n; ++i) {
        HistoryRow r;
        r.rowId = n - i;
        r.trade = test::polyTrade(i, kT0 - i * 1000);
        r.notionalMicros = r.trade.notional()->micros();
        out << r;
    }
    return out;
}

} // namespace

class TestHistoryView final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        m_model = std::make_unique<HistoryModel>();
        m_tester = test::attachModelTester(m_model.get());
        connect(m_model.get(), &HistoryModel::pageRequested, this,
                [this](quint64 id, const HistoryFilter &f, const HistoryCursor &, int) {
                    m_lastId = id;
                    m_requested << f;
                });
        m_view = std::make_unique<views::HistoryView>(m_model.get());
        m_view->resize(1200, 500);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    }
    void cleanup() {
        m_view.reset();
        m_tester.reset();
        m_model.reset();
        m_requested.clear();
    }

    void emptyUntilRowsArrive() {
        m_model->pageArrived(m_lastId, {}, true);
        QVERIFY(m_view->isShowingEmptyState());
        m_model->refresh();
        m_model->pageArrived(m_lastId, rows(5), true);
        QVERIFY(!m_view->isShowingEmptyState());
        QCOMPARE(m_view->table()->model()->rowCount(), 5);
    }

    void noDatabaseSaysHowToOpenOne() {
        m_view->setSource(u"Cannot read /nowhere.sqlite"_s, false);
        QVERIFY(m_view->isShowingEmptyState());
        const auto labels = m_view->findChildren<QLabel *>();
        const bool mentions = std::any_of(labels.cbegin(), labels.cend(), [](const QLabel *l) {
            return l->text().contains(u"Open Database"_s);
        });
        QVERIFY(mentions);
        // The page asked for before the database failed never comes: no "Loading…" or
        // "Counting…" is left in the footer.
        QVERIFY(m_model->isLoading());
        QCOMPARE(m_view->footerText(), u" | "_s);
    }

    void quickRangeTodayStartsAtLocalMidnight() {
        QSignalSpy changed(m_view.get(), &views::HistoryView::filterChanged);
        m_view->applyQuickRange(views::HistoryView::QuickRange::Today);
        QCOMPARE(changed.size(), 1);
        const auto f = changed.at(0).at(0).value<HistoryFilter>();
        QCOMPARE(f.fromMs, QDateTime(QDate::currentDate(), QTime(0, 0)).toMSecsSinceEpoch());
        QCOMPARE(f.toMs, QDateTime(QDate::currentDate().addDays(1), QTime(0, 0)).toMSecsSinceEpoch());
        QCOMPARE(m_requested.constLast(), f); // the model asked storage for the same filter
        m_view->applyQuickRange(views::HistoryView::QuickRange::All);
        QCOMPARE(changed.constLast().at(0).value<HistoryFilter>().fromMs, 0);
        QCOMPARE(changed.constLast().at(0).value<HistoryFilter>().toMs, 0);
    }

    void typedFiltersAreDebouncedAndExact() {
        QSignalSpy changed(m_view.get(), &views::HistoryView::filterChanged);
        auto *market = m_view->findChild<QLineEdit *>(u"historyMarket"_s);
        auto *trader = m_view->findChild<QLineEdit *>(u"historyTrader"_s);
        auto *minUsd = m_view->findChild<QLineEdit *>(u"historyMinUsd"_s);
        auto *venue = m_view->findChild<QComboBox *>(u"historyVenue"_s);
        QVERIFY(market && trader && minUsd && venue);
        QTest::keyClicks(market, u"braves"_s);
        QTest::keyClicks(trader, u"0xA710"_s);
        QTest::keyClicks(minUsd, u"1000.000001"_s);
        venue->setCurrentIndex(venue->findData(int(Venue::Kalshi)));
        QCOMPARE(changed.size(), 0); // nothing until the typing settles
        QVERIFY(changed.wait());
        QCOMPARE(changed.size(), 1);
        const auto f = changed.at(0).at(0).value<HistoryFilter>();
        QCOMPARE(f.market, u"braves"_s);
        QCOMPARE(f.trader, u"0xA710"_s);
        QCOMPARE(f.minUsd.micros(), 1'000'000'001LL);
        QCOMPARE(f.venue, std::optional<Venue>(Venue::Kalshi));
    }

    void footerShowsStorageTotals() {
        HistoryTotals t;
        t.count = 1'234'567;
        t.volume = test::dec("98765432.10");
        m_view->setTotals(t);
        QVERIFY2(m_view->footerText().contains(QLocale().toString(1'234'567)),
                 qPrintable(m_view->footerText()));
        QVERIFY2(m_view->footerText().contains(u"$98,765,432.10"_s), qPrintable(m_view->footerText()));
    }

    void storagePanelShowsStatsAndAsksForMaintenance() {
        views::StoragePanel panel;
        views::StorageInfo info;
        info.database = u"/data/trades.sqlite"_s;
        info.engine = u"SQLite"_s;
        info.schemaVersion = 2;
        info.sizeBytes = 3 * 1024 * 1024;
        info.trades = 10'000'000;
        info.openGaps = 2;
        info.oldestTradeMs = kT0;
        panel.setInfo(info);
        QCOMPARE(panel.valueText(u"database"_s), u"/data/trades.sqlite"_s);
        QCOMPARE(panel.valueText(u"trades"_s), QLocale().toString(10'000'000));
        QCOMPARE(panel.valueText(u"size"_s), views::StoragePanel::formatBytes(3 * 1024 * 1024));
        QVERIFY(panel.valueText(u"gaps"_s).contains(u"2"_s));
        // Every figure says how it is computed.
        for (const QString &field : {u"database"_s, u"engine"_s, u"size"_s, u"schema"_s, u"gaps"_s,
                                     u"trades"_s, u"markets"_s, u"traders"_s, u"oldest"_s, u"newest"_s}) {
            const auto *value = panel.findChild<QLabel *>(field);
            QVERIFY2(value && !value->toolTip().isEmpty(), qPrintable(field));
        }
        QSignalSpy maintenance(&panel, &views::StoragePanel::maintenanceRequested);
        const auto buttons = panel.findChildren<QPushButton *>();
        for (QPushButton *b : buttons)
            if (b->text() == u"Vacuum"_s)
                b->click();
        QCOMPARE(maintenance.size(), 1);
        QCOMPARE(maintenance.at(0).at(1).toBool(), true);
        QCOMPARE(maintenance.at(0).at(2).toInt(), 0); // retention is off by default
        panel.setMaintenanceProgress(u"Vacuuming"_s, -1);
        for (QPushButton *b : buttons)
            QVERIFY(!b->isEnabled()); // one maintenance run at a time
    }

    void replayBarTogglesPlayAndPause() {
        views::ReplayControls *bar = m_view->replayControls();
        QSignalSpy play(bar, &views::ReplayControls::playRequested);
        QSignalSpy pause(bar, &views::ReplayControls::pauseRequested);
        QSignalSpy speed(bar, &views::ReplayControls::speedChanged);
        auto *button = bar->findChild<QToolButton *>(u"replayPlay"_s);
        button->click();
        QCOMPARE(play.size(), 1);
        bar->setState(views::ReplayControls::State::Playing);
        button->click();
        QCOMPARE(pause.size(), 1);
        auto *combo = bar->findChild<QComboBox *>(u"replaySpeed"_s);
        combo->setCurrentIndex(combo->findData(1000));
        QCOMPARE(speed.constLast().at(0).toInt(), 1000);
        bar->setClock(kT0, 500);
        QCOMPARE(bar->findChild<QLabel *>(u"replayClock"_s)->text(),
                 QDateTime::fromMSecsSinceEpoch(kT0, Qt::LocalTime).toString(u"yyyy-MM-dd HH:mm:ss"_s));
    }

private:
    std::unique_ptr<HistoryModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::unique_ptr<views::HistoryView> m_view;
    quint64 m_lastId = 0;
    QList<HistoryFilter> m_requested;
};

QTEST_MAIN(TestHistoryView)
#include "tst_historyview.moc"
