#include "storage/historyquery.h"

#include "storage/connection.h"
#include "storage/sqlitestatement.h"
#include "storage/tradewriter.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <array>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

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
// QVariant per cell and hands out UTF-8 bytes that the lookups match without decoding.
struct QtColumns {
    const QSqlQuery &q;
    qint64 int64(int c) const { return q.value(c).toLongLong(); }
    bool isNull(int c) const { return q.isNull(c); }
    QString text(int c) const { return q.value(c).toString(); }
};

// A lookup key as UTF-8 bytes: the raw statement's own buffer, or `buffer` filled from text.
std::string_view keyOf(const SqliteStatement &q, int c, std::string *) {
    const QByteArrayView utf8 = q.bytes(c);
    return {utf8.data(), std::size_t(utf8.size())};
}

std::string_view keyOf(const QString &text, std::string *buffer) {
    buffer->clear();
    for (const QChar ch : text) {
        if (ch.unicode() >= 0x80) { // ids and wallets are ASCII; anything else the general way
            const QByteArray utf8 = text.toUtf8();
            buffer->assign(utf8.constData(), std::size_t(utf8.size()));
            return *buffer;
        }
        buffer->push_back(char(ch.unicode()));
    }
    return *buffer;
}

std::string_view keyOf(const QtColumns &q, int c, std::string *buffer) {
    return keyOf(q.text(c), buffer);
}

QString textOf(std::string_view utf8) {
    return QString::fromUtf8(utf8.data(), qsizetype(utf8.size()));
}

// The last few distinct values of one column, by their stored UTF-8 bytes. Venue, side,
// source and outcome cells repeat from row to row: a short probe replaces an allocation, a
// UTF-8 decode and a parse per cell.
template <typename V> class RecentValues {
public:
    template <typename Make> const V &get(QByteArrayView utf8, Make make) {
        for (int i = 0; i < m_used; ++i) {
            if (m_keys[i] == utf8)
                return m_values[i];
        }
        const int slot = m_used < kSlots ? m_used++ : m_next++ % kSlots;
        // resize + copy keeps the key's buffer once it has grown: no allocation per miss.
        m_keys[slot].resize(utf8.size());
        std::copy(utf8.begin(), utf8.end(), m_keys[slot].begin());
        m_values[slot] = make(QString::fromUtf8(utf8));
        return m_values[slot];
    }

private:
    static constexpr int kSlots = 4;
    std::array<QByteArray, kSlots> m_keys;
    std::array<V, kSlots> m_values;
    int m_used = 0;
    int m_next = 0;
};

Venue venueFrom(const QString &text) {
    return venueFromName(text).value_or(Venue::Polymarket);
}

Side sideFrom(const QString &text) {
    return sideFromName(text).value_or(Side::Buy);
}

// A stored venue name; nullopt for a name this build does not know.
std::optional<Venue> venueOf(const SqliteStatement &q, int c, RecentValues<std::optional<Venue>> *memo) {
    return memo->get(q.bytes(c), [](const QString &text) { return venueFromName(text); });
}

std::optional<Venue> venueOf(const QtColumns &q, int c, RecentValues<std::optional<Venue>> *) {
    return venueFromName(q.text(c));
}

// The columns of kSelect that need no lookup.
template <typename Columns> void numbersFrom(const Columns &q, HistoryRow *r) {
    r->rowId = q.int64(0);
    Trade &t = r->trade;
    t.timestampMs = q.int64(1);
    t.price = Decimal::fromMicros(q.int64(4));
    t.size = Decimal::fromMicros(q.int64(5));
    r->notionalMicros = q.int64(6);
    if (!q.isNull(7))
        t.fee = Decimal::fromMicros(q.int64(7));
    t.receivedMs = q.int64(8);
    t.outcomeIndex = int(q.int64(9));
}

HistoryRow rowFrom(const QtColumns &q) {
    HistoryRow r;
    numbersFrom(q, &r);
    Trade &t = r.trade;
    t.venue = venueFrom(q.text(2));
    t.side = sideFrom(q.text(3));
    t.marketId = q.text(10);
    t.assetId = q.text(11);
    t.txId = TxId::fromText(q.text(12));
    t.wallet = Wallet::parse(q.text(13)).value_or(Wallet());
    t.outcome = q.text(14);
    t.source = tradeSourceFromName(q.text(15));
    return r;
}

struct BytesHash {
    using is_transparent = void; // find() by string_view: no key built per probe
    // Qt's seeded hash (AES-based where the CPU has it): an id of 66 bytes in a few cycles.
    std::size_t operator()(std::string_view key) const noexcept {
        return qHashBits(key.data(), key.size(), seed);
    }
    std::size_t seed = QHashSeed::globalSeed();
};

} // namespace

