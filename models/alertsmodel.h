#pragma once

#include "models/domain/alertengine.h"

#include <QAbstractTableModel>

#include <deque>

namespace longshot {

// Fired alerts, newest on top, capped. Text from the exchanges is returned as plain data; the
// views show it as plain text.
class AlertsModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertsModel)
public:
    enum class Column : int { Time = 0, Rule, Market, Side, Price, Notional, Trader, Reasons, ColumnCount };
    static constexpr int kColumnCount = static_cast<int>(Column::ColumnCount);
    enum Role : int {
        AlertRole = Qt::UserRole, // the whole FiredAlert
        HighlightRole,            // bool: the rule asked for a highlight
        SortRole,
    };
    static constexpr int kDefaultCapacity = 2'000;

    explicit AlertsModel(QObject *parent = nullptr);
    ~AlertsModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Row 0 is the newest alert.
    const FiredAlert &alertAt(int row) const;
    void setCapacity(int capacity);
    int capacity() const { return m_capacity; }

    // Alerts in the order they fired (oldest first); one insertion on top.
    void addAlerts(const QList<FiredAlert> &alerts);
    // Replaces everything (a stored history loaded at start), oldest first.
    void setAlerts(const QList<FiredAlert> &alerts);
    void clear();

    // One line per reason, then each insider flag with its factors.
    static QString explain(const FiredAlert &alert);

private:
    const FiredAlert &entry(int row) const { return m_alerts[m_alerts.size() - 1 - std::size_t(row)]; }
    std::deque<FiredAlert> m_alerts; // oldest first
    int m_capacity = kDefaultCapacity;
};

} // namespace longshot
