// MarketMetadataSync on loopback: the tape's Polymarket markets reach the store through the
// trader sync's storage worker with gamma's exact liquidity and category (closed ones too);
// nothing is asked twice within the hour, whether this run asked or the store already had it,
// and after the hour only what traded again; an idle market is forgotten; a market gamma does
// not know is asked once more only if it trades after the unknown window; a 429 pauses the
// sync. Kalshi tickers on the tape take the same path through the simulator's batched
// /markets?tickers=. The sync's clock is the wall clock plus an offset the tests move.
#include "app/marketmetadatasync.h"
#include "app/workerthread.h"
#include "net/simulator/dataapiserver.h"
#include "net/simulator/kalshiserver.h"
#include "net/simulator/kalshitradegenerator.h"
#include "net/simulator/traderendpoints.h"
#include "net/simulator/tradestore.h"
#include "storage/connection.h"
#include "storage/traderstoreworker.h"
#include "tests/storage/storagetest.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace longshot;
using namespace longshot::app;
using namespace longshot::net::sim;

namespace {

QString conditionNo(int n) {
    return u"0x%1"_s.arg(n, 64, 16, QLatin1Char('0'));
}

QByteArray gammaRow(const QString &id, const char *title, const char *category, const char *liquidity,
                    bool closed) {
    return "{\"id\":\"1\",\"question\":\"" + QByteArray(title) + "\",\"conditionId\":\"" + id.toLatin1() +
           "\",\"slug\":\"s\",\"endDate\":\"2030-01-01T00:00:00Z\",\"closed\":" +
           (closed ? "true" : "false") + ",\"category\":\"" + category + "\",\"liquidity\":\"" + liquidity +
           "\",\"outcomes\":\"[\\\"Yes\\\", \\\"No\\\"]\",\"outcomePrices\":\"[\\\"0.5\\\", "
           "\\\"0.5\\\"]\",\"clobTokenIds\":\"[\\\"" +
           id.toLatin1() + "1\\\", \\\"" + id.toLatin1() + "2\\\"]\"}";
}

Trade tradeInto(const QString &marketId, Venue venue = Venue::Polymarket) {
    Trade t = test::makeTrade(u"0xtx"_s + marketId.right(6), u"0x%1"_s.arg(7, 40, 16, QLatin1Char('0')),
                              marketId + u"1"_s, Side::Buy, "0.5", "20000", 1'790'000'000'000);
    t.venue = venue;
    t.marketId = marketId;
    return t;
}

// gamma on loopback (the data-api server answers gamma /markets from TraderEndpoints, with
// faults), and the trader sync's storage worker on a thread of its own.
struct Rig {
    TradeStore tape{10};
    TraderEndpoints gamma;
    QObject owner;
    DataApiServer *server = new DataApiServer(&tape, &owner);
    KalshiServer kalshi; // never the real Kalshi: every Kalshi ticker a test trades goes here
    QStringList requests;
    test::TestDatabase db{QString::fromLatin1(test::kSqlite)};
    WorkerThread storageThread{u"test-storage"_s};
    storage::TraderStoreWorker *store = nullptr;
    // Ahead of the wall clock by this much: the store's fetched-at times stay wall-clock times,
    // so moving it past the hour also makes the stored metadata old.
    qint64 clockOffsetMs = 0;

    Rig() {
        server->setTraderEndpoints(&gamma);
        QObject::connect(server, &DataApiServer::requestReceived, &owner,
                         [this](const QString &target) { requests.append(target); });
        store = storageThread.adopt(new storage::TraderStoreWorker(db.config()));
        storageThread.start();
        QMetaObject::invokeMethod(store, &storage::TraderStoreWorker::open, Qt::QueuedConnection);
    }
    ~Rig() {
        QMetaObject::invokeMethod(store, &storage::TraderStoreWorker::close, Qt::BlockingQueuedConnection);
        storageThread.stop();
    }
    Q_DISABLE_COPY_MOVE(Rig)

