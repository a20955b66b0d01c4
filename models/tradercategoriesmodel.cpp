#include "models/tradercategoriesmodel.h"

#include "models/displaystyle.h"
#include "models/moneyformat.h"
#include "models/pnlstyle.h"

using namespace Qt::StringLiterals;

namespace longshot {
namespace {

using Column = TraderCategoriesModel::Column;

std::optional<double> winRate(const CategoryStats &c) {
    const int decided = c.wins + c.losses;
    if (decided == 0)
        return std::nullopt;
    return static_cast<double>(c.wins) / decided;
}

} // namespace

TraderCategoriesModel::TraderCategoriesModel(QObject *parent)
    : QAbstractTableModel(parent) {
    refreshOnStyleChange(this); // P&L colours follow the scheme
}

TraderCategoriesModel::~TraderCategoriesModel() = default;

int TraderCategoriesModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TraderCategoriesModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : kColumnCount;
}

void TraderCategoriesModel::setCategories(const QList<CategoryStats> &categories) {
    beginResetModel();
    m_rows = categories;
    m_totalVolume = Decimal();
    for (const CategoryStats &c : categories)
        m_totalVolume = m_totalVolume.checkedAdd(c.volume).value_or(m_totalVolume);
    endResetModel();
}

QVariant TraderCategoriesModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CategoryStats &s = m_rows.at(index.row());
    const auto c = static_cast<Column>(index.column());
    const double share = m_totalVolume.isZero()
                             ? 0.0
                             : static_cast<double>(s.volume.micros()) / double(m_totalVolume.micros());
    switch (role) {
    case Qt::DisplayRole:
        switch (c) {
        case Column::Category:
            return s.category;
        case Column::Markets:
            return s.markets;
        case Column::Volume:
            return formatUsd(s.volume, 0);
        case Column::Share:
            return formatPercent(share, 0);
        case Column::Realized:
            return formatPnl(s.realizedPreFee);
        case Column::Decided:
            return u"%1–%2"_s.arg(s.wins).arg(s.losses);
        case Column::WinRate:
            return winRate(s) ? formatPercent(*winRate(s), 0) : u"—"_s;
        case Column::ColumnCount:
            break;
        }
        return {};
    case SortRole:
        switch (c) {
        case Column::Category:
            return s.category.toCaseFolded();
        case Column::Markets:
            return s.markets;
        case Column::Volume:
        case Column::Share:
            return s.volume.micros();
        case Column::Realized:
            return s.realizedPreFee.micros();
        case Column::Decided:
            return s.wins + s.losses;
        case Column::WinRate:
            return winRate(s).value_or(-1.0);
        case Column::ColumnCount:
            break;
        }
        return {};
    case Qt::ForegroundRole:
        return c == Column::Realized ? pnlForeground(s.realizedPreFee) : QVariant();
    case Qt::TextAlignmentRole:
        return c == Column::Category ? QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter)
                                     : QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (c == Column::Realized)
            return u"%1 realized before fees in this category's markets"_s.arg(
                formatUsdExact(s.realizedPreFee));
        if (c == Column::Volume || c == Column::Share)
            return u"%1 of buys and sells, %2 of the trader's volume"_s.arg(formatUsdExact(s.volume),
                                                                            formatPercent(share, 1));
        if (c == Column::WinRate || c == Column::Decided)
            return u"Won %1, lost %2 of the resolved markets in this category"_s.arg(s.wins).arg(s.losses);
        return {};
    default:
        return {};
    }
}

QVariant TraderCategoriesModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= kColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::TextAlignmentRole)
        return section == 0 ? QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter)
                            : QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        static const QStringList tips{
            tr("The market category gamma gives (Uncategorized when it gives none)"),
            tr("Distinct markets traded in this category"),
            tr("USD traded in this category: the USDC of every buy and sell"),
            tr("This category's part of the trader's whole volume"),
            tr("Realized profit or loss in this category, before fees"),
            tr("Resolved markets in this category won and lost: won when the market's realized P&L before "
               "fees is positive, lost when it is negative"),
            tr("Wins ÷ (wins + losses) in this category")};
        return tips.value(section);
    }
    if (role != Qt::DisplayRole)
        return {};
    static const QStringList names{u"Category"_s, u"Markets"_s, u"Volume"_s,  u"Share"_s,
                                   u"Realized"_s, u"W–L"_s,     u"Win rate"_s};
    return names.value(section);
}

} // namespace longshot
