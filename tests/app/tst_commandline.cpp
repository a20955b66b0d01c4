#include "app/commandline.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace longshot;
using namespace longshot::app;

namespace {

QStringList argv(const QStringList &rest) {
    return QStringList{u"longshot"_s} + rest;
}

const QString kWalletA = u"0x56687bf447db6ffa42ffe2204a05edaa20f55839"_s;
const QString kWalletB = u"0x1F2DD6d473f3e824CD2F8a89D9c69fB96F6Ad0cf"_s;

} // namespace

class TestCommandLine final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void defaults();
    void subcommands_data();
    void subcommands();
    void helpAndVersion_data();
    void helpAndVersion();
    void errors_data();
    void errors();
    void database_data();
    void database();
    void endpoints();
    void minUsd_data();
    void minUsd();
    void exportTimes_data();
    void exportTimes();
    void globalValues();
    void syncWallets();
    void helpDocumentsEveryOption();
    void subcommandHelpIsScoped_data();
    void subcommandHelpIsScoped();
    void names();
};

void TestCommandLine::defaults() {
    const ParseResult r = parseCommandLine(argv({}));
    QCOMPARE(r.status, ParseStatus::Run);
    QVERIFY(r.error.isEmpty());
    const CommandLineOptions &o = r.options;
    QCOMPARE(o.subcommand, Subcommand::Gui);
    QVERIFY(!o.database.has_value());
    QVERIFY(!o.offline);
    QVERIFY(!o.demo);
    QVERIFY(!o.theme.has_value());
    QVERIFY(o.screenshotPath.isEmpty());
    QCOMPARE(o.screenshotDelayMs, 1500);
    QVERIFY(o.endpoints.isEmpty());
    QCOMPARE(o.minUsd, Decimal::fromMicros(100 * Decimal::kOne));
    QVERIFY(!o.minUsdGiven);
    QCOMPARE(o.feedStallSeconds, 60);
    QVERIFY(!o.collect.runForSeconds.has_value());
    QVERIFY(!o.exportTrades.from.isValid());
    QVERIFY(!o.exportTrades.to.isValid());
    QVERIFY(!o.exportTrades.minUsd.has_value());
    QVERIFY(o.exportTrades.toStdout());
    // An empty argument list (no program name) is not a crash.
    QCOMPARE(parseCommandLine({}).status, ParseStatus::Run);
}

void TestCommandLine::subcommands_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<Subcommand>("expected");

    QTest::newRow("none") << QStringList{} << Subcommand::Gui;
    QTest::newRow("window options") << QStringList{u"--offline"_s, u"--theme"_s, u"dark"_s}
                                    << Subcommand::Gui;
    QTest::newRow("collect") << QStringList{u"collect"_s} << Subcommand::Collect;
    QTest::newRow("options before collect")
        << QStringList{u"--db"_s, u"x.sqlite"_s, u"collect"_s} << Subcommand::Collect;
    QTest::newRow("db value named like a command")
        << QStringList{u"--db"_s, u"collect"_s, u"export"_s, u"trades"_s} << Subcommand::Export;
    QTest::newRow("export trades") << QStringList{u"export"_s, u"trades"_s} << Subcommand::Export;
    QTest::newRow("export options after")
        << QStringList{u"export"_s, u"trades"_s, u"--out"_s, u"t.csv"_s} << Subcommand::Export;
    QTest::newRow("sync") << QStringList{u"sync"_s, kWalletA} << Subcommand::Sync;
    QTest::newRow("demo collect") << QStringList{u"--demo"_s, u"collect"_s, u"--run-for"_s, u"5"_s}
                                  << Subcommand::Collect;
}

void TestCommandLine::subcommands() {
    QFETCH(QStringList, args);
    QFETCH(Subcommand, expected);
    const ParseResult r = parseCommandLine(argv(args));
    QVERIFY2(r.status == ParseStatus::Run, qPrintable(r.error));
    QCOMPARE(r.options.subcommand, expected);
}

