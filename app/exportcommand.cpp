#include "app/exportcommand.h"

#include "app/databaseselection.h"
#include "storage/connection.h"
#include "storage/tradeexport.h"
#include "storage/traderexport.h"

#include <QFile>
#include <QSaveFile>

#include <cstdio>

namespace longshot::app {

int runExport(const CommandLineOptions &options) {
    auto selection = databaseConfigFor(options);
    if (!selection.ok()) {
        std::fprintf(stderr, "longshot export: %s\n", qPrintable(selection.error));
        return 2;
    }
    if (selection.config.engine == storage::Engine::Sqlite && !QFile::exists(selection.config.path)) {
        std::fprintf(stderr, "longshot export: no database at %s (collect first, or pass --db)\n",
                     qPrintable(selection.config.path));
        return 1;
    }
    selection.config.readOnly = true;
    storage::Connection connection(selection.config, QStringLiteral("export"));
    if (const auto error = connection.open()) {
        std::fprintf(stderr, "longshot export: %s\n", qPrintable(storage::describe(*error)));
        return 1;
    }
    storage::ExportQuery query;
    const ExportOptions &ex = options.exportTrades;
    if (ex.from.isValid())
        query.from = ex.from;
    if (ex.to.isValid())
        query.to = ex.to;
    query.minUsd = ex.minUsd;

    // One writer per kind; all share the CSV rules (RFC 4180, neutralised text, exact decimals).
    const auto write = [&](QIODevice &out) {
        switch (ex.kind) {
        case ExportKind::Trades:
            return storage::writeTradesCsv(connection.database(), query, out);
        case ExportKind::Positions:
            return storage::writePositionsCsv(connection.database(), ex.wallet->address(), out);
        case ExportKind::Traders:
            return storage::writeTradersCsv(connection.database(), out);
        }
        return storage::ExportResult{};
    };
    storage::ExportResult result;
    if (ex.toStdout()) {
        QFile out;
        if (!out.open(stdout, QIODevice::WriteOnly)) {
            std::fprintf(stderr, "longshot export: cannot write to stdout\n");
            return 1;
        }
        result = write(out);
    } else {
        // Written to a temporary file and renamed at the end: a failed export leaves no half file.
        QSaveFile out(ex.out);
        if (!out.open(QIODevice::WriteOnly)) {
            std::fprintf(stderr, "longshot export: cannot write %s: %s\n", qPrintable(ex.out),
                         qPrintable(out.errorString()));
            return 1;
        }
        result = write(out);
        if (result.ok && !out.commit()) {
            std::fprintf(stderr, "longshot export: cannot finish %s: %s\n", qPrintable(ex.out),
                         qPrintable(out.errorString()));
            return 1;
        }
    }
    if (!result.ok) {
        std::fprintf(stderr, "longshot export: %s\n", qPrintable(result.error));
        return 1;
    }
    if (!ex.toStdout())
        std::fprintf(stderr, "longshot export: %lld rows written to %s\n",
                     static_cast<long long>(result.rows), qPrintable(ex.out));
    return 0;
}

} // namespace longshot::app
