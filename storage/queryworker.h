#pragma once

#include "models/domain/historyfilter.h"
#include "storage/databaseconfig.h"
#include "storage/storageerror.h"
#include "storage/storagestats.h"

#include <QMetaType>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace longshot::storage {

class Connection;
class HistoryLookups;

// What the Storage panel's maintenance button asks for. Retention needs a writable file.
struct MaintenanceRequest {
    bool analyze = true;
    bool vacuum = false;
    int keepDays = 0; // > 0: delete trades older than this many days first
};

// The read side of storage. Create it without a parent, moveToThread(readerThread), then
// invoke open(config). It owns a read-only connection of its own, so the GUI thread never
// runs SQL and the writer is never blocked by a reader (WAL).
//
// Every request carries a request id and every answer carries it back; the caller drops
// answers older than the latest id it sent for that view. Totals are the expensive request
// (a scan on a broad filter), so a burst of them while the worker is busy runs only the last.
class QueryWorker final : public QObject {
    Q_OBJECT

public:
    QueryWorker();
    ~QueryWorker() override;
    Q_DISABLE_COPY_MOVE(QueryWorker)

    static constexpr int kMaxLimit = 10'000;

public Q_SLOTS:
    // (Re)opens on `config` with readOnly forced on; closes the previous database first.
    void open(longshot::storage::DatabaseConfig config);
    void close();

    void requestPage(quint64 requestId, longshot::HistoryFilter filter, longshot::HistoryCursor after,
                     int limit);
    void requestTotals(quint64 requestId, longshot::HistoryFilter filter);
    // Oldest first after `after`: the replay reads a time range in chunks.
    void requestForward(quint64 requestId, longshot::HistoryFilter filter, longshot::HistoryCursor after,
                        int limit);
    void requestStats(quint64 requestId);
    // ANALYZE / VACUUM / retention on a short-lived writable connection, with progress.
    void runMaintenance(quint64 requestId, longshot::storage::MaintenanceRequest request);

Q_SIGNALS:
    void opened(bool ok, QString message);
    void pageReady(quint64 requestId, longshot::HistoryRows rows, bool atEnd);
    void totalsReady(quint64 requestId, longshot::HistoryTotals totals);
    void forwardReady(quint64 requestId, longshot::HistoryRows rows, bool atEnd);
    void statsReady(quint64 requestId, longshot::storage::StorageStats stats);
    void maintenanceProgress(quint64 requestId, QString step, int percent);
    void maintenanceFinished(quint64 requestId, bool ok, QString message);
    void requestFailed(quint64 requestId, QString message);

private:
    bool ensureOpen(quint64 requestId);
    void runPendingTotals();
    bool maintain(quint64 requestId, const MaintenanceRequest &request, QString *message);

    std::optional<DatabaseConfig> m_config;
    std::unique_ptr<Connection> m_connection;
    std::unique_ptr<HistoryLookups> m_lookups;
    std::optional<std::pair<quint64, HistoryFilter>> m_pendingTotals;
};

} // namespace longshot::storage

Q_DECLARE_METATYPE(longshot::storage::MaintenanceRequest)
