#pragma once

#include "app/commandline.h"

#include <memory>

namespace longshot::app {

class AppSettings;
class HistoryController;
class LiveFeed;
class MainWindow;
class Theme;
class TraderPanels;
class TraderSync;
class Workflow;

// The GUI composition root: settings, theme, the main window and (added by the feed
// pipeline) everything that feeds it. Needs a QApplication.
class Application final {
public:
    explicit Application(const CommandLineOptions &options);
    ~Application();
    Q_DISABLE_COPY_MOVE(Application)

    // Shows the window and runs the event loop (or takes the screenshot and leaves).
    int exec();

    MainWindow &window() { return *m_window; }
    const CommandLineOptions &options() const { return m_options; }
    // The whale feed view's saved display threshold (--min-usd is the storage floor).
    Decimal feedMinUsd() const;
    storage::DatabaseConfig database() const { return m_database; }
    // Trader sync (profiles, leaderboard); null offline, or when storage is unavailable.
    TraderSync *traderSync() const { return m_traderSync.get(); }

private:
    void installFeatures();
    void installTraderSync();
    void linkPanels();
    void restoreWindow();
    void saveWindow();
    void applyTheme(ThemeChoice choice);
    int takeScreenshot();

    CommandLineOptions m_options;
    storage::DatabaseConfig m_database;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<Theme> m_theme;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<LiveFeed> m_liveFeed;         // after the window: stops before the window goes
    std::unique_ptr<Workflow> m_workflow;         // after the feed: it holds the feed's view
    std::unique_ptr<TraderPanels> m_traderPanels; // after the feed: holds the feed's view
    std::unique_ptr<TraderSync> m_traderSync;     // after the feed: stops before the demo simulator goes
    std::unique_ptr<HistoryController> m_history; // after the feed: replays into its tape
    bool m_screenshotMode = false;
};

} // namespace longshot::app
