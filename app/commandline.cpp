#include "app/commandline.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

#include <array>

using namespace Qt::StringLiterals;

namespace longshot::app {

namespace {

struct EndpointInfo {
    EndpointKey key;
    QStringView name;
    bool acceptsHttp;
    bool acceptsWs;
};

// polymarket.clob serves both REST (clob.polymarket.com) and the market WebSocket, so it takes either.
constexpr std::array<EndpointInfo, 6> kEndpoints{{
    {EndpointKey::PolymarketRtds, u"polymarket.rtds", false, true},
    {EndpointKey::PolymarketData, u"polymarket.data", true, false},
    {EndpointKey::PolymarketGamma, u"polymarket.gamma", true, false},
    {EndpointKey::PolymarketClob, u"polymarket.clob", true, true},
    {EndpointKey::KalshiRest, u"kalshi.rest", true, false},
    {EndpointKey::KalshiWs, u"kalshi.ws", false, true},
}};

const EndpointInfo *endpointInfo(EndpointKey key) {
    for (const auto &info : kEndpoints) {
        if (info.key == key)
            return &info;
    }
    return nullptr;
}

QString endpointKeyList() {
    QStringList names;
    for (const auto &info : kEndpoints)
        names << info.name.toString();
    return names.join(u", ");
}

// Every option the program knows. Options of one subcommand are accepted anywhere by the
// parser and then checked against the subcommand, so the message can say where they belong.
struct OptionSet {
    QCommandLineOption help{{u"h"_s, u"help"_s}, u"Show this help and exit."_s};
    QCommandLineOption version{{u"v"_s, u"version"_s}, u"Show the version and exit."_s};
    QCommandLineOption db{u"db"_s,
                          u"Database: a SQLite file, or postgresql://user@host:port/dbname (the password "
                          u"comes from PGPASSWORD or ~/.pgpass). Default: longshot.sqlite in the data "
                          u"directory."_s,
                          u"PATH|URL"_s};
    QCommandLineOption offline{u"offline"_s, u"Do not connect to any exchange; show stored data only."_s};
    QCommandLineOption demo{u"demo"_s, u"Run against the built-in exchange simulator on 127.0.0.1 (simulated "
                                       u"data, clearly marked)."_s};
    QCommandLineOption theme{u"theme"_s, u"Colour theme: system, light or dark. Default: the saved choice."_s,
                             u"system|light|dark"_s};
    QCommandLineOption screenshot{u"screenshot"_s,
                                  u"Open the window, wait --screenshot-delay, save it as a PNG and exit."_s,
                                  u"FILE"_s};
    QCommandLineOption screenshotDelay{
        u"screenshot-delay"_s, u"Milliseconds to wait before --screenshot (default 1500)."_s, u"MS"_s};
    QCommandLineOption endpoint{u"endpoint"_s,
                                u"Override an exchange endpoint; repeatable. Keys: "_s % endpointKeyList() %
                                    u". Example: --endpoint polymarket.rtds=ws://127.0.0.1:9000"_s,
                                u"KEY=URL"_s};
    QCommandLineOption minUsd{
        u"min-usd"_s,
        u"Smallest trade notional in USD, exact decimal (default 100). The feed keeps and "
        u"stores trades of at least this size; the whale feed's display filter is set in "
        u"the window. With 'export trades': only trades of at least this size."_s,
        u"N"_s};
    QCommandLineOption feedStall{u"feed-stall-seconds"_s,
                                 u"Seconds without a message before a feed counts as stalled and reconnects "
                                 u"(default 60)."_s,
                                 u"N"_s};
    QCommandLineOption kalshiKeyId{u"kalshi-key-id"_s,
                                   u"Kalshi API key id (a UUID). With --kalshi-key-file the Kalshi "
                                   u"WebSocket is used; without a key Kalshi trades are polled over "
                                   u"public REST."_s,
                                   u"ID"_s};
    QCommandLineOption kalshiKeyFile{u"kalshi-key-file"_s,
                                     u"Kalshi RSA private key (PEM, unencrypted, readable by you only: "
                                     u"chmod 600). The key itself is never stored or logged."_s,
                                     u"PATH"_s};
    QCommandLineOption runFor{u"run-for"_s,
                              u"collect: stop after this many seconds (default: run until "
                              u"interrupted)."_s,
                              u"SECONDS"_s};
    QCommandLineOption from{u"from"_s,
                            u"export trades: first trade time, ISO 8601 (2025-01-31 or "
                            u"2025-01-31T12:00:00Z; no offset means UTC)."_s,
                            u"ISO"_s};
    QCommandLineOption to{u"to"_s, u"export trades: end time (exclusive), ISO 8601 as for --from."_s,
                          u"ISO"_s};
    QCommandLineOption out{u"out"_s, u"export: CSV file to write, or - for standard output (default)."_s,
                           u"FILE|-"_s};
    QCommandLineOption wallet{u"wallet"_s, u"export positions: the wallet whose positions to write."_s,
                              u"WALLET"_s};