void TestCommandLine::helpAndVersion_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<ParseStatus>("status");
    QTest::addColumn<Subcommand>("topic");

    QTest::newRow("--help") << QStringList{u"--help"_s} << ParseStatus::ShowHelp << Subcommand::Gui;
    QTest::newRow("-h") << QStringList{u"-h"_s} << ParseStatus::ShowHelp << Subcommand::Gui;
    QTest::newRow("help") << QStringList{u"help"_s} << ParseStatus::ShowHelp << Subcommand::Gui;
    QTest::newRow("help collect") << QStringList{u"help"_s, u"collect"_s} << ParseStatus::ShowHelp
                                  << Subcommand::Collect;
    QTest::newRow("collect --help") << QStringList{u"collect"_s, u"--help"_s} << ParseStatus::ShowHelp
                                    << Subcommand::Collect;
    QTest::newRow("help export") << QStringList{u"help"_s, u"export"_s} << ParseStatus::ShowHelp
                                 << Subcommand::Export;
    QTest::newRow("export trades --help")
        << QStringList{u"export"_s, u"trades"_s, u"--help"_s} << ParseStatus::ShowHelp << Subcommand::Export;
    QTest::newRow("sync --help") << QStringList{u"sync"_s, u"--help"_s} << ParseStatus::ShowHelp
                                 << Subcommand::Sync;
    // Help wins over values that would otherwise be errors: the user is asking how to fix them.
    QTest::newRow("help with bad value")
        << QStringList{u"--theme"_s, u"purple"_s, u"--help"_s} << ParseStatus::ShowHelp << Subcommand::Gui;
    QTest::newRow("--version") << QStringList{u"--version"_s} << ParseStatus::ShowVersion << Subcommand::Gui;
    QTest::newRow("-v") << QStringList{u"-v"_s} << ParseStatus::ShowVersion << Subcommand::Gui;
    QTest::newRow("help bogus") << QStringList{u"help"_s, u"bogus"_s} << ParseStatus::Error
                                << Subcommand::Gui;
}

void TestCommandLine::helpAndVersion() {
    QFETCH(QStringList, args);
    QFETCH(ParseStatus, status);
    QFETCH(Subcommand, topic);
    const ParseResult r = parseCommandLine(argv(args));
    QCOMPARE(r.status, status);
    if (status == ParseStatus::ShowHelp)
        QCOMPARE(r.helpTopic, topic);
    if (status == ParseStatus::Error)
        QVERIFY(!r.error.isEmpty());
}

