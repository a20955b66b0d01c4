#include "net/kalshiparser.h"
#include "net/simulator/kalshiserver.h"
#include "net/simulator/kalshitradegenerator.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace longshot;
using namespace longshot::net;
using longshot::net::sim::HttpFault;
using longshot::net::sim::KalshiServer;
using longshot::net::sim::KalshiTradeGenerator;

namespace {

constexpr qint64 kMinute = 60'000;

struct HttpAnswer {
    int status = 0;
    QByteArray body;
    QByteArray contentType;
};

HttpAnswer httpGet(QNetworkAccessManager &nam, const QUrl &url) {
    QNetworkReply *reply = nam.get(QNetworkRequest(url));
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        done.wait(5000);
    HttpAnswer out{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll(),
                   reply->rawHeader("Content-Type")};
    reply->deleteLater();
    return out;
}

QUrl endpoint(const KalshiServer &server, const QString &path,
              const QList<std::pair<QString, QString>> &items = {}) {
    QUrl url = server.restUrl();
    url.setPath(url.path() + path);
    QUrlQuery q;
    for (const auto &[k, v] : items)
        q.addQueryItem(k, v);
    url.setQuery(q);
    return url;
}

// Every trade a tape serves, paged to the end.
TradeBatch pageAll(QNetworkAccessManager &nam, const KalshiServer &server, const QString &path, int limit) {
    KalshiParser parser;
    TradeBatch out;
    QString cursor;
    for (int pages = 0; pages < 100; ++pages) {
        QList<std::pair<QString, QString>> items{{u"limit"_s, QString::number(limit)}};
        if (!cursor.isEmpty())
            items.append({u"cursor"_s, cursor});
        const HttpAnswer a = httpGet(nam, endpoint(server, path, items));
        if (a.status != 200)
            return {};
        const KalshiTradesPage page = parser.parseTradesPage(a.body, 0);
        if (page.error || !page.rejects.isEmpty())
            return {};
        out += page.trades;
        cursor = page.cursor;
        if (cursor.isEmpty())
            break;
    }
    return out;
}

QStringList idsOf(const TradeBatch &trades) {
    QStringList out;
    for (const Trade &t : trades)
        out.append(t.txId);
    return out;
}

} // namespace

