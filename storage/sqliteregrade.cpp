#include "storage/sqliteregrade.h"

#include "storage/connection.h"
#include "storage/sqlitestatement.h"
#include "storage/traderrows.h"
#include "storage/traderstore.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;

namespace longshot::storage {
namespace {

QByteArrayView utf8Of(const QString &text, QByteArray *buffer) {
    *buffer = text.toUtf8();
    return *buffer;
}

std::optional<Decimal> decimalAt(const SqliteStatement &s, int column) {
    if (s.isNull(column))
        return std::nullopt;
    return Decimal::fromMicros(s.int64(column));
}

// Condition and asset ids repeat on most rows: one shared QString per distinct id instead of an
// allocation and a UTF-8 decode per cell. Looked up without copying the row's bytes.
class TextPool final {
public:
    QString text(QByteArrayView utf8) {
        const auto it = m_texts.constFind(QByteArray::fromRawData(utf8.data(), utf8.size()));
        if (it != m_texts.cend())
            return *it;
        const QString text = QString::fromUtf8(utf8);
        m_texts.insert(utf8.toByteArray(), text);
        return text;
    }

private:
    QHash<QByteArray, QString> m_texts;
};

// Sets a numeric pragma of this connection for one scope and puts the old value back.
class PragmaScope final {
public:
    PragmaScope(Connection &c, const QString &name, qint64 value)
        : m_connection(c)
        , m_name(name) {
        StorageError error;
        if (auto read = SqliteStatement::prepare(c, u"PRAGMA "_s + name, &error)) {
            std::optional<StorageError> stepError;
            if (read->next(&stepError))
                m_old = read->int64(0);
        }
        if (m_old)
            m_connection.exec(u"PRAGMA %1=%2"_s.arg(name).arg(value));
    }
    ~PragmaScope() {
        if (m_old)
            m_connection.exec(u"PRAGMA %1=%2"_s.arg(m_name).arg(*m_old));
    }
    Q_DISABLE_COPY_MOVE(PragmaScope)

private:
    Connection &m_connection;
    QString m_name;
    std::optional<qint64> m_old;
};

class Regrade final {
public:
    Regrade(Connection &c, RegradeTimings *timings)
        : m_connection(c)
        , m_timings(timings) {}

    std::optional<StorageError> run(int *count);

private:
    std::optional<StorageError> prepare(std::optional<SqliteStatement> *out, const QString &sql) {
        StorageError error;
        auto statement = SqliteStatement::prepare(m_connection, sql, &error);
        if (!statement)
            return error;
        out->emplace(std::move(*statement));
        return std::nullopt;
    }
    std::optional<StorageError> marketsFor(const ActivityList &events, MarketList *out);
    std::optional<StorageError> loadMarket(const QString &conditionId, std::optional<Market> *out);
    std::optional<StorageError> store(const QByteArray &wallet, const ActivityList &events);

    // Adds the time since the last lap to *bucket when timings were asked for.
    void lap(qint64 RegradeTimings::*bucket) {
        if (!m_timings)
            return;
        const qint64 now = m_clock.nsecsElapsed();
        m_timings->*bucket += now - m_lapNs;
        m_lapNs = now;
    }

