#include "storage/historyquery.h"

#include "storage/connection.h"
#include "storage/sqlitestatement.h"
#include "storage/tradewriter.h"

#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace longshot::storage {

namespace {

enum class Order : quint8 { NewestFirst = 1, OldestFirst };

// A WHERE clause with its bound values in order. Positional binding: QSQLITE and QPSQL both
// take "?" and neither then has to emulate repeated named placeholders.
struct Where {
    QStringList terms;
    QVariantList values;

    void add(const QString &term, const QVariantList &bound) {
        terms << term;
        values << bound;
    }
    QString sql() const { return terms.isEmpty() ? QString() : u" WHERE "_s + terms.join(u" AND "_s); }
};

// "0x12ab" or a whole address: the lowercase hex prefix of a wallet; empty when it is not one.
QString walletPrefix(const QString &text) {
    const QString lower = text.trimmed().toLower();
    if (lower.size() < 3 || !lower.startsWith(u"0x"_s) || lower.size() > 42)
        return {};
    for (qsizetype i = 2; i < lower.size(); ++i) {
        const QChar c = lower.at(i);
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return {};
    }
    return lower;
}

Where whereFor(const HistoryFilter &f) {
    Where w;
    if (f.fromMs > 0)
        w.add(u"t.ts_ms >= ?"_s, {f.fromMs});
    if (f.toMs > 0)
        w.add(u"t.ts_ms < ?"_s, {f.toMs});
    if (f.venue)
        w.add(u"t.venue = ?"_s, {venueName(*f.venue)});
    if (f.minUsd.micros() > 0)
        w.add(u"t.notional_micros >= ?"_s, {f.minUsd.micros()});
    const QString market = f.market.trimmed();
    if (!market.isEmpty()) {
        // The exact id, or any market whose title contains the words: resolved against the
        // small markets table first, so the trades side can use its (market_id, ts_ms) index.
        w.add(u"t.market_id IN (SELECT CAST(? AS TEXT) UNION SELECT m.market_id FROM markets m "
              "WHERE LOWER(m.title) LIKE ? ESCAPE '\\' OR LOWER(m.slug) LIKE ? ESCAPE '\\')"_s,
              {market, containsPattern(market), containsPattern(market)});
    }
    const QString trader = f.trader.trimmed();
    if (!trader.isEmpty()) {
        const QString prefix = walletPrefix(trader);
        if (prefix.size() == 42) {
            w.add(u"t.wallet = ?"_s, {prefix});
        } else if (!prefix.isEmpty()) {
            // A prefix as a range, so the (wallet, ts_ms) index serves it.
            w.add(u"t.wallet >= ? AND t.wallet < ?"_s, {prefix, QString(prefix + u'g')});
        } else {
            w.add(u"t.wallet IN (SELECT tr2.wallet FROM traders tr2 WHERE LOWER(tr2.name) LIKE ? ESCAPE '\\' "
                  "OR LOWER(tr2.pseudonym) LIKE ? ESCAPE '\\')"_s,
                  {containsPattern(trader), containsPattern(trader)});
        }
    }
    return w;
}

// Trades only: names and titles come from HistoryLookups, once per distinct key, instead of
// three joins per row. A page of one whale's fills names the same few markets a thousand times.
const QString kSelect =
    u"SELECT t.id, t.ts_ms, t.venue, t.side, t.price_micros, t.size_micros, t.notional_micros, t.fee_micros, "
    "t.received_ms, t.outcome_index, t.market_id, t.asset_id, t.tx_id, t.wallet, t.outcome, t.source "
    "FROM trades t"_s;

// Column access over either engine: QSqlQuery, or on SQLite the raw statement, which skips a
// QVariant and a UTF-16 conversion per cell (most of a page's cost on a large file).
struct QtColumns {
    const QSqlQuery &q;
    qint64 int64(int c) const { return q.value(c).toLongLong(); }
    bool isNull(int c) const { return q.isNull(c); }
    QString text(int c) const { return q.value(c).toString(); }
};

template <typename Columns> HistoryRow rowFrom(const Columns &q) {
    HistoryRow r;
    r.rowId = q.int64(0);
    Trade &t = r.trade;
    t.timestampMs = q.int64(1);
    t.venue = venueFromName(q.text(2)).value_or(Venue::Polymarket);
    t.side = sideFromName(q.text(3)).value_or(Side::Buy);
    t.price = Decimal::fromMicros(q.int64(4));
    t.size = Decimal::fromMicros(q.int64(5));
    r.notionalMicros = q.int64(6);
    if (!q.isNull(7))
        t.fee = Decimal::fromMicros(q.int64(7));
    t.receivedMs = q.int64(8);
    t.outcomeIndex = int(q.int64(9));
    t.marketId = q.text(10);
    t.assetId = q.text(11);
    t.txId = q.text(12);
    if (const auto wallet = Wallet::parse(q.text(13)))
        t.wallet = *wallet;
    t.outcome = q.text(14);
    t.source = tradeSourceFromName(q.text(15));
    return r;
}

std::optional<StorageError> run(Connection &c, const QString &sql, const QVariantList &values, QSqlQuery *q,
                                const QString &context) {
    q->setForwardOnly(true);
    if (auto error = c.prepare(*q, sql))
        return error;
    for (const QVariant &v : values)
        q->addBindValue(v);
    return c.execPrepared(*q, context);
}

std::optional<StorageError> queryRows(Connection &c, const HistoryFilter &filter,
                                      const std::optional<HistoryCursor> &after, int limit, Order order,
                                      HistoryLookups *lookups, HistoryRows *rows) {
    rows->clear();
    Where w = whereFor(filter);
    const bool newest = order == Order::NewestFirst;
    if (after) {
        // The redundant first term lets the engine seek the (ts_ms) index; the second breaks ties.
        w.add(newest ? u"t.ts_ms <= ? AND (t.ts_ms < ? OR t.id < ?)"_s
                     : u"t.ts_ms >= ? AND (t.ts_ms > ? OR t.id > ?)"_s,
              {after->timestampMs, after->timestampMs, after->rowId});
    }
    const QString sql = kSelect + w.sql() +
                        (newest ? u" ORDER BY t.ts_ms DESC, t.id DESC"_s : u" ORDER BY t.ts_ms, t.id"_s) +
                        u" LIMIT %1"_s.arg(std::max(1, limit));
    rows->reserve(limit);
    if (c.engine() == Engine::Sqlite) {
        StorageError error;
        auto statement = SqliteStatement::prepare(c, sql, &error);
        if (!statement)
            return error;
        if (auto bindError = statement->bind(w.values))
            return bindError;
        std::optional<StorageError> stepError;
        while (statement->next(&stepError))
            rows->append(rowFrom(*statement));
        if (stepError)
            return stepError;
    } else {
        QSqlQuery q(c.database());
        if (auto error = run(c, sql, w.values, &q, u"history page"_s))
            return error;
        while (q.next())
            rows->append(rowFrom(QtColumns{q}));
        if (q.lastError().isValid())
            return c.errorFrom(q.lastError(), u"history page"_s);
    }
    HistoryLookups local;
    return (lookups ? lookups : &local)->resolve(c, rows);
}

// Runs `sql` with `values` bound, calling `row` for every result row with a column reader
// (SqliteStatement on SQLite, QtColumns elsewhere).
template <typename F>
std::optional<StorageError> forEachRow(Connection &c, const QString &sql, const QVariantList &values, F row) {
    if (c.engine() == Engine::Sqlite) {
        StorageError error;
        auto statement = SqliteStatement::prepare(c, sql, &error);
        if (!statement)
            return error;
        if (auto bindError = statement->bind(values))
            return bindError;
        std::optional<StorageError> stepError;
        while (statement->next(&stepError))
            row(*statement);
        return stepError;
    }
    QSqlQuery q(c.database());
    if (auto error = run(c, sql, values, &q, u"history lookups"_s))
        return error;
    while (q.next())
        row(QtColumns{q});
    return std::nullopt;
}

// Runs `sql` + " IN (?, ?, ...)" over `keys` in chunks, after the `leading` bound values. Small
// chunks: the Qt SQLite driver looks up each placeholder's name, a cost that grows with the
// placeholder count.
template <typename F>
std::optional<StorageError> lookupIn(Connection &c, const QString &sql, const QVariantList &leading,
                                     const QStringList &keys, F row) {
    constexpr qsizetype kChunk = 100;
    for (qsizetype i = 0; i < keys.size(); i += kChunk) {
        const QStringList part = keys.mid(i, kChunk);
        QStringList marks;
        marks.fill(u"?"_s, part.size());
        QVariantList values = leading;
        values.reserve(values.size() + part.size());
        for (const QString &k : part)
            values << k;
        if (auto error = forEachRow(c, sql + u" IN ("_s + marks.join(u',') + u')', values, row))
            return error;
    }
    return std::nullopt;
}

} // namespace

