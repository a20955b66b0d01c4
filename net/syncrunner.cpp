#include "net/syncrunner.h"

#include "net/netlog.h"
#include "net/restclient.h"

#include <QDateTime>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace longshot::net {

namespace {

constexpr int kLeaderboardPage = 50; // the API refuses more

// The error that decides a sync's fate: without its activity a wallet's figures would be
// made up, while a failed positions or value phase only leaves the snapshot incomplete.
const PhaseError *activityError(const TraderSnapshot &snapshot) {
    for (const PhaseError &e : snapshot.errors) {
        if (e.phase == u"activity"_s)
            return &e;
    }
    return nullptr;
}

} // namespace

SyncRunner::SyncRunner(SyncRunnerConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_queue(m_config.schedule) {}

SyncRunner::~SyncRunner() = default;

std::pair<int, qint64> SyncRunner::laneBucket(const HostBudget &budget, double share, double burstFraction) {
    const int lane = std::max(1, int(std::floor(double(budget.requests) * std::clamp(share, 0.0, 1.0))));
    // Part of the lane's budget may go at once; the rest trickles in over the period, so any
    // window of one period holds at most burst + refill = the lane's budget.
    const int burst = std::clamp(int(std::floor(double(lane) * std::clamp(burstFraction, 0.0, 1.0))), 1,
                                 std::max(1, lane - 1)); // something must trickle in
    const int refill = lane - burst;
    if (refill <= 0)
        return {1, budget.periodMs}; // one request per period: the grant lands on the boundary
    const qint64 period = (qint64(burst) * budget.periodMs + refill - 1) / refill;
    return {burst, period};
}

qint64 SyncRunner::nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

qint64 SyncRunner::requestsSent() const {
    return (m_fast.rest ? m_fast.rest->requestsSent() : 0) + (m_bulk.rest ? m_bulk.rest->requestsSent() : 0);
}

qint64 SyncRunner::rateLimitedResponses() const {
    return (m_fast.rest ? m_fast.rest->rateLimitedResponses() : 0) +
           (m_bulk.rest ? m_bulk.rest->rateLimitedResponses() : 0);
}

void SyncRunner::createLane(Lane &lane, int slotCount, double share, double burstFraction) {
    lane.rest = new RestClient(this);
    const QString dataKey = RestClient::hostKey(m_config.fetch.dataApi);
    const QString gammaKey = RestClient::hostKey(m_config.fetch.gammaApi);
    const auto [gammaBurst, gammaPeriod] = laneBucket(m_config.gamma, share, burstFraction);
    lane.rest->setHostBudget(gammaKey, gammaBurst, gammaPeriod);
    // One host serving both (a proxy, the simulator): the tighter budget wins.
    const auto [dataBurst, dataPeriod] = laneBucket(m_config.dataApi, share, burstFraction);
    lane.rest->setHostBudget(dataKey, dataBurst, dataPeriod);
    for (int i = 0; i < std::max(1, slotCount); ++i) {
        auto *fetcher = new TraderFetcher(lane.rest, m_config.fetch, this);
        connect(fetcher, &TraderFetcher::finished, this,
                [this, fetcher](const TraderSnapshot &snapshot) { onFinished(fetcher, snapshot); });
        connect(fetcher, &TraderFetcher::progress, this,
                [this, fetcher](const QString &phase) { emit progress(m_walletOf.value(fetcher), phase); });
        lane.fetchers.append(fetcher);
    }
}

void SyncRunner::start() {
    if (m_started)
        return;
    m_started = true;
    m_stopped = false;
    // "Sync now" is one profile at a time and wants its pages at once; background work is
    // steady, so it gets a small burst and a steady refill.
    createLane(m_fast, m_config.schedule.fastSlots, m_config.fastShare, 0.5);
    createLane(m_bulk, m_config.schedule.bulkSlots, 1.0 - m_config.fastShare, 0.2);
    // The exchange counts both lanes against one budget: a 429 slows the host for both.
    connect(m_fast.rest, &RestClient::hostPaused, m_bulk.rest, &RestClient::pauseHost);
    connect(m_bulk.rest, &RestClient::hostPaused, m_fast.rest, &RestClient::pauseHost);

    m_resyncTimer = new QTimer(this);
    m_resyncTimer->setInterval(std::chrono::milliseconds(std::max<qint64>(1'000, m_config.resyncCheckMs)));
    connect(m_resyncTimer, &QTimer::timeout, this, [this] {
        if (m_queue.enqueueDue(nowMs()) > 0)
            pump();
    });
    m_resyncTimer->start();
    if (m_config.leaderboardIntervalMs > 0) {
        m_leaderboardTimer = new QTimer(this);
        m_leaderboardTimer->setInterval(std::chrono::milliseconds(m_config.leaderboardIntervalMs));
        connect(m_leaderboardTimer, &QTimer::timeout, this, &SyncRunner::fetchLeaderboard);
        m_leaderboardTimer->start();
        QTimer::singleShot(0, this, &SyncRunner::fetchLeaderboard);
    }
    pump();
}

void SyncRunner::stop() {
    m_stopped = true;
    if (m_resyncTimer)
        m_resyncTimer->stop();
    if (m_leaderboardTimer)
        m_leaderboardTimer->stop();
}

void SyncRunner::requestSync(const Wallet &wallet, SyncLane lane) {
    if (wallet.isEmpty())
        return;
    if (lane == SyncLane::Fast)
        m_skipped.remove(wallet.address()); // the user asked: try again
    if (!m_queue.enqueue(wallet, lane, nowMs()) && lane == SyncLane::Fast &&
        m_walletOf.key(wallet, nullptr) != nullptr) {
        emit progress(wallet, u"already syncing"_s);
    }
    pump();
}

void SyncRunner::discover(const QList<Wallet> &wallets) {
    if (m_queue.discover(wallets, nowMs()) > 0)
        pump();
}

void SyncRunner::prioritize(const QList<Wallet> &wallets) {
    m_queue.prioritize(wallets);
    discover(wallets);
}

void SyncRunner::restore(const QList<KnownWallet> &known) {
    for (const KnownWallet &k : known) {
        if (k.wallet.isEmpty())
            continue;
        m_queue.restore(k.wallet, k.syncedMs, k.lastTradeMs);
        if (k.lastTradeMs > 0)
            m_lastTradeMs.insert(k.wallet.address(), k.lastTradeMs);
        if (k.complete && k.newestEventMs > 0 && !m_resumeFromMs.contains(k.wallet.address()))
            m_resumeFromMs.insert(k.wallet.address(), k.newestEventMs);
    }
}

void SyncRunner::pump() {
    if (!m_started || m_stopped)
        return;
    for (;;) {
        const qint64 now = nowMs();
        const QList<SyncJob> jobs = m_queue.takeStartable(now);
        if (jobs.isEmpty())
            return;
        bool freedSlot = false;
        for (const SyncJob &job : jobs) {
            const QString key = job.wallet.address();
            if (job.lane == SyncLane::Bulk && m_skipped.contains(key)) {
                m_queue.finish(job.wallet, now, 0);
                freedSlot = true;
                continue;
            }
            Lane &lane = job.lane == SyncLane::Fast ? m_fast : m_bulk;
            const auto free = std::find_if(lane.fetchers.cbegin(), lane.fetchers.cend(),
                                           [](const TraderFetcher *f) { return !f->isBusy(); });
            if (free == lane.fetchers.cend()) {
                // Cannot happen while slots == fetchers; give the slot back rather than hang.
                qCWarning(lcNet) << "sync runner: no free fetcher for a started job";
                m_queue.finish(job.wallet, now, 0);
                continue;
            }
            TraderFetcher *fetcher = *free;
            m_walletOf.insert(fetcher, job.wallet);
            emit jobStarted(job.wallet, job.lane, std::max<qint64>(0, now - job.enqueuedMs));
            fetcher->fetch(job.wallet, m_resumeFromMs.value(key, 0));
        }
        if (!freedSlot)
            return;
    }
}

void SyncRunner::onFinished(TraderFetcher *fetcher, const TraderSnapshot &snapshot) {
    m_walletOf.remove(fetcher);
    if (m_stopped)
        return;
    const Wallet &wallet = snapshot.wallet;
    const QString key = wallet.address();
    if (const PhaseError *error = activityError(snapshot)) {
        finishFailed(wallet, error->error, u"activity: "_s + describe(error->error));
        pump();
        return;
    }
    qint64 newestEvent = 0;
    qint64 newestTrade = m_lastTradeMs.value(key, 0);
    for (const ActivityEvent &e : snapshot.events) {
        newestEvent = std::max(newestEvent, e.timestampMs);
        if (e.kind == ActivityKind::Buy || e.kind == ActivityKind::Sell)
            newestTrade = std::max(newestTrade, e.timestampMs);
    }
    if (newestTrade > 0)
        m_lastTradeMs.insert(key, newestTrade);
    if (snapshot.complete) {
        // Next time only what is new: the fetcher starts at this second and the store drops
        // the rows it already holds.
        newestEvent = std::max(newestEvent, m_resumeFromMs.value(key, 0));
        if (newestEvent > 0)
            m_resumeFromMs.insert(key, newestEvent / 1000 * 1000);
    } else {
        m_resumeFromMs.remove(key); // a gap somewhere: fetch the whole history next time
    }
    m_queue.finish(wallet, nowMs(), newestTrade);
    emit snapshotReady(snapshot);
    pump();
}

void SyncRunner::finishFailed(const Wallet &wallet, const FetchError &error, const QString &reason) {
    const qint64 now = nowMs();
    switch (recoveryFor(error.kind)) {
    case Recovery::SkipForGood:
        // The exchange does not know the wallet: background work never asks again.
        m_skipped.insert(wallet.address());
        m_queue.finish(wallet, now, 0);
        break;
    case Recovery::BackOff:
    case Recovery::RetryWithJitter:
        // The client already retried; come back at the active pace, not hours later.
        m_queue.finish(wallet, now, now);
        break;
    case Recovery::Drop:
    case Recovery::StopAndTell:
        m_queue.finish(wallet, now, 0);
        break;
    }
    qCInfo(lcNet).noquote() << "trader sync" << wallet.address() << "failed:" << reason;
    emit failed(wallet, reason);
}

// --- leaderboard ---------------------------------------------------------------------------

void SyncRunner::fetchLeaderboard() {
    if (m_leaderboardBusy || m_stopped || !m_started)
        return;
    m_leaderboardQueue.clear();
    for (const QString &period : std::as_const(m_config.leaderboardPeriods))
        m_leaderboardQueue.append(LeaderboardFetch{period, {}, 0});
    if (m_leaderboardQueue.isEmpty())
        return;
    m_leaderboardBusy = true;
    nextLeaderboardPage();
}

void SyncRunner::nextLeaderboardPage() {
    if (m_leaderboardQueue.isEmpty() || m_stopped) {
        m_leaderboardBusy = false;
        return;
    }
    const LeaderboardFetch &current = m_leaderboardQueue.constFirst();
    QUrl url = RestClient::apiUrl(m_config.fetch.dataApi, u"/v1/leaderboard"_s);
    QUrlQuery query;
    query.addQueryItem(u"category"_s, u"OVERALL"_s);
    query.addQueryItem(u"timePeriod"_s, current.period);
    query.addQueryItem(u"orderBy"_s, u"PNL"_s);
    query.addQueryItem(u"limit"_s, QString::number(kLeaderboardPage));
    query.addQueryItem(u"offset"_s, QString::number(current.offset));
    url.setQuery(query);
    // Background work: the bulk lane's share of the data-api budget.
    m_bulk.rest->get(url, this,
                     [this](const RestResult &result) { onLeaderboardPage(result.error, result.body); });
}

void SyncRunner::onLeaderboardPage(const std::optional<FetchError> &error, const QByteArray &body) {
    if (m_leaderboardQueue.isEmpty())
        return;
    LeaderboardFetch &current = m_leaderboardQueue.first();
    const QString period = current.period.toLower();
    std::optional<FetchError> failure = error;
    LeaderboardPage page;
    if (!failure) {
        page = parseLeaderboard(body);
        if (page.error)
            failure = FetchError::invalidResponse(u"leaderboard: "_s + rejectReasonName(*page.error));
    }
    if (failure) {
        qCInfo(lcNet).noquote() << "leaderboard" << period << "failed:" << describe(*failure);
        emit leaderboardFailed(period, describe(*failure));
        m_leaderboardQueue.removeFirst();
        nextLeaderboardPage();
        return;
    }
    current.rows += page.rows;
    const int received = int(page.rows.size() + page.rejects.size());
    current.offset += kLeaderboardPage;
    if (received >= kLeaderboardPage && current.rows.size() < m_config.leaderboardRows) {
        nextLeaderboardPage();
        return;
    }
    const LeaderboardFetch done = m_leaderboardQueue.takeFirst();
    QList<LeaderboardRow> rows = done.rows;
    if (rows.size() > m_config.leaderboardRows)
        rows.resize(m_config.leaderboardRows);
    emit leaderboardFetched(period, rows, nowMs());
    QList<Wallet> wallets;
    wallets.reserve(rows.size());
    for (const LeaderboardRow &row : std::as_const(rows))
        wallets.append(row.wallet);
    discover(wallets);
    nextLeaderboardPage();
}

} // namespace longshot::net
