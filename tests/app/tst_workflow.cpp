#include "app/alertscontroller.h"
#include "app/mainwindow.h"
#include "app/marketmetadatasync.h"
#include "app/paths.h"
#include "app/shortcuts.h"
#include "app/workerthread.h"
#include "app/workflow.h"
#include "app/workspaces.h"
#include "models/alertsmodel.h"
#include "models/watchlistmodel.h"
#include "models/whalefeedmodel.h"
#include "net/simulator/dataapiserver.h"
#include "net/simulator/traderendpoints.h"
#include "net/simulator/tradestore.h"
#include "storage/connection.h"
#include "storage/migrations.h"
#include "storage/traderstoreworker.h"
#include "views/alertsview.h"
#include "views/columnchooser.h"
#include "views/quickopen.h"
#include "views/tabletools.h"
#include "views/whalefeedview.h"

#include "tests/models/tradefactory.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QHeaderView>
#include <QMenu>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace longshot;
using namespace longshot::app;
using namespace Qt::StringLiterals;

namespace {

// Whale trades of $1,000 or more that are large against their market's stored liquidity.
AlertRule liquidityOnlyRule() {
    AlertRule rule;
    rule.id = u"liquidity-only"_s;
    rule.name = u"Size against liquidity"_s;
    rule.minUsd = test::dec("1000");
    rule.requiredFlags = InsiderFlag::SizeVsLiquidity;
    rule.cooldownMs = 0;
    return rule;
}

constexpr qint64 kT0 = 1'790'262'855'000;

// The window with the tape as LiveFeed installs it, and the workflow on top.
struct Fixture {
    QTemporaryDir dir;
    MainWindow window;
    WhaleFeedModel model;
    views::WhaleFeedView *feed = new views::WhaleFeedView(&model);
    std::unique_ptr<Workflow> workflow;

    explicit Fixture(CommandLineOptions options = {}) {
        window.replacePanelContent(PanelName::WhaleFeed, feed);
        workflow = std::make_unique<Workflow>(options, dir.filePath(u"longshot.ini"_s), window, feed);
        window.restoreLayout({});
    }
};

} // namespace