struct HistoryLookups::Cache {
    // Found or not, an entry is known once the database was asked: misses stay cached, empty.
    struct Market {
        QString id;
        QString title;
        QString slug;
        QString eventSlug;
        bool known = false;
    };
    struct Outcome {
        QString assetId;
        QString name;
        bool known = false;
    };
    struct Trader {
        Wallet wallet;
        QString name;
        QString pseudonym;
        bool known = false;
    };
    template <typename V> using ByBytes = std::unordered_map<std::string, V, BytesHash, std::equal_to<>>;

    // The schema's market and outcome keys are venue-qualified: one map per venue, by Venue value.
    static constexpr std::size_t kVenueSlots = 3;
    static std::size_t slot(Venue venue) {
        const auto value = std::size_t(venue);
        return value < kVenueSlots ? value : 0;
    }
    // The entry for `key`, made (unknown) when new; node-based maps keep its address.
    template <typename V> static V &entry(ByBytes<V> &map, std::string_view key, bool *added) {
        auto it = map.find(key);
        *added = it == map.end();
        if (*added)
            it = map.emplace(std::string(key), V{}).first;
        return it->second;
    }

    qsizetype size() const {
        std::size_t n = traders.size();
        for (std::size_t i = 0; i < kVenueSlots; ++i)
            n += markets[i].size() + outcomes[i].size();
        return qsizetype(n);
    }
    void clear() {
        for (auto &m : markets)
            m.clear();
        for (auto &o : outcomes)
            o.clear();
        traders.clear();
    }

    std::array<ByBytes<Market>, kVenueSlots> markets;
    std::array<ByBytes<Outcome>, kVenueSlots> outcomes; // by asset id
    ByBytes<Trader> traders;                            // by wallet
};

// One page of rows against the lookups: each row's market and wallet are matched by their bytes
// as it is read (a trader's 100,000 rows name a few thousand markets and one wallet, so most
// cells are neither decoded nor allocated), the keys not seen before are fetched once for the
// page, and then every row takes its titles and names from the shared entries.
class HistoryPage final {
public:
    using Cache = HistoryLookups::Cache;

    HistoryPage(HistoryLookups &lookups, qsizetype expectedRows)
        : m_cache(*lookups.m_cache) {
        if (m_cache.size() > HistoryLookups::kMaxEntries)
            m_cache.clear();
        m_markets.reserve(std::size_t(expectedRows));
        m_outcomes.reserve(std::size_t(expectedRows));
        m_traders.reserve(std::size_t(expectedRows));
    }
    Q_DISABLE_COPY_MOVE(HistoryPage)

    // Takes the next row's keys (venue and outcome already set): sets its market id and wallet
    // to the shared copies. The asset key is only read when the row has no outcome name.
    void add(Trade *t, std::string_view market, std::string_view asset, std::string_view wallet) {
        const std::size_t venue = Cache::slot(t->venue);
        bool added = false;
        Cache::Market &m = Cache::entry(m_cache.markets[venue], market, &added);
        if (added) {
            m.id = textOf(market);
            m_newMarkets[venue].push_back(&m);
        }
        t->marketId = m.id;
        m_markets.push_back(&m);

        Cache::Outcome *o = nullptr;
        if (t->outcome.isEmpty()) {
            o = &Cache::entry(m_cache.outcomes[venue], asset, &added);
            if (added) {
                o->assetId = t->assetId;
                m_newOutcomes.push_back(o);
            }
        }
        m_outcomes.push_back(o);

        Cache::Trader *tr = nullptr;
        if (!wallet.empty()) {
            // A trader's own history names one wallet on every row: skip the hash for a repeat.
            if (m_lastTrader && wallet == m_lastWallet) {
                tr = m_lastTrader;
                added = false;
            } else {
                tr = &Cache::entry(m_cache.traders, wallet, &added);
                m_lastTrader = tr;
                m_lastWallet.assign(wallet);
            }
            if (added) {
                tr->wallet = Wallet::parse(textOf(wallet)).value_or(Wallet());
                if (tr->wallet.isEmpty())
                    tr->known = true; // not an address: nothing to look up
                else
                    m_newTraders.push_back(tr);
            }
            t->wallet = tr->wallet;
            if (tr->wallet.isEmpty())
                tr = nullptr;
        } else {
            t->wallet = {};
        }
        m_traders.push_back(tr);
    }