std::size_t HistoryLookups::slot(Venue venue) {
    const auto value = std::size_t(venue);
    return value < kVenueSlots ? value : 0;
}

qsizetype HistoryLookups::size() const {
    qsizetype n = m_traders.size();
    for (std::size_t i = 0; i < kVenueSlots; ++i)
        n += m_markets[i].size() + m_outcomes[i].size();
    return n;
}

void HistoryLookups::clear() {
    for (auto &markets : m_markets)
        markets.clear();
    for (auto &outcomes : m_outcomes)
        outcomes.clear();
    m_traders.clear();
}

std::optional<StorageError> HistoryLookups::resolve(Connection &c, HistoryRows *rows) {
    if (size() > kMaxEntries)
        clear();
    // Keys are venue-qualified where the schema's keys are; a miss is cached too, as empty.
    QHash<Venue, QSet<QString>> markets; // by venue: the markets key is (venue, market_id)
    QSet<QString> outcomes, wallets;
    qsizetype missingMarkets = 0;
    for (const HistoryRow &r : std::as_const(*rows)) {
        const Trade &t = r.trade;
        if (!m_markets[slot(t.venue)].contains(t.marketId)) {
            QSet<QString> &ids = markets[t.venue];
            const qsizetype before = ids.size();
            ids.insert(t.marketId);
            missingMarkets += ids.size() - before;
        }
        if (t.outcome.isEmpty() && !m_outcomes[slot(t.venue)].contains(t.assetId))
            outcomes.insert(t.assetId);
        if (!t.wallet.isEmpty() && !m_traders.contains(t.wallet.address()))
            wallets.insert(t.wallet.address());
    }
    const auto addMarket = [&](const auto &q) {
        if (const auto venue = venueFromName(q.text(0)))
            m_markets[slot(*venue)].insert(q.text(1), {q.text(2), q.text(3), q.text(4)});
    };
    if (missingMarkets > kBulkMarketKeys) {
        // A page touching thousands of markets (one busy trader over years): one pass over the
        // markets table costs less than thousands of seeks. Bounded, so a huge table falls back.
        qsizetype loaded = 0;
        if (auto error = forEachRow(
                c,
                u"SELECT venue, market_id, title, slug, event_slug FROM markets LIMIT %1"_s.arg(kMaxEntries),
                {}, [&](const auto &q) {
                    addMarket(q);
                    ++loaded;
                }))
            return error;
        if (loaded < kMaxEntries)
            markets.clear(); // every stored market is in the cache now
    }
    for (auto it = markets.cbegin(); it != markets.cend(); ++it) {
        QStringList ids;
        for (const QString &id : it.value()) {
            if (!m_markets[slot(it.key())].contains(id))
                ids << id;
        }
        if (auto error = lookupIn(
                c,
                u"SELECT venue, market_id, title, slug, event_slug FROM markets WHERE venue = ? AND market_id"_s,
                {venueName(it.key())}, ids, addMarket))
            return error;
    }
    if (!outcomes.isEmpty()) {
        if (auto error = lookupIn(c, u"SELECT venue, asset_id, name FROM outcomes WHERE asset_id"_s, {},
                                  outcomes.values(), [&](const auto &q) {
                                      if (const auto venue = venueFromName(q.text(0)))
                                          m_outcomes[slot(*venue)].insert(q.text(1), q.text(2));
                                  }))
            return error;
    }
    if (wallets.size() > kBulkTraderKeys) {
        // As for markets: a page naming thousands of wallets reads the traders table once.
        qsizetype loaded = 0;
        if (auto error =
                forEachRow(c, u"SELECT wallet, name, pseudonym FROM traders LIMIT %1"_s.arg(kMaxEntries), {},
                           [&](const auto &q) {
                               m_traders.insert(q.text(0), {q.text(1), q.text(2)});
                               ++loaded;
                           }))
            return error;
        if (loaded < kMaxEntries)
            wallets.clear();
        else
            wallets.removeIf([this](const QString &w) { return m_traders.contains(w); });
    }
    if (!wallets.isEmpty()) {
        if (auto error = lookupIn(c, u"SELECT wallet, name, pseudonym FROM traders WHERE wallet"_s, {},
                                  wallets.values(), [&](const auto &q) {
                                      m_traders.insert(q.text(0), {q.text(1), q.text(2)});
                                  }))
            return error;
    }
    for (HistoryRow &r : *rows) {
        Trade &t = r.trade;
        auto &markets = m_markets[slot(t.venue)];
        const auto m = markets.constFind(t.marketId);
        if (m != markets.cend()) {
            t.marketTitle = m->title;
            t.marketSlug = m->slug;
            t.eventSlug = m->eventSlug;
        } else {
            markets.insert(t.marketId, {});
        }
        if (t.outcome.isEmpty()) {
            auto &outcomes = m_outcomes[slot(t.venue)];
            const auto o = outcomes.constFind(t.assetId);
            if (o != outcomes.cend())
                t.outcome = *o;
            else
                outcomes.insert(t.assetId, {});
        }
        if (!t.wallet.isEmpty()) {
            const auto tr = m_traders.constFind(t.wallet.address());
            if (tr != m_traders.cend()) {
                t.traderName = tr->first;
                t.traderPseudonym = tr->second;
            } else {
                m_traders.insert(t.wallet.address(), {});
            }
        }
    }
    return std::nullopt;
}

