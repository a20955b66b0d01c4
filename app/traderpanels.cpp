#include "app/traderpanels.h"

#include "app/databaseselection.h"
#include "app/mainwindow.h"
#include "app/paths.h"
#include "models/leaderboardmodel.h"
#include "models/traderactivitymodel.h"
#include "models/tradercategoriesmodel.h"
#include "models/traderpositionsmodel.h"
#include "storage/traderreader.h"
#include "views/leaderboardview.h"
#include "views/traderprofileview.h"
#include "views/whalefeedview.h"

#include <QDir>
#include <QDockWidget>
#include <QPushButton>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace longshot::app {
namespace {

constexpr int kRefreshDelayMs = 400;
constexpr int kSyncWatchdogMs = 20'000;
constexpr int kWindowDriftMs = 60'000; // windows slide with the clock even without new data

using SyncState = views::TraderProfileView::SyncState;

} // namespace

std::optional<storage::DatabaseConfig> TraderPanels::databaseFor(const CommandLineOptions &options) {
    CommandLineOptions resolved = options;
    if (options.demo && !options.database) {
        // The demo's simulated trades live in their own file (see LiveFeed).
        resolved.database = storage::DatabaseConfig::sqlite(QDir(dataDirectory()).filePath(u"demo.sqlite"_s));
    }
    const DatabaseSelection selection = databaseConfigFor(resolved);
    if (!selection.ok())
        return std::nullopt;
    return selection.config;
}

