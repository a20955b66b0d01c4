#include "app/application.h"

#include "app/appsettings.h"
#include "app/databaseselection.h"
#include "app/historycontroller.h"
#include "app/linkhub.h"
#include "app/livefeed.h"
#include "app/logging.h"
#include "app/mainwindow.h"
#include "app/marketpanel.h"
#include "app/paths.h"
#include "app/startupreport.h"
#include "app/theme.h"
#include "app/traderpanels.h"
#include "app/tradersync.h"
#include "app/workflow.h"
#include "models/watchlistmodel.h"
#include "views/historyview.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QPixmap>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace longshot::app {

Application::Application(const CommandLineOptions &options)
    : m_options(options)
    , m_database(resolveDatabase(options.database))
    , m_screenshotMode(!options.screenshotPath.isEmpty()) {
    QString error;
    if (!ensureDirectory(configDirectory(), &error))
        qCWarning(lcApp).noquote() << error << "Settings will not be saved.";
    if (m_database.engine == storage::Engine::Sqlite &&
        !ensureDirectory(QFileInfo(m_database.path).absolutePath(), &error))
        qCWarning(lcApp).noquote() << error;
    m_settings = std::make_unique<AppSettings>(settingsFile());

    // The platform palette is read before the theme replaces it: "system" consults it.
    m_theme = std::make_unique<Theme>(QApplication::palette());
    applyTheme(options.theme.value_or(m_settings->theme().get()));

    m_window = std::make_unique<MainWindow>();
    m_window->setAboutInfo({describeDatabase(m_database), QDir::toNativeSeparators(dataDirectory()),
                            QDir::toNativeSeparators(m_settings->fileName())});
    m_window->setThemeChoice(m_theme->choice());
    m_window->setDemoBanner(options.demo);
    m_window->setOfflineMode(options.offline);

    QObject::connect(m_window.get(), &MainWindow::themeRequested, m_window.get(), [this](ThemeChoice choice) {
        applyTheme(choice);
        m_settings->theme() = choice;
    });
    QObject::connect(m_window.get(), &MainWindow::closing, m_window.get(), [this] { saveWindow(); });

    installFeatures();
    restoreWindow();
}

Application::~Application() = default;

Decimal Application::feedMinUsd() const {
    return m_settings->feedMinUsd().get();
}

void Application::installFeatures() {
    // --min-usd is the storage floor; the feed view's display threshold is the user's saved choice.
    // Kalshi credentials given as flags are remembered (key id and file path only, never the
    // key); without flags the remembered ones apply.
    if (!m_options.kalshiKeyFile.isEmpty()) {
        m_settings->kalshiKeyId() = m_options.kalshiKeyId;
        m_settings->kalshiKeyFile() = m_options.kalshiKeyFile;
    } else if (!m_options.demo) {
        m_options.kalshiKeyId = m_settings->kalshiKeyId().get();
        m_options.kalshiKeyFile = m_settings->kalshiKeyFile().get();
    }
    m_liveFeed = std::make_unique<LiveFeed>(m_options, m_settings->feedMinUsd().get(), *m_window);
    QObject::connect(m_liveFeed.get(), &LiveFeed::displayThresholdChanged, m_window.get(),
                     [this](Decimal minimum) { m_settings->feedMinUsd() = minimum; });
    // Before the workflow: it gives every table already in the window its tools.
    if (const auto database = TraderPanels::databaseFor(m_options)) {
        m_traderPanels = std::make_unique<TraderPanels>(*database, *m_window, m_liveFeed->view());
        if (m_options.offline)
            m_traderPanels->setSyncAvailable(false,
                                             QObject::tr("Offline: stored figures only, nothing is synced"));
    }
    m_workflow = std::make_unique<Workflow>(m_options, m_settings->fileName(), *m_window, m_liveFeed->view());
    m_history = std::make_unique<HistoryController>(m_options, *m_window, m_liveFeed->view());
    // Reviewing another file is offline work: the feed stops and nothing touches the network.
    // The trader docks follow to the reviewed file, and the trader sync stops with the feed.
    QObject::connect(m_history.get(), &HistoryController::offlineReviewStarted, m_window.get(), [this] {
        m_liveFeed->stop();
        if (m_traderSync)
            m_traderSync->stop();
        if (m_traderPanels) {
            m_traderPanels->setSyncAvailable(false,
                                             QObject::tr("Reviewing a file offline: nothing is synced"));
            m_traderPanels->openDatabase(m_history->database());
        }
    });
    // Clicking a market anywhere opens it in the Market dock.
    if (MarketPanel *market = m_liveFeed->marketPanel())
        QObject::connect(m_history->view(), &views::HistoryView::marketActivated, market,
                         &MarketPanel::openMarket);
    linkPanels();
    if (!m_screenshotMode || m_options.demo)
        m_liveFeed->start();
    installTraderSync();
    if (m_traderPanels && !m_traderSync && !m_options.offline)
        m_traderPanels->setSyncAvailable(false, QObject::tr("Trader sync is not running in this session"));
}

