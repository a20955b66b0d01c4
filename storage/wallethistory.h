#pragma once

#include "models/domain/activity.h"
#include "models/domain/ledger.h"
#include "models/domain/market.h"
#include "models/domain/wallet.h"
#include "storage/storageerror.h"

#include <optional>

namespace longshot::storage {

class Connection;

// One wallet's stored activity (time order) and the markets it touched, as the recompute
// after a sync reads them, so read-side figures replay exactly what the stored metrics did.
std::optional<StorageError> loadWalletHistory(Connection &connection, const Wallet &wallet,
                                              ActivityList *events, MarketList *markets);

// The marks the recompute values open positions at: each outcome's stored gamma price (a
// book midpoint).
MarkBook storedMarks(const MarketList &markets);

} // namespace longshot::storage
