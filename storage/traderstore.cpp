#include "storage/traderstore.h"

#include "storage/connection.h"
#include "storage/sqliteregrade.h"
#include "storage/traderrows.h"

#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace longshot::storage {
namespace {

QVariant microsOrNull(const std::optional<Decimal> &d) {
    return d ? QVariant(d->micros()) : QVariant(QMetaType(QMetaType::LongLong));
}

// A null QString binds as SQL NULL; these columns are NOT NULL DEFAULT ''.
QString nonNull(const QString &s) {
    return s.isNull() ? u""_s : s;
}

std::optional<Decimal> decimalOrNull(const QVariant &v) {
    if (v.isNull())
        return std::nullopt;
    return Decimal::fromMicros(v.toLongLong());
}

MarkBook marksFrom(const MarketList &markets) {
    MarkBook marks;
    marks.kind = MarkKind::Midpoint; // gamma's outcomePrices are the book's midpoints
    for (const Market &m : markets) {
        for (const Outcome &o : m.outcomes) {
            if (o.lastPrice && !o.assetId.isEmpty())
                marks.prices.insert(o.assetId, *o.lastPrice);
        }
    }
    return marks;
}

// The same synthetic resolutions computeMetrics adds, so the stored positions agree with
// the metrics: every fully paid-out market the events do not settle themselves.
ActivityList withResolutions(const ActivityList &events, const MarketList &markets) {
    ActivityList all = events;
    QHash<QString, qint64> lastEvent;
    QSet<QString> settled;
    for (const ActivityEvent &e : events) {
        if (e.conditionId.isEmpty())
            continue;
        lastEvent[e.conditionId] = std::max(lastEvent.value(e.conditionId), e.timestampMs);
        if (e.kind == ActivityKind::Resolution || e.kind == ActivityKind::Redeem)
            settled.insert(e.conditionId);
    }
    for (const Market &m : markets) {
        if (m.outcomes.isEmpty() || settled.contains(m.marketId) || !lastEvent.contains(m.marketId))
            continue;
        QList<ActivityLeg> legs;
        bool paid = true;
        for (const Outcome &o : m.outcomes) {
            paid = paid && o.payout.has_value();
            legs.append(ActivityLeg{m.marketId, o.assetId, o.index, o.payout});
        }
        if (!paid)
            continue;
        const qint64 end = m.endDate.isValid() ? m.endDate.toMSecsSinceEpoch() : 0;
        all.append(
            ActivityEvent::resolution(m.marketId, legs, std::max(end, lastEvent.value(m.marketId) + 1)));
    }
    return all;
}

} // namespace

TraderStore::TraderStore(Connection &connection)
    : m_connection(connection) {}

TraderSummary TraderStore::summarize(const Wallet &wallet, const ActivityList &events,
                                     const MarketList &markets, QList<LedgerPosition> *positions,
                                     LedgerValuation *valuation) {
    TraderSummary s;
    s.wallet = wallet;
    s.events = events.size();
    const MarkBook marks = marksFrom(markets);
    s.metrics = computeMetrics(events, markets, marks);
    s.grade = gradeTrader(s.metrics);
    s.strategy = classifyStrategy(s.metrics);
    for (const MarketResult &r : std::as_const(s.metrics.markets))
        s.resolvedMarkets += r.resolved ? 1 : 0;
    if (positions || valuation) {
        const Ledger ledger = Ledger::replay(withResolutions(events, markets));
        if (positions)
            *positions = ledger.positions();
        if (valuation)
            *valuation = ledger.valuate(marks);
    }
    return s;
}

