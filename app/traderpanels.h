#pragma once

#include "app/commandline.h"
#include "app/workerthread.h"
#include "models/domain/traderboard.h"
#include "models/domain/traderprofile.h"
#include "models/domain/wallet.h"
#include "storage/databaseconfig.h"
#include "storage/traderstore.h"

#include <QObject>

#include <optional>

class QTimer;

namespace longshot {
class LeaderboardModel;
class TraderActivityModel;
class TraderCategoriesModel;
class TraderPositionsModel;
namespace storage {
class TraderReader;
} // namespace storage
namespace views {
class LeaderboardView;
class TraderProfileView;
class WhaleFeedView;
} // namespace views
} // namespace longshot

namespace longshot::app {

class MainWindow;

// The Leaderboard and Trader profile docks: the trader reader on a thread of its own, the
// models and views, and the links between them (a leaderboard row or a whale-feed trader
// opens the profile). It reads stored history only, so it works offline; syncing is someone
// else's job, reached through syncRequested() and reported back through the on*() slots.
// Only request ids and values cross to the reader; answers older than the latest are dropped.
class TraderPanels final : public QObject {
    Q_OBJECT
public:
    // `feed` may be null; it must outlive this controller otherwise.
    TraderPanels(const storage::DatabaseConfig &database, MainWindow &window, views::WhaleFeedView *feed,
                 QObject *parent = nullptr);
    ~TraderPanels() override;
    Q_DISABLE_COPY_MOVE(TraderPanels)

    // The database the panels read for these options (the demo's own file under --demo).
    static std::optional<storage::DatabaseConfig> databaseFor(const CommandLineOptions &options);

    views::LeaderboardView *leaderboardView() const { return m_leaderboard; }
    views::TraderProfileView *profileView() const { return m_profile; }
    LeaderboardModel *leaderboardModel() const { return m_boardModel; }
    const Wallet &currentTrader() const { return m_current; }

    // Without a sync service (offline review) Sync now is disabled and says why.
    void setSyncAvailable(bool available, const QString &reason = {});

public Q_SLOTS:
    void openTrader(const longshot::Wallet &wallet);
    void refreshLeaderboard();
    void refreshProfile();
    // Points the reader at another database (File > Open Database…).
    void openDatabase(const longshot::storage::DatabaseConfig &config);

    // The sync service's reports, shaped so its signals connect directly (extra trailing
    // arguments such as the lane or the board's rows are ignored).
    void onSyncStarted(const longshot::Wallet &wallet);
    // phase: activity, positions, closed-positions, value, markets, saving.
    void onSyncProgress(const longshot::Wallet &wallet, const QString &phase);
    void onTraderSaved(const longshot::storage::TraderSummary &summary);
    void onSyncFailed(const longshot::Wallet &wallet, const QString &message);
    void onLeaderboardUpdated();

Q_SIGNALS:
    // "Sync now" (fast = true: the profile the user is looking at goes ahead of everything).
    void syncRequested(const longshot::Wallet &wallet, bool fast);

private:
    void onBoard(quint64 requestId, const LeaderboardResult &result);
    void onProfile(quint64 requestId, const TraderProfile &profile);
    void onFailed(quint64 requestId, const QString &message);
    void requestSync(const QString &wallet);
    void showDock(const QString &name);

    MainWindow &m_window;
    WorkerThread m_thread{QStringLiteral("longshot-traders")};
    storage::TraderReader *m_reader;
    LeaderboardModel *m_boardModel;
    TraderPositionsModel *m_openModel;
    TraderPositionsModel *m_closedModel;
    TraderActivityModel *m_activityModel;
    TraderCategoriesModel *m_categoryModel;
    views::LeaderboardView *m_leaderboard;
    views::TraderProfileView *m_profile;
    QTimer *m_refresh;      // coalesces a burst of saved traders into one board query
    QTimer *m_syncWatchdog; // a request nobody answers must not spin forever
    Wallet m_current;
    quint64 m_nextId = 0;
    quint64 m_boardId = 0;
    quint64 m_profileId = 0;
    bool m_autoOpened = false;
};

} // namespace longshot::app
