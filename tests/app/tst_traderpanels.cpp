// The trader panels' controller: the docks get their views, a leaderboard row or a whale-feed
// trader opens that profile, Sync now asks for a fast-lane sync and shows the service's
// reports, and wallets synced by `longshot sync` against the simulator fill both docks
// from the stored history alone (offline).
#include "app/mainwindow.h"
#include "app/traderpanels.h"
#include "models/leaderboardmodel.h"
#include "models/whalefeedmodel.h"
#include "net/simulator/dataapiserver.h"
#include "net/simulator/traderendpoints.h"
#include "net/simulator/tradestore.h"
#include "storage/connection.h"
#include "storage/migrations.h"
#include "storage/traderstore.h"
#include "views/leaderboardview.h"
#include "views/traderprofileview.h"
#include "views/whalefeedview.h"

#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace longshot;
using namespace longshot::app;

namespace {

const QString kA = u"0x1111111111111111111111111111111111111111"_s;
const QString kB = u"0x2222222222222222222222222222222222222222"_s;
constexpr qint64 kT0 = 1'780'000'000'000;

Decimal dec(const char *text) {
    return Decimal::parse(std::string_view(text)).value;
}

// Two traders: A wins 60 on a resolved market, B loses 50 on another.
bool seed(const storage::DatabaseConfig &config) {
    storage::Connection c(config, u"seed"_s);
    if (c.open() || storage::migrate(c))
        return false;
    storage::TraderStore store(c);
    const auto save = [&store](const QString &wallet, const char *name, const char *market,
                               const char *payout) {
        storage::TraderSyncData d;
        d.wallet = *Wallet::parse(wallet);
        d.name = QString::fromLatin1(name);
        const QString id = QString::fromLatin1(market);
        ActivityEvent e =
            ActivityEvent::trade(ActivityKind::Buy, id, id + u"-yes"_s, 0, dec("100"), dec("40"), kT0);
        e.wallet = d.wallet;
        e.txId = u"0xtx"_s + id;
        d.events = {e};
        d.replaceHistory = true;
        Market m;
        m.marketId = id;
        m.title = u"Market "_s + id;
        m.category = u"sports"_s;
        m.outcomes = {Outcome{id + u"-yes"_s, u"Yes"_s, 0, dec(payout), dec(payout)},
                      Outcome{id + u"-no"_s, u"No"_s, 1, dec("1").checkedSub(dec(payout)),
                              dec("1").checkedSub(dec(payout))}};
        d.markets = {m};
        d.complete = true;
        d.syncedMs = kT0 + 1000;
        return !store.save(d);
    };
    return save(kA, "Alpha", "0xa", "1") && save(kB, "Bravo", "0xb", "0");
}

QModelIndex boardIndexOf(views::LeaderboardView *view, const QString &wallet) {
    const QAbstractItemModel *m = view->table()->model();
    for (int row = 0; row < m->rowCount(); ++row) {
        const QModelIndex i = m->index(row, 1);
        if (i.data(LeaderboardModel::WalletRole).toString() == wallet)
            return i;
    }
    return {};
}

} // namespace

class TestTraderPanels final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void panelsGetTheViews();
    void leaderboardRowOpensProfile();
    void whaleFeedTraderOpensProfile();
    void syncNowRequestsAFastSync();
    void syncReportsReachTheProfile();
    void offlineHidesSyncNow();
    void syncedWalletsFillBothDocks();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    storage::DatabaseConfig m_config;
};

void TestTraderPanels::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    m_config = storage::DatabaseConfig::sqlite(m_dir->filePath(u"traders.sqlite"_s));
}

void TestTraderPanels::panelsGetTheViews() {
    QVERIFY(seed(m_config));
    MainWindow window;
    TraderPanels panels(m_config, window, nullptr);
    QCOMPARE(window.panel(PanelName::Leaderboard)->widget(), panels.leaderboardView());
    QCOMPARE(window.panel(PanelName::TraderProfile)->widget(), panels.profileView());
    QTRY_COMPARE(panels.leaderboardModel()->rowCount(), 2);
    QVERIFY(!panels.leaderboardView()->isShowingEmptyState());
    // With nobody chosen yet, the profile shows the board's leader rather than nothing.
    QTRY_COMPARE(panels.profileView()->profile().wallet.address(), kA);
    QVERIFY(!panels.profileView()->isShowingEmptyState());
}

