// The shipped binary's headless subcommands against the simulator: `collect` stores what the
// socket delivers and flushes on SIGTERM with a summary line; `export trades` writes the
// documented CSV from that database; bad input gives a clear message and a non-zero exit.
#include "net/simulator/simulatorthread.h"
#include "net/simulator/tradegenerator.h"

#include <QDateTime>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace longshot;

namespace {

const QString kBinary = QStringLiteral(LONGSHOT_BINARY);

QProcessEnvironment isolatedEnvironment(const QTemporaryDir &dir) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
    return env;
}

} // namespace

class TestCommands : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void collectThenExport() {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("collect.sqlite"));
        net::sim::SimulatorThread sim;
        QVERIFY(sim.start());

        QProcess collect;
        collect.setProcessEnvironment(isolatedEnvironment(dir));
        collect.start(kBinary,
                      {QStringLiteral("collect"), QStringLiteral("--db"), db, QStringLiteral("--min-usd"),
                       QStringLiteral("0"), QStringLiteral("--endpoint"),
                       QStringLiteral("polymarket.rtds=") + sim.rtdsUrl().toString(),
                       QStringLiteral("--endpoint"),
                       QStringLiteral("polymarket.data=") + sim.dataApiUrl().toString()});
        QVERIFY(collect.waitForStarted(5000));
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                int n = 0;
                sim.runBlocking([&n](net::sim::ExchangeSimulator &s) { n = s.connectedClients(); });
                return n == 1;
            }(),
            10'000);
        QTest::qWait(300); // subscribed
        net::sim::TradeGenerator gen(3, QDateTime::currentMSecsSinceEpoch());
        const TradeBatch published = gen.generate(250, QDateTime::currentMSecsSinceEpoch());
        sim.publish(published);
        QTest::qWait(1500);
        collect.terminate(); // SIGTERM: flush, close, summary
        QVERIFY(collect.waitForFinished(15'000));
        QCOMPARE(collect.exitStatus(), QProcess::NormalExit);
        QCOMPARE(collect.exitCode(), 0);
        const QString out = QString::fromUtf8(collect.readAllStandardOutput());
        QVERIFY2(out.contains(QStringLiteral("stored 250")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("received 250")), qPrintable(out));

        QProcess exporter;
        exporter.setProcessEnvironment(isolatedEnvironment(dir));
        const QString csv = dir.filePath(QStringLiteral("trades.csv"));
        exporter.start(kBinary, {QStringLiteral("export"), QStringLiteral("trades"), QStringLiteral("--db"),
                                 db, QStringLiteral("--out"), csv});
        QVERIFY(exporter.waitForFinished(15'000));
        QCOMPARE(exporter.exitCode(), 0);
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.first(), QByteArray("time_utc,venue,market_id,market_title,outcome,side,price,size,"
                                           "notional_usd,wallet,trader_name,tx_hash\r"));
        QCOMPARE(lines.size(), 250 + 2); // header, rows, and the empty piece after the last CRLF

        // A whale floor on export keeps exactly the trades at or above it.
        const Decimal floor = Decimal::parse("1000").value;
        qsizetype whales = 0;
        for (const Trade &t : published)
            whales += *t.notional() >= floor ? 1 : 0;
        QProcess filtered;
        filtered.setProcessEnvironment(isolatedEnvironment(dir));
        filtered.start(kBinary, {QStringLiteral("export"), QStringLiteral("trades"), QStringLiteral("--db"),
                                 db, QStringLiteral("--min-usd"), QStringLiteral("1000"),
                                 QStringLiteral("--out"), QStringLiteral("-")});
        QVERIFY(filtered.waitForFinished(15'000));
        QCOMPARE(filtered.exitCode(), 0);
        QCOMPARE(filtered.readAllStandardOutput().count("\r\n"), whales + 1);
    }

    void badInputIsAClearError_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing database")
            << QStringList{QStringLiteral("export"), QStringLiteral("trades"), QStringLiteral("--db"),
                           QStringLiteral("/nonexistent/x.sqlite")}
            << QStringLiteral("no database");
        QTest::newRow("bad min-usd") << QStringList{QStringLiteral("collect"), QStringLiteral("--min-usd"),
                                                    QStringLiteral("NaN")}
                                     << QStringLiteral("min-usd");
        QTest::newRow("unknown endpoint")
            << QStringList{QStringLiteral("collect"), QStringLiteral("--endpoint"),
                           QStringLiteral("nowhere.ws=ws://127.0.0.1:1/")}
            << QStringLiteral("nowhere.ws");
    }
    void badInputIsAClearError() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        QTemporaryDir dir;
        QProcess p;
        p.setProcessEnvironment(isolatedEnvironment(dir));
        p.start(kBinary, arguments);
        QVERIFY(p.waitForFinished(15'000));
        QVERIFY(p.exitCode() != 0);
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.contains(message), qPrintable(err));
    }

    void helpDocumentsEveryOption() {
        QProcess p;
        p.start(kBinary, {QStringLiteral("--help")});
        QVERIFY(p.waitForFinished(10'000));
        QCOMPARE(p.exitCode(), 0);
        const QString help = QString::fromUtf8(p.readAllStandardOutput());
        for (const char *option :
             {"--db", "--offline", "--demo", "--screenshot", "--screenshot-delay", "--endpoint", "--min-usd",
              "--feed-stall-seconds", "--version", "collect", "export", "sync"})
            QVERIFY2(help.contains(QLatin1String(option)), option);
    }
};

QTEST_GUILESS_MAIN(TestCommands)
#include "tst_commands.moc"
