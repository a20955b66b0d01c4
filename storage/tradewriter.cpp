#include "storage/tradewriter.h"

#include "storage/connection.h"
#include "storage/migrations.h"

#include <QDateTime>
#include <QMap>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace longshot::storage {

QString tradeSourceName(TradeSource source) {
    switch (source) {
    case TradeSource::Rtds:
        return u"rtds"_s;
    case TradeSource::Rest:
        return u"rest"_s;
    case TradeSource::KalshiWs:
        return u"kalshi_ws"_s;
    case TradeSource::KalshiRest:
        return u"kalshi_rest"_s;
    case TradeSource::Replay:
        return u"replay"_s;
    }
    return {};
}

TradeSource tradeSourceFromName(const QString &name) {
    for (const TradeSource source :
         {TradeSource::Rest, TradeSource::KalshiWs, TradeSource::KalshiRest, TradeSource::Replay}) {
        if (name == tradeSourceName(source))
            return source;
    }
    return TradeSource::Rtds;
}

// The prepared statements of the writer connection, prepared once and reused every drain.
class TradeStatements final {
public:
    explicit TradeStatements(QSqlDatabase &db)
        : insertTrade(db)
        , upsertMarket(db)
        , upsertOutcome(db)
        , upsertTrader(db)
        , insertGap(db) {}

    std::optional<StorageError> prepare(Connection &c) {
        const QList<std::pair<QSqlQuery *, QString>> all = {
            {&insertTrade,
             u"INSERT INTO trades (venue, tx_id, wallet, asset_id, side, price_micros, size_micros, "
             "notional_micros, fee_micros, ts_ms, market_id, outcome, outcome_index, source, received_ms) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"_s},
            // Empty text never overwrites what an earlier, richer copy supplied.
            {&upsertMarket, u"INSERT INTO markets (venue, market_id, title, slug, event_slug, updated_ms) "
                            u"VALUES (?, ?, ?, ?, ?, ?) "
                            "ON CONFLICT (venue, market_id) DO UPDATE SET "
                            "title = COALESCE(NULLIF(excluded.title, ''), markets.title), "
                            "slug = COALESCE(NULLIF(excluded.slug, ''), markets.slug), "
                            "event_slug = COALESCE(NULLIF(excluded.event_slug, ''), markets.event_slug), "
                            "updated_ms = excluded.updated_ms"_s},
            {&upsertOutcome,
             u"INSERT INTO outcomes (venue, asset_id, market_id, name, outcome_index) VALUES (?, ?, ?, ?, ?) "
             "ON CONFLICT (venue, asset_id) DO UPDATE SET "
             "market_id = excluded.market_id, "
             "name = COALESCE(NULLIF(excluded.name, ''), outcomes.name), "
             "outcome_index = CASE WHEN excluded.outcome_index >= 0 THEN excluded.outcome_index "
             "ELSE outcomes.outcome_index END"_s},
            {&upsertTrader, u"INSERT INTO traders (wallet, name, pseudonym, first_seen_ms, last_seen_ms) "
                            u"VALUES (?, ?, ?, ?, ?) "
                            "ON CONFLICT (wallet) DO UPDATE SET "
                            "name = COALESCE(NULLIF(excluded.name, ''), traders.name), "
                            "pseudonym = COALESCE(NULLIF(excluded.pseudonym, ''), traders.pseudonym), "
                            "first_seen_ms = CASE WHEN excluded.first_seen_ms < traders.first_seen_ms "
                            "THEN excluded.first_seen_ms ELSE traders.first_seen_ms END, "
                            "last_seen_ms = CASE WHEN excluded.last_seen_ms > traders.last_seen_ms "
                            "THEN excluded.last_seen_ms ELSE traders.last_seen_ms END"_s},
            {&insertGap,
             u"INSERT INTO gaps (feed, from_ms, to_ms, reason, recorded_ms) VALUES (?, ?, ?, ?, ?) RETURNING id"_s},
        };
        for (const auto &[query, sql] : all) {
            if (auto error = c.prepare(*query, sql))
                return error;
        }
        return std::nullopt;
    }

    QSqlQuery insertTrade;
    QSqlQuery upsertMarket;
    QSqlQuery upsertOutcome;
    QSqlQuery upsertTrader;
    QSqlQuery insertGap;
};

