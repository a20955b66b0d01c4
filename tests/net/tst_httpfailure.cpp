#include "net/httpfailure.h"
#include "tests/support/testdata.h"

#include <QTest>

using namespace longshot;
using namespace longshot::net;

class TestHttpFailure : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void classify_data() {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("retryAfter");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("timedOut");
        QTest::addColumn<int>("kind"); // -1 = success
        QTest::addColumn<qint64>("retryAfterMs");

        const QByteArray json = "application/json";
        const QByteArray html = "text/html; charset=UTF-8";
        QTest::newRow("ok array") << 200 << json << QByteArray() << QByteArray("[]") << false << -1
                                  << qint64(-1);
        QTest::newRow("ok null") << 200 << json << QByteArray() << QByteArray("null") << false << -1
                                 << qint64(-1);
        QTest::newRow("429 seconds") << 429 << json << QByteArray("7") << QByteArray("{}") << false
                                     << int(FetchError::Kind::RateLimited) << qint64(7000);
        QTest::newRow("429 no header") << 429 << html << QByteArray() << QByteArray("<html>1015</html>")
                                       << false << int(FetchError::Kind::RateLimited) << qint64(-1);
        QTest::newRow("429 http date")
            << 429 << json << QByteArray("Mon, 23 Nov 2026 12:00:30 GMT") << QByteArray("{}") << false
            << int(FetchError::Kind::RateLimited) << qint64(30'000);
        QTest::newRow("html 200") << 200 << html << QByteArray() << QByteArray("<!DOCTYPE html><html>")
                                  << false << int(FetchError::Kind::InvalidResponse) << qint64(-1);
        QTest::newRow("json type but text body")
            << 200 << json << QByteArray() << QByteArray("Bad gateway") << false
            << int(FetchError::Kind::InvalidResponse) << qint64(-1);
        QTest::newRow("empty body") << 200 << json << QByteArray() << QByteArray("  ") << false
                                    << int(FetchError::Kind::InvalidResponse) << qint64(-1);
        QTest::newRow("offset exceeded")
            << 400 << json << QByteArray()
            << readData(QStringLiteral("polymarket/data_api_v1_error_offset_exceeded_observed.json")) << false
            << int(FetchError::Kind::InvalidRequest) << qint64(-1);
        QTest::newRow("404") << 404 << QByteArray("text/plain") << QByteArray()
                             << QByteArray("404 page not found") << false << int(FetchError::Kind::NotFound)
                             << qint64(-1);
        QTest::newRow("410") << 410 << json << QByteArray() << QByteArray("{}") << false
                             << int(FetchError::Kind::Gone) << qint64(-1);
        QTest::newRow("401") << 401 << json << QByteArray() << QByteArray("{}") << false
                             << int(FetchError::Kind::Auth) << qint64(-1);
        QTest::newRow("403 cloudflare html")
            << 403 << html << QByteArray() << QByteArray("<html>blocked</html>") << false
            << int(FetchError::Kind::RateLimited) << qint64(-1);
        QTest::newRow("500") << 500 << json << QByteArray() << QByteArray("{}") << false
                             << int(FetchError::Kind::Unavailable) << qint64(-1);
        QTest::newRow("503 html") << 503 << html << QByteArray() << QByteArray("<html>") << false
                                  << int(FetchError::Kind::Unavailable) << qint64(-1);
        QTest::newRow("504") << 504 << json << QByteArray() << QByteArray("{}") << false
                             << int(FetchError::Kind::Timeout) << qint64(-1);
        QTest::newRow("timeout") << 0 << QByteArray() << QByteArray() << QByteArray() << true
                                 << int(FetchError::Kind::Timeout) << qint64(-1);
    }

    void classify() {
        QFETCH(int, status);
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, retryAfter);
        QFETCH(QByteArray, body);
        QFETCH(bool, timedOut);
        QFETCH(int, kind);
        QFETCH(qint64, retryAfterMs);
        HttpOutcome o;
        o.httpStatus = status;
        o.contentType = contentType;
        o.retryAfter = retryAfter;
        o.body = body;
        o.timedOut = timedOut;
        o.networkError = timedOut ? QNetworkReply::OperationCanceledError : QNetworkReply::NoError;
        const QDateTime now = QDateTime(QDate(2026, 11, 23), QTime(12, 0, 0), Qt::UTC);
        const auto error = longshot::net::classify(o, now);
        if (kind < 0) {
            QVERIFY2(!error.has_value(), error ? qPrintable(describe(*error)) : "");
            return;
        }
        QVERIFY(error.has_value());
        QCOMPARE(int(error->kind), kind);
        QCOMPARE(error->retryAfterMs, retryAfterMs);
    }

    void connectionRefusedIsUnavailable() {
        HttpOutcome o;
        o.networkError = QNetworkReply::ConnectionRefusedError;
        const auto error = longshot::net::classify(o, QDateTime::currentDateTimeUtc());
        QVERIFY(error.has_value());
        QCOMPARE(error->kind, FetchError::Kind::Unavailable);
        QCOMPARE(recoveryFor(error->kind), Recovery::RetryWithJitter);
    }

    void retryAfterParsing_data() {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<qint64>("ms");
        QTest::newRow("seconds") << QByteArray("120") << qint64(120'000);
        QTest::newRow("spaces") << QByteArray(" 3 ") << qint64(3000);
        QTest::newRow("past date") << QByteArray("Mon, 23 Nov 2026 11:00:00 GMT") << qint64(0);
        QTest::newRow("garbage") << QByteArray("soon") << qint64(-1);
        QTest::newRow("negative") << QByteArray("-5") << qint64(-1);
        QTest::newRow("empty") << QByteArray() << qint64(-1);
    }
    void retryAfterParsing() {
        QFETCH(QByteArray, value);
        QFETCH(qint64, ms);
        const QDateTime now = QDateTime(QDate(2026, 11, 23), QTime(12, 0, 0), Qt::UTC);
        QCOMPARE(parseRetryAfterMs(value, now), ms);
    }

private:
    static QByteArray readData(const QString &path) { return longshot::test::readData(path); }
};

QTEST_GUILESS_MAIN(TestHttpFailure)
#include "tst_httpfailure.moc"
