#include "storage/syncstate.h"

#include "models/domain/activity.h"
#include "storage/connection.h"

#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace longshot::storage {

std::optional<StorageError> loadTraderSyncStates(Connection &connection, QList<TraderSyncState> *out) {
    out->clear();
    QSqlQuery q(connection.database());
    // Both maxima walk activity_events_wallet_ts for one wallet at a time.
    if (auto e = connection.prepare(
            q, u"SELECT m.wallet, m.synced_ms, m.complete, "
               "(SELECT MAX(e.ts_ms) FROM activity_events e WHERE e.wallet = m.wallet AND e.kind IN (?, ?)), "
               "(SELECT MAX(e.ts_ms) FROM activity_events e WHERE e.wallet = m.wallet AND e.kind <> ?) "
               "FROM trader_metrics m"_s))
        return e;
    q.addBindValue(activityKindName(ActivityKind::Buy));
    q.addBindValue(activityKindName(ActivityKind::Sell));
    q.addBindValue(activityKindName(ActivityKind::Resolution));
    if (auto e = connection.execPrepared(q, u"read trader sync states"_s))
        return e;
    while (q.next()) {
        const auto wallet = Wallet::parse(q.value(0).toString());
        if (!wallet)
            continue;
        TraderSyncState s;
        s.wallet = *wallet;
        s.syncedMs = q.value(1).toLongLong();
        s.complete = q.value(2).toInt() != 0;
        s.lastTradeMs = q.value(3).isNull() ? 0 : q.value(3).toLongLong();
        s.newestEventMs = q.value(4).isNull() ? 0 : q.value(4).toLongLong();
        out->append(s);
    }
    return std::nullopt;
}

} // namespace longshot::storage
