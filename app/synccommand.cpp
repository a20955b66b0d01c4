#include "app/databaseselection.h"
#include "app/subcommands.h"
#include "app/tradersyncdata.h"
#include "models/moneyformat.h"
#include "net/restclient.h"
#include "net/traderfetcher.h"
#include "storage/connection.h"
#include "storage/migrations.h"
#include "storage/traderstore.h"

#include <QCoreApplication>
#include <QDateTime>

#include <cstdio>

// `longshot sync WALLET...`: fetch each wallet's history (activity, positions, closed
// positions, value, market metadata), store it, recompute ledger, metrics, grade and class,
// and print what a trader would want to know. Headless: SQL runs on this, the only, thread.

namespace longshot::app {
namespace {

QString percent(std::optional<double> v) {
    return v ? QString::number(*v * 100.0, 'f', 1) + u'%' : QStringLiteral("n/a");
}

QString describe(const storage::TraderSummary &t) {
    const WalletMetrics &m = t.metrics;
    const QString who = t.name.isEmpty() ? t.wallet.address() : t.name + u" (" + t.wallet.address() + u')';
    QString line = who + u'\n';
    line += QStringLiteral("  P&L pre-fee %1, post-fee %2 (realized %3, unrealized %4 at %5 marks)\n")
                .arg(formatUsd(m.totalPreFee), formatUsd(m.totalPostFee), formatUsd(m.realizedPostFee),
                     formatUsd(m.unrealized), QStringLiteral("midpoint"));
    line += QStringLiteral("  volume %1, markets %2, win rate %3 (%4 won / %5 lost of %6 resolved%7)\n")
                .arg(formatUsd(m.volume))
                .arg(m.marketsTraded)
                .arg(percent(m.winRate.raw))
                .arg(m.winRate.wins)
                .arg(m.winRate.losses)
                .arg(t.resolvedMarkets)
                .arg(m.winRate.tooFewDecided ? QStringLiteral(", n too small") : QString());
    line +=
        QStringLiteral("  grade %1%2, strategy %3\n")
            .arg(gradeName(t.grade.grade), t.grade.provisional ? QStringLiteral(" (provisional)") : QString(),
                 strategyName(t.strategy.kind));
    line += t.complete ? QStringLiteral("  history complete (%1 events)").arg(t.events)
                       : QStringLiteral("  history INCOMPLETE: %1").arg(t.incompleteReason);
    if (m.overflow)
        line += QStringLiteral("\n  figures overflowed and are not shown as exact");
    return line;
}

} // namespace

int runSync(const CommandLineOptions &options) {
    const DatabaseSelection database = databaseConfigFor(options);
    if (!database.ok()) {
        std::fprintf(stderr, "longshot sync: %s\n", qPrintable(database.error));
        return 2;
    }
    storage::Connection connection(database.config, QStringLiteral("sync"));
    if (auto error = connection.open()) {
        std::fprintf(stderr, "longshot sync: %s\n", qPrintable(storage::describe(*error)));
        return 1;
    }
    if (auto error = storage::migrate(connection)) {
        std::fprintf(stderr, "longshot sync: %s\n", qPrintable(storage::describe(*error)));
        return 1;
    }
    storage::TraderStore store(connection);

    net::TraderFetchConfig config;
    config.dataApi = options.endpoint(EndpointKey::PolymarketData, config.dataApi);
    config.gammaApi = options.endpoint(EndpointKey::PolymarketGamma, config.gammaApi);
    net::RestClient rest;
    net::TraderFetcher fetcher(&rest, config);

    const QList<Wallet> wallets = options.sync.wallets;
    qsizetype next = 0;
    int failures = 0;
    const auto startNext = [&] {
        if (next >= wallets.size()) {
            QCoreApplication::exit(0);
            return;
        }
        const Wallet &w = wallets.at(next++);
        std::fprintf(stderr, "syncing %s…\n", qPrintable(w.address()));
        fetcher.fetch(w);
    };
    QObject::connect(&fetcher, &net::TraderFetcher::finished, qApp, [&](const net::TraderSnapshot &snapshot) {
        storage::TraderSummary summary;
        if (auto error = store.save(toSyncData(snapshot), &summary)) {
            std::fprintf(stderr, "longshot sync: %s: cannot store: %s\n",
                         qPrintable(snapshot.wallet.address()), qPrintable(storage::describe(*error)));
            ++failures;
        } else {
            std::printf("%s\n", qPrintable(describe(summary)));
            std::fflush(stdout);
            if (!snapshot.complete)
                ++failures;
        }
        startNext();
    });
    QMetaObject::invokeMethod(qApp, startNext, Qt::QueuedConnection);
    QCoreApplication::exec();
    // An incomplete history is a partial success: exit 3 so scripts can tell.
    return failures > 0 ? 3 : 0;
}

} // namespace longshot::app
