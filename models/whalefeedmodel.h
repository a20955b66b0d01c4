#pragma once

#include "models/domain/trade.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QSet>

#include <deque>

namespace longshot {

// The live whale tape: newest trade on top, a capped in-memory window (older rows stay on
// disk). Batches arrive by queued signal and each one costs at most one row removal and one
// row insertion, so the view and any proxy stay cheap at feed rates.
//
// Storage is append-only (oldest at the front, newest at the back); "newest first" is only a
// row mapping in data(). Strings are formatted lazily in data(), never in appendBatch().
class WhaleFeedModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WhaleFeedModel)
public:
    // Scoped so that Column::Side and Column::Venue do not shadow the domain types.
    enum class Column : int {
        Time = 0,
        Venue,
        Market,
        Outcome,
        Side,
        Price,
        Size,
        Notional,
        Trader,
        Tx,
        ColumnCount
    };
    Q_ENUM(Column)
    static constexpr int kColumnCount = static_cast<int>(Column::ColumnCount);
    static constexpr int column(Column c) { return static_cast<int>(c); }

    enum Role : int {
        TradeRole = Qt::UserRole, // the whole longshot::Trade
        NotionalMicrosRole,       // qint64; price x size in micro-dollars (INT64_MAX on overflow)
        WalletRole,               // QString, lowercase 0x address; empty for Kalshi
        TxRole,                   // QString, full transaction hash / Kalshi trade id
        MarketIdRole,             // QString, conditionId or Kalshi ticker
        VenueRole,                // int, static_cast of longshot::Venue
        SideRole,                 // int, static_cast of longshot::Side
        ArrivalMsRole,            // qint64, local clock when the batch reached the model
        SortRole,                 // raw sortable value of the column (micros, ms, text)
    };
    Q_ENUM(Role)

    static constexpr int kDefaultCapacity = 5'000;

    explicit WhaleFeedModel(QObject *parent = nullptr);
    ~WhaleFeedModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    int capacity() const { return m_capacity; }
    // Trims the oldest rows at once when the window shrinks; capacity is at least 1.
    void setCapacity(int capacity);

    // Row 0 is the newest trade. `row` must be in [0, rowCount()).
    const Trade &tradeAt(int row) const;
    qint64 notionalMicrosAt(int row) const;
    qint64 arrivalMsAt(int row) const;

    // Buy / sell text colours chosen to stay readable on light and dark bases.
    static QColor sideColor(Side side);

public Q_SLOTS:
    // Inserts the batch's new trades on top with one beginInsertRows, after one
    // beginRemoveRows for the oldest rows the window no longer holds.
    void appendBatch(const longshot::TradeBatch &batch);
    void clear();

private:
    struct Entry {
        Trade trade;
        QString key;
        qint64 notionalMicros = 0;
        qint64 arrivalMs = 0;
    };

    const Entry &entryAt(int row) const { return m_entries[m_entries.size() - 1 - std::size_t(row)]; }
    void trimOldest(int count);
    QVariant displayData(const Entry &e, int column) const;
    QVariant toolTipData(const Entry &e, int column) const;
    QVariant sortData(const Entry &e, int column) const;

    std::deque<Entry> m_entries; // oldest first
    QSet<QString> m_keys;        // natural keys of the window, to drop the second copy of a fill
    int m_capacity = kDefaultCapacity;
};

} // namespace longshot