TraderPanels::TraderPanels(const storage::DatabaseConfig &database, MainWindow &window,
                           views::WhaleFeedView *feed, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_reader(m_thread.adopt(new storage::TraderReader))
    , m_boardModel(new LeaderboardModel(this))
    , m_openModel(new TraderPositionsModel(TraderPositionsModel::Kind::Open, this))
    , m_closedModel(new TraderPositionsModel(TraderPositionsModel::Kind::Closed, this))
    , m_activityModel(new TraderActivityModel(this))
    , m_categoryModel(new TraderCategoriesModel(this))
    , m_leaderboard(new views::LeaderboardView(m_boardModel))
    , m_profile(new views::TraderProfileView(m_openModel, m_closedModel, m_activityModel, m_categoryModel))
    , m_refresh(new QTimer(this))
    , m_syncWatchdog(new QTimer(this)) {
    window.replacePanelContent(PanelName::Leaderboard, m_leaderboard);
    window.replacePanelContent(PanelName::TraderProfile, m_profile);

    connect(m_reader, &storage::TraderReader::leaderboardReady, this, &TraderPanels::onBoard);
    connect(m_reader, &storage::TraderReader::profileReady, this, &TraderPanels::onProfile);
    connect(m_reader, &storage::TraderReader::requestFailed, this, &TraderPanels::onFailed);

    connect(m_leaderboard, &views::LeaderboardView::queryChanged, this, &TraderPanels::refreshLeaderboard);
    connect(m_leaderboard, &views::LeaderboardView::traderActivated, this, [this](const QString &wallet) {
        if (const auto w = Wallet::parse(wallet)) {
            openTrader(*w);
            showDock(PanelName::TraderProfile);
        }
    });
    connect(m_profile, &views::TraderProfileView::syncRequested, this, &TraderPanels::requestSync);
    if (feed) {
        connect(feed, &views::WhaleFeedView::traderActivated, this, [this](const QString &wallet) {
            if (const auto w = Wallet::parse(wallet)) {
                openTrader(*w);
                showDock(PanelName::TraderProfile);
            }
        });
        // A position or activity row opens its market where the whale feed opens markets.
        connect(m_profile, &views::TraderProfileView::marketActivated, feed,
                &views::WhaleFeedView::marketActivated);
    }

    m_refresh->setSingleShot(true);
    m_refresh->setInterval(kRefreshDelayMs);
    connect(m_refresh, &QTimer::timeout, this, &TraderPanels::refreshLeaderboard);
    m_syncWatchdog->setSingleShot(true);
    m_syncWatchdog->setInterval(kSyncWatchdogMs);
    connect(m_syncWatchdog, &QTimer::timeout, this, [this] {
        m_profile->setSyncState(SyncState::Failed, tr("No sync service answered the request."));
    });
    auto *drift = new QTimer(this);
    drift->setInterval(kWindowDriftMs);
    connect(drift, &QTimer::timeout, this, [this] {
        if (m_leaderboard->query().period != BoardPeriod::All)
            refreshLeaderboard();
    });
    drift->start();

    m_thread.start();
    openDatabase(database);
}

TraderPanels::~TraderPanels() {
    m_thread.stop(); // the reader is deleted on its thread, closing its connection there
}

void TraderPanels::openDatabase(const storage::DatabaseConfig &config) {
    QMetaObject::invokeMethod(
        m_reader, [reader = m_reader, config] { reader->open(config); }, Qt::QueuedConnection);
    refreshLeaderboard();
    refreshProfile();
}

void TraderPanels::setSyncAvailable(bool available, const QString &reason) {
    m_profile->syncButton()->setVisible(available);
    m_profile->syncButton()->setToolTip(available
                                            ? tr("Fetch this trader's full history now, ahead of background "
                                                 "syncs (fast lane)")
                                            : reason);
}

void TraderPanels::refreshLeaderboard() {
    m_refresh->stop();
    const quint64 id = ++m_nextId;
    m_boardId = id;
    m_leaderboard->setLoading(true);
    QMetaObject::invokeMethod(
        m_reader,
        [reader = m_reader, id, query = m_leaderboard->query()] { reader->requestLeaderboard(id, query); },
        Qt::QueuedConnection);
}

void TraderPanels::refreshProfile() {
    if (m_current.isEmpty())
        return;
    const quint64 id = ++m_nextId;
    m_profileId = id;
    QMetaObject::invokeMethod(
        m_reader, [reader = m_reader, id, wallet = m_current] { reader->requestProfile(id, wallet); },
        Qt::QueuedConnection);
}

void TraderPanels::openTrader(const Wallet &wallet) {
    if (wallet.isEmpty())
        return;
    m_autoOpened = true; // the user chose: never replace it with the board's leader
    if (wallet != m_current) {
        m_current = wallet;
        m_syncWatchdog->stop();
        m_profile->showWallet(wallet);
    }
    refreshProfile();
}

void TraderPanels::onBoard(quint64 requestId, const LeaderboardResult &result) {
    if (requestId != m_boardId)
        return; // an older query: the user has moved on
    m_leaderboard->setLoading(false);
    m_leaderboard->setResult(result);
    if (!m_autoOpened && m_current.isEmpty() && !result.rows.isEmpty()) {
        // The profile dock is never empty while there is someone to show: the board's leader.
        m_autoOpened = true;
        int best = 0;
        for (int row = 0; row < m_boardModel->rowCount(); ++row)
            if (m_boardModel->rankOf(row) == 1)
                best = row;
        m_current = m_boardModel->rowAt(best).wallet;
        m_profile->showWallet(m_current);
        refreshProfile();
    }
}

void TraderPanels::onProfile(quint64 requestId, const TraderProfile &profile) {
    if (requestId != m_profileId || profile.wallet != m_current)
        return;
    m_profile->setProfile(profile);
}

void TraderPanels::onFailed(quint64 requestId, const QString &message) {
    if (requestId == m_boardId) {
        m_leaderboard->setLoading(false);
        m_leaderboard->setError(message);
    } else if (requestId == m_profileId) {
        m_profile->setError(message);
    }
}

void TraderPanels::requestSync(const QString &wallet) {
    const auto w = Wallet::parse(wallet);
    if (!w)
        return;
    m_profile->setSyncState(SyncState::Requested);
    m_syncWatchdog->start();
    Q_EMIT syncRequested(*w, true);
}

void TraderPanels::onSyncStarted(const Wallet &wallet) {
    if (wallet != m_current)
        return;
    m_syncWatchdog->stop();
    m_profile->setSyncState(SyncState::Running);
}

void TraderPanels::onSyncProgress(const Wallet &wallet, const QString &phase) {
    if (wallet != m_current)
        return;
    m_syncWatchdog->stop();
    // The phases run in this order; the bar shows how far along the list the sync is.
    static const QStringList phases{u"activity"_s, u"positions"_s, u"closed-positions"_s,
                                    u"value"_s,    u"markets"_s,   u"saving"_s};
    const qsizetype step = phases.indexOf(phase);
    m_profile->setSyncState(SyncState::Running, phase,
                            step < 0 ? -1 : int((step + 1) * 100 / (phases.size() + 1)));
}

void TraderPanels::onTraderSaved(const storage::TraderSummary &summary) {
    m_refresh->start(); // one board query for a burst of saves
    if (summary.wallet != m_current)
        return;
    m_syncWatchdog->stop();
    m_profile->setSyncState(SyncState::Done);
    refreshProfile();
}

void TraderPanels::onSyncFailed(const Wallet &wallet, const QString &message) {
    if (wallet != m_current)
        return;
    m_syncWatchdog->stop();
    m_profile->setSyncState(SyncState::Failed, message);
}

void TraderPanels::onLeaderboardUpdated() {
    m_refresh->start();
    refreshProfile(); // Polymarket's all-time figure sits in the header
}

void TraderPanels::showDock(const QString &name) {
    if (QDockWidget *dock = m_window.panel(name)) {
        dock->show();
        dock->raise();
    }
}

} // namespace longshot::app
