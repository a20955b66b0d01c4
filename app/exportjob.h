#pragma once

#include "app/workerthread.h"
#include "storage/databaseconfig.h"
#include "storage/tradeexport.h"

#include <QElapsedTimer>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

class QAbstractItemModel;

namespace longshot {
class TableSnapshotter;
}

namespace longshot::app {

struct ExportOutcome {
    bool ok = false;
    bool cancelled = false;
    qint64 rows = 0; // data rows in the file (the header not counted)
    QString path;
    QString error; // set when !ok and not cancelled
};

// One CSV export with progress and cancel. The file is written on its own thread through a
// QSaveFile, so a cancelled or failed export leaves no partial file and an existing file is
// only replaced once the new one is complete.
//
// startView(): the table as the user sees it (rows after filtering and sorting, the visible
// columns in their visual order), copied to values on the GUI thread in slices of a few ms
// (TableSnapshotter; a trade table's rows as raw trades, formatted on the worker) and written
// on the worker as they come. The worker runs at a lower priority than the window.
// startHistory(): every stored trade matching the query, written by storage::writeTradesCsv on
// the worker with its own read-only connection.
class ExportJob final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportJob)
public:
    explicit ExportJob(QObject *parent = nullptr);
    ~ExportJob() override; // cancels a running export and waits for its thread

    // Each job runs once; a second start() is ignored.
    void startView(const QAbstractItemModel *model, const QList<int> &columns, const QString &path);
    void startHistory(const storage::DatabaseConfig &config, const storage::ExportQuery &query,
                      const QString &path);
    void cancel();

    bool isRunning() const { return m_running; }
    // GUI-thread time slice for startView(); default 4 ms.
    void setSliceBudgetMs(int ms) { m_budgetMs = ms; }
    // Rows per chunk handed to the writer; default 2,000.
    void setChunkRows(int rows) { m_chunkRows = rows; }

    // progress() is emitted at most once per this interval, and once more with the final count.
    static constexpr int kProgressIntervalMs = 33;

Q_SIGNALS:
    // total is -1 when unknown (a history export does not count its rows first).
    void progress(qint64 rows, qint64 total);
    void finished(const longshot::app::ExportOutcome &outcome);

private:
    void reportProgress(qint64 rows, bool force);
    void finish(const ExportOutcome &outcome);

    WorkerThread m_thread{QStringLiteral("longshot-export")};
    std::shared_ptr<std::atomic_bool> m_cancel = std::make_shared<std::atomic_bool>(false);
    QPointer<TableSnapshotter> m_snapshot;
    std::function<void()> m_closeWriter; // view exports: ends the file after a cancel
    QString m_path;
    qint64 m_total = -1;
    qint64 m_reportedRows = -1;
    QElapsedTimer m_progressClock;
    int m_budgetMs = 4;
    int m_chunkRows = 2'000;
    bool m_started = false;
    bool m_running = false;
};

} // namespace longshot::app

Q_DECLARE_METATYPE(longshot::app::ExportOutcome)
