#include "app/collectcommand.h"

#include "app/databaseselection.h"
#include "app/logging.h"
#include "app/paths.h"
#include "app/signalwatcher.h"

#include <QCoreApplication>
#include <QTimer>

#include <numeric>

#include <cstdio>

namespace longshot::app {

PipelineConfig pipelineConfigFrom(const CommandLineOptions &options,
                                  const storage::DatabaseConfig &database) {
    PipelineConfig config;
    config.database = database;
    config.rtds.url = options.endpoint(EndpointKey::PolymarketRtds, config.rtds.url);
    config.rtds.minNotional = options.minUsd;
    config.rtds.stallAfter = std::chrono::seconds(options.feedStallSeconds);
    config.backfill.dataApi = options.endpoint(EndpointKey::PolymarketData, config.backfill.dataApi);
    config.backfill.minNotional = options.minUsd;
    // Kalshi runs unless the endpoints were redirected without it (tests and local setups
    // point Polymarket at 127.0.0.1 and must not reach the real Kalshi); a key says "on".
    const bool kalshiRedirected = options.endpoints.contains(EndpointKey::KalshiWs) ||
                                  options.endpoints.contains(EndpointKey::KalshiRest);
    config.kalshiEnabled =
        options.endpoints.isEmpty() || kalshiRedirected || !options.kalshiKeyFile.isEmpty();
    // Kalshi endpoints may be given as bare hosts; the API paths are fixed.
    QUrl kalshiWs = options.endpoint(EndpointKey::KalshiWs, config.kalshiWs.url);
    if (kalshiWs.path().isEmpty() || kalshiWs.path() == u"/")
        kalshiWs.setPath(QStringLiteral("/trade-api/ws/v2"));
    config.kalshiWs.url = kalshiWs;
    config.kalshiWs.minNotional = options.minUsd;
    config.kalshiRest.restBase = options.kalshiRestEndpoint(config.kalshiRest.restBase);
    config.kalshiRest.minNotional = options.minUsd;
    if (!options.kalshiKeyFile.isEmpty()) {
        auto load = net::KalshiSigner::loadKeyFile(options.kalshiKeyFile, options.kalshiKeyId);
        if (load.ok()) {
            config.kalshiSigner = std::make_shared<const net::KalshiSigner>(std::move(*load.signer));
        } else {
            // The message names the file and the fix, never its content.
            config.kalshiKeyError = load.error;
            qCWarning(lcApp).noquote() << "Kalshi key not used, polling public REST instead:" << load.error;
        }
    }
    return config;
}

QString summaryLine(const PipelineSummary &s) {
    QStringList rejected;
    for (auto it = s.rejectedByReason.cbegin(); it != s.rejectedByReason.cend(); ++it)
        rejected << it.key() + u'=' + QString::number(it.value());
    return QStringLiteral("received %1, stored %2, duplicates %3, rejected %4%5, dropped batches %6, "
                          "gaps %7 (backfilled %8, %9 trades refetched)")
        .arg(s.received)
        .arg(s.stored)
        .arg(s.duplicates)
        .arg(std::accumulate(s.rejectedByReason.cbegin(), s.rejectedByReason.cend(), qint64(0)))
        .arg(rejected.isEmpty() ? QString()
                                : QStringLiteral(" (") + rejected.join(QStringLiteral(", ")) + u')')
        .arg(s.droppedBatches)
        .arg(s.gapsRecorded)
        .arg(s.gapsBackfilled)
        .arg(s.backfilledTrades);
}

int runCollect(const CommandLineOptions &options) {
    const auto database = databaseConfigFor(options);
    if (!database.ok()) {
        std::fprintf(stderr, "longshot collect: %s\n", qPrintable(database.error));
        return 2;
    }
    FeedPipeline pipeline(pipelineConfigFrom(options, database.config));
    int exitCode = 0;
    QObject::connect(
        &pipeline, &FeedPipeline::storageOpened, qApp, [&exitCode](bool ok, const QString &message) {
            if (ok)
                return;
            std::fprintf(stderr, "longshot collect: cannot open the database: %s\n", qPrintable(message));
            exitCode = 1;
            QCoreApplication::exit(1);
        });
    QObject::connect(&pipeline, &FeedPipeline::storageFailed, qApp, [](const QString &message) {
        qCWarning(lcApp).noquote() << "storage:" << message << "(retrying; the feed keeps running)";
    });
    QObject::connect(&pipeline, &FeedPipeline::feedStatusChanged, qApp, [](const FeedStatus &status) {
        static FeedState last = FeedState::Disconnected;
        if (status.state != last)
            qCInfo(lcApp).noquote() << status.feed << feedStateName(status.state) << status.lastError;
        last = status.state;
    });
    SignalWatcher signals_;
    QObject::connect(&signals_, &SignalWatcher::terminationRequested, qApp, [] { QCoreApplication::quit(); });
    if (options.collect.runForSeconds)
        QTimer::singleShot(std::chrono::seconds(*options.collect.runForSeconds), qApp,
                           [] { QCoreApplication::quit(); });

    qCInfo(lcApp).noquote() << "collecting into" << database.config.describe() << "- floor $"
                            << options.minUsd.toString();
    pipeline.start();
    const int rc = QCoreApplication::exec();
    pipeline.stop();
    std::printf("longshot collect: %s\n", qPrintable(summaryLine(pipeline.summary())));
    std::fflush(stdout);
    return exitCode != 0 ? exitCode : rc;
}

} // namespace longshot::app
