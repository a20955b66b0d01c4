#pragma once

#include "models/domain/decimal.h"
#include "models/domain/wallet.h"
#include "storage/databaseconfig.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace longshot::app {

// No enum here has 0 as a valid value, so a zeroed struct is never mistaken for a choice.
enum class Subcommand : quint8 { Gui = 1, Collect, Export, Sync };
enum class ThemeChoice : quint8 { System = 1, Light, Dark };
enum class EndpointKey : quint8 {
    PolymarketRtds = 1,
    PolymarketData,
    PolymarketGamma,
    PolymarketClob,
    KalshiRest,
    KalshiWs,
};

QString themeChoiceName(ThemeChoice choice); // "system" / "light" / "dark"
std::optional<ThemeChoice> themeChoiceFromName(QStringView name);
QString endpointKeyName(EndpointKey key); // "polymarket.rtds", ...
std::optional<EndpointKey> endpointKeyFromName(QStringView name);
QList<EndpointKey> allEndpointKeys();

struct CollectOptions {
    std::optional<int> runForSeconds; // unset: run until interrupted
};

enum class ExportKind : quint8 { Trades = 1, Positions, Traders };

struct ExportOptions {
    ExportKind kind = ExportKind::Trades;
    std::optional<Wallet> wallet;  // export positions --wallet W
    QDateTime from;                // invalid: from the first stored trade; else UTC
    QDateTime to;                  // invalid: up to now; else UTC
    std::optional<Decimal> minUsd; // set only when --min-usd was given
    QString out = QStringLiteral("-");
    bool toStdout() const { return out == u"-"; }
};

struct SyncOptions {
    QList<Wallet> wallets;
};

// Everything the command line can say, as plain values. Parsing has no side effects.
struct CommandLineOptions {
    Subcommand subcommand = Subcommand::Gui;

    // --db, parsed by storage::parseDatabaseConfig; the password never travels on the command
    // line (it would show in `ps`): libpq reads PGPASSWORD or ~/.pgpass. Unset: the XDG
    // default (see Paths); a SQLite path is as given until Paths makes it absolute.
    std::optional<storage::DatabaseConfig> database;
    bool offline = false;
    bool demo = false;
    std::optional<ThemeChoice> theme; // unset: the saved choice
    QString screenshotPath;           // empty: no screenshot
    int screenshotDelayMs = 1500;
    QMap<EndpointKey, QUrl> endpoints; // overrides only; absent keys use the built-in hosts
    Decimal minUsd = Decimal::fromMicros(100 * Decimal::kOne);
    bool minUsdGiven = false; // given explicitly (export filters only then)
    int feedStallSeconds = 60;
    // Kalshi API credentials: the key id and the PATH of the private key file, never the key.
    QString kalshiKeyId;
    QString kalshiKeyFile;

    CollectOptions collect;
    ExportOptions exportTrades;
    SyncOptions sync;

    QUrl endpoint(EndpointKey key, const QUrl &fallback) const { return endpoints.value(key, fallback); }
    // kalshi.rest, which may be given as a bare host: the API path is fixed. Inline: the
    // tests that build app sources one by one need not link the parser for it.
    QUrl kalshiRestEndpoint(const QUrl &fallback) const {
        QUrl url = endpoint(EndpointKey::KalshiRest, fallback);
        if (url.path().isEmpty() || url.path() == u"/")
            url.setPath(QStringLiteral("/trade-api/v2"));
        return url;
    }
};

enum class ParseStatus : quint8 { Run = 1, ShowHelp, ShowVersion, Error };

struct ParseResult {
    ParseStatus status = ParseStatus::Error;
    CommandLineOptions options;             // meaningful when status == Run
    Subcommand helpTopic = Subcommand::Gui; // for ShowHelp; Gui means the general help
    QString error;                          // for Error: one line, no trailing newline
};

// `arguments` includes the program name first, as QCoreApplication::arguments() does.
ParseResult parseCommandLine(const QStringList &arguments);

// The text for --help and `help COMMAND`. Needs a QCoreApplication for the program name.
QString helpText(Subcommand topic);
QString versionText();
QString subcommandName(Subcommand subcommand); // "collect", ...; empty for Gui

} // namespace longshot::app
