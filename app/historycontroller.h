#pragma once

#include "app/commandline.h"
#include "app/workerthread.h"
#include "models/domain/historyfilter.h"
#include "storage/databaseconfig.h"

#include <QObject>

class QTimer;

namespace longshot {
class HistoryModel;
class WhaleFeedModel;
namespace storage {
class QueryWorker;
struct StorageStats;
} // namespace storage
namespace views {
class HistoryView;
class StoragePanel;
class WhaleFeedView;
} // namespace views
} // namespace longshot

namespace longshot::app {

class MainWindow;
class ReplayController;

// The read side in the window: the query worker on its own thread, the History dock (lazy
// model, filters, totals, replay) and the Storage dock. Only request ids and values travel
// between the GUI and the worker; answers older than the latest request are dropped here.
class HistoryController final : public QObject {
    Q_OBJECT
public:
    // The replay plays into `feed`'s tape; the feed view must outlive this controller.
    HistoryController(const CommandLineOptions &options, MainWindow &window, views::WhaleFeedView *feed,
                      QObject *parent = nullptr);
    ~HistoryController() override;
    Q_DISABLE_COPY_MOVE(HistoryController)

    // Points the reader at another database.
    void openDatabase(const storage::DatabaseConfig &config);
    // What File → Open Database… does once a file is chosen: review it offline, read-only.
    void reviewFile(const QString &path);
    views::HistoryView *view() const { return m_view; }
    views::StoragePanel *storagePanel() const { return m_storage; }
    HistoryModel *model() const { return m_model; }
    ReplayController *replay() const { return m_replay; }
    const storage::DatabaseConfig &database() const { return m_config; }
    bool isOpen() const { return m_open; }

    static inline const QString kStoragePanel = QStringLiteral("storageDock");

Q_SIGNALS:
    // File → Open Database… switched to reviewing a file: whoever runs the live feed stops it.
    void offlineReviewStarted();
    // The reader (re)opened its database, or could not.
    void databaseOpened(bool ok);
    // The count and volume of the current filter, computed in SQL, as the History dock shows them.
    void totalsShown(const longshot::HistoryTotals &totals);

private:
    void onOpened(bool ok, const QString &message);
    void requestTotals(const HistoryFilter &filter);
    void requestStats();
    void chooseDatabase();
    void showStats(const storage::StorageStats &stats);
    void raiseReviewPanels();

    MainWindow &m_window;
    bool m_offline;
    WorkerThread m_thread{QStringLiteral("longshot-history")};
    storage::QueryWorker *m_worker;
    HistoryModel *m_model;
    views::HistoryView *m_view;
    views::StoragePanel *m_storage;
    ReplayController *m_replay;
    QTimer *m_statsTimer;
    QTimer *m_reopenTimer;
    storage::DatabaseConfig m_config;
    bool m_open = false;
    quint64 m_totalsId = 0;
    quint64 m_statsId = 0;
    quint64 m_maintenanceId = 0;
};

} // namespace longshot::app