class TestKalshiHistory : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cutoffDefaultsToNinetyDaysBack() {
        KalshiServer server;
        QVERIFY(server.listen());
        QNetworkAccessManager nam;
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const HttpAnswer a = httpGet(nam, endpoint(server, u"/historical/cutoff"_s));
        const qint64 after = QDateTime::currentMSecsSinceEpoch();
        QCOMPARE(a.status, 200);
        KalshiParser parser;
        const KalshiHistoricalCutoff c = parser.parseHistoricalCutoff(a.body);
        QVERIFY(!c.error);
        QVERIFY(c.rejects.isEmpty());
        const qint64 cutoff = c.tradesCreated.toMSecsSinceEpoch();
        QVERIFY(cutoff >= before - KalshiServer::kDefaultCutoffAgeMs);
        QVERIFY(cutoff <= after - KalshiServer::kDefaultCutoffAgeMs);
        QCOMPARE(c.marketSettled, c.tradesCreated);
        QCOMPARE(c.ordersUpdated, c.tradesCreated);
        QCOMPARE(c.marketPositionsLastUpdated, c.tradesCreated);
    }

    void setCutoffIsServedExactly() {
        KalshiServer server;
        QVERIFY(server.listen());
        const qint64 cutoff = QDateTime::currentMSecsSinceEpoch() - 5 * kMinute + 123;
        server.setHistoricalCutoffMs(cutoff);
        QCOMPARE(server.historicalCutoffMs(), cutoff);
        QNetworkAccessManager nam;
        KalshiParser parser;
        const KalshiHistoricalCutoff c =
            parser.parseHistoricalCutoff(httpGet(nam, endpoint(server, u"/historical/cutoff"_s)).body);
        QVERIFY(!c.error);
        QCOMPARE(c.tradesCreated.toMSecsSinceEpoch(), cutoff);
    }

    // /markets/trades and /historical/trades split the one trade store at the cutoff: together
    // they serve every trade once, each side newest first.
    void tapesSplitAtTheCutoff() {
        KalshiServer server;
        QVERIFY(server.listen());
        const qint64 start = QDateTime::currentMSecsSinceEpoch() - 20 * kMinute;
        KalshiTradeGenerator gen(41, start);
        TradeBatch sent;
        for (int i = 0; i < 40; ++i)
            sent += gen.generate(1, start + i * 15'000); // one every 15 s over 10 minutes
        server.publish(sent);
        const qint64 cutoff = sent.at(17).timestampMs; // trade 17 is the first of the live tape
        server.setHistoricalCutoffMs(cutoff);

        QNetworkAccessManager nam;
        const TradeBatch live = pageAll(nam, server, u"/markets/trades"_s, 7);
        const TradeBatch historical = pageAll(nam, server, u"/historical/trades"_s, 7);
        QStringList wantLive;
        QStringList wantHistorical;
        for (qsizetype i = sent.size() - 1; i >= 0; --i)
            (i >= 17 ? wantLive : wantHistorical).append(sent.at(i).txId);
        QCOMPARE(idsOf(live), wantLive);
        QCOMPARE(idsOf(historical), wantHistorical);
        for (const Trade &t : live)
            QVERIFY(t.timestampMs >= cutoff);
        for (const Trade &t : historical)
            QVERIFY(t.timestampMs < cutoff);
        QCOMPARE(server.restRequestsTo(u"/markets/trades"_s), 4);    // 23 rows in pages of 7
        QCOMPARE(server.restRequestsTo(u"/historical/trades"_s), 3); // 17 rows
    }

    void historicalTapeHonoursTimeBounds() {
        KalshiServer server;
        QVERIFY(server.listen());
        const qint64 start = (QDateTime::currentMSecsSinceEpoch() / 1000 - 3600) * 1000; // whole second
        KalshiTradeGenerator gen(43, start);
        TradeBatch sent;
        for (int i = 0; i < 10; ++i)
            sent += gen.generate(1, start + i * 60'000);
        server.publish(sent);
        server.setHistoricalCutoffMs(start + 8 * 60'000); // trades 0..7 are historical
        QNetworkAccessManager nam;
        KalshiParser parser;
        const HttpAnswer a =
            httpGet(nam, endpoint(server, u"/historical/trades"_s,
                                  {{u"min_ts"_s, QString::number((start + 2 * 60'000) / 1000)},
                                   {u"max_ts"_s, QString::number((start + 5 * 60'000) / 1000)},
                                   {u"limit"_s, u"100"_s}}));
        QCOMPARE(a.status, 200);
        const KalshiTradesPage page = parser.parseTradesPage(a.body, 0);
        QVERIFY(!page.error);
        QCOMPARE(idsOf(page.trades),
                 (QStringList{sent.at(5).txId, sent.at(4).txId, sent.at(3).txId, sent.at(2).txId}));
        QVERIFY(page.cursor.isEmpty());
    }

    void cutoffFaults() {
        KalshiServer server;
        QVERIFY(server.listen());
        server.queueCutoffFaults(
            {HttpFault::htmlError(200), HttpFault::serverError(500), HttpFault::truncated()});
        QNetworkAccessManager nam;
        KalshiParser parser;
        const HttpAnswer html = httpGet(nam, endpoint(server, u"/historical/cutoff"_s));
        QCOMPARE(html.status, 200);
        QVERIFY(html.contentType.startsWith("text/html"));
        QCOMPARE(parser.parseHistoricalCutoff(html.body).error, RejectReason::NotJson);
        const HttpAnswer failed = httpGet(nam, endpoint(server, u"/historical/cutoff"_s));
        QCOMPARE(failed.status, 500);
        QCOMPARE(parser.parseRestError(failed.body)->code, u"internal_server_error"_s);
        const HttpAnswer cut = httpGet(nam, endpoint(server, u"/historical/cutoff"_s));
        QCOMPARE(parser.parseHistoricalCutoff(cut.body).error, RejectReason::TruncatedJson);
        // The queue is spent: the next answer is the real one, and other paths never saw a fault.
        const HttpAnswer ok = httpGet(nam, endpoint(server, u"/historical/cutoff"_s));
        QCOMPARE(ok.status, 200);
        QVERIFY(!parser.parseHistoricalCutoff(ok.body).error);
        QCOMPARE(server.restRequestsTo(u"/historical/cutoff"_s), 4);
    }

    void seriesFromTheMarkets() {
        KalshiServer server;
        QVERIFY(server.listen());
        QNetworkAccessManager nam;
        KalshiParser parser;
        const HttpAnswer list = httpGet(nam, endpoint(server, u"/series"_s));
        QCOMPARE(list.status, 200);
        const KalshiSeriesPage page = parser.parseSeries(list.body);
        QVERIFY(!page.error);
        QVERIFY(page.rejects.isEmpty());
        QSet<QString> want;
        for (const QString &ticker : KalshiTradeGenerator::tickers())
            want.insert(ticker.section(u'-', 0, 0));
        QSet<QString> got;
        for (const KalshiSeries &s : page.series)
            got.insert(s.ticker);
        QCOMPARE(got, want);

        const HttpAnswer one = httpGet(nam, endpoint(server, u"/series/KXHIGHNY"_s));
        QCOMPARE(one.status, 200);
        const KalshiSeriesPage single = parser.parseSeries(one.body);
        QVERIFY(!single.error);
        QCOMPARE(single.series.size(), 1);
        QCOMPARE(single.series.at(0).ticker, u"KXHIGHNY"_s);
        QCOMPARE(single.series.at(0).category, u"Climate and Weather"_s);
        QVERIFY(!single.series.at(0).title.isEmpty());
        QCOMPARE(single.series.at(0).feeType, u"quadratic"_s);

        const HttpAnswer sports =
            httpGet(nam, endpoint(server, u"/series"_s, {{u"category"_s, u"Sports"_s}}));
        QStringList sportsTickers;
        for (const KalshiSeries &s : parser.parseSeries(sports.body).series)
            sportsTickers.append(s.ticker);
        QCOMPARE(sportsTickers, (QStringList{u"KXNBAGAME"_s, u"KXNFLGAME"_s}));

        QCOMPARE(httpGet(nam, endpoint(server, u"/series/NOPE"_s)).status, 404);
    }
};

QTEST_GUILESS_MAIN(TestKalshiHistory)
#include "tst_kalshihistory.moc"
