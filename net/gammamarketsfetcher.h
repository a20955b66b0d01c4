#pragma once

#include "models/domain/fetcherror.h"
#include "models/domain/market.h"

#include <QObject>
#include <QStringList>
#include <QUrl>

namespace longshot::net {

class RestClient;

// gamma GET /markets for these condition ids (the parameter repeated, and a limit that lets
// every one come back: gamma's default page is shorter than a batch). closed=true asks for
// resolved markets, which gamma lists only then.
QUrl gammaMarketsUrl(const QUrl &gammaApi, const QStringList &conditionIds, bool closed);

struct GammaMarketsConfig {
    QUrl gammaApi{QStringLiteral("https://gamma-api.polymarket.com")};
    int batch = 50; // condition_ids per request
};

// Metadata for many Polymarket markets at once: gamma /markets in batches, one request at a
// time through the shared RestClient (its buckets keep the pace, it retries what is
// transient). Each batch asks for open markets first, then closed=true for the ids the first
// answer lacked. Lives on the net thread; everything emitted is a value.
class GammaMarketsFetcher final : public QObject {
    Q_OBJECT
public:
    GammaMarketsFetcher(RestClient *rest, GammaMarketsConfig config, QObject *parent = nullptr);
    ~GammaMarketsFetcher() override;
    Q_DISABLE_COPY_MOVE(GammaMarketsFetcher)

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
    void next();
    void request(bool closed);
    void onReply(const std::optional<FetchError> &error, const QByteArray &body, bool closed);

    RestClient *m_rest;
    GammaMarketsConfig m_config;
    QStringList m_queue;
    QStringList m_batch;   // the ids of the request in flight
    QStringList m_missing; // not listed as open: asked again with closed=true
    MarketList m_found;
    bool m_busy = false;
    quint64 m_generation = 0; // replies from before clear() are ignored
};

} // namespace longshot::net
