#pragma once

#include "models/domain/wallet.h"
#include "net/activityparser.h"
#include "net/syncscheduler.h"
#include "net/traderfetcher.h"

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

class QTimer;

namespace longshot::net {

class RestClient;

// One host's documented budget, `requests` per `periodMs` for any window of that length.
struct HostBudget {
    int requests = 150;
    qint64 periodMs = 10'000;
};

// What an earlier run left about a wallet, so a restart resumes its pace instead of
// fetching every stored trader again at once.
struct KnownWallet {
    Wallet wallet;
    qint64 syncedMs = 0;
    qint64 lastTradeMs = 0;
    qint64 newestEventMs = 0; // incremental re-syncs start from this second
    bool complete = false;    // an incomplete history is fetched whole again
};

struct SyncRunnerConfig {
    SyncSchedulerConfig schedule;
    TraderFetchConfig fetch;
    // Buckets are per host, so each host gets the budget of the tightest endpoint the sync
    // calls on it: data-api /positions and /closed-positions allow 150 per 10 s (exchange-apis
    // §2.4), gamma /markets 300. Whichever endpoints a burst hits, none goes over its own.
    HostBudget dataApi{150, 10'000};
    HostBudget gamma{300, 10'000};
    // The fast lane's share of every host budget; the bulk lane gets the rest, so background
    // work can never use up the requests a profile the user opened needs.
    double fastShare = 0.4;
    qint64 resyncCheckMs = 30'000;              // how often due re-syncs are queued
    qint64 leaderboardIntervalMs = 30 * 60'000; // 0: no leaderboard fetch
    // Polymarket's timePeriod values, asked for by PNL; stored and emitted in lower case.
    QStringList leaderboardPeriods{QStringLiteral("DAY"), QStringLiteral("WEEK"), QStringLiteral("MONTH"),
                                   QStringLiteral("ALL")};
    int leaderboardRows = 100; // per period, in pages of 50 (the API's maximum)
};

// Drives SyncQueue with real TraderFetcher jobs. Lives on a net worker thread: create it
// without a parent, move it, then invoke start(). A fast lane of its own fetchers and its own
// share of each host's requests runs ahead of everything; the bulk lane takes background
// re-syncs, discovery and the leaderboard. Every request goes through a token bucket per
// host (and lane) sized so that the lanes together stay within the documented limits; a 429
// pauses that host, for both lanes, for Retry-After when given. Everything emitted is a value.
class SyncRunner final : public QObject {
    Q_OBJECT
public:
    explicit SyncRunner(SyncRunnerConfig config, QObject *parent = nullptr);
    ~SyncRunner() override;
    Q_DISABLE_COPY_MOVE(SyncRunner)

    // Bucket sizes for one lane's share of a budget: the burst (burstFraction of the share)
    // plus the refill over any window of budget.periodMs stays within share × budget.requests.
    static std::pair<int, qint64> laneBucket(const HostBudget &budget, double share,
                                             double burstFraction = 0.2);

    int running(SyncLane lane) const { return m_queue.running(lane); }
    qsizetype queued(SyncLane lane) const { return m_queue.queued(lane); }
    qint64 requestsSent() const;
    qint64 rateLimitedResponses() const;

public Q_SLOTS:
    void start();
    void stop();
    // A sync now: Fast for the profile in front of the user, Bulk otherwise.
    void requestSync(const longshot::Wallet &wallet, longshot::net::SyncLane lane);
    // Wallets seen in the whale feed or on a leaderboard; only new ones are queued (bulk).
    void discover(const QList<longshot::Wallet> &wallets);
    // The followed wallets (replacing the last list): they re-sync first within the bulk lane
    // and at the active pace; ones never synced are queued.
    void prioritize(const QList<longshot::Wallet> &wallets);
    // Wallets synced in an earlier run: each comes due at its pace; nothing is fetched now.
    void restore(const QList<longshot::net::KnownWallet> &known);
    void fetchLeaderboard();

Q_SIGNALS:
    void jobStarted(const longshot::Wallet &wallet, longshot::net::SyncLane lane, qint64 waitedMs);
    void progress(const longshot::Wallet &wallet, const QString &phase);
    void snapshotReady(const longshot::net::TraderSnapshot &snapshot);
    void failed(const longshot::Wallet &wallet, const QString &reason);
    // period in lower case: day, week, month, all; rows ranked by P&L.
    void leaderboardFetched(const QString &period, const QList<longshot::net::LeaderboardRow> &rows,
                            qint64 fetchedMs);
    void leaderboardFailed(const QString &period, const QString &reason);

private:
    struct Lane {
        RestClient *rest = nullptr;
        QList<TraderFetcher *> fetchers;
    };
    struct LeaderboardFetch {
        QString period; // as the API spells it
        QList<LeaderboardRow> rows;
        int offset = 0;
    };

    void createLane(Lane &lane, int slotCount, double share, double burstFraction);
    void pump();
    void onFinished(TraderFetcher *fetcher, const TraderSnapshot &snapshot);
    void finishFailed(const Wallet &wallet, const FetchError &error, const QString &reason);
    void nextLeaderboardPage();
    void onLeaderboardPage(const std::optional<FetchError> &error, const QByteArray &body);
    static qint64 nowMs();

    SyncRunnerConfig m_config;
    SyncQueue m_queue;
    Lane m_fast;
    Lane m_bulk;
    QHash<TraderFetcher *, Wallet> m_walletOf; // the job each busy fetcher runs
    QHash<QString, qint64> m_resumeFromMs;     // wallet -> newest activity second, for incremental re-syncs
    QHash<QString, qint64> m_lastTradeMs;      // wallet -> newest fill seen
    QSet<QString> m_skipped;                   // the exchange does not know them: never asked again
    QTimer *m_resyncTimer = nullptr;
    QTimer *m_leaderboardTimer = nullptr;
    QList<LeaderboardFetch> m_leaderboardQueue;
    bool m_leaderboardBusy = false;
    bool m_started = false;
    bool m_stopped = false;
};

} // namespace longshot::net

Q_DECLARE_METATYPE(longshot::net::SyncLane)
Q_DECLARE_METATYPE(longshot::net::LeaderboardRow)
Q_DECLARE_METATYPE(longshot::net::KnownWallet)