void TestCommandLine::errors_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions"); // the message must name what is wrong

    QTest::newRow("unknown command") << QStringList{u"bogus"_s} << u"Unknown command 'bogus'"_s;
    QTest::newRow("unknown option") << QStringList{u"--frobnicate"_s} << u"frobnicate"_s;
    QTest::newRow("missing value") << QStringList{u"--db"_s} << u"db"_s;
    QTest::newRow("empty db") << QStringList{u"--db"_s, u""_s} << u"--db"_s;
    QTest::newRow("pg password") << QStringList{u"--db"_s, u"postgresql://u:secret@h:5432/d"_s}
                                 << u"PGPASSWORD"_s;
    QTest::newRow("pg no dbname") << QStringList{u"--db"_s, u"postgresql://u@h:5432/"_s}
                                  << u"postgresql://user@host:port/dbname"_s;
    QTest::newRow("pg no host") << QStringList{u"--db"_s, u"postgresql:///d"_s}
                                << u"postgresql://user@host:port/dbname"_s;
    QTest::newRow("bad theme") << QStringList{u"--theme"_s, u"purple"_s} << u"purple"_s;
    QTest::newRow("empty screenshot") << QStringList{u"--screenshot"_s, u""_s} << u"--screenshot"_s;
    QTest::newRow("delay text") << QStringList{u"--screenshot-delay"_s, u"soon"_s} << u"--screenshot-delay"_s;
    QTest::newRow("delay negative") << QStringList{u"--screenshot-delay"_s, u"-1"_s}
                                    << u"--screenshot-delay"_s;
    QTest::newRow("endpoint unknown key")
        << QStringList{u"--endpoint"_s, u"binance.ws=wss://x"_s} << u"polymarket.rtds"_s;
    QTest::newRow("endpoint no equals") << QStringList{u"--endpoint"_s, u"polymarket.rtds"_s} << u"KEY=URL"_s;
    QTest::newRow("endpoint ws given http")
        << QStringList{u"--endpoint"_s, u"polymarket.rtds=https://x.io"_s} << u"ws://"_s;
    QTest::newRow("endpoint rest given ws")
        << QStringList{u"--endpoint"_s, u"kalshi.rest=ws://127.0.0.1:1"_s} << u"https://"_s;
    QTest::newRow("endpoint no host")
        << QStringList{u"--endpoint"_s, u"polymarket.data=http://"_s} << u"polymarket.data"_s;
    QTest::newRow("endpoint twice") << QStringList{u"--endpoint"_s, u"kalshi.ws=ws://a"_s, u"--endpoint"_s,
                                                   u"kalshi.ws=ws://b"_s}
                                    << u"more than once"_s;
    QTest::newRow("min-usd negative") << QStringList{u"--min-usd"_s, u"-5"_s} << u"negative"_s;
    QTest::newRow("min-usd text") << QStringList{u"--min-usd"_s, u"lots"_s} << u"--min-usd"_s;
    QTest::newRow("min-usd 7 decimals") << QStringList{u"--min-usd"_s, u"0.0000001"_s} << u"six decimals"_s;
    QTest::newRow("stall zero") << QStringList{u"--feed-stall-seconds"_s, u"0"_s}
                                << u"--feed-stall-seconds"_s;
    QTest::newRow("run-for without collect") << QStringList{u"--run-for"_s, u"5"_s} << u"'collect'"_s;
    QTest::newRow("run-for on export")
        << QStringList{u"export"_s, u"trades"_s, u"--run-for"_s, u"5"_s} << u"'collect'"_s;
    QTest::newRow("run-for zero") << QStringList{u"collect"_s, u"--run-for"_s, u"0"_s} << u"--run-for"_s;
    QTest::newRow("from on collect") << QStringList{u"collect"_s, u"--from"_s, u"2025-01-01"_s}
                                     << u"'export trades'"_s;
    QTest::newRow("out in window") << QStringList{u"--out"_s, u"x.csv"_s} << u"'export trades'"_s;
    QTest::newRow("theme on collect")
        << QStringList{u"collect"_s, u"--theme"_s, u"dark"_s} << u"terminal window"_s;
    QTest::newRow("screenshot on export")
        << QStringList{u"export"_s, u"trades"_s, u"--screenshot"_s, u"a.png"_s} << u"terminal window"_s;
    QTest::newRow("collect extra") << QStringList{u"collect"_s, u"now"_s} << u"now"_s;
    QTest::newRow("export no kind") << QStringList{u"export"_s} << u"trades"_s;
    QTest::newRow("export wrong kind") << QStringList{u"export"_s, u"orders"_s} << u"orders"_s;
    QTest::newRow("export extra") << QStringList{u"export"_s, u"trades"_s, u"all"_s} << u"all"_s;
    QTest::newRow("bad from") << QStringList{u"export"_s, u"trades"_s, u"--from"_s, u"yesterday"_s}
                              << u"yesterday"_s;
    QTest::newRow("bad to") << QStringList{u"export"_s, u"trades"_s, u"--to"_s, u"2025-13-01"_s} << u"--to"_s;
    QTest::newRow("from after to") << QStringList{u"export"_s,     u"trades"_s, u"--from"_s,
                                                  u"2025-02-01"_s, u"--to"_s,   u"2025-01-01"_s}
                                   << u"earlier"_s;
    QTest::newRow("from equals to") << QStringList{u"export"_s,     u"trades"_s, u"--from"_s,
                                                   u"2025-02-01"_s, u"--to"_s,   u"2025-02-01T00:00:00Z"_s}
                                    << u"earlier"_s;
    QTest::newRow("empty out") << QStringList{u"export"_s, u"trades"_s, u"--out"_s, u""_s} << u"--out"_s;
    QTest::newRow("sync no wallet") << QStringList{u"sync"_s} << u"wallet"_s;
    QTest::newRow("sync bad wallet") << QStringList{u"sync"_s, kWalletA, u"0x123"_s} << u"'0x123'"_s;
}

void TestCommandLine::errors() {
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    const ParseResult r = parseCommandLine(argv(args));
    QCOMPARE(r.status, ParseStatus::Error);
    QVERIFY2(r.error.contains(mentions), qPrintable(r.error));
    QVERIFY2(!r.error.endsWith(u'\n'), "one line, the caller adds the newline");
}

