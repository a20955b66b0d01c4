#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

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

struct ExportChunk {
    qint64 firstRow = 0; // index of rows.front() in the export, 0-based
    QList<ExportRow> rows;
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

// Header names of `columns` (logical indexes, in the order given).
QStringList exportHeader(const QAbstractItemModel &model, const QList<int> &columns);

// Copies a model's rows into values on the GUI thread in slices of at most budgetMs, so a
// million-row table never stalls the window. The rows are those present at start(): rows the
// model inserts or removes above the cursor shift it, a reset or re-sort fails the snapshot.
// With an acknowledge() from the consumer the snapshot pauses while more than maxInFlightRows
// are captured but not yet written, which keeps memory flat when the writer is slower.
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
    bool m_done = false;
};

} // namespace longshot

Q_DECLARE_METATYPE(longshot::ExportCell)
Q_DECLARE_METATYPE(longshot::ExportChunk)
