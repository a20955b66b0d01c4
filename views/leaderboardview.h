#pragma once

#include "models/domain/traderboard.h"

#include <QWidget>

class QButtonGroup;
class QComboBox;
class QLabel;
class QSortFilterProxyModel;
class QSpinBox;
class QStackedLayout;
class QTableView;

namespace longshot {
class LeaderboardModel;
} // namespace longshot

namespace longshot::views {

class EmptyState;

// The Leaderboard dock: window (1d, 7d, 30d, All), rank key, category and minimum resolved
// markets above a sortable table of every synced trader, ours beside Polymarket's figure.
// The view only asks (queryChanged) and shows (setResult); the app runs the queries.
class LeaderboardView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LeaderboardView)
public:
    // `model` is owned elsewhere and must outlive the view.
    explicit LeaderboardView(LeaderboardModel *model, QWidget *parent = nullptr);
    ~LeaderboardView() override;

    LeaderboardQuery query() const;
    void setPeriod(BoardPeriod period);
    void setRankBy(BoardRank rank);
    void setCategory(const QString &category);
    void setMinResolved(int minimum);

    QTableView *table() const { return m_table; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    bool isShowingEmptyState() const;

public Q_SLOTS:
    // An answer for the current query: rows, the category list and the status line.
    void setResult(const longshot::LeaderboardResult &result);
    void setLoading(bool loading);
    void setError(const QString &message);

Q_SIGNALS:
    void queryChanged(const longshot::LeaderboardQuery &query);
    void traderActivated(const QString &wallet);

private:
    QWidget *buildFilterBar();
    void emitQuery();
    void sortByRank();
    void updateStatus();

    LeaderboardModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_table = nullptr;
    EmptyState *m_empty = nullptr;
    QStackedLayout *m_stack = nullptr;
    QButtonGroup *m_periods = nullptr;
    QComboBox *m_rankBy = nullptr;
    QComboBox *m_category = nullptr;
    QSpinBox *m_minResolved = nullptr;
    QLabel *m_status = nullptr;
    bool m_loading = false;
    bool m_blockQuery = false;
    QString m_error;
};

} // namespace longshot::views