    Connection &m_connection;
    RegradeTimings *m_timings;
    QElapsedTimer m_clock;
    qint64 m_lapNs = 0;
    std::optional<SqliteStatement> m_market;
    std::optional<SqliteStatement> m_outcomes;
    std::optional<SqliteStatement> m_position;
    std::optional<SqliteStatement> m_metrics;
    // Traders share most of their markets and nothing writes markets during the run.
    QHash<QString, std::optional<Market>> m_markets;
    QByteArray m_text; // scratch for binding texts
    TextPool m_ids;
    QHash<QString, qint64> m_markTimes; // asset id -> outcomes.mark_ms
};

std::optional<StorageError> Regrade::loadMarket(const QString &conditionId, std::optional<Market> *out) {
    out->reset();
    if (auto e = m_market->bindText(1, utf8Of(conditionId, &m_text)))
        return e;
    std::optional<StorageError> error;
    if (m_market->next(&error)) {
        Market m;
        m.marketId = conditionId;
        m.title = m_market->text(0);
        m.slug = m_market->text(1);
        m.eventSlug = m_market->text(2);
        m.category = m_market->text(3);
        if (!m_market->isNull(4))
            m.endDate = QDateTime::fromMSecsSinceEpoch(m_market->int64(4), Qt::UTC);
        m.closed = m_market->int64(5) != 0;
        *out = std::move(m);
    }
    m_market->reset();
    if (error || !*out)
        return error;
    if (auto e = m_outcomes->bindText(1, m_text))
        return e;
    while (m_outcomes->next(&error)) {
        (*out)->outcomes.append(Outcome{m_outcomes->text(0), m_outcomes->text(1), int(m_outcomes->int64(2)),
                                        decimalAt(*m_outcomes, 3), decimalAt(*m_outcomes, 4)});
        m_markTimes.insert((*out)->outcomes.constLast().assetId,
                           m_outcomes->isNull(5) ? kMarkTimeUnknown : m_outcomes->int64(5));
    }
    m_outcomes->reset();
    return error;
}

std::optional<StorageError> Regrade::marketsFor(const ActivityList &events, MarketList *out) {
    out->clear();
    // The same set, in the same order, as TraderStore's per-wallet path asks for.
    QSet<QString> ids;
    for (const ActivityEvent &ev : events) {
        if (!ev.conditionId.isEmpty())
            ids.insert(ev.conditionId);
    }
    for (const QString &id : std::as_const(ids)) {
        auto it = m_markets.find(id);
        if (it == m_markets.end()) {
            std::optional<Market> m;
            if (auto e = loadMarket(id, &m))
                return e;
            it = m_markets.insert(id, std::move(m));
        }
        if (it->has_value())
            out->append(**it);
    }
    return std::nullopt;
}

std::optional<StorageError> Regrade::store(const QByteArray &address, const ActivityList &events) {
    lap(&RegradeTimings::readNs);
    const Wallet wallet = *Wallet::parse(QString::fromLatin1(address));
    MarketList markets;
    if (auto e = marketsFor(events, &markets))
        return e;
    lap(&RegradeTimings::marketsNs);
    QList<LedgerPosition> positions;
    LedgerValuation valuation;
    const TraderSummary s = TraderStore::summarize(wallet, events, markets, &positions, &valuation);
    lap(&RegradeTimings::summarizeNs);

    const auto optional = [](SqliteStatement &st, int index, const std::optional<qint64> &v) {
        return v ? st.bindInt64(index, *v) : st.bindNull(index);
    };
    SqliteStatement &pos = *m_position;
    // Wallets come in key order; with each wallet's rows in asset order too, every insert
    // appends to the (wallet, asset_id) index instead of splitting pages all over it.
    struct Row {
        QByteArray asset;
        StoredPosition position;
    };
    std::vector<Row> rows;
    for (StoredPosition &p : storedPositions(positions, valuation)) {
        QByteArray asset = p.assetId.toUtf8();
        rows.push_back(Row{std::move(asset), std::move(p)});
    }
    std::sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) { return a.asset < b.asset; });
    QByteArray market;
    QByteArray status;
    for (const Row &row : rows) {
        const StoredPosition &p = row.position;
        std::optional<StorageError> e = pos.bindText(1, address);
        if (!e)
            e = pos.bindText(2, row.asset);
        if (!e)
            e = pos.bindText(3, utf8Of(p.marketId, &market));
        if (!e)
            e = pos.bindInt64(4, p.outcomeIndex);
        if (!e)
            e = pos.bindInt64(5, p.shares);
        if (!e)
            e = optional(pos, 6, p.averagePrice);
        if (!e)
            e = optional(pos, 7, p.mark);
        if (!e)
            e = pos.bindInt64(8, p.realizedPnl);
        if (!e)
            e = optional(pos, 9, p.unrealizedPnl);
        if (!e)
            e = pos.bindText(10, utf8Of(p.status, &status));
        if (!e)
            e = pos.run();
        if (e)
            return e;
    }

