#include "app/tradersyncdata.h"

#include <QDateTime>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace longshot::app {

storage::TraderSyncData toSyncData(const net::TraderSnapshot &s) {
    storage::TraderSyncData d;
    d.wallet = s.wallet;
    d.name = s.name;
    d.pseudonym = s.pseudonym;
    d.events = s.events;
    // Only a full fetch whose activity phase worked holds the whole history; an incremental
    // or failed one adds to what is stored.
    d.replaceHistory =
        s.sinceMs == 0 && !std::any_of(s.errors.cbegin(), s.errors.cend(),
                                       [](const net::PhaseError &e) { return e.phase == u"activity"_s; });
    d.markets = s.markets;
    for (const net::PositionRow &row : s.positions)
        d.positions.append(row.position);
    d.value = s.value;
    d.complete = s.complete;
    d.incompleteReasons = s.incompleteReasons;
    d.syncedMs = s.fetchedMs > 0 ? s.fetchedMs : QDateTime::currentMSecsSinceEpoch();
    return d;
}

storage::OfficialLeaderboard toOfficialLeaderboard(const QList<net::LeaderboardRow> &rows) {
    storage::OfficialLeaderboard out;
    out.reserve(rows.size());
    for (const net::LeaderboardRow &r : rows) {
        if (r.wallet.isEmpty())
            continue;
        out.append(storage::OfficialLeaderboardRow{r.rank, r.wallet, r.userName, r.pnl, r.volume});
    }
    return out;
}

QList<net::KnownWallet> toKnownWallets(const QList<storage::TraderSyncState> &states) {
    QList<net::KnownWallet> out;
    out.reserve(states.size());
    for (const storage::TraderSyncState &s : states)
        out.append(net::KnownWallet{s.wallet, s.syncedMs, s.lastTradeMs, s.newestEventMs, s.complete});
    return out;
}

} // namespace longshot::app