    // Fetches what the page's new keys name, then fills every row. On failure the cache is
    // dropped, so no entry stays unknown for a later page.
    std::optional<StorageError> finish(Connection &c, HistoryRows *rows) {
        if (auto error = fetch(c)) {
            m_cache.clear();
            return error;
        }
        for (qsizetype i = 0; i < rows->size(); ++i) {
            Trade &t = (*rows)[i].trade;
            const std::size_t k = std::size_t(i);
            const Cache::Market *m = m_markets[k];
            t.marketTitle = m->title;
            t.marketSlug = m->slug;
            t.eventSlug = m->eventSlug;
            if (const Cache::Outcome *o = m_outcomes[k])
                t.outcome = o->name;
            if (const Cache::Trader *tr = m_traders[k]) {
                t.traderName = tr->name;
                t.traderPseudonym = tr->pseudonym;
            }
        }
        return std::nullopt;
    }

private:
    std::optional<StorageError> fetch(Connection &c);
    std::optional<StorageError> fetchMarkets(Connection &c);
    std::optional<StorageError> fetchOutcomes(Connection &c);
    std::optional<StorageError> fetchTraders(Connection &c);

    Cache &m_cache;
    // Per row, in row order: the entries its titles and names come from.
    std::vector<const Cache::Market *> m_markets;
    std::vector<const Cache::Outcome *> m_outcomes;
    std::vector<const Cache::Trader *> m_traders;
    // The entries this page made, still unknown until fetch().
    std::array<std::vector<Cache::Market *>, Cache::kVenueSlots> m_newMarkets;
    std::vector<Cache::Outcome *> m_newOutcomes;
    std::vector<Cache::Trader *> m_newTraders;
    Cache::Trader *m_lastTrader = nullptr;
    std::string m_lastWallet;
};

