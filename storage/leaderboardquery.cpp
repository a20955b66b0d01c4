#include "storage/leaderboardquery.h"

#include "models/domain/metrics.h"
#include "storage/connection.h"
#include "storage/migrations.h"
#include "storage/wallethistory.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace longshot::storage {
namespace {

struct Official {
    int rank = 0;
    QString userName;
    Decimal pnl;
    qint64 fetchedMs = 0;
};

std::optional<double> ratio(Decimal num, Decimal den) {
    if (den.isZero())
        return std::nullopt;
    return static_cast<double>(num.micros()) / static_cast<double>(den.micros());
}

void setWinRate(LeaderboardRow &row) {
    const int decided = row.decided();
    if (decided > 0)
        row.winRate = static_cast<double>(row.wins) / decided;
    row.shrunkWinRate = (row.wins + WinRateStats::kPriorWins) /
                        (decided + WinRateStats::kPriorWins + WinRateStats::kPriorLosses);
}

std::optional<StorageError> readOfficial(Connection &c, BoardPeriod period, QHash<QString, Official> *out) {
    QSqlQuery q(c.database());
    q.setForwardOnly(true);
    if (auto e =
            c.prepare(q, u"SELECT wallet, rank, user_name, pnl_micros, fetched_ms FROM leaderboard_official "
                         "WHERE period = ?"_s))
        return e;
    q.addBindValue(boardPeriodKey(period));
    if (auto e = c.execPrepared(q, u"read Polymarket's leaderboard"_s))
        return e;
    while (q.next()) {
        out->insert(q.value(0).toString().toLower(),
                    Official{q.value(1).toInt(), q.value(2).toString(),
                             Decimal::fromMicros(q.value(3).toLongLong()), q.value(4).toLongLong()});
    }
    return std::nullopt;
}

std::optional<StorageError> readCategories(Connection &c, QStringList *out) {
    QSqlQuery q(c.database());
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT DISTINCT category FROM markets WHERE category <> '' ORDER BY category"_s))
        return c.errorFrom(q.lastError(), u"list categories"_s);
    while (q.next())
        out->append(q.value(0).toString());
    return std::nullopt;
}

} // namespace

const TimelineCache::Entry *TimelineCache::find(const QString &wallet, qint64 syncedMs, qint64 events) const {
    const auto it = m_entries.constFind(wallet);
    if (it == m_entries.constEnd() || it->syncedMs != syncedMs || it->events != events)
        return nullptr;
    return &*it;
}

Grade gradeFromName(const QString &name) {
    for (int g = int(Grade::S); g <= int(Grade::F); ++g) {
        if (gradeName(Grade(g)) == name)
            return Grade(g);
    }
    return Grade::F;
}