void TestCommandLine::database_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<storage::Engine>("engine");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("name");

    using K = storage::Engine;
    QTest::newRow("relative file") << u"trades.sqlite"_s << K::Sqlite << u"trades.sqlite"_s << QString()
                                   << QString() << 5432 << QString();
    QTest::newRow("absolute file") << u"/var/lib/ls/x.db"_s << K::Sqlite << u"/var/lib/ls/x.db"_s << QString()
                                   << QString() << 5432 << QString();
    QTest::newRow("file with colon") << u"c:data.sqlite"_s << K::Sqlite << u"c:data.sqlite"_s << QString()
                                     << QString() << 5432 << QString();
    QTest::newRow("postgresql full") << u"postgresql://trader@db.local:6543/longshot"_s << K::Postgres
                                     << QString() << u"trader"_s << u"db.local"_s << 6543 << u"longshot"_s;
    QTest::newRow("postgres scheme, default port")
        << u"postgres://me@127.0.0.1/ls"_s << K::Postgres << QString() << u"me"_s << u"127.0.0.1"_s << 5432
        << u"ls"_s;
    QTest::newRow("no user") << u"postgresql://localhost:5432/ls"_s << K::Postgres << QString() << QString()
                             << u"localhost"_s << 5432 << u"ls"_s;
}

void TestCommandLine::database() {
    QFETCH(QString, text);
    QFETCH(storage::Engine, engine);
    QFETCH(QString, path);
    QFETCH(QString, user);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, name);
    const ParseResult r = parseCommandLine(argv({u"--db"_s, text}));
    QVERIFY2(r.status == ParseStatus::Run, qPrintable(r.error));
    QVERIFY(r.options.database.has_value());
    const storage::DatabaseConfig &db = *r.options.database;
    QCOMPARE(db.engine, engine);
    QCOMPARE(db.path, path);
    QCOMPARE(db.user, user);
    QCOMPARE(db.host, host);
    QCOMPARE(db.port, port);
    QCOMPARE(db.databaseName, name);
}

void TestCommandLine::endpoints() {
    const ParseResult r = parseCommandLine(argv({
        u"--endpoint"_s,
        u"polymarket.rtds=ws://127.0.0.1:9001"_s,
        u"--endpoint"_s,
        u"polymarket.data=http://127.0.0.1:9002/api"_s,
        u"--endpoint"_s,
        u"polymarket.clob=wss://127.0.0.1:9003/ws/market"_s,
        u"--endpoint"_s,
        u"kalshi.rest=https://demo-api.kalshi.co/trade-api/v2"_s,
    }));
    QVERIFY2(r.status == ParseStatus::Run, qPrintable(r.error));
    const CommandLineOptions &o = r.options;
    QCOMPARE(o.endpoints.size(), 4);
    QCOMPARE(o.endpoints.value(EndpointKey::PolymarketRtds), QUrl(u"ws://127.0.0.1:9001"_s));
    QCOMPARE(o.endpoints.value(EndpointKey::PolymarketData), QUrl(u"http://127.0.0.1:9002/api"_s));
    QCOMPARE(o.endpoints.value(EndpointKey::PolymarketClob), QUrl(u"wss://127.0.0.1:9003/ws/market"_s));
    QCOMPARE(o.endpoints.value(EndpointKey::KalshiRest), QUrl(u"https://demo-api.kalshi.co/trade-api/v2"_s));
    // Absent keys fall back to the caller's built-in host.
    const QUrl fallback(u"wss://api.elections.kalshi.com/trade-api/ws/v2"_s);
    QCOMPARE(o.endpoint(EndpointKey::KalshiWs, fallback), fallback);
    QCOMPARE(o.endpoint(EndpointKey::PolymarketRtds, fallback), QUrl(u"ws://127.0.0.1:9001"_s));
    // kalshi.rest keeps a path it was given; a bare host gets the API's.
    QCOMPARE(o.kalshiRestEndpoint(QUrl(u"https://unused/trade-api/v2"_s)),
             QUrl(u"https://demo-api.kalshi.co/trade-api/v2"_s));
    for (const QString &bare : {u"http://127.0.0.1:9004"_s, u"http://127.0.0.1:9004/"_s}) {
        const ParseResult b = parseCommandLine(argv({u"--endpoint"_s, u"kalshi.rest="_s + bare}));
        QVERIFY2(b.status == ParseStatus::Run, qPrintable(b.error));
        QCOMPARE(b.options.kalshiRestEndpoint(QUrl()), QUrl(u"http://127.0.0.1:9004/trade-api/v2"_s));
    }
    const QUrl kalshiFallback(u"https://api.elections.kalshi.com/trade-api/v2"_s);
    QCOMPARE(CommandLineOptions().kalshiRestEndpoint(kalshiFallback), kalshiFallback);
}