void TestTraderPanels::leaderboardRowOpensProfile() {
    QVERIFY(seed(m_config));
    MainWindow window;
    TraderPanels panels(m_config, window, nullptr);
    QTRY_COMPARE(panels.leaderboardModel()->rowCount(), 2);
    const QModelIndex b = boardIndexOf(panels.leaderboardView(), kB);
    QVERIFY(b.isValid());
    Q_EMIT panels.leaderboardView()->table()->activated(b);
    QCOMPARE(panels.currentTrader().address(), kB);
    QTRY_COMPARE(panels.profileView()->profile().wallet.address(), kB);
    QVERIFY(panels.profileView()->profile().synced);
    QCOMPARE(panels.profileView()->profile().metrics.realizedPreFee, dec("-40"));
    auto *name = panels.profileView()->findChild<QLabel *>(u"traderName"_s);
    QCOMPARE(name->text(), u"Bravo"_s);
    QCOMPARE(name->textFormat(), Qt::PlainText);
}

void TestTraderPanels::whaleFeedTraderOpensProfile() {
    QVERIFY(seed(m_config));
    MainWindow window;
    WhaleFeedModel tape;
    views::WhaleFeedView feed(&tape);
    TraderPanels panels(m_config, window, &feed);
    Q_EMIT feed.traderActivated(kB);
    QCOMPARE(panels.currentTrader().address(), kB);
    QTRY_COMPARE(panels.profileView()->profile().wallet.address(), kB);
    // A wallet never synced opens too, as "not synced yet" with Sync now ready.
    const QString fresh = u"0x3333333333333333333333333333333333333333"_s;
    Q_EMIT feed.traderActivated(fresh);
    QTRY_COMPARE(panels.profileView()->profile().wallet.address(), fresh);
    QVERIFY(!panels.profileView()->profile().synced);
    QVERIFY(panels.profileView()->syncButton()->isEnabled());
}

void TestTraderPanels::syncNowRequestsAFastSync() {
    QVERIFY(seed(m_config));
    MainWindow window;
    TraderPanels panels(m_config, window, nullptr);
    QSignalSpy sync(&panels, &TraderPanels::syncRequested);
    panels.openTrader(*Wallet::parse(kB));
    QTRY_COMPARE(panels.profileView()->profile().wallet.address(), kB);
    QTest::mouseClick(panels.profileView()->syncButton(), Qt::LeftButton);
    QCOMPARE(sync.count(), 1);
    QCOMPARE(sync.first().at(0).value<Wallet>().address(), kB);
    QCOMPARE(sync.first().at(1).toBool(), true);
    // Until the service answers, a second press does not queue the wallet twice.
    QVERIFY(!panels.profileView()->syncButton()->isEnabled());
}

void TestTraderPanels::syncReportsReachTheProfile() {
    QVERIFY(seed(m_config));
    MainWindow window;
    TraderPanels panels(m_config, window, nullptr);
    const Wallet b = *Wallet::parse(kB);
    panels.openTrader(b);
    QTRY_COMPARE(panels.profileView()->profile().wallet.address(), kB);
    auto *state = panels.profileView()->findChild<QLabel *>(u"syncState"_s);
    panels.onSyncStarted(b);
    QCOMPARE(state->text(), u"syncing…"_s);
    panels.onSyncProgress(b, u"positions"_s);
    QVERIFY(state->text().contains(u"positions"_s));
    panels.onSyncProgress(*Wallet::parse(kA), u"markets"_s); // someone else's: ignored
    QVERIFY(state->text().contains(u"positions"_s));
    storage::TraderSummary saved;
    saved.wallet = b;
    panels.onTraderSaved(saved);
    QCOMPARE(state->text(), u"synced just now"_s);
    QVERIFY(panels.profileView()->syncButton()->isEnabled());
    panels.onSyncFailed(b, u"data-api: HTTP 429"_s);
    QCOMPARE(state->text(), u"sync failed"_s);
    QCOMPARE(state->toolTip(), u"data-api: HTTP 429"_s);
}