    MarketMetadataConfig config() const {
        MarketMetadataConfig c;
        c.gammaApi = server->url();
        c.kalshiApi = kalshi.restUrl();
        c.intervalMs = 3'600'000; // the test ticks
        c.firstRunMs = 3'600'000;
        c.clock = [this] { return QDateTime::currentMSecsSinceEpoch() + clockOffsetMs; };
        return c;
    }
};

struct StoredMarket {
    QString title;
    QString category;
    qint64 liquidityMicros = -1;
    bool closed = false;
};

std::optional<StoredMarket> stored(const storage::DatabaseConfig &config, const QString &id,
                                   Venue venue = Venue::Polymarket) {
    storage::Connection c(config, u"check"_s);
    if (c.open())
        return std::nullopt;
    QSqlQuery q(c.database());
    q.prepare(
        u"SELECT title, category, liquidity_micros, closed FROM markets WHERE venue = ? AND market_id = ?"_s);
    q.addBindValue(venueName(venue));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return StoredMarket{q.value(0).toString(), q.value(1).toString(),
                        q.value(2).isNull() ? -1 : q.value(2).toLongLong(), q.value(3).toInt() != 0};
}

bool allStored(const QSignalSpy &spy, const QStringList &ids) {
    QSet<QString> seen;
    for (const QList<QVariant> &args : spy) {
        for (const QString &id : args.constFirst().toStringList())
            seen.insert(id);
    }
    return std::all_of(ids.cbegin(), ids.cend(), [&](const QString &id) { return seen.contains(id); });
}

} // namespace

class TestMarketMetadataSync final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void storesTheTapesMarkets();
    void storedRecentlyIsNotAskedAgain();
    void rateLimitPauses();
    void storesTheTapesKalshiMarkets();
    void onlyWhatTradedAgainIsAskedAfterTheHour();
    void idleMarketIsForgotten();
    void unknownIsAskedOnceMoreAfterItsWindow();
};

