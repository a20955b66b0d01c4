#pragma once

#include "models/domain/fetcherror.h"
#include "models/domain/market.h"
#include "net/kalshiparser.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QUrl>

namespace longshot::net {

class RestClient;

// gamma GET /markets for these condition ids (the parameter repeated, and a limit that lets
// every one come back: gamma's default page is shorter than a batch). closed=true asks for
// resolved markets, which gamma lists only then.
QUrl gammaMarketsUrl(const QUrl &gammaApi, const QStringList &conditionIds, bool closed);

// Kalshi GET /markets for these tickers (comma-joined; every status unless filtered) with a
// limit that lets every one come back on one page, continuing at a cursor when given.
QUrl kalshiMarketsUrl(const QUrl &restBase, const QStringList &tickers, const QString &cursor);

struct MarketMetadataFetchConfig {
    // gamma's base for Polymarket; for Kalshi the REST base (.../trade-api/v2).
    QUrl api{QStringLiteral("https://gamma-api.polymarket.com")};
    // Ids per request. Kalshi documents no cap on tickers; 50 keeps its URL near 2 KB.
    int batch = 50;
    Venue venue = Venue::Polymarket;
};

// Metadata for many markets of one venue at once, in batches, one request at a time through
// the shared RestClient (its buckets keep the pace, it retries what is transient).
// Polymarket: gamma /markets for open markets first, then closed=true for the ids the first
// answer lacked. Kalshi: /markets?tickers= (all statuses at once), following the cursor only
// while a full page left tickers missing; a liquidity of zero (common in real answers) is
// reported as unknown; the category (lowercase, as gamma's is stored) comes from each series'
// GET /series/{ticker}, asked once per series for the fetcher's life. Lives on the net thread; everything
// emitted is a value.
class MarketMetadataFetcher final : public QObject {
    Q_OBJECT
public:
    MarketMetadataFetcher(RestClient *rest, MarketMetadataFetchConfig config, QObject *parent = nullptr);
    ~MarketMetadataFetcher() override;
    Q_DISABLE_COPY_MOVE(MarketMetadataFetcher)

    bool isIdle() const { return !m_busy && m_queue.isEmpty(); }

public Q_SLOTS:
    // Queued behind ids already waiting; an id already waiting is not added twice.
    void fetch(const QStringList &conditionIds);
    // Forgets what waits; the answer to a request in flight is dropped.
    void clear();

Q_SIGNALS:
    // One batch answered: the markets gamma returned (only ids that were asked for) and the ids
    // it listed neither open nor closed.
    void batchFetched(const longshot::MarketList &markets, const QStringList &unknown, qint64 fetchedMs);
    // A request failed for good; these ids of the batch have no answer.
    void batchFailed(const QStringList &conditionIds, const longshot::FetchError &error);

private:
    enum class Pass : quint8 { Open, Closed, NextPage };
    void next();
    void request(Pass pass);
    void onReply(const std::optional<FetchError> &error, const QByteArray &body, Pass pass);
    // Adds the asked-for markets of one answer to m_found; says whether more pages may follow.
    std::optional<FetchError> takePage(const QByteArray &body, const QStringList &asked, bool *more);
    QString keyOf(const QString &id) const;
    // Kalshi: asks the series of the found markets not known yet, then finish().
    void nextSeries();
    void finish();

    RestClient *m_rest;
    MarketMetadataFetchConfig m_config;
    QStringList m_queue;
    QStringList m_batch;   // the ids of the request in flight
    QStringList m_missing; // not listed as open: asked again with closed=true
    QString m_cursor;      // Kalshi: where the next page of this batch starts
    int m_pages = 0;       // Kalshi: pages of this batch so far
    MarketList m_found;
    QSet<QString> m_foundIds;
    QStringList m_unknown;                    // the batch's ids the venue did not list
    QStringList m_seriesQueue;                // Kalshi: series of this batch still to ask
    QHash<QString, QString> m_seriesCategory; // Kalshi: answered (or refused for good) series
    KalshiParser m_kalshi;
    bool m_busy = false;
    quint64 m_generation = 0; // replies from before clear() are ignored
};

} // namespace longshot::net
