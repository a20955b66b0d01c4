#include "models/tableexport.h"

#include "models/domain/decimal.h"
#include "models/whalefeedmodel.h"

#include <QAbstractItemModel>
#include <QDateTime>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace longshot {

namespace {

ExportCell number(QString text) {
    return {std::move(text), true};
}
ExportCell text(QString text) {
    return {std::move(text), false};
}

QString isoUtc(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

// The trade behind a row of a trade table, or an invalid variant when the model is not one.
QVariant tradeAt(const QAbstractItemModel &model, const QModelIndex &index) {
    if (model.columnCount(index.parent()) != WhaleFeedModel::kColumnCount)
        return {};
    return index.data(WhaleFeedModel::TradeRole);
}

// The row of `cell` as a raw trade row, or nullopt when the model is not a trade table. The
// trade is moved out of the model's variant rather than copied a second time.
std::optional<ExportTradeRow> captureTrade(const QModelIndex &cell, bool withNotional) {
    QVariant value = tradeAt(*cell.model(), cell);
    if (value.metaType() != QMetaType::fromType<Trade>())
        return std::nullopt;
    ExportTradeRow row{std::move(*static_cast<Trade *>(value.data())), std::nullopt};
    if (withNotional) {
        const QVariant micros = cell.siblingAtColumn(int(WhaleFeedModel::Column::Notional))
                                    .data(WhaleFeedModel::NotionalMicrosRole);
        if (micros.isValid())
            row.notionalMicros = micros.toLongLong();
    }
    return row;
}

bool exportsNotional(const QList<int> &columns) {
    return columns.contains(int(WhaleFeedModel::Column::Notional));
}

ExportCell tradeCell(const ExportTradeRow &row, int column) {
    using Column = WhaleFeedModel::Column;
    const Trade &trade = row.trade;
    switch (static_cast<Column>(column)) {
    case Column::Time:
        return number(isoUtc(trade.timestampMs));
    case Column::Venue:
        return text(venueName(trade.venue));
    case Column::Market:
        return text(trade.marketTitle.isEmpty() ? trade.marketId : trade.marketTitle);
    case Column::Outcome:
        return text(trade.outcome);
    case Column::Side:
        return text(sideName(trade.side));
    case Column::Price:
        return number(trade.price.toString());
    case Column::Size:
        return number(trade.size.toString());
    case Column::Notional: {
        // The model's figure where it has one (it is what the table shows and sorts by).
        if (row.notionalMicros && *row.notionalMicros != std::numeric_limits<qint64>::max())
            return number(Decimal::fromMicros(*row.notionalMicros).toString());
        const std::optional<Decimal> notional = trade.notional();
        return notional ? number(notional->toString()) : ExportCell{};
    }
    case Column::Trader:
        return text(trade.traderLabel());
    case Column::Tx:
        return text(trade.txId.text());
    case Column::ColumnCount:
        break;
    }
    return {};
}

ExportCell plainCell(const QModelIndex &index) {
    const QVariant edit = index.data(Qt::EditRole);
    switch (edit.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Long:
    case QMetaType::ULong:
        return number(edit.toString());
    case QMetaType::Double:
    case QMetaType::Float:
        return number(QString::number(edit.toDouble(), 'g', 17));
    case QMetaType::QDateTime:
        return number(edit.toDateTime().toUTC().toString(Qt::ISODateWithMs));
    default:
        break;
    }
    if (edit.metaType() == QMetaType::fromType<Decimal>())
        return number(static_cast<const Decimal *>(edit.constData())->toString());
    return text(index.data(Qt::DisplayRole).toString());
}

ExportRow plainRow(const QAbstractItemModel &model, int row, const QList<int> &columns) {
    ExportRow cells;
    cells.reserve(columns.size());
    for (const int c : columns)
        cells.append(plainCell(model.index(row, c)));
    return cells;
}

} // namespace

ExportCell exportCell(const QModelIndex &index) {
    if (!index.isValid())
        return {};
    const int column = index.column();
    if (const auto row = captureTrade(index, column == int(WhaleFeedModel::Column::Notional)))
        return tradeCell(*row, column);
    return plainCell(index);
}

ExportRow exportRow(const QAbstractItemModel &model, int row, const QList<int> &columns) {
    if (columns.isEmpty())
        return {};
    if (const auto trade = captureTrade(model.index(row, columns.front()), exportsNotional(columns)))
        return exportRow(*trade, columns);
    return plainRow(model, row, columns);
}

ExportRow exportRow(const ExportTradeRow &row, const QList<int> &columns) {
    ExportRow cells;
    cells.reserve(columns.size());
    for (const int c : columns)
        cells.append(tradeCell(row, c));
    return cells;
}

ExportRow ExportChunk::row(qsizetype i) const {
    return i < rows.size() ? rows.at(i) : exportRow(trades.at(i - rows.size()), columns);
}

QStringList exportHeader(const QAbstractItemModel &model, const QList<int> &columns) {
    QStringList names;
    names.reserve(columns.size());
    for (const int c : columns)
        names << model.headerData(c, Qt::Horizontal, Qt::DisplayRole).toString();
    return names;
}

TableSnapshotter::TableSnapshotter(const QAbstractItemModel *model, QList<int> columns, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_columns(std::move(columns))
    , m_timer(new QTimer(this)) {
    m_timer->setInterval(0);
    connect(m_timer, &QTimer::timeout, this, &TableSnapshotter::tick);
    if (!m_model)
        return;
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &TableSnapshotter::onRowsInserted);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &TableSnapshotter::onRowsRemoved);
    const auto invalidated = [this] {
        fail(tr("The table was reset or re-sorted during the export; export again."));
    };
    connect(m_model, &QAbstractItemModel::modelReset, this, invalidated);
    connect(m_model, &QAbstractItemModel::layoutChanged, this, invalidated);
    connect(m_model, &QAbstractItemModel::rowsMoved, this, invalidated);
    connect(m_model, &QObject::destroyed, this,
            [this] { fail(tr("The table was closed during the export.")); });
    m_end = m_model->rowCount();
}

