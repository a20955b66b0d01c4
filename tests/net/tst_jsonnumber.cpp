// The number helpers behind the trade parsers: the plain-decimal fast path must agree with
// Decimal::parse on every input, and times normalise by one rule.
#include "net/jsonnumber.h"

#include <QTest>

#include <random>
#include <string>

using namespace longshot;
using namespace longshot::net;

class TestJsonNumber final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parseDecimalAgreesWithDecimalParse_data();
    void parseDecimalAgreesWithDecimalParse();
    void parseDecimalAgreesOnRandomText();
    void timestamps_data();
    void timestamps();
    void outcomeIndex_data();
    void outcomeIndex();
};

void TestJsonNumber::parseDecimalAgreesWithDecimalParse_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("micros");
    const auto row = [](const char *text, bool ok, qint64 micros) {
        QTest::newRow(*text ? text : "(empty)") << QByteArray(text) << ok << micros;
    };
    row("0", true, 0);
    row("-0", true, 0);
    row("1030.92", true, 1'030'920'000);
    row("0.03", true, 30'000);
    row("8643", true, 8'643'000'000);
    row("007", true, 7'000'000);
    row("-5", true, -5'000'000);
    row("0.000001", true, 1);
    row("999999999999.999999", true, 999'999'999'999'999'999);
    row("1234567890123", true, 1'234'567'890'123'000'000); // 13 digits: the slow path
    row("0.1234565", true, 123'456);                       // 7 decimals: half to even, slow path
    row("0.8100000092466668", true, 810'000);
    row("1e-05", true, 10);
    row("1.5E+3", true, 1'500'000'000);
    row("1.", true, 1'000'000);
    row(".5", true, 500'000);
    row("+1", true, 1'000'000);
    row("", false, 0);
    row("-", false, 0);
    row(".", false, 0);
    row("1.2.3", false, 0);
    row("abc", false, 0);
    row("NaN", false, 0);
    row("-Infinity", false, 0);
    row("0x10", false, 0);
    row(" 1", false, 0);
    row("1 ", false, 0);
    row("1e400", false, 0);
    row("1234567890123456789012345678901234567890", false, 0);
}

void TestJsonNumber::parseDecimalAgreesWithDecimalParse() {
    QFETCH(QByteArray, text);
    QFETCH(bool, ok);
    QFETCH(qint64, micros);
    const std::string_view view(text.constData(), static_cast<std::size_t>(text.size()));
    const DecimalParse fast = parseDecimal(view);
    const DecimalParse reference = Decimal::parse(view);
    QCOMPARE(fast.ok(), ok);
    QCOMPARE(int(fast.error), int(reference.error));
    QCOMPARE(fast.rounded, reference.rounded);
    QCOMPARE(fast.value.micros(), reference.value.micros());
    if (ok)
        QCOMPARE(fast.value.micros(), micros);
}

void TestJsonNumber::parseDecimalAgreesOnRandomText() {
    std::mt19937_64 rng(424242);
    const char alphabet[] = "0123456789012345678901234567890123456789..-+eE ";
    for (int i = 0; i < 200'000; ++i) {
        std::string text;
        const auto length = rng() % 22;
        for (std::size_t j = 0; j < length; ++j)
            text.push_back(alphabet[rng() % (sizeof alphabet - 1)]);
        const DecimalParse fast = parseDecimal(text);
        const DecimalParse reference = Decimal::parse(text);
        if (fast.error != reference.error || fast.value != reference.value ||
            fast.rounded != reference.rounded)
            QFAIL(qPrintable(QStringLiteral("disagree on \"%1\"").arg(QString::fromStdString(text))));
    }
}

void TestJsonNumber::timestamps_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("error");
    QTest::addColumn<qint64>("ms");
    const int none = int(TimestampError::None);
    const int malformed = int(TimestampError::Malformed);
    const int range = int(TimestampError::OutOfRange);
    QTest::newRow("seconds") << QByteArray("1790272257") << none << Q_INT64_C(1790272257000);
    QTest::newRow("milliseconds") << QByteArray("1790272257115") << none << Q_INT64_C(1790272257115);
    QTest::newRow("fractional seconds") << QByteArray("1790272257.5") << none << Q_INT64_C(1790272257500);
    QTest::newRow("exponent seconds") << QByteArray("1.790272257E9") << none << Q_INT64_C(1790272257000);
    QTest::newRow("first second of 2000") << QByteArray("946684800") << none << Q_INT64_C(946684800000);
    QTest::newRow("before 2000") << QByteArray("946684799") << range << Q_INT64_C(0);
    QTest::newRow("last second before 2100") << QByteArray("4102444799") << none << Q_INT64_C(4102444799000);
    QTest::newRow("2100 in seconds") << QByteArray("4102444800") << range << Q_INT64_C(0);
    QTest::newRow("microseconds") << QByteArray("1790272257115000") << range << Q_INT64_C(0);
    QTest::newRow("zero") << QByteArray("0") << range << Q_INT64_C(0);
    QTest::newRow("negative") << QByteArray("-1790272257") << range << Q_INT64_C(0);
    QTest::newRow("1e30") << QByteArray("1e30") << range << Q_INT64_C(0);
    QTest::newRow("text") << QByteArray("soon") << malformed << Q_INT64_C(0);
    QTest::newRow("empty") << QByteArray("") << malformed << Q_INT64_C(0);
    QTest::newRow("NaN") << QByteArray("NaN") << malformed << Q_INT64_C(0);
}

void TestJsonNumber::timestamps() {
    QFETCH(QByteArray, text);
    QFETCH(int, error);
    QFETCH(qint64, ms);
    const TimestampParse t =
        parseTimestampMs(std::string_view(text.constData(), static_cast<std::size_t>(text.size())));
    QCOMPARE(int(t.error), error);
    QCOMPARE(t.ms, ms);
}

void TestJsonNumber::outcomeIndex_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("index");
    QTest::newRow("0") << QByteArray("0") << 0;
    QTest::newRow("1") << QByteArray("1") << 1;
    QTest::newRow("12") << QByteArray("12") << 12;
    QTest::newRow("999 sentinel") << QByteArray("999") << -1;
    QTest::newRow("1000") << QByteArray("1000") << -1;
    QTest::newRow("negative") << QByteArray("-1") << -1;
    QTest::newRow("fraction") << QByteArray("1.0") << -1;
    QTest::newRow("empty") << QByteArray("") << -1;
    QTest::newRow("text") << QByteArray("one") << -1;
}

void TestJsonNumber::outcomeIndex() {
    QFETCH(QByteArray, text);
    QFETCH(int, index);
    QCOMPARE(parseOutcomeIndex(std::string_view(text.constData(), static_cast<std::size_t>(text.size()))),
             index);
}

QTEST_GUILESS_MAIN(TestJsonNumber)
#include "tst_jsonnumber.moc"
