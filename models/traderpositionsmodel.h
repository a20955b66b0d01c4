#pragma once

#include "models/domain/traderprofile.h"

#include <QAbstractTableModel>
#include <QList>

namespace longshot {

// One trader's open or closed positions for the profile dock, exact money throughout.
// Open: shares held, average cost, the stored mark, value and unrealized P&L (an unmarked
// position says so rather than showing zero). Closed: how it ended (sold, resolved and held,
// redeemed), the payout and the realized P&L.
class TraderPositionsModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TraderPositionsModel)
public:
    enum class Kind : quint8 { Open = 1, Closed };
    enum class Field : int {
        Market = 0,
        Outcome,
        Status,
        Shares,
        AverageCost,
        Mark,
        Value,
        Unrealized,
        Realized,
        Last
    };
    enum Role : int { SortRole = Qt::UserRole, ConditionIdRole };

    explicit TraderPositionsModel(Kind kind, QObject *parent = nullptr);
    // How a column's figure is computed, for its header tooltip.
    static QString headerToolTip(Field field, bool open);
    ~TraderPositionsModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // A new trader resets; the same positions refreshed update in place.
    void setPositions(const ProfilePositions &positions);
    const ProfilePosition &positionAt(int row) const { return m_rows.at(row); }
    Kind kind() const { return m_kind; }
    int columnOf(Field field) const { return int(m_fields.indexOf(field)); }

private:
    QVariant display(const ProfilePosition &p, Field f) const;
    QVariant sortKey(const ProfilePosition &p, Field f) const;
    QString toolTip(const ProfilePosition &p, Field f) const;

    Kind m_kind;
    QList<Field> m_fields;
    ProfilePositions m_rows;
};

QString positionStatusText(PositionStatus status);

} // namespace longshot
