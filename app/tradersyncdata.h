#pragma once

#include "net/activityparser.h"
#include "net/syncrunner.h"
#include "net/traderfetcher.h"
#include "storage/officialleaderboard.h"
#include "storage/syncstate.h"
#include "storage/traderstore.h"

#include <QList>

// The trader sync's values as they pass from net to storage and back. net and storage never
// see each other, so the composition root translates; `longshot sync` and the GUI's
// TraderSync use the same functions.
namespace longshot::app {

storage::TraderSyncData toSyncData(const net::TraderSnapshot &snapshot);
storage::OfficialLeaderboard toOfficialLeaderboard(const QList<net::LeaderboardRow> &rows);
QList<net::KnownWallet> toKnownWallets(const QList<storage::TraderSyncState> &states);

} // namespace longshot::app