namespace {

// The order of the UNIQUE index, so inserts walk the index forwards and equal fills sit together.
bool naturalLess(const Trade &a, const Trade &b) {
    if (a.venue != b.venue)
        return a.venue < b.venue;
    if (a.txId != b.txId)
        return a.txId < b.txId;
    if (a.wallet != b.wallet)
        return a.wallet < b.wallet; // the same order as the address text
    if (const int c = a.assetId.compare(b.assetId); c != 0)
        return c < 0;
    if (a.side != b.side)
        return a.side < b.side;
    if (a.size != b.size)
        return a.size < b.size;
    return a.price < b.price;
}

bool sameFill(const Trade &a, const Trade &b) {
    return a.venue == b.venue && a.side == b.side && a.size == b.size && a.price == b.price &&
           a.txId == b.txId && a.wallet == b.wallet && a.assetId == b.assetId;
}

// The socket and the REST copy of one fill carry different extras; keep the union.
void mergeInto(Trade &kept, const Trade &other) {
    if (kept.outcome.isEmpty())
        kept.outcome = other.outcome;
    if (kept.outcomeIndex < 0)
        kept.outcomeIndex = other.outcomeIndex;
    if (!kept.fee)
        kept.fee = other.fee;
    if (kept.marketTitle.isEmpty())
        kept.marketTitle = other.marketTitle;
    if (kept.marketSlug.isEmpty())
        kept.marketSlug = other.marketSlug;
    if (kept.eventSlug.isEmpty())
        kept.eventSlug = other.eventSlug;
    if (kept.traderName.isEmpty())
        kept.traderName = other.traderName;
    if (kept.traderPseudonym.isEmpty())
        kept.traderPseudonym = other.traderPseudonym;
}

constexpr qsizetype kMetadataCacheLimit = 200'000;
// traders.last_seen_ms is kept to the hour. Nothing reads it to the millisecond (a trader's
// last trade is MAX(ts_ms) over the wallet index), and rewriting a trader's row on every
// sighting made the writer rewrite a random page of the traders table for most trades: a
// third of its time in bench_store, for a column nobody reads.
constexpr qint64 kLastSeenStepMs = 60 * 60 * 1000;

// A null QString binds as SQL NULL; the text columns are NOT NULL with '' for "none".
QVariant text(const QString &value) {
    static const QString empty = u""_s;
    return value.isNull() ? QVariant(empty) : QVariant(value);
}

} // namespace

TradeWriter::TradeWriter(DatabaseConfig config, std::shared_ptr<BoundedBatchQueue> queue)
    : m_config(std::move(config))
    , m_queue(std::move(queue))
    , m_retryTimer(new QTimer(this)) {
    m_retryTimer->setSingleShot(true);
    connect(m_retryTimer, &QTimer::timeout, this, &TradeWriter::flush);
}

TradeWriter::~TradeWriter() {
    dropConnection();
}

void TradeWriter::setRetryDelays(int firstMs, int capMs) {
    m_retryFirstMs = std::max(1, firstMs);
    m_retryCapMs = std::max(m_retryFirstMs, capMs);
}

void TradeWriter::dropConnection() {
    // The statements hold handles into the connection and must go first.
    m_statements.reset();
    m_connection.reset();
}

bool TradeWriter::ensureOpen(std::optional<StorageError> *error) {
    if (m_connection && m_connection->isOpen() && m_statements)
        return true;
    dropConnection();
    m_connection = std::make_unique<Connection>(m_config, u"writer"_s);
    *error = m_connection->open();
    if (!*error)
        *error = migrate(*m_connection);
    if (!*error) {
        m_statements = std::make_unique<TradeStatements>(m_connection->database());
        *error = m_statements->prepare(*m_connection);
    }
    if (*error) {
        dropConnection();
        return false;
    }
    return true;
}

void TradeWriter::open() {
    std::optional<StorageError> error;
    if (!ensureOpen(&error)) {
        Q_EMIT storageError(*error);
        Q_EMIT opened(false, describe(*error));
        return;
    }
    Q_EMIT opened(true, m_config.describe() + u" (schema v%1)"_s.arg(latestSchemaVersion()));
}

void TradeWriter::close() {
    m_retryTimer->stop();
    takeQueued();
    if (!m_pending.isEmpty() || !m_pendingGaps.isEmpty())
        flush(); // last chance; on failure the rows are reported as still pending
    m_retryTimer->stop();
    dropConnection();
    Q_EMIT closed();
}

