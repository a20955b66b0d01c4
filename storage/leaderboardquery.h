#pragma once

#include "models/domain/traderboard.h"
#include "models/domain/wallettimeline.h"
#include "storage/storageerror.h"

#include <QHash>
#include <QString>

#include <optional>

namespace longshot::storage {

class Connection;

// Per-wallet ledger replays kept between leaderboard requests. A wallet is replayed again
// only when its stored sync time or event count changed, so switching windows and categories
// costs a sum over cached steps rather than a replay of every trader.
class TimelineCache final {
public:
    struct Entry {
        qint64 syncedMs = 0;
        qint64 events = 0;
        WalletTimeline timeline;
    };
    const Entry *find(const QString &wallet, qint64 syncedMs, qint64 events) const;
    void insert(const QString &wallet, Entry entry) { m_entries.insert(wallet, std::move(entry)); }
    void clear() { m_entries.clear(); }
    qsizetype size() const { return m_entries.size(); }

private:
    QHash<QString, Entry> m_entries;
};

// Every synced trader's figures for one window, category and minimum, with Polymarket's own
// board figure for the period beside ours. The unbounded, uncategorised board is read straight
// from trader_metrics; the others are summed from each wallet's replayed timeline.
std::optional<StorageError> queryLeaderboard(Connection &connection, const LeaderboardQuery &query,
                                             TimelineCache &cache, LeaderboardResult *out);

// The schema that stores mark times (trader_metrics.marked_ms); an older file reads as unknown.
inline constexpr int kMarkTimeSchema = 6;

// Grade from its stored letter ("S".."F"); F for anything else.
Grade gradeFromName(const QString &name);

} // namespace longshot::storage
