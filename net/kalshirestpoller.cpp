#include "net/kalshirestpoller.h"

#include "net/netlog.h"
#include "net/restclient.h"
#include "net/storagebacklog.h"

#include <QDateTime>
#include <QTimer>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace longshot::net {

namespace {
qint64 nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

KalshiRestPoller::KalshiRestPoller(KalshiPollerConfig config, std::shared_ptr<BoundedBatchQueue> storageQueue)
    : m_config(std::move(config))
    , m_rest(new RestClient(this))
    , m_pollTimer(new QTimer(this))
    , m_backlog(new StorageBacklog(std::move(storageQueue), this)) {
    m_config.pageSize = std::clamp(m_config.pageSize, 1, 1000);
    const QUrl u = m_config.restBase;
    m_rest->setHostBudget(u.host() + u':' + QString::number(u.port(u.scheme() == u"https" ? 443 : 80)),
                          std::max(1, m_config.requestsPerSecond), 1'000);
    // Kalshi's 429 carries no Retry-After: exponential from 1 s.
    m_rest->setBackoffPolicy(
        BackoffPolicy{std::chrono::milliseconds(1'000), std::chrono::milliseconds(60'000), 8});
    m_status.feed = u"kalshi.rest"_s;
    m_pollTimer->setInterval(m_config.pollInterval);
    connect(m_pollTimer, &QTimer::timeout, this, &KalshiRestPoller::poll);
    connect(m_backlog, &StorageBacklog::batchQueued, this, &KalshiRestPoller::storageBatchQueued);
}

KalshiRestPoller::~KalshiRestPoller() = default;

void KalshiRestPoller::start() {
    if (m_running)
        return;
    m_running = true;
    if (m_config.pollLive) {
        setState(FeedState::Connecting);
        m_pollTimer->start();
        poll();
    }
}

void KalshiRestPoller::stop() {
    m_running = false;
    m_pollTimer->stop();
    m_jobs.clear();
    setState(FeedState::Disconnected);
}

bool KalshiRestPoller::isIdle() const {
    return m_jobs.empty() && !m_inFlight && m_backlog->isEmpty();
}

void KalshiRestPoller::setNewestStoredMs(qint64 ms) {
    if (ms > m_newestSeenMs) {
        m_newestSeenMs = ms;
        m_newestIds.clear();
    }
}

void KalshiRestPoller::poll() {
    if (!m_running)
        return;
    // One poll at a time: a slow exchange should not pile polls up behind it.
    for (const Job &job : m_jobs)
        if (job.live)
            return;
    const qint64 now = nowMs();
    Job job;
    job.live = true;
    job.range = GapRange{0, m_status.feed,
                         m_newestSeenMs > 0 ? m_newestSeenMs : now - m_config.firstPollWindow.count(), now,
                         u"poll"_s};
    job.stopAtMs = m_newestSeenMs;
    job.stopIds = m_newestIds;
    m_jobs.push_back(std::move(job));
    pump();
}

void KalshiRestPoller::fetchRange(const GapRange &gap) {
    if (!m_running)
        return;
    Job job;
    job.range = gap;
    m_jobs.push_back(std::move(job));
    pump();
}

void KalshiRestPoller::pump() {
    if (m_inFlight || m_jobs.empty() || !m_running)
        return;
    fetchPage();
}

void KalshiRestPoller::fetchPage() {
    const Job &job = m_jobs.front();
    QUrl url = m_config.restBase;
    url.setPath(url.path() + u"/markets/trades"_s);
    QUrlQuery q;
    q.addQueryItem(u"limit"_s, QString::number(m_config.pageSize));
    if (!job.cursor.isEmpty())
        q.addQueryItem(u"cursor"_s, job.cursor);
    // min_ts/max_ts are whole seconds: round outwards, then filter exactly below.
    q.addQueryItem(u"min_ts"_s, QString::number(std::max<qint64>(0, job.range.fromMs / 1000)));
    if (!job.live)
        q.addQueryItem(u"max_ts"_s, QString::number(job.range.toMs / 1000 + 1));
    url.setQuery(q);
    m_inFlight = true;
    m_rest->get(url, this, [this](const RestResult &result) {
        m_inFlight = false;
        if (!m_running || m_jobs.empty())
            return;
        if (result.error) {
            qCWarning(lcNet).noquote() << "kalshi trades page failed:" << describe(*result.error);
            m_status.lastError = describe(*result.error);
            if (m_jobs.front().live)
                setState(result.error->kind == FetchError::Kind::Auth ? FeedState::AuthFailed
                                                                      : FeedState::Reconnecting);
            Q_EMIT fetchFailed(*result.error);
            finishJob(false);
            return;
        }
        onPage(result.body);
    });
}

void KalshiRestPoller::onPage(QByteArrayView body) {
    Job &job = m_jobs.front();
    ++job.pages;
    ++m_status.messagesReceived;
    KalshiTradesPage page = m_parser.parseTradesPage(body, nowMs());
    if (page.error) {
        ++m_status.rejectedByReason[rejectReasonName(*page.error)];
        m_status.lastError = u"unusable trades page: "_s + rejectReasonName(*page.error);
        finishJob(false);
        return;
    }
    for (RejectReason reason : std::as_const(page.rejects))
        ++m_status.rejectedByReason[rejectReasonName(reason)];
    TradeBatch fresh;
    bool reachedKnown = false;
    for (Trade &t : page.trades) {
        // Rows come newest first: at the newest trade the last poll saw, the rest is known.
        if (job.live && job.stopAtMs > 0 &&
            (t.timestampMs < job.stopAtMs ||
             (t.timestampMs == job.stopAtMs && job.stopIds.contains(t.txId)))) {
            reachedKnown = reachedKnown || t.timestampMs < job.stopAtMs || job.stopIds.contains(t.txId);
            continue;
        }
        if (t.timestampMs < job.range.fromMs || (!job.live && t.timestampMs > job.range.toMs))
            continue;
        if (t.timestampMs > m_newestSeenMs) {
            m_newestSeenMs = t.timestampMs;
            m_newestIds.clear();
        }
        if (t.timestampMs == m_newestSeenMs)
            m_newestIds.insert(t.txId);
        ++m_status.tradesReceived;
        m_status.lastTradeMs = std::max(m_status.lastTradeMs, t.timestampMs);
        const auto notional = t.notional();
        if (notional && *notional >= m_config.minNotional)
            fresh.append(std::move(t));
    }
    job.found += fresh.size();
    if (!fresh.isEmpty()) {
        Q_EMIT tradesFetched(fresh);
        m_backlog->push(std::move(fresh));
    }
    // An empty page with a cursor is not the end; only an empty cursor is.
    if (page.cursor.isEmpty() || reachedKnown) {
        finishJob(true);
        return;
    }
    if (job.pages >= m_config.maxPagesPerJob) {
        qCWarning(lcNet) << "kalshi trades: page limit reached; the range stays partly open";
        finishJob(false);
        return;
    }
    job.cursor = page.cursor;
    pump();
}

void KalshiRestPoller::finishJob(bool complete) {
    const Job job = m_jobs.front();
    m_jobs.pop_front();
    if (job.live && complete) {
        m_status.lastError.clear();
        setState(FeedState::Live);
    }
    if (!job.live)
        Q_EMIT rangeFinished(job.range, complete, job.found);
    Q_EMIT statusChanged(m_status);
    pump();
}

void KalshiRestPoller::setState(FeedState state) {
    if (m_status.state == state)
        return;
    m_status.state = state;
    Q_EMIT statusChanged(m_status);
}

} // namespace longshot::net
