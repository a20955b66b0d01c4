#pragma once

#include "models/domain/orderbook.h"

#include <QAbstractTableModel>

#include <vector>

namespace longshot {

// A depth ladder for one book: asks on top (worst to best, so the best ask sits just above
// the spread), then bids (best to worst). A new book costs one dataChanged over the rows
// that really changed when the set of price levels is the same, and a reset otherwise, so
// a view repainting at its own pace never sees per-level signals.
class OrderBookModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderBookModel)
public:
    enum class Column : int { Price = 0, Size, Total, ColumnCount };
    Q_ENUM(Column)
    static constexpr int kColumnCount = static_cast<int>(Column::ColumnCount);
    static constexpr int column(Column c) { return static_cast<int>(c); }

    enum Role : int {
        SideRole = Qt::UserRole, // int, static_cast of longshot::BookSide
        PriceMicrosRole,         // qint64
        SizeMicrosRole,          // qint64
        TotalMicrosRole,         // qint64, size from the touch to this level inclusive
        BarFractionRole,         // double 0..1: this row's total over the deepest total of both sides
        BestRole,                // bool: the best bid or the best ask
    };
    Q_ENUM(Role)

    static constexpr int kDefaultLevels = 12;

    explicit OrderBookModel(QObject *parent = nullptr);
    ~OrderBookModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Levels shown per side (at least 1); resets the model.
    void setMaxLevels(int levels);
    int maxLevels() const { return m_maxLevels; }

    // Row of the best ask (the last ask row) and of the best bid, or -1 when that side is empty.
    int bestAskRow() const;
    int bestBidRow() const;
    int askCount() const { return m_askCount; }

    // Each row as shown: side, price, size and cumulative total.
    struct Row {
        BookSide side = BookSide::Bid;
        Decimal price;
        Decimal size;
        Decimal total;
        friend bool operator==(const Row &, const Row &) = default;
    };
    const Row &rowAt(int row) const { return m_rows[std::size_t(row)]; }

    // How the last setBook reached the view, for tests and the benchmark.
    struct UpdateStats {
        qint64 resets = 0;
        qint64 dataChangedSignals = 0;
        qint64 unchanged = 0;
    };
    const UpdateStats &stats() const { return m_stats; }

public Q_SLOTS:
    void setBook(const longshot::OrderBook &book);
    void clear();

private:
    std::vector<Row> buildRows(const OrderBook &book, int *askCount) const;
    static qint64 deepestTotal(const std::vector<Row> &rows);

    std::vector<Row> m_rows;
    int m_askCount = 0;
    qint64 m_deepestMicros = 0;
    int m_maxLevels = kDefaultLevels;
    UpdateStats m_stats;
};

} // namespace longshot