std::optional<StorageError> TraderStore::upsertMarkets(const MarketList &markets, qint64 nowMs) {
    QSqlQuery market(m_connection.database());
    if (auto e = m_connection.prepare(
            market,
            u"INSERT INTO markets (venue, market_id, title, slug, event_slug, category, end_date, closed, "
            "updated_ms, liquidity_micros, liquidity_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (venue, market_id) DO UPDATE SET "
            "title = CASE WHEN excluded.title <> '' THEN excluded.title ELSE markets.title END, "
            "slug = CASE WHEN excluded.slug <> '' THEN excluded.slug ELSE markets.slug END, "
            "event_slug = CASE WHEN excluded.event_slug <> '' THEN excluded.event_slug "
            "ELSE markets.event_slug END, "
            "category = CASE WHEN excluded.category <> '' THEN excluded.category ELSE markets.category END, "
            "end_date = COALESCE(excluded.end_date, markets.end_date), "
            "closed = CASE WHEN excluded.closed <> 0 THEN 1 ELSE markets.closed END, "
            // An answer without liquidity keeps the stored one; a sync finishing late with an older
            // reading does not replace a newer one.
            "liquidity_micros = CASE WHEN excluded.liquidity_micros IS NOT NULL "
            "AND (markets.liquidity_ms IS NULL OR excluded.liquidity_ms >= markets.liquidity_ms) "
            "THEN excluded.liquidity_micros ELSE markets.liquidity_micros END, "
            "liquidity_ms = CASE WHEN excluded.liquidity_micros IS NOT NULL "
            "AND (markets.liquidity_ms IS NULL OR excluded.liquidity_ms >= markets.liquidity_ms) "
            "THEN excluded.liquidity_ms ELSE markets.liquidity_ms END, "
            "updated_ms = excluded.updated_ms"_s))
        return e;
    QSqlQuery outcome(m_connection.database());
    if (auto e = m_connection.prepare(
            outcome,
            u"INSERT INTO outcomes (venue, asset_id, market_id, name, outcome_index, last_price_micros, "
            "payout_micros, mark_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (venue, asset_id) DO UPDATE "
            "SET "
            "market_id = excluded.market_id, "
            "name = CASE WHEN excluded.name <> '' THEN excluded.name ELSE outcomes.name END, "
            "outcome_index = CASE WHEN excluded.outcome_index >= 0 THEN excluded.outcome_index "
            "ELSE outcomes.outcome_index END, "
            "last_price_micros = COALESCE(excluded.last_price_micros, outcomes.last_price_micros), "
            "mark_ms = CASE WHEN excluded.last_price_micros IS NOT NULL THEN excluded.mark_ms "
            "ELSE outcomes.mark_ms END, "
            "payout_micros = COALESCE(excluded.payout_micros, outcomes.payout_micros)"_s))
        return e;
    for (const Market &m : markets) {
        market.addBindValue(venueName(m.venue));
        market.addBindValue(m.marketId);
        market.addBindValue(nonNull(m.title));
        market.addBindValue(nonNull(m.slug));
        market.addBindValue(nonNull(m.eventSlug));
        market.addBindValue(nonNull(m.category));
        market.addBindValue(m.endDate.isValid() ? QVariant(m.endDate.toMSecsSinceEpoch())
                                                : QVariant(QMetaType(QMetaType::LongLong)));
        market.addBindValue(m.closed ? 1 : 0);
        market.addBindValue(nowMs);
        market.addBindValue(microsOrNull(m.liquidityUsd));
        // Like a mark, the liquidity was read when the sync fetched the market.
        market.addBindValue(m.liquidityUsd ? QVariant(nowMs) : QVariant(QMetaType(QMetaType::LongLong)));
        if (auto e = m_connection.execPrepared(market, u"store market"_s))
            return e;
        for (const Outcome &o : m.outcomes) {
            if (o.assetId.isEmpty())
                continue;
            outcome.addBindValue(venueName(m.venue));
            outcome.addBindValue(o.assetId);
            outcome.addBindValue(m.marketId);
            outcome.addBindValue(nonNull(o.name));
            outcome.addBindValue(o.index);
            outcome.addBindValue(microsOrNull(o.lastPrice));
            outcome.addBindValue(microsOrNull(o.payout));
            // The sync's time is when gamma's price was read: the mark's time.
            outcome.addBindValue(o.lastPrice ? QVariant(nowMs) : QVariant(QMetaType(QMetaType::LongLong)));
            if (auto e = m_connection.execPrepared(outcome, u"store outcome"_s))
                return e;
        }
    }
    return std::nullopt;
}

std::optional<StorageError> TraderStore::saveMarkets(const MarketList &markets, qint64 nowMs) {
    if (markets.isEmpty())
        return std::nullopt;
    if (auto e = m_connection.beginWrite())
        return e;
    if (auto e = upsertMarkets(markets, nowMs)) {
        m_connection.rollback();
        return e;
    }
    return m_connection.commit();
}

