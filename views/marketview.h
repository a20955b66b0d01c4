#pragma once

#include "models/domain/decimal.h"
#include "models/domain/market.h"
#include "models/domain/marketactivity.h"
#include "models/domain/orderbook.h"
#include "models/pricehistorymodel.h"

#include <QHash>
#include <QList>
#include <QStringList>
#include <QWidget>

#include <memory>
#include <optional>

class QAbstractItemModel;
class QComboBox;
class QLabel;
class QSplitter;
class QStackedLayout;
class QTabWidget;
class QTableView;
class QTableWidget;
class QTimer;

namespace longshot {
class OrderBookModel;
class WhaleFeedModel;
} // namespace longshot

namespace longshot::views {

class ChartAdapter;
class EmptyState;
class OrderBookView;

// A top holder as the dock shows it (the app converts what the exchange sent).
struct HolderRow {
    QString wallet;
    QString name; // display name, pseudonym, or empty
    QString outcome;
    Decimal shares;
};

// The market dock: header (title, outcomes with prices, status, end date, resolution, the
// smart-money flow), the live book of one outcome, a price chart of stored history and live
// prints with volume bars, the market's recent trades (stored and live) and its top holders.
// Inputs only store the latest value and
// mark the dock dirty; one frame timer (at most 30 Hz) pushes what changed to the widgets,
// and the chart is replaced on every sixth frame at most. Never a repaint per update.
class MarketView final : public QWidget {
    Q_OBJECT
public:
    static constexpr int kFrameMs = 34;   // < 30 frames a second
    static constexpr int kChartEvery = 6; // chart refresh every ~200 ms
    static constexpr int kLiveTickMs = 1'000;
    static constexpr int kChartBuckets = 240;
    // Below this width the chart goes on top, the ladder and the trades share the row below.
    static constexpr int kCompactBelowPx = 760;

    explicit MarketView(QWidget *parent = nullptr);
    ~MarketView() override;
    Q_DISABLE_COPY_MOVE(MarketView)

    // The whale tape (WhaleFeedModel): its rows of the selected market join the recent trades.
    void setTradeSource(QAbstractItemModel *tape);
    // Offline: no exchange answers details, so the header says the figures are stored ones.
    void setOffline(bool offline);

    QString marketId() const { return m_marketId; }
    Venue venue() const { return m_venue; }
    // The asset id whose book is shown (Polymarket token, or the Kalshi ticker).
    QString shownBookKey() const;
    bool isEmptyStateShown() const;
    qint64 frames() const { return m_frames; }
    qint64 chartReplaces() const;
    OrderBookModel *bookModel() const { return m_bookModel; }
    OrderBookView *bookView() const { return m_bookView; }
    QString titleText() const;
    QString statusText() const;
    QString smartMoneyText() const;
    bool isCompact() const { return m_compact; }
    qsizetype historyPoints() const { return m_history.size(); }

public Q_SLOTS:
    // Selects a market (condition id on Polymarket, ticker on Kalshi) and clears the rest. The
    // title hint stands in until metadata arrives.
    void showMarketOf(longshot::Venue venue, const QString &marketId, const QString &titleHint = {});
    // The venue guessed from the id: 0x... is Polymarket, anything else a Kalshi ticker.
    void showMarket(const QString &marketId);
    void clearMarket();
    void setMarketInfo(const longshot::Market &market);
    // A whole book: Kalshi (key = ticker) or a Polymarket outcome token (key = asset id).
    void setBook(const QString &key, const longshot::OrderBook &book);
    // A print on one outcome; the chart follows the first outcome, so the other is mirrored.
    void addPrint(const QString &key, const longshot::PricePoint &point);
    void setPriceHistory(const QString &marketId, const longshot::PricePointList &points);
    // What storage holds: chart buckets, recent trades, stored metadata, smart-money flow.
    void setStoredHistory(const longshot::MarketHistory &history);
    // Storage could not answer (no database, or the query failed).
    void setStoredHistoryError(const QString &marketId, const QString &message);
    void setHolders(const QString &marketId, const QList<longshot::views::HolderRow> &holders);
    void setInfoError(const QString &marketId, const QString &message);
    // The family a Kalshi market belongs to (its series), shown in the status line.
    void setSeries(const QString &marketId, const QString &title, const QString &category);

Q_SIGNALS:
    // The app subscribes the CLOB to these tokens and fetches metadata and history.
    void marketSelected(const QString &marketId, longshot::Venue venue);
    void outcomeAssetsChanged(const QString &marketId, const QStringList &assetIds);
    void traderActivated(const QString &wallet);

protected:
    void resizeEvent(QResizeEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void arrange(bool compact);
    void elideTitle();
    void elideStatus();
    void markDirty();
    void onFrame();
    void rebuildHeader();
    void rebuildOutcomes();
    void rebuildSmartMoney();
    void onTapeRows(int first, int last);
    void mergeTrades(const TradeBatch &trades);
    QString bookKeyFor(int outcomeIndex) const;
    int shownOutcome() const;
    OrderBook shownBook() const;

    QString m_marketId;
    Venue m_venue = Venue::Polymarket;
    Market m_market;
    bool m_haveInfo = false;
    QString m_infoError;
    QString m_seriesTitle;
    QString m_seriesCategory;
    bool m_offline = false;
    std::optional<SmartMoneyFlow> m_flow;
    QString m_flowError;
    QHash<QString, OrderBook> m_books; // latest per key, only the shown one is pushed
    QHash<QString, Decimal> m_lastPrices;
    QString m_pushedKey;
    bool m_bookDirty = false;
    bool m_chartDirty = false;
    bool m_headerDirty = false;
    qint64 m_frames = 0;
    int m_framesSinceChart = 0;
    PriceHistoryModel m_history;

    QStackedLayout *m_stack;
    EmptyState *m_empty;
    QLabel *m_title;
    QString m_fullTitle;
    QString m_fullStatus; // elided into the label, whole in its tooltip
    QLabel *m_status;
    QLabel *m_outcomeLine;
    QLabel *m_smartMoney;
    QComboBox *m_outcomeBox;
    OrderBookModel *m_bookModel;
    OrderBookView *m_bookView;
    std::unique_ptr<ChartAdapter> m_chart;
    QTabWidget *m_tabs;
    QTableView *m_trades;
    WhaleFeedModel *m_marketTrades; // this market's trades, stored and live, newest first
    QAbstractItemModel *m_tape = nullptr;
    QTableWidget *m_holders;
    QWidget *m_bookColumn;
    QSplitter *m_body;  // ladder beside the rest, or the chart over the rest
    QSplitter *m_inner; // chart over trades, or the ladder beside the trades
    bool m_compact = false;
    QTimer *m_frameTimer;
    QTimer *m_liveTick;
};

} // namespace longshot::views

Q_DECLARE_METATYPE(longshot::views::HolderRow)
