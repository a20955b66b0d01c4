#pragma once

#include "models/domain/activity.h"
#include "models/domain/market.h"

namespace longshot {

// A market whose every outcome carries a payout settles at resolution even when the wallet
// never redeemed, unless the activity already settles it: appends that synthetic event,
// timed after the wallet's last event in the market (and not before the market's end).
// computeMetrics and the wallet timeline both replay through this one rule, so the stored
// figures and the windowed ones agree.
void appendResolutions(ActivityList &all, const MarketList &markets);

} // namespace longshot
