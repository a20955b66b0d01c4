#pragma once

#include "app/commandline.h"
#include "app/workerthread.h"
#include "models/domain/market.h"
#include "models/domain/marketactivity.h"
#include "models/domain/orderbook.h"
#include "storage/databaseconfig.h"

#include <QObject>

#include <optional>

class QTimer;

namespace longshot {
class WhaleFeedModel;
namespace net {
class ClobClient;
class KalshiMarketFetcher;
class MarketInfoFetcher;
class RestClient;
} // namespace net
namespace storage {
class MarketReader;
} // namespace storage
namespace views {
class MarketView;
} // namespace views
} // namespace longshot

namespace longshot::app {

class MainWindow;

// The market dock's wiring: the view in PanelName::Market; on a thread of its own the CLOB
// market channel and the REST reads (gamma metadata and holders for Polymarket, the market
// and a polled order book for Kalshi); on another the storage reader that brings the
// market's stored history, recent trades and smart-money flow. Opening a market replaces
// the subscriptions and asks storage again; answers for an earlier market are dropped.
// Offline, only storage answers.
class MarketPanel final : public QObject {
    Q_OBJECT
public:
    // How often an open market's stored history and flow are read again.
    static constexpr int kHistoryRefreshMs = 60'000;

    // `database`: where the stored history is read; nullopt when storage is unavailable.
    MarketPanel(const CommandLineOptions &options, MainWindow &window, WhaleFeedModel *tape,
                std::optional<storage::DatabaseConfig> database, QObject *parent = nullptr);
    ~MarketPanel() override;
    Q_DISABLE_COPY_MOVE(MarketPanel)

    views::MarketView *view() const { return m_view; }
    quint64 latestHistoryRequest() const { return m_historyRequest; }

public Q_SLOTS:
    // Opens a market in the dock: condition id (Polymarket) or ticker (Kalshi). The title,
    // when known, shows until the venue's metadata arrives. Every "open this market" lands here.
    void openMarket(longshot::Venue venue, const QString &marketId, const QString &title = {});
    // A Kalshi book from the signed WebSocket (FeedPipeline::kalshiBookUpdated). Once it
    // delivers the open market's book, REST polling of that book stops.
    void setKalshiBook(const QString &ticker, const longshot::OrderBook &book);
    // A stored-history answer; anything but the latest request's answer is dropped.
    void applyHistory(quint64 requestId, const longshot::MarketHistory &history);

Q_SIGNALS:
    // The Kalshi market whose book the WebSocket should carry changed (empty: none).
    void kalshiMarketChanged(const QString &previousTicker, const QString &ticker);

private:
    void onMarketSelected(const QString &marketId, Venue venue);
    void requestHistory();
    void onTapeRows(int first, int last);
    void wireNet(const CommandLineOptions &options);

    WhaleFeedModel *m_tape;
    views::MarketView *m_view;
    WorkerThread m_thread{QStringLiteral("longshot-market"), ThreadPriority::Normal};
    WorkerThread m_readerThread{QStringLiteral("longshot-market-db")};
    net::RestClient *m_rest = nullptr;
    net::ClobClient *m_clob = nullptr;
    net::MarketInfoFetcher *m_fetcher = nullptr;
    net::KalshiMarketFetcher *m_kalshi = nullptr;
    storage::MarketReader *m_reader = nullptr;
    QTimer *m_historyTimer;
    Market m_info; // the open market's metadata: outcome names for the holders table
    Venue m_venue = Venue::Polymarket;
    QString m_marketId;
    QString m_kalshiTicker;      // the open Kalshi market, watched over the WebSocket
    bool m_kalshiWsBook = false; // the WebSocket delivered this market's book
    quint64 m_historyRequest = 0;
    bool m_autoOpen = false; // demo: open the first whale's market so the dock is never empty
};

} // namespace longshot::app
