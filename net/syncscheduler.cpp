#include "net/syncscheduler.h"

#include <algorithm>

namespace longshot::net {

SyncQueue::SyncQueue(SyncSchedulerConfig config)
    : m_config(config) {}

bool SyncQueue::enqueue(const Wallet &wallet, SyncLane lane, qint64 nowMs) {
    const QString key = wallet.address();
    if (m_running.contains(key))
        return false;
    const auto it = m_queued.constFind(key);
    if (it != m_queued.constEnd()) {
        if (*it == SyncLane::Bulk && lane == SyncLane::Fast) {
            // Promote: the user is looking at a wallet the background had queued.
            const auto pos = std::find_if(m_bulk.begin(), m_bulk.end(),
                                          [&](const SyncJob &j) { return j.wallet == wallet; });
            if (pos != m_bulk.end()) {
                if (pos - m_bulk.begin() < m_priorityQueued)
                    --m_priorityQueued;
                m_bulk.erase(pos);
            }
            m_fast.push_back(SyncJob{wallet, SyncLane::Fast, nowMs});
            m_queued.insert(key, SyncLane::Fast);
        }
        return false;
    }
    if (lane == SyncLane::Fast)
        m_fast.push_back(SyncJob{wallet, lane, nowMs});
    else
        pushBulk(SyncJob{wallet, lane, nowMs});
    m_queued.insert(key, lane);
    return true;
}

void SyncQueue::pushBulk(SyncJob job) {
    if (m_priority.contains(job.wallet.address())) {
        // Behind the followed wallets already waiting, ahead of everyone else.
        m_bulk.insert(m_bulk.begin() + m_priorityQueued, std::move(job));
        ++m_priorityQueued;
        return;
    }
    m_bulk.push_back(std::move(job));
}

void SyncQueue::prioritize(const QList<Wallet> &wallets) {
    m_priority.clear();
    for (const Wallet &w : wallets) {
        if (!w.isEmpty())
            m_priority.insert(w.address());
    }
    // Stable partition keeps the order of arrival within each group.
    const auto mid = std::stable_partition(m_bulk.begin(), m_bulk.end(), [this](const SyncJob &j) {
        return m_priority.contains(j.wallet.address());
    });
    m_priorityQueued = qsizetype(mid - m_bulk.begin());
}

void SyncQueue::restore(const Wallet &wallet, qint64 syncedMs, qint64 lastTradeMs) {
    const QString key = wallet.address();
    if (wallet.isEmpty() || m_nextDue.contains(key) || m_queued.contains(key) || m_running.contains(key))
        return;
    m_nextDue.insert(key, dueAfter(key, syncedMs, lastTradeMs));
}

qint64 SyncQueue::dueAfter(const QString &wallet, qint64 nowMs, qint64 lastTradeMs) const {
    const bool active =
        (lastTradeMs > 0 && nowMs - lastTradeMs <= m_config.activeWindowMs) || m_priority.contains(wallet);
    return nowMs + (active ? m_config.activeResyncMs : m_config.idleResyncMs);
}

QList<SyncJob> SyncQueue::takeStartable(qint64) {
    QList<SyncJob> out;
    // Fast jobs first, in their own slots; a queue of bulk work is never looked at before them.
    while (!m_fast.empty() && m_runningFast < m_config.fastSlots) {
        SyncJob job = m_fast.front();
        m_fast.pop_front();
        m_queued.remove(job.wallet.address());
        m_running.insert(job.wallet.address(), SyncLane::Fast);
        ++m_runningFast;
        out.append(job);
    }
    while (!m_bulk.empty() && m_runningBulk < m_config.bulkSlots) {
        SyncJob job = m_bulk.front();
        m_bulk.pop_front();
        if (m_priorityQueued > 0)
            --m_priorityQueued;
        m_queued.remove(job.wallet.address());
        m_running.insert(job.wallet.address(), SyncLane::Bulk);
        ++m_runningBulk;
        out.append(job);
    }
    return out;
}

void SyncQueue::finish(const Wallet &wallet, qint64 nowMs, qint64 lastTradeMs) {
    const QString key = wallet.address();
    const auto it = m_running.constFind(key);
    if (it == m_running.constEnd())
        return;
    (*it == SyncLane::Fast ? m_runningFast : m_runningBulk) -= 1;
    m_running.erase(it);
    m_nextDue.insert(key, dueAfter(key, nowMs, lastTradeMs));
}

int SyncQueue::enqueueDue(qint64 nowMs) {
    int added = 0;
    for (auto it = m_nextDue.cbegin(); it != m_nextDue.cend(); ++it) {
        if (it.value() > nowMs)
            continue;
        if (const auto w = Wallet::parse(it.key()))
            added += enqueue(*w, SyncLane::Bulk, nowMs) ? 1 : 0;
    }
    return added;
}

int SyncQueue::discover(const QList<Wallet> &wallets, qint64 nowMs) {
    int added = 0;
    for (const Wallet &w : wallets) {
        // Known wallets keep their own pace; only new ones are queued at once.
        if (w.isEmpty() || m_nextDue.contains(w.address()))
            continue;
        added += enqueue(w, SyncLane::Bulk, nowMs) ? 1 : 0;
    }
    return added;
}

int SyncQueue::running(SyncLane lane) const {
    return lane == SyncLane::Fast ? m_runningFast : m_runningBulk;
}

qsizetype SyncQueue::queued(SyncLane lane) const {
    return qsizetype(lane == SyncLane::Fast ? m_fast.size() : m_bulk.size());
}

bool SyncQueue::isQueuedOrRunning(const Wallet &wallet) const {
    return m_queued.contains(wallet.address()) || m_running.contains(wallet.address());
}

std::optional<qint64> SyncQueue::nextDueMs(const Wallet &wallet) const {
    const auto it = m_nextDue.constFind(wallet.address());
    if (it == m_nextDue.constEnd())
        return std::nullopt;
    return *it;
}

} // namespace longshot::net