std::optional<StorageError> TraderStore::marketsReadSince(Venue venue, const QStringList &ids, qint64 sinceMs,
                                                          QStringList *out) {
    out->clear();
    // The metadata sync asks about every market due in a round, thousands on a busy day: one
    // statement per chunk instead of one per id saves as many round trips on PostgreSQL. 500
    // bound values stay far under SQLite's (32766) and PostgreSQL's (65535) limits.
    constexpr qsizetype kChunk = 500;
    QStringList unique;
    unique.reserve(ids.size());
    {
        QSet<QString> seen;
        seen.reserve(ids.size());
        for (const QString &id : ids) {
            if (!seen.contains(id)) {
                seen.insert(id);
                unique.append(id);
            }
        }
    }
    QSet<QString> fresh;
    QSqlQuery q(m_connection.database());
    q.setForwardOnly(true);
    qsizetype preparedFor = 0; // only the last chunk can be shorter: at most two prepares a call
    for (qsizetype start = 0; start < unique.size(); start += kChunk) {
        const qsizetype n = std::min(kChunk, unique.size() - start);
        if (n != preparedFor) {
            QStringList marks;
            marks.fill(u"?"_s, n);
            if (auto e = m_connection.prepare(q, u"SELECT market_id FROM markets WHERE venue = ? AND "
                                                 "liquidity_ms >= ? AND market_id IN ("_s +
                                                     marks.join(u", "_s) + u')'))
                return e;
            preparedFor = n;
        }
        q.addBindValue(venueName(venue));
        q.addBindValue(sinceMs);
        for (qsizetype i = start; i < start + n; ++i)
            q.addBindValue(unique.at(i));
        if (auto e = m_connection.execPrepared(q, u"read market age"_s))
            return e;
        while (q.next())
            fresh.insert(q.value(0).toString());
        q.finish();
    }
    // The rows come back in the engine's order; the caller gets its own order back.
    for (const QString &id : std::as_const(unique)) {
        if (fresh.contains(id))
            out->append(id);
    }
    return std::nullopt;
}

