#pragma once

#include "models/domain/trade.h"

#include <QElapsedTimer>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <optional>

class QAbstractItemModel;
class QModelIndex;
class QTimer;

namespace longshot {

// One exported cell as a value. `number` cells (exact decimals, UTC ISO-8601 times, counts)
// are written as they are; text cells go through the CSV writer's formula neutralising.
struct ExportCell {
    QString text;
    bool number = false;
    friend bool operator==(const ExportCell &, const ExportCell &) = default;
};
using ExportRow = QList<ExportCell>;

// A trade table's row as the snapshot takes it on the GUI thread: the trade (implicitly shared
// strings, no allocation per cell) and the model's notional. Its cells are formatted where the
// chunk is consumed, on the writer's thread, so a million-row export spends little GUI time
// and leaves no per-cell strings for another thread to free.
struct ExportTradeRow {
    Trade trade;
    std::optional<qint64> notionalMicros; // the model's NotionalMicrosRole, when it had one
};

// Rows of one slice of the export. A chunk holds either cells (any table) or raw trade rows
// (a trade table), never both; row(i) gives the cells either way.
struct ExportChunk {
    qint64 firstRow = 0; // index of the chunk's first row in the export, 0-based
    QList<ExportRow> rows;
    QList<ExportTradeRow> trades;
    QList<int> columns; // the logical columns of `trades`, in export order

    qsizetype size() const { return rows.size() + trades.size(); }
    // The cells of row i, 0 <= i < size(); a trade row is formatted here.
    ExportRow row(qsizetype i) const;
};

// The exact value of one cell. Trade tables (a model answering WhaleFeedModel::TradeRole with
// a Trade and laid out in WhaleFeedModel::Column order, e.g. the tape and the history) export
// from the raw trade: full decimals, ISO UTC times, the full title and tx hash, never the
// rounded display string. Other models export a Decimal, number or QDateTime from Qt::EditRole
// as a number and anything else as its display text.
ExportCell exportCell(const QModelIndex &index);
// The cells of one row for `columns` (logical indexes, in that order); the same values as
// exportCell() on each, with a trade table's trade fetched once for the row.
ExportRow exportRow(const QAbstractItemModel &model, int row, const QList<int> &columns);
// The cells of a captured trade row for `columns`: the same values exportRow() gives.
ExportRow exportRow(const ExportTradeRow &row, const QList<int> &columns);

// Header names of `columns` (logical indexes, in the order given).
QStringList exportHeader(const QAbstractItemModel &model, const QList<int> &columns);

// Copies a model's rows into values on the GUI thread in slices of at most budgetMs, so a
// million-row table never stalls the window; a trade table's rows are taken as raw trades and
// formatted by the consumer (ExportChunk::row). The rows are those present at start(): rows the
// model inserts or removes above the cursor shift it, a reset or re-sort fails the snapshot.
// With an acknowledge() from the consumer the snapshot pauses while more than maxInFlightRows
// are captured but not yet written, which keeps memory flat when the writer is slower; a
// paused snapshot leaves the GUI thread idle until the next acknowledge().
class TableSnapshotter final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TableSnapshotter)
public:
    TableSnapshotter(const QAbstractItemModel *model, QList<int> columns, QObject *parent = nullptr);
    ~TableSnapshotter() override;

    void setBudgetMs(int ms) { m_budgetMs = qMax(1, ms); }
    void setChunkRows(int rows) { m_chunkRows = qMax(1, rows); }
    void setMaxInFlightRows(qint64 rows) { m_maxInFlight = qMax<qint64>(1, rows); }

    QStringList header() const;
    qint64 totalRows() const { return m_end; }
    qint64 capturedRows() const { return m_captured; }
    // Started and neither finished, failed nor cancelled (also while paused for the consumer).
    bool isRunning() const;

    void start();
    void cancel();
    // The consumer has written `rows` rows in total; lets a paused snapshot go on.
    void acknowledge(qint64 rows);

Q_SIGNALS:
    void chunkReady(const longshot::ExportChunk &chunk);
    void finished(qint64 rows);
    void failed(const QString &reason);

private:
    void tick();
    bool behind() const;
    void fail(const QString &reason);
    void onRowsInserted(const QModelIndex &parent, int first, int last);
    void onRowsRemoved(const QModelIndex &parent, int first, int last);

    QPointer<const QAbstractItemModel> m_model;
    QList<int> m_columns;
    QTimer *m_timer;
    qint64 m_cursor = 0; // next model row to copy
    qint64 m_end = 0;    // one past the last model row of the export
    qint64 m_captured = 0;
    qint64 m_acknowledged = -1; // -1: the consumer never acknowledges, no back-pressure
    qint64 m_maxInFlight = 50'000;
    int m_budgetMs = 4;
    int m_chunkRows = 2'000;
    bool m_started = false;
    bool m_done = false;
};

} // namespace longshot

Q_DECLARE_METATYPE(longshot::ExportCell)
Q_DECLARE_METATYPE(longshot::ExportChunk)
