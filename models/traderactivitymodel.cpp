#include "models/traderactivitymodel.h"

#include "models/displaystyle.h"
#include "models/moneyformat.h"
#include "models/pnlstyle.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace longshot {
namespace {

using Column = TraderActivityModel::Column;

bool sameEvent(const ProfileActivity &a, const ProfileActivity &b) {
    return a.ms == b.ms && a.kind == b.kind && a.txId == b.txId && a.shares == b.shares && a.usdc == b.usdc;
}

bool isFill(ActivityKind k) {
    return k == ActivityKind::Buy || k == ActivityKind::Sell;
}

// Cash into the wallet is positive, cash out negative.
QVariant cashColor(ActivityKind k) {
    switch (k) {
    case ActivityKind::Sell:
    case ActivityKind::Merge:
    case ActivityKind::Redeem:
    case ActivityKind::Rebate:
    case ActivityKind::Reward:
        return gainColor();
    case ActivityKind::Buy:
    case ActivityKind::Split:
    case ActivityKind::Fee:
        return lossColor();
    case ActivityKind::Convert:
    case ActivityKind::Resolution:
        break;
    }
    return {};
}

} // namespace

QString activityKindText(ActivityKind kind) {
    switch (kind) {
    case ActivityKind::Buy:
        return u"Buy"_s;
    case ActivityKind::Sell:
        return u"Sell"_s;
    case ActivityKind::Split:
        return u"Split"_s;
    case ActivityKind::Merge:
        return u"Merge"_s;
    case ActivityKind::Redeem:
        return u"Redeem"_s;
    case ActivityKind::Convert:
        return u"Convert"_s;
    case ActivityKind::Resolution:
        return u"Resolved"_s;
    case ActivityKind::Fee:
        return u"Fee"_s;
    case ActivityKind::Rebate:
        return u"Rebate"_s;
    case ActivityKind::Reward:
        return u"Reward"_s;
    }
    return {};
}

TraderActivityModel::TraderActivityModel(QObject *parent)
    : QAbstractTableModel(parent) {
    refreshOnStyleChange(this); // prices and side colours follow View > Numbers and Colours
}

TraderActivityModel::~TraderActivityModel() = default;

int TraderActivityModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TraderActivityModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : kColumnCount;
}

void TraderActivityModel::setActivity(const Wallet &wallet, const ProfileActivities &activity, qint64 total) {
    // Newer events only: the old rows reappear unchanged below k new ones.
    const qsizetype added = activity.size() - m_rows.size();
    bool prepend = wallet == m_wallet && added > 0 && total - m_total == added && !m_rows.isEmpty();
    for (qsizetype i = 0; prepend && i < m_rows.size(); ++i)
        prepend = sameEvent(activity.at(added + i), m_rows.at(i));
    m_total = total;
    if (prepend) {
        beginInsertRows({}, 0, int(added) - 1);
        m_rows = activity;
        endInsertRows();
        return;
    }
    if (wallet == m_wallet && activity.size() == m_rows.size()) {
        bool same = true;
        for (qsizetype i = 0; same && i < activity.size(); ++i)
            same = sameEvent(activity.at(i), m_rows.at(i));
        if (same)
            return;
    }
    beginResetModel();
    m_wallet = wallet;
    m_rows = activity;
    endResetModel();
}

QVariant TraderActivityModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ProfileActivity &a = m_rows.at(index.row());
    const auto c = static_cast<Column>(index.column());
    const bool fill = isFill(a.kind);
    switch (role) {
    case Qt::DisplayRole:
        switch (c) {
        case Column::Time:
            return QDateTime::fromMSecsSinceEpoch(a.ms, Qt::UTC).toString(u"yyyy-MM-dd HH:mm"_s);
        case Column::Kind:
            return activityKindText(a.kind);
        case Column::Market:
            return a.marketTitle.isEmpty() ? a.conditionId : a.marketTitle;
        case Column::Outcome:
            return a.outcome;
        case Column::Shares:
            return a.shares.isZero() ? QString() : formatShares(a.shares);
        case Column::Price:
            if (!fill || a.shares.isZero())
                return QString();
            // The USDC that moved per share, fee included: what the trade actually cost.
            if (const auto p = a.usdc.checkedDiv(a.shares))
                return formatPrice(*p);
            return QString();
        case Column::Usdc:
            return a.usdc.isZero() ? QString() : formatUsd(a.usdc);
        case Column::Fee:
            return a.fee.isZero() ? QString() : formatUsd(a.fee, 4);
        case Column::ColumnCount:
            break;
        }
        return {};
    case SortRole:
        switch (c) {
        case Column::Time:
            return a.ms;
        case Column::Kind:
            return int(a.kind);
        case Column::Market: // the text shown, which is the condition id when there is no title
            return (a.marketTitle.isEmpty() ? a.conditionId : a.marketTitle).toCaseFolded();
        case Column::Outcome:
            return a.outcome.toCaseFolded();
        case Column::Shares:
            return a.shares.micros();
        case Column::Price:
            // Rows that show no price sort after every priced fill, as one group.
            if (const auto p = fill ? a.usdc.checkedDiv(a.shares) : std::nullopt)
                return p->micros();
            return qint64(-1);
        case Column::Usdc:
            return a.usdc.micros();
        case Column::Fee:
            return a.fee.micros();
        case Column::ColumnCount:
            break;
        }
        return {};
    case ConditionIdRole:
        return a.conditionId;
    case Qt::ForegroundRole:
        if (c == Column::Kind || c == Column::Usdc)
            return cashColor(a.kind);
        return {};
    case Qt::TextAlignmentRole:
        return c == Column::Shares || c == Column::Price || c == Column::Usdc || c == Column::Fee
                   ? QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (c == Column::Usdc)
            return u"%1 moved (/activity usdcSize, fee included)"_s.arg(formatUsdExact(a.usdc));
        if (c == Column::Price && fill)
            return u"USDC ÷ shares, fee included"_s;
        if (c == Column::Market)
            return QString((a.marketTitle.isEmpty() ? QString() : a.marketTitle + u'\n') + a.conditionId +
                           (a.txId.isEmpty() ? QString() : u"\nTx "_s + a.txId));
        if (c == Column::Time)
            return QDateTime::fromMSecsSinceEpoch(a.ms, Qt::UTC).toString(Qt::ISODateWithMs);
        return {};
    default:
        return {};
    }
}

QVariant TraderActivityModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= kColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    const auto c = static_cast<Column>(section);
    if (role == Qt::TextAlignmentRole)
        return c == Column::Shares || c == Column::Price || c == Column::Usdc || c == Column::Fee
                   ? QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        static const QStringList tips{
            tr("When the exchange recorded the event, in UTC"),
            tr("Trade (buy or sell), split, merge, redeem, conversion or reward, as Polymarket's activity "
               "lists it"),
            tr("The market's title as Polymarket names it"),
            tr("The outcome token the event moved"),
            tr("Outcome tokens moved"),
            tr("Price per token: for trades the USDC paid or received divided by the tokens, which is what "
               "the ledger uses"),
            tr("USDC actually paid or received (usdcSize), exact"),
            tr("The fee the exchange reported for the event, when it reported one")};
        return tips.value(section);
    }
    if (role != Qt::DisplayRole)
        return {};
    static const QStringList names{u"Time (UTC)"_s, u"Type"_s,  u"Market"_s, u"Outcome"_s,
                                   u"Shares"_s,     u"Price"_s, u"USDC"_s,   u"Fee"_s};
    return names.value(section);
}

} // namespace longshot
