#pragma once

#include "models/domain/traderboard.h"
#include "models/domain/traderprofile.h"
#include "models/domain/wallet.h"
#include "storage/databaseconfig.h"

#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace longshot::storage {

class Connection;
class TimelineCache;

// The read side of the trader panels. Create it without a parent, moveToThread(readerThread),
// then invoke open(config): it owns a read-only connection of its own, so the GUI thread never
// runs SQL and the sync writer is never blocked (WAL).
//
// Every request carries a request id and every answer carries it back; the caller drops
// answers older than its latest request. A burst of requests of one kind while the worker is
// busy (one refresh per saved trader during a bulk sync) runs only the last of them. A
// database without the trader tables yet answers with an empty board, not an error, and a
// file that did not exist at open() is tried again on the next request.
class TraderReader final : public QObject {
    Q_OBJECT
public:
    TraderReader();
    ~TraderReader() override;
    Q_DISABLE_COPY_MOVE(TraderReader)

public Q_SLOTS:
    // (Re)opens on `config` with readOnly forced on; closes the previous database first.
    void open(longshot::storage::DatabaseConfig config);
    void close();
    void requestLeaderboard(quint64 requestId, longshot::LeaderboardQuery query);
    void requestProfile(quint64 requestId, longshot::Wallet wallet);

Q_SIGNALS:
    void opened(bool ok, QString message);
    void leaderboardReady(quint64 requestId, longshot::LeaderboardResult result);
    void profileReady(quint64 requestId, longshot::TraderProfile profile);
    void requestFailed(quint64 requestId, QString message);

private:
    bool ensureOpen(quint64 requestId);
    bool hasTraderTables();
    void runLeaderboard();
    void runProfile();

    std::optional<DatabaseConfig> m_config;
    std::unique_ptr<Connection> m_connection;
    std::unique_ptr<TimelineCache> m_cache;
    std::optional<std::pair<quint64, LeaderboardQuery>> m_pendingBoard;
    std::optional<std::pair<quint64, Wallet>> m_pendingProfile;
};

} // namespace longshot::storage
