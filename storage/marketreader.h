#pragma once

#include "models/domain/marketactivity.h"
#include "storage/databaseconfig.h"
#include "storage/storageerror.h"

#include <QObject>
#include <QString>

#include <memory>
#include <optional>
#include <utility>

namespace longshot::storage {

class Connection;

// One market's stored past for the market dock, computed by the engine over integer micros:
// the trades bucketed over time (YES price open/high/low/close and USD volume per bucket),
// the newest trades with their names, the stored metadata, and the net buying of S and A
// graded traders over the flow window. A plain function over a connection owned by the
// calling thread.
std::optional<StorageError> queryMarketHistory(Connection &connection, const MarketHistoryRequest &request,
                                               MarketHistory *out);

// The bucket width for a span: the smallest of the usual chart steps (1 min .. 1 week) that
// keeps the span within `buckets` buckets, never below `minimumMs`.
qint64 bucketWidthFor(qint64 spanMs, int buckets, qint64 minimumMs);

// The market dock's reader. Create without a parent, moveToThread, then invoke open(config);
// it owns a read-only connection of its own, so no SQL runs on the GUI thread. Requests that
// pile up while one runs replace each other and only the newest runs; every answer carries
// its request id, and the dock drops any answer but the one it asked for last.
class MarketReader final : public QObject {
    Q_OBJECT

public:
    MarketReader();
    ~MarketReader() override;
    Q_DISABLE_COPY_MOVE(MarketReader)

public Q_SLOTS:
    // (Re)opens on `config` with readOnly forced on. A file that does not exist yet is opened
    // again on the next request.
    void open(longshot::storage::DatabaseConfig config);
    void close();
    void requestHistory(quint64 requestId, longshot::MarketHistoryRequest request);

Q_SIGNALS:
    void opened(bool ok, QString message);
    void historyReady(quint64 requestId, longshot::MarketHistory history);
    void requestFailed(quint64 requestId, QString message);

private:
    void runPending();
    bool reopen(QString *message);

    std::optional<DatabaseConfig> m_config;
    std::unique_ptr<Connection> m_connection;
    std::optional<std::pair<quint64, MarketHistoryRequest>> m_pending;
};

} // namespace longshot::storage
