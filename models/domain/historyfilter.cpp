#include "models/domain/historyfilter.h"

namespace longshot {

HistoryCursor cursorAfter(const HistoryRow &row) {
    return HistoryCursor{row.trade.timestampMs, row.rowId};
}

} // namespace longshot
