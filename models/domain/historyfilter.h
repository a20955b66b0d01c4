#pragma once

#include "models/domain/decimal.h"
#include "models/domain/trade.h"
#include "models/domain/venue.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QtGlobal>

#include <optional>

namespace longshot {

// What the History panel asks storage for. Plain values: the filter travels from the GUI
// to the query worker's thread and comes back inside every answer's request id.
struct HistoryFilter {
    qint64 fromMs = 0;          // inclusive exchange time; 0 = from the first trade
    qint64 toMs = 0;            // exclusive; 0 = up to the newest trade
    std::optional<Venue> venue; // unset: every venue
    QString market;             // market id (exact) or words of the title (contains)
    QString trader;             // wallet (exact) or name / pseudonym (contains); "0x12" prefixes a wallet
    Decimal minUsd;             // notional >= minUsd; zero keeps everything

    friend bool operator==(const HistoryFilter &, const HistoryFilter &) = default;
};

// Keyset position in (ts_ms, id) order: the next page starts strictly after this row, so
// page 50,000 costs what page 1 costs. Row ids start at 1, so rowId 0 means "from the start".
struct HistoryCursor {
    qint64 timestampMs = 0;
    qint64 rowId = 0;
    bool isStart() const { return rowId <= 0; }
};

// One stored trade with its row id (the keyset tie-breaker) and the stored notional.
struct HistoryRow {
    qint64 rowId = 0;
    qint64 notionalMicros = 0;
    Trade trade;
};
using HistoryRows = QList<HistoryRow>;

// Count and exact volume (SUM of micro-dollars in SQL) of everything a filter matches.
struct HistoryTotals {
    qint64 count = 0;
    Decimal volume;
    bool volumeOverflow = false; // the sum left the int64 range; count is still right
};

// The cursor that continues after `row`.
HistoryCursor cursorAfter(const HistoryRow &row);

} // namespace longshot

Q_DECLARE_METATYPE(longshot::HistoryFilter)
Q_DECLARE_METATYPE(longshot::HistoryCursor)
Q_DECLARE_METATYPE(longshot::HistoryRow)
Q_DECLARE_METATYPE(longshot::HistoryRows)
Q_DECLARE_METATYPE(longshot::HistoryTotals)
