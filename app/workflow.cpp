#include "app/workflow.h"

#include "app/alertfactsworker.h"
#include "app/alertscontroller.h"
#include "app/databaseselection.h"
#include "app/displaymenu.h"
#include "app/exportjob.h"
#include "app/linkhub.h"
#include "app/logging.h"
#include "app/mainwindow.h"
#include "app/paths.h"
#include "app/shortcuts.h"
#include "app/workspaces.h"
#include "models/historymodel.h"
#include "models/watchlistmodel.h"
#include "models/whalefeedfilter.h"
#include "models/whalefeedmodel.h"
#include "views/alertsview.h"
#include "views/columnchooser.h"
#include "views/exportdialog.h"
#include "views/quickopen.h"
#include "views/tabletools.h"
#include "views/watchlistview.h"
#include "views/whalefeedview.h"

#include <QAbstractProxyModel>
#include <QAction>
#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace longshot::app {

namespace {

const QAbstractItemModel *sourceOf(const QAbstractItemModel *model) {
    while (const auto *proxy = qobject_cast<const QAbstractProxyModel *>(model))
        model = proxy->sourceModel();
    return model;
}

bool isTradeTable(const QTableView *table) {
    const QAbstractItemModel *source = sourceOf(table->model());
    return qobject_cast<const WhaleFeedModel *>(source) || qobject_cast<const HistoryModel *>(source);
}

QString defaultExportPath(const QString &stem) {
    QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (dir.isEmpty())
        dir = QDir::homePath();
    const QString stamp = QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd-HHmmss"_s);
    return QDir(dir).filePath(u"longshot-%1-%2.csv"_s.arg(stem, stamp));
}

QList<int> toInts(const QVariant &stored) {
    QList<int> out;
    for (const QString &part : stored.toString().split(u',', Qt::SkipEmptyParts)) {
        bool ok = false;
        const int v = part.toInt(&ok);
        if (ok && v >= 0)
            out << v;
    }
    return out;
}

QString fromInts(const QList<int> &values) {
    QStringList parts;
    for (const int v : values)
        parts << QString::number(v);
    return parts.join(u',');
}

} // namespace

Workflow::Workflow(const CommandLineOptions &options, const QString &iniFile, MainWindow &window,
                   views::WhaleFeedView *feed, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_store(std::make_unique<QSettings>(iniFile, QSettings::IniFormat))
    , m_window(window)
    , m_feed(feed)
    , m_quickOpen(new views::QuickOpen(&window)) {
    if (m_feed) {
        m_feedModel = qobject_cast<WhaleFeedModel *>(m_feed->filter()->sourceModel());
        connect(m_feed, &views::WhaleFeedView::contextMenuAboutToShow, this,
                [this](QMenu *menu, const QModelIndex &index) {
                    const Trade trade = index.data(WhaleFeedModel::TradeRole).value<Trade>();
                    menu->addSeparator();
                    if (!trade.wallet.isEmpty()) {
                        QAction *followTrader = menu->addAction(tr("Follow trader"));
                        followTrader->setObjectName(u"followTrader"_s);
                        followTrader->setEnabled(
                            !m_watchlist->isFollowed(WatchlistModel::Kind::Wallet, trade.wallet.address()));
                        connect(followTrader, &QAction::triggered, this, [this, trade] {
                            m_watchlist->follow(WatchlistModel::Kind::Wallet, trade.wallet.address(),
                                                trade.traderLabel());
                        });
                    }
                    QAction *followMarket = menu->addAction(tr("Follow market"));
                    followMarket->setObjectName(u"followMarket"_s);
                    followMarket->setEnabled(
                        !m_watchlist->isFollowed(WatchlistModel::Kind::Market, trade.marketId));
                    connect(followMarket, &QAction::triggered, this, [this, trade] {
                        m_watchlist->follow(WatchlistModel::Kind::Market, trade.marketId, trade.marketTitle);
                    });
                    if (auto *tools = m_feed->table()->findChild<views::TableTools *>(
                            QString(), Qt::FindDirectChildrenOnly))
                        tools->addActionsTo(menu);
                });
    }
    if (m_feedModel) {
        connect(m_feedModel, &QAbstractItemModel::rowsInserted, this,
                [this](const QModelIndex &, int first, int last) { indexFeedRows(first, last); });
    }
    connect(m_quickOpen, &views::QuickOpen::traderChosen, this, &Workflow::jumpToTrader);
    connect(m_quickOpen, &views::QuickOpen::marketChosen, this, &Workflow::jumpToMarket);
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget *, QWidget *now) {
        for (QWidget *w = now; w; w = w->parentWidget()) {
            if (auto *table = qobject_cast<QTableView *>(w)) {
                m_lastTable = table;
                break;
            }
        }
    });
    m_dataDir = options.demo ? QDir(dataDirectory()).filePath(u"demo"_s) : dataDirectory();
    QString error;
    if (!ensureDirectory(m_dataDir, &error))
        qCWarning(lcApp).noquote() << error;
    installWatchlist();
    m_alerts = new AlertsController(m_dataDir, window, m_feedModel, this);
    m_alerts->setFactsProvider([this](const Trade &trade) {
        AlertFacts facts;
        facts.walletFollowed = !trade.wallet.isEmpty() &&
                               m_watchlist->isFollowed(WatchlistModel::Kind::Wallet, trade.wallet.address());
        facts.marketFollowed = m_watchlist->isFollowed(WatchlistModel::Kind::Market, trade.marketId);
        return facts;
    });
    installAlertFacts();
    connect(m_alerts->view(), &views::AlertsView::traderActivated, this, &Workflow::jumpToTrader);
    m_workspaces = new Workspaces(m_store.get(), window, this);
    installLinks();
    createActions();
    adoptTables();
    // Panels installed after this object (history, traders, markets) are picked up once the
    // window is assembled.
    QTimer::singleShot(0, this, [this] {
        adoptTables();
        m_links->adoptDocks();
    });
}

