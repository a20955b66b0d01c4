#include "net/kalshiparser.h"

#include "tests/support/testdata.h"

#include <QDateTime>
#include <QTest>

using namespace longshot;
using namespace longshot::net;
using namespace Qt::StringLiterals;

namespace {

QDateTime utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) {
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s), Qt::UTC);
}

QString enumName(RejectReason r) {
    switch (r) {
    case RejectReason::NotJson:
        return u"NotJson"_s;
    case RejectReason::TruncatedJson:
        return u"TruncatedJson"_s;
    case RejectReason::Oversized:
        return u"Oversized"_s;
    case RejectReason::MissingField:
        return u"MissingField"_s;
    case RejectReason::BadNumber:
        return u"BadNumber"_s;
    case RejectReason::PriceOutOfRange:
        return u"PriceOutOfRange"_s;
    case RejectReason::NonPositiveSize:
        return u"NonPositiveSize"_s;
    case RejectReason::BadWallet:
        return u"BadWallet"_s;
    case RejectReason::BadSide:
        return u"BadSide"_s;
    case RejectReason::BadTimestamp:
        return u"BadTimestamp"_s;
    case RejectReason::SubscriptionRejected:
        return u"SubscriptionRejected"_s;
    case RejectReason::UnexpectedShape:
        return u"UnexpectedShape"_s;
    }
    return u"?"_s;
}

// The rejects as "Reason:count" pairs in enum order, so a test names every counted reason.
QString counted(const QList<RejectReason> &rejects) {
    QMap<int, int> byReason;
    for (RejectReason r : rejects)
        ++byReason[int(r)];
    QStringList parts;
    for (auto it = byReason.cbegin(); it != byReason.cend(); ++it)
        parts.append(enumName(RejectReason(it.key())) + u':' + QString::number(it.value()));
    return parts.join(u',');
}

QString reasonName(const std::optional<RejectReason> &r) {
    return r ? enumName(*r) : u"-"_s;
}

} // namespace

