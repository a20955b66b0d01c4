#include "storage/queryworker.h"

#include "storage/connection.h"
#include "storage/historyquery.h"
#include "storage/migrations.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace longshot::storage {

namespace {

constexpr qint64 kDayMs = 24 * 60 * 60 * 1000LL;
constexpr int kDeleteChunk = 20'000;

int clampLimit(int limit) {
    return std::clamp(limit, 1, QueryWorker::kMaxLimit);
}

std::optional<HistoryCursor> cursorOrStart(const HistoryCursor &after) {
    return after.isStart() ? std::nullopt : std::optional<HistoryCursor>(after);
}

} // namespace

QueryWorker::QueryWorker()
    : m_lookups(std::make_unique<HistoryLookups>()) {}

QueryWorker::~QueryWorker() = default;

void QueryWorker::open(DatabaseConfig config) {
    close();
    config.readOnly = true;
    m_config = config;
    m_connection = std::make_unique<Connection>(config, u"reader"_s);
    if (auto error = m_connection->open()) {
        m_connection.reset();
        Q_EMIT opened(false, describe(*error));
        return;
    }
    int version = 0;
    if (auto error = readSchemaVersion(*m_connection, &version)) {
        m_connection.reset();
        Q_EMIT opened(false, describe(*error));
        return;
    }
    if (version == 0) {
        // A new or foreign file: nothing to read yet, which is not an error for a reader.
        Q_EMIT opened(true, config.describe() + u" (no trades stored yet)"_s);
        return;
    }
    if (version > latestSchemaVersion()) {
        m_connection.reset();
        Q_EMIT opened(false,
                      u"%1 has schema version %2, newer than this Longshot (%3)"_s.arg(config.describe())
                          .arg(version)
                          .arg(latestSchemaVersion()));
        return;
    }
    Q_EMIT opened(true, config.describe());
}

void QueryWorker::close() {
    m_pendingTotals.reset();
    m_lookups->clear();
    m_connection.reset();
}

bool QueryWorker::ensureOpen(quint64 requestId) {
    if (m_connection && m_connection->isOpen())
        return true;
    Q_EMIT requestFailed(requestId, u"no database is open"_s);
    return false;
}

void QueryWorker::requestPage(quint64 requestId, HistoryFilter filter, HistoryCursor after, int limit) {
    if (!ensureOpen(requestId))
        return;
    limit = clampLimit(limit);
    if (after.isStart())
        m_lookups->clear(); // a new first page: titles and names may have changed since
    HistoryRows rows;
    if (auto error =
            queryHistoryPage(*m_connection, filter, cursorOrStart(after), limit, &rows, m_lookups.get())) {
        Q_EMIT requestFailed(requestId, describe(*error));
        return;
    }
    const bool atEnd = rows.size() < limit;
    Q_EMIT pageReady(requestId, rows, atEnd);
}

void QueryWorker::requestForward(quint64 requestId, HistoryFilter filter, HistoryCursor after, int limit) {
    if (!ensureOpen(requestId))
        return;
    limit = clampLimit(limit);
    HistoryRows rows;
    if (auto error =
            queryTradesForward(*m_connection, filter, cursorOrStart(after), limit, &rows, m_lookups.get())) {
        Q_EMIT requestFailed(requestId, describe(*error));
        return;
    }
    const bool atEnd = rows.size() < limit;
    Q_EMIT forwardReady(requestId, rows, atEnd);
}

void QueryWorker::requestTotals(quint64 requestId, HistoryFilter filter) {
    // Requests queued behind a slow count replace each other; one deferred run takes the last.
    const bool scheduled = m_pendingTotals.has_value();
    m_pendingTotals = std::make_pair(requestId, std::move(filter));
    if (!scheduled)
        QTimer::singleShot(0, this, &QueryWorker::runPendingTotals);
}