Workflow::~Workflow() {
    m_store->sync();
}

QString Workflow::hiddenColumnsKey(const QString &tableName) {
    return u"ui/v1/tables/%1/hiddenColumns"_s.arg(tableName);
}

void Workflow::adoptTables() {
    for (QTableView *table : m_window.findChildren<QTableView *>()) {
        if (table->findChild<views::TableTools *>(QString(), Qt::FindDirectChildrenOnly))
            continue;
        if (table->window() != &m_window || table->objectName().isEmpty())
            continue; // dialogs and unnamed helper tables keep their own behaviour
        auto *tools = new views::TableTools(table, isTradeTable(table));
        const QString key = hiddenColumnsKey(table->objectName());
        if (m_store->contains(key))
            tools->columns()->setHiddenColumns(toInts(m_store->value(key)));
        connect(tools->columns(), &views::ColumnChooser::hiddenColumnsChanged, this,
                [this, key](const QList<int> &hidden) {
                    m_store->setValue(key, fromInts(hidden));
                    m_store->sync();
                });
        connect(tools, &views::TableTools::exportViewRequested, this,
                [this, table] { chooseAndExportView(table); });
        connect(tools, &views::TableTools::exportHistoryRequested, this, &Workflow::chooseAndExportHistory);
    }
}

void Workflow::createActions() {
    QMenu *file = topLevelMenu(m_window, u"File"_s);
    QAction *quit = m_window.findChild<QAction *>(u"actionQuit"_s);
    QAction *exportView = new QAction(tr("Export View as CSV…"), &m_window);
    exportView->setObjectName(u"actionExportView"_s);
    exportView->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(exportView, &QAction::triggered, this, [this] { chooseAndExportView(currentTable()); });
    QAction *exportAll = new QAction(tr("Export Full Stored History…"), &m_window);
    exportAll->setObjectName(u"actionExportHistory"_s);
    exportAll->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    connect(exportAll, &QAction::triggered, this, &Workflow::chooseAndExportHistory);
    QAction *open = new QAction(tr("Quick Open…"), &m_window);
    open->setObjectName(u"actionQuickOpen"_s);
    open->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    connect(open, &QAction::triggered, m_quickOpen, &views::QuickOpen::popup);
    if (file) {
        QAction *before = quit && file->actions().contains(quit) ? quit : nullptr;
        file->insertAction(before, open);
        file->insertSeparator(before);
        file->insertAction(before, exportView);
        file->insertAction(before, exportAll);
        file->insertSeparator(before);
    } else {
        m_window.addActions({exportView, exportAll, open});
    }

    if (QMenu *view = topLevelMenu(m_window, u"View"_s)) {
        QMenu *workspaces = m_workspaces->createMenu(view);
        const QList<QAction *> actions = view->actions();
        view->insertMenu(actions.value(1), workspaces); // after Panels
        // Beside Theme: how figures read is a display choice like the colours.
        const QList<QAction *> now = view->actions();
        const auto theme = std::find_if(
            now.begin(), now.end(), [](QAction *a) { return a->menu() && a->text().contains(u"Theme"_s); });
        QAction *after = theme != now.end() ? *theme : nullptr;
        const qsizetype next = after ? now.indexOf(after) + 1 : -1;
        view->insertMenu(next >= 0 ? now.value(next) : nullptr, createDisplayMenu(m_store.get(), view));
    }
    installPanelShortcuts(m_window);
    if (QMenu *help = topLevelMenu(m_window, u"Help"_s)) {
        QAction *keys = new QAction(tr("&Keyboard Shortcuts"), &m_window);
        keys->setObjectName(u"actionKeyboardShortcuts"_s);
        keys->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
        connect(keys, &QAction::triggered, this, [this] {
            QDialog *dialog = createShortcutsDialog(m_window);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->show();
        });
        help->insertAction(help->actions().value(0), keys);
    }
}

