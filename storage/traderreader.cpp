#include "storage/traderreader.h"

#include "storage/connection.h"
#include "storage/leaderboardquery.h"
#include "storage/migrations.h"
#include "storage/profilequery.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace longshot::storage {
namespace {

// leaderboard_official arrived in v4; older files have traders but no board to compare with.
constexpr int kTraderSchema = 4;

} // namespace

TraderReader::TraderReader()
    : m_cache(std::make_unique<TimelineCache>()) {}

TraderReader::~TraderReader() = default;

void TraderReader::open(DatabaseConfig config) {
    close();
    config.readOnly = true;
    m_config = config;
    m_connection = std::make_unique<Connection>(config, u"trader-reader"_s);
    if (auto error = m_connection->open()) {
        m_connection.reset();
        Q_EMIT opened(false, describe(*error));
        return;
    }
    Q_EMIT opened(true, config.describe());
}

void TraderReader::close() {
    m_pendingBoard.reset();
    m_pendingProfile.reset();
    m_cache->clear();
    m_connection.reset();
}

bool TraderReader::ensureOpen(quint64 requestId) {
    if (m_connection && m_connection->isOpen())
        return true;
    if (m_config) {
        // The writer may have created the file since open() failed on it.
        m_connection = std::make_unique<Connection>(*m_config, u"trader-reader"_s);
        if (!m_connection->open())
            return true;
        m_connection.reset();
    }
    Q_EMIT requestFailed(requestId, u"no database is open"_s);
    return false;
}

bool TraderReader::hasTraderTables() {
    int version = 0;
    return !readSchemaVersion(*m_connection, &version) && version >= kTraderSchema;
}

void TraderReader::requestLeaderboard(quint64 requestId, LeaderboardQuery query) {
    const bool scheduled = m_pendingBoard.has_value();
    m_pendingBoard = std::make_pair(requestId, std::move(query));
    if (!scheduled)
        QTimer::singleShot(0, this, &TraderReader::runLeaderboard);
}

void TraderReader::requestProfile(quint64 requestId, Wallet wallet) {
    const bool scheduled = m_pendingProfile.has_value();
    m_pendingProfile = std::make_pair(requestId, std::move(wallet));
    if (!scheduled)
        QTimer::singleShot(0, this, &TraderReader::runProfile);
}

void TraderReader::runLeaderboard() {
    if (!m_pendingBoard)
        return;
    const auto [requestId, query] = *std::exchange(m_pendingBoard, std::nullopt);
    if (!ensureOpen(requestId))
        return;
    LeaderboardResult result;
    result.query = query;
    if (hasTraderTables()) {
        if (auto error = queryLeaderboard(*m_connection, query, *m_cache, &result)) {
            Q_EMIT requestFailed(requestId, describe(*error));
            return;
        }
    }
    Q_EMIT leaderboardReady(requestId, result);
}

void TraderReader::runProfile() {
    if (!m_pendingProfile)
        return;
    const auto [requestId, wallet] = *std::exchange(m_pendingProfile, std::nullopt);
    if (!ensureOpen(requestId))
        return;
    TraderProfile profile;
    profile.wallet = wallet;
    if (hasTraderTables()) {
        if (auto error = queryTraderProfile(*m_connection, wallet, &profile)) {
            Q_EMIT requestFailed(requestId, describe(*error));
            return;
        }
    }
    Q_EMIT profileReady(requestId, profile);
}

} // namespace longshot::storage
