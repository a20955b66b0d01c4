#pragma once

#include "models/domain/fetcherror.h"
#include "models/domain/market.h"
#include "models/domain/orderbook.h"
#include "net/kalshiparser.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QUrl>

#include <chrono>

class QTimer;

namespace longshot::net {

class RestClient;

struct KalshiMarketConfig {
    QUrl restBase{QStringLiteral("https://api.elections.kalshi.com/trade-api/v2")};
    // Without a key the book is polled; every few seconds keeps the ladder useful and stays
    // far inside the Basic tier's read budget.
    std::chrono::milliseconds bookInterval{3'000};
};

// The market dock's Kalshi reads for one ticker over public REST: the market itself
// (GET /markets/{ticker}: title, status, close time, result) once per selection, its series
// (GET /series/{series_ticker}: title and category) once per series for the whole session, and the
// order book (GET /markets/{ticker}/orderbook) polled while book polling is on, for when no
// signed WebSocket delivers it. Answers for an earlier ticker are dropped, and a poll is
// never sent while the previous one is in flight. Lives on the net thread with its RestClient.
class KalshiMarketFetcher final : public QObject {
    Q_OBJECT
public:
    KalshiMarketFetcher(RestClient *rest, KalshiMarketConfig config, QObject *parent = nullptr);
    ~KalshiMarketFetcher() override;
    Q_DISABLE_COPY_MOVE(KalshiMarketFetcher)

    QString ticker() const { return m_ticker; }
    bool isPollingBook() const;

public Q_SLOTS:
    // Starts on a ticker (empty: stops): metadata now, the book now and then every interval.
    void watch(const QString &ticker);
    // Off once the WebSocket carries the book; on again if it stops.
    void setBookPolling(bool enabled);

Q_SIGNALS:
    // The market with its Kalshi status words ("active", "settled", ...).
    void marketReady(const longshot::Market &market, const QString &status);
    // The watched market's series, when the exchange has one for it. Comes after marketReady.
    void seriesReady(const QString &ticker, const QString &seriesTicker, const QString &title,
                     const QString &category);
    // The YES-side book (NO bids as asks at 1 - price), as the WebSocket client gives it.
    void bookReady(const QString &ticker, const longshot::OrderBook &book);
    // phase: "market", "series" or "orderbook".
    void failed(const QString &ticker, const QString &phase, const longshot::FetchError &error);

private:
    void fetchMarket();
    void pollBook();
    void fetchSeries(const QString &seriesTicker);
    void announceSeries();
    QUrl url(const QString &path) const;

    RestClient *m_rest;
    KalshiMarketConfig m_config;
    KalshiParser m_parser;
    QTimer *m_bookTimer;
    QString m_ticker;
    QString m_seriesTicker;                // the watched market's series, once its market answered
    QHash<QString, KalshiSeries> m_series; // answered series, kept for the session
    QSet<QString> m_seriesAsked;           // in flight, or refused for good (404, unreadable)
    bool m_bookInFlight = false;
    bool m_polling = true;
};

} // namespace longshot::net