QString containsPattern(const QString &text) {
    QString escaped;
    escaped.reserve(text.size() + 2);
    escaped += u'%';
    for (const QChar c : text.trimmed().toLower()) {
        if (c == u'%' || c == u'_' || c == u'\\')
            escaped += u'\\';
        escaped += c;
    }
    escaped += u'%';
    return escaped;
}

std::optional<StorageError> queryHistoryPage(Connection &connection, const HistoryFilter &filter,
                                             const std::optional<HistoryCursor> &after, int limit,
                                             HistoryRows *rows, HistoryLookups *lookups) {
    return queryRows(connection, filter, after, limit, Order::NewestFirst, lookups, rows);
}

std::optional<StorageError> queryTradesForward(Connection &connection, const HistoryFilter &filter,
                                               const std::optional<HistoryCursor> &after, int limit,
                                               HistoryRows *rows, HistoryLookups *lookups) {
    return queryRows(connection, filter, after, limit, Order::OldestFirst, lookups, rows);
}

std::optional<StorageError> queryHistoryTotals(Connection &connection, const HistoryFilter &filter,
                                               HistoryTotals *totals) {
    *totals = {};
    const Where w = whereFor(filter);
    // The sum travels as text: PostgreSQL's SUM(bigint) is NUMERIC, and SQLite raises an
    // "integer overflow" error rather than wrap, which the fallback below turns into a flag.
    const QString sql = u"SELECT COUNT(*), CAST(SUM(t.notional_micros) AS TEXT) FROM trades t"_s + w.sql();
    QSqlQuery q(connection.database());
    auto error = run(connection, sql, w.values, &q, u"history totals"_s);
    if (!error && q.next()) {
        totals->count = q.value(0).toLongLong();
        bool ok = true;
        const QString sum = q.value(1).toString();
        const qint64 micros = sum.isEmpty() ? 0 : sum.toLongLong(&ok);
        totals->volume = Decimal::fromMicros(ok ? micros : 0);
        totals->volumeOverflow = !ok;
        return std::nullopt;
    }
    if (!error)
        return connection.errorFrom(q.lastError(), u"history totals"_s);
    if (!error->message.contains(u"overflow"_s, Qt::CaseInsensitive))
        return error;
    q.finish();
    QSqlQuery countOnly(connection.database());
    if (auto again = run(connection, u"SELECT COUNT(*) FROM trades t"_s + w.sql(), w.values, &countOnly,
                         u"history count"_s))
        return again;
    if (!countOnly.next())
        return connection.errorFrom(countOnly.lastError(), u"history count"_s);
    totals->count = countOnly.value(0).toLongLong();
    totals->volumeOverflow = true;
    return std::nullopt;
}

} // namespace longshot::storage
