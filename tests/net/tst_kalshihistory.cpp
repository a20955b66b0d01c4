#include "net/kalshiparser.h"
#include "net/kalshirestpoller.h"
#include "net/simulator/kalshiserver.h"
#include "net/simulator/kalshitradegenerator.h"
#include "storage/connection.h"
#include "storage/tradewriter.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
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
        out.append(t.txId.text());
    return out;
}

TradeBatch collected(const QSignalSpy &spy) {
    TradeBatch out;
    for (const QList<QVariant> &args : spy)
        out += args.at(0).value<TradeBatch>();
    return out;
}

// A tape for the poller: one trade every 15 s from `startMs`, plus two on either side of
// `cutoffMs` by a millisecond, where the two tapes meet.
TradeBatch tapeAround(qint64 startMs, int count, qint64 cutoffMs) {
    KalshiTradeGenerator gen(77, startMs);
    QList<qint64> times;
    for (int i = 0; i < count; ++i)
        times.append(startMs + i * 15'000);
    times << cutoffMs - 1 << cutoffMs;
    std::sort(times.begin(), times.end());
    TradeBatch out;
    for (qint64 ms : std::as_const(times)) {
        Trade t = gen.next();
        t.timestampMs = ms;
        out.append(t);
    }
    return out;
}

TradeBatch within(const TradeBatch &trades, qint64 fromMs, qint64 toMs) {
    TradeBatch out;
    for (const Trade &t : trades)
        if (t.timestampMs >= fromMs && t.timestampMs <= toMs)
            out.append(t);
    return out;
}

// The poller wired to a real trade writer as the feed pipeline wires them: a recorded gap
// goes to the poller, a complete fill marks it filled.
struct Rig {
    QTemporaryDir dir;
    QString dbPath;
    std::shared_ptr<BoundedBatchQueue> queue = std::make_shared<BoundedBatchQueue>(64);
    std::unique_ptr<storage::TradeWriter> writer;
    std::unique_ptr<KalshiRestPoller> poller;
    QObject context;

    bool open(KalshiPollerConfig config) {
        if (!dir.isValid())
            return false;
        dbPath = dir.filePath(u"kalshi.sqlite"_s);
        writer = std::make_unique<storage::TradeWriter>(storage::DatabaseConfig::sqlite(dbPath), queue);
        QSignalSpy opened(writer.get(), &storage::TradeWriter::opened);
        writer->open();
        if (!(opened.size() == 1 || opened.wait()) || !opened.first().at(0).toBool())
            return false;
        poller = std::make_unique<KalshiRestPoller>(std::move(config), queue);
        QObject::connect(poller.get(), &KalshiRestPoller::storageBatchQueued, writer.get(),
                         &storage::TradeWriter::drain);
        QObject::connect(writer.get(), &storage::TradeWriter::gapRecorded, &context,
                         [this](qint64 id, GapRange gap) {
                             gap.id = id;
                             poller->fetchRange(gap);
                         });
        QObject::connect(poller.get(), &KalshiRestPoller::rangeFinished, &context,
                         [this](const GapRange &gap, bool complete, qint64) {
                             if (gap.id > 0 && complete)
                                 writer->markGapFilled(gap.id);
                         });
        return true;
    }

    // Stops the poller once it has handed everything over, and closes the writer.
    bool finish() {
        if (!QTest::qWaitFor([&] { return poller->isIdle(); }, 10'000))
            return false;
        poller->stop();
        writer->drain();
        writer->close();
        return true;
    }

    // tx_id -> (price, size, ts) for every stored row, and the number of rows.
    QHash<QString, Trade> stored(int *rows) const {
        storage::DatabaseConfig config = storage::DatabaseConfig::sqlite(dbPath);
        config.readOnly = true;
        storage::Connection connection(config, u"kalshi-history-reader"_s);
        QHash<QString, Trade> out;
        *rows = -1;
        if (connection.open())
            return out;
        QSqlQuery q(connection.database());
        if (!q.exec(u"SELECT tx_id, price_micros, size_micros, ts_ms, venue FROM trades"_s))
            return out;
        *rows = 0;
        while (q.next()) {
            ++*rows;
            Trade t;
            t.txId = TxId::fromText(q.value(0).toString());
            t.price = Decimal::fromMicros(q.value(1).toLongLong());
            t.size = Decimal::fromMicros(q.value(2).toLongLong());
            t.timestampMs = q.value(3).toLongLong();
            t.outcome = q.value(4).toString(); // the venue, for the test to check
            out.insert(t.txId.text(), t);
        }
        return out;
    }

    int openGaps() const {
        storage::DatabaseConfig config = storage::DatabaseConfig::sqlite(dbPath);
        config.readOnly = true;
        storage::Connection connection(config, u"kalshi-history-gaps"_s);
        if (connection.open())
            return -1;
        QSqlQuery q(connection.database());
        if (!q.exec(u"SELECT COUNT(*) FROM gaps WHERE filled_ms IS NULL"_s) || !q.next())
            return -1;
        return q.value(0).toInt();
    }
};

KalshiPollerConfig gapConfig(const KalshiServer &server) {
    KalshiPollerConfig config;
    config.restBase = server.restUrl();
    config.minNotional = Decimal();
    config.pageSize = 7; // many pages on both tapes
    config.pollLive = false;
    config.cutoffBackoff = BackoffPolicy{std::chrono::milliseconds(10), std::chrono::milliseconds(20), 3};
    return config;
}

// Every expected trade stored exactly once, field for field, and nothing else.
bool storedExactly(const Rig &rig, const TradeBatch &expected, QString *why) {
    int rows = 0;
    const QHash<QString, Trade> stored = rig.stored(&rows);
    if (rows != expected.size()) {
        *why = u"%1 rows stored, %2 expected"_s.arg(rows).arg(expected.size());
        return false;
    }
    for (const Trade &want : expected) {
        const auto it = stored.constFind(want.txId.text());
        if (it == stored.cend() || it->price != want.price || it->size != want.size ||
            it->timestampMs != want.timestampMs || it->outcome != u"kalshi"_s) {
            *why = u"trade %1 at %2 missing or different"_s.arg(want.txId.text()).arg(want.timestampMs);
            return false;
        }
    }
    return true;
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
            (i >= 17 ? wantLive : wantHistorical).append(sent.at(i).txId.text());
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
        QCOMPARE(idsOf(page.trades), (QStringList{sent.at(5).txId.text(), sent.at(4).txId.text(),
                                                  sent.at(3).txId.text(), sent.at(2).txId.text()}));
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

    // A recorded gap that straddles the cutoff: the part before it comes from
    // /historical/trades, the rest from /markets/trades, and every trade is stored once.
    void gapAcrossTheCutoffIsFilledFromBothTapes_data() {
        QTest::addColumn<qint64>("overlapMs");
        QTest::newRow("tapes meet at the cutoff") << qint64(0);
        // The trades at the cutoff and a millisecond either side come from both tapes.
        QTest::newRow("tapes overlap by a second") << qint64(1'000);
    }

    void gapAcrossTheCutoffIsFilledFromBothTapes() {
        QFETCH(qint64, overlapMs);
        KalshiServer server;
        server.setHistoricalOverlapMs(overlapMs);
        QVERIFY(server.listen());
        const qint64 start = QDateTime::currentMSecsSinceEpoch() - 30 * kMinute;
        const qint64 cutoff = start + 40 * 15'000 + 7'321;
        const TradeBatch tape = tapeAround(start, 80, cutoff);
        server.publish(tape);
        server.setHistoricalCutoffMs(cutoff);
        const qint64 from = start + 10 * 15'000 + 5'000;
        const qint64 to = start + 70 * 15'000 + 5'000;
        const TradeBatch expected = within(tape, from, to);
        QVERIFY(!within(expected, 0, cutoff - 1).isEmpty());
        QVERIFY(!within(expected, cutoff, to).isEmpty());

        Rig rig;
        QVERIFY(rig.open(gapConfig(server)));
        QSignalSpy finished(rig.poller.get(), &KalshiRestPoller::rangeFinished);
        QSignalSpy filled(rig.writer.get(), &storage::TradeWriter::gapFilled);
        QSignalSpy cutoffs(rig.poller.get(), &KalshiRestPoller::historicalCutoffChanged);
        rig.poller->start();
        rig.writer->recordGap(GapRange{0, u"kalshi.ws"_s, from, to, u"test"_s});
        QVERIFY(finished.wait(10'000));
        QCOMPARE(finished.first().at(1).toBool(), true);
        QCOMPARE(finished.first().at(2).toLongLong(), qint64(expected.size())); // none counted twice
        QTRY_COMPARE(filled.size(), 1);
        QCOMPARE(cutoffs.size(), 1);
        QCOMPARE(cutoffs.first().at(0).toLongLong(), cutoff);
        QCOMPARE(*rig.poller->historicalCutoffMs(), cutoff);
        QCOMPARE(server.restRequestsTo(u"/historical/cutoff"_s), 1);
        QVERIFY(server.restRequestsTo(u"/historical/trades"_s) >= 2); // more than one page
        QVERIFY(server.restRequestsTo(u"/markets/trades"_s) >= 2);
        QCOMPARE(rig.poller->historicalPages(), qint64(server.restRequestsTo(u"/historical/trades"_s)));
        QCOMPARE(rig.poller->cutoffFailures(), 0);
        QVERIFY(rig.finish());
        QString why;
        QVERIFY2(storedExactly(rig, expected, &why), qPrintable(why));
        QCOMPARE(rig.openGaps(), 0);
    }

    // A gap wholly before the cutoff never asks the live tape.
    void gapBeforeTheCutoffUsesOnlyTheHistoricalTape() {
        KalshiServer server;
        QVERIFY(server.listen());
        const qint64 start = QDateTime::currentMSecsSinceEpoch() - 30 * kMinute;
        const qint64 cutoff = start + 60 * 15'000;
        const TradeBatch tape = tapeAround(start, 80, cutoff);
        server.publish(tape);
        server.setHistoricalCutoffMs(cutoff);
        const qint64 from = start + 5 * 15'000;
        const qint64 to = start + 30 * 15'000;
        Rig rig;
        QVERIFY(rig.open(gapConfig(server)));
        QSignalSpy finished(rig.poller.get(), &KalshiRestPoller::rangeFinished);
        rig.poller->start();
        rig.writer->recordGap(GapRange{0, u"kalshi.ws"_s, from, to, u"test"_s});
        QVERIFY(finished.wait(10'000));
        QCOMPARE(finished.first().at(1).toBool(), true);
        QCOMPARE(server.restRequestsTo(u"/markets/trades"_s), 0);
        QVERIFY(server.restRequestsTo(u"/historical/trades"_s) >= 1);
        QVERIFY(rig.finish());
        QString why;
        QVERIFY2(storedExactly(rig, within(tape, from, to), &why), qPrintable(why));
        QCOMPARE(rig.openGaps(), 0);
    }

    // The first poll after a restart catches up from the newest stored trade, which may lie
    // before the cutoff: the older part comes from the historical tape.
    void catchUpPollReachesBackPastTheCutoff() {
        KalshiServer server;
        QVERIFY(server.listen());
        const qint64 start = QDateTime::currentMSecsSinceEpoch() - 30 * kMinute;
        const qint64 cutoff = start + 50 * 15'000 + 500;
        const TradeBatch tape = tapeAround(start, 100, cutoff);
        server.publish(tape);
        server.setHistoricalCutoffMs(cutoff);
        const qint64 newestStored = start + 20 * 15'000;
        const TradeBatch expected = within(tape, newestStored, std::numeric_limits<qint64>::max());

        KalshiPollerConfig config = gapConfig(server);
        config.pollLive = true;
        config.pollInterval = std::chrono::milliseconds(100);
        KalshiRestPoller poller(config, nullptr);
        QSignalSpy fetched(&poller, &KalshiRestPoller::tradesFetched);
        poller.setNewestStoredMs(newestStored);
        poller.start();
        QTRY_COMPARE(collected(fetched).size(), expected.size());
        QTest::qWait(400); // more polls: nothing new, nothing twice
        QCOMPARE(collected(fetched).size(), expected.size());
        QSet<QString> got;
        for (const Trade &t : collected(fetched))
            got.insert(t.txId.text());
        QSet<QString> want;
        for (const Trade &t : expected)
            want.insert(t.txId.text());
        QCOMPARE(got, want);
        QVERIFY(server.restRequestsTo(u"/historical/trades"_s) >= 1);
        poller.stop();
    }

    void cutoffIsRefreshed() {
        KalshiServer server;
        QVERIFY(server.listen());
        const qint64 first = QDateTime::currentMSecsSinceEpoch() - 10 * kMinute;
        server.setHistoricalCutoffMs(first);
        KalshiPollerConfig config = gapConfig(server);
        config.cutoffRefresh = std::chrono::milliseconds(100);
        KalshiRestPoller poller(config, nullptr);
        QSignalSpy cutoffs(&poller, &KalshiRestPoller::historicalCutoffChanged);
        poller.start();
        QVERIFY(cutoffs.wait());
        QCOMPARE(cutoffs.last().at(0).toLongLong(), first);
        server.setHistoricalCutoffMs(first + kMinute);
        QVERIFY(cutoffs.wait());
        QCOMPARE(cutoffs.last().at(0).toLongLong(), first + kMinute);
        QCOMPARE(*poller.historicalCutoffMs(), first + kMinute);
        poller.stop();
        const int requests = server.restRequestsTo(u"/historical/cutoff"_s);
        QVERIFY(requests >= 2);
        QTest::qWait(300); // stopped: no more refreshes
        QCOMPARE(server.restRequestsTo(u"/historical/cutoff"_s), requests);
    }

    void cutoffFailureKeepsTheOlderPartOpen_data() {
        QTest::addColumn<QList<HttpFault>>("faults");
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("cutoffRequests");
        QTest::newRow("HTML page with 200")
            << QList<HttpFault>{HttpFault::htmlError(200)} << int(FetchError::Kind::InvalidResponse) << 1;
        QTest::newRow("HTML 502 from the CDN")
            << QList<HttpFault>(5, HttpFault::htmlError(502)) << int(FetchError::Kind::Unavailable) << 4;
        QTest::newRow("500") << QList<HttpFault>(5, HttpFault::serverError(500))
                             << int(FetchError::Kind::Unavailable) << 4;
        QTest::newRow("truncated JSON")
            << QList<HttpFault>{HttpFault::truncated()} << int(FetchError::Kind::InvalidResponse) << 1;
    }

    // Without the cutoff the poller pages the live tape only, says why, and does not call the
    // gap filled: the part before the (unknown) cutoff stays a recorded gap.
    void cutoffFailureKeepsTheOlderPartOpen() {
        QFETCH(QList<HttpFault>, faults);
        QFETCH(int, kind);
        QFETCH(int, cutoffRequests);
        KalshiServer server;
        QVERIFY(server.listen());
        const qint64 start = QDateTime::currentMSecsSinceEpoch() - 30 * kMinute;
        const qint64 cutoff = start + 40 * 15'000 + 7'321;
        const TradeBatch tape = tapeAround(start, 80, cutoff);
        server.publish(tape);
        server.setHistoricalCutoffMs(cutoff);
        server.queueCutoffFaults(faults);
        const qint64 from = start + 10 * 15'000 + 5'000;
        const qint64 to = start + 70 * 15'000 + 5'000;

        KalshiPollerConfig config = gapConfig(server);
        config.cutoffRetry = std::chrono::hours(1);
        Rig rig;
        QVERIFY(rig.open(config));
        QSignalSpy finished(rig.poller.get(), &KalshiRestPoller::rangeFinished);
        QSignalSpy failures(rig.poller.get(), &KalshiRestPoller::fetchFailed);
        QSignalSpy status(rig.poller.get(), &KalshiRestPoller::statusChanged);
        rig.poller->start();
        rig.writer->recordGap(GapRange{0, u"kalshi.ws"_s, from, to, u"test"_s});
        QVERIFY(finished.wait(10'000));
        QCOMPARE(finished.first().at(1).toBool(), false); // not complete: the older part was never asked for
        const TradeBatch live = within(tape, cutoff, to);
        QCOMPARE(finished.first().at(2).toLongLong(), qint64(live.size()));
        QCOMPARE(rig.poller->cutoffFailures(), 1);
        QVERIFY(!rig.poller->historicalCutoffMs());
        QCOMPARE(failures.size(), 1);
        QCOMPARE(int(failures.first().at(0).value<FetchError>().kind), kind);
        QVERIFY(!status.isEmpty());
        QVERIFY2(status.last().at(0).value<FeedStatus>().lastError.contains(u"historical cutoff"_s),
                 qPrintable(status.last().at(0).value<FeedStatus>().lastError));
        QCOMPARE(server.restRequestsTo(u"/historical/cutoff"_s), cutoffRequests);
        QCOMPARE(server.restRequestsTo(u"/historical/trades"_s), 0);
        QVERIFY(rig.finish());
        QString why;
        QVERIFY2(storedExactly(rig, live, &why), qPrintable(why));
        QCOMPARE(rig.openGaps(), 1);
    }
};

QTEST_GUILESS_MAIN(TestKalshiHistory)
#include "tst_kalshihistory.moc"
