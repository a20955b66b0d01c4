#pragma once

#include "app/commandline.h"

#include <QMainWindow>
#include <QString>

class QActionGroup;
class QLabel;
class QMenu;
class QToolBar;

namespace longshot::app {

class LayoutManager;

// Stable objectNames of the default panels: saved layouts refer to panels by these names.
namespace PanelName {
inline const QString WhaleFeed = QStringLiteral("whaleFeedDock");
inline const QString Leaderboard = QStringLiteral("leaderboardDock");
inline const QString TraderProfile = QStringLiteral("traderProfileDock");
inline const QString Market = QStringLiteral("marketDock");
inline const QString Watchlist = QStringLiteral("watchlistDock");
inline const QString Alerts = QStringLiteral("alertsDock");
inline const QString History = QStringLiteral("historyDock");
} // namespace PanelName

// What Help > About shows besides the version.
struct AboutInfo {
    QString database;
    QString dataDirectory;
    QString settingsFile;
};

// The window only lays out and wires: panels, menus, the status bar and the layout actions.
// Behaviour (feeds, storage, models) is installed from outside through addPanel() and
// replacePanelContent(), and persistence is the caller's job through the signals below.
class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    static constexpr QSize kDefaultSize{1400, 860};

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;
    Q_DISABLE_COPY_MOVE(MainWindow)

    // Adds a dock with a stable objectName (saved layouts depend on it), puts its toggle
    // action into View > Panels and returns it. Call before restoreLayout().
    QDockWidget *addPanel(const QString &objectName, const QString &title, QWidget *content,
                          Qt::DockWidgetArea area);
    QDockWidget *panel(const QString &objectName) const;
    // Swaps the placeholder (or any earlier content) of a panel; the old content is deleted
    // and the window takes ownership of the new one.
    void replacePanelContent(const QString &objectName, QWidget *content);

    // Captures the default layout (first call only), then applies `savedState` or, when it is
    // empty or unusable, the default. Returns whether the saved state was used.
    bool restoreLayout(const QByteArray &savedState);
    QByteArray saveLayout() const;
    void resetLayout();
    void setPanelsLocked(bool locked);
    bool panelsLocked() const;
    LayoutManager *layoutManager() const { return m_layout; }

    // A coloured strip across the top: simulated data must never pass for real trades.
    void setDemoBanner(bool shown);
    bool isDemoBannerShown() const { return m_demoShown; }
    // "Longshot — offline" in the title bar and a note in the status bar.
    void setOfflineMode(bool offline);
    bool isOfflineMode() const { return m_offline; }
    // Checks the matching View > Theme entry; does not apply the theme.
    void setThemeChoice(ThemeChoice choice);
    void setAboutInfo(const AboutInfo &info);

Q_SIGNALS:
    void openDatabaseRequested();
    void themeRequested(longshot::app::ThemeChoice choice);
    void panelsLockedChanged(bool locked);
    // Emitted from closeEvent, while geometry and layout are still those the user sees.
    void closing();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createDefaultPanels();
    void arrangeDefaultPanels();
    void createMenus();
    void createDemoBanner();
    void applyDefaultSizes();
    void showAbout();
    void updateTitle();

    LayoutManager *m_layout;
    QMenu *m_panelsMenu = nullptr;
    QActionGroup *m_themeGroup = nullptr;
    QAction *m_lockAction = nullptr;
    QToolBar *m_demoBar = nullptr;
    QLabel *m_offlineLabel = nullptr;
    AboutInfo m_about;
    bool m_demoShown = false;
    bool m_offline = false;
};

} // namespace longshot::app
