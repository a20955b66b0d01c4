#include "app/marketpanel.h"

#include "app/mainwindow.h"
#include "models/whalefeedmodel.h"
#include "net/clobclient.h"
#include "net/marketinfofetcher.h"
#include "net/restclient.h"
#include "views/marketview.h"

namespace longshot::app {
namespace {

const QUrl kClobUrl(QStringLiteral("wss://ws-subscriptions-clob.polymarket.com/ws/market"));
const QUrl kGammaUrl(QStringLiteral("https://gamma-api.polymarket.com"));
const QUrl kDataUrl(QStringLiteral("https://data-api.polymarket.com"));

} // namespace

MarketPanel::MarketPanel(const CommandLineOptions &options, MainWindow &window, WhaleFeedModel *tape,
                         QObject *parent)
    : QObject(parent)
    , m_tape(tape)
    , m_view(new views::MarketView) {
    m_view->setTradeSource(tape);
    window.replacePanelContent(PanelName::Market, m_view);
    if (options.offline)
        return;

    net::ClobConfig clob;
    clob.url = options.endpoint(EndpointKey::PolymarketClob, kClobUrl);
    net::MarketInfoConfig info;
    info.gammaApi = options.endpoint(EndpointKey::PolymarketGamma, kGammaUrl);
    // The simulator answers /holders on its gamma port; the live API on data-api.
    info.dataApi = options.demo ? info.gammaApi : options.endpoint(EndpointKey::PolymarketData, kDataUrl);
    m_autoOpen = options.demo;

    m_rest = m_thread.adopt(new net::RestClient);
    m_clob = m_thread.adopt(new net::ClobClient(clob));
    m_fetcher = m_thread.adopt(new net::MarketInfoFetcher(m_rest, info));
    m_thread.start();
    QMetaObject::invokeMethod(m_clob, &net::ClobClient::start, Qt::QueuedConnection);

    connect(m_view, &views::MarketView::marketSelected, this, [this](const QString &marketId, Venue venue) {
        m_info = Market{};
        if (venue != Venue::Polymarket) {
            // Kalshi books come from the Kalshi client through MarketView::setBook.
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
    });
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
    connect(tape, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { onTapeRows(first, last); });
}

MarketPanel::~MarketPanel() {
    // The workers are deleted on their thread as it finishes; the client closes its socket then.
    m_thread.stop();
}

void MarketPanel::openMarket(const QString &marketId) {
    m_view->showMarket(marketId);
}

void MarketPanel::onTapeRows(int first, int last) {
    if (m_view->marketId().isEmpty()) {
        // The demo opens the first Polymarket whale: its book is live on the simulated CLOB.
        for (int row = first; m_autoOpen && row <= last; ++row)
            if (m_tape->tradeAt(row).venue == Venue::Polymarket) {
                openMarket(m_tape->tradeAt(row).marketId);
                break;
            }
        return;
    }
    // Whale fills of the open market are chart prints too (the CLOB prints every fill, but
    // a Kalshi market has no CLOB and stored trades arrive through the tape first).
    for (int row = first; row <= last; ++row) {
        const Trade &t = m_tape->tradeAt(row);
        if (t.marketId != m_view->marketId())
            continue;
        if (t.venue == Venue::Polymarket && m_clob)
            continue; // the CLOB's last_trade_price already carries it
        m_view->addPrint(t.venue == Venue::Kalshi ? t.marketId : t.assetId,
                         PricePoint{t.timestampMs, t.price, t.size});
    }
}

} // namespace longshot::app
