#include "models/traderpositionsmodel.h"

#include "models/displaystyle.h"
#include "models/moneyformat.h"
#include "models/pnlstyle.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace longshot {
namespace {

using Field = TraderPositionsModel::Field;

constexpr qint64 kMissing = std::numeric_limits<qint64>::min();

qint64 micros(const std::optional<Decimal> &d) {
    return d ? d->micros() : kMissing;
}

bool samePosition(const ProfilePosition &a, const ProfilePosition &b) {
    return a.shares == b.shares && a.mark == b.mark && a.realizedPnl == b.realizedPnl &&
           a.unrealized == b.unrealized && a.status == b.status && a.averagePrice == b.averagePrice &&
           a.marketTitle == b.marketTitle && a.lastEventMs == b.lastEventMs;
}

} // namespace

QString positionStatusText(PositionStatus status) {
    switch (status) {
    case PositionStatus::Open:
        return u"Open"_s;
    case PositionStatus::Closed:
        return u"Sold"_s;
    case PositionStatus::ResolvedUnredeemed:
        return u"Resolved, held"_s;
    case PositionStatus::Redeemed:
        return u"Redeemed"_s;
    }
    return {};
}

TraderPositionsModel::TraderPositionsModel(Kind kind, QObject *parent)
    : QAbstractTableModel(parent)
    , m_kind(kind) {
    refreshOnStyleChange(this); // prices and P&L colours follow View > Numbers and Colours
    if (kind == Kind::Open)
        m_fields = {Field::Market, Field::Outcome, Field::Shares,    Field::AverageCost,
                    Field::Mark,   Field::Value,   Field::Unrealized};
    else
        m_fields = {Field::Market,      Field::Outcome, Field::Status,   Field::Shares,
                    Field::AverageCost, Field::Mark,    Field::Realized, Field::Last};
}

TraderPositionsModel::~TraderPositionsModel() = default;

int TraderPositionsModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TraderPositionsModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_fields.size());
}

void TraderPositionsModel::setPositions(const ProfilePositions &positions) {
    bool sameKeys = positions.size() == m_rows.size() && !positions.isEmpty();
    for (qsizetype i = 0; sameKeys && i < positions.size(); ++i)
        sameKeys = positions.at(i).assetId == m_rows.at(i).assetId;
    if (!sameKeys) {
        beginResetModel();
        m_rows = positions;
        endResetModel();
        return;
    }
    int first = -1, last = -1;
    for (int i = 0; i < positions.size(); ++i) {
        if (samePosition(positions.at(i), m_rows.at(i)))
            continue;
        first = first < 0 ? i : first;
        last = i;
    }
    m_rows = positions;
    if (first >= 0)
        Q_EMIT dataChanged(index(first, 0), index(last, columnCount() - 1));
}

QVariant TraderPositionsModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ProfilePosition &p = m_rows.at(index.row());
    const Field f = m_fields.at(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return display(p, f);
    case SortRole:
        return sortKey(p, f);
    case ConditionIdRole:
        return p.conditionId;
    case Qt::ToolTipRole:
        return toolTip(p, f);
    case Qt::TextAlignmentRole:
        return f == Field::Market || f == Field::Outcome || f == Field::Status
                   ? QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter)
                   : QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (f == Field::Unrealized && p.unrealized)
            return pnlForeground(*p.unrealized);
        if (f == Field::Realized)
            return pnlForeground(p.realizedPnl);
        // Unknown only on an open position; a closed one sold before resolution has no payout.
        if (m_kind == Kind::Open && (f == Field::Mark || f == Field::Value || f == Field::Unrealized) &&
            !p.mark)
            return cautionColor();
        return {};
    default:
        return {};
    }
}

QVariant TraderPositionsModel::display(const ProfilePosition &p, Field f) const {
    switch (f) {
    case Field::Market:
        return p.marketTitle.isEmpty() ? p.conditionId : p.marketTitle;
    case Field::Outcome:
        return p.outcome.isEmpty() ? u"—"_s : p.outcome;
    case Field::Status:
        return positionStatusText(p.status);
    case Field::Shares:
        return formatShares(m_kind == Kind::Open ? p.shares : p.boughtShares);
    case Field::AverageCost:
        return p.averagePrice ? formatPrice(*p.averagePrice) : u"—"_s;
    case Field::Mark:
        if (!p.mark)
            return m_kind == Kind::Open ? u"no mark"_s : u"—"_s;
        return formatPrice(*p.mark);
    case Field::Value:
        return p.value ? formatUsd(*p.value) : u"no mark"_s;
    case Field::Unrealized:
        return p.unrealized ? formatPnl(*p.unrealized) : u"no mark"_s;
    case Field::Realized:
        return formatPnl(p.realizedPnl);
    case Field::Last:
        return p.lastEventMs > 0
                   ? QDateTime::fromMSecsSinceEpoch(p.lastEventMs, Qt::UTC).toString(u"yyyy-MM-dd"_s)
                   : QString();
    }
    return {};
}

QVariant TraderPositionsModel::sortKey(const ProfilePosition &p, Field f) const {
    switch (f) {
    case Field::Market:
        return p.marketTitle.toCaseFolded();
    case Field::Outcome:
        return p.outcome.toCaseFolded();
    case Field::Status:
        return int(p.status);
    case Field::Shares:
        return (m_kind == Kind::Open ? p.shares : p.boughtShares).micros();
    case Field::AverageCost:
        return micros(p.averagePrice);
    case Field::Mark:
        return micros(p.mark);
    case Field::Value:
        return micros(p.value);
    case Field::Unrealized:
        return micros(p.unrealized);
    case Field::Realized:
        return p.realizedPnl.micros();
    case Field::Last:
        return p.lastEventMs;
    }
    return {};
}

