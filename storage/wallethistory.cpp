#include "storage/wallethistory.h"

#include "storage/traderstore.h"

#include <QSet>

namespace longshot::storage {

std::optional<StorageError> loadWalletHistory(Connection &connection, const Wallet &wallet,
                                              ActivityList *events, MarketList *markets) {
    TraderStore store(connection); // only its read helpers run here
    if (auto e = store.loadEvents(wallet, events))
        return e;
    QSet<QString> ids;
    for (const ActivityEvent &ev : std::as_const(*events)) {
        if (!ev.conditionId.isEmpty())
            ids.insert(ev.conditionId);
    }
    return store.loadMarkets(QStringList(ids.cbegin(), ids.cend()), markets);
}

MarkBook storedMarks(const MarketList &markets) {
    MarkBook marks;
    marks.kind = MarkKind::Midpoint;
    for (const Market &m : markets) {
        for (const Outcome &o : m.outcomes) {
            if (o.lastPrice && !o.assetId.isEmpty())
                marks.prices.insert(o.assetId, *o.lastPrice);
        }
    }
    return marks;
}

} // namespace longshot::storage
