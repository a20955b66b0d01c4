#pragma once

#include "models/domain/alertrule.h"
#include "models/domain/trade.h"
#include "storage/storageerror.h"

#include <optional>

namespace longshot::storage {

class Connection;

// What the store knows about a trade's wallet and market for the alert rules: when the wallet
// was first seen, how many markets it has traded and this market's share of its volume, its
// grade, and the market's category and last stored liquidity. A wallet the store has never
// seen is first seen by this very trade, in one market. What is unknown stays unset, so a rule
// that needs it does not fire on a guess.
std::optional<StorageError> readAlertFacts(Connection &c, const Trade &trade, AlertFacts *out);

} // namespace longshot::storage
