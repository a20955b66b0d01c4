// `longshot sync WALLET` against the simulator's trader endpoints, then `export traders`
// and `export positions --wallet` from the same database: the figures printed, stored and
// exported agree, and re-syncing does not double anything.
#include "net/simulator/dataapiserver.h"
#include "net/simulator/traderendpoints.h"
#include "net/simulator/tradestore.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace longshot::net::sim;

namespace {

const QString kBinary = QStringLiteral(LONGSHOT_BINARY);
const QString kWallet = QStringLiteral("0x1111111111111111111111111111111111111abc");

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

// The simulator answers on this thread, so the child runs while the event loop spins.
Run runLongshot(const QStringList &arguments, const QTemporaryDir &dir) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
    p.setProcessEnvironment(env);
    p.start(kBinary, arguments);
    if (!p.waitForStarted(5000))
        return {};
    for (int waited = 0; p.state() != QProcess::NotRunning && waited < 60'000; waited += 20)
        QTest::qWait(20);
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

} // namespace

class TestSyncCommand : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void syncStoresAndExports() {
        TradeStore trades(10);
        TraderEndpoints traders;
        QObject owner;
        auto *server = new DataApiServer(&trades, &owner);
        server->setTraderEndpoints(&traders);
        QVERIFY(server->listen());
        traders.addGeneratedHistory(kWallet, 120, 5, 1'780'000'000, QStringLiteral("=HYPERLINK(1)"));

        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("traders.sqlite"));
        const QStringList endpoints{
            QStringLiteral("--endpoint"), QStringLiteral("polymarket.data=") + server->url().toString(),
            QStringLiteral("--endpoint"), QStringLiteral("polymarket.gamma=") + server->url().toString()};

        const Run sync = runLongshot(
            QStringList{QStringLiteral("sync"), kWallet, QStringLiteral("--db"), db} + endpoints, dir);
        QVERIFY2(sync.exitCode == 0, qPrintable(sync.out + sync.err));
        QVERIFY2(sync.out.contains(QStringLiteral("P&L pre-fee")), qPrintable(sync.out));
        QVERIFY2(sync.out.contains(QStringLiteral("history complete")), qPrintable(sync.out));
        QVERIFY(sync.out.contains(QStringLiteral("grade ")));

        const Run tradersCsv = runLongshot(
            {QStringLiteral("export"), QStringLiteral("traders"), QStringLiteral("--db"), db}, dir);
        QCOMPARE(tradersCsv.exitCode, 0);
        QStringList lines = tradersCsv.out.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.first(),
                 QStringLiteral("wallet,name,realized_pnl,unrealized_pnl,total_pnl,volume_usd,"
                                "resolved_markets,wins,losses,win_rate,grade,strategy,complete"));
        // A trader name that looks like a formula is neutralised, like every exchange text cell.
        QVERIFY2(lines.at(1).startsWith(kWallet + QStringLiteral(",'=HYPERLINK(1),")),
                 qPrintable(lines.at(1)));
        const QString traderRow = lines.at(1);

        const Run positions = runLongshot({QStringLiteral("export"), QStringLiteral("positions"),
                                           QStringLiteral("--wallet"), kWallet, QStringLiteral("--db"), db},
                                          dir);
        QCOMPARE(positions.exitCode, 0);
        lines = positions.out.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QVERIFY(lines.size() > 1);
        QCOMPARE(lines.first(),
                 QStringLiteral("wallet,market_id,market_title,outcome,asset,shares,avg_price,mark,"
                                "realized_pnl,unrealized_pnl,status"));

        // A second sync replaces the history rather than adding to it: same figures.
        const Run again = runLongshot(
            QStringList{QStringLiteral("sync"), kWallet, QStringLiteral("--db"), db} + endpoints, dir);
        QCOMPARE(again.exitCode, 0);
        const Run tradersAgain = runLongshot(
            {QStringLiteral("export"), QStringLiteral("traders"), QStringLiteral("--db"), db}, dir);
        QCOMPARE(tradersAgain.out.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts).at(1), traderRow);
    }

    void positionsNeedAWallet() {
        QTemporaryDir dir;
        const Run r = runLongshot({QStringLiteral("export"), QStringLiteral("positions")}, dir);
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(QStringLiteral("--wallet")), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestSyncCommand)
#include "tst_synccommand.moc"