void TestTraderPanels::offlineHidesSyncNow() {
    QVERIFY(seed(m_config));
    MainWindow window;
    TraderPanels panels(m_config, window, nullptr);
    panels.setSyncAvailable(false, u"Offline"_s);
    panels.openTrader(*Wallet::parse(kA));
    QTRY_COMPARE(panels.profileView()->profile().wallet.address(), kA);
    QVERIFY(panels.profileView()->syncButton()->isHidden());
}

void TestTraderPanels::syncedWalletsFillBothDocks() {
    // Real sync output: the simulator's generated histories through `longshot sync`.
    net::sim::TradeStore trades(10);
    net::sim::TraderEndpoints endpoints;
    QObject owner;
    auto *server = new net::sim::DataApiServer(&trades, &owner);
    server->setTraderEndpoints(&endpoints);
    QVERIFY(server->listen());
    const QStringList wallets{
        u"0x51c0b3f2a8b7d9e0c4f1a2b3c4d5e6f708192a3b"_s, u"0x7e2f9c1d3b5a79e8f6d4c2b0a1928374655647a8"_s,
        u"0xa93d5e7f1c2b4a6d8e0f9c7b5a3d1e2f4c6b8a0d"_s, u"0xc4b6a8d0e2f4a6c8e0b2d4f6a8c0e2b4d6f8a0c2"_s};
    const QStringList names{u"SharpSally"_s, u"LongShotLarry"_s, u"Theta-Gang"_s, u"<i>nbaWhale</i>"_s};
    const qint64 start = QDateTime::currentSecsSinceEpoch() - 45 * 86'400;
    for (int i = 0; i < wallets.size(); ++i)
        endpoints.addGeneratedHistory(wallets.at(i), 160 + 90 * i, 11 + i, start + i * 3'600, names.at(i));
    QTemporaryDir home;
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"XDG_DATA_HOME"_s, home.filePath(u"data"_s));
    env.insert(u"XDG_CONFIG_HOME"_s, home.filePath(u"config"_s));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(LONGSHOT_BINARY),
            QStringList{u"sync"_s} + wallets +
                QStringList{u"--db"_s, m_config.path, u"--endpoint"_s,
                            u"polymarket.data="_s + server->url().toString(), u"--endpoint"_s,
                            u"polymarket.gamma="_s + server->url().toString()});
    QVERIFY(p.waitForStarted(5000));
    for (int waited = 0; p.state() != QProcess::NotRunning && waited < 120'000; waited += 20)
        QTest::qWait(20);
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());

    MainWindow window;
    TraderPanels panels(m_config, window, nullptr);
    QTRY_COMPARE_WITH_TIMEOUT(panels.leaderboardModel()->rowCount(), 4, 10'000);
    QTRY_VERIFY(!panels.profileView()->profile().wallet.isEmpty());
    QTRY_VERIFY(panels.profileView()->profile().synced);
    QVERIFY(!panels.profileView()->profile().activity.isEmpty());
    panels.leaderboardView()->setPeriod(BoardPeriod::Month);
    QTRY_COMPARE(panels.leaderboardModel()->result().query.period, BoardPeriod::Month);
    QCOMPARE(panels.leaderboardModel()->rowCount(), 4);

    // For screenshots: keep the synced database where the caller asks.
    const QString keep = qEnvironmentVariable("LONGSHOT_KEEP_TRADERS_DB");
    if (!keep.isEmpty()) {
        QFile::remove(keep);
        QVERIFY(QFile::copy(m_config.path, keep));
    }
}

QTEST_MAIN(TestTraderPanels)
#include "tst_traderpanels.moc"