    const StoredMetrics m = storedMetrics(s, markedAt(valuation, m_markTimes));
    SqliteStatement &up = *m_metrics;
    const qint64 ints[] = {m.events,          m.realizedPre, m.realizedPost, m.unrealized,
                           m.totalPre,        m.totalPost,   m.fees,         m.volume,
                           m.resolvedMarkets, m.wins,        m.losses,       m.unmarkedPositions};
    int index = 1;
    for (const qint64 v : ints) {
        if (auto e = up.bindInt64(index++, v))
            return e;
    }
    QByteArray grade;
    QByteArray strategy;
    QByteArray markKind;
    std::optional<StorageError> e = up.bindText(index++, utf8Of(m.grade, &grade));
    if (!e)
        e = up.bindDouble(index++, m.gradeScore);
    if (!e)
        e = up.bindInt64(index++, m.provisional ? 1 : 0);
    if (!e)
        e = up.bindText(index++, utf8Of(m.strategy, &strategy));
    if (!e)
        e = up.bindText(index++, utf8Of(m.markKind, &markKind));
    if (!e)
        e = up.bindInt64(index++, m.overflow ? 1 : 0);
    if (!e)
        e = up.bindInt64(index++, m.markedMs);
    if (!e)
        e = up.bindText(index++, address);
    if (!e)
        e = up.run();
    lap(&RegradeTimings::writeNs);
    return e;
}

