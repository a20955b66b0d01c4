#pragma once

#include "models/domain/historyfilter.h"
#include "storage/storageerror.h"

#include <QHash>
#include <QString>

#include <array>
#include <optional>
#include <utility>

namespace longshot::storage {

class Connection;

// Market titles, outcome names and trader names by key, filled per page for the keys not seen
// yet. Rows then share one copy of each string. Keep one per reader connection and clear it
// when the data may have changed underneath (a new first page, another database).
class HistoryLookups final {
public:
    static constexpr qsizetype kMaxEntries = 200'000;
    // Past this many unknown markets (traders) in one page, the whole table is read instead.
    static constexpr qsizetype kBulkMarketKeys = 1'000;
    static constexpr qsizetype kBulkTraderKeys = 1'000;
    void clear();
    std::optional<StorageError> resolve(Connection &connection, HistoryRows *rows);

private:
    struct MarketText {
        QString title;
        QString slug;
        QString eventSlug;
    };
    // One map per venue (the schema's keys are venue-qualified), indexed by the Venue value:
    // no venue-prefixed copy of every key to build and hash per row.
    static constexpr std::size_t kVenueSlots = 3;
    static std::size_t slot(Venue venue);
    qsizetype size() const;
    std::array<QHash<QString, MarketText>, kVenueSlots> m_markets;
    std::array<QHash<QString, QString>, kVenueSlots> m_outcomes;
    QHash<QString, std::pair<QString, QString>> m_traders; // name, pseudonym
};

// The History panel's reads, as plain functions over a connection owned by the calling thread
// (the query worker's). Every value is bound, never spliced into the SQL; text filters match
// case-insensitively (ASCII) with LIKE, with % and _ in the user's text taken literally.

// Newest first, (ts_ms DESC, id DESC), at most `limit` rows strictly after `after`.
std::optional<StorageError> queryHistoryPage(Connection &connection, const HistoryFilter &filter,
                                             const std::optional<HistoryCursor> &after, int limit,
                                             HistoryRows *rows, HistoryLookups *lookups = nullptr);

// COUNT(*) and SUM(notional_micros) of the filter, computed by the engine: exact integers.
std::optional<StorageError> queryHistoryTotals(Connection &connection, const HistoryFilter &filter,
                                               HistoryTotals *totals);

// Oldest first, (ts_ms ASC, id ASC), strictly after `after`: the replay's chunks.
std::optional<StorageError> queryTradesForward(Connection &connection, const HistoryFilter &filter,
                                               const std::optional<HistoryCursor> &after, int limit,
                                               HistoryRows *rows, HistoryLookups *lookups = nullptr);

// The text of a LIKE pattern that matches `text` anywhere, with \ as the escape character.
QString containsPattern(const QString &text);

} // namespace longshot::storage
