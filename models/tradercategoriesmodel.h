#pragma once

#include "models/domain/metrics.h"

#include <QAbstractTableModel>

namespace longshot {

// Where a trader's volume and realized P&L came from, by market category, largest first.
class TraderCategoriesModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TraderCategoriesModel)
public:
    enum class Column : int { Category = 0, Markets, Volume, Share, Realized, Decided, WinRate, ColumnCount };
    static constexpr int kColumnCount = static_cast<int>(Column::ColumnCount);
    enum Role : int { SortRole = Qt::UserRole };

    explicit TraderCategoriesModel(QObject *parent = nullptr);
    ~TraderCategoriesModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setCategories(const QList<CategoryStats> &categories);
    const CategoryStats &categoryAt(int row) const { return m_rows.at(row); }

private:
    QList<CategoryStats> m_rows;
    Decimal m_totalVolume;
};

} // namespace longshot