void TestCommandLine::minUsd_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("micros");

    QTest::newRow("integer") << u"2500"_s << qint64(2'500'000'000);
    QTest::newRow("cents") << u"2500.50"_s << qint64(2'500'500'000);
    QTest::newRow("six decimals") << u"0.000001"_s << qint64(1);
    QTest::newRow("zero") << u"0"_s << qint64(0);
    QTest::newRow("padded") << u" 100 "_s << qint64(100'000'000);
    // Decimal reads exponent form exactly; 1e3 is 1000, not a double.
    QTest::newRow("exponent") << u"1e3"_s << qint64(1'000'000'000);
}

void TestCommandLine::minUsd() {
    QFETCH(QString, text);
    QFETCH(qint64, micros);
    const ParseResult r = parseCommandLine(argv({u"--min-usd"_s, text}));
    QVERIFY2(r.status == ParseStatus::Run, qPrintable(r.error));
    QCOMPARE(r.options.minUsd.micros(), micros);
    QVERIFY(r.options.minUsdGiven);
    QVERIFY(r.options.exportTrades.minUsd.has_value());
    QCOMPARE(r.options.exportTrades.minUsd->micros(), micros);
}

void TestCommandLine::exportTimes_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("utc");

    const QDate day(2025, 1, 31);
    QTest::newRow("date") << u"2025-01-31"_s << QDateTime(day, QTime(0, 0), Qt::UTC);
    QTest::newRow("Z") << u"2025-01-31T12:30:00Z"_s << QDateTime(day, QTime(12, 30), Qt::UTC);
    QTest::newRow("no offset is UTC") << u"2025-01-31T12:30:00"_s << QDateTime(day, QTime(12, 30), Qt::UTC);
    QTest::newRow("offset") << u"2025-01-31T12:30:00+02:00"_s << QDateTime(day, QTime(10, 30), Qt::UTC);
    QTest::newRow("milliseconds") << u"2025-01-31T12:30:00.250Z"_s
                                  << QDateTime(day, QTime(12, 30, 0, 250), Qt::UTC);
}

void TestCommandLine::exportTimes() {
    QFETCH(QString, text);
    QFETCH(QDateTime, utc);
    const ParseResult r = parseCommandLine(
        argv({u"export"_s, u"trades"_s, u"--from"_s, text, u"--to"_s, u"2030-01-01"_s, u"--out"_s, u"-"_s}));
    QVERIFY2(r.status == ParseStatus::Run, qPrintable(r.error));
    const ExportOptions &e = r.options.exportTrades;
    QCOMPARE(e.from, utc);
    QCOMPARE(e.from.timeSpec(), Qt::UTC);
    QCOMPARE(e.to, QDateTime(QDate(2030, 1, 1), QTime(0, 0), Qt::UTC));
    QVERIFY(e.toStdout());
    QVERIFY(!e.minUsd.has_value());
}

void TestCommandLine::globalValues() {
    const ParseResult r = parseCommandLine(
        argv({u"--offline"_s, u"--demo"_s, u"--theme"_s, u"Dark"_s, u"--screenshot"_s, u"docs/shot.png"_s,
              u"--screenshot-delay"_s, u"0"_s, u"--feed-stall-seconds"_s, u"15"_s}));
    QVERIFY2(r.status == ParseStatus::Run, qPrintable(r.error));
    const CommandLineOptions &o = r.options;
    QVERIFY(o.offline);
    QVERIFY(o.demo);
    QCOMPARE(o.theme, std::optional<ThemeChoice>(ThemeChoice::Dark));
    QCOMPARE(o.screenshotPath, u"docs/shot.png"_s);
    QCOMPARE(o.screenshotDelayMs, 0);
    QCOMPARE(o.feedStallSeconds, 15);

    const ParseResult c = parseCommandLine(argv({u"collect"_s, u"--run-for"_s, u"90"_s}));
    QVERIFY2(c.status == ParseStatus::Run, qPrintable(c.error));
    QCOMPARE(c.options.collect.runForSeconds, std::optional<int>(90));

    const ParseResult e = parseCommandLine(argv({u"export"_s, u"trades"_s, u"--out"_s, u"/tmp/t.csv"_s}));
    QVERIFY2(e.status == ParseStatus::Run, qPrintable(e.error));
    QCOMPARE(e.options.exportTrades.out, u"/tmp/t.csv"_s);
    QVERIFY(!e.options.exportTrades.toStdout());
}

void TestCommandLine::syncWallets() {
    const ParseResult r =
        parseCommandLine(argv({u"sync"_s, kWalletA, kWalletB, kWalletA.toUpper().replace(u"0X"_s, u"0x"_s)}));
    QVERIFY2(r.status == ParseStatus::Run, qPrintable(r.error));
    const QList<Wallet> &wallets = r.options.sync.wallets;
    // Mixed case from RTDS and lowercase from REST are the same wallet: stored once, lowercase.
    QCOMPARE(wallets.size(), 2);
    QCOMPARE(wallets.at(0).address(), kWalletA);
    QCOMPARE(wallets.at(1).address(), kWalletB.toLower());
}

void TestCommandLine::helpDocumentsEveryOption() {
    const QString help = helpText(Subcommand::Gui);
    const QStringList everything = {
        u"--help"_s,
        u"--version"_s,
        u"--db"_s,
        u"postgresql://"_s,
        u"--offline"_s,
        u"--demo"_s,
        u"--theme"_s,
        u"--screenshot "_s,
        u"--screenshot-delay"_s,
        u"--endpoint"_s,
        u"polymarket.rtds"_s,
        u"polymarket.data"_s,
        u"polymarket.gamma"_s,
        u"polymarket.clob"_s,
        u"kalshi.rest"_s,
        u"kalshi.ws"_s,
        u"--min-usd"_s,
        u"--feed-stall-seconds"_s,
        u"collect"_s,
        u"--run-for"_s,
        u"export trades"_s,
        u"--from"_s,
        u"--to"_s,
        u"--out"_s,
        u"sync WALLET"_s,
        u"help [COMMAND]"_s,
    };
    for (const QString &word : everything)
        QVERIFY2(help.contains(word), qPrintable(u"general help lacks "_s + word));
}

void TestCommandLine::subcommandHelpIsScoped_data() {
    QTest::addColumn<Subcommand>("topic");
    QTest::addColumn<QStringList>("present");
    QTest::addColumn<QStringList>("absent");

    QTest::newRow("collect") << Subcommand::Collect << QStringList{u"--run-for"_s, u"--db"_s, u"--min-usd"_s}
                             << QStringList{u"--screenshot"_s, u"--theme"_s, u"--out"_s};
    QTest::newRow("export") << Subcommand::Export
                            << QStringList{u"export trades"_s, u"--from"_s, u"--to"_s, u"--out"_s,
                                           u"--min-usd"_s}
                            << QStringList{u"--run-for"_s, u"--theme"_s};
    QTest::newRow("sync") << Subcommand::Sync << QStringList{u"WALLET"_s, u"--db"_s}
                          << QStringList{u"--run-for"_s, u"--from"_s, u"--screenshot"_s};
}

void TestCommandLine::subcommandHelpIsScoped() {
    QFETCH(Subcommand, topic);
    QFETCH(QStringList, present);
    QFETCH(QStringList, absent);
    const QString help = helpText(topic);
    for (const QString &word : present)
        QVERIFY2(help.contains(word), qPrintable(u"missing "_s + word));
    for (const QString &word : absent)
        QVERIFY2(!help.contains(word), qPrintable(u"should not list "_s + word));
}

void TestCommandLine::names() {
    for (const EndpointKey key : allEndpointKeys())
        QCOMPARE(endpointKeyFromName(endpointKeyName(key)), std::optional<EndpointKey>(key));
    QCOMPARE(allEndpointKeys().size(), 6);
    for (const ThemeChoice c : {ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark})
        QCOMPARE(themeChoiceFromName(themeChoiceName(c)), std::optional<ThemeChoice>(c));
    QVERIFY(!themeChoiceFromName(u"sepia").has_value());
    QVERIFY(versionText().contains(QString::fromLatin1(LONGSHOT_VERSION)));
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
