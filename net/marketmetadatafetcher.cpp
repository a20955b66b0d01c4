#include "net/marketmetadatafetcher.h"

#include "net/activityparser.h"
#include "net/restclient.h"

#include <QDateTime>
#include <QSet>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace longshot::net {

QUrl gammaMarketsUrl(const QUrl &gammaApi, const QStringList &conditionIds, bool closed) {
    QUrl url = RestClient::apiUrl(gammaApi, u"/markets"_s);
    QUrlQuery query;
    for (const QString &id : conditionIds)
        query.addQueryItem(u"condition_ids"_s, id);
    query.addQueryItem(u"limit"_s, QString::number(conditionIds.size()));
    if (closed)
        query.addQueryItem(u"closed"_s, u"true"_s);
    url.setQuery(query);
    return url;
}

QUrl kalshiMarketsUrl(const QUrl &restBase, const QStringList &tickers, const QString &cursor) {
    QUrl url = RestClient::apiUrl(restBase, u"/markets"_s);
    QUrlQuery query;
    query.addQueryItem(u"tickers"_s, tickers.join(u','));
    query.addQueryItem(u"limit"_s, QString::number(std::clamp(int(tickers.size()), 1, 1000)));
    if (!cursor.isEmpty())
        query.addQueryItem(u"cursor"_s, cursor);
    url.setQuery(query);
    return url;
}

namespace {
// A page that came back full may have more behind its cursor; a short one is the last.
constexpr int kMaxKalshiPages = 5;
} // namespace

MarketMetadataFetcher::MarketMetadataFetcher(RestClient *rest, MarketMetadataFetchConfig config,
                                             QObject *parent)
    : QObject(parent)
    , m_rest(rest)
    , m_config(std::move(config)) {
    m_config.batch = std::clamp(m_config.batch, 1, 1000);
}

MarketMetadataFetcher::~MarketMetadataFetcher() = default;

QString MarketMetadataFetcher::keyOf(const QString &id) const {
    // Condition ids are hex in any case; Kalshi tickers are names and compared as given.
    return m_config.venue == Venue::Polymarket ? id.toLower() : id;
}

void MarketMetadataFetcher::fetch(const QStringList &conditionIds) {
    QSet<QString> waiting(m_queue.cbegin(), m_queue.cend());
    for (const QString &id : conditionIds) {
        const QString key = keyOf(id);
        if (key.isEmpty() || waiting.contains(key) || m_batch.contains(key))
            continue;
        waiting.insert(key);
        m_queue.append(key);
    }
    if (!m_busy)
        next();
}

void MarketMetadataFetcher::clear() {
    m_queue.clear();
    m_batch.clear();
    m_missing.clear();
    m_cursor.clear();
    m_found.clear();
    m_foundIds.clear();
    m_seriesQueue.clear();
    m_busy = false;
    ++m_generation;
}

void MarketMetadataFetcher::next() {
    if (m_queue.isEmpty()) {
        m_busy = false;
        m_batch.clear();
        return;
    }
    m_busy = true;
    m_batch = m_queue.mid(0, m_config.batch);
    m_queue.remove(0, m_batch.size());
    m_found.clear();
    m_foundIds.clear();
    m_missing.clear();
    m_cursor.clear();
    m_pages = 0;
    request(Pass::Open);
}

void MarketMetadataFetcher::request(Pass pass) {
    const quint64 generation = m_generation;
    const QUrl url =
        m_config.venue == Venue::Kalshi
            ? kalshiMarketsUrl(m_config.api, m_batch, pass == Pass::NextPage ? m_cursor : QString())
            : gammaMarketsUrl(m_config.api, pass == Pass::Closed ? m_missing : m_batch, pass == Pass::Closed);
    ++m_pages;
    m_rest->get(url, this, [this, generation, pass](const RestResult &result) {
        if (generation == m_generation)
            onReply(result.error, result.body, pass);
    });
}

