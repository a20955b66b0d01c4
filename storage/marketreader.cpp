#include "storage/marketreader.h"

#include "storage/connection.h"
#include "storage/historyquery.h"
#include "storage/migrations.h"
#include "storage/tradewriter.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

#include <algorithm>
#include <array>
#include <limits>
#include <utility>

using namespace Qt::StringLiterals;

namespace longshot::storage {

namespace {

constexpr qint64 kMinuteMs = 60'000;
constexpr qint64 kHourMs = 60 * kMinuteMs;
constexpr qint64 kDayMs = 24 * kHourMs;
constexpr std::array<qint64, 15> kSteps{
    kMinuteMs,      2 * kMinuteMs, 5 * kMinuteMs, 10 * kMinuteMs, 15 * kMinuteMs,
    30 * kMinuteMs, kHourMs,       2 * kHourMs,   4 * kHourMs,    6 * kHourMs,
    12 * kHourMs,   kDayMs,        2 * kDayMs,    7 * kDayMs,     30 * kDayMs,
};

// The fill's outcome index: the stored one, else the outcome table's (older rows may lack it).
const QString kOutcomeIndex = u"COALESCE(NULLIF(t.outcome_index, -1), o.outcome_index, -1)"_s;
// The price of the first outcome: a fill on the second is the same contract from the other side.
const QString kYesPrice =
    u"(CASE WHEN "_s + kOutcomeIndex + u" = 1 THEN 1000000 - t.price_micros ELSE t.price_micros END)"_s;
const QString kFromTrades =
    u" FROM trades t LEFT JOIN outcomes o ON o.venue = t.venue AND o.asset_id = t.asset_id"
    " WHERE t.venue = ? AND t.market_id = ? AND t.ts_ms >= ? AND t.ts_ms < ?"_s;
// S and A, as gradeName() spells them.
const QString kGraded = u"m.grade IN ('S', 'A')"_s;

std::optional<StorageError> run(Connection &c, const QString &sql, const QVariantList &values, QSqlQuery *q,
                                const QString &context) {
    q->setForwardOnly(true);
    if (auto error = c.prepare(*q, sql))
        return error;
    for (const QVariant &v : values)
        q->addBindValue(v);
    return c.execPrepared(*q, context);
}

// Sums travel as text: PostgreSQL's SUM(bigint) is NUMERIC, which the driver would make a double.
std::optional<Decimal> sumOf(const QVariant &value) {
    if (value.isNull())
        return Decimal();
    bool ok = false;
    const qint64 micros = value.toString().toLongLong(&ok);
    if (!ok)
        return std::nullopt;
    return Decimal::fromMicros(micros);
}

StorageError overflow(const QString &context) {
    return StorageError{StorageError::Kind::Query, context + u": a sum left the 64-bit range"_s};
}

std::optional<StorageError> readMarket(Connection &c, const MarketHistoryRequest &r, int schema,
                                       std::optional<Market> *out) {
    const QVariantList key{venueName(r.venue), r.marketId};
    QSqlQuery mq(c.database());
    if (auto e = run(c,
                     u"SELECT title, slug, event_slug, category, end_date, closed FROM markets "
                     "WHERE venue = ? AND market_id = ?"_s,
                     key, &mq, u"market metadata"_s))
        return e;
    if (!mq.next())
        return std::nullopt;
    Market m;
    m.venue = r.venue;
    m.marketId = r.marketId;
    m.title = mq.value(0).toString();
    m.slug = mq.value(1).toString();
    m.eventSlug = mq.value(2).toString();
    m.category = mq.value(3).toString();
    if (!mq.value(4).isNull())
        m.endDate = QDateTime::fromMSecsSinceEpoch(mq.value(4).toLongLong(), Qt::UTC);
    m.closed = mq.value(5).toInt() != 0;
    mq.finish();
    // Marks and payouts arrived with schema 3; an older file read as it is has names only.
    QSqlQuery oq(c.database());
    const QString marks = schema >= 3 ? u"last_price_micros, payout_micros"_s : u"NULL, NULL"_s;
    if (auto e =
            run(c,
                u"SELECT asset_id, name, outcome_index, "_s + marks +
                    u" FROM outcomes WHERE venue = ? AND market_id = ? ORDER BY outcome_index, asset_id"_s,
                key, &oq, u"market outcomes"_s))
        return e;
    const auto decimalOrNull = [](const QVariant &v) -> std::optional<Decimal> {
        return v.isNull() ? std::nullopt : std::optional<Decimal>(Decimal::fromMicros(v.toLongLong()));
    };
    while (oq.next())
        m.outcomes.append(Outcome{oq.value(0).toString(), oq.value(1).toString(), oq.value(2).toInt(),
                                  decimalOrNull(oq.value(3)), decimalOrNull(oq.value(4))});
    *out = std::move(m);
    return std::nullopt;
}

std::optional<StorageError> readBuckets(Connection &c, const MarketHistoryRequest &r, qint64 from, qint64 to,
                                        qint64 width, PriceBucketList *out) {
    // Buckets are aligned to the epoch, so a bucket keeps its bounds when the range grows.
    // First and last fill per bucket by (ts_ms, id): open and close are real prints.
    const QString sql =
        u"SELECT b, COUNT(*), CAST(SUM(n) AS TEXT), MIN(p), MAX(p), MAX(CASE WHEN rf = 1 THEN p END), "
        "MAX(CASE WHEN rl = 1 THEN p END), MAX(ts_ms) FROM ("
        "SELECT t.ts_ms / ? AS b, t.ts_ms, t.notional_micros AS n, "_s +
        kYesPrice +
        u" AS p, ROW_NUMBER() OVER (PARTITION BY t.ts_ms / ? ORDER BY t.ts_ms, t.id) AS rf, "
        "ROW_NUMBER() OVER (PARTITION BY t.ts_ms / ? ORDER BY t.ts_ms DESC, t.id DESC) AS rl"_s +
        kFromTrades + u") x GROUP BY b ORDER BY b"_s;
    QSqlQuery q(c.database());
    if (auto e = run(c, sql, {width, width, width, venueName(r.venue), r.marketId, from, to}, &q,
                     u"market buckets"_s))
        return e;
    while (q.next()) {
        PriceBucket b;
        b.startMs = q.value(0).toLongLong() * width;
        b.trades = q.value(1).toLongLong();
        const auto volume = sumOf(q.value(2));
        if (!volume)
            return overflow(u"market buckets"_s);
        b.volumeUsd = *volume;
        b.low = Decimal::fromMicros(q.value(3).toLongLong());
        b.high = Decimal::fromMicros(q.value(4).toLongLong());
        b.open = Decimal::fromMicros(q.value(5).toLongLong());
        b.close = Decimal::fromMicros(q.value(6).toLongLong());
        b.lastTradeMs = q.value(7).toLongLong();
        out->append(b);
    }
    if (q.lastError().isValid())
        return c.errorFrom(q.lastError(), u"market buckets"_s);
    return std::nullopt;
}

std::optional<StorageError> readRecent(Connection &c, const MarketHistoryRequest &r, TradeBatch *out) {
    if (r.recentLimit <= 0)
        return std::nullopt;
    QSqlQuery q(c.database());
    if (auto e =
            run(c,
                u"SELECT t.id, t.ts_ms, t.side, t.price_micros, t.size_micros, t.fee_micros, t.received_ms, "
                "t.outcome_index, t.asset_id, t.tx_id, t.wallet, t.outcome, t.source FROM trades t "
                "WHERE t.venue = ? AND t.market_id = ? ORDER BY t.ts_ms DESC, t.id DESC LIMIT ?"_s,
                {venueName(r.venue), r.marketId, r.recentLimit}, &q, u"market recent trades"_s))
        return e;
    HistoryRows rows;
    while (q.next()) {
        HistoryRow row;
        row.rowId = q.value(0).toLongLong();
        Trade &t = row.trade;
        t.venue = r.venue;
        t.marketId = r.marketId;
        t.timestampMs = q.value(1).toLongLong();
        t.side = sideFromName(q.value(2).toString()).value_or(Side::Buy);
        t.price = Decimal::fromMicros(q.value(3).toLongLong());
        t.size = Decimal::fromMicros(q.value(4).toLongLong());
        if (!q.isNull(5))
            t.fee = Decimal::fromMicros(q.value(5).toLongLong());
        t.receivedMs = q.value(6).toLongLong();
        t.outcomeIndex = q.value(7).toInt();
        t.assetId = q.value(8).toString();
        t.txId = TxId::fromText(q.value(9).toString());
        if (const auto wallet = Wallet::parse(q.value(10).toString()))
            t.wallet = *wallet;
        t.outcome = q.value(11).toString();
        t.source = tradeSourceFromName(q.value(12).toString());
        rows.append(std::move(row));
    }
    if (q.lastError().isValid())
        return c.errorFrom(q.lastError(), u"market recent trades"_s);
    q.finish();
    // Titles, outcome names and trader names, once per key.
    HistoryLookups lookups;
    if (auto e = lookups.resolve(c, &rows))
        return e;
    out->reserve(rows.size());
    for (const HistoryRow &row : std::as_const(rows))
        out->append(row.trade);
    return std::nullopt;
}

std::optional<StorageError> readFlow(Connection &c, const MarketHistoryRequest &r, SmartMoneyFlow *flow) {
    QSqlQuery graded(c.database());
    if (auto e = run(c, u"SELECT COUNT(*) FROM trader_metrics m WHERE "_s + kGraded, {}, &graded,
                     u"graded traders"_s))
        return e;
    if (graded.next())
        flow->gradedTraders = graded.value(0).toLongLong();
    graded.finish();
    if (flow->gradedTraders == 0)
        return std::nullopt;

    const QVariantList values{venueName(r.venue), r.marketId, flow->fromMs, flow->toMs};
    const QString sums = u"CAST(SUM(CASE WHEN t.side = 'BUY' THEN t.notional_micros ELSE 0 END) AS TEXT), "
                         "CAST(SUM(CASE WHEN t.side = 'SELL' THEN t.notional_micros ELSE 0 END) AS TEXT), "
                         "CAST(SUM(CASE WHEN t.side = 'BUY' THEN t.notional_micros "
                         "ELSE -t.notional_micros END) AS TEXT)"_s;
    const QString from = u" FROM trades t JOIN trader_metrics m ON m.wallet = t.wallet "
                         "LEFT JOIN outcomes o ON o.venue = t.venue AND o.asset_id = t.asset_id "
                         "WHERE t.venue = ? AND t.market_id = ? AND t.ts_ms >= ? AND t.ts_ms < ? AND "_s +
                         kGraded;
    QSqlQuery total(c.database());
    if (auto e = run(c, u"SELECT COUNT(DISTINCT t.wallet), "_s + sums + from, values, &total,
                     u"smart-money flow"_s))
        return e;
    if (total.next()) {
        flow->activeTraders = total.value(0).toLongLong();
        const auto buy = sumOf(total.value(1));
        const auto sell = sumOf(total.value(2));
        const auto net = sumOf(total.value(3));
        if (!buy || !sell || !net)
            return overflow(u"smart-money flow"_s);
        flow->buyUsd = *buy;
        flow->sellUsd = *sell;
        flow->netUsd = *net;
    }
    total.finish();
    if (flow->activeTraders == 0)
        return std::nullopt;

    QSqlQuery perOutcome(c.database());
    if (auto e =
            run(c,
                u"SELECT "_s + kOutcomeIndex + u", MAX(COALESCE(NULLIF(t.outcome, ''), o.name, '')), "_s +
                    sums + from + u" GROUP BY "_s + kOutcomeIndex + u" ORDER BY 1"_s,
                values, &perOutcome, u"smart-money flow by outcome"_s))
        return e;
    while (perOutcome.next()) {
        OutcomeFlow o;
        o.outcomeIndex = perOutcome.value(0).toInt();
        o.outcome = perOutcome.value(1).toString();
        const auto buy = sumOf(perOutcome.value(2));
        const auto sell = sumOf(perOutcome.value(3));
        const auto net = sumOf(perOutcome.value(4));
        if (!buy || !sell || !net)
            return overflow(u"smart-money flow"_s);
        o.buyUsd = *buy;
        o.sellUsd = *sell;
        o.netUsd = *net;
        flow->outcomes.append(o);
    }
    return std::nullopt;
}

} // namespace

qint64 bucketWidthFor(qint64 spanMs, int buckets, qint64 minimumMs) {
    const qint64 raw =
        std::max<qint64>(1, (std::max<qint64>(spanMs, 1) + buckets - 1) / std::max(1, buckets));
    const qint64 wanted = std::max(raw, std::max<qint64>(1, minimumMs));
    for (const qint64 step : kSteps)
        if (step >= wanted)
            return step;
    return wanted;
}

std::optional<StorageError> queryMarketHistory(Connection &c, const MarketHistoryRequest &r,
                                               MarketHistory *out) {
    *out = MarketHistory{};
    out->venue = r.venue;
    out->marketId = r.marketId;
    int schema = 0;
    if (auto e = readSchemaVersion(c, &schema))
        return e;
    if (schema == 0 || r.marketId.isEmpty())
        return std::nullopt; // nothing stored yet: an empty history, not an error

    if (auto e = readMarket(c, r, schema, &out->market))
        return e;

    // The range runs from the first stored fill (or the window's start) to the newest fill.
    const qint64 windowStart = r.windowMs > 0 ? r.nowMs - r.windowMs : std::numeric_limits<qint64>::min();
    QSqlQuery range(c.database());
    if (auto e = run(c,
                     u"SELECT MIN(t.ts_ms), MAX(t.ts_ms), COUNT(*) FROM trades t "
                     "WHERE t.venue = ? AND t.market_id = ? AND t.ts_ms >= ?"_s,
                     {venueName(r.venue), r.marketId, windowStart}, &range, u"market range"_s))
        return e;
    qint64 first = 0;
    qint64 last = 0;
    if (range.next() && !range.value(0).isNull()) {
        first = range.value(0).toLongLong();
        last = range.value(1).toLongLong();
        out->storedTrades = range.value(2).toLongLong();
    }
    range.finish();

    if (out->storedTrades > 0) {
        out->bucketMs = bucketWidthFor(last - first, r.buckets, r.minBucketMs);
        if (auto e = readBuckets(c, r, first, last + 1, out->bucketMs, &out->buckets))
            return e;
        if (auto e = readRecent(c, r, &out->recent))
            return e;
    }

    out->smartMoney.toMs = std::max(r.nowMs, last + 1);
    out->smartMoney.fromMs = out->smartMoney.toMs - r.flowWindowMs;
    if (schema >= 3) {
        if (auto e = readFlow(c, r, &out->smartMoney))
            return e;
    }
    return std::nullopt;
}

MarketReader::MarketReader() = default;

MarketReader::~MarketReader() = default;

void MarketReader::open(DatabaseConfig config) {
    close();
    config.readOnly = true;
    m_config = config;
    QString message;
    const bool ok = reopen(&message);
    Q_EMIT opened(ok, message);
}

bool MarketReader::reopen(QString *message) {
    if (!m_config)
        return false;
    m_connection = std::make_unique<Connection>(*m_config, u"market-reader"_s);
    if (auto error = m_connection->open()) {
        m_connection.reset();
        *message = describe(*error);
        return false;
    }
    *message = m_config->describe();
    return true;
}

void MarketReader::close() {
    m_pending.reset();
    m_connection.reset();
    m_config.reset();
}

void MarketReader::requestHistory(quint64 requestId, MarketHistoryRequest request) {
    // A burst of selections while one query runs: only the newest is worth running.
    const bool scheduled = m_pending.has_value();
    m_pending = std::make_pair(requestId, std::move(request));
    if (!scheduled)
        QTimer::singleShot(0, this, &MarketReader::runPending);
}

void MarketReader::runPending() {
    if (!m_pending)
        return;
    const auto [requestId, request] = *std::exchange(m_pending, std::nullopt);
    // A new SQLite file only exists once the writer created it, which may be after open():
    // try again now rather than stay closed for the session.
    QString message = u"no database is open"_s;
    if ((!m_connection || !m_connection->isOpen()) && !reopen(&message)) {
        Q_EMIT requestFailed(requestId, message);
        return;
    }
    MarketHistory history;
    if (auto error = queryMarketHistory(*m_connection, request, &history)) {
        Q_EMIT requestFailed(requestId, describe(*error));
        return;
    }
    Q_EMIT historyReady(requestId, history);
}

} // namespace longshot::storage