std::optional<StorageError> TraderStore::save(const TraderSyncData &data, TraderSummary *summary) {
    if (auto e = m_connection.beginWrite())
        return e;
    const auto fail = [this](StorageError e) {
        m_connection.rollback();
        return std::optional<StorageError>(std::move(e));
    };
    const QString wallet = data.wallet.address();

    QSqlQuery trader(m_connection.database());
    if (auto e = m_connection.prepare(
            trader,
            u"INSERT INTO traders (wallet, name, pseudonym, first_seen_ms, last_seen_ms) VALUES (?, ?, ?, ?, "
            u"?) "
            "ON CONFLICT (wallet) DO UPDATE SET "
            "name = CASE WHEN excluded.name <> '' THEN excluded.name ELSE traders.name END, "
            "pseudonym = CASE WHEN excluded.pseudonym <> '' THEN excluded.pseudonym ELSE traders.pseudonym "
            "END, last_seen_ms = excluded.last_seen_ms"_s))
        return fail(*e);
    trader.addBindValue(wallet);
    trader.addBindValue(nonNull(data.name));
    trader.addBindValue(nonNull(data.pseudonym));
    trader.addBindValue(data.syncedMs);
    trader.addBindValue(data.syncedMs);
    if (auto e = m_connection.execPrepared(trader, u"store trader"_s))
        return fail(*e);

    if (data.replaceHistory) {
        QSqlQuery del(m_connection.database());
        if (auto e = m_connection.prepare(del, u"DELETE FROM activity_events WHERE wallet = ?"_s))
            return fail(*e);
        del.addBindValue(wallet);
        if (auto e = m_connection.execPrepared(del, u"replace activity"_s))
            return fail(*e);
    }
    QSqlQuery event(m_connection.database());
    if (auto e = m_connection.prepare(
            event, u"INSERT INTO activity_events (wallet, kind, condition_id, asset_id, outcome_index, "
                   u"shares_micros, "
                   "usdc_micros, fee_micros, ts_ms, tx_id, seq, legs, received) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"_s))
        return fail(*e);
    // Identical rows within one sync are distinct fills of one transaction: number them.
    QHash<QString, int> seen;
    for (const ActivityEvent &ev : data.events) {
        const QString kind = activityKindName(ev.kind);
        const QString key = ev.txId % u'/' % kind % u'/' % ev.conditionId % u'/' % ev.assetId % u'/' %
                            QString::number(ev.shares.micros()) % u'/' % QString::number(ev.usdc.micros()) %
                            u'/' % QString::number(ev.timestampMs);
        const int seq = seen[key]++;
        event.addBindValue(wallet);
        event.addBindValue(kind);
        event.addBindValue(nonNull(ev.conditionId));
        event.addBindValue(nonNull(ev.assetId));
        event.addBindValue(ev.outcomeIndex);
        event.addBindValue(ev.shares.micros());
        event.addBindValue(ev.usdc.micros());
        event.addBindValue(ev.fee.micros());
        event.addBindValue(ev.timestampMs);
        event.addBindValue(nonNull(ev.txId));
        event.addBindValue(seq);
        event.addBindValue(nonNull(legsText(ev.legs)));
        event.addBindValue(nonNull(legsText(ev.received)));
        if (auto e = m_connection.execPrepared(event, u"store activity"_s))
            return fail(*e);
    }
    if (auto e = upsertMarkets(data.markets, data.syncedMs))
        return fail(*e);

    QSqlQuery snap(m_connection.database());
    if (auto e = m_connection.prepare(
            snap, u"INSERT INTO position_snapshots (wallet, venue, market_id, asset_id, shares_micros, "
                  "avg_price_micros, realized_pnl_micros, mark_micros, taken_ms) VALUES (?, ?, ?, ?, ?, ?, "
                  "?, ?, ?) "
                  "ON CONFLICT DO NOTHING"_s))
        return fail(*e);
    for (const Position &p : data.positions) {
        snap.addBindValue(wallet);
        snap.addBindValue(venueName(p.venue));
        snap.addBindValue(nonNull(p.marketId));
        snap.addBindValue(p.assetId);
        snap.addBindValue(p.shares.micros());
        snap.addBindValue(p.averagePrice.micros());
        snap.addBindValue(p.realizedPnl.micros());
        snap.addBindValue(microsOrNull(p.mark));
        snap.addBindValue(data.syncedMs);
        if (auto e = m_connection.execPrepared(snap, u"store position snapshot"_s))
            return fail(*e);
    }

    // Completeness travels with the metrics row; recompute writes the figures next to it.
    QSqlQuery state(m_connection.database());
    if (auto e = m_connection.prepare(
            state, u"INSERT INTO trader_metrics (wallet, synced_ms, complete, incomplete_reason, events, "
                   "realized_pre_micros, realized_post_micros, unrealized_micros, total_pre_micros, "
                   "total_post_micros, "
                   "fees_micros, volume_micros, resolved_markets, wins, losses, unmarked_positions, "
                   "value_micros, grade, "
                   "grade_score, provisional, strategy, mark_kind) "
                   "VALUES (?, ?, ?, ?, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ?, '', 0, 1, '', '') "
                   "ON CONFLICT (wallet) DO UPDATE SET synced_ms = excluded.synced_ms, complete = "
                   "excluded.complete, "
                   "incomplete_reason = excluded.incomplete_reason, value_micros = excluded.value_micros"_s))
        return fail(*e);
    state.addBindValue(wallet);
    state.addBindValue(data.syncedMs);
    state.addBindValue(data.complete ? 1 : 0);
    state.addBindValue(nonNull(data.incompleteReasons.join(u"; "_s)));
    state.addBindValue(microsOrNull(data.value));
    if (auto e = m_connection.execPrepared(state, u"store sync state"_s))
        return fail(*e);

    if (auto e = recomputeInTransaction(data.wallet, summary))
        return fail(*e);
    return m_connection.commit();
}

std::optional<StorageError> TraderStore::recompute(const Wallet &wallet, TraderSummary *summary) {
    if (auto e = m_connection.beginWrite())
        return e;
    if (auto e = recomputeInTransaction(wallet, summary)) {
        m_connection.rollback();
        return e;
    }
    return m_connection.commit();
}