QTableView *Workflow::currentTable() const {
    if (m_lastTable && m_lastTable->isVisible())
        return m_lastTable;
    return m_feed ? m_feed->table() : nullptr;
}

void Workflow::chooseAndExportView(QTableView *table) {
    if (!table)
        return;
    const QString stem = table->objectName().isEmpty() ? u"table"_s : table->objectName();
    const QString path = QFileDialog::getSaveFileName(&m_window, tr("Export View as CSV"),
                                                      defaultExportPath(stem), tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportView(table, path);
}

void Workflow::chooseAndExportHistory() {
    const QString path =
        QFileDialog::getSaveFileName(&m_window, tr("Export Full Stored History"),
                                     defaultExportPath(u"history"_s), tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportHistory(path);
}

namespace {

// Ties a job to its dialog: progress in, cancel out, both gone once the dialog closes.
void attach(ExportJob *job, views::ExportDialog *dialog) {
    QObject::connect(job, &ExportJob::progress, dialog, &views::ExportDialog::setProgress);
    QObject::connect(dialog, &views::ExportDialog::cancelRequested, job, &ExportJob::cancel);
    QObject::connect(job, &ExportJob::finished, dialog, [dialog](const ExportOutcome &outcome) {
        if (outcome.ok)
            dialog->setSucceeded(outcome.rows);
        else if (outcome.cancelled)
            dialog->setCancelled();
        else
            dialog->setFailed(outcome.error);
    });
    QObject::connect(dialog, &QDialog::finished, job, [job, dialog] {
        job->cancel();
        job->deleteLater();
        dialog->deleteLater();
    });
    dialog->show();
}

} // namespace

void Workflow::exportView(QTableView *table, const QString &path) {
    auto *job = new ExportJob(this);
    auto *dialog = new views::ExportDialog(tr("Export View as CSV"), path, &m_window);
    attach(job, dialog);
    job->startView(table->model(), views::ColumnChooser::visibleColumns(table->horizontalHeader()), path);
}

void Workflow::exportHistory(const QString &path) {
    CommandLineOptions options = m_options;
    if (options.demo && !options.database) {
        // The demo writes to its own file (LiveFeed does the same), never the user's history.
        options.database = storage::DatabaseConfig::sqlite(QDir(dataDirectory()).filePath(u"demo.sqlite"_s));
    }
    const DatabaseSelection database = databaseConfigFor(options);
    auto *job = new ExportJob(this);
    auto *dialog = new views::ExportDialog(tr("Export Full Stored History"), path, &m_window);
    attach(job, dialog);
    if (!database.ok()) {
        dialog->setFailed(database.error);
        return;
    }
    job->startHistory(database.config, {}, path);
}

void Workflow::indexFeedRows(int first, int last) {
    for (int r = first; r <= last && r < m_feedModel->rowCount(); ++r) {
        const Trade &t = m_feedModel->tradeAt(r);
        if (!t.wallet.isEmpty())
            m_quickOpen->addEntry({views::QuickOpen::Kind::Trader, t.wallet.address(), t.traderLabel()});
        m_quickOpen->addEntry({views::QuickOpen::Kind::Market, t.marketId, t.marketTitle});
    }
}

void Workflow::installAlertFacts() {
    CommandLineOptions options = m_options;
    if (options.demo && !options.database)
        options.database = storage::DatabaseConfig::sqlite(QDir(dataDirectory()).filePath(u"demo.sqlite"_s));
    const DatabaseSelection database = databaseConfigFor(options);
    if (!database.ok())
        return; // no history: the rules that need it stay quiet
    auto *worker = m_factsThread.adopt(new AlertFactsWorker(database.config));
    connect(worker, &AlertFactsWorker::answered, m_alerts, &AlertsController::factsAnswered);
    m_alerts->setFactsRequest(
        [worker = QPointer<AlertFactsWorker>(worker)](quint64 id, const TradeBatch &trades) {
            if (worker)
                QMetaObject::invokeMethod(worker, [w = worker.data(), id, trades] { w->lookup(id, trades); });
        });
    m_factsThread.start();
}

void Workflow::installWatchlist() {
    m_watchlist = new WatchlistModel(this);
    QFile file(QDir(m_dataDir).filePath(u"watchlist.json"_s));
    if (file.open(QIODevice::ReadOnly)) {
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll());
        if (doc.isObject() && doc.object()[u"version"_s].toInt() == 1)
            m_watchlist->fromJson(doc.object()[u"entries"_s].toArray());
    }
    m_watchlistView = new views::WatchlistView(m_watchlist);
    m_window.replacePanelContent(PanelName::Watchlist, m_watchlistView);
    connect(m_watchlist, &WatchlistModel::listChanged, this, &Workflow::saveWatchlist);
    connect(m_watchlistView, &views::WatchlistView::followRequested, this, &Workflow::askToFollow);
    connect(m_watchlistView, &views::WatchlistView::traderActivated, this, &Workflow::jumpToTrader);
    connect(m_watchlistView, &views::WatchlistView::marketActivated, this, &Workflow::jumpToMarket);
    if (m_feedModel) {
        connect(m_feedModel, &QAbstractItemModel::rowsInserted, this,
                [this](const QModelIndex &, int first, int last) {
                    const qint64 now = QDateTime::currentMSecsSinceEpoch();
                    for (int r = qMin(last, m_feedModel->rowCount() - 1); r >= first; --r)
                        m_watchlist->observe(m_feedModel->tradeAt(r), now);
                });
    }
}

void Workflow::saveWatchlist() const {
    QSaveFile file(QDir(m_dataDir).filePath(u"watchlist.json"_s));
    if (!file.open(QIODevice::WriteOnly))
        return;
    file.write(QJsonDocument(QJsonObject{{u"version"_s, 1}, {u"entries"_s, m_watchlist->toJson()}}).toJson());
    if (!file.commit())
        qCWarning(lcApp).noquote() << "cannot save the watchlist:" << file.errorString();
}

void Workflow::askToFollow() {
    bool ok = false;
    const QString text =
        QInputDialog::getText(&m_window, tr("Follow"),
                              tr("A wallet address (0x…) or a market id (condition id or Kalshi ticker):"),
                              QLineEdit::Normal, QString(), &ok)
            .trimmed();
    if (!ok || text.isEmpty())
        return;
    const bool isWallet = Wallet::parse(text).has_value();
    m_watchlist->follow(isWallet ? WatchlistModel::Kind::Wallet : WatchlistModel::Kind::Market, text);
}

void Workflow::installLinks() {
    // The market and trader panels subscribe from the composition root, which knows them.
    m_links = new LinkHub(m_store.get(), m_window, this);
}

void Workflow::jumpToTrader(const QString &wallet) {
    // The tape filtered to the trader, and the trader panel for whoever shows profiles there.
    if (m_feed) {
        if (auto *search = m_feed->findChild<QLineEdit *>(u"search"_s))
            search->setText(wallet);
        Q_EMIT m_feed->traderActivated(wallet);
    }
    if (QDockWidget *dock = m_window.panel(PanelName::TraderProfile)) {
        dock->show();
        dock->raise();
    }
}

void Workflow::jumpToMarket(const QString &marketId) {
    if (m_feed) {
        if (auto *search = m_feed->findChild<QLineEdit *>(u"search"_s))
            search->setText(marketId);
        Q_EMIT m_feed->marketActivated(marketId);
    }
    if (QDockWidget *dock = m_window.panel(PanelName::Market)) {
        dock->show();
        dock->raise();
    }
}

} // namespace longshot::app
