#include "models/orderbookmodel.h"

#include "models/displaystyle.h"
#include "models/moneyformat.h"

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace longshot {

OrderBookModel::OrderBookModel(QObject *parent)
    : QAbstractTableModel(parent) {
    // Prices follow View > Numbers and Colours (cents or probability), and so do the colours.
    refreshOnStyleChange(this);
}

OrderBookModel::~OrderBookModel() = default;

int OrderBookModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int OrderBookModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : kColumnCount;
}

int OrderBookModel::bestAskRow() const {
    return m_askCount > 0 ? m_askCount - 1 : -1;
}

int OrderBookModel::bestBidRow() const {
    return int(m_rows.size()) > m_askCount ? m_askCount : -1;
}

QVariant OrderBookModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (static_cast<Column>(index.column())) {
        case Column::Price:
            // A tenth of a cent (or point) shows the 0.001 tick: "62.0¢" or "62.0%".
            return formatPrice(r.price);
        case Column::Size:
            return formatSharesFixed(r.size);
        case Column::Total:
            return formatSharesFixed(r.total);
        case Column::ColumnCount:
            break;
        }
        return {};
    case Qt::ForegroundRole:
        // The price says which side it is on: bids in the buy colour, asks in the sell colour.
        if (static_cast<Column>(index.column()) == Column::Price)
            return r.side == BookSide::Bid ? buyColor() : sellColor();
        return {};
    case Qt::ToolTipRole:
        switch (static_cast<Column>(index.column())) {
        case Column::Price:
            return (r.side == BookSide::Bid ? tr("Bid at %1 (%2)") : tr("Ask at %1 (%2)"))
                .arg(formatPrice(r.price), priceUnitDescription());
        case Column::Size:
            return tr("%1 shares resting at this price").arg(formatSharesFixed(r.size));
        case Column::Total:
            return tr("%1 shares from the best %2 down to this level, inclusive (the bar's length)")
                .arg(formatSharesFixed(r.total), r.side == BookSide::Bid ? tr("bid") : tr("ask"));
        case Column::ColumnCount:
            break;
        }
        return {};
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    case SideRole:
        return static_cast<int>(r.side);
    case PriceMicrosRole:
        return r.price.micros();
    case SizeMicrosRole:
        return r.size.micros();
    case TotalMicrosRole:
        return r.total.micros();
    case BarFractionRole:
        return m_deepestMicros > 0 ? double(r.total.micros()) / double(m_deepestMicros) : 0.0;
    case BestRole:
        return index.row() == bestAskRow() || index.row() == bestBidRow();
    default:
        return {};
    }
}

QVariant OrderBookModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (static_cast<Column>(section)) {
        case Column::Price:
            return tr("Price of the level: %1. Asks (offers to sell) above the spread, bids below.")
                .arg(priceUnitDescription());
        case Column::Size:
            return tr("Shares resting at this price on the order book");
        case Column::Total:
            return tr("Cumulative shares from the touch (best bid or ask) to this level; the depth bar "
                      "is this total over the deepest total of either side");
        case Column::ColumnCount:
            break;
        }
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(section)) {
    case Column::Price:
        return tr("Price");
    case Column::Size:
        return tr("Shares");
    case Column::Total:
        return tr("Total");
    case Column::ColumnCount:
        break;
    }
    return {};
}

void OrderBookModel::setMaxLevels(int levels) {
    levels = std::max(1, levels);
    if (levels == m_maxLevels)
        return;
    beginResetModel();
    m_maxLevels = levels;
    m_rows.clear();
    m_askCount = 0;
    m_deepestMicros = 0;
    endResetModel();
}

std::vector<OrderBookModel::Row> OrderBookModel::buildRows(const OrderBook &book, int *askCount) const {
    const QList<PriceLevel> asks = book.depth(BookSide::Ask, m_maxLevels);
    const QList<PriceLevel> bids = book.depth(BookSide::Bid, m_maxLevels);
    std::vector<Row> rows(std::size_t(asks.size() + bids.size()));
    // Totals saturate rather than fail: a display total past 9e12 shares is not a real book.
    const auto add = [](Decimal a, Decimal b) {
        return a.checkedAdd(b).value_or(Decimal::fromMicros(std::numeric_limits<qint64>::max()));
    };
    Decimal total;
    for (qsizetype i = 0; i < asks.size(); ++i) {
        total = add(total, asks[i].size);
        rows[std::size_t(asks.size() - 1 - i)] = Row{BookSide::Ask, asks[i].price, asks[i].size, total};
    }
    total = Decimal();
    for (qsizetype i = 0; i < bids.size(); ++i) {
        total = add(total, bids[i].size);
        rows[std::size_t(asks.size() + i)] = Row{BookSide::Bid, bids[i].price, bids[i].size, total};
    }
    *askCount = int(asks.size());
    return rows;
}

qint64 OrderBookModel::deepestTotal(const std::vector<Row> &rows) {
    qint64 deepest = 0;
    for (const Row &r : rows)
        deepest = std::max(deepest, r.total.micros());
    return deepest;
}

void OrderBookModel::setBook(const OrderBook &book) {
    int askCount = 0;
    std::vector<Row> rows = buildRows(book, &askCount);
    const qint64 deepest = deepestTotal(rows);
    const bool sameLevels =
        rows.size() == m_rows.size() && askCount == m_askCount &&
        std::equal(rows.cbegin(), rows.cend(), m_rows.cbegin(),
                   [](const Row &a, const Row &b) { return a.side == b.side && a.price == b.price; });
    if (!sameLevels) {
        beginResetModel();
        m_rows = std::move(rows);
        m_askCount = askCount;
        m_deepestMicros = deepest;
        endResetModel();
        ++m_stats.resets;
        return;
    }
    int first = -1;
    int last = -1;
    if (deepest != m_deepestMicros && !rows.empty()) {
        // Every bar is scaled by the deepest total, so all of them moved.
        first = 0;
        last = int(rows.size()) - 1;
    } else {
        for (int i = 0; i < int(rows.size()); ++i) {
            if (rows[std::size_t(i)] == m_rows[std::size_t(i)])
                continue;
            if (first < 0)
                first = i;
            last = i;
        }
    }
    m_rows = std::move(rows);
    m_deepestMicros = deepest;
    if (first < 0) {
        ++m_stats.unchanged;
        return;
    }
    ++m_stats.dataChangedSignals;
    Q_EMIT dataChanged(index(first, 0), index(last, kColumnCount - 1),
                       {Qt::DisplayRole, Qt::ToolTipRole, SizeMicrosRole, TotalMicrosRole, BarFractionRole});
}

void OrderBookModel::clear() {
    if (m_rows.empty())
        return;
    beginResetModel();
    m_rows.clear();
    m_askCount = 0;
    m_deepestMicros = 0;
    endResetModel();
    ++m_stats.resets;
}

} // namespace longshot
