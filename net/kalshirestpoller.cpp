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
// The two tapes may disagree by a second about which side of the cutoff a trade falls on;
// trades this close to it are checked against the other side's.
constexpr qint64 kBoundarySlackMs = 2'000;
} // namespace

KalshiRestPoller::KalshiRestPoller(KalshiPollerConfig config, std::shared_ptr<BoundedBatchQueue> storageQueue)
    : m_config(std::move(config))
    , m_rest(new RestClient(this))
    , m_pollTimer(new QTimer(this))
    , m_cutoffRest(new RestClient(this))
    , m_cutoffTimer(new QTimer(this))
    , m_backlog(new StorageBacklog(std::move(storageQueue), this)) {
    m_config.pageSize = std::clamp(m_config.pageSize, 1, 1000);
    const QUrl u = m_config.restBase;
    const QString host = u.host() + u':' + QString::number(u.port(u.scheme() == u"https" ? 443 : 80));
    m_rest->setHostBudget(host, std::max(1, m_config.requestsPerSecond), 1'000);
    m_cutoffRest->setHostBudget(host, 1, 1'000);
    m_cutoffRest->setBackoffPolicy(m_config.cutoffBackoff);
    m_cutoffTimer->setSingleShot(true);
    connect(m_cutoffTimer, &QTimer::timeout, this, &KalshiRestPoller::fetchCutoff);
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
    fetchCutoff();
    if (m_config.pollLive) {
        setState(FeedState::Connecting);
        m_pollTimer->start();
        poll();
    }
}

void KalshiRestPoller::stop() {
    m_running = false;
    m_pollTimer->stop();
    m_cutoffTimer->stop();
    m_cutoffPending = false;
    ++m_cutoffGeneration; // an answer still on its way belongs to the old run
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

void KalshiRestPoller::fetchCutoff() {
    if (!m_running)
        return;
    // Only the first fetch holds the tape back; a refresh keeps using the boundary it has.
    m_cutoffPending = !m_cutoffMs;
    QUrl url = m_config.restBase;
    url.setPath(url.path() + u"/historical/cutoff"_s);
    const quint64 generation = ++m_cutoffGeneration;
    m_cutoffRest->get(url, this, [this, generation](const RestResult &result) {
        if (generation != m_cutoffGeneration || !m_running)
            return;
        onCutoff(result);
    });
}

void KalshiRestPoller::onCutoff(const RestResult &result) {
    m_cutoffPending = false;
    std::optional<FetchError> error = result.error;
    if (!error) {
        const KalshiHistoricalCutoff cutoff = m_parser.parseHistoricalCutoff(result.body);
        if (cutoff.error) {
            ++m_status.rejectedByReason[rejectReasonName(*cutoff.error)];
            error = FetchError::invalidResponse(u"historical cutoff: "_s + rejectReasonName(*cutoff.error));
        } else {
            const qint64 ms = cutoff.tradesCreated.toMSecsSinceEpoch();
            const bool changed = m_cutoffMs != ms;
            m_cutoffMs = ms;
            m_cutoffTimer->start(m_config.cutoffRefresh);
            if (changed)
                Q_EMIT historicalCutoffChanged(ms);
        }
    }
    if (error) {
        // Degrade, do not stop: the live tape is still served; windows reaching before an
        // unknown cutoff stay open (see plan()).
        ++m_cutoffFailures;
        qCWarning(lcNet).noquote() << "kalshi historical cutoff unavailable:" << describe(*error);
        m_status.lastError = u"historical cutoff unavailable: "_s + describe(*error);
        m_cutoffTimer->start(m_config.cutoffRetry);
        Q_EMIT fetchFailed(*error);
        Q_EMIT statusChanged(m_status);
    }
    pump();
}

void KalshiRestPoller::plan(Job &job) const {
    job.planned = true;
    if (!m_cutoffMs) {
        job.cutoffUnknown = true;
        return;
    }
    job.cutoffMs = *m_cutoffMs;
    if (job.range.fromMs >= job.cutoffMs)
        return; // all of it on the live tape
    if (!job.live && job.range.toMs < job.cutoffMs)
        job.historical = true; // all of it before the cutoff
    else
        job.historicalNext = true;
}

void KalshiRestPoller::pump() {
    if (m_inFlight || m_jobs.empty() || !m_running || m_cutoffPending)
        return;
    if (!m_jobs.front().planned)
        plan(m_jobs.front());
    fetchPage();
}

void KalshiRestPoller::fetchPage() {
    const Job &job = m_jobs.front();
    QUrl url = m_config.restBase;
    url.setPath(url.path() + (job.historical ? u"/historical/trades"_s : u"/markets/trades"_s));
    QUrlQuery q;
    q.addQueryItem(u"limit"_s, QString::number(m_config.pageSize));
    if (!job.cursor.isEmpty())
        q.addQueryItem(u"cursor"_s, job.cursor);
    // min_ts/max_ts are whole seconds: round outwards, then filter exactly below. Each tape is
    // asked for its side of the cutoff, with a little overlap.
    qint64 fromMs = job.range.fromMs;
    if (!job.historical && job.historicalNext)
        fromMs = std::max(fromMs, job.cutoffMs - kBoundarySlackMs);
    q.addQueryItem(u"min_ts"_s, QString::number(std::max<qint64>(0, fromMs / 1000)));
    if (job.historical)
        q.addQueryItem(u"max_ts"_s, QString::number(std::min(job.range.toMs, job.cutoffMs) / 1000 + 1));
    else if (!job.live)
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
    if (job.historical)
        ++m_historicalPages;
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
             (t.timestampMs == job.stopAtMs && job.stopIds.contains(t.txId.text())))) {
            reachedKnown =
                reachedKnown || t.timestampMs < job.stopAtMs || job.stopIds.contains(t.txId.text());
            continue;
        }
        if (t.timestampMs < job.range.fromMs || (!job.live && t.timestampMs > job.range.toMs))
            continue;
        if (job.planned && job.cutoffMs > 0 && std::abs(t.timestampMs - job.cutoffMs) <= kBoundarySlackMs &&
            (job.historical || job.historicalNext)) {
            if (job.boundaryIds.contains(t.txId.text()))
                continue; // the other tape already gave it
            job.boundaryIds.insert(t.txId.text());
        }
        if (t.timestampMs > m_newestSeenMs) {
            m_newestSeenMs = t.timestampMs;
            m_newestIds.clear();
        }
        if (t.timestampMs == m_newestSeenMs)
            m_newestIds.insert(t.txId.text());
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
    if (reachedKnown) {
        finishJob(true);
        return;
    }
    if (page.cursor.isEmpty()) {
        if (job.historicalNext) {
            // The live tape is done down to the cutoff; the rest of the window is older.
            job.historicalNext = false;
            job.historical = true;
            job.cursor.clear();
            pump();
            return;
        }
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
    // Paged without knowing the cutoff: whatever lay before it was never asked for.
    if (job.cutoffUnknown && !job.live)
        complete = false;
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
