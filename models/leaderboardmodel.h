#pragma once

#include "models/domain/traderboard.h"

#include <QAbstractTableModel>
#include <QList>

namespace longshot {

// The Leaderboard dock's rows: every synced trader's figures for the chosen window, with
// Polymarket's own board figure beside ours. The model never runs SQL: the app hands it each
// answer of the trader reader through setResult(). A refresh with the same traders updates
// the rows in place (one dataChanged over the changed span), so selection and scroll stay.
//
// Rank is computed here for the chosen key; SortRole gives every column an exact sort key
// (micros for money) for a QSortFilterProxyModel. An incomplete history is shown as such
// (italic figures, a badge, the reason in the tooltip) and an overflow hides the figures.
class LeaderboardModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LeaderboardModel)
public:
    enum class Column : int {
        Rank = 0,
        Trader,
        Grade,
        PnlPreFee,
        PnlPostFee,
        Roi,
        Volume,
        WinRate,
        Decided,
        Polymarket,
        Difference,
        History,
        ColumnCount
    };
    static constexpr int kColumnCount = static_cast<int>(Column::ColumnCount);
    enum Role : int {
        WalletRole = Qt::UserRole, // the row's wallet address
        SortRole,
        BadgeRole, // short text for a pill beside the figure ("n<20", "incomplete"); empty: none
    };
    static int column(Column c) { return static_cast<int>(c); }

    explicit LeaderboardModel(QObject *parent = nullptr);
    ~LeaderboardModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setResult(const LeaderboardResult &result);
    const LeaderboardResult &result() const { return m_result; }
    const LeaderboardRow &rowAt(int row) const { return m_result.rows.at(row); }
    int rowOf(const QString &wallet) const; // -1 when not listed

    void setRankBy(BoardRank rank);
    BoardRank rankBy() const { return m_rankBy; }
    int rankOf(int row) const { return m_ranks.value(row); }

private:
    void computeRanks();
    bool isWindowed() const { return m_result.query.period != BoardPeriod::All; }
    QVariant display(const LeaderboardRow &r, int row, Column c) const;
    QVariant sortKey(const LeaderboardRow &r, int row, Column c) const;
    QString toolTip(const LeaderboardRow &r, Column c) const;
    QString headerToolTip(Column c) const;

    LeaderboardResult m_result;
    QList<int> m_ranks; // per row, 1-based
    BoardRank m_rankBy = BoardRank::Pnl;
};

} // namespace longshot
