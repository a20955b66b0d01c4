#include "app/marketmetadatasync.h"

#include "app/logging.h"
#include "net/gammamarketsfetcher.h"
#include "net/restclient.h"
#include "storage/traderstoreworker.h"

#include <QDateTime>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace longshot::app {

MarketMetadataSync::MarketMetadataSync(MarketMetadataConfig config, storage::TraderStoreWorker *store,
                                       QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_store(store)
    , m_timer(new QTimer(this)) {
    auto *rest = new net::RestClient;
    rest->setHostBudget(net::RestClient::hostKey(m_config.gammaApi), std::max(1, m_config.requestsPer10s),
                        10'000);
    rest->setBackoffPolicy(m_config.restBackoff);
    m_netThread.adopt(rest);
    m_fetcher = m_netThread.adopt(
        new net::GammaMarketsFetcher(rest, net::GammaMarketsConfig{m_config.gammaApi, m_config.batch}));

    connect(m_timer, &QTimer::timeout, this, &MarketMetadataSync::tick);
    connect(m_store, &storage::TraderStoreWorker::marketsChecked, this, &MarketMetadataSync::onChecked,
            Qt::QueuedConnection);
    connect(
        m_store, &storage::TraderStoreWorker::marketsSaved, this,
        [this](const QStringList &ids, qint64) { emit marketsStored(ids); }, Qt::QueuedConnection);
    connect(m_fetcher, &net::GammaMarketsFetcher::batchFetched, this, &MarketMetadataSync::onFetched,
            Qt::QueuedConnection);
    connect(m_fetcher, &net::GammaMarketsFetcher::batchFailed, this, &MarketMetadataSync::onFailed,
            Qt::QueuedConnection);
}

MarketMetadataSync::~MarketMetadataSync() {
    stop();
}

qint64 MarketMetadataSync::nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
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
    m_netThread.stop(); // deletes the fetcher and its RestClient; a reply in flight is dropped
    m_fetcher = nullptr;
}

bool MarketMetadataSync::isPaused() const {
    return nowMs() < m_pausedUntilMs;
}

void MarketMetadataSync::observeTrades(const TradeBatch &batch) {
    for (const Trade &t : batch) {
        if (t.venue != Venue::Polymarket || t.marketId.isEmpty())
            continue;
        const QString id = t.marketId.toLower();
        if (!m_lastAskedMs.contains(id) && !m_unknown.contains(id))
            m_lastAskedMs.insert(id, 0);
    }
}

void MarketMetadataSync::tick() {
    if (!m_started || m_stopped || m_checking || isPaused())
        return;
    const qint64 now = nowMs();
    QStringList due;
    for (auto it = m_lastAskedMs.cbegin(); it != m_lastAskedMs.cend(); ++it) {
        if (it.value() == 0 || now - it.value() >= m_config.maxAgeMs)
            due.append(it.key());
    }
    if (due.isEmpty())
        return;
    m_checking = true;
    QMetaObject::invokeMethod(
        m_store, [store = m_store, due, since = now - m_config.maxAgeMs] { store->checkMarkets(due, since); },
        Qt::QueuedConnection);
}

void MarketMetadataSync::onChecked(const QStringList &asked, const QStringList &fresh) {
    m_checking = false;
    if (m_stopped)
        return;
    const qint64 now = nowMs();
    const QSet<QString> stored(fresh.cbegin(), fresh.cend());
    QStringList ask;
    for (const QString &id : asked) {
        if (!m_lastAskedMs.contains(id))
            continue;
        // Stored within the hour (a trader sync, an earlier run): not due again for an hour.
        m_lastAskedMs[id] = now;
        if (!stored.contains(id))
            ask.append(id);
    }
    if (ask.isEmpty())
        return;
    emit requesting(ask);
    QMetaObject::invokeMethod(
        m_fetcher, [fetcher = m_fetcher, ask] { fetcher->fetch(ask); }, Qt::QueuedConnection);
}

void MarketMetadataSync::onFetched(const MarketList &markets, const QStringList &unknown, qint64 fetchedMs) {
    m_rateLimits = 0;
    for (const QString &id : unknown) {
        m_lastAskedMs.remove(id);
        m_unknown.insert(id);
    }
    if (markets.isEmpty() || m_stopped)
        return;
    QMetaObject::invokeMethod(
        m_store, [store = m_store, markets, fetchedMs] { store->saveMarkets(markets, fetchedMs); },
        Qt::QueuedConnection);
}

void MarketMetadataSync::onFailed(const QStringList &conditionIds, const FetchError &error) {
    const auto askAgainSoon = [&] {
        for (const QString &id : conditionIds) {
            if (m_lastAskedMs.contains(id))
                m_lastAskedMs[id] = 0;
        }
    };
    switch (error.kind) {
    case FetchError::Kind::RateLimited: {
        const qint64 waitMs = error.retryAfterMs >= 0
                                  ? error.retryAfterMs
                                  : qint64(jitteredBackoff(m_rateLimits, m_config.pause, m_rng).count());
        ++m_rateLimits;
        m_pausedUntilMs = nowMs() + waitMs;
        askAgainSoon();
        qCInfo(lcApp).noquote() << "market sync: gamma asks to slow down; pausing" << waitMs << "ms";
        return;
    }
    case FetchError::Kind::Timeout:
    case FetchError::Kind::Unavailable:
        askAgainSoon(); // the next tick is delay enough
        return;
    case FetchError::Kind::NotFound:
    case FetchError::Kind::Gone:
        for (const QString &id : conditionIds) {
            m_lastAskedMs.remove(id);
            m_unknown.insert(id);
        }
        return;
    case FetchError::Kind::InvalidResponse:
    case FetchError::Kind::InvalidRequest:
        // Asked again when the hour is up, not sooner: the same request would fail the same way.
        qCWarning(lcApp).noquote() << "market sync: gamma /markets failed for" << conditionIds.size()
                                   << "markets:" << describe(error);
        return;
    case FetchError::Kind::Auth:
        qCWarning(lcApp).noquote() << "market sync: gamma refused us; market metadata sync stopped:"
                                   << describe(error);
        stop();
        emit stopped(describe(error));
        return;
    }
}

} // namespace longshot::app