TableSnapshotter::~TableSnapshotter() = default;

QStringList TableSnapshotter::header() const {
    return m_model ? exportHeader(*m_model, m_columns) : QStringList{};
}

bool TableSnapshotter::isRunning() const {
    return m_started && !m_done;
}

void TableSnapshotter::start() {
    if (m_done || m_started)
        return;
    if (!m_model) {
        fail(tr("There is no table to export."));
        return;
    }
    m_started = true;
    m_timer->start();
}

void TableSnapshotter::cancel() {
    m_timer->stop();
    m_done = true;
}

void TableSnapshotter::acknowledge(qint64 rows) {
    m_acknowledged = rows;
    if (isRunning() && !m_timer->isActive() && !behind())
        m_timer->start();
}

bool TableSnapshotter::behind() const {
    return m_acknowledged >= 0 && m_captured - m_acknowledged > m_maxInFlight;
}

void TableSnapshotter::fail(const QString &reason) {
    if (m_done)
        return;
    m_timer->stop();
    m_done = true;
    Q_EMIT failed(reason);
}

void TableSnapshotter::tick() {
    if (m_done || !m_model)
        return;
    if (behind()) {
        // The writer is behind: wait for its acknowledge() with the timer off, rather than
        // piling rows up in memory or spinning the GUI thread on a zero timer.
        m_timer->stop();
        return;
    }
    QElapsedTimer clock;
    clock.start();
    ExportChunk chunk;
    chunk.firstRow = m_captured;
    const qsizetype expected = qMin<qint64>(m_chunkRows, m_end - m_cursor);
    const bool withNotional = exportsNotional(m_columns);
    while (m_cursor < m_end) {
        const int row = int(m_cursor);
        std::optional<ExportTradeRow> trade;
        if (!m_columns.isEmpty())
            trade = captureTrade(m_model->index(row, m_columns.front()), withNotional);
        // A chunk holds one kind of row; a row of the other kind starts the next chunk.
        if (trade) {
            if (!chunk.rows.isEmpty())
                break;
            if (chunk.trades.isEmpty()) {
                chunk.trades.reserve(expected);
                chunk.columns = m_columns;
            }
            chunk.trades.append(std::move(*trade));
        } else {
            if (!chunk.trades.isEmpty())
                break;
            if (chunk.rows.isEmpty())
                chunk.rows.reserve(expected);
            chunk.rows.append(plainRow(*m_model, row, m_columns));
        }
        ++m_cursor;
        // A clock read costs tens of nanoseconds, a row up to a few microseconds: every 8 rows
        // keeps the slice within a fraction of a millisecond of its budget.
        const qsizetype taken = chunk.size();
        if (taken >= m_chunkRows || ((taken & 7) == 0 && clock.elapsed() >= m_budgetMs))
            break;
    }
    m_captured += chunk.size();
    if (chunk.size() > 0)
        Q_EMIT chunkReady(chunk);
    if (m_cursor >= m_end && !m_done) {
        m_timer->stop();
        m_done = true;
        Q_EMIT finished(m_captured);
    }
}

void TableSnapshotter::onRowsInserted(const QModelIndex &parent, int first, int last) {
    if (parent.isValid() || m_done)
        return;
    const qint64 count = qint64(last) - first + 1;
    // New rows at or above the cursor are not part of the export; rows inside the remaining
    // range are, like a row the user would see scrolling down.
    if (first <= m_cursor) {
        m_cursor += count;
        m_end += count;
    } else if (first < m_end) {
        m_end += count;
    }
}

void TableSnapshotter::onRowsRemoved(const QModelIndex &parent, int first, int last) {
    if (parent.isValid() || m_done)
        return;
    const auto removedBefore = [first, last](qint64 position) {
        return qBound<qint64>(0, qMin<qint64>(last + 1, position) - first, qint64(last) - first + 1);
    };
    m_cursor -= removedBefore(m_cursor);
    m_end -= removedBefore(m_end);
}

} // namespace longshot