void TradeWriter::takeQueued() {
    const QList<TradeBatch> batches = m_queue->takeAll();
    for (const TradeBatch &batch : batches)
        m_pending.append(batch);
    m_pendingBatches += batches.size();
}

void TradeWriter::drain() {
    if (m_artificialDelayMs > 0)
        QThread::msleep(static_cast<unsigned long>(m_artificialDelayMs));
    takeQueued();
    if (m_retryTimer->isActive()) {
        // Waiting out a backoff: hold the rows, but keep the backlog bounded.
        enforceBacklogBound(u"storage unavailable"_s);
        return;
    }
    flush();
}

void TradeWriter::recordGap(GapRange gap) {
    m_pendingGaps.append(std::move(gap));
    if (!m_retryTimer->isActive())
        flush();
}

void TradeWriter::flush() {
    takeQueued();
    if (m_pending.isEmpty() && m_pendingGaps.isEmpty())
        return;
    std::optional<StorageError> error;
    if (m_reopenOnRetry) {
        dropConnection();
        m_reopenOnRetry = false;
    }
    if (!ensureOpen(&error)) {
        failed(*error);
        return;
    }
    WriteStats stats;
    QList<qint64> gapIds;
    if (!writePending(&stats, &gapIds, &error)) {
        failed(*error);
        return;
    }
    m_attempt = 0;
    const QList<GapRange> gaps = std::exchange(m_pendingGaps, {});
    const qint64 rows = m_pending.size();
    m_pending.clear();
    m_pendingBatches = 0;
    for (qsizetype i = 0; i < gaps.size() && i < gapIds.size(); ++i)
        Q_EMIT gapRecorded(gapIds.at(i), gaps.at(i));
    if (rows > 0)
        Q_EMIT stored(stats);
}