void TestMarketMetadataSync::storesTheTapesMarkets() {
    Rig rig;
    QVERIFY(rig.server->listen());
    const QString a = conditionNo(0xa), b = conditionNo(0xb), unknown = conditionNo(0xc);
    QCOMPARE(rig.gamma.addGammaMarkets("[" + gammaRow(a, "Will A?", "Politics", "40000.25", false) + "," +
                                       gammaRow(b, "Will B?", "Sports", "1234.5", true) + "]"),
             2);
    MarketMetadataSync sync(rig.config(), rig.store);
    QSignalSpy requesting(&sync, &MarketMetadataSync::requesting);
    QSignalSpy storedSpy(&sync, &MarketMetadataSync::marketsStored);
    sync.start();
    sync.observeTrades({tradeInto(a), tradeInto(b), tradeInto(unknown), tradeInto(a),
                        tradeInto(u"KXWHALE-26"_s, Venue::Kalshi)});
    QCOMPARE(sync.marketsSeen(), 3); // Polymarket only, each once

    sync.tick();
    QTRY_VERIFY(allStored(storedSpy, {a, b}));
    QCOMPARE(requesting.size(), 1);
    QStringList asked = requesting.constFirst().constFirst().toStringList();
    asked.sort();
    QCOMPARE(asked, (QStringList{a, b, unknown}));
    // One batch: open first, then closed=true for the two the first answer lacked.
    QTRY_COMPARE(sync.marketsUnknown(), 1);
    QCOMPARE(rig.requests.size(), 2);
    QVERIFY2(rig.requests.at(0).contains(u"condition_ids="_s + a) && rig.requests.at(0).contains(unknown) &&
                 !rig.requests.at(0).contains(u"closed=true"_s),
             qPrintable(rig.requests.at(0)));
    QVERIFY2(rig.requests.at(1).contains(u"closed=true"_s) && rig.requests.at(1).contains(b) &&
                 !rig.requests.at(1).contains(a),
             qPrintable(rig.requests.at(1)));

    const auto storedA = stored(rig.db.config(), a);
    QVERIFY(storedA);
    QCOMPARE(storedA->title, u"Will A?"_s);
    QCOMPARE(storedA->category, u"politics"_s); // the parser folds case
    QCOMPARE(storedA->liquidityMicros, 40'000'250'000LL);
    QVERIFY(!storedA->closed);
    const auto storedB = stored(rig.db.config(), b);
    QVERIFY(storedB);
    QCOMPARE(storedB->category, u"sports"_s);
    QCOMPARE(storedB->liquidityMicros, 1'234'500'000LL);
    QVERIFY(storedB->closed);
    QVERIFY(!stored(rig.db.config(), unknown));

    // Within the hour nothing is asked again: not the stored ones, not the one gamma lacks,
    // however often they trade.
    sync.observeTrades({tradeInto(a), tradeInto(unknown)});
    sync.tick();
    QTest::qWait(300);
    sync.tick();
    QTest::qWait(300);
    QCOMPARE(requesting.size(), 1);
    QCOMPARE(rig.requests.size(), 2);
    QCOMPARE(sync.marketsSeen(), 2);
    sync.stop();
}

void TestMarketMetadataSync::storedRecentlyIsNotAskedAgain() {
    Rig rig;
    QVERIFY(rig.server->listen());
    const QString a = conditionNo(0xa), d = conditionNo(0xd);
    QCOMPARE(rig.gamma.addGammaMarkets("[" + gammaRow(a, "Will A?", "Politics", "40000.25", false) + "," +
                                       gammaRow(d, "Will D?", "Crypto", "77", false) + "]"),
             2);
    {
        MarketMetadataSync first(rig.config(), rig.store);
        QSignalSpy storedSpy(&first, &MarketMetadataSync::marketsStored);
        first.start();
        first.observeTrades({tradeInto(a)});
        first.tick();
        QTRY_VERIFY(allStored(storedSpy, {a}));
    }
    // A restart (or a trader sync) stored A minutes ago: only D goes to gamma.
    MarketMetadataSync sync(rig.config(), rig.store);
    QSignalSpy requesting(&sync, &MarketMetadataSync::requesting);
    QSignalSpy storedSpy(&sync, &MarketMetadataSync::marketsStored);
    sync.start();
    sync.observeTrades({tradeInto(a), tradeInto(d)});
    sync.tick();
    QTRY_VERIFY(allStored(storedSpy, {d}));
    QCOMPARE(requesting.size(), 1);
    QCOMPARE(requesting.constFirst().constFirst().toStringList(), QStringList{d});
    QCOMPARE(stored(rig.db.config(), d)->liquidityMicros, 77'000'000LL);
}

void TestMarketMetadataSync::rateLimitPauses() {
    Rig rig;
    QVERIFY(rig.server->listen());
    const QString a = conditionNo(0xa);
    QCOMPARE(rig.gamma.addGammaMarkets("[" + gammaRow(a, "Will A?", "Politics", "40000.25", false) + "]"), 1);
    MarketMetadataConfig config = rig.config();
    config.restBackoff.maxAttempts = 0; // the 429 reaches the sync instead of the client's retries
    MarketMetadataSync sync(config, rig.store);
    QSignalSpy requesting(&sync, &MarketMetadataSync::requesting);
    QSignalSpy storedSpy(&sync, &MarketMetadataSync::marketsStored);
    rig.server->queueFaults({HttpFault::tooManyRequests(1)});
    sync.start();
    sync.observeTrades({tradeInto(a)});
    sync.tick();
    QTRY_VERIFY(sync.isPaused());
    QCOMPARE(rig.requests.size(), 1);
    QCOMPARE(rig.server->pendingFaults(), 0);
    // Paused for Retry-After: ticks meanwhile ask nothing.
    sync.tick();
    QTest::qWait(200);
    sync.tick();
    QCOMPARE(requesting.size(), 1);
    QCOMPARE(rig.requests.size(), 1);
    QVERIFY(storedSpy.isEmpty());
    // Then the same market is asked again and stored.
    QTRY_VERIFY_WITH_TIMEOUT(!sync.isPaused(), 3000);
    sync.tick();
    QTRY_VERIFY2(allStored(storedSpy, {a}),
                 qPrintable(u"%1 asked, requests: %2"_s.arg(requesting.size()).arg(rig.requests.join(u' '))));
    QCOMPARE(requesting.size(), 2);
    QCOMPARE(rig.requests.size(), 2);
    QCOMPARE(stored(rig.db.config(), a)->liquidityMicros, 40'000'250'000LL);
}

void TestMarketMetadataSync::storesTheTapesKalshiMarkets() {
    Rig rig;
    QVERIFY(rig.kalshi.listen());
    const QString deep = KalshiTradeGenerator::tickers().at(0), empty = KalshiTradeGenerator::tickers().at(1),
                  unknown = u"KXNOPE-26-X"_s;
    const auto dec = [](const char *text) { return Decimal::parse(std::string_view(text)).value; };
    rig.kalshi.setBook(deep, {{dec("0.30"), dec("10.00")}}, {{dec("0.65"), dec("4.00")}});
    rig.kalshi.setBook(empty, {}, {});
    MarketMetadataSync sync(rig.config(), rig.store);
    QSignalSpy requesting(&sync, &MarketMetadataSync::requesting);
    QSignalSpy storedSpy(&sync, &MarketMetadataSync::marketsStored);
    sync.start();
    sync.observeTrades({tradeInto(deep, Venue::Kalshi), tradeInto(empty, Venue::Kalshi),
                        tradeInto(unknown, Venue::Kalshi), tradeInto(deep, Venue::Kalshi)});
    QCOMPARE(sync.marketsSeen(Venue::Kalshi), 3);
    QCOMPARE(sync.marketsSeen(Venue::Polymarket), 0);

    sync.tick();
    QTRY_VERIFY(allStored(storedSpy, {deep, empty}));
    QTRY_COMPARE(sync.marketsUnknown(Venue::Kalshi), 1);
    QCOMPARE(requesting.size(), 1);
    QCOMPARE(requesting.constFirst().at(1).value<Venue>(), Venue::Kalshi);
    QStringList asked = requesting.constFirst().constFirst().toStringList();
    asked.sort();
    QStringList expected{deep, empty, unknown};
    expected.sort();
    QCOMPARE(asked, expected);
    // One batched request for all three (tickers kept as Kalshi spells them), nothing to gamma;
    // their one series once, for the category.
    QCOMPARE(rig.kalshi.restRequestsTo(u"/markets"_s), 1);
    QCOMPARE(rig.kalshi.restRequestsTo(u"/series/KXBTCD"_s), 1);
    QVERIFY(rig.requests.isEmpty());

    const auto storedDeep = stored(rig.db.config(), deep, Venue::Kalshi);
    QVERIFY(storedDeep);
    QCOMPARE(storedDeep->title, u"Simulated market "_s + deep);
    QCOMPARE(storedDeep->category, u"crypto"_s);        // the series' "Crypto", folded as gamma's are
    QCOMPARE(storedDeep->liquidityMicros, 5'600'000LL); // 0.30 x 10 + 0.65 x 4 resting
    QVERIFY(!storedDeep->closed);
    // Kalshi's "0.0000" is no figure: stored as unknown, not as an empty market.
    const auto storedEmpty = stored(rig.db.config(), empty, Venue::Kalshi);
    QVERIFY(storedEmpty);
    QCOMPARE(storedEmpty->title, u"Simulated market "_s + empty);
    QCOMPARE(storedEmpty->liquidityMicros, -1LL);
    QCOMPARE(storedEmpty->category, u"crypto"_s);
    QVERIFY(!stored(rig.db.config(), unknown, Venue::Kalshi));
    QVERIFY(!stored(rig.db.config(), deep, Venue::Polymarket));

    // Within the hour nothing is asked again, the unknown ticker never.
    sync.observeTrades({tradeInto(deep, Venue::Kalshi), tradeInto(unknown, Venue::Kalshi)});
    sync.tick();
    QTest::qWait(300);
    sync.tick();
    QTest::qWait(300);
    QCOMPARE(requesting.size(), 1);
    QCOMPARE(rig.kalshi.restRequestsTo(u"/markets"_s), 1);
    QCOMPARE(rig.kalshi.restRequestsTo(u"/series/KXBTCD"_s), 1);
    QCOMPARE(sync.marketsSeen(Venue::Kalshi), 2);
    sync.stop();
}

void TestMarketMetadataSync::onlyWhatTradedAgainIsAskedAfterTheHour() {
    Rig rig;
    QVERIFY(rig.server->listen());
    const QString quiet = conditionNo(0xa), busy = conditionNo(0xb);
    QCOMPARE(rig.gamma.addGammaMarkets("[" + gammaRow(quiet, "Will A?", "Politics", "1", false) + "," +
                                       gammaRow(busy, "Will B?", "Sports", "2", false) + "]"),
             2);
    const MarketMetadataConfig config = rig.config();
    MarketMetadataSync sync(config, rig.store);
    QSignalSpy requesting(&sync, &MarketMetadataSync::requesting);
    QSignalSpy storedSpy(&sync, &MarketMetadataSync::marketsStored);
    sync.start();
    sync.observeTrades({tradeInto(quiet), tradeInto(busy)});
    sync.tick();
    QTRY_VERIFY(allStored(storedSpy, {quiet, busy}));
    QCOMPARE(requesting.size(), 1);

    // Past the hour only the market that traded since its ask is asked (both are old in the store).
    rig.clockOffsetMs = config.maxAgeMs + 60'000;
    sync.observeTrades({tradeInto(busy)});
    sync.tick();
    QTRY_COMPARE(requesting.size(), 2);
    QCOMPARE(requesting.at(1).constFirst().toStringList(), QStringList{busy});
    QCOMPARE(sync.marketsSeen(), 1);
    sync.stop();
}

void TestMarketMetadataSync::idleMarketIsForgotten() {
    Rig rig;
    QVERIFY(rig.server->listen());
    const QString a = conditionNo(0xa);
    QCOMPARE(rig.gamma.addGammaMarkets("[" + gammaRow(a, "Will A?", "Politics", "1", false) + "]"), 1);
    const MarketMetadataConfig config = rig.config();
    MarketMetadataSync sync(config, rig.store);
    QSignalSpy requesting(&sync, &MarketMetadataSync::requesting);
    QSignalSpy storedSpy(&sync, &MarketMetadataSync::marketsStored);
    sync.start();
    sync.observeTrades({tradeInto(a)});
    sync.tick();
    QTRY_VERIFY(allStored(storedSpy, {a}));

    rig.clockOffsetMs = config.maxAgeMs - 60'000; // within the hour: still remembered
    sync.tick();
    QCOMPARE(sync.marketsSeen(), 1);
    rig.clockOffsetMs = config.maxAgeMs; // neither seen nor asked for the hour: gone, and not asked
    sync.tick();
    QCOMPARE(sync.marketsSeen(), 0);
    QCOMPARE(requesting.size(), 1);
    // Trading again brings it back as new.
    sync.observeTrades({tradeInto(a)});
    QCOMPARE(sync.marketsSeen(), 1);
    sync.tick();
    QTRY_COMPARE(requesting.size(), 2);
    QCOMPARE(requesting.at(1).constFirst().toStringList(), QStringList{a});
    sync.stop();
}

void TestMarketMetadataSync::unknownIsAskedOnceMoreAfterItsWindow() {
    Rig rig;
    QVERIFY(rig.server->listen());
    const QString a = conditionNo(0xa), later = conditionNo(0xb), tradesAgain = conditionNo(0xc),
                  idle = conditionNo(0xd);
    QCOMPARE(rig.gamma.addGammaMarkets("[" + gammaRow(a, "Will A?", "Politics", "1", false) + "," +
                                       gammaRow(later, "Will B?", "Sports", "2", false) + "]"),
             2);
    const MarketMetadataConfig config = rig.config();
    QVERIFY(config.unknownRetryMs > config.maxAgeMs + 60'000);
    MarketMetadataSync sync(config, rig.store);
    QSignalSpy requesting(&sync, &MarketMetadataSync::requesting);
    QSignalSpy storedSpy(&sync, &MarketMetadataSync::marketsStored);
    sync.start();
    sync.observeTrades({tradeInto(a), tradeInto(tradesAgain), tradeInto(idle)});
    sync.tick();
    QTRY_COMPARE(sync.marketsUnknown(), 2);
    QTRY_VERIFY(allStored(storedSpy, {a}));

    // Past the hour but within the unknown window: trading again asks nothing for it. The new
    // market in the same round shows the round ran.
    rig.clockOffsetMs = config.maxAgeMs + 60'000;
    sync.observeTrades({tradeInto(tradesAgain), tradeInto(later)});
    sync.tick();
    QTRY_COMPARE(requesting.size(), 2);
    QCOMPARE(requesting.at(1).constFirst().toStringList(), QStringList{later});
    QCOMPARE(sync.marketsUnknown(), 2);

    // Past the window: the one that trades is asked once more, the idle one is forgotten.
    rig.clockOffsetMs = config.unknownRetryMs + 60'000;
    sync.observeTrades({tradeInto(tradesAgain)});
    sync.tick();
    QCOMPARE(sync.marketsUnknown(), 0);
    QTRY_COMPARE(requesting.size(), 3);
    QCOMPARE(requesting.at(2).constFirst().toStringList(), QStringList{tradesAgain});
    QVERIFY2(rig.requests.constLast().contains(tradesAgain) && !rig.requests.constLast().contains(idle),
             qPrintable(rig.requests.constLast()));
    // gamma still lacks it: unknown again, for another window.
    QTRY_COMPARE(sync.marketsUnknown(), 1);
    QCOMPARE(sync.marketsSeen(), 0);
    sync.stop();
}

QTEST_GUILESS_MAIN(TestMarketMetadataSync)
#include "tst_marketmetadatasync.moc"