class TstWorkflow final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        setApplicationIdentity();
        // A clean data directory for the alert and watchlist files.
        QDir(dataDirectory()).removeRecursively();
        QVERIFY(QDir().mkpath(dataDirectory()));
    }

    void menusAndShortcuts() {
        Fixture f;
        for (const char *name :
             {"actionExportView", "actionExportHistory", "actionQuickOpen", "actionKeyboardShortcuts"})
            QVERIFY2(f.window.findChild<QAction *>(QString::fromLatin1(name)), name);
        QVERIFY(f.window.findChild<QMenu *>(u"menuWorkspaces"_s));
        const QList<ShortcutEntry> shortcuts = collectShortcuts(f.window);
        const auto has = [&shortcuts](const QKeySequence &keys) {
            return std::any_of(shortcuts.begin(), shortcuts.end(),
                               [&keys](const ShortcutEntry &e) { return e.keys == keys; });
        };
        QVERIFY(has(QKeySequence(Qt::CTRL | Qt::Key_K)));
        QVERIFY(has(QKeySequence(Qt::CTRL | Qt::Key_E)));
        QVERIFY(has(QKeySequence(Qt::ALT | Qt::Key_1)));
        QVERIFY(has(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E)));
        QVERIFY(has(QKeySequence(Qt::CTRL | Qt::Key_Slash)));
    }

    void tablesAdopted() {
        Fixture f;
        for (const QString &name : {u"whaleTable"_s, u"alertsTable"_s, u"watchlistTable"_s}) {
            auto *table = f.window.findChild<QTableView *>(name);
            QVERIFY2(table, qPrintable(name));
            auto *tools = table->findChild<views::TableTools *>(QString(), Qt::FindDirectChildrenOnly);
            QVERIFY2(tools, qPrintable(name));
            QCOMPARE(tools->isTradeTable(), name == u"whaleTable"_s);
        }
    }

    // Hidden columns come back after a restart, per table.
    void columnsPersist() {
        QTemporaryDir dir;
        const QString ini = dir.filePath(u"longshot.ini"_s);
        {
            MainWindow window;
            WhaleFeedModel model;
            auto *feed = new views::WhaleFeedView(&model);
            window.replacePanelContent(PanelName::WhaleFeed, feed);
            Workflow workflow(CommandLineOptions{}, ini, window, feed);
            auto *tools = feed->table()->findChild<views::TableTools *>();
            QVERIFY(tools);
            tools->columns()->setHiddenColumns(
                {int(WhaleFeedModel::Column::Outcome), int(WhaleFeedModel::Column::Venue)});
        }
        MainWindow window;
        WhaleFeedModel model;
        auto *feed = new views::WhaleFeedView(&model);
        window.replacePanelContent(PanelName::WhaleFeed, feed);
        Workflow workflow(CommandLineOptions{}, ini, window, feed);
        QHeaderView *header = feed->table()->horizontalHeader();
        QVERIFY(header->isSectionHidden(int(WhaleFeedModel::Column::Outcome)));
        QVERIFY(header->isSectionHidden(int(WhaleFeedModel::Column::Venue)));
        QVERIFY(!header->isSectionHidden(int(WhaleFeedModel::Column::Tx))); // shown once chosen
        QVERIFY(!header->isSectionHidden(int(WhaleFeedModel::Column::Notional)));
    }

    // Trades on the tape feed the watchlist, the alerts dock and quick open; alerts are stored
    // and come back in a new session.
    void feedDrivesAlertsWatchlistAndQuickOpen() {
        {
            Fixture f;
            f.workflow->watchlist()->follow(WatchlistModel::Kind::Wallet,
                                            u"0xa71093cafc0c099b4ccab24c3cb8018d817923c4"_s);
            // $5,877 buy at 0.68 by the followed wallet: the watchlist rule fires, the $25k rule does not.
            f.model.appendBatch({test::polyTrade(1, kT0)});
            // Large enough for the insider rule, so judged once the stored facts answer.
            QTRY_COMPARE(f.workflow->alerts()->model()->rowCount(), 1);
            QCOMPARE(f.workflow->alerts()->model()->alertAt(0).ruleId, u"default-watchlist"_s);
            QCOMPARE(f.workflow->watchlist()->entryAt(0).lastPrice, test::dec("0.68"));
            QCOMPARE(f.workflow->quickOpen()->matches(u"talvez"_s).size(), 1);
            QCOMPARE(f.workflow->quickOpen()->matches(u"braves"_s).size(), 1);
            // The same fill again (the REST copy) fires nothing more.
            Trade again = test::polyTrade(1, kT0);
            again.source = TradeSource::Rest;
            f.workflow->alerts()->process({again});
            QTRY_COMPARE(f.workflow->alerts()->waitingForFacts(), 0);
            QCOMPARE(f.workflow->alerts()->model()->rowCount(), 1);
        }
        Fixture reopened;
        QCOMPARE(reopened.workflow->alerts()->model()->rowCount(), 1);
        QCOMPARE(reopened.workflow->watchlist()->rowCount(), 1);
        QVERIFY(!reopened.workflow->alerts()->view()->isShowingEmptyState());
    }

    // The insider rule is judged with facts from the stored history, looked up off the GUI
    // thread: a wallet the store has never seen, in one market, is fresh and concentrated;
    // one first seen two months ago across five markets is neither.
    void insiderRuleUsesStoredFacts() {
        QTemporaryDir dbDir;
        const QString path = dbDir.filePath(u"history.sqlite"_s);
        const QString veteran = u"0x1111111111111111111111111111111111111111"_s;
        {
            storage::Connection c(storage::DatabaseConfig::sqlite(path), u"seed"_s);
            QVERIFY(!c.open());
            QVERIFY(!storage::migrate(c));
            QSqlQuery q(c.database());
            QVERIFY(
                q.prepare(u"INSERT INTO traders (wallet, first_seen_ms, last_seen_ms) VALUES (?, ?, ?)"_s));
            q.addBindValue(veteran);
            q.addBindValue(kT0 - 60LL * 24 * 3600 * 1000);
            q.addBindValue(kT0);
            QVERIFY(q.exec());
            for (int m = 0; m < 5; ++m) {
                QVERIFY(
                    q.prepare(u"INSERT INTO trades (venue, tx_id, wallet, asset_id, side, price_micros, "
                              u"size_micros, notional_micros, ts_ms, market_id, source, received_ms) "
                              u"VALUES ('polymarket', ?, ?, ?, 'BUY', 500000, 2000000000, 1000000000, ?, ?, "
                              u"'rest', ?)"_s));
                q.addBindValue(u"0xtx%1"_s.arg(m));
                q.addBindValue(veteran);
                q.addBindValue(u"asset%1"_s.arg(m));
                q.addBindValue(kT0 - 1000 * (m + 1));
                q.addBindValue(u"0xmarket%1"_s.arg(m));
                q.addBindValue(kT0);
                QVERIFY(q.exec());
            }
        }
        CommandLineOptions options;
        options.database = storage::DatabaseConfig::sqlite(path);
        Fixture f(options);
        QSignalSpy fired(f.workflow->alerts(), &AlertsController::fired);

        Trade old = test::polyTrade(20, kT0, "0.50", "12000");
        old.wallet = *Wallet::parse(veteran);
        f.model.appendBatch({old});
        QTRY_COMPARE(f.workflow->alerts()->waitingForFacts(), 0);
        for (const auto &call : std::as_const(fired)) {
            for (const FiredAlert &a : call.at(0).value<QList<FiredAlert>>())
                QVERIFY2(a.ruleId != u"default-insider"_s,
                         "a two-month-old wallet in five markets is no insider");
        }

        Trade fresh = test::polyTrade(21, kT0 + 1000, "0.50", "12000");
        fresh.wallet = *Wallet::parse(u"0x2222222222222222222222222222222222222222"_s);
        f.model.appendBatch({fresh});
        QTRY_VERIFY([&] {
            for (const auto &call : std::as_const(fired)) {
                for (const FiredAlert &a : call.at(0).value<QList<FiredAlert>>())
                    if (a.ruleId == u"default-insider"_s && a.trade.wallet == fresh.wallet)
                        return true;
            }
            return false;
        }());
    }

    // The size-against-liquidity flag, judged with the market's stored liquidity: $10,000 into a
    // market holding $40,000 is a quarter of it and fires, with its figures in the explanation;
    // the same trade into a deep market does not.
    void liquidityRuleUsesStoredLiquidity() {
        QTemporaryDir dbDir;
        const QString path = dbDir.filePath(u"history.sqlite"_s);
        const QString thin = test::polyTrade(0, kT0).marketId;
        const QString deep = u"0xdeep"_s;
        {
            storage::Connection c(storage::DatabaseConfig::sqlite(path), u"seed"_s);
            QVERIFY(!c.open());
            QVERIFY(!storage::migrate(c));
            QSqlQuery q(c.database());
            for (const auto &[market, micros] :
                 {std::pair{thin, 40'000'000'000LL}, std::pair{deep, 10'000'000'000'000LL}}) {
                QVERIFY(q.prepare(u"INSERT INTO markets (venue, market_id, updated_ms, liquidity_micros, "
                                  u"liquidity_ms) VALUES ('polymarket', ?, ?, ?, ?)"_s));
                q.addBindValue(market);
                q.addBindValue(kT0);
                q.addBindValue(micros);
                q.addBindValue(kT0 - 60'000);
                QVERIFY(q.exec());
            }
        }
        CommandLineOptions options;
        options.database = storage::DatabaseConfig::sqlite(path);
        Fixture f(options);
        f.workflow->alerts()->setRules({liquidityOnlyRule()});
        QSignalSpy fired(f.workflow->alerts(), &AlertsController::fired);

        Trade intoDeep = test::polyTrade(40, kT0, "0.50", "20000");
        intoDeep.marketId = deep;
        f.model.appendBatch({intoDeep});
        QTRY_COMPARE(f.workflow->alerts()->waitingForFacts(), 0);
        QCOMPARE(fired.size(), 0); // 0.1 % of the market

        Trade intoThin = test::polyTrade(41, kT0 + 1000, "0.50", "20000");
        f.model.appendBatch({intoThin});
        QTRY_COMPARE(fired.size(), 1);
        const QList<FiredAlert> alerts = fired.constFirst().at(0).value<QList<FiredAlert>>();
        QCOMPARE(alerts.size(), 1);
        QCOMPARE(alerts.constFirst().ruleId, u"liquidity-only"_s);
        QCOMPARE(alerts.constFirst().trade.txId, intoThin.txId);
        QCOMPARE(alerts.constFirst().flags.size(), 1);
        QCOMPARE(alerts.constFirst().flags.constFirst().flag, InsiderFlag::SizeVsLiquidity);
        QVERIFY2(AlertsModel::explain(alerts.constFirst())
                     .contains(u"Size against liquidity: $10000.00 against $40000.00 liquidity = 25.0 % "
                               u"(at least 10.0 %)"_s),
                 qPrintable(AlertsModel::explain(alerts.constFirst())));
        f.workflow->alerts()->setRules(AlertsController::defaultRules()); // the rules file is shared
    }

    // The same flag for a market no synced wallet has traded: its liquidity comes from the tape's
    // market sync (gamma /markets on loopback), with no trader sync running. The first whale
    // trade is judged before the metadata is there (liquidity unknown: quiet); once the sync has
    // stored the market, the next one fires.
    void liquidityRuleUsesTapeMarketMetadata() {
        QTemporaryDir dbDir;
        const QString path = dbDir.filePath(u"history.sqlite"_s);
        const QString market = test::polyTrade(0, kT0).marketId;
        net::sim::TradeStore tape{10};
        net::sim::TraderEndpoints gamma;
        QObject owner;
        auto *server = new net::sim::DataApiServer(&tape, &owner);
        server->setTraderEndpoints(&gamma);
        QVERIFY(server->listen());
        const QByteArray row = "[{\"id\":\"7\",\"question\":\"Thin market?\",\"conditionId\":\"" +
                               market.toLatin1() +
                               "\",\"closed\":false,\"category\":\"Politics\",\"liquidity\":\"40000\","
                               "\"outcomes\":\"[\\\"Yes\\\", \\\"No\\\"]\",\"clobTokenIds\":\"[\\\"1\\\", "
                               "\\\"2\\\"]\"}]";
        QCOMPARE(gamma.addGammaMarkets(row), 1);
        WorkerThread storageThread(u"test-storage"_s);
        auto *store =
            storageThread.adopt(new storage::TraderStoreWorker(storage::DatabaseConfig::sqlite(path)));
        QSignalSpy opened(store, &storage::TraderStoreWorker::opened);
        storageThread.start();
        QMetaObject::invokeMethod(store, &storage::TraderStoreWorker::open, Qt::QueuedConnection);
        QTRY_COMPARE(opened.size(), 1);
        QVERIFY(opened.constFirst().constFirst().toBool());
        MarketMetadataConfig config;
        config.gammaApi = server->url();
        config.intervalMs = 3'600'000; // ticked by hand
        config.firstRunMs = 3'600'000;
        MarketMetadataSync sync(config, store);
        QSignalSpy stored(&sync, &MarketMetadataSync::marketsStored);
        sync.start();

        CommandLineOptions options;
        options.database = storage::DatabaseConfig::sqlite(path);
        Fixture f(options);
        f.workflow->alerts()->setRules({liquidityOnlyRule()});
        QSignalSpy fired(f.workflow->alerts(), &AlertsController::fired);

        const Trade first = test::polyTrade(50, kT0, "0.50", "20000");
        f.model.appendBatch({first});
        sync.observeTrades({first});
        QTRY_COMPARE(f.workflow->alerts()->waitingForFacts(), 0);
        QCOMPARE(fired.size(), 0);

        sync.tick();
        QTRY_COMPARE(stored.size(), 1);
        QCOMPARE(stored.constFirst().constFirst().toStringList(), QStringList{market});

        const Trade second = test::polyTrade(51, kT0 + 1000, "0.50", "20000");
        f.model.appendBatch({second});
        sync.observeTrades({second});
        QTRY_COMPARE(fired.size(), 1);
        const QList<FiredAlert> alerts = fired.constFirst().at(0).value<QList<FiredAlert>>();
        QCOMPARE(alerts.size(), 1);
        QCOMPARE(alerts.constFirst().trade.txId, second.txId);
        QVERIFY2(AlertsModel::explain(alerts.constFirst())
                     .contains(u"Size against liquidity: $10000.00 against $40000.00 liquidity = 25.0 %"_s),
                 qPrintable(AlertsModel::explain(alerts.constFirst())));
        f.workflow->alerts()->setRules(AlertsController::defaultRules()); // the rules file is shared
        sync.stop();
        QMetaObject::invokeMethod(store, &storage::TraderStoreWorker::close, Qt::BlockingQueuedConnection);
        storageThread.stop();
    }

    void exportFromTheWindow() {
        Fixture f;
        TradeBatch batch;
        for (int i = 0; i < 3; ++i)
            batch << test::polyTrade(i, kT0 + i * 1000, "0.5", "10000");
        f.model.appendBatch(batch);
        const QString path = f.dir.filePath(u"view.csv"_s);
        f.feed->table()->horizontalHeader()->setSectionHidden(int(WhaleFeedModel::Column::Tx), true);
        f.workflow->exportView(f.feed->table(), path);
        QVERIFY(QTest::qWaitFor([&path] { return QFile::exists(path); }, 10'000));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.size(), 5);
        QVERIFY(!lines[0].contains("Tx"));
        QVERIFY2(lines[1].contains(",0.5,10000,5000,"), lines[1].constData());
    }
};

QTEST_MAIN(TstWorkflow)
#include "tst_workflow.moc"