class TestKalshiCatalog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void realCutoffFixture() {
        KalshiParser parser;
        const KalshiHistoricalCutoff c =
            parser.parseHistoricalCutoff(test::readData(u"kalshi/kalshi_historical_cutoff_real.json"_s));
        QCOMPARE(reasonName(c.error), u"-"_s);
        QVERIFY(c.rejects.isEmpty());
        const QDateTime expected = utc(2026, 6, 12);
        QCOMPARE(c.marketSettled, expected);
        QCOMPARE(c.tradesCreated, expected);
        QCOMPARE(c.ordersUpdated, expected);
        QCOMPARE(c.marketPositionsLastUpdated, expected);
        QCOMPARE(c.tradesCreated.timeSpec(), Qt::UTC);
        QCOMPARE(c.tradesCreated.toMSecsSinceEpoch(), 1'781'222'400'000);
    }

    void cutoffShapes_data() {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("rejects");
        QTest::addColumn<qint64>("tradesMs"); // -1: invalid
        QTest::addColumn<qint64>("settledMs");

        const qint64 june12 = 1'781'222'400'000;
        QTest::newRow("seconds as numbers")
            << QByteArray(R"({"trades_created_ts":1781222400,"market_settled_ts":1781222400})") << u"-"_s
            << QString() << june12 << june12;
        QTest::newRow("milliseconds as numbers")
            << QByteArray(R"({"trades_created_ts":1781222400123,"market_settled_ts":1781222400000})")
            << u"-"_s << QString() << june12 + 123 << june12;
        QTest::newRow("seconds as strings")
            << QByteArray(R"({"trades_created_ts":"1781222400","market_settled_ts":"1781222400"})") << u"-"_s
            << QString() << june12 << june12;
        QTest::newRow("offset and fraction")
            << QByteArray(R"({"trades_created_ts":"2026-06-12T02:00:00.250+02:00"})") << u"-"_s << QString()
            << june12 + 250 << qint64(-1);
        QTest::newRow("only trades, others absent")
            << QByteArray(R"({"trades_created_ts":"2026-06-12T00:00:00Z"})") << u"-"_s << QString() << june12
            << qint64(-1);
        QTest::newRow("other fields null or empty")
            << QByteArray(R"({"trades_created_ts":"2026-06-12T00:00:00Z","market_settled_ts":null,)"
                          R"("orders_updated_ts":""})")
            << u"-"_s << QString() << june12 << qint64(-1);
        QTest::newRow("a broken secondary time is counted, the answer kept")
            << QByteArray(R"({"trades_created_ts":"2026-06-12T00:00:00Z","market_settled_ts":"yesterday",)"
                          R"("orders_updated_ts":{"t":1},"market_positions_last_updated_ts":true})")
            << u"-"_s << u"BadTimestamp:3"_s << june12 << qint64(-1);
        QTest::newRow("trades_created_ts missing")
            << QByteArray(R"({"market_settled_ts":"2026-06-12T00:00:00Z"})") << u"MissingField"_s << QString()
            << qint64(-1) << june12;
        QTest::newRow("trades_created_ts null") << QByteArray(R"({"trades_created_ts":null})")
                                                << u"MissingField"_s << QString() << qint64(-1) << qint64(-1);
        QTest::newRow("trades_created_ts nonsense")
            << QByteArray(R"({"trades_created_ts":"2026-13-45T00:00:00Z"})") << u"BadTimestamp"_s
            << u"BadTimestamp:1"_s << qint64(-1) << qint64(-1);
        QTest::newRow("trades_created_ts zero time")
            << QByteArray(R"({"trades_created_ts":"0001-01-01T00:00:00Z"})") << u"BadTimestamp"_s
            << u"BadTimestamp:1"_s << qint64(-1) << qint64(-1);
        QTest::newRow("trades_created_ts negative")
            << QByteArray(R"({"trades_created_ts":-5})") << u"BadTimestamp"_s << u"BadTimestamp:1"_s
            << qint64(-1) << qint64(-1);
        QTest::newRow("trades_created_ts an array")
            << QByteArray(R"({"trades_created_ts":[1781222400]})") << u"BadTimestamp"_s << u"BadTimestamp:1"_s
            << qint64(-1) << qint64(-1);
        QTest::newRow("html") << QByteArray("<html><body>502 Bad Gateway</body></html>") << u"NotJson"_s
                              << QString() << qint64(-1) << qint64(-1);
        QTest::newRow("truncated") << QByteArray(R"({"trades_created_ts":"2026-06-12T00:00)")
                                   << u"TruncatedJson"_s << QString() << qint64(-1) << qint64(-1);
        QTest::newRow("array root") << QByteArray(R"([{"trades_created_ts":"2026-06-12T00:00:00Z"}])")
                                    << u"UnexpectedShape"_s << QString() << qint64(-1) << qint64(-1);
        QTest::newRow("error body") << QByteArray(R"({"error":{"code":"internal","message":"oops"}})")
                                    << u"MissingField"_s << QString() << qint64(-1) << qint64(-1);
        QTest::newRow("trailing garbage") << QByteArray(R"({"trades_created_ts":"2026-06-12T00:00:00Z"} x)")
                                          << u"TruncatedJson"_s << QString() << qint64(-1) << qint64(-1);
    }

    void cutoffShapes() {
        QFETCH(QByteArray, body);
        QFETCH(QString, error);
        QFETCH(QString, rejects);
        QFETCH(qint64, tradesMs);
        QFETCH(qint64, settledMs);
        KalshiParser parser;
        const KalshiHistoricalCutoff c = parser.parseHistoricalCutoff(body);
        QCOMPARE(reasonName(c.error), error);
        QCOMPARE(counted(c.rejects), rejects);
        QCOMPARE(c.tradesCreated.isValid() ? c.tradesCreated.toMSecsSinceEpoch() : -1, tradesMs);
        QCOMPARE(c.marketSettled.isValid() ? c.marketSettled.toMSecsSinceEpoch() : -1, settledMs);
    }

    void seriesListFixture() {
        KalshiParser parser;
        const KalshiSeriesPage page =
            parser.parseSeries(test::readData(u"kalshi/kalshi_series_docs_shape.json"_s));
        QCOMPARE(reasonName(page.error), u"-"_s);
        QVERIFY(page.rejects.isEmpty());
        QVERIFY(page.cursor.isEmpty());
        QCOMPARE(page.series.size(), 3);

        const KalshiSeries &high = page.series.at(0);
        QCOMPARE(high.ticker, u"KXHIGHNY"_s);
        QCOMPARE(high.title, u"Highest temperature in NYC today"_s);
        QCOMPARE(high.category, u"Climate and Weather"_s);
        QCOMPARE(high.frequency, u"daily"_s);
        QCOMPARE(high.tags, QStringList{u"Daily temperature"_s});
        QCOMPARE(high.feeType, u"quadratic"_s);
        QCOMPARE(high.feeMultiplier->toString(), u"1"_s);
        QCOMPARE(high.volume->toFixed(2), u"1250340.00"_s);
        QCOMPARE(high.settlementSources.size(), 1);
        QCOMPARE(high.settlementSources.at(0).name, u"National Weather Service"_s);
        QCOMPARE(high.settlementSources.at(0).url, u"https://www.weather.gov/"_s);
        QCOMPARE(high.contractTermsUrl,
                 u"https://kalshi-public-docs.s3.amazonaws.com/contract_terms/NHIGH.pdf"_s);

        const KalshiSeries &mlb = page.series.at(1);
        QCOMPARE(mlb.ticker, u"KXMLBGAME"_s);
        QCOMPARE(mlb.category, u"Sports"_s);
        QCOMPARE(mlb.tags, (QStringList{u"Baseball"_s, u"MLB"_s}));
        QCOMPARE(mlb.feeType, u"quadratic_with_maker_fees"_s);
        QCOMPARE(mlb.feeMultiplier->micros(), Decimal::kOne / 2); // exact, not 0.49999…
        QVERIFY(!mlb.volume);
        QCOMPARE(mlb.settlementSources.size(), 2);
        QCOMPARE(mlb.settlementSources.at(1).name, u"the Governing League"_s);

        // Kept as sent: an enum value the docs do not list is not a reason to refuse.
        const KalshiSeries &combo = page.series.at(2);
        QCOMPARE(combo.feeType, u"quadratic_with_combo_maker_fees"_s);
        QVERIFY(combo.tags.isEmpty());
        QVERIFY(combo.settlementSources.isEmpty());
        QVERIFY(combo.contractUrl.isEmpty());
    }

    void singleSeries() {
        KalshiParser parser;
        const KalshiSeriesPage page = parser.parseSeries(
            R"({"series":{"ticker":"KXFED","title":"Fed rate decision","category":"Economics",)"
            R"("frequency":"custom","tags":["Fed"],"fee_type":"flat","fee_multiplier":"0.25"}})");
        QCOMPARE(reasonName(page.error), u"-"_s);
        QCOMPARE(page.series.size(), 1);
        QCOMPARE(page.series.at(0).ticker, u"KXFED"_s);
        QCOMPARE(page.series.at(0).title, u"Fed rate decision"_s);
        QCOMPARE(page.series.at(0).feeType, u"flat"_s);
        QCOMPARE(page.series.at(0).feeMultiplier->micros(), Decimal::kOne / 4); // a string number
    }

    void seriesShapes_data() {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("rejects");
        QTest::addColumn<QStringList>("tickers");
        QTest::addColumn<QString>("cursor");

        QTest::newRow("cursor kept") << QByteArray(
                                            R"({"series":[{"ticker":"A"},{"ticker":"B"}],"cursor":"abc"})")
                                     << u"-"_s << QString() << QStringList{u"A"_s, u"B"_s} << u"abc"_s;
        QTest::newRow("null list") << QByteArray(R"({"series":null})") << u"-"_s << QString() << QStringList()
                                   << QString();
        QTest::newRow("bad rows counted by reason")
            << QByteArray(
                   R"({"series":[{"ticker":"OK"},{"title":"no ticker"},{"ticker":""},{"ticker":7},)"
                   R"("text",{"ticker":"TAGS","tags":"Sports"},{"ticker":"TAGN","tags":[1]},)"
                   R"({"ticker":"SRC","settlement_sources":["ESPN"]},)"
                   R"({"ticker":"FEE","fee_multiplier":"one"},{"ticker":"VOL","volume_fp":"1e999x"}]})")
            << u"-"_s << u"MissingField:3,BadNumber:2,UnexpectedShape:4"_s << QStringList{u"OK"_s}
            << QString();
        QTest::newRow("html") << QByteArray("<!DOCTYPE html><title>Just a moment...</title>") << u"NotJson"_s
                              << QString() << QStringList() << QString();
        QTest::newRow("no series key") << QByteArray(R"({"ticker":"KXHIGHNY"})") << u"MissingField"_s
                                       << QString() << QStringList() << QString();
        QTest::newRow("series a string") << QByteArray(R"({"series":"KXHIGHNY"})") << u"UnexpectedShape"_s
                                         << QString() << QStringList() << QString();
        QTest::newRow("cursor a number") << QByteArray(R"({"series":[],"cursor":5})") << u"UnexpectedShape"_s
                                         << QString() << QStringList() << QString();
        QTest::newRow("truncated") << QByteArray(R"({"series":[{"ticker":"A"})") << u"TruncatedJson"_s
                                   << QString() << QStringList() << QString();
        QTest::newRow("429 body") << test::readData(u"kalshi/kalshi_rest_429_body_observed.json"_s)
                                  << u"MissingField"_s << QString() << QStringList() << QString();
    }

    void seriesShapes() {
        QFETCH(QByteArray, body);
        QFETCH(QString, error);
        QFETCH(QString, rejects);
        QFETCH(QStringList, tickers);
        QFETCH(QString, cursor);
        KalshiParser parser;
        const KalshiSeriesPage page = parser.parseSeries(body);
        QCOMPARE(reasonName(page.error), error);
        QCOMPARE(counted(page.rejects), rejects);
        QStringList got;
        for (const KalshiSeries &s : page.series)
            got.append(s.ticker);
        QCOMPARE(got, tickers);
        QCOMPARE(page.cursor, cursor);
    }
};

QTEST_GUILESS_MAIN(TestKalshiCatalog)
#include "tst_kalshicatalog.moc"
