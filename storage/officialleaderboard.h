#pragma once

#include "models/domain/decimal.h"
#include "models/domain/wallet.h"
#include "storage/storageerror.h"

#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace longshot::storage {

class Connection;

// One row of Polymarket's own leaderboard, as the Leaderboard dock shows it beside ours.
struct OfficialLeaderboardRow {
    int rank = 0;
    Wallet wallet;
    QString userName;
    Decimal pnl;
    Decimal volume;
};
using OfficialLeaderboard = QList<OfficialLeaderboardRow>;

// Replaces one period's rows (day, week, month, all) in leaderboard_official with a fresh
// fetch, in one transaction: every row is upserted, and wallets that have left the board
// are removed, so a rank shown is always the board's current one.
std::optional<StorageError> saveOfficialLeaderboard(Connection &connection, const QString &period,
                                                    const OfficialLeaderboard &rows, qint64 fetchedMs);

// One period as stored, best rank first.
std::optional<StorageError> loadOfficialLeaderboard(Connection &connection, const QString &period,
                                                    OfficialLeaderboard *out, qint64 *fetchedMs = nullptr);

} // namespace longshot::storage

Q_DECLARE_METATYPE(longshot::storage::OfficialLeaderboardRow)
