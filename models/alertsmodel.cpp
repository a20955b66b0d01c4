#include "models/alertsmodel.h"

#include "models/displaystyle.h"
#include "models/moneyformat.h"

#include <QDateTime>
#include <QFont>

using namespace Qt::StringLiterals;

namespace longshot {

AlertsModel::AlertsModel(QObject *parent)
    : QAbstractTableModel(parent) {
    refreshOnStyleChange(this);
}

AlertsModel::~AlertsModel() = default;

int AlertsModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_alerts.size());
}

int AlertsModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : kColumnCount;
}

const FiredAlert &AlertsModel::alertAt(int row) const {
    return entry(row);
}

QString AlertsModel::explain(const FiredAlert &alert) {
    QStringList lines = alert.reasons;
    for (const InsiderSignal &s : alert.flags)
        lines << insiderFlagName(s.flag) + u": "_s + s.factors;
    return lines.join(u'\n');
}

QVariant AlertsModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= kColumnCount)
        return {};
    const FiredAlert &a = entry(index.row());
    const Trade &t = a.trade;
    const auto column = static_cast<Column>(index.column());
    const std::optional<Decimal> notional = t.notional();
    switch (role) {
    case AlertRole:
        return QVariant::fromValue(a);
    case HighlightRole:
        return a.actions.testFlag(AlertAction::Highlight);
    case Qt::FontRole:
        if (a.actions.testFlag(AlertAction::Highlight)) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::ToolTipRole:
        return explain(a);
    case Qt::TextAlignmentRole:
        if (column == Column::Price || column == Column::Notional)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        switch (column) {
        case Column::Time:
            return a.firedMs;
        case Column::Price:
            return t.price.micros();
        case Column::Notional:
            return notional ? notional->micros() : 0;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (column) {
        case Column::Time:
            return QDateTime::fromMSecsSinceEpoch(a.firedMs).toString(u"MMM d HH:mm:ss"_s);
        case Column::Rule:
            return a.ruleName;
        case Column::Market:
            return t.marketTitle.isEmpty() ? t.marketId : t.marketTitle;
        case Column::Side:
            return QString(sideName(t.side) + (t.outcome.isEmpty() ? QString() : u" "_s + t.outcome));
        case Column::Price:
            return formatPrice(t.price);
        case Column::Notional:
            return notional ? formatUsd(*notional, 0) : QString();
        case Column::Trader:
            return t.traderLabel();
        case Column::Reasons:
            return a.reasons.join(u" · "_s);
        case Column::ColumnCount:
            break;
        }
        return {};
    default:
        return {};
    }
}

QVariant AlertsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (static_cast<Column>(section)) {
        case Column::Time:
            return tr("When the rule fired, local clock");
        case Column::Price:
            return tr("Price of the trade: %1").arg(priceUnitDescription());
        case Column::Notional:
            return tr("USD value of the trade: price × size");
        case Column::Reasons:
            return tr("Each filter of the rule the trade passed, then any insider-candidate flags with their "
                      "factors; hover a row for the whole list");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(section)) {
    case Column::Time:
        return tr("Fired");
    case Column::Rule:
        return tr("Rule");
    case Column::Market:
        return tr("Market");
    case Column::Side:
        return tr("Side");
    case Column::Price:
        return tr("Price");
    case Column::Notional:
        return tr("Value");
    case Column::Trader:
        return tr("Trader");
    case Column::Reasons:
        return tr("Why");
    case Column::ColumnCount:
        break;
    }
    return {};
}

void AlertsModel::setCapacity(int capacity) {
    m_capacity = qMax(1, capacity);
    const int excess = int(m_alerts.size()) - m_capacity;
    if (excess <= 0)
        return;
    // The oldest are the bottom rows.
    beginRemoveRows({}, rowCount() - excess, rowCount() - 1);
    m_alerts.erase(m_alerts.begin(), m_alerts.begin() + excess);
    endRemoveRows();
}

void AlertsModel::addAlerts(const QList<FiredAlert> &alerts) {
    if (alerts.isEmpty())
        return;
    const int incoming = int(qMin<qsizetype>(alerts.size(), m_capacity));
    const int excess = int(m_alerts.size()) + incoming - m_capacity;
    if (excess > 0) {
        beginRemoveRows({}, rowCount() - excess, rowCount() - 1);
        m_alerts.erase(m_alerts.begin(), m_alerts.begin() + excess);
        endRemoveRows();
    }
    beginInsertRows({}, 0, incoming - 1);
    for (qsizetype i = alerts.size() - incoming; i < alerts.size(); ++i)
        m_alerts.push_back(alerts[i]);
    endInsertRows();
}

void AlertsModel::setAlerts(const QList<FiredAlert> &alerts) {
    beginResetModel();
    m_alerts.clear();
    const qsizetype first = qMax<qsizetype>(0, alerts.size() - m_capacity);
    for (qsizetype i = first; i < alerts.size(); ++i)
        m_alerts.push_back(alerts[i]);
    endResetModel();
}

void AlertsModel::clear() {
    if (m_alerts.empty())
        return;
    beginResetModel();
    m_alerts.clear();
    endResetModel();
}

} // namespace longshot
