#include "net/tradebackfill.h"

#include "net/netlog.h"
#include "net/restclient.h"
#include "net/storagebacklog.h"

#include <QDateTime>
#include <QTimer>
#include <QUrlQuery>

namespace longshot::net {

TradeBackfill::TradeBackfill(BackfillConfig config, std::shared_ptr<BoundedBatchQueue> storageQueue)
    : m_config(std::move(config))
    , m_rest(new RestClient(this))
    , m_pollTimer(new QTimer(this))
    , m_backlog(new StorageBacklog(std::move(storageQueue), this)) {
    // Documented budget for data-api /trades: 200 requests per 10 s. Use half of it.
    const QUrl u = m_config.dataApi;
    m_rest->setHostBudget(u.host() + u':' + QString::number(u.port(u.scheme() == u"https" ? 443 : 80)), 100,
                          10'000);
    m_pollTimer->setInterval(m_config.pollInterval);
    connect(m_pollTimer, &QTimer::timeout, this, &TradeBackfill::poll);
    connect(m_backlog, &StorageBacklog::batchQueued, this, &TradeBackfill::storageBatchQueued);
}

TradeBackfill::~TradeBackfill() = default;

void TradeBackfill::start() {
    m_running = true;
    m_pollTimer->start();
    poll();
}

void TradeBackfill::stop() {
    m_running = false;
    m_pollTimer->stop();
    m_jobs.clear();
}

bool TradeBackfill::isIdle() const {
    return m_jobs.empty() && !m_inFlight && m_backlog->isEmpty();
}

void TradeBackfill::setNewestStoredMs(qint64 ms) {
    m_newestSeenMs = std::max(m_newestSeenMs, ms);
}

void TradeBackfill::poll() {
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 from = m_newestSeenMs > 0 ? m_newestSeenMs - m_config.pollOverlap.count()
                                           : now - m_config.pollOverlap.count();
    fetchRange(GapRange{0, QStringLiteral("polymarket.rtds"), from, now, QStringLiteral("poll")});
}

void TradeBackfill::fetchRange(const GapRange &gap) {
    if (!m_running)
        return;
    // Ranges are walked newest-first from "now", so a later job that covers an earlier
    // one's window makes the earlier redundant; keep them simple and let dedupe absorb overlap.
    m_jobs.push_back(Job{gap, 0, 0});
    pump();
}

void TradeBackfill::pump() {
    if (m_inFlight || m_jobs.empty() || !m_running)
        return;
    fetchPage();
}

void TradeBackfill::fetchPage() {
    Job &job = m_jobs.front();
    QUrl url = m_config.dataApi;
    url.setPath(url.path() + QStringLiteral("/trades"));
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("limit"), QString::number(m_config.pageSize));
    q.addQueryItem(QStringLiteral("offset"), QString::number(job.offset));
    // takerOnly defaults to true on the server; the socket carries maker fills too.
    q.addQueryItem(QStringLiteral("takerOnly"), QStringLiteral("false"));
    if (m_config.minNotional.micros() > 0) {
        q.addQueryItem(QStringLiteral("filterType"), QStringLiteral("CASH"));
        q.addQueryItem(QStringLiteral("filterAmount"), m_config.minNotional.toString());
    }
    url.setQuery(q);
    m_inFlight = true;
    m_rest->get(url, this, [this](const RestResult &result) {
        m_inFlight = false;
        // stop() drops the jobs while a request may still be in flight; its answer has no job.
        if (!m_running || m_jobs.empty())
            return;
        if (result.error) {
            qCWarning(lcNet).noquote() << "backfill page failed:" << describe(*result.error);
            Q_EMIT fetchFailed(*result.error);
            finishJob(false);
            return;
        }
        onPage(result.body);
    });
}

void TradeBackfill::onPage(QByteArrayView body) {
    Job &job = m_jobs.front();
    ParseResult page = m_parser.parseBody(body, QDateTime::currentMSecsSinceEpoch());
    const qsizetype rows = page.trades.size() + page.rejects.size();
    TradeBatch inRange;
    qint64 oldest = std::numeric_limits<qint64>::max();
    for (Trade &t : page.trades) {
        oldest = std::min(oldest, t.timestampMs);
        m_newestSeenMs = std::max(m_newestSeenMs, t.timestampMs);
        const auto notional = t.notional();
        if (t.timestampMs >= job.range.fromMs && notional && *notional >= m_config.minNotional)
            inRange.append(std::move(t));
    }
    job.found += inRange.size();
    if (!inRange.isEmpty()) {
        Q_EMIT tradesFetched(inRange);
        m_backlog->push(std::move(inRange));
    }
    const bool exhausted = rows < m_config.pageSize;
    const bool reachedStart = page.trades.isEmpty() || oldest < job.range.fromMs;
    if (exhausted || reachedStart) {
        finishJob(true);
        return;
    }
    job.offset += m_config.pageSize;
    if (job.offset > m_config.maxOffset) {
        qCWarning(lcNet) << "backfill hit the data-api offset ceiling; the range stays partly open";
        finishJob(false);
        return;
    }
    pump();
}

void TradeBackfill::finishJob(bool complete) {
    const Job job = m_jobs.front();
    m_jobs.pop_front();
    Q_EMIT rangeFinished(job.range, complete, job.found);
    pump();
}

} // namespace longshot::net
