#include "app/historycontroller.h"

#include "app/databaseselection.h"
#include "app/logging.h"
#include "app/mainwindow.h"
#include "app/paths.h"
#include "app/replaycontroller.h"
#include "models/historymodel.h"
#include "models/whalefeedfilter.h"
#include "storage/queryworker.h"
#include "views/historyview.h"
#include "views/storagepanel.h"
#include "views/whalefeedview.h"

#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace longshot::app {

namespace {

constexpr int kStatsRefreshMs = 30'000;
constexpr int kReopenMs = 3'000;

} // namespace

HistoryController::HistoryController(const CommandLineOptions &options, MainWindow &window,
                                     views::WhaleFeedView *feed, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_offline(options.offline)
    , m_worker(m_thread.adopt(new storage::QueryWorker))
    , m_model(new HistoryModel(this))
    , m_view(new views::HistoryView(m_model))
    , m_storage(new views::StoragePanel)
    , m_replay(new ReplayController(
          m_worker, feed ? qobject_cast<WhaleFeedModel *>(feed->filter()->sourceModel()) : nullptr,
          m_view->replayControls(), this))
    , m_statsTimer(new QTimer(this))
    , m_reopenTimer(new QTimer(this)) {
    using storage::QueryWorker;
    // The view shows the model for as long as it exists, whichever of the two goes first.
    m_model->setParent(m_view);
    window.replacePanelContent(PanelName::History, m_view);
    // Beside the alerts, where a glance tells whether storage is keeping up.
    QDockWidget *storageDock =
        window.addPanel(kStoragePanel, tr("Storage"), m_storage, Qt::BottomDockWidgetArea);
    if (QDockWidget *alerts = window.panel(PanelName::Alerts); alerts && storageDock) {
        window.tabifyDockWidget(alerts, storageDock);
        if (QDockWidget *leaderboard = window.panel(PanelName::Leaderboard))
            leaderboard->raise();
    }

    connect(m_model, &HistoryModel::pageRequested, m_worker, &QueryWorker::requestPage);
    connect(m_worker, &QueryWorker::pageReady, m_model, &HistoryModel::pageArrived);
    connect(m_worker, &QueryWorker::requestFailed, this, [this](quint64 id, const QString &message) {
        m_model->requestFailed(id, message);
        if (id == m_totalsId)
            m_view->setTotalsFailed(message);
        if (id == m_statsId)
            m_storage->setUnavailable(message);
    });
    connect(m_view, &views::HistoryView::filterChanged, this, [this](const HistoryFilter &filter) {
        m_replay->setRange(filter);
        requestTotals(filter);
    });
    m_replay->setRange(m_model->filter());
    connect(m_worker, &QueryWorker::totalsReady, this, [this](quint64 id, const HistoryTotals &totals) {
        if (id != m_totalsId) // an older filter's count is not this one's
            return;
        m_view->setTotals(totals);
        Q_EMIT totalsShown(totals);
    });
    connect(m_worker, &QueryWorker::statsReady, this, [this](quint64 id, const storage::StorageStats &stats) {
        if (id == m_statsId)
            showStats(stats);
    });
    connect(m_worker, &QueryWorker::opened, this, &HistoryController::onOpened);
    connect(m_storage, &views::StoragePanel::refreshRequested, this, &HistoryController::requestStats);
    connect(m_storage, &views::StoragePanel::maintenanceRequested, this,
            [this](bool analyze, bool vacuum, int keepDays) {
                const quint64 id = ++m_maintenanceId;
                const storage::MaintenanceRequest request{analyze, vacuum, keepDays};
                m_storage->setMaintenanceProgress(tr("Starting…"), -1);
                QMetaObject::invokeMethod(m_worker,
                                          [w = m_worker, id, request] { w->runMaintenance(id, request); });
            });
    connect(m_worker, &QueryWorker::maintenanceProgress, this,
            [this](quint64 id, const QString &step, int percent) {
                if (id == m_maintenanceId)
                    m_storage->setMaintenanceProgress(step, percent);
            });
    connect(m_worker, &QueryWorker::maintenanceFinished, this,
            [this](quint64 id, bool ok, const QString &message) {
                if (id == m_maintenanceId)
                    m_storage->setMaintenanceFinished(ok, message);
            });
    connect(&window, &MainWindow::openDatabaseRequested, this, &HistoryController::chooseDatabase);

    m_statsTimer->setInterval(kStatsRefreshMs);
    connect(m_statsTimer, &QTimer::timeout, this, &HistoryController::requestStats);
    // While the live feed's writer is still creating the file, a read-only open fails: retry.
    m_reopenTimer->setInterval(kReopenMs);
    m_reopenTimer->setSingleShot(true);
    connect(m_reopenTimer, &QTimer::timeout, this, [this] { openDatabase(m_config); });

    m_thread.start();
    CommandLineOptions resolved = options;
    if (options.demo && !options.database) {
        // The demo's simulated trades live in their own file (see LiveFeed); review that one.
        resolved.database = storage::DatabaseConfig::sqlite(QDir(dataDirectory()).filePath(u"demo.sqlite"_s));
    }
    // Offline there is no live tape to watch: the stored history is what the window is for.
    // After the saved layout is restored, which decides the tabs otherwise.
    if (m_offline)
        QTimer::singleShot(0, this, &HistoryController::raiseReviewPanels);
    const DatabaseSelection selection = databaseConfigFor(resolved);
    if (selection.ok()) {
        openDatabase(selection.config);
    } else {
        m_view->setSource(selection.error, false);
        m_storage->setUnavailable(selection.error);
    }
}

HistoryController::~HistoryController() {
    m_thread.stop();
}

void HistoryController::openDatabase(const storage::DatabaseConfig &config) {
    m_config = config;
    m_open = false;
    m_replay->stop();
    QMetaObject::invokeMethod(m_worker, [w = m_worker, config] { w->open(config); });
}

void HistoryController::reviewFile(const QString &path) {
    // Reviewing another file is offline work: the live feed stops and the title says so.
    m_offline = true;
    m_reopenTimer->stop();
    m_window.setOfflineMode(true);
    Q_EMIT offlineReviewStarted();
    raiseReviewPanels();
    openDatabase(storage::DatabaseConfig::sqlite(path));
}

void HistoryController::onOpened(bool ok, const QString &message) {
    m_open = ok;
    const QString where = m_config.describe();
    if (!ok) {
        m_view->setSource(tr("Cannot read %1").arg(where), false);
        m_storage->setUnavailable(message);
        qCWarning(lcApp).noquote() << "history reader:" << message;
        if (!m_offline)
            m_reopenTimer->start();
        Q_EMIT databaseOpened(false);
        return;
    }
    m_view->setSource(m_offline ? tr("%1 · offline").arg(where) : where, true);
    m_model->refresh();
    requestTotals(m_model->filter());
    requestStats();
    m_statsTimer->start();
    Q_EMIT databaseOpened(true);
}

void HistoryController::requestTotals(const HistoryFilter &filter) {
    const quint64 id = ++m_totalsId;
    if (!m_open)
        return;
    QMetaObject::invokeMethod(m_worker, [w = m_worker, id, filter] { w->requestTotals(id, filter); });
}

void HistoryController::requestStats() {
    const quint64 id = ++m_statsId;
    if (!m_open)
        return;
    QMetaObject::invokeMethod(m_worker, [w = m_worker, id] { w->requestStats(id); });
}

void HistoryController::chooseDatabase() {
    const QString start = m_config.engine == storage::Engine::Sqlite ? QFileInfo(m_config.path).absolutePath()
                                                                     : dataDirectory();
    const QString path =
        QFileDialog::getOpenFileName(&m_window, tr("Open Database"), start,
                                     tr("SQLite databases (*.sqlite *.db *.sqlite3);;All files (*)"));
    if (!path.isEmpty())
        reviewFile(path);
}

void HistoryController::raiseReviewPanels() {
    for (const QString &name : {PanelName::History, kStoragePanel}) {
        if (QDockWidget *dock = m_window.panel(name); dock && dock->isVisible())
            dock->raise();
    }
}

void HistoryController::showStats(const storage::StorageStats &stats) {
    views::StorageInfo info;
    info.database = m_config.describe();
    info.engine = m_config.engine == storage::Engine::Sqlite ? u"SQLite"_s : u"PostgreSQL"_s;
    info.schemaVersion = stats.schemaVersion;
    info.sizeBytes = stats.sizeBytes;
    info.trades = stats.trades;
    info.markets = stats.markets;
    info.traders = stats.traders;
    info.openGaps = stats.openGaps;
    info.oldestTradeMs = stats.oldestTradeMs;
    info.newestTradeMs = stats.newestTradeMs;
    m_storage->setInfo(info);
}

} // namespace longshot::app
