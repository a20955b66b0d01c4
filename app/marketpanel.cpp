#include "app/marketpanel.h"

#include "app/mainwindow.h"
#include "models/whalefeedmodel.h"
#include "net/clobclient.h"
#include "net/kalshimarketfetcher.h"
#include "net/marketinfofetcher.h"
#include "net/restclient.h"
#include "storage/marketreader.h"
#include "views/marketview.h"

#include <QDateTime>
#include <QTimer>

namespace longshot::app {
namespace {

const QUrl kClobUrl(QStringLiteral("wss://ws-subscriptions-clob.polymarket.com/ws/market"));
const QUrl kGammaUrl(QStringLiteral("https://gamma-api.polymarket.com"));
const QUrl kDataUrl(QStringLiteral("https://data-api.polymarket.com"));
const QUrl kKalshiRestUrl(QStringLiteral("https://api.elections.kalshi.com/trade-api/v2"));

} // namespace

MarketPanel::MarketPanel(const CommandLineOptions &options, MainWindow &window, WhaleFeedModel *tape,
                         std::optional<storage::DatabaseConfig> database, QObject *parent)
    : QObject(parent)
    , m_tape(tape)
    , m_view(new views::MarketView)
    , m_historyTimer(new QTimer(this)) {
    qRegisterMetaType<longshot::MarketHistory>();
    qRegisterMetaType<longshot::MarketHistoryRequest>();
    qRegisterMetaType<longshot::OrderBook>();
    m_view->setTradeSource(tape);
    m_view->setOffline(options.offline);
    window.replacePanelContent(PanelName::Market, m_view);
    connect(m_view, &views::MarketView::marketSelected, this, &MarketPanel::onMarketSelected);
    connect(tape, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { onTapeRows(first, last); });

    if (database) {
        m_reader = m_readerThread.adopt(new storage::MarketReader);
        m_readerThread.start();
        QMetaObject::invokeMethod(
            m_reader, [reader = m_reader, config = *database] { reader->open(config); },
            Qt::QueuedConnection);
        connect(m_reader, &storage::MarketReader::historyReady, this, &MarketPanel::applyHistory);
        connect(m_reader, &storage::MarketReader::requestFailed, this,
                [this](quint64 requestId, const QString &message) {
                    if (requestId == m_historyRequest)
                        m_view->setStoredHistoryError(m_marketId, message);
                });
        // Stored trades keep arriving from the feed: the chart's history and the flow follow.
        m_historyTimer->setInterval(kHistoryRefreshMs);
        connect(m_historyTimer, &QTimer::timeout, this, &MarketPanel::requestHistory);
    }
    if (!options.offline)
        wireNet(options);
}

void MarketPanel::wireNet(const CommandLineOptions &options) {
    net::ClobConfig clob;
    clob.url = options.endpoint(EndpointKey::PolymarketClob, kClobUrl);
    net::MarketInfoConfig info;
    info.gammaApi = options.endpoint(EndpointKey::PolymarketGamma, kGammaUrl);
    // The simulator answers /holders on its gamma port; the live API on data-api.
    info.dataApi = options.demo ? info.gammaApi : options.endpoint(EndpointKey::PolymarketData, kDataUrl);
    net::KalshiMarketConfig kalshi;
    kalshi.restBase = options.kalshiRestEndpoint(kKalshiRestUrl);
    m_autoOpen = options.demo;

    m_rest = m_thread.adopt(new net::RestClient);
    m_clob = m_thread.adopt(new net::ClobClient(clob));
    m_fetcher = m_thread.adopt(new net::MarketInfoFetcher(m_rest, info));
    m_kalshi = m_thread.adopt(new net::KalshiMarketFetcher(m_rest, kalshi));
    m_thread.start();
    QMetaObject::invokeMethod(m_clob, &net::ClobClient::start, Qt::QueuedConnection);

    connect(m_view, &views::MarketView::outcomeAssetsChanged, this,
            [this](const QString &, const QStringList &assets) {
                QMetaObject::invokeMethod(
                    m_clob, [clob = m_clob, assets] { clob->setAssets(assets); }, Qt::QueuedConnection);
            });
    connect(m_clob, &net::ClobClient::booksUpdated, m_view, [this](const net::ClobBookList &books) {
        for (const net::ClobBookSnapshot &s : books)
            m_view->setBook(s.assetId, s.book);
    });
    connect(m_clob, &net::ClobClient::lastTrades, m_view, [this](const net::ClobTradeList &trades) {
        for (const net::ClobLastTrade &t : trades)
            m_view->addPrint(t.assetId, PricePoint{t.timestampMs, t.price, t.size});
    });
    connect(m_fetcher, &net::MarketInfoFetcher::marketReady, m_view, [this](const Market &market) {
        m_info = market;
        m_view->setMarketInfo(market);
    });
    connect(m_fetcher, &net::MarketInfoFetcher::holdersReady, m_view,
            [this](const QString &marketId, const net::MarketHolderList &holders) {
                QList<views::HolderRow> rows;
                rows.reserve(holders.size());
                for (const net::MarketHolder &h : holders) {
                    QString outcome;
                    for (const Outcome &o : std::as_const(m_info.outcomes))
                        if (o.assetId == h.assetId || o.index == h.outcomeIndex)
                            outcome = o.name;
                    rows.append(views::HolderRow{h.wallet.address(), h.name.isEmpty() ? h.pseudonym : h.name,
                                                 outcome, h.amount});
                }
                m_view->setHolders(marketId, rows);
            });
    connect(m_fetcher, &net::MarketInfoFetcher::failed, m_view,
            [this](const QString &marketId, const QString &phase, const FetchError &error) {
                if (phase == QStringLiteral("markets"))
                    m_view->setInfoError(marketId, describe(error));
            });
    connect(m_kalshi, &net::KalshiMarketFetcher::marketReady, m_view,
            [this](const Market &market, const QString &) { m_view->setMarketInfo(market); });
    connect(m_kalshi, &net::KalshiMarketFetcher::seriesReady, m_view,
            [this](const QString &ticker, const QString &, const QString &title, const QString &category) {
                m_view->setSeries(ticker, title, category);
            });
    connect(m_kalshi, &net::KalshiMarketFetcher::bookReady, m_view,
            [this](const QString &ticker, const OrderBook &book) {
                if (ticker == m_kalshiTicker && !m_kalshiWsBook)
                    m_view->setBook(ticker, book);
            });
    connect(m_kalshi, &net::KalshiMarketFetcher::failed, m_view,
            [this](const QString &ticker, const QString &phase, const FetchError &error) {
                if (phase == QStringLiteral("market"))
                    m_view->setInfoError(ticker, describe(error));
            });
}

MarketPanel::~MarketPanel() {
    // The workers are deleted on their threads as they finish; the client closes its socket
    // and the reader removes its connection there.
    m_thread.stop();
    m_readerThread.stop();
}

void MarketPanel::openMarket(Venue venue, const QString &marketId, const QString &title) {
    m_view->showMarketOf(venue, marketId, title);
}

void MarketPanel::onMarketSelected(const QString &marketId, Venue venue) {
    m_info = Market{};
    m_venue = venue;
    m_marketId = marketId;
    requestHistory();
    if (m_reader)
        m_historyTimer->start();

    const QString previousTicker = m_kalshiTicker;
    m_kalshiTicker = venue == Venue::Kalshi ? marketId : QString();
    m_kalshiWsBook = false;
    if (previousTicker != m_kalshiTicker)
        Q_EMIT kalshiMarketChanged(previousTicker, m_kalshiTicker);
    if (!m_clob)
        return; // offline
    QMetaObject::invokeMethod(
        m_kalshi,
        [kalshi = m_kalshi, ticker = m_kalshiTicker] {
            kalshi->setBookPolling(true);
            kalshi->watch(ticker);
        },
        Qt::QueuedConnection);
    if (venue != Venue::Polymarket) {
        QMetaObject::invokeMethod(
            m_clob, [clob = m_clob] { clob->setAssets({}); }, Qt::QueuedConnection);
        return;
    }
    QMetaObject::invokeMethod(
        m_fetcher, [fetcher = m_fetcher, marketId] { fetcher->fetch(marketId); }, Qt::QueuedConnection);
    // Tokens already seen on the tape subscribe at once; gamma completes the set.
    QStringList assets;
    for (int row = 0; row < m_tape->rowCount(); ++row) {
        const Trade &t = m_tape->tradeAt(row);
        if (t.marketId == marketId && !t.assetId.isEmpty() && !assets.contains(t.assetId))
            assets.append(t.assetId);
    }
    QMetaObject::invokeMethod(
        m_clob, [clob = m_clob, assets] { clob->setAssets(assets); }, Qt::QueuedConnection);
}

void MarketPanel::requestHistory() {
    if (m_marketId.isEmpty())
        return;
    if (!m_reader) {
        m_view->setStoredHistoryError(m_marketId, tr("no trade database"));
        return;
    }
    MarketHistoryRequest request;
    request.venue = m_venue;
    request.marketId = m_marketId;
    request.nowMs = QDateTime::currentMSecsSinceEpoch();
    request.buckets = views::MarketView::kChartBuckets;
    const quint64 id = ++m_historyRequest;
    QMetaObject::invokeMethod(
        m_reader, [reader = m_reader, id, request] { reader->requestHistory(id, request); },
        Qt::QueuedConnection);
}

void MarketPanel::applyHistory(quint64 requestId, const MarketHistory &history) {
    if (requestId != m_historyRequest)
        return; // an answer for an earlier selection or refresh
    m_view->setStoredHistory(history);
}

void MarketPanel::setKalshiBook(const QString &ticker, const OrderBook &book) {
    if (ticker != m_kalshiTicker || ticker.isEmpty())
        return;
    if (!m_kalshiWsBook && m_kalshi) {
        // The WebSocket has the book now; polling it as well would only race the deltas.
        m_kalshiWsBook = true;
        QMetaObject::invokeMethod(
            m_kalshi, [kalshi = m_kalshi] { kalshi->setBookPolling(false); }, Qt::QueuedConnection);
    }
    m_kalshiWsBook = true;
    m_view->setBook(ticker, book);
}

void MarketPanel::onTapeRows(int first, int last) {
    if (m_view->marketId().isEmpty()) {
        // The demo opens the first Polymarket whale: its book is live on the simulated CLOB.
        for (int row = first; m_autoOpen && row <= last; ++row)
            if (const Trade &t = m_tape->tradeAt(row); t.venue == Venue::Polymarket) {
                openMarket(t.venue, t.marketId, t.marketTitle);
                break;
            }
        return;
    }
    // Whale fills of the open market are chart prints too (the CLOB prints every fill, but
    // a Kalshi market has no CLOB, and offline the tape is all there is).
    for (int row = last; row >= first; --row) {
        const Trade &t = m_tape->tradeAt(row);
        if (t.marketId != m_view->marketId() || t.venue != m_view->venue())
            continue;
        if (t.venue == Venue::Polymarket && m_clob)
            continue; // the CLOB's last_trade_price already carries it
        m_view->addPrint(t.assetId, PricePoint{t.timestampMs, t.price, t.size});
    }
}

} // namespace longshot::app
