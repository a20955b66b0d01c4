#include "app/exportjob.h"

#include "models/tableexport.h"
#include "storage/connection.h"
#include "storage/csvwriter.h"

#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace longshot::app {

namespace {

using CancelFlag = std::shared_ptr<std::atomic_bool>;

// Lives on the export thread: receives value chunks and appends them to the file.
class ChunkWriter final : public QObject {
    Q_OBJECT
public:
    explicit ChunkWriter(CancelFlag cancel)
        : m_cancel(std::move(cancel)) {}

    void open(const QString &path, const QStringList &header) {
        m_file.setFileName(path);
        m_outcome.path = path;
        if (!m_file.open(QIODevice::WriteOnly)) {
            fail(tr("Cannot write %1: %2").arg(path, m_file.errorString()));
            return;
        }
        m_csv = std::make_unique<storage::CsvWriter>(&m_file);
        m_csv->writeHeader(header);
    }

    void write(const longshot::ExportChunk &chunk) {
        if (m_failed || !m_csv || m_cancel->load())
            return; // queued chunks after a cancel cost nothing
        // A trade chunk's cells are formatted here, so their strings are made and freed on
        // this thread; the chunk itself is released here too, not on the GUI thread.
        const qsizetype count = chunk.size();
        for (qsizetype i = 0; i < count; ++i) {
            const ExportRow cells = chunk.row(i);
            for (const ExportCell &cell : cells) {
                if (cell.number)
                    m_csv->addNumber(cell.text);
                else
                    m_csv->addText(cell.text);
            }
            m_csv->endRow();
        }
        if (!m_csv->ok()) {
            fail(tr("Writing %1 failed: %2").arg(m_file.fileName(), m_file.errorString()));
            return;
        }
        m_outcome.rows += count;
        Q_EMIT written(m_outcome.rows);
    }

    void close() {
        if (m_failed)
            return;
        if (m_cancel->load()) {
            m_file.cancelWriting();
            m_file.commit();
            m_outcome.cancelled = true;
            Q_EMIT done(m_outcome);
            return;
        }
        if (!m_file.commit()) {
            fail(tr("Cannot save %1: %2").arg(m_file.fileName(), m_file.errorString()));
            return;
        }
        m_outcome.ok = true;
        Q_EMIT done(m_outcome);
    }

    void abort() {
        if (m_failed)
            return;
        m_failed = true;
        if (m_file.isOpen()) {
            m_file.cancelWriting();
            m_file.commit();
        }
    }

Q_SIGNALS:
    void written(qint64 rows);
    void done(const longshot::app::ExportOutcome &outcome);

private:
    void fail(const QString &message) {
        abort();
        m_outcome.error = message;
        Q_EMIT done(m_outcome);
    }

    CancelFlag m_cancel;
    QSaveFile m_file;
    std::unique_ptr<storage::CsvWriter> m_csv;
    ExportOutcome m_outcome;
    bool m_failed = false;
};

// Lives on the export thread: the full stored history through its own read-only connection.
class HistoryWriter final : public QObject {
    Q_OBJECT
public:
    explicit HistoryWriter(CancelFlag cancel)
        : m_cancel(std::move(cancel)) {}

    void run(storage::DatabaseConfig config, const storage::ExportQuery &query, const QString &path) {
        ExportOutcome outcome;
        outcome.path = path;
        config.readOnly = true;
        storage::Connection connection(config, u"export"_s);
        if (const auto error = connection.open()) {
            outcome.error = tr("Cannot open %1: %2").arg(config.describe(), error->message);
            Q_EMIT done(outcome);
            return;
        }
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly)) {
            outcome.error = tr("Cannot write %1: %2").arg(path, file.errorString());
            Q_EMIT done(outcome);
            return;
        }
        const storage::ExportResult result =
            storage::writeTradesCsv(connection.database(), query, file, [this](qint64 rows) {
                Q_EMIT written(rows);
                return !m_cancel->load();
            });
        outcome.rows = result.rows;
        if (!result.ok || m_cancel->load()) {
            file.cancelWriting();
            file.commit();
            outcome.cancelled = result.cancelled || (result.ok && m_cancel->load());
            outcome.error = outcome.cancelled ? QString() : result.error;
            Q_EMIT done(outcome);
            return;
        }
        if (!file.commit()) {
            outcome.error = tr("Cannot save %1: %2").arg(path, file.errorString());
            Q_EMIT done(outcome);
            return;
        }
        outcome.ok = true;
        Q_EMIT done(outcome);
    }