bool TradeWriter::writePending(WriteStats *stats, QList<qint64> *gapIds, std::optional<StorageError> *error) {
    Connection &c = *m_connection;
    TradeStatements &s = *m_statements;

    // A sorted, de-duplicated copy: m_pending stays intact for a retry.
    TradeBatch sorted = m_pending;
    std::sort(sorted.begin(), sorted.end(), naturalLess);
    TradeBatch rows;
    rows.reserve(sorted.size());
    for (const Trade &t : std::as_const(sorted)) {
        if (!rows.isEmpty() && sameFill(rows.constLast(), t)) {
            mergeInto(rows.last(), t);
            ++stats->duplicates;
        } else {
            rows.append(t);
        }
    }
    stats->batches = m_pendingBatches;

    if ((*error = c.beginWrite()))
        return false;
    auto fail = [&](const StorageError &e) {
        *error = e;
        c.rollback();
        return false;
    };

    QHash<QString, QString> markets;
    QHash<QString, QString> outcomes;
    QHash<QString, TraderInfo> traders;
    QHash<QString, const Trade *> marketRows;
    QHash<QString, const Trade *> outcomeRows;

    const QVariant nullFee(QMetaType::fromType<qint64>());
    for (const Trade &t : std::as_const(rows)) {
        const Decimal notional = t.notional().value_or(Decimal());
        QSqlQuery &q = s.insertTrade;
        q.bindValue(0, venueName(t.venue));
        q.bindValue(1, text(t.txId.text()));
        q.bindValue(2, text(t.wallet.address()));
        q.bindValue(3, text(t.assetId));
        q.bindValue(4, sideName(t.side));
        q.bindValue(5, t.price.micros());
        q.bindValue(6, t.size.micros());
        q.bindValue(7, notional.micros());
        q.bindValue(8, t.fee ? QVariant(t.fee->micros()) : nullFee);
        q.bindValue(9, t.timestampMs);
        q.bindValue(10, text(t.marketId));
        q.bindValue(11, text(t.outcome));
        q.bindValue(12, t.outcomeIndex);
        q.bindValue(13, tradeSourceName(t.source));
        q.bindValue(14, t.receivedMs);
        if (!q.exec())
            return fail(c.errorFrom(q.lastError(), u"insert trade"_s));
        if (q.numRowsAffected() > 0)
            ++stats->inserted;
        else
            ++stats->duplicates;
        stats->newestTradeMs = std::max(stats->newestTradeMs, t.timestampMs);

        const QString venue = venueName(t.venue);
        if (!t.marketId.isEmpty()) {
            const QString key = venue + u'|' + t.marketId;
            QString &value = markets[key];
            const QString wanted = t.marketTitle + u'|' + t.marketSlug + u'|' + t.eventSlug;
            if (value.isEmpty() || !t.marketTitle.isEmpty()) {
                value = wanted;
                marketRows.insert(key, &t);
            }
        }
        if (!t.assetId.isEmpty()) {
            const QString key = venue + u'|' + t.assetId;
            QString &value = outcomes[key];
            if (value.isEmpty() || !t.outcome.isEmpty()) {
                value = t.marketId + u'|' + t.outcome + u'|' + QString::number(t.outcomeIndex);
                outcomeRows.insert(key, &t);
            }
        }
        if (!t.wallet.isEmpty()) {
            auto it = traders.find(t.wallet.address());
            if (it == traders.end()) {
                traders.insert(t.wallet.address(),
                               {t.traderName, t.traderPseudonym, t.timestampMs, t.timestampMs});
            } else {
                if (!t.traderName.isEmpty())
                    it->name = t.traderName;
                if (!t.traderPseudonym.isEmpty())
                    it->pseudonym = t.traderPseudonym;
                it->firstSeenMs = std::min(it->firstSeenMs, t.timestampMs);
                it->lastSeenMs = std::max(it->lastSeenMs, t.timestampMs);
            }
        }
    }

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QHash<QString, QString> newMarkets;
    for (auto it = marketRows.cbegin(); it != marketRows.cend(); ++it) {
        const QString &wanted = markets.value(it.key());
        if (m_writtenMarkets.value(it.key()) == wanted)
            continue;
        const Trade &t = *it.value();
        QSqlQuery &q = s.upsertMarket;
        q.bindValue(0, venueName(t.venue));
        q.bindValue(1, text(t.marketId));
        q.bindValue(2, text(t.marketTitle));
        q.bindValue(3, text(t.marketSlug));
        q.bindValue(4, text(t.eventSlug));
        q.bindValue(5, now);
        if (!q.exec())
            return fail(c.errorFrom(q.lastError(), u"upsert market"_s));
        newMarkets.insert(it.key(), wanted);
    }
    QHash<QString, QString> newOutcomes;
    for (auto it = outcomeRows.cbegin(); it != outcomeRows.cend(); ++it) {
        const QString &wanted = outcomes.value(it.key());
        if (m_writtenOutcomes.value(it.key()) == wanted)
            continue;
        const Trade &t = *it.value();
        QSqlQuery &q = s.upsertOutcome;
        q.bindValue(0, venueName(t.venue));
        q.bindValue(1, text(t.assetId));
        q.bindValue(2, text(t.marketId));
        q.bindValue(3, text(t.outcome));
        q.bindValue(4, t.outcomeIndex);
        if (!q.exec())
            return fail(c.errorFrom(q.lastError(), u"upsert outcome"_s));
        newOutcomes.insert(it.key(), wanted);
    }
    QHash<QString, TraderInfo> newTraders;
    for (auto it = traders.cbegin(); it != traders.cend(); ++it) {
        TraderInfo info = it.value();
        const auto known = m_writtenTraders.constFind(it.key());
        if (known != m_writtenTraders.cend()) {
            if (info.name.isEmpty())
                info.name = known->name;
            if (info.pseudonym.isEmpty())
                info.pseudonym = known->pseudonym;
            info.firstSeenMs = std::min(info.firstSeenMs, known->firstSeenMs);
            info.lastSeenMs = std::max(info.lastSeenMs, known->lastSeenMs);
            if (info.name == known->name && info.pseudonym == known->pseudonym &&
                info.firstSeenMs == known->firstSeenMs &&
                info.lastSeenMs - known->lastSeenMs < kLastSeenStepMs)
                continue;
        }
        QSqlQuery &q = s.upsertTrader;
        q.bindValue(0, it.key());
        q.bindValue(1, text(info.name));
        q.bindValue(2, text(info.pseudonym));
        q.bindValue(3, info.firstSeenMs);
        q.bindValue(4, info.lastSeenMs);
        if (!q.exec())
            return fail(c.errorFrom(q.lastError(), u"upsert trader"_s));
        newTraders.insert(it.key(), info);
    }

    for (const GapRange &gap : std::as_const(m_pendingGaps)) {
        QSqlQuery &q = s.insertGap;
        q.bindValue(0, text(gap.feed));
        q.bindValue(1, gap.fromMs);
        q.bindValue(2, gap.toMs);
        q.bindValue(3, text(gap.reason));
        q.bindValue(4, now);
        if (!q.exec() || !q.next())
            return fail(c.errorFrom(q.lastError(), u"record gap"_s));
        gapIds->append(q.value(0).toLongLong());
        q.finish();
    }

    if ((*error = c.commit())) {
        c.rollback();
        return false;
    }
    // Only now does the database hold these values.
    for (auto *cache : {&m_writtenMarkets, &m_writtenOutcomes}) {
        if (cache->size() > kMetadataCacheLimit)
            cache->clear();
    }
    if (m_writtenTraders.size() > kMetadataCacheLimit)
        m_writtenTraders.clear();
    m_writtenMarkets.insert(newMarkets);
    m_writtenOutcomes.insert(newOutcomes);
    m_writtenTraders.insert(newTraders);
    return true;
}

