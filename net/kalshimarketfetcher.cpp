#include "net/kalshimarketfetcher.h"

#include "net/restclient.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace longshot::net {

KalshiMarketFetcher::KalshiMarketFetcher(RestClient *rest, KalshiMarketConfig config, QObject *parent)
    : QObject(parent)
    , m_rest(rest)
    , m_config(std::move(config))
    , m_bookTimer(new QTimer(this)) {
    m_bookTimer->setInterval(m_config.bookInterval);
    connect(m_bookTimer, &QTimer::timeout, this, &KalshiMarketFetcher::pollBook);
}

KalshiMarketFetcher::~KalshiMarketFetcher() = default;

bool KalshiMarketFetcher::isPollingBook() const {
    return m_bookTimer->isActive();
}

QUrl KalshiMarketFetcher::url(const QString &path) const {
    // Tickers are [A-Z0-9.-]; anything else is encoded rather than trusted.
    return RestClient::apiUrl(m_config.restBase, path);
}

void KalshiMarketFetcher::watch(const QString &ticker) {
    m_ticker = ticker;
    m_seriesTicker.clear();
    m_bookInFlight = false;
    m_bookTimer->stop();
    if (m_ticker.isEmpty())
        return;
    fetchMarket();
    if (m_polling) {
        pollBook();
        m_bookTimer->start();
    }
}

void KalshiMarketFetcher::setBookPolling(bool enabled) {
    m_polling = enabled;
    if (!enabled) {
        m_bookTimer->stop();
    } else if (!m_ticker.isEmpty() && !m_bookTimer->isActive()) {
        pollBook();
        m_bookTimer->start();
    }
}

void KalshiMarketFetcher::fetchMarket() {
    const QString ticker = m_ticker;
    m_rest->get(url(u"/markets/"_s + ticker), this, [this, ticker](const RestResult &result) {
        if (ticker != m_ticker)
            return; // the user moved on
        if (result.error) {
            Q_EMIT failed(ticker, u"market"_s, *result.error);
            return;
        }
        const KalshiMarketsPage page = m_parser.parseMarkets(result.body);
        if (page.error || page.markets.isEmpty()) {
            Q_EMIT failed(ticker, u"market"_s,
                          FetchError::invalidResponse(page.error ? rejectReasonName(*page.error)
                                                                 : u"no market in the answer"_s));
            return;
        }
        const KalshiMarket &k = page.markets.constFirst();
        Q_EMIT marketReady(k.market, k.status);
        m_seriesTicker = kalshiSeriesTicker(k.market);
        if (m_series.contains(m_seriesTicker))
            announceSeries();
        else
            fetchSeries(m_seriesTicker);
    });
}

void KalshiMarketFetcher::fetchSeries(const QString &seriesTicker) {
    if (seriesTicker.isEmpty() || m_seriesAsked.contains(seriesTicker))
        return;
    m_seriesAsked.insert(seriesTicker);
    m_rest->get(url(u"/series/"_s + seriesTicker), this, [this, seriesTicker](const RestResult &result) {
        std::optional<FetchError> error = result.error;
        if (!error) {
            const KalshiSeriesPage page = m_parser.parseSeries(result.body);
            if (page.error || page.series.isEmpty())
                error = FetchError::invalidResponse(page.error ? rejectReasonName(*page.error)
                                                               : u"no series in the answer"_s);
            else
                m_series.insert(seriesTicker, page.series.constFirst());
        }
        if (error) {
            // Only a passing failure is worth asking again, on a later selection.
            if (recoveryFor(error->kind) == Recovery::RetryWithJitter ||
                recoveryFor(error->kind) == Recovery::BackOff)
                m_seriesAsked.remove(seriesTicker);
            if (seriesTicker == m_seriesTicker)
                Q_EMIT failed(m_ticker, u"series"_s, *error);
            return;
        }
        if (seriesTicker == m_seriesTicker)
            announceSeries();
    });
}

void KalshiMarketFetcher::announceSeries() {
    const KalshiSeries &s = m_series[m_seriesTicker];
    Q_EMIT seriesReady(m_ticker, s.ticker, s.title, s.category);
}

void KalshiMarketFetcher::pollBook() {
    if (m_ticker.isEmpty() || m_bookInFlight)
        return;
    m_bookInFlight = true;
    const QString ticker = m_ticker;
    m_rest->get(url(u"/markets/"_s + ticker + u"/orderbook"_s), this,
                [this, ticker](const RestResult &result) {
                    if (ticker != m_ticker)
                        return;
                    m_bookInFlight = false;
                    if (result.error) {
                        Q_EMIT failed(ticker, u"orderbook"_s, *result.error);
                        return;
                    }
                    const KalshiBookParse parsed = m_parser.parseOrderbook(result.body);
                    if (parsed.error) {
                        Q_EMIT failed(ticker, u"orderbook"_s,
                                      FetchError::invalidResponse(rejectReasonName(*parsed.error)));
                        return;
                    }
                    if (!m_polling)
                        return; // the WebSocket took over while this was in flight
                    Q_EMIT bookReady(ticker, yesBookFromKalshi(parsed.book.yesBids, parsed.book.noBids));
                });
}

} // namespace longshot::net