std::optional<StorageError> TraderStore::recomputeAll(int *count, RecomputePath path) {
    if (path == RecomputePath::Fastest && m_connection.engine() == Engine::Sqlite) {
        if (auto e = m_connection.beginWrite())
            return e;
        if (auto e = regradeAllOnSqlite(m_connection, count)) {
            m_connection.rollback();
            return e;
        }
        return m_connection.commit();
    }
    QList<Wallet> all;
    if (auto e = wallets(&all))
        return e;
    if (auto e = m_connection.beginWrite())
        return e;
    QHash<QString, std::optional<Market>> cache;
    m_marketCache = &cache;
    m_markTimes.clear();
    for (const Wallet &w : std::as_const(all)) {
        if (auto e = recomputeInTransaction(w, nullptr)) {
            m_marketCache = nullptr;
            m_connection.rollback();
            return e;
        }
    }
    m_marketCache = nullptr;
    if (count)
        *count = int(all.size());
    return m_connection.commit();
}

std::optional<StorageError> TraderStore::staleWallets(int limit, QList<Wallet> *out) {
    out->clear();
    QSqlQuery q(m_connection.database());
    q.setForwardOnly(true);
    if (auto e = m_connection.prepare(
            q,
            u"SELECT DISTINCT p.wallet FROM trader_positions p JOIN outcomes o "
            "ON o.venue = 'polymarket' AND o.asset_id = p.asset_id AND o.market_id = p.market_id "
            // Only marks a recompute would read: the market row is what it loads them through.
            "WHERE p.status = 'open' AND EXISTS (SELECT 1 FROM markets k WHERE k.venue = 'polymarket' "
            "AND k.market_id = p.market_id) AND ("
            "(o.last_price_micros IS NOT NULL AND (p.mark_micros IS NULL OR p.mark_micros <> "
            "o.last_price_micros)) OR (o.payout_micros IS NOT NULL AND NOT EXISTS (SELECT 1 FROM outcomes u "
            "WHERE u.venue = 'polymarket' AND u.market_id = o.market_id AND u.payout_micros IS NULL))) "
            "ORDER BY p.wallet LIMIT ?"_s))
        return e;
    q.addBindValue(limit);
    if (auto e = m_connection.execPrepared(q, u"find stale traders"_s))
        return e;
    while (q.next()) {
        if (const auto w = Wallet::parse(q.value(0).toString()))
            out->append(*w);
    }
    return std::nullopt;
}

std::optional<StorageError> TraderStore::refreshStale(int limit, int *refreshed) {
    *refreshed = 0;
    QList<Wallet> stale;
    if (auto e = staleWallets(limit, &stale))
        return e;
    if (stale.isEmpty())
        return std::nullopt;
    if (auto e = m_connection.beginWrite())
        return e;
    QHash<QString, std::optional<Market>> cache;
    m_marketCache = &cache;
    m_markTimes.clear();
    for (const Wallet &w : std::as_const(stale)) {
        if (auto e = recomputeInTransaction(w, nullptr)) {
            m_marketCache = nullptr;
            m_connection.rollback();
            return e;
        }
    }
    m_marketCache = nullptr;
    if (auto e = m_connection.commit())
        return e;
    *refreshed = int(stale.size());
    return std::nullopt;
}