std::optional<FetchError> MarketMetadataFetcher::takePage(const QByteArray &body, const QStringList &asked,
                                                          bool *more) {
    *more = false;
    const auto take = [&](Market m) {
        // Venues ignore filters they do not like and list other markets.
        const QString id = keyOf(m.marketId);
        if (!asked.contains(id) || m_foundIds.contains(id))
            return;
        m_foundIds.insert(id);
        m_found.append(std::move(m));
    };
    if (m_config.venue == Venue::Kalshi) {
        const KalshiMarketsPage page = m_kalshi.parseMarkets(body);
        if (page.error)
            return FetchError::invalidResponse(u"kalshi markets: "_s + rejectReasonName(*page.error));
        for (const KalshiMarket &k : page.markets) {
            Market m = k.market;
            // Real answers often say "0.0000": Kalshi has no figure, not an empty market.
            if (m.liquidityUsd && m.liquidityUsd->isZero())
                m.liquidityUsd.reset();
            take(std::move(m));
        }
        m_cursor = page.cursor;
        *more = !page.cursor.isEmpty() && page.markets.size() + page.rejects.size() >= m_batch.size();
        return std::nullopt;
    }
    const MarketsPage page = parseGammaMarkets(body);
    if (page.error)
        return FetchError::invalidResponse(u"gamma markets: "_s + rejectReasonName(*page.error));
    for (const Market &m : page.markets)
        take(m);
    return std::nullopt;
}

void MarketMetadataFetcher::onReply(const std::optional<FetchError> &error, const QByteArray &body,
                                    Pass pass) {
    const QStringList asked = pass == Pass::Closed ? m_missing : m_batch;
    bool more = false;
    std::optional<FetchError> failure = error;
    if (!failure)
        failure = takePage(body, asked, &more);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QStringList missing;
    for (const QString &id : asked) {
        if (!m_foundIds.contains(id))
            missing.append(id);
    }
    if (failure) {
        if (!m_found.isEmpty())
            emit batchFetched(std::exchange(m_found, {}), {}, now);
        emit batchFailed(missing, *failure);
        next();
        return;
    }
    if (!missing.isEmpty() && m_config.venue == Venue::Polymarket && pass == Pass::Open) {
        m_missing = missing;
        request(Pass::Closed);
        return;
    }
    if (!missing.isEmpty() && more && m_pages < kMaxKalshiPages) {
        request(Pass::NextPage);
        return;
    }
    m_unknown = missing;
    if (m_config.venue != Venue::Kalshi) {
        finish();
        return;
    }
    m_seriesQueue.clear();
    for (const Market &m : std::as_const(m_found)) {
        const QString series = kalshiSeriesTicker(m);
        if (!series.isEmpty() && !m_seriesCategory.contains(series) && !m_seriesQueue.contains(series))
            m_seriesQueue.append(series);
    }
    nextSeries();
}

void MarketMetadataFetcher::nextSeries() {
    if (m_seriesQueue.isEmpty()) {
        finish();
        return;
    }
    const QString series = m_seriesQueue.takeFirst();
    const QUrl url = RestClient::apiUrl(m_config.api, u"/series/"_s + series);
    const quint64 generation = m_generation;
    m_rest->get(url, this, [this, generation, series](const RestResult &result) {
        if (generation != m_generation)
            return;
        if (!result.error) {
            const KalshiSeriesPage page = m_kalshi.parseSeries(result.body);
            m_seriesCategory.insert(series, page.error || page.series.isEmpty()
                                                ? QString()
                                                : page.series.constFirst().category.toLower());
        } else if (recoveryFor(result.error->kind) != Recovery::RetryWithJitter &&
                   recoveryFor(result.error->kind) != Recovery::BackOff) {
            m_seriesCategory.insert(series, QString()); // refused for good: not asked again
        }
        // A passing failure leaves these markets without a category until their next fetch.
        nextSeries();
    });
}

void MarketMetadataFetcher::finish() {
    if (m_config.venue == Venue::Kalshi) {
        for (Market &m : m_found)
            m.category = m_seriesCategory.value(kalshiSeriesTicker(m));
    }
    emit batchFetched(std::exchange(m_found, {}), std::exchange(m_unknown, {}),
                      QDateTime::currentMSecsSinceEpoch());
    next();
}

} // namespace longshot::net