namespace {

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
    if (c.engine() != Engine::Sqlite) {
        QSqlQuery q(c.database());
        if (auto error = run(c, sql, w.values, &q, u"history page"_s))
            return error;
        while (q.next())
            rows->append(rowFrom(QtColumns{q}));
        if (q.lastError().isValid())
            return c.errorFrom(q.lastError(), u"history page"_s);
        HistoryLookups local;
        return (lookups ? lookups : &local)->resolve(c, rows);
    }
    StorageError error;
    auto statement = SqliteStatement::prepare(c, sql, &error);
    if (!statement)
        return error;
    if (auto bindError = statement->bind(w.values))
        return bindError;
    HistoryLookups local;
    HistoryPage page(lookups ? *lookups : local, limit);
    RecentValues<Venue> venues;
    RecentValues<Side> sides;
    RecentValues<QString> outcomes;
    RecentValues<TradeSource> sources;
    std::optional<StorageError> stepError;
    const SqliteStatement &q = *statement;
    while (statement->next(&stepError)) {
        HistoryRow &r = rows->emplace_back();
        numbersFrom(q, &r);
        Trade &t = r.trade;
        t.venue = venues.get(q.bytes(2), venueFrom);
        t.side = sides.get(q.bytes(3), sideFrom);
        t.assetId = q.text(11);
        t.txId = TxId::fromText(q.text(12));
        t.outcome = outcomes.get(q.bytes(14), [](const QString &text) { return text; });
        t.source = sources.get(q.bytes(15), tradeSourceFromName);
        page.add(&t, keyOf(q, 10, nullptr), t.outcome.isEmpty() ? keyOf(q, 11, nullptr) : std::string_view(),
                 keyOf(q, 13, nullptr));
    }
    if (stepError)
        return stepError;
    return page.finish(c, rows);
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

std::optional<StorageError> HistoryPage::fetch(Connection &c) {
    if (auto error = fetchMarkets(c))
        return error;
    if (auto error = fetchOutcomes(c))
        return error;
    return fetchTraders(c);
}

std::optional<StorageError> HistoryPage::fetchMarkets(Connection &c) {
    std::size_t unknown = 0;
    for (const auto &markets : m_newMarkets)
        unknown += markets.size();
    if (unknown == 0)
        return std::nullopt;
    std::string buffer;
    RecentValues<std::optional<Venue>> venues;
    const auto fill = [&](const auto &q, bool addAll) {
        const std::optional<Venue> venue = venueOf(q, 0, &venues);
        if (!venue)
            return;
        auto &markets = m_cache.markets[Cache::slot(*venue)];
        const std::string_view key = keyOf(q, 1, &buffer);
        Cache::Market *m = nullptr;
        if (addAll) {
            bool added = false;
            m = &Cache::entry(markets, key, &added);
            if (added)
                m->id = q.text(1);
        } else if (const auto it = markets.find(key); it != markets.end()) {
            m = &it->second;
        }
        if (m) {
            m->title = q.text(2);
            m->slug = q.text(3);
            m->eventSlug = q.text(4);
            m->known = true;
        }
    };
    bool complete = false;
    if (qsizetype(unknown) > HistoryLookups::kBulkMarketKeys) {
        // A page touching thousands of markets (one busy trader over years): one pass over the
        // markets table costs less than thousands of seeks. Bounded, so a huge table falls back.
        qsizetype loaded = 0;
        if (auto error =
                forEachRow(c,
                           u"SELECT venue, market_id, title, slug, event_slug FROM markets LIMIT %1"_s.arg(
                               HistoryLookups::kMaxEntries),
                           {}, [&](const auto &q) {
                               fill(q, true);
                               ++loaded;
                           }))
            return error;
        complete = loaded < HistoryLookups::kMaxEntries; // every stored market is in the cache now
    }
    for (std::size_t venue = 0; venue < Cache::kVenueSlots && !complete; ++venue) {
        QStringList ids;
        for (const Cache::Market *m : m_newMarkets[venue]) {
            if (!m->known)
                ids << m->id;
        }
        if (ids.isEmpty())
            continue;
        if (auto error = lookupIn(
                c,
                u"SELECT venue, market_id, title, slug, event_slug FROM markets WHERE venue = ? AND market_id"_s,
                {venueName(Venue(venue))}, ids, [&](const auto &q) { fill(q, false); }))
            return error;
    }
    for (auto &markets : m_newMarkets) {
        for (Cache::Market *m : markets)
            m->known = true;
    }
    return std::nullopt;
}

std::optional<StorageError> HistoryPage::fetchOutcomes(Connection &c) {
    if (m_newOutcomes.empty())
        return std::nullopt;
    QStringList ids;
    for (const Cache::Outcome *o : m_newOutcomes)
        ids << o->assetId;
    ids.removeDuplicates(); // one asset id may be new under both venues
    std::string buffer;
    if (auto error = lookupIn(
            c, u"SELECT venue, asset_id, name FROM outcomes WHERE asset_id"_s, {}, ids, [&](const auto &q) {
                const auto venue = venueFromName(q.text(0));
                if (!venue)
                    return;
                auto &outcomes = m_cache.outcomes[Cache::slot(*venue)];
                if (const auto it = outcomes.find(keyOf(q, 1, &buffer)); it != outcomes.end())
                    it->second.name = q.text(2);
            }))
        return error;
    for (Cache::Outcome *o : m_newOutcomes)
        o->known = true;
    return std::nullopt;
}

std::optional<StorageError> HistoryPage::fetchTraders(Connection &c) {
    if (m_newTraders.empty())
        return std::nullopt;
    std::string buffer;
    const auto fill = [&](const auto &q, bool addAll) {
        const std::string_view key = keyOf(q, 0, &buffer);
        Cache::Trader *tr = nullptr;
        if (addAll) {
            bool added = false;
            tr = &Cache::entry(m_cache.traders, key, &added);
            if (added)
                tr->wallet = Wallet::parse(q.text(0)).value_or(Wallet());
        } else if (const auto it = m_cache.traders.find(key); it != m_cache.traders.end()) {
            tr = &it->second;
        }
        if (tr) {
            tr->name = q.text(1);
            tr->pseudonym = q.text(2);
            tr->known = true;
        }
    };
    bool complete = false;
    if (qsizetype(m_newTraders.size()) > HistoryLookups::kBulkTraderKeys) {
        // As for markets: a page naming thousands of wallets reads the traders table once.
        qsizetype loaded = 0;
        if (auto error = forEachRow(
                c, u"SELECT wallet, name, pseudonym FROM traders LIMIT %1"_s.arg(HistoryLookups::kMaxEntries),
                {}, [&](const auto &q) {
                    fill(q, true);
                    ++loaded;
                }))
            return error;
        complete = loaded < HistoryLookups::kMaxEntries;
    }
    if (!complete) {
        QStringList wallets;
        for (const Cache::Trader *tr : m_newTraders) {
            if (!tr->known)
                wallets << tr->wallet.address();
        }
        if (auto error = lookupIn(c, u"SELECT wallet, name, pseudonym FROM traders WHERE wallet"_s, {},
                                  wallets, [&](const auto &q) { fill(q, false); }))
            return error;
    }
    for (Cache::Trader *tr : m_newTraders)
        tr->known = true;
    return std::nullopt;
}

HistoryLookups::HistoryLookups()
    : m_cache(std::make_unique<Cache>()) {}

HistoryLookups::~HistoryLookups() = default;

void HistoryLookups::clear() {
    m_cache->clear();
}

std::optional<StorageError> HistoryLookups::resolve(Connection &c, HistoryRows *rows) {
    HistoryPage page(*this, rows->size());
    std::string market, asset, wallet;
    for (HistoryRow &r : *rows) {
        Trade &t = r.trade;
        page.add(&t, keyOf(t.marketId, &market), keyOf(t.assetId, &asset),
                 t.wallet.isEmpty() ? std::string_view() : keyOf(t.wallet.address(), &wallet));
    }
    return page.finish(c, rows);
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