void TradeWriter::failed(const StorageError &error) {
    // A transient error keeps the rows and retries; a schema or SQL error would fail again
    // the same way, but the rows are still kept (bounded) so nothing is silently lost.
    if (error.kind == StorageError::Kind::Open || error.kind == StorageError::Kind::ReadOnly)
        m_reopenOnRetry = true;
    enforceBacklogBound(kindName(error.kind));
    Q_EMIT storageError(error);
    const qint64 delay = std::min<qint64>(m_retryCapMs, qint64(m_retryFirstMs) << std::min(m_attempt, 20));
    ++m_attempt;
    m_retryTimer->start(static_cast<int>(delay));
}

void TradeWriter::enforceBacklogBound(const QString &why) {
    if (m_pending.size() <= m_maxBacklogRows)
        return;
    // Let go of the oldest rows first: the newest are what the live view and alerts care about.
    const qsizetype overflow = m_pending.size() - m_maxBacklogRows;
    QMap<Venue, GapRange> ranges;
    for (qsizetype i = 0; i < overflow; ++i) {
        const Trade &t = m_pending.at(i);
        auto it = ranges.find(t.venue);
        if (it == ranges.end()) {
            GapRange gap;
            gap.feed = venueName(t.venue) + u".trades"_s;
            gap.fromMs = t.timestampMs;
            gap.toMs = t.timestampMs;
            ranges.insert(t.venue, gap);
        } else {
            it->fromMs = std::min(it->fromMs, t.timestampMs);
            it->toMs = std::max(it->toMs, t.timestampMs);
        }
    }
    m_pending.remove(0, overflow);
    for (GapRange gap : std::as_const(ranges)) {
        gap.reason = u"storage backlog overflow (%1): %2 rows not stored"_s.arg(why).arg(overflow);
        m_pendingGaps.append(gap);
        Q_EMIT backlogOverflow(gap);
    }
}

void TradeWriter::markGapFilled(qint64 gapId) {
    std::optional<StorageError> error;
    if (!ensureOpen(&error)) {
        Q_EMIT storageError(*error);
        return;
    }
    QSqlQuery q(m_connection->database());
    q.prepare(u"UPDATE gaps SET filled_ms = ? WHERE id = ? AND filled_ms IS NULL"_s);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(gapId);
    if (!q.exec()) {
        Q_EMIT storageError(m_connection->errorFrom(q.lastError(), u"mark gap filled"_s));
        return;
    }
    Q_EMIT gapFilled(gapId);
}

void TradeWriter::queryNewestTrade() {
    std::optional<StorageError> error;
    if (!ensureOpen(&error)) {
        Q_EMIT storageError(*error);
        return;
    }
    // Walks the time index from the newest row down to the venue's first: a few rows when
    // both venues are busy; a venue never stored costs one scan, once per start, on this thread.
    QSqlQuery q(m_connection->database());
    q.setForwardOnly(true);
    if (auto prepareError = m_connection->prepare(
            q, u"SELECT ts_ms FROM trades WHERE venue = ? ORDER BY ts_ms DESC LIMIT 1"_s)) {
        Q_EMIT storageError(*prepareError);
        return;
    }
    for (const Venue venue : {Venue::Polymarket, Venue::Kalshi}) {
        q.bindValue(0, venueName(venue));
        if (!q.exec()) {
            Q_EMIT storageError(m_connection->errorFrom(q.lastError(), u"newest trade"_s));
            return;
        }
        const qint64 newest = q.next() && !q.value(0).isNull() ? q.value(0).toLongLong() : 0;
        q.finish();
        Q_EMIT newestTradeMs(venue, newest);
    }
}

} // namespace longshot::storage