std::optional<StorageError> Regrade::run(int *count) {
    m_clock.start();
    std::optional<SqliteStatement> list;
    std::optional<SqliteStatement> events;
    std::optional<SqliteStatement> clear;
    if (auto e = prepare(&list, u"SELECT wallet FROM trader_metrics"_s))
        return e;
    // (wallet, ts_ms) is indexed and id is the rowid, so this walks the index without a sort.
    if (auto e =
            prepare(&events, u"SELECT wallet, kind, condition_id, asset_id, outcome_index, shares_micros, "
                             "usdc_micros, fee_micros, ts_ms, legs, received FROM activity_events "
                             "ORDER BY wallet, ts_ms, id"_s))
        return e;
    // Usually every stored position belongs to a listed wallet: then the table is emptied whole,
    // which SQLite does page by page instead of row by row (and index entry by index entry).
    std::optional<SqliteStatement> strays;
    if (auto e = prepare(&strays, u"SELECT EXISTS (SELECT 1 FROM trader_positions WHERE wallet NOT IN "
                                  "(SELECT wallet FROM trader_metrics))"_s))
        return e;
    std::optional<StorageError> strayError;
    const bool keepStrays = !strays->next(&strayError) || strays->int64(0) != 0;
    if (strayError)
        return strayError;
    if (auto e = prepare(&clear, keepStrays ? u"DELETE FROM trader_positions WHERE wallet IN "
                                              "(SELECT wallet FROM trader_metrics)"_s
                                            : u"DELETE FROM trader_positions"_s))
        return e;
    if (auto e =
            prepare(&m_market, u"SELECT title, slug, event_slug, category, end_date, closed FROM markets "
                               "WHERE venue = 'polymarket' AND market_id = ?"_s))
        return e;
    if (auto e = prepare(&m_outcomes,
                         u"SELECT asset_id, name, outcome_index, last_price_micros, payout_micros, mark_ms "
                         "FROM outcomes WHERE venue = 'polymarket' AND market_id = ? "
                         "ORDER BY outcome_index"_s))
        return e;
    if (auto e = prepare(&m_position, insertPositionSql()))
        return e;
    if (auto e = prepare(&m_metrics, updateMetricsSql()))
        return e;

    // Only stored wallets that parse are re-graded, as on the per-wallet path; sorted by their
    // bytes, which is the order SQLite's BINARY collation gives the event stream.
    QList<QByteArray> wallets;
    std::optional<StorageError> error;
    while (list->next(&error)) {
        if (const auto w = Wallet::parse(list->text(0)))
            wallets.append(w->address().toLatin1());
    }
    if (error)
        return error;
    std::sort(wallets.begin(), wallets.end());
    wallets.erase(std::unique(wallets.begin(), wallets.end()), wallets.end());
    lap(&RegradeTimings::readNs);
    if (auto e = clear->run())
        return e;
    lap(&RegradeTimings::writeNs);

    qsizetype next = 0; // the first wallet not yet stored
    ActivityList current;
    bool collecting = false; // the stream is on wallets[next - 1]
    // streamed: the wallet the stream has reached; null at the end of the stream.
    const auto flushUpTo = [&](const QByteArray *streamed) -> std::optional<StorageError> {
        if (collecting) {
            if (auto e = store(wallets.at(next - 1), current))
                return e;
            collecting = false;
        }
        current.clear();
        // Wallets without a single event sort before the one now streaming: store them empty.
        while (next < wallets.size() && (!streamed || wallets.at(next) < *streamed)) {
            if (auto e = store(wallets.at(next++), {}))
                return e;
        }
        if (streamed && next < wallets.size() && wallets.at(next) == *streamed) {
            ++next;
            collecting = true;
        }
        return std::nullopt;
    };

    QByteArray streaming;
    bool started = false;
    Wallet currentWallet;
    while (events->next(&error)) {
        const QByteArrayView rowWallet = events->bytes(0);
        if (!started || rowWallet != QByteArrayView(streaming)) {
            started = true;
            streaming = rowWallet.toByteArray();
            if (auto e = flushUpTo(&streaming))
                return e;
            if (collecting)
                currentWallet = *Wallet::parse(QString::fromLatin1(streaming));
        }
        if (!collecting)
            continue;
        const auto kind = activityKindFromUtf8(events->bytes(1));
        if (!kind)
            continue;
        ActivityEvent e;
        e.kind = *kind;
        e.wallet = currentWallet;
        e.conditionId = m_ids.text(events->bytes(2));
        e.assetId = m_ids.text(events->bytes(3));
        e.outcomeIndex = int(events->int64(4));
        e.shares = Decimal::fromMicros(events->int64(5));
        e.usdc = Decimal::fromMicros(events->int64(6));
        e.fee = Decimal::fromMicros(events->int64(7));
        e.timestampMs = events->int64(8);
        // No tx_id: the ledger, metrics and grade never read it.
        if (!events->bytes(9).isEmpty())
            e.legs = legsFrom(events->text(9));
        if (!events->bytes(10).isEmpty())
            e.received = legsFrom(events->text(10));
        current.append(std::move(e));
    }
    if (error)
        return error;
    if (auto e = flushUpTo(nullptr))
        return e;
    if (count)
        *count = int(wallets.size());
    return std::nullopt;
}

} // namespace

std::optional<StorageError> regradeAllOnSqlite(Connection &connection, int *count, RegradeTimings *timings) {
    // Every event row is read, scattered over the file by the (wallet, ts_ms) walk: mapped pages
    // skip a pread() and a copy each (as the history readers do). Every trader's positions are
    // rewritten in one transaction: a larger cache keeps its dirty pages from spilling early.
    const PragmaScope mmap(connection, u"mmap_size"_s, 1LL << 30);
    const PragmaScope cache(connection, u"cache_size"_s, -65'536); // KiB
    Regrade regrade(connection, timings);
    return regrade.run(count);
}

} // namespace longshot::storage
