// RestClient::apiUrl: every fetcher joins its configured base and an API path through it.
#include "net/restclient.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace longshot::net;

class TestApiUrl final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void joins_data() {
        QTest::addColumn<QUrl>("base");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected");
        QTest::newRow("bare host") << QUrl(u"http://127.0.0.1:9002"_s) << u"/markets"_s
                                   << u"http://127.0.0.1:9002/markets"_s;
        QTest::newRow("host with slash")
            << QUrl(u"http://127.0.0.1:9002/"_s) << u"/markets"_s << u"http://127.0.0.1:9002/markets"_s;
        QTest::newRow("base path") << QUrl(u"https://api.elections.kalshi.com/trade-api/v2"_s)
                                   << u"/series/KXFED"_s
                                   << u"https://api.elections.kalshi.com/trade-api/v2/series/KXFED"_s;
        QTest::newRow("base path with slash")
            << QUrl(u"https://data-api.polymarket.com/api/"_s) << u"/v1/leaderboard"_s
            << u"https://data-api.polymarket.com/api/v1/leaderboard"_s;
        // A name from the exchange is encoded, never read as URL syntax.
        QTest::newRow("untrusted name") << QUrl(u"https://k/trade-api/v2"_s) << u"/series/A B?x=1#y"_s
                                        << u"https://k/trade-api/v2/series/A%20B%3Fx=1%23y"_s;
    }
    void joins() {
        QFETCH(QUrl, base);
        QFETCH(QString, path);
        QFETCH(QString, expected);
        QCOMPARE(RestClient::apiUrl(base, path).toString(QUrl::FullyEncoded), expected);
    }
};

QTEST_GUILESS_MAIN(TestApiUrl)
#include "tst_apiurl.moc"
