#pragma once

#include "app/commandline.h"
#include "app/workerthread.h"
#include "models/domain/market.h"

#include <QObject>

namespace longshot {
class WhaleFeedModel;
namespace net {
class ClobClient;
class MarketInfoFetcher;
class RestClient;
} // namespace net
namespace views {
class MarketView;
} // namespace views
} // namespace longshot

namespace longshot::app {

class MainWindow;

// The market dock's wiring: the view in PanelName::Market, and on a thread of its own the
// CLOB market channel and the REST reads (gamma metadata, holders). A market opened from
// the whale feed subscribes its outcome tokens; opening another replaces the subscription.
// Trades of the open market on the whale tape become chart prints as well.
class MarketPanel final : public QObject {
    Q_OBJECT
public:
    MarketPanel(const CommandLineOptions &options, MainWindow &window, WhaleFeedModel *tape,
                QObject *parent = nullptr);
    ~MarketPanel() override;
    Q_DISABLE_COPY_MOVE(MarketPanel)

    views::MarketView *view() const { return m_view; }
    // Opens a market (the whale feed's marketActivated lands here).
    void openMarket(const QString &marketId);

private:
    void onTapeRows(int first, int last);

    WhaleFeedModel *m_tape;
    views::MarketView *m_view;
    WorkerThread m_thread{QStringLiteral("longshot-market")};
    net::RestClient *m_rest = nullptr;
    net::ClobClient *m_clob = nullptr;
    net::MarketInfoFetcher *m_fetcher = nullptr;
    Market m_info;           // the open market's metadata: outcome names for the holders table
    bool m_autoOpen = false; // demo: open the first whale's market so the dock is never empty
};

} // namespace longshot::app
