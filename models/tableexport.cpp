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

// The trade behind a row of a trade table, or null when the model is not one.
const Trade *tradeOf(const QVariant &value) {
    return value.metaType() == QMetaType::fromType<Trade>() ? static_cast<const Trade *>(value.constData())
                                                            : nullptr;
}

QVariant tradeAt(const QAbstractItemModel &model, const QModelIndex &index) {
    if (model.columnCount(index.parent()) != WhaleFeedModel::kColumnCount)
        return {};
    return index.data(WhaleFeedModel::TradeRole);
}

ExportCell tradeCell(const Trade &trade, const QModelIndex &index) {
    using Column = WhaleFeedModel::Column;
    switch (static_cast<Column>(index.column())) {
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
        const QVariant micros = index.data(WhaleFeedModel::NotionalMicrosRole);
        if (micros.isValid() && micros.toLongLong() != std::numeric_limits<qint64>::max())
            return number(Decimal::fromMicros(micros.toLongLong()).toString());
        const std::optional<Decimal> notional = trade.notional();
        return notional ? number(notional->toString()) : ExportCell{};
    }
    case Column::Trader:
        return text(trade.traderLabel());
    case Column::Tx:
        return text(trade.txId);
    case Column::ColumnCount:
        break;
    }
    return text(index.data(Qt::DisplayRole).toString());
}

} // namespace

namespace {

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

} // namespace

ExportCell exportCell(const QModelIndex &index) {
    if (!index.isValid())
        return {};
    const QVariant trade = tradeAt(*index.model(), index);
    if (const Trade *t = tradeOf(trade))
        return tradeCell(*t, index);
    return plainCell(index);
}

ExportRow exportRow(const QAbstractItemModel &model, int row, const QList<int> &columns) {
    ExportRow cells;
    cells.reserve(columns.size());
    if (columns.isEmpty())
        return cells;
    // One copy of the trade per row rather than per cell: on a million rows that copy is most
    // of the GUI thread's share of the export.
    const QVariant trade = tradeAt(model, model.index(row, columns.front()));
    const Trade *t = tradeOf(trade);
    for (const int c : columns) {
        const QModelIndex index = model.index(row, c);
        cells.append(t ? tradeCell(*t, index) : plainCell(index));
    }
    return cells;
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
    return m_timer->isActive();
}

void TableSnapshotter::start() {
    if (m_done || m_timer->isActive())
        return;
    if (!m_model) {
        fail(tr("There is no table to export."));
        return;
    }
    m_timer->start();
}

void TableSnapshotter::cancel() {
    m_timer->stop();
    m_done = true;
}

void TableSnapshotter::acknowledge(qint64 rows) {
    m_acknowledged = rows;
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
    if (m_acknowledged >= 0 && m_captured - m_acknowledged > m_maxInFlight)
        return; // the writer is behind: wait for it instead of piling rows up in memory
    QElapsedTimer clock;
    clock.start();
    ExportChunk chunk;
    chunk.firstRow = m_captured;
    chunk.rows.reserve(qMin<qint64>(m_chunkRows, m_end - m_cursor));
    while (m_cursor < m_end) {
        chunk.rows.append(exportRow(*m_model, int(m_cursor), m_columns));
        ++m_cursor;
        // A clock read costs tens of nanoseconds, a row a few microseconds: every 8 rows keeps
        // the slice within a fraction of a millisecond of its budget.
        if (chunk.rows.size() >= m_chunkRows ||
            ((chunk.rows.size() & 7) == 0 && clock.elapsed() >= m_budgetMs))
            break;
    }
    m_captured += chunk.rows.size();
    if (!chunk.rows.isEmpty())
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
