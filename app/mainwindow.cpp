#include "app/mainwindow.h"

#include "app/aboutdialog.h"
#include "app/layoutmanager.h"
#include "app/logging.h"
#include "views/emptystate.h"

#include <QAction>
#include <QActionGroup>
#include <QCloseEvent>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <QToolBar>

using namespace Qt::StringLiterals;

namespace longshot::app {

namespace {

// An EmptyState kept to a readable line length and centred in a wide panel.
QWidget *placeholder(const QString &title, const QString &explanation) {
    auto *box = new QWidget;
    box->setObjectName(u"panelPlaceholder"_s);
    auto *state = new views::EmptyState(title, explanation, box);
    state->setMaximumWidth(460);
    auto *layout = new QHBoxLayout(box);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->addStretch(1);
    layout->addWidget(state, 20);
    layout->addStretch(1);
    return box;
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_layout(new LayoutManager(this)) {
    setObjectName(u"mainWindow"_s);
    QIcon icon;
    for (const int side : {16, 32, 48, 64, 128, 256})
        icon.addFile(u":/longshot/icons/longshot-%1.png"_s.arg(side), QSize(side, side));
    setWindowIcon(icon);
    resize(kDefaultSize);
    // Docks only: the whale feed is itself a panel, so every part of the window can move.
    setDockNestingEnabled(true);
    setDockOptions(dockOptions() | QMainWindow::AllowTabbedDocks | QMainWindow::GroupedDragging);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    setCorner(Qt::TopRightCorner, Qt::RightDockWidgetArea);
    // Tabs on top, where a terminal user looks for them, and drawn flat.
    setTabPosition(Qt::AllDockWidgetAreas, QTabWidget::North);
    setDocumentMode(true);

    createMenus();
    createDemoBanner();
    createDefaultPanels();
    arrangeDefaultPanels();

    m_offlineLabel = new QLabel(tr("Offline: stored data only"), this);
    m_offlineLabel->setTextFormat(Qt::PlainText);
    m_offlineLabel->setVisible(false);
    statusBar()->addWidget(m_offlineLabel);
    statusBar()->setSizeGripEnabled(true);

    connect(m_layout, &LayoutManager::layoutApplied, this, [this](bool isDefault) {
        if (isDefault)
            applyDefaultSizes();
        // A saved layout may come from a run with a different demo setting.
        m_demoBar->setVisible(m_demoShown);
    });
    connect(m_layout, &LayoutManager::lockedChanged, this, [this](bool locked) {
        m_lockAction->setChecked(locked);
        Q_EMIT panelsLockedChanged(locked);
    });
    updateTitle();
}

MainWindow::~MainWindow() = default;

QDockWidget *MainWindow::addPanel(const QString &objectName, const QString &title, QWidget *content,
                                  Qt::DockWidgetArea area) {
    if (objectName.isEmpty()) {
        // saveState() cannot place a dock without a name; refuse rather than corrupt layouts.
        qCWarning(lcApp) << "addPanel: a panel needs an objectName; ignored" << title;
        if (content) {
            content->setParent(this);
            content->hide();
        }
        return nullptr;
    }
    if (QDockWidget *existing = panel(objectName)) {
        qCWarning(lcApp) << "addPanel: panel" << objectName << "exists; replacing its content";
        replacePanelContent(objectName, content);
        return existing;
    }
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(content);
    addDockWidget(area, dock);
    m_layout->adopt(dock);
    m_panelsMenu->addAction(dock->toggleViewAction());
    return dock;
}

QDockWidget *MainWindow::panel(const QString &objectName) const {
    return findChild<QDockWidget *>(objectName, Qt::FindDirectChildrenOnly);
}

void MainWindow::replacePanelContent(const QString &objectName, QWidget *content) {
    QDockWidget *dock = panel(objectName);
    if (!dock) {
        qCWarning(lcApp) << "replacePanelContent: no panel named" << objectName;
        if (content) {
            content->setParent(this);
            content->hide();
        }
        return;
    }
    QWidget *old = dock->widget();
    if (old == content)
        return;
    dock->setWidget(content);
    if (old)
        old->deleteLater();
}

bool MainWindow::restoreLayout(const QByteArray &savedState) {
    if (!m_layout->hasDefault())
        m_layout->captureDefault();
    return m_layout->restore(savedState);
}

QByteArray MainWindow::saveLayout() const {
    return m_layout->save();
}

void MainWindow::resetLayout() {
    if (!m_layout->hasDefault())
        m_layout->captureDefault();
    m_layout->resetToDefault();
}

void MainWindow::setPanelsLocked(bool locked) {
    m_layout->setLocked(locked);
}

bool MainWindow::panelsLocked() const {
    return m_layout->isLocked();
}

void MainWindow::setDemoBanner(bool shown) {
    m_demoShown = shown;
    m_demoBar->setVisible(shown);
    updateTitle();
}

void MainWindow::setOfflineMode(bool offline) {
    m_offline = offline;
    m_offlineLabel->setVisible(offline);
    updateTitle();
}

void MainWindow::setThemeChoice(ThemeChoice choice) {
    for (QAction *action : m_themeGroup->actions()) {
        if (action->data().toInt() == static_cast<int>(choice))
            action->setChecked(true);
    }
}

void MainWindow::setAboutInfo(const AboutInfo &info) {
    m_about = info;
}

void MainWindow::closeEvent(QCloseEvent *event) {
    Q_EMIT closing();
    QMainWindow::closeEvent(event);
}

void MainWindow::createDefaultPanels() {
    struct Placeholder {
        const QString &name;
        QString title;
        QString explanation;
    };
    const Placeholder placeholders[] = {
        {PanelName::WhaleFeed, tr("Whale feed"),
         tr("Large trades on Polymarket and Kalshi appear here the moment they happen, newest on top. "
            "Nothing yet: no trade above your size threshold has arrived since the feed connected.")},
        {PanelName::History, tr("History"),
         tr("Trades stored in the local database, searchable by time, market and wallet. The history "
            "fills while the terminal or 'longshot collect' runs.")},
        {PanelName::TraderProfile, tr("Trader profile"),
         tr("Select a trade or a trader to see their open positions, realised P&L, win rate and "
            "recent activity.")},
        {PanelName::Market, tr("Market"),
         tr("Select a trade to see its market: outcome prices, order book depth and the largest "
            "recent trades.")},
        {PanelName::Leaderboard, tr("Leaderboard"),
         tr("The most profitable traders by volume and P&L, loaded from Polymarket's leaderboard "
            "while the terminal is online.")},
        {PanelName::Watchlist, tr("Watchlist"),
         tr("Wallets and markets you follow, with their latest trades. Nothing followed yet.")},
        {PanelName::Alerts, tr("Alerts"),
         tr("Alerts fire here when a followed wallet trades or a trade crosses your size limit. "
            "No alerts yet.")},
    };
    for (const Placeholder &p : placeholders) {
        addPanel(p.name, p.title, placeholder(p.title, p.explanation), Qt::LeftDockWidgetArea);
    }
}

void MainWindow::arrangeDefaultPanels() {
    //  +------------------------------+----------------+
    //  | Whale feed | History         | Trader profile |
    //  |                              |                |
    //  +------------------------------+----------------+
    //  | Leaderboard | Watchlist | Al. | Market         |
    //  +------------------------------+----------------+
    QDockWidget *feed = panel(PanelName::WhaleFeed);
    QDockWidget *profile = panel(PanelName::TraderProfile);
    QDockWidget *leaderboard = panel(PanelName::Leaderboard);
    addDockWidget(Qt::RightDockWidgetArea, profile);
    splitDockWidget(profile, panel(PanelName::Market), Qt::Vertical);
    splitDockWidget(feed, leaderboard, Qt::Vertical);
    tabifyDockWidget(feed, panel(PanelName::History));
    tabifyDockWidget(leaderboard, panel(PanelName::Watchlist));
    tabifyDockWidget(leaderboard, panel(PanelName::Alerts));
    feed->raise();
    leaderboard->raise();
    applyDefaultSizes();
}

void MainWindow::applyDefaultSizes() {
    // restoreState() keeps the proportions of the moment the default was captured, which may be
    // before the window had its real size; these follow the current one (OBS's reset does this too).
    QDockWidget *feed = panel(PanelName::WhaleFeed);
    QDockWidget *profile = panel(PanelName::TraderProfile);
    QDockWidget *market = panel(PanelName::Market);
    QDockWidget *leaderboard = panel(PanelName::Leaderboard);
    if (!feed || !profile || !market || !leaderboard)
        return;
    const QSize area = size().isValid() ? size() : kDefaultSize;
    const int width = area.width();
    const int height = area.height();
    resizeDocks({feed, profile}, {width * 66 / 100, width * 34 / 100}, Qt::Horizontal);
    resizeDocks({feed, leaderboard}, {height * 64 / 100, height * 36 / 100}, Qt::Vertical);
    resizeDocks({profile, market}, {height * 55 / 100, height * 45 / 100}, Qt::Vertical);
}

void MainWindow::createMenus() {
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open Database…"));
    open->setObjectName(u"actionOpenDatabase"_s);
    open->setShortcut(QKeySequence::Open);
    connect(open, &QAction::triggered, this, &MainWindow::openDatabaseRequested);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"));
    quit->setObjectName(u"actionQuit"_s);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    // close() rather than quit(): closeEvent saves the layout.
    connect(quit, &QAction::triggered, this, &QWidget::close);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    m_panelsMenu = view->addMenu(tr("&Panels"));
    m_panelsMenu->setObjectName(u"menuPanels"_s);
    view->addSeparator();
    QAction *reset = view->addAction(tr("&Reset Layout"));
    reset->setObjectName(u"actionResetLayout"_s);
    connect(reset, &QAction::triggered, this, &MainWindow::resetLayout);
    m_lockAction = view->addAction(tr("&Lock Panels"));
    m_lockAction->setObjectName(u"actionLockPanels"_s);
    m_lockAction->setCheckable(true);
    connect(m_lockAction, &QAction::toggled, this, &MainWindow::setPanelsLocked);
    view->addSeparator();
    QMenu *theme = view->addMenu(tr("&Theme"));
    m_themeGroup = new QActionGroup(this);
    const std::pair<ThemeChoice, QString> themes[] = {
        {ThemeChoice::System, tr("&System")},
        {ThemeChoice::Light, tr("&Light")},
        {ThemeChoice::Dark, tr("&Dark")},
    };
    for (const auto &[choice, label] : themes) {
        QAction *action = theme->addAction(label);
        action->setObjectName(u"actionTheme_"_s + themeChoiceName(choice));
        action->setCheckable(true);
        action->setData(static_cast<int>(choice));
        m_themeGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, choice] { Q_EMIT themeRequested(choice); });
    }
    setThemeChoice(ThemeChoice::System);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Longshot"));
    about->setObjectName(u"actionAbout"_s);
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createDemoBanner() {
    m_demoBar = new QToolBar(tr("Demo"), this);
    m_demoBar->setObjectName(u"demoBannerBar"_s);
    m_demoBar->setMovable(false);
    m_demoBar->setFloatable(false);
    m_demoBar->setContextMenuPolicy(Qt::PreventContextMenu);
    // Not in the window's context menu: the user must not be able to hide it.
    m_demoBar->toggleViewAction()->setVisible(false);
    m_demoBar->setStyleSheet(u"QToolBar { background: #b45309; border: none; padding: 0; spacing: 0; }"_s);
    auto *label = new QLabel(tr("DEMO — simulated data from the built-in exchange simulator. "
                                "No trade, price or wallet shown here is real."),
                             m_demoBar);
    label->setObjectName(u"demoBannerLabel"_s);
    label->setTextFormat(Qt::PlainText);
    label->setAlignment(Qt::AlignCenter);
    label->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    label->setStyleSheet(u"QLabel { color: white; font-weight: 700; padding: 5px 12px; }"_s);
    m_demoBar->addWidget(label);
    addToolBar(Qt::TopToolBarArea, m_demoBar);
    m_demoBar->setVisible(false);
}

void MainWindow::showAbout() {
    AboutDialog dialog(m_about, this);
    dialog.exec();
}

void MainWindow::updateTitle() {
    QString title = u"Longshot"_s;
    if (m_demoShown)
        title += u" — "_s + tr("demo");
    if (m_offline)
        title += u" — "_s + tr("offline");
    setWindowTitle(title);
}

} // namespace longshot::app
