#pragma once

#include "models/domain/traderprofile.h"

#include <QAbstractTableModel>

namespace longshot {

// A trader's stored activity, newest first: fills, splits, merges, redemptions, conversions,
// fees, rebates and rewards with the USDC that actually moved. A refresh of the same trader
// that only adds newer events inserts them at the top in one batch.
class TraderActivityModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TraderActivityModel)
public:
    enum class Column : int { Time = 0, Kind, Market, Outcome, Shares, Price, Usdc, Fee, ColumnCount };
    static constexpr int kColumnCount = static_cast<int>(Column::ColumnCount);
    enum Role : int { SortRole = Qt::UserRole, ConditionIdRole };

    explicit TraderActivityModel(QObject *parent = nullptr);
    ~TraderActivityModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // `wallet` tells a new trader (reset) from a refresh of the shown one.
    void setActivity(const Wallet &wallet, const ProfileActivities &activity, qint64 total);
    const ProfileActivity &activityAt(int row) const { return m_rows.at(row); }
    qint64 total() const { return m_total; }

private:
    Wallet m_wallet;
    ProfileActivities m_rows;
    qint64 m_total = 0;
};

QString activityKindText(ActivityKind kind);

} // namespace longshot