QString TraderPositionsModel::toolTip(const ProfilePosition &p, Field f) const {
    switch (f) {
    case Field::Market:
        return (p.marketTitle.isEmpty() ? QString() : p.marketTitle + u'\n') + u"Condition "_s +
               p.conditionId + (p.category.isEmpty() ? QString() : u"\nCategory: "_s + p.category);
    case Field::Shares:
        return m_kind == Kind::Open ? u"%1 shares held (tracked by the ledger)"_s.arg(p.shares.toString())
                                    : u"%1 shares bought for %2; %3 sold for %4"_s.arg(
                                          p.boughtShares.toString(), formatUsdExact(p.boughtCost),
                                          p.soldShares.toString(), formatUsdExact(p.soldProceeds));
    case Field::AverageCost:
        return m_kind == Kind::Open
                   ? u"Average cost per share: cost basis %1 ÷ shares held, before fees"_s.arg(
                         formatUsdExact(p.costBasis))
                   : u"Average buy price: %1 paid ÷ %2 shares bought, before fees"_s.arg(
                         formatUsdExact(p.boughtCost), p.boughtShares.toString());
    case Field::Mark:
        if (m_kind == Kind::Closed)
            return p.mark ? u"Paid out %1 per share at resolution"_s.arg(p.mark->toString())
                          : u"Sold before resolution"_s;
        return p.mark
                   ? u"Stored midpoint %1 (gamma's outcome price at the last sync)"_s.arg(p.mark->toString())
                   : u"No stored mark for this outcome: value and unrealized P&L are unknown, not zero"_s;
    case Field::Value:
        return p.value ? u"Shares × mark = %1"_s.arg(formatUsdExact(*p.value)) : u"Unknown without a mark"_s;
    case Field::Unrealized:
        return p.unrealized ? u"Value − cost basis %1 = %2"_s.arg(formatUsdExact(p.costBasis),
                                                                  formatUsdExact(*p.unrealized))
                            : u"Unknown without a mark"_s;
    case Field::Realized:
        return u"Realized P&L %1 before fees (fees paid on this outcome: %2)"_s.arg(
            formatUsdExact(p.realizedPnl), formatUsdExact(p.fees));
    case Field::Status:
        return p.status == PositionStatus::ResolvedUnredeemed
                   ? u"Resolved and not redeemed: realized at the payout all the same (losers are rarely redeemed)"_s
                   : QString();
    case Field::Outcome:
    case Field::Last:
        break;
    }
    return {};
}

QString TraderPositionsModel::headerToolTip(Field f, bool open) {
    switch (f) {
    case Field::Market:
        return tr("The market's title as Polymarket names it");
    case Field::Outcome:
        return tr("The outcome token held");
    case Field::Status:
        return tr("Open, resolved (paid out at the payout price) or sold before resolution");
    case Field::Shares:
        return open ? tr("Outcome tokens held now, from the ledger of every buy, sell, split, merge and "
                         "redeem")
                    : tr("Outcome tokens bought over the position's life");
    case Field::AverageCost:
        return open ? tr("Average cost per token: USDC actually paid divided by tokens held (Polymarket's "
                         "average-cost method; sells do not change it)")
                    : tr("Average price paid per token bought");
    case Field::Mark:
        return open ? tr("The price the open tokens are valued at (midpoint, else last trade; the profile "
                         "header says when it was taken)")
                    : tr("What each token paid at resolution (1, 0, or 0.5 on a 50/50 market)");
    case Field::Value:
        return tr("Shares × mark");
    case Field::Unrealized:
        return tr("(Mark − average cost) × shares: what selling at the mark would realize, before fees");
    case Field::Realized:
        return tr("Profit or loss already locked in by sells, merges, redeems and resolution, before fees");
    case Field::Last:
        return tr("The time of the position's latest activity (UTC)");
    }
    return {};
}

QVariant TraderPositionsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= m_fields.size())
        return QAbstractTableModel::headerData(section, orientation, role);
    const Field f = m_fields.at(section);
    if (role == Qt::TextAlignmentRole)
        return f == Field::Market || f == Field::Outcome || f == Field::Status
                   ? QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter)
                   : QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    const bool open = m_kind == Kind::Open;
    if (role == Qt::ToolTipRole)
        return headerToolTip(f, open);
    if (role != Qt::DisplayRole)
        return {};
    switch (f) {
    case Field::Market:
        return u"Market"_s;
    case Field::Outcome:
        return u"Outcome"_s;
    case Field::Status:
        return u"Status"_s;
    case Field::Shares:
        return open ? u"Shares"_s : u"Bought"_s;
    case Field::AverageCost:
        return open ? u"Avg cost"_s : u"Avg buy"_s;
    case Field::Mark:
        return open ? u"Mark"_s : u"Payout"_s;
    case Field::Value:
        return u"Value"_s;
    case Field::Unrealized:
        return u"Unrealized"_s;
    case Field::Realized:
        return u"Realized"_s;
    case Field::Last:
        return u"Last"_s;
    }
    return {};
}

} // namespace longshot
