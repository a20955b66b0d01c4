#include "net/gammamarketsfetcher.h"

#include "net/activityparser.h"
#include "net/restclient.h"

#include <QDateTime>
#include <QSet>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace longshot::net {

QUrl gammaMarketsUrl(const QUrl &gammaApi, const QStringList &conditionIds, bool closed) {
    QUrl url = gammaApi;
    url.setPath(url.path().chopped(url.path().endsWith(u'/') ? 1 : 0) + u"/markets"_s);
    QUrlQuery query;
    for (const QString &id : conditionIds)
        query.addQueryItem(u"condition_ids"_s, id);
    query.addQueryItem(u"limit"_s, QString::number(conditionIds.size()));
    if (closed)
        query.addQueryItem(u"closed"_s, u"true"_s);
    url.setQuery(query);
    return url;
}

GammaMarketsFetcher::GammaMarketsFetcher(RestClient *rest, GammaMarketsConfig config, QObject *parent)
    : QObject(parent)
    , m_rest(rest)
    , m_config(std::move(config)) {
    m_config.batch = std::max(1, m_config.batch);
}

GammaMarketsFetcher::~GammaMarketsFetcher() = default;

void GammaMarketsFetcher::fetch(const QStringList &conditionIds) {
    QSet<QString> waiting(m_queue.cbegin(), m_queue.cend());
    for (const QString &id : conditionIds) {
        const QString key = id.toLower();
        if (key.isEmpty() || waiting.contains(key) || m_batch.contains(key))
            continue;
        waiting.insert(key);
        m_queue.append(key);
    }
    if (!m_busy)
        next();
}

void GammaMarketsFetcher::clear() {
    m_queue.clear();
    m_batch.clear();
    m_missing.clear();
    m_found.clear();
    m_busy = false;
    ++m_generation;
}

void GammaMarketsFetcher::next() {
    if (m_queue.isEmpty()) {
        m_busy = false;
        m_batch.clear();
        return;
    }
    m_busy = true;
    m_batch = m_queue.mid(0, m_config.batch);
    m_queue.remove(0, m_batch.size());
    m_found.clear();
    m_missing.clear();
    request(false);
}

void GammaMarketsFetcher::request(bool closed) {
    const quint64 generation = m_generation;
    m_rest->get(gammaMarketsUrl(m_config.gammaApi, closed ? m_missing : m_batch, closed), this,
                [this, generation, closed](const RestResult &result) {
                    if (generation == m_generation)
                        onReply(result.error, result.body, closed);
                });
}

void GammaMarketsFetcher::onReply(const std::optional<FetchError> &error, const QByteArray &body,
                                  bool closed) {
    const QStringList asked = closed ? m_missing : m_batch;
    std::optional<FetchError> failure = error;
    QSet<QString> returned;
    if (!failure) {
        const MarketsPage page = parseGammaMarkets(body);
        if (page.error) {
            failure = FetchError::invalidResponse(u"gamma markets: "_s + rejectReasonName(*page.error));
        } else {
            for (const Market &m : page.markets) {
                // gamma has ignored filters it did not like and listed other markets.
                const QString id = m.marketId.toLower();
                if (!asked.contains(id) || returned.contains(id))
                    continue;
                returned.insert(id);
                m_found.append(m);
            }
        }
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (failure) {
        if (!m_found.isEmpty())
            emit batchFetched(std::exchange(m_found, {}), {}, now);
        emit batchFailed(asked, *failure);
        next();
        return;
    }
    QStringList missing;
    for (const QString &id : asked) {
        if (!returned.contains(id))
            missing.append(id);
    }
    if (!closed && !missing.isEmpty()) {
        m_missing = missing;
        request(true);
        return;
    }
    emit batchFetched(std::exchange(m_found, {}), closed ? missing : QStringList{}, now);
    next();
}

} // namespace longshot::net
