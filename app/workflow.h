#pragma once

#include "app/commandline.h"
#include "app/workerthread.h"

#include <QObject>
#include <QPointer>

#include <memory>

class QSettings;
class QTableView;

namespace longshot {
class WatchlistModel;
class WhaleFeedModel;
namespace views {
class QuickOpen;
class TableTools;
class WatchlistView;
class WhaleFeedView;
} // namespace views
} // namespace longshot

namespace longshot::app {

class AlertsController;
class LinkHub;
class MainWindow;
class Workspaces;

// The trader's workflow on top of the panels: CSV export (File menu and every table's context
// menu, on a worker with progress and cancel), column choice saved per table, Ctrl+C as TSV,
// keyboard shortcuts listed under Help, Ctrl+K quick open, the alerts and watchlist docks and
// named workspaces, colour links between docks. Install after the panels exist. Alerts, rules and the
// watchlist live as JSON in the data directory (a "demo" folder under it in demo mode, apart from real ones).
class Workflow final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Workflow)
public:
    // Column choices are kept under "ui/v1/tables/<table objectName>/hiddenColumns" in iniFile.
    Workflow(const CommandLineOptions &options, const QString &iniFile, MainWindow &window,
             views::WhaleFeedView *feed, QObject *parent = nullptr);
    ~Workflow() override;

    // Gives every table in the window the column chooser, copy and export actions; tables
    // already adopted are skipped, so panels added later are picked up by calling it again.
    void adoptTables();
    views::QuickOpen *quickOpen() const { return m_quickOpen; }
    AlertsController *alerts() const { return m_alerts; }
    WatchlistModel *watchlist() const { return m_watchlist; }
    Workspaces *workspaces() const { return m_workspaces; }
    // Colour links between docks: sources publish their selection, the market and trader
    // profile docks follow it.
    LinkHub *links() const { return m_links; }

    // Without a dialog (tests): export the table's visible rows and columns to path.
    void exportView(QTableView *table, const QString &path);
    void exportHistory(const QString &path);

    static QString hiddenColumnsKey(const QString &tableName);

private:
    void createActions();
    void chooseAndExportView(QTableView *table);
    void chooseAndExportHistory();
    QTableView *currentTable() const;
    void indexFeedRows(int first, int last);
    void jumpToTrader(const QString &wallet);
    void jumpToMarket(const QString &marketId);
    void installWatchlist();
    void installAlertFacts();
    void saveWatchlist() const;
    void askToFollow();
    void installLinks();

    CommandLineOptions m_options;
    std::unique_ptr<QSettings> m_store;
    MainWindow &m_window;
    QPointer<views::WhaleFeedView> m_feed;
    WhaleFeedModel *m_feedModel = nullptr;
    views::QuickOpen *m_quickOpen;
    QPointer<QTableView> m_lastTable;
    QString m_dataDir;
    WatchlistModel *m_watchlist = nullptr;
    views::WatchlistView *m_watchlistView = nullptr;
    AlertsController *m_alerts = nullptr;
    Workspaces *m_workspaces = nullptr;
    LinkHub *m_links = nullptr;
    // Stored-history facts for the alert rules (first seen, markets, grade, category).
    WorkerThread m_factsThread{QStringLiteral("longshot-alert-facts")};
};

} // namespace longshot::app