std::optional<StorageError> TraderStore::recomputeInTransaction(const Wallet &wallet,
                                                                TraderSummary *summary) {
    ActivityList events;
    if (auto e = loadEvents(wallet, &events))
        return e;
    if (!m_marketCache)
        m_markTimes.clear(); // marks may have moved since the last call; a run reads them once
    QSet<QString> ids;
    for (const ActivityEvent &ev : std::as_const(events))
        if (!ev.conditionId.isEmpty())
            ids.insert(ev.conditionId);
    MarketList markets;
    if (auto e = loadMarkets(QStringList(ids.cbegin(), ids.cend()), &markets))
        return e;
    QList<LedgerPosition> positions;
    LedgerValuation valuation;
    TraderSummary s = summarize(wallet, events, markets, &positions, &valuation);
    const QString address = wallet.address();

    if (summary) { // only the summary needs the trader's row; a re-grade writes figures only
        QSqlQuery read(m_connection.database());
        if (auto e = m_connection.prepare(
                read, u"SELECT t.name, t.pseudonym, m.synced_ms, m.complete, m.incomplete_reason, "
                      "m.value_micros FROM traders t LEFT JOIN trader_metrics m ON m.wallet = t.wallet "
                      "WHERE t.wallet = ?"_s))
            return e;
        read.addBindValue(address);
        if (auto e = m_connection.execPrepared(read, u"read trader"_s))
            return e;
        if (read.next()) {
            s.name = read.value(0).toString();
            if (s.name.isEmpty())
                s.name = read.value(1).toString();
            s.syncedMs = read.value(2).toLongLong();
            s.complete = read.value(3).toInt() != 0;
            s.incompleteReason = read.value(4).toString();
            s.value = decimalOrNull(read.value(5));
        }
    }

    QSqlQuery del(m_connection.database());
    if (auto e = m_connection.prepare(del, u"DELETE FROM trader_positions WHERE wallet = ?"_s))
        return e;
    del.addBindValue(address);
    if (auto e = m_connection.execPrepared(del, u"clear positions"_s))
        return e;
    const auto optional = [](const std::optional<qint64> &v) {
        return v ? QVariant(*v) : QVariant(QMetaType(QMetaType::LongLong));
    };
    QSqlQuery pos(m_connection.database());
    if (auto e = m_connection.prepare(pos, insertPositionSql()))
        return e;
    for (const StoredPosition &p : storedPositions(positions, valuation)) {
        pos.addBindValue(address);
        pos.addBindValue(p.assetId);
        pos.addBindValue(p.marketId);
        pos.addBindValue(p.outcomeIndex);
        pos.addBindValue(p.shares);
        pos.addBindValue(optional(p.averagePrice));
        pos.addBindValue(optional(p.mark));
        pos.addBindValue(p.realizedPnl);
        pos.addBindValue(optional(p.unrealizedPnl));
        pos.addBindValue(p.status);
        if (auto e = m_connection.execPrepared(pos, u"store position"_s))
            return e;
    }

    const StoredMetrics m = storedMetrics(s, markedAt(valuation, m_markTimes));
    QSqlQuery up(m_connection.database());
    if (auto e = m_connection.prepare(up, updateMetricsSql()))
        return e;
    for (const qint64 v :
         {m.events, m.realizedPre, m.realizedPost, m.unrealized, m.totalPre, m.totalPost, m.fees, m.volume,
          qint64(m.resolvedMarkets), qint64(m.wins), qint64(m.losses), qint64(m.unmarkedPositions)})
        up.addBindValue(v);
    up.addBindValue(m.grade);
    up.addBindValue(m.gradeScore);
    up.addBindValue(m.provisional ? 1 : 0);
    up.addBindValue(m.strategy);
    up.addBindValue(m.markKind);
    up.addBindValue(m.overflow ? 1 : 0);
    up.addBindValue(m.markedMs);
    up.addBindValue(address);
    if (auto e = m_connection.execPrepared(up, u"store metrics"_s))
        return e;
    if (summary)
        *summary = std::move(s);
    return std::nullopt;
}

std::optional<StorageError> TraderStore::loadEvents(const Wallet &wallet, ActivityList *out) {
    out->clear();
    QSqlQuery q(m_connection.database());
    q.setForwardOnly(true);
    if (auto e = m_connection.prepare(
            q, u"SELECT kind, condition_id, asset_id, outcome_index, shares_micros, usdc_micros, fee_micros, "
               u"ts_ms, "
               "tx_id, legs, received FROM activity_events WHERE wallet = ? ORDER BY ts_ms, id"_s))
        return e;
    q.addBindValue(wallet.address());
    if (auto e = m_connection.execPrepared(q, u"load activity"_s))
        return e;
    while (q.next()) {
        const auto kind = activityKindFromName(q.value(0).toString());
        if (!kind)
            continue;
        ActivityEvent e;
        e.kind = *kind;
        e.wallet = wallet;
        e.conditionId = q.value(1).toString();
        e.assetId = q.value(2).toString();
        e.outcomeIndex = q.value(3).toInt();
        e.shares = Decimal::fromMicros(q.value(4).toLongLong());
        e.usdc = Decimal::fromMicros(q.value(5).toLongLong());
        e.fee = Decimal::fromMicros(q.value(6).toLongLong());
        e.timestampMs = q.value(7).toLongLong();
        e.txId = q.value(8).toString();
        e.legs = legsFrom(q.value(9).toString());
        e.received = legsFrom(q.value(10).toString());
        out->append(std::move(e));
    }
    return std::nullopt;
}

