#pragma once

#include "models/domain/decimal.h"

#include <QModelIndex>
#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QMenu;
class QStackedLayout;
class QTableView;
class QTimer;
class QUrl;

namespace longshot {
class WhaleFeedModel;
class WhaleFeedFilterProxy;
struct Trade;
} // namespace longshot

namespace longshot::views {

class EmptyState;
class FlashDelegate;

// The whale tape dock: a filter bar over a table of live trades, newest on top. It follows
// the top while the user is there and holds the rows still once they scroll down to read.
class WhaleFeedView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WhaleFeedView)
public:
    // `model` is owned elsewhere (the app feeds it) and must outlive the view.
    explicit WhaleFeedView(WhaleFeedModel *model, QWidget *parent = nullptr);
    ~WhaleFeedView() override;

    QTableView *table() const { return m_table; }
    WhaleFeedFilterProxy *filter() const { return m_proxy; }
    FlashDelegate *flashDelegate() const { return m_delegate; }

    Decimal minNotional() const;
    // Sets the spin box and the filter; for restoring a saved preference.
    void setMinNotional(Decimal minimum);

    bool isShowingEmptyState() const;
    // The first row is in view.
    bool isAtTop() const;
    // New rows keep the view on the newest trade; false once the user scrolls down to read.
    bool isFollowingTop() const;

    // Column widths and order, for the app to persist.
    QByteArray saveHeaderState() const;
    bool restoreHeaderState(const QByteArray &state);

    // The context menu for a row of the table (a proxy index). The caller owns the menu.
    // Actions: copyWallet, copyTx, copyRow, openMarket, openTrader (object names).
    QMenu *createContextMenu(const QModelIndex &index, QWidget *parent);

    // https://polymarket.com/event/<eventSlug>; empty for Kalshi or a malformed slug.
    static QUrl marketUrl(const Trade &trade);
    // https://polymarket.com/profile/<wallet>; empty without a wallet.
    static QUrl traderUrl(const Trade &trade);
    // Exact, tab-separated: UTC time, venue, market, outcome, side, price, size, notional,
    // trader, wallet, tx. Pastes into a spreadsheet as one row.
    static QString rowText(const Trade &trade);

Q_SIGNALS:
    void traderActivated(const QString &wallet);
    void marketActivated(const QString &marketId);
    void minNotionalChanged(longshot::Decimal minimum);
    // Just before a row's context menu pops up, so others can add their actions to it.
    void contextMenuAboutToShow(QMenu *menu, const QModelIndex &index);

private:
    QWidget *buildFilterBar();
    void setUpTable();
    void onRowsAboutToBeInserted(int first);
    void onRowsInserted(int first, int last);
    void onTick();
    void onDoubleClicked(const QModelIndex &index);
    void onMinSpinChanged(double value);
    void updateEmptyState();
    void scheduleRepaint();

    WhaleFeedModel *m_model;
    WhaleFeedFilterProxy *m_proxy;
    FlashDelegate *m_delegate;
    QTableView *m_table = nullptr;
    EmptyState *m_empty = nullptr;
    QStackedLayout *m_stack = nullptr;
    QDoubleSpinBox *m_minSpin = nullptr;
    QComboBox *m_sideCombo = nullptr;
    QComboBox *m_venueCombo = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_countLabel = nullptr;
    QTimer *m_tick = nullptr;

    bool m_followTop = true;
    bool m_compensating = false;
    // Scroll state captured just before an insert, applied just after it.
    bool m_insertAboveReader = false;
    int m_valueBeforeInsert = 0;
    int m_firstVisibleBeforeInsert = 0;
    qint64 m_flashUntilMs = 0;
};

} // namespace longshot::views