void QueryWorker::runPendingTotals() {
    if (!m_pendingTotals)
        return;
    const auto [requestId, filter] = *std::exchange(m_pendingTotals, std::nullopt);
    if (!ensureOpen(requestId))
        return;
    HistoryTotals totals;
    if (auto error = queryHistoryTotals(*m_connection, filter, &totals)) {
        Q_EMIT requestFailed(requestId, describe(*error));
        return;
    }
    Q_EMIT totalsReady(requestId, totals);
}

void QueryWorker::requestStats(quint64 requestId) {
    if (!ensureOpen(requestId))
        return;
    StorageStats stats;
    if (auto error = readStorageStats(*m_connection, &stats)) {
        Q_EMIT requestFailed(requestId, describe(*error));
        return;
    }
    Q_EMIT statsReady(requestId, stats);
}

void QueryWorker::runMaintenance(quint64 requestId, MaintenanceRequest request) {
    if (!m_config) {
        Q_EMIT maintenanceFinished(requestId, false, u"no database is open"_s);
        return;
    }
    QString message;
    const bool ok = maintain(requestId, request, &message);
    Q_EMIT maintenanceFinished(requestId, ok, message);
}

bool QueryWorker::maintain(quint64 requestId, const MaintenanceRequest &request, QString *message) {
    DatabaseConfig writable = *m_config;
    writable.readOnly = false;
    Connection c(writable, u"maintenance"_s);
    if (auto error = c.open()) {
        *message = describe(*error);
        return false;
    }
    QStringList done;
    if (request.keepDays > 0) {
        const qint64 cutoff = QDateTime::currentMSecsSinceEpoch() - request.keepDays * kDayMs;
        QSqlQuery count(c.database());
        count.prepare(u"SELECT COUNT(*) FROM trades WHERE ts_ms < ?"_s);
        count.addBindValue(cutoff);
        if (auto error = c.execPrepared(count, u"count old trades"_s)) {
            *message = describe(*error);
            return false;
        }
        const qint64 total = count.next() ? count.value(0).toLongLong() : 0;
        count.finish();
        qint64 deleted = 0;
        // Small transactions: the live writer waits at most one chunk for the lock.
        while (deleted < total) {
            Q_EMIT maintenanceProgress(requestId,
                                       u"Deleting trades older than %1 days"_s.arg(request.keepDays),
                                       int(deleted * 100 / std::max<qint64>(1, total)));
            if (auto error = c.beginWrite()) {
                *message = describe(*error);
                return false;
            }
            QSqlQuery del(c.database());
            del.prepare(
                u"DELETE FROM trades WHERE id IN (SELECT id FROM trades WHERE ts_ms < ? LIMIT %1)"_s.arg(
                    kDeleteChunk));
            del.addBindValue(cutoff);
            if (auto error = c.execPrepared(del, u"delete old trades"_s)) {
                c.rollback();
                *message = describe(*error);
                return false;
            }
            const int n = del.numRowsAffected();
            del.finish();
            if (auto error = c.commit()) {
                c.rollback();
                *message = describe(*error);
                return false;
            }
            if (n <= 0)
                break;
            deleted += n;
        }
        done << u"deleted %L1 trades older than %2 days"_s.arg(deleted).arg(request.keepDays);
    }
    if (request.analyze) {
        Q_EMIT maintenanceProgress(requestId, u"Analyzing"_s, -1);
        if (auto error = c.exec(u"ANALYZE"_s)) {
            *message = describe(*error);
            return false;
        }
        done << u"analyzed"_s;
    }
    if (request.vacuum) {
        Q_EMIT maintenanceProgress(requestId, u"Vacuuming (rewrites the whole file)"_s, -1);
        if (auto error = c.exec(u"VACUUM"_s)) {
            *message = describe(*error);
            return false;
        }
        done << u"vacuumed"_s;
    }
    Q_EMIT maintenanceProgress(requestId, u"Done"_s, 100);
    *message = done.isEmpty() ? u"nothing to do"_s : done.join(u", "_s);
    return true;
}

} // namespace longshot::storage
