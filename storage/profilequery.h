#pragma once

#include "models/domain/traderprofile.h"
#include "models/domain/wallet.h"
#include "storage/storageerror.h"

#include <optional>

namespace longshot::storage {

class Connection;

// One trader's profile from stored history: the same replay as the recompute after a sync
// (so header, positions and curve agree with trader_metrics), the sync state and
// completeness, the newest activity and Polymarket's all-time board figure when stored.
// A wallet never synced comes back with synced == false, not as an error.
std::optional<StorageError> queryTraderProfile(Connection &connection, const Wallet &wallet,
                                               TraderProfile *out);

} // namespace longshot::storage
