#pragma once

#include "models/domain/wallet.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QtGlobal>

#include <deque>

namespace longshot::net {

// Fast: what the user is looking at. Bulk: background re-syncs and discovery.
enum class SyncLane : quint8 { Fast = 1, Bulk };

struct SyncSchedulerConfig {
    int fastSlots = 3; // reserved: bulk work never takes them
    int bulkSlots = 7;
    qint64 activeResyncMs = 10 * 60'000;      // traders seen trading lately
    qint64 idleResyncMs = 6 * 60 * 60'000;    // everyone else
    qint64 activeWindowMs = 24 * 60 * 60'000; // "lately"
};

struct SyncJob {
    Wallet wallet;
    SyncLane lane = SyncLane::Bulk;
    qint64 enqueuedMs = 0;
};

// The scheduling rules alone, over a caller-supplied clock, so they are testable without a
// network or a timer: one job per wallet (asking again for the fast lane promotes a queued
// bulk job), fast jobs start ahead of every queued bulk job and have slots of their own, and
// each wallet comes due again at a pace set by how recently it traded.
class SyncQueue final {
public:
    explicit SyncQueue(SyncSchedulerConfig config = {});

    // False when the wallet is already queued or running (a fast request still promotes it).
    bool enqueue(const Wallet &wallet, SyncLane lane, qint64 nowMs);
    // The jobs that may start now, fast first; they count as running until finish().
    QList<SyncJob> takeStartable(qint64 nowMs);
    // Frees the slot and schedules the next re-sync; lastTradeMs is the wallet's newest fill.
    void finish(const Wallet &wallet, qint64 nowMs, qint64 lastTradeMs);
    // Queues (bulk) every wallet whose re-sync is due; returns how many.
    int enqueueDue(qint64 nowMs);
    // The whale feed and the leaderboard feed wallets in here (bulk, de-duplicated).
    int discover(const QList<Wallet> &wallets, qint64 nowMs);
    // The wallets the user follows, replacing the previous set: their bulk jobs go ahead of
    // every other bulk job (queued ones move up now) and they re-sync at the active pace.
    void prioritize(const QList<Wallet> &wallets);
    bool isPrioritized(const Wallet &wallet) const { return m_priority.contains(wallet.address()); }
    // A wallet synced in an earlier run: nothing is queued now; it comes due as if finish()
    // had run at syncedMs (unless it is already known here).
    void restore(const Wallet &wallet, qint64 syncedMs, qint64 lastTradeMs);

    int running(SyncLane lane) const;
    qsizetype queued(SyncLane lane) const;
    bool isQueuedOrRunning(const Wallet &wallet) const;
    std::optional<qint64> nextDueMs(const Wallet &wallet) const;

private:
    void pushBulk(SyncJob job);
    qint64 dueAfter(const QString &wallet, qint64 nowMs, qint64 lastTradeMs) const;

    SyncSchedulerConfig m_config;
    std::deque<SyncJob> m_fast;
    std::deque<SyncJob> m_bulk;
    QHash<QString, SyncLane> m_queued;  // wallet -> lane while queued
    QHash<QString, SyncLane> m_running; // wallet -> lane it runs in
    QHash<QString, qint64> m_nextDue;   // wallet -> when to re-sync
    QSet<QString> m_priority;           // followed wallets
    qsizetype m_priorityQueued = 0;     // the first this many bulk jobs are followed wallets
    int m_runningFast = 0;
    int m_runningBulk = 0;
};

} // namespace longshot::net
