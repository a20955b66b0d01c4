#pragma once

#include <QWidget>

class QStackedLayout;
class QTableView;

namespace longshot {
class WatchlistModel;
}

namespace longshot::views {

class EmptyState;

// The watchlist dock: followed traders and markets with their live figures. Names and notes
// are edited in place; "Follow…" adds a wallet address or a market id, Delete removes.
class WatchlistView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WatchlistView)
public:
    explicit WatchlistView(WatchlistModel *model, QWidget *parent = nullptr);
    ~WatchlistView() override;

    QTableView *table() const { return m_table; }
    bool isShowingEmptyState() const;
    // Removes the selected rows.
    void removeSelected();

Q_SIGNALS:
    void followRequested(); // the app asks for the id
    void traderActivated(const QString &wallet);
    void marketActivated(const QString &marketId);

private:
    void updateEmptyState();

    WatchlistModel *m_model;
    QTableView *m_table;
    EmptyState *m_empty;
    QStackedLayout *m_stack;
};

} // namespace longshot::views