    // Options every mode accepts, and those of the terminal window only.
    QList<QCommandLineOption> common() const {
        return {db, offline, demo, endpoint, minUsd, feedStall, kalshiKeyId, kalshiKeyFile};
    }
    QList<QCommandLineOption> windowOnly() const { return {theme, screenshot, screenshotDelay}; }
    QList<QCommandLineOption> scoped(Subcommand subcommand) const {
        switch (subcommand) {
        case Subcommand::Collect:
            return {runFor};
        case Subcommand::Export:
            return {from, to, out, wallet};
        case Subcommand::Gui:
        case Subcommand::Sync:
            break;
        }
        return {};
    }
};

const QString kCommandsDescription =
    u"Commands:\n"
    u"  (none)                 Open the trading terminal.\n"
    u"  collect [--run-for SECONDS]\n"
    u"                         Record the live whale feed into the database, "
    u"without a window.\n"
    u"  export trades [--from ISO] [--to ISO] [--min-usd N] [--out FILE|-]\n"
    u"  export positions --wallet WALLET [--out FILE|-]\n"
    u"  export traders [--out FILE|-]\n"
    u"                         Write stored trades as CSV.\n"
    u"  sync WALLET...         Fetch the trade history of the given wallets "
    u"(0x addresses) into the database.\n"
    u"  help [COMMAND]         Show the options of a command.\n"_s;

std::optional<Subcommand> subcommandFromName(QStringView name) {
    if (name == u"collect")
        return Subcommand::Collect;
    if (name == u"export")
        return Subcommand::Export;
    if (name == u"sync")
        return Subcommand::Sync;
    return std::nullopt;
}

ParseResult failure(const QString &message) {
    ParseResult result;
    result.status = ParseStatus::Error;
    result.error = message;
    return result;
}

// A bounded non-negative integer; `what` names the option in the message.
std::optional<int> parseInt(const QString &text, int min, int max, const QString &what, QString *error) {
    bool ok = false;
    const int value = text.trimmed().toInt(&ok);
    if (!ok || value < min || value > max) {
        *error = what % u" expects a whole number from "_s % QString::number(min) % u" to "_s %
                 QString::number(max) % u", got '"_s % text % u"'."_s;
        return std::nullopt;
    }
    return value;
}

std::optional<storage::DatabaseConfig> parseDatabase(const QString &text, QString *error) {
    const storage::DatabaseConfigParse parsed = storage::parseDatabaseConfig(text);
    if (!parsed.ok()) {
        *error = u"--db: "_s + parsed.error;
        return std::nullopt;
    }
    return parsed.config;
}

bool parseEndpoint(const QString &text, QMap<EndpointKey, QUrl> *endpoints, QString *error) {
    const qsizetype eq = text.indexOf(u'=');
    const QStringView keyText = eq < 0 ? QStringView(text) : QStringView(text).left(eq);
    const auto key = endpointKeyFromName(keyText.trimmed());
    if (eq < 0 || !key) {
        *error = u"--endpoint expects KEY=URL with KEY one of "_s % endpointKeyList() % u"; got '"_s % text %
                 u"'."_s;
        return false;
    }
    const QUrl url(text.mid(eq + 1).trimmed(), QUrl::StrictMode);
    const QString scheme = url.scheme();
    const EndpointInfo *info = endpointInfo(*key);
    const bool http = scheme == u"http" || scheme == u"https";
    const bool ws = scheme == u"ws" || scheme == u"wss";
    if (!url.isValid() || url.host().isEmpty() || !((http && info->acceptsHttp) || (ws && info->acceptsWs))) {
        const QString expected = info->acceptsHttp && info->acceptsWs ? u"an http(s) or ws(s) URL"_s
                                 : info->acceptsHttp                  ? u"an http:// or https:// URL"_s
                                                                      : u"a ws:// or wss:// URL"_s;
        *error = u"--endpoint "_s % info->name % u" expects "_s % expected % u", got '"_s % text.mid(eq + 1) %
                 u"'."_s;
        return false;
    }
    if (endpoints->contains(*key)) {
        *error = u"--endpoint "_s % info->name % u" is given more than once."_s;
        return false;
    }
    endpoints->insert(*key, url);
    return true;
}

std::optional<Decimal> parseMinUsd(const QString &text, QString *error) {
    const DecimalParse parsed = Decimal::parse(QStringView(text).trimmed());
    if (!parsed.ok() || parsed.rounded || parsed.value.isNegative()) {
        const QString why = !parsed.ok()     ? describe(parsed.error)
                            : parsed.rounded ? u"more than six decimals"_s
                                             : u"negative"_s;
        *error = u"--min-usd expects a non-negative amount such as 100 or 2500.50, got '"_s % text %
                 u"' ("_s % why % u")."_s;
        return std::nullopt;
    }
    return parsed.value;
}

// ISO 8601 date or date-time. Without an offset the time is UTC, never the local zone, so an
// export means the same thing on every machine.
std::optional<QDateTime> parseIsoUtc(const QString &text, const QString &what, QString *error) {
    const QString trimmed = text.trimmed();
    QDateTime when = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
    if (!when.isValid()) {
        const QDate day = QDate::fromString(trimmed, Qt::ISODate);
        if (day.isValid())
            when = day.startOfDay(Qt::UTC);
    } else if (when.timeSpec() == Qt::LocalTime) {
        when = QDateTime(when.date(), when.time(), Qt::UTC);
    }
    if (!when.isValid()) {
        *error = what %
                 u" expects an ISO 8601 date or time such as 2025-01-31 or 2025-01-31T12:00:00Z, got '"_s %
                 text % u"'."_s;
        return std::nullopt;
    }
    return when.toUTC();
}

// Fills the values of the options; returns an error message or an empty string.
QString readValues(const QCommandLineParser &parser, const OptionSet &o, CommandLineOptions *out) {
    QString error;
    if (parser.isSet(o.db)) {
        const auto db = parseDatabase(parser.value(o.db), &error);
        if (!db)
            return error;
        out->database = db;
    }
    out->offline = parser.isSet(o.offline);
    out->demo = parser.isSet(o.demo);
    if (parser.isSet(o.theme)) {
        out->theme = themeChoiceFromName(parser.value(o.theme).trimmed());
        if (!out->theme)
            return u"--theme expects system, light or dark, got '"_s % parser.value(o.theme) % u"'."_s;
    }
    if (parser.isSet(o.screenshot)) {
        out->screenshotPath = parser.value(o.screenshot);
        if (out->screenshotPath.trimmed().isEmpty())
            return u"--screenshot expects a file name."_s;
    }
    if (parser.isSet(o.screenshotDelay)) {
        const auto ms =
            parseInt(parser.value(o.screenshotDelay), 0, 600'000, u"--screenshot-delay"_s, &error);
        if (!ms)
            return error;
        out->screenshotDelayMs = *ms;
    }
    for (const QString &text : parser.values(o.endpoint)) {
        if (!parseEndpoint(text, &out->endpoints, &error))
            return error;
    }
    if (parser.isSet(o.minUsd)) {
        const auto min = parseMinUsd(parser.value(o.minUsd), &error);
        if (!min)
            return error;
        out->minUsd = *min;
        out->minUsdGiven = true;
        out->exportTrades.minUsd = *min;
    }
    if (parser.isSet(o.feedStall)) {
        const auto s = parseInt(parser.value(o.feedStall), 1, 86'400, u"--feed-stall-seconds"_s, &error);
        if (!s)
            return error;
        out->feedStallSeconds = *s;
    }
    if (parser.isSet(o.kalshiKeyId) != parser.isSet(o.kalshiKeyFile))
        return u"--kalshi-key-id and --kalshi-key-file go together."_s;
    out->kalshiKeyId = parser.value(o.kalshiKeyId).trimmed();
    out->kalshiKeyFile = parser.value(o.kalshiKeyFile);
    if (parser.isSet(o.runFor)) {
        const auto s = parseInt(parser.value(o.runFor), 1, 365 * 86'400, u"--run-for"_s, &error);
        if (!s)
            return error;
        out->collect.runForSeconds = *s;
    }
    if (parser.isSet(o.from)) {
        const auto from = parseIsoUtc(parser.value(o.from), u"--from"_s, &error);
        if (!from)
            return error;
        out->exportTrades.from = *from;
    }
    if (parser.isSet(o.to)) {
        const auto to = parseIsoUtc(parser.value(o.to), u"--to"_s, &error);
        if (!to)
            return error;
        out->exportTrades.to = *to;
    }
    if (out->exportTrades.from.isValid() && out->exportTrades.to.isValid() &&
        out->exportTrades.from >= out->exportTrades.to)
        return u"--from must be earlier than --to."_s;
    if (parser.isSet(o.wallet)) {
        const QString text = parser.value(o.wallet).trimmed();
        out->exportTrades.wallet = Wallet::parse(text);
        if (!out->exportTrades.wallet)
            return u"--wallet: '"_s % text % u"' is not a wallet address (0x followed by 40 hex digits)."_s;
    }
    if (parser.isSet(o.out)) {
        out->exportTrades.out = parser.value(o.out);
        if (out->exportTrades.out.trimmed().isEmpty())
            return u"--out expects a file name or - for standard output."_s;
    }
    return {};
}

// Options of one subcommand given to another, and window options given to a headless command.
QString checkScope(const QCommandLineParser &parser, const OptionSet &o, Subcommand subcommand) {
    for (const Subcommand owner : {Subcommand::Collect, Subcommand::Export}) {
        if (owner == subcommand)
            continue;
        for (const QCommandLineOption &option : o.scoped(owner)) {
            if (parser.isSet(option))
                return u"--"_s % option.names().constLast() % u" only applies to '"_s %
                       subcommandName(owner) % (owner == Subcommand::Export ? u" trades"_s : QString()) %
                       u"'."_s;
        }
    }
    if (subcommand != Subcommand::Gui) {
        for (const QCommandLineOption &option : o.windowOnly()) {
            if (parser.isSet(option))
                return u"--"_s % option.names().constLast() %
                       u" only applies to the terminal window, not to '"_s % subcommandName(subcommand) %
                       u"'."_s;
        }
    }
    return {};
}

QString unknownCommand(const QString &name) {
    return u"Unknown command '"_s % name % u"'. Commands: collect, export trades, sync WALLET..., help."_s;
}

// Reads the positional arguments into the subcommand and its operands.
QString readPositionals(const QStringList &positionals, CommandLineOptions *out) {
    if (positionals.isEmpty()) {
        out->subcommand = Subcommand::Gui;
        return {};
    }
    const auto subcommand = subcommandFromName(positionals.constFirst());
    if (!subcommand)
        return unknownCommand(positionals.constFirst());
    out->subcommand = *subcommand;
    const QStringList rest = positionals.mid(1);
    switch (*subcommand) {
    case Subcommand::Collect:
        if (!rest.isEmpty())
            return u"collect takes no arguments, got '"_s % rest.join(u' ') % u"'."_s;
        return {};
    case Subcommand::Export: {
        if (rest.isEmpty())
            return u"export needs to know what to export: trades, positions or traders."_s;
        const QString &kind = rest.constFirst();
        if (kind == u"trades")
            out->exportTrades.kind = ExportKind::Trades;
        else if (kind == u"positions")
            out->exportTrades.kind = ExportKind::Positions;
        else if (kind == u"traders")
            out->exportTrades.kind = ExportKind::Traders;
        else
            return u"export: unknown kind '"_s % kind % u"'; choose trades, positions or traders."_s;
        if (rest.size() > 1)
            return u"export "_s % kind % u" takes no further arguments, got '"_s % rest.mid(1).join(u' ') %
                   u"'."_s;
        return {};
    }
    case Subcommand::Sync:
        if (rest.isEmpty())
            return u"sync needs at least one wallet address (0x followed by 40 hex digits)."_s;
        for (const QString &text : rest) {
            const auto wallet = Wallet::parse(QStringView(text).trimmed());
            if (!wallet)
                return u"sync: '"_s % text % u"' is not a wallet address (0x followed by 40 hex digits)."_s;
            if (!out->sync.wallets.contains(*wallet))
                out->sync.wallets.append(*wallet);
        }
        return {};
    case Subcommand::Gui:
        break;
    }
    return {};
}

ParseResult helpFor(const QStringList &positionals) {
    // `help`, `help collect`, `collect --help`, `export trades --help`.
    QStringList topicWords = positionals;
    if (!topicWords.isEmpty() && topicWords.constFirst() == u"help")
        topicWords.removeFirst();
    ParseResult result;
    result.status = ParseStatus::ShowHelp;
    if (topicWords.isEmpty())
        return result;
    const auto topic = subcommandFromName(topicWords.constFirst());
    if (!topic)
        return failure(unknownCommand(topicWords.constFirst()));
    result.helpTopic = *topic;
    return result;
}

} // namespace

QString themeChoiceName(ThemeChoice choice) {
    switch (choice) {
    case ThemeChoice::System:
        return u"system"_s;
    case ThemeChoice::Light:
        return u"light"_s;
    case ThemeChoice::Dark:
        return u"dark"_s;
    }
    return u"system"_s;
}

std::optional<ThemeChoice> themeChoiceFromName(QStringView name) {
    for (const ThemeChoice c : {ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark}) {
        if (name.compare(themeChoiceName(c), Qt::CaseInsensitive) == 0)
            return c;
    }
    return std::nullopt;
}

QString endpointKeyName(EndpointKey key) {
    const EndpointInfo *info = endpointInfo(key);
    return info ? info->name.toString() : QString();
}

std::optional<EndpointKey> endpointKeyFromName(QStringView name) {
    for (const auto &info : kEndpoints) {
        if (info.name == name)
            return info.key;
    }
    return std::nullopt;
}

QList<EndpointKey> allEndpointKeys() {
    QList<EndpointKey> keys;
    for (const auto &info : kEndpoints)
        keys << info.key;
    return keys;
}

QString subcommandName(Subcommand subcommand) {
    switch (subcommand) {
    case Subcommand::Collect:
        return u"collect"_s;
    case Subcommand::Export:
        return u"export"_s;
    case Subcommand::Sync:
        return u"sync"_s;
    case Subcommand::Gui:
        break;
    }
    return {};
}

ParseResult parseCommandLine(const QStringList &arguments) {
    const OptionSet o;
    QCommandLineParser parser;
    parser.addOptions({o.help, o.version});
    parser.addOptions(o.common());
    parser.addOptions(o.windowOnly());
    parser.addOptions(o.scoped(Subcommand::Collect));
    parser.addOptions(o.scoped(Subcommand::Export));
    if (!parser.parse(arguments.isEmpty() ? QStringList{u"longshot"_s} : arguments))
        return failure(parser.errorText() % u" See 'longshot --help'."_s);

    const QStringList positionals = parser.positionalArguments();
    if (parser.isSet(o.help) || (!positionals.isEmpty() && positionals.constFirst() == u"help"))
        return helpFor(positionals);
    if (parser.isSet(o.version)) {
        ParseResult result;
        result.status = ParseStatus::ShowVersion;
        return result;
    }

    ParseResult result;
    QString error = readPositionals(positionals, &result.options);
    if (error.isEmpty())
        error = checkScope(parser, o, result.options.subcommand);
    if (error.isEmpty())
        error = readValues(parser, o, &result.options);
    if (error.isEmpty() && result.options.subcommand == Subcommand::Export &&
        result.options.exportTrades.kind == ExportKind::Positions && !result.options.exportTrades.wallet)
        error = u"export positions needs --wallet WALLET."_s;
    if (!error.isEmpty())
        return failure(error);
    result.status = ParseStatus::Run;
    return result;
}

QString helpText(Subcommand topic) {
    const OptionSet o;
    QCommandLineParser parser;
    parser.addOptions({o.help, o.version});
    // A command's help lists its own options first, then the shared ones.
    parser.addOptions(o.scoped(topic));
    parser.addOptions(o.common());
    if (topic == Subcommand::Gui)
        parser.addOptions(o.windowOnly());
    switch (topic) {
    case Subcommand::Gui:
        parser.setApplicationDescription(
            u"Longshot: a desktop terminal for prediction-market traders (Polymarket, Kalshi).\n"
            u"It follows large trades as they happen, profiles the wallets behind them and keeps a local "
            u"history.\n\n"_s %
            kCommandsDescription % u"\nThe options of a command: longshot help COMMAND."_s);
        parser.addPositionalArgument(u"command"_s, u"collect, export, sync or help (optional)."_s,
                                     u"[command]"_s);
        break;
    case Subcommand::Collect:
        parser.setApplicationDescription(
            u"Record the live whale feed into the database, without a window. Runs until interrupted "
            u"(Ctrl+C) or for --run-for seconds. Trades of at least --min-usd are stored."_s);
        parser.addPositionalArgument(u"collect"_s, u"The command."_s);
        break;
    case Subcommand::Export:
        parser.setApplicationDescription(
            u"Write stored trades, one wallet's positions (--wallet) or every synced trader as CSV "
            u"(UTC ISO 8601 times, exact decimal amounts, RFC 4180 quoting)."_s);
        parser.addPositionalArgument(u"export trades|positions|traders"_s, u"The command."_s);
        break;
    case Subcommand::Sync:
        parser.setApplicationDescription(
            u"Fetch the trade history of one or more wallets from Polymarket into the database."_s);
        parser.addPositionalArgument(u"sync"_s, u"The command."_s);
        parser.addPositionalArgument(u"WALLET"_s, u"A wallet address: 0x followed by 40 hex digits."_s,
                                     u"WALLET..."_s);
        break;
    }
    return parser.helpText();
}

QString versionText() {
    return u"Longshot "_s % QString::fromLatin1(LONGSHOT_VERSION) % u" (Qt "_s %
           QString::fromLatin1(qVersion()) % u")\n"_s;
}

} // namespace longshot::app