std::optional<StorageError> TraderStore::loadMarkets(const QStringList &requested, MarketList *out) {
    out->clear();
    QStringList conditionIds;
    if (m_marketCache) {
        for (const QString &id : requested) {
            const auto it = m_marketCache->constFind(id);
            if (it == m_marketCache->cend())
                conditionIds.append(id);
            else if (it->has_value())
                out->append(**it);
        }
        for (const QString &id : std::as_const(conditionIds))
            m_marketCache->insert(id, std::nullopt); // until found below
    } else {
        conditionIds = requested;
    }
    if (conditionIds.isEmpty())
        return std::nullopt;
    QSqlQuery mq(m_connection.database());
    if (auto e = m_connection.prepare(
            mq, u"SELECT title, slug, event_slug, category, end_date, closed FROM markets "
                "WHERE venue = 'polymarket' AND market_id = ?"_s))
        return e;
    QSqlQuery oq(m_connection.database());
    if (auto e = m_connection.prepare(
            oq, u"SELECT asset_id, name, outcome_index, last_price_micros, payout_micros, mark_ms "
                "FROM outcomes WHERE venue = 'polymarket' AND market_id = ? "
                "ORDER BY outcome_index"_s))
        return e;
    for (const QString &id : conditionIds) {
        mq.addBindValue(id);
        if (auto e = m_connection.execPrepared(mq, u"load market"_s))
            return e;
        if (!mq.next())
            continue;
        Market m;
        m.marketId = id;
        m.title = mq.value(0).toString();
        m.slug = mq.value(1).toString();
        m.eventSlug = mq.value(2).toString();
        m.category = mq.value(3).toString();
        if (!mq.value(4).isNull())
            m.endDate = QDateTime::fromMSecsSinceEpoch(mq.value(4).toLongLong(), Qt::UTC);
        m.closed = mq.value(5).toInt() != 0;
        mq.finish();
        oq.addBindValue(id);
        if (auto e = m_connection.execPrepared(oq, u"load outcomes"_s))
            return e;
        while (oq.next()) {
            m.outcomes.append(Outcome{oq.value(0).toString(), oq.value(1).toString(), oq.value(2).toInt(),
                                      decimalOrNull(oq.value(3)), decimalOrNull(oq.value(4))});
            m_markTimes.insert(m.outcomes.constLast().assetId,
                               oq.value(5).isNull() ? kMarkTimeUnknown : oq.value(5).toLongLong());
        }
        oq.finish();
        if (m_marketCache)
            m_marketCache->insert(id, m);
        out->append(std::move(m));
    }
    return std::nullopt;
}

std::optional<StorageError> TraderStore::wallets(QList<Wallet> *out) {
    out->clear();
    QSqlQuery q(m_connection.database());
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT wallet FROM trader_metrics ORDER BY wallet"_s))
        return m_connection.errorFrom(q.lastError(), u"list traders"_s);
    while (q.next()) {
        if (const auto w = Wallet::parse(q.value(0).toString()))
            out->append(*w);
    }
    return std::nullopt;
}

std::optional<StorageError> TraderStore::lastSynced(const Wallet &wallet, qint64 *ms) {
    *ms = 0;
    QSqlQuery q(m_connection.database());
    if (auto e = m_connection.prepare(q, u"SELECT synced_ms FROM trader_metrics WHERE wallet = ?"_s))
        return e;
    q.addBindValue(wallet.address());
    if (auto e = m_connection.execPrepared(q, u"read sync time"_s))
        return e;
    if (q.next())
        *ms = q.value(0).toLongLong();
    return std::nullopt;
}

} // namespace longshot::storage
