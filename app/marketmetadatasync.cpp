#include "app/marketmetadatasync.h"

#include "app/logging.h"
#include "net/marketmetadatafetcher.h"
#include "net/restclient.h"
#include "storage/traderstoreworker.h"

#include <QSet>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace longshot::app {

MarketMetadataSync::MarketMetadataSync(MarketMetadataConfig config, storage::TraderStoreWorker *store,
                                       QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_store(store)
    , m_timer(new QTimer(this)) {
    // One client, a bucket per host: gamma's per 10 s, Kalshi's per second.
    auto *rest = new net::RestClient;
    rest->setHostBudget(net::RestClient::hostKey(m_config.gammaApi), std::max(1, m_config.requestsPer10s),
                        10'000);
    rest->setHostBudget(net::RestClient::hostKey(m_config.kalshiApi),
                        std::max(1, m_config.kalshiRequestsPerSecond), 1'000);
    rest->setBackoffPolicy(m_config.restBackoff);
    m_netThread.adopt(rest);
    startLane(m_polymarket, rest, m_config.gammaApi);
    startLane(m_kalshi, rest, m_config.kalshiApi);

    connect(m_timer, &QTimer::timeout, this, &MarketMetadataSync::tick);
    connect(m_store, &storage::TraderStoreWorker::marketsChecked, this, &MarketMetadataSync::onChecked,
            Qt::QueuedConnection);
    connect(
        m_store, &storage::TraderStoreWorker::marketsSaved, this,
        [this](const QStringList &ids, qint64) { emit marketsStored(ids); }, Qt::QueuedConnection);
}

void MarketMetadataSync::startLane(Lane &lane, net::RestClient *rest, const QUrl &api) {
    lane.fetcher = m_netThread.adopt(new net::MarketMetadataFetcher(
        rest, net::MarketMetadataFetchConfig{api, m_config.batch, lane.venue}));
    connect(
        lane.fetcher, &net::MarketMetadataFetcher::batchFetched, this,
        [this, &lane](const MarketList &markets, const QStringList &unknown, qint64 fetchedMs) {
            onFetched(lane, markets, unknown, fetchedMs);
        },
        Qt::QueuedConnection);
    connect(
        lane.fetcher, &net::MarketMetadataFetcher::batchFailed, this,
        [this, &lane](const QStringList &ids, const FetchError &error) { onFailed(lane, ids, error); },
        Qt::QueuedConnection);
}

MarketMetadataSync::~MarketMetadataSync() {
    stop();
}

qint64 MarketMetadataSync::nowMs() const {
    return m_config.clock ? m_config.clock() : QDateTime::currentMSecsSinceEpoch();
}

void MarketMetadataSync::start() {
    if (m_started || m_stopped)
        return;
    m_started = true;
    m_netThread.start();
    m_timer->start(std::max(1, m_config.intervalMs));
    QTimer::singleShot(std::max(0, m_config.firstRunMs), this, &MarketMetadataSync::tick);
}

void MarketMetadataSync::stop() {
    if (m_stopped)
        return;
    m_stopped = true;
    m_timer->stop();
    m_netThread.stop(); // deletes the fetchers and their RestClient; a reply in flight is dropped
    m_polymarket.fetcher = nullptr;
    m_kalshi.fetcher = nullptr;
}

bool MarketMetadataSync::isPaused(Venue venue) const {
    return nowMs() < lane(venue).pausedUntilMs;
}

void MarketMetadataSync::observeTrades(const TradeBatch &batch) {
    const qint64 now = nowMs();
    for (const Trade &t : batch) {
        if (t.marketId.isEmpty() || (t.venue != Venue::Polymarket && t.venue != Venue::Kalshi) ||
            (t.venue == Venue::Kalshi && m_config.kalshiApi.isEmpty()))
            continue;
        Lane &l = lane(t.venue);
        // Condition ids are hex in any case; Kalshi tickers are names, kept as the feed spells them.
        const QString id = t.venue == Venue::Polymarket ? t.marketId.toLower() : t.marketId;
        if (const auto u = l.unknown.find(id); u != l.unknown.end()) {
            if (now - u.value() < m_config.unknownRetryMs)
                continue;
            l.unknown.erase(u); // asked once more: the venue may have indexed it since
        }
        l.markets[id].seenMs = now;
    }
}

void MarketMetadataSync::tick() {
    tickLane(m_polymarket);
    tickLane(m_kalshi);
}

void MarketMetadataSync::tickLane(Lane &lane) {
    if (!m_started || m_stopped)
        return;
    const qint64 now = nowMs();
    prune(lane, now);
    if (lane.checking || isPaused(lane.venue))
        return;
    QStringList due;
    for (auto it = lane.markets.cbegin(); it != lane.markets.cend(); ++it) {
        const Seen &s = it.value();
        if (s.askedMs == 0 || (now - s.askedMs >= m_config.maxAgeMs && s.seenMs > s.askedMs))
            due.append(it.key());
    }
    if (due.isEmpty())
        return;
    lane.checking = true;
    QMetaObject::invokeMethod(
        m_store,
        [store = m_store, venue = lane.venue, due, since = now - m_config.maxAgeMs] {
            store->checkMarkets(venue, due, since);
        },
        Qt::QueuedConnection);
}

void MarketMetadataSync::prune(Lane &lane, qint64 now) {
    // Runs while paused or checking too, so a long pause cannot let the lane grow. One a failure
    // left unasked (askAgainSoon) for the whole hour goes as well: if it trades again it is new.
    // onChecked and onFailed skip ids that went meanwhile.
    lane.markets.removeIf([&](const auto &it) {
        return now - it.value().seenMs >= m_config.maxAgeMs && now - it.value().askedMs >= m_config.maxAgeMs;
    });
    lane.unknown.removeIf([&](const auto &it) { return now - it.value() >= m_config.unknownRetryMs; });
}

void MarketMetadataSync::markUnknown(Lane &lane, const QStringList &ids) {
    const qint64 now = nowMs();
    for (const QString &id : ids) {
        lane.markets.remove(id);
        lane.unknown.insert(id, now);
    }
}

void MarketMetadataSync::onChecked(Venue venue, const QStringList &asked, const QStringList &fresh) {
    if (venue != Venue::Polymarket && venue != Venue::Kalshi)
        return;
    Lane &l = lane(venue);
    l.checking = false;
    if (m_stopped)
        return;
    const qint64 now = nowMs();
    const QSet<QString> stored(fresh.cbegin(), fresh.cend());
    QStringList ask;
    for (const QString &id : asked) {
        const auto it = l.markets.find(id);
        if (it == l.markets.end())
            continue;
        // Stored within the hour (a trader sync, an earlier run): not due again for an hour.
        it->askedMs = now;
        if (!stored.contains(id))
            ask.append(id);
    }
    if (ask.isEmpty())
        return;
    emit requesting(ask, venue);
    QMetaObject::invokeMethod(
        l.fetcher, [fetcher = l.fetcher, ask] { fetcher->fetch(ask); }, Qt::QueuedConnection);
}

void MarketMetadataSync::onFetched(Lane &lane, const MarketList &markets, const QStringList &unknown,
                                   qint64 fetchedMs) {
    lane.rateLimits = 0;
    markUnknown(lane, unknown);
    if (markets.isEmpty() || m_stopped)
        return;
    QMetaObject::invokeMethod(
        m_store, [store = m_store, markets, fetchedMs] { store->saveMarkets(markets, fetchedMs); },
        Qt::QueuedConnection);
}

void MarketMetadataSync::onFailed(Lane &lane, const QStringList &ids, const FetchError &error) {
    const QString venue = venueName(lane.venue);
    const auto askAgainSoon = [&] {
        for (const QString &id : ids) {
            if (const auto it = lane.markets.find(id); it != lane.markets.end())
                it->askedMs = 0;
        }
    };
    switch (error.kind) {
    case FetchError::Kind::RateLimited: {
        // Kalshi's 429 carries no Retry-After: the jittered pause then.
        const qint64 waitMs = error.retryAfterMs >= 0
                                  ? error.retryAfterMs
                                  : qint64(jitteredBackoff(lane.rateLimits, m_config.pause, m_rng).count());
        ++lane.rateLimits;
        lane.pausedUntilMs = nowMs() + waitMs;
        askAgainSoon();
        qCInfo(lcApp).noquote() << "market sync:" << venue << "asks to slow down; pausing" << waitMs << "ms";
        return;
    }
    case FetchError::Kind::Timeout:
    case FetchError::Kind::Unavailable:
        askAgainSoon(); // the next tick is delay enough
        return;
    case FetchError::Kind::NotFound:
    case FetchError::Kind::Gone:
        markUnknown(lane, ids);
        return;
    case FetchError::Kind::InvalidResponse:
    case FetchError::Kind::InvalidRequest:
        // Asked again after the hour if they trade, not sooner: the same request would fail the same way.
        qCWarning(lcApp).noquote() << "market sync:" << venue << "/markets failed for" << ids.size()
                                   << "markets:" << describe(error);
        return;
    case FetchError::Kind::Auth:
        qCWarning(lcApp).noquote() << "market sync:" << venue
                                   << "refused us; market metadata sync stopped:" << describe(error);
        stop();
        emit stopped(describe(error));
        return;
    }
}

} // namespace longshot::app
