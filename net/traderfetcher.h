#pragma once

#include "models/domain/activity.h"
#include "models/domain/fetcherror.h"
#include "models/domain/market.h"
#include "models/domain/wallet.h"
#include "net/activityparser.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace longshot::net {

class RestClient;

struct TraderFetchConfig {
    QUrl dataApi{QStringLiteral("https://data-api.polymarket.com")};
    QUrl gammaApi{QStringLiteral("https://gamma-api.polymarket.com")};
    int activityPageSize = 500;
    // Offsets past a few thousand are refused or go stale, so /activity is walked in time
    // windows (ascending, so split and merge rows are listed) and no window pages past this.
    int activityMaxOffset = 3000;
    // A wallet with more rows than this is left incomplete rather than fetched for ever.
    int maxActivityRows = 250'000;
    int positionsPageSize = 500;
    int positionsMaxOffset = 10'000;
    int closedPageSize = 50;
    int maxClosedRows = 5'000;
    int gammaBatch = 40; // condition_ids per gamma request
};

// One failed phase: which, and why, in the FetchError taxonomy.
struct PhaseError {
    QString phase; // "activity", "positions", "closed-positions", "value", "markets"
    FetchError error;
};

// Everything one sync learned about a wallet, as plain values. `complete` is false whenever
// a paging ceiling cut a listing short or a phase failed; the reasons say which, so the UI
// never shows a partial figure as if it were whole.
struct TraderSnapshot {
    Wallet wallet;
    QString name;
    QString pseudonym;
    ActivityList events; // oldest first
    QList<PositionRow> positions;
    QList<PositionRow> closedPositions;
    MarketList markets; // gamma metadata, else what the activity rows named
    std::optional<Decimal> value;
    bool complete = true;
    QStringList incompleteReasons;
    QStringList unknownActivityTypes;
    QList<PhaseError> errors;
    int marketsWithoutMetadata = 0; // named by activity only (gamma had no row)
    qint64 sinceMs = 0;             // activity before this was not asked for (incremental sync)
    qint64 fetchedMs = 0;
    int requests = 0;

    void markIncomplete(const QString &reason);
};

// Fetches one wallet: /activity (paged by time window), /positions, /closed-positions,
// /value, then gamma /markets for every condition seen (open ones first, then closed=true
// for the rest). Requests go one at a time through the shared RestClient, whose per-host
// buckets keep the pace. Lives on the net thread; one fetch at a time per object.
class TraderFetcher final : public QObject {
    Q_OBJECT
public:
    TraderFetcher(RestClient *rest, TraderFetchConfig config, QObject *parent = nullptr);
    ~TraderFetcher() override;
    Q_DISABLE_COPY_MOVE(TraderFetcher)

    // sinceMs > 0 fetches only activity at or after that time (an incremental re-sync).
    // Returns false while a fetch is already running.
    bool fetch(const Wallet &wallet, qint64 sinceMs = 0);
    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    // The fetch moved on to another phase ("activity", "positions", "closed-positions",
    // "value", "markets"); once per phase, so a profile can show where a sync is.
    void progress(const QString &phase);
    void finished(const longshot::net::TraderSnapshot &snapshot);

private:
    enum class Phase : quint8 { Activity = 1, Positions, Closed, Value, Markets, MarketsClosed };
    void request(const QUrl &url);
    void onReply(const std::optional<FetchError> &error, const QByteArray &body);
    void nextActivity();
    void onActivity(const QByteArray &body);
    void nextPositions();
    void onPositions(const QByteArray &body);
    void nextClosed();
    void onClosed(const QByteArray &body);
    void nextValue();
    void onValue(const QByteArray &body);
    void startMarkets();
    void nextMarkets();
    void onMarkets(const QByteArray &body);
    static QString phaseName(Phase phase);
    void fail(const QString &phase, const FetchError &error);
    void finish();
    QUrl dataUrl(const QString &path, const QList<std::pair<QString, QString>> &items) const;

    RestClient *m_rest;
    TraderFetchConfig m_config;
    bool m_busy = false;
    Phase m_phase = Phase::Activity;
    TraderSnapshot m_snapshot;
    quint64 m_generation = 0; // replies of an abandoned fetch are ignored
    QString m_reportedPhase;

    // activity paging
    qint64 m_windowStartSec = 0;
    int m_offset = 0;
    MarketList m_activityMarkets;
    // markets
    QStringList m_pendingIds;  // still to ask gamma for
    QStringList m_batch;       // the ids of the request in flight
    QStringList m_missingOpen; // not returned as open: ask with closed=true
};

} // namespace longshot::net

Q_DECLARE_METATYPE(longshot::net::TraderSnapshot)