Q_SIGNALS:
    void written(qint64 rows);
    void done(const longshot::app::ExportOutcome &outcome);

private:
    CancelFlag m_cancel;
};

} // namespace

ExportJob::ExportJob(QObject *parent)
    : QObject(parent) {
    qRegisterMetaType<longshot::ExportChunk>();
    qRegisterMetaType<longshot::app::ExportOutcome>();
    qRegisterMetaType<longshot::storage::DatabaseConfig>();
}

ExportJob::~ExportJob() {
    m_cancel->store(true);
    if (m_snapshot)
        m_snapshot->cancel();
    m_thread.stop();
}

void ExportJob::startView(const QAbstractItemModel *model, const QList<int> &columns, const QString &path) {
    if (m_started)
        return;
    m_started = true;
    m_running = true;
    m_path = path;
    auto *snapshot = new TableSnapshotter(model, columns, this);
    m_snapshot = snapshot;
    snapshot->setBudgetMs(m_budgetMs);
    snapshot->setChunkRows(m_chunkRows);
    m_total = snapshot->totalRows();
    auto *writer = m_thread.adopt(new ChunkWriter(m_cancel));
    m_thread.start();
    m_closeWriter = [writer] {
        QMetaObject::invokeMethod(writer, &ChunkWriter::close, Qt::QueuedConnection);
    };

    const QStringList header = snapshot->header();
    QMetaObject::invokeMethod(
        writer, [writer, path, header] { writer->open(path, header); }, Qt::QueuedConnection);
    connect(snapshot, &TableSnapshotter::chunkReady, writer, &ChunkWriter::write);
    connect(snapshot, &TableSnapshotter::finished, writer, &ChunkWriter::close);
    connect(snapshot, &TableSnapshotter::failed, writer, [writer] { writer->abort(); });
    connect(snapshot, &TableSnapshotter::failed, this, [this](const QString &reason) {
        ExportOutcome outcome;
        outcome.path = m_path;
        outcome.error = reason;
        finish(outcome);
    });
    connect(writer, &ChunkWriter::written, this, [this](qint64 rows) {
        if (m_snapshot) {
            m_snapshot->acknowledge(rows);
            m_total = m_snapshot->totalRows();
        }
        reportProgress(rows, false);
    });
    connect(writer, &ChunkWriter::done, this, [this](const ExportOutcome &outcome) {
        if (m_snapshot)
            m_snapshot->cancel();
        finish(outcome);
    });
    snapshot->acknowledge(0);
    snapshot->start();
}

void ExportJob::startHistory(const storage::DatabaseConfig &config, const storage::ExportQuery &query,
                             const QString &path) {
    if (m_started)
        return;
    m_started = true;
    m_running = true;
    m_path = path;
    auto *writer = m_thread.adopt(new HistoryWriter(m_cancel));
    m_thread.start();
    connect(writer, &HistoryWriter::written, this, [this](qint64 rows) { reportProgress(rows, false); });
    connect(writer, &HistoryWriter::done, this, &ExportJob::finish);
    QMetaObject::invokeMethod(
        writer, [writer, config, query, path] { writer->run(config, query, path); }, Qt::QueuedConnection);
}

void ExportJob::cancel() {
    if (!m_running)
        return;
    m_cancel->store(true);
    if (m_snapshot && m_snapshot->isRunning()) {
        // The writer learns of it from the flag; close() then discards the file.
        m_snapshot->cancel();
        if (m_closeWriter)
            m_closeWriter();
    }
}

void ExportJob::reportProgress(qint64 rows, bool force) {
    if (!m_running || rows == m_reportedRows)
        return;
    // Chunks are written hundreds of times a second; a bar and a label need no more than
    // the display's rate, and every update the GUI skips is a repaint it does not make.
    if (!force && m_progressClock.isValid() && m_progressClock.elapsed() < kProgressIntervalMs)
        return;
    m_progressClock.start();
    m_reportedRows = rows;
    Q_EMIT progress(rows, m_total);
}

void ExportJob::finish(const ExportOutcome &outcome) {
    if (!m_running)
        return;
    if (outcome.ok)
        reportProgress(outcome.rows, true); // the bar ends on the final count
    m_running = false;
    Q_EMIT finished(outcome);
}

} // namespace longshot::app

#include "exportjob.moc"