void Application::linkPanels() {
    // Selecting a row in a linked dock drives the market and profile docks of its colour.
    LinkHub *links = m_workflow->links();
    if (MarketPanel *market = m_liveFeed->marketPanel()) {
        links->onMarket(PanelName::Market, market, [market](const LinkedMarket &m) {
            market->openMarket(m.venue, m.marketId, m.title);
        });
    }
    if (TraderPanels *panels = m_traderPanels.get()) {
        links->onTrader(PanelName::TraderProfile, panels, [panels](const LinkedTrader &t) {
            if (const auto wallet = Wallet::parse(t.wallet))
                panels->openTrader(*wallet);
        });
    }
    // Panels installed after the workflow (history, storage) get their title bars and links.
    links->adoptDocks();
}

void Application::installTraderSync() {
    // The live feed's options: --demo has pointed them at the simulator.
    const CommandLineOptions &options = m_liveFeed->options();
    const bool demoReady = options.endpoints.contains(EndpointKey::PolymarketData);
    if (options.offline || (options.demo && !demoReady) || (m_screenshotMode && !options.demo))
        return;
    const DatabaseSelection database = databaseConfigFor(options);
    if (!database.ok())
        return;
    m_traderSync = std::make_unique<TraderSync>(traderSyncConfigFrom(options, database.config));
    QObject::connect(m_liveFeed.get(), &LiveFeed::tradesArrived, m_traderSync.get(),
                     &TraderSync::observeTrades);
    QObject::connect(m_liveFeed.get(), &LiveFeed::tradesArrived, m_traderSync->marketMetadata(),
                     &MarketMetadataSync::observeTrades);
    if (TraderPanels *panels = m_traderPanels.get()) {
        TraderSync *sync = m_traderSync.get();
        QObject::connect(panels, &TraderPanels::syncRequested, sync, &TraderSync::requestSync);
        QObject::connect(sync, &TraderSync::syncStarted, panels, &TraderPanels::onSyncStarted);
        QObject::connect(sync, &TraderSync::syncProgress, panels, &TraderPanels::onSyncProgress);
        QObject::connect(sync, &TraderSync::traderSaved, panels, &TraderPanels::onTraderSaved);
        // Revalued at newer marks: the board and the open profile read the new figures.
        QObject::connect(sync, &TraderSync::figuresRefreshed, panels, &TraderPanels::onLeaderboardUpdated);
        QObject::connect(sync, &TraderSync::syncFailed, panels, &TraderPanels::onSyncFailed);
        QObject::connect(sync, &TraderSync::leaderboardUpdated, panels, &TraderPanels::onLeaderboardUpdated);
    }
    // Followed wallets re-sync first in the bulk lane, whenever the watchlist changes.
    if (WatchlistModel *watchlist = m_workflow ? m_workflow->watchlist() : nullptr) {
        const auto pushFollowed = [this, watchlist] {
            QList<Wallet> wallets;
            for (int row = 0; row < watchlist->rowCount(); ++row) {
                const WatchlistModel::Entry &e = watchlist->entryAt(row);
                if (e.kind != WatchlistModel::Kind::Wallet)
                    continue;
                if (auto wallet = Wallet::parse(e.id))
                    wallets.append(*wallet);
            }
            m_traderSync->setFollowed(wallets);
        };
        QObject::connect(watchlist, &WatchlistModel::listChanged, m_traderSync.get(), pushFollowed);
        pushFollowed();
    }
    m_traderSync->start();
}

void Application::restoreWindow() {
    if (m_screenshotMode) {
        // Screenshots are reproducible: default size and layout whatever the user saved.
        m_window->resize(MainWindow::kDefaultSize);
        m_window->restoreLayout({});
        return;
    }
    const QByteArray geometry = m_settings->mainWindowGeometry().get();
    if (geometry.isEmpty() || !m_window->restoreGeometry(geometry))
        m_window->resize(MainWindow::kDefaultSize);
    m_window->restoreLayout(m_settings->mainWindowState().get());
    m_window->setPanelsLocked(m_settings->panelsLocked().get());
}

void Application::saveWindow() {
    if (m_screenshotMode)
        return;
    m_settings->mainWindowGeometry() = m_window->saveGeometry();
    m_settings->mainWindowState() = m_window->saveLayout();
    m_settings->panelsLocked() = m_window->panelsLocked();
    if (!m_settings->sync())
        qCWarning(lcApp).noquote() << "cannot write the settings file" << m_settings->fileName();
}

void Application::applyTheme(ThemeChoice choice) {
    m_theme->apply(choice);
    qCDebug(lcApp) << "theme" << themeChoiceName(choice) << (m_theme->isDark() ? "(dark)" : "(light)");
}

int Application::takeScreenshot() {
    int result = 1;
    QTimer::singleShot(m_options.screenshotDelayMs, m_window.get(), [this, &result] {
        const QPixmap shot = m_window->grab();
        if (shot.save(m_options.screenshotPath, "PNG")) {
            result = 0;
        } else {
            std::fprintf(stderr, "longshot: cannot write the screenshot to %s\n",
                         qPrintable(QDir::toNativeSeparators(m_options.screenshotPath)));
        }
        QCoreApplication::quit();
    });
    QCoreApplication::exec();
    return result;
}

int Application::exec() {
    StartupReport::installIfRequested(m_window.get());
    m_window->show();
    if (m_screenshotMode)
        return takeScreenshot();
    return QCoreApplication::exec();
}

} // namespace longshot::app
