#include "app/livefeed.h"

#include "app/collectcommand.h"
#include "app/databaseselection.h"
#include "app/demomode.h"
#include "app/feedpipeline.h"
#include "app/logging.h"
#include "app/mainwindow.h"
#include "app/marketmetadatasync.h"
#include "app/marketpanel.h"
#include "app/paths.h"
#include "models/whalefeedmodel.h"
#include "views/feedstatuswidget.h"
#include "views/whalefeedview.h"

#include <QDir>
#include <QStatusBar>

namespace longshot::app {

LiveFeed::LiveFeed(CommandLineOptions options, Decimal displayThreshold, MainWindow &window, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_model(new WhaleFeedModel(this))
    , m_view(new views::WhaleFeedView(m_model))
    , m_status(new views::FeedStatusWidget) {
    m_view->setMinNotional(displayThreshold);
    connect(m_view, &views::WhaleFeedView::minNotionalChanged, this, &LiveFeed::displayThresholdChanged);
    window.replacePanelContent(PanelName::WhaleFeed, m_view);
    window.statusBar()->addPermanentWidget(m_status);

    if (m_options.offline) {
        m_status->setStorageStatus(tr("Offline: no exchange connections"));
        // Offline, the Market dock still shows what storage holds.
        const DatabaseSelection stored = databaseConfigFor(m_options);
        m_market = new MarketPanel(m_options, window, m_model,
                                   stored.ok() ? std::optional(stored.config) : std::nullopt, this);
        connect(m_view, &views::WhaleFeedView::marketActivated, m_market,
                [this](const QString &marketId) { openFromFeed(marketId); });
        return;
    }
    if (m_options.demo) {
        m_demo = std::make_unique<DemoMode>();
        if (!m_demo->start(m_options)) {
            m_status->setStorageStatus(tr("Demo simulator could not start"));
            return;
        }
        // Simulated trades never mix with the user's real history.
        if (!m_options.database) {
            m_options.database = storage::DatabaseConfig::sqlite(
                QDir(dataDirectory()).filePath(QStringLiteral("demo.sqlite")));
        }
    }
    const DatabaseSelection database = databaseConfigFor(m_options);
    m_market = new MarketPanel(m_options, window, m_model,
                               database.ok() ? std::optional(database.config) : std::nullopt, this);
    connect(m_view, &views::WhaleFeedView::marketActivated, m_market,
            [this](const QString &marketId) { openFromFeed(marketId); });
    if (!database.ok()) {
        m_status->setStorageStatus(tr("Storage unavailable: %1").arg(database.error));
        return;
    }
    PipelineConfig config = pipelineConfigFrom(m_options, database.config);
    // The tape's market sync (TraderSync's) reads Kalshi too: its budget comes out of the poller's,
    // so the app's Kalshi reads stay where the poller alone left them.
    config.kalshiRest.requestsPerSecond = std::max(
        1, config.kalshiRest.requestsPerSecond - std::max(1, MarketMetadataConfig{}.kalshiRequestsPerSecond));
    if (m_demo && m_demo->kalshiSigner())
        config.kalshiSigner = m_demo->kalshiSigner();
    m_pipeline = std::make_unique<FeedPipeline>(std::move(config));
    connect(m_pipeline.get(), &FeedPipeline::tradesReceived, m_model, &WhaleFeedModel::appendBatch);
    // A Kalshi market open in the Market dock: its book over the signed WebSocket when there is one.
    connect(m_pipeline.get(), &FeedPipeline::kalshiBookUpdated, m_market, &MarketPanel::setKalshiBook);
    connect(m_market, &MarketPanel::kalshiMarketChanged, m_pipeline.get(),
            [this](const QString &previous, const QString &ticker) {
                if (!previous.isEmpty())
                    m_pipeline->unwatchKalshiMarket(previous);
                if (!ticker.isEmpty())
                    m_pipeline->watchKalshiMarket(ticker);
            });
    connect(m_pipeline.get(), &FeedPipeline::tradesReceived, this, &LiveFeed::tradesArrived);
    connect(m_pipeline.get(), &FeedPipeline::feedStatusChanged, m_status,
            &views::FeedStatusWidget::setStatus);
    const QString where = database.config.describe();
    connect(m_pipeline.get(), &FeedPipeline::storageOpened, m_status,
            [this, where](bool ok, const QString &message) {
                m_status->setStorageStatus(ok ? tr("Storing to %1").arg(where)
                                              : tr("Storage error: %1").arg(message));
            });
    connect(m_pipeline.get(), &FeedPipeline::storageFailed, m_status, [this](const QString &message) {
        m_status->setStorageStatus(tr("Storage paused, retrying: %1").arg(message));
    });
    connect(m_pipeline.get(), &FeedPipeline::storedTotals, m_status, [this, where](qint64 stored, qint64) {
        m_status->setStorageStatus(tr("%L1 trades stored · %2").arg(stored).arg(where));
    });
}

void LiveFeed::openFromFeed(const QString &marketId) {
    // The feed names a market by id; its rows know the venue and the title.
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const Trade &t = m_model->tradeAt(row);
        if (t.marketId == marketId) {
            m_market->openMarket(t.venue, marketId, t.marketTitle);
            return;
        }
    }
    m_market->openMarket(marketId.startsWith(QStringLiteral("0x")) ? Venue::Polymarket : Venue::Kalshi,
                         marketId);
}

LiveFeed::~LiveFeed() {
    stop();
}

void LiveFeed::start() {
    if (m_pipeline)
        m_pipeline->start();
}

void LiveFeed::stop() {
    if (m_pipeline)
        m_pipeline->stop();
}

} // namespace longshot::app
