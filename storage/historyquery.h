#pragma once

#include "models/domain/historyfilter.h"
#include "storage/storageerror.h"

#include <QString>

#include <memory>
#include <optional>

namespace longshot::storage {

class Connection;

// Market titles, outcome names and trader names by key, filled per page for the keys not seen
// yet. Rows then share one copy of each string, ids included. Keep one per reader connection
// and clear it when the data may have changed underneath (a new first page, another database).
class HistoryLookups final {
public:
    static constexpr qsizetype kMaxEntries = 200'000;
    // Past this many unknown markets (traders) in one page, the whole table is read instead.
    static constexpr qsizetype kBulkMarketKeys = 1'000;
    static constexpr qsizetype kBulkTraderKeys = 1'000;
    HistoryLookups();
    ~HistoryLookups();
    Q_DISABLE_COPY_MOVE(HistoryLookups)

    void clear();
    // Fills the titles and names of rows read elsewhere.
    std::optional<StorageError> resolve(Connection &connection, HistoryRows *rows);

    struct Cache; // by the stored UTF-8 bytes of each key, so a page's rows are matched undecoded

private:
    friend class HistoryPage;
    std::unique_ptr<Cache> m_cache;
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
