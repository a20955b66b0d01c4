#pragma once

#include "app/commandline.h"
#include "models/domain/decimal.h"
#include "models/domain/trade.h"

#include <QObject>

#include <memory>

class QStatusBar;

namespace longshot {
class WhaleFeedModel;
namespace views {
class FeedStatusWidget;
class WhaleFeedView;
} // namespace views
} // namespace longshot

namespace longshot::app {

class DemoMode;
class FeedPipeline;
class MainWindow;
class MarketPanel;

// The live whale feed in the window: pipeline (net + storage threads), the tape model on
// the GUI thread, its view in the whale feed dock and the feed health in the status bar.
class LiveFeed final : public QObject {
    Q_OBJECT
public:
    LiveFeed(CommandLineOptions options, Decimal displayThreshold, MainWindow &window,
             QObject *parent = nullptr);
    ~LiveFeed() override;

    void start();
    void stop();
    views::WhaleFeedView *view() const { return m_view; }
    // The Market dock: every "open this market" (History dock, leaderboard, ...) goes to it.
    MarketPanel *marketPanel() const { return m_market; }
    // The options in force: --demo points the endpoints and the database at the simulator.
    const CommandLineOptions &options() const { return m_options; }

Q_SIGNALS:
    void displayThresholdChanged(longshot::Decimal minimum);
    // Every batch the pipeline delivers, for the trader sync's discovery of whale wallets.
    void tradesArrived(const longshot::TradeBatch &batch);

private:
    void openFromFeed(const QString &marketId);

    CommandLineOptions m_options;
    std::unique_ptr<DemoMode> m_demo;
    std::unique_ptr<FeedPipeline> m_pipeline;
    WhaleFeedModel *m_model;
    views::WhaleFeedView *m_view;
    views::FeedStatusWidget *m_status;
    MarketPanel *m_market = nullptr;
};

} // namespace longshot::app