std::optional<StorageError> queryLeaderboard(Connection &connection, const LeaderboardQuery &query,
                                             TimelineCache &cache, LeaderboardResult *out) {
    *out = LeaderboardResult{};
    out->query = query;
    const qint64 now = query.nowMs > 0 ? query.nowMs : QDateTime::currentMSecsSinceEpoch();
    const qint64 span = boardPeriodMs(query.period);
    out->windowEndMs = now;
    out->windowStartMs = span > 0 ? now - span : 0;
    const bool fromMetrics = span == 0 && query.category.isEmpty();

    if (auto e = readCategories(connection, &out->categories))
        return e;
    QHash<QString, Official> official;
    if (auto e = readOfficial(connection, query.period, &official))
        return e;
    for (const Official &o : std::as_const(official))
        out->officialFetchedMs = std::max(out->officialFetchedMs, o.fetchedMs);

    int schema = 0;
    if (auto e = readSchemaVersion(connection, &schema))
        return e;
    QSqlQuery q(connection.database());
    q.setForwardOnly(true);
    if (!q.exec(
            u"SELECT m.wallet, t.name, t.pseudonym, m.synced_ms, m.complete, m.incomplete_reason, m.events, "
            "m.realized_pre_micros, m.realized_post_micros, m.unrealized_micros, m.total_pre_micros, "
            "m.total_post_micros, m.volume_micros, m.resolved_markets, m.wins, m.losses, "
            "m.unmarked_positions, m.grade, m.grade_score, m.provisional, m.strategy, m.overflow, "
            "m.mark_kind, %1 FROM trader_metrics m LEFT JOIN traders t ON t.wallet = m.wallet "
            "ORDER BY m.wallet"_s.arg(schema >= kMarkTimeSchema ? u"m.marked_ms"_s : u"-1"_s)))
        return connection.errorFrom(q.lastError(), u"read trader metrics"_s);
    struct Pending {
        LeaderboardRow row;
        qint64 events = 0;
    };
    QList<Pending> pending;
    while (q.next()) {
        const auto wallet = Wallet::parse(q.value(0).toString());
        if (!wallet)
            continue;
        LeaderboardRow r;
        r.wallet = *wallet;
        r.name = q.value(1).toString();
        if (r.name.isEmpty())
            r.name = q.value(2).toString();
        r.syncedMs = q.value(3).toLongLong();
        r.complete = q.value(4).toInt() != 0;
        r.incompleteReason = q.value(5).toString();
        r.unmarkedPositions = q.value(16).toInt();
        r.grade = gradeFromName(q.value(17).toString());
        r.gradeScore = q.value(18).toDouble();
        r.gradeProvisional = q.value(19).toInt() != 0;
        r.strategy = q.value(20).toString();
        r.overflow = q.value(21).toInt() != 0;
        r.markKind = q.value(22).toString();
        r.markedMs = q.value(23).toLongLong();
        if (fromMetrics) {
            r.realizedPreFee = Decimal::fromMicros(q.value(7).toLongLong());
            r.unrealized = Decimal::fromMicros(q.value(9).toLongLong());
            r.pnlPreFee = Decimal::fromMicros(q.value(10).toLongLong());
            r.pnlPostFee = Decimal::fromMicros(q.value(11).toLongLong());
            r.volume = Decimal::fromMicros(q.value(12).toLongLong());
            r.resolvedLifetime = q.value(13).toInt();
            r.wins = q.value(14).toInt();
            r.losses = q.value(15).toInt();
        }
        pending.append(Pending{std::move(r), q.value(6).toLongLong()});
    }
    q.finish();

    for (Pending &p : pending) {
        LeaderboardRow &r = p.row;
        const QString address = r.wallet.address();
        if (!fromMetrics) {
            const TimelineCache::Entry *entry = cache.find(address, r.syncedMs, p.events);
            if (!entry) {
                ActivityList events;
                MarketList markets;
                if (auto e = loadWalletHistory(connection, r.wallet, &events, &markets))
                    return e;
                cache.insert(address, {r.syncedMs, p.events,
                                       buildWalletTimeline(events, markets, storedMarks(markets))});
                entry = cache.find(address, r.syncedMs, p.events);
            }
            const WindowFigures w =
                windowFigures(entry->timeline, out->windowStartMs, now + 1, query.category);
            r.realizedPreFee = w.realizedPreFee;
            r.unrealized = w.unrealized;
            r.pnlPreFee = w.totalPreFee;
            r.pnlPostFee = w.totalPostFee;
            r.volume = w.volume;
            r.wins = w.wins;
            r.losses = w.losses;
            r.resolvedLifetime = w.resolvedLifetime;
            r.overflow = r.overflow || w.overflow;
        }
        if (r.resolvedLifetime < query.minResolved) {
            ++out->hiddenByMinimum;
            continue;
        }
        r.roi = ratio(r.pnlPostFee, r.volume);
        setWinRate(r);
        const auto o = official.constFind(address);
        if (o != official.constEnd()) {
            if (r.name.isEmpty())
                r.name = o->userName;
            // Polymarket's board is overall: beside a category it would compare unlike things.
            if (query.category.isEmpty()) {
                r.officialPnl = o->pnl;
                r.officialRank = o->rank;
                r.officialFetchedMs = o->fetchedMs;
                if (const auto d = o->pnl.checkedSub(r.realizedPreFee))
                    r.difference = *d;
            }
        }
        out->rows.append(std::move(r));
    }
    return std::nullopt;
}

} // namespace longshot::storage
