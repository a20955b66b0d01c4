#include "models/domain/decimal.h"

#include <QTest>

using longshot::Decimal;
using longshot::DecimalParseError;

class TestDecimal : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parse_data();
    void parse();
    void parseErrors_data();
    void parseErrors();
    void exactArithmetic();
    void multiplyRounding_data();
    void multiplyRounding();
    void overflowIsAnError();
    void division();
    void toFixed_data();
    void toFixed();
};

void TestDecimal::parse_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("micros");
    QTest::addColumn<bool>("rounded");
    QTest::addColumn<QString>("canonical");

    QTest::newRow("integer") << "8643" << qint64(8'643'000'000) << false << "8643";
    QTest::newRow("fraction") << "1030.92" << qint64(1'030'920'000) << false << "1030.92";
    QTest::newRow("leading plus") << "+0.5" << qint64(500'000) << false << "0.5";
    QTest::newRow("negative") << "-12.000001" << qint64(-12'000'001) << false << "-12.000001";
    QTest::newRow("exponent small") << "1e-05" << qint64(10) << false << "0.00001";
    QTest::newRow("exponent big") << "1.5E+3" << qint64(1'500'000'000) << false << "1500";
    QTest::newRow("exponent no sign") << "2.5e2" << qint64(250'000'000) << false << "250";
    QTest::newRow("zero") << "0" << qint64(0) << false << "0";
    QTest::newRow("negative zero") << "-0.000" << qint64(0) << false << "0";
    QTest::newRow("leading zeros") << "000012.50" << qint64(12'500'000) << false << "12.5";
    QTest::newRow("kalshi dollars") << "0.5600" << qint64(560'000) << false << "0.56";
    QTest::newRow("kalshi fp") << "57.51" << qint64(57'510'000) << false << "57.51";
    QTest::newRow("fee") << "0.03097" << qint64(30'970) << false << "0.03097";
    // More than six decimals: round half to even, and say so.
    QTest::newRow("usdc derived price") << "0.8100000092466668" << qint64(810'000) << true << "0.81";
    QTest::newRow("half to even down") << "0.0000025" << qint64(2) << true << "0.000002";
    QTest::newRow("half to even up") << "0.0000035" << qint64(4) << true << "0.000004";
    QTest::newRow("above half") << "0.00000251" << qint64(3) << true << "0.000003";
    QTest::newRow("negative half even") << "-0.0000025" << qint64(-2) << true << "-0.000002";
    QTest::newRow("tiny exponent") << "1e-400" << qint64(0) << true << "0";
    QTest::newRow("many zero decimals") << "1.000000000000" << qint64(1'000'000) << false << "1";
    QTest::newRow("max") << "9223372036854.775807" << qint64(9'223'372'036'854'775'807) << false
                         << "9223372036854.775807";
    QTest::newRow("min") << "-9223372036854.775808" << qint64(std::numeric_limits<qint64>::min()) << false
                         << "-9223372036854.775808";
}

void TestDecimal::parse() {
    QFETCH(QString, text);
    QFETCH(qint64, micros);
    QFETCH(bool, rounded);
    QFETCH(QString, canonical);
    const auto r = Decimal::parse(QStringView(text));
    QVERIFY2(r.ok(), qPrintable(longshot::describe(r.error)));
    QCOMPARE(r.value.micros(), micros);
    QCOMPARE(r.rounded, rounded);
    QCOMPARE(r.value.toString(), canonical);
    // The canonical text parses back to the same value.
    QCOMPARE(Decimal::parse(QStringView(canonical)).value, r.value);
}

void TestDecimal::parseErrors_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<DecimalParseError>("error");
    QTest::newRow("empty") << "" << DecimalParseError::Empty;
    QTest::newRow("two points") << "1.2.3" << DecimalParseError::Malformed;
    QTest::newRow("NaN") << "NaN" << DecimalParseError::NotFinite;
    QTest::newRow("inf") << "inf" << DecimalParseError::NotFinite;
    QTest::newRow("-Infinity") << "-Infinity" << DecimalParseError::NotFinite;
    QTest::newRow("40 digits") << "1234567890123456789012345678901234567890"
                               << DecimalParseError::TooManyDigits;
    QTest::newRow("hex") << "0x10" << DecimalParseError::Malformed;
    QTest::newRow("sign only") << "-" << DecimalParseError::Malformed;
    QTest::newRow("point only") << "." << DecimalParseError::Malformed;
    QTest::newRow("space") << " 1" << DecimalParseError::Malformed;
    QTest::newRow("trailing space") << "1 " << DecimalParseError::Malformed;
    QTest::newRow("exponent without digits") << "1e" << DecimalParseError::Malformed;
    QTest::newRow("double sign") << "--1" << DecimalParseError::Malformed;
    QTest::newRow("comma") << "1,000" << DecimalParseError::Malformed;
    QTest::newRow("unicode digit") << QString::fromUtf8("\u0661") << DecimalParseError::Malformed;
    QTest::newRow("too big") << "9223372036854.775808" << DecimalParseError::Overflow;
    QTest::newRow("too big exponent") << "1e20" << DecimalParseError::Overflow;
    QTest::newRow("huge exponent") << "1e99999999999" << DecimalParseError::Overflow;
}

void TestDecimal::parseErrors() {
    QFETCH(QString, text);
    QFETCH(DecimalParseError, error);
    const auto r = Decimal::parse(QStringView(text));
    QVERIFY(!r.ok());
    QCOMPARE(r.error, error);
    QVERIFY(!longshot::describe(r.error).isEmpty());
}

void TestDecimal::exactArithmetic() {
    const auto a = Decimal::parse("0.1").value;
    const auto b = Decimal::parse("0.2").value;
    QCOMPARE(a.checkedAdd(b).value(), Decimal::parse("0.3").value);
    QCOMPARE(a.checkedAdd(b)->toString(), QStringLiteral("0.3"));

    bool rounded = true;
    const auto notional = Decimal::parse("1030.92").value.checkedMul(Decimal::parse("0.03").value, &rounded);
    QVERIFY(notional.has_value());
    QCOMPARE(notional->toString(), QStringLiteral("30.9276"));
    QVERIFY(!rounded);

    QCOMPARE(Decimal::parse("5").value.checkedSub(Decimal::parse("7.25").value)->toString(),
             QStringLiteral("-2.25"));
}

void TestDecimal::multiplyRounding_data() {
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<QString>("product");
    QTest::addColumn<bool>("rounded");
    QTest::newRow("exact") << "31.6122"
                           << "0.98"
                           << "30.979956" << false;
    QTest::newRow("half even down") << "0.000001"
                                    << "0.5"
                                    << "0" << true;
    QTest::newRow("half even up") << "0.000003"
                                  << "0.5"
                                  << "0.000002" << true;
    QTest::newRow("negative") << "-2"
                              << "0.333333"
                              << "-0.666666" << false;
    QTest::newRow("negative rounds") << "-0.000003"
                                     << "0.5"
                                     << "-0.000002" << true;
}

void TestDecimal::multiplyRounding() {
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(QString, product);
    QFETCH(bool, rounded);
    bool wasRounded = !rounded;
    const auto p =
        Decimal::parse(QStringView(a)).value.checkedMul(Decimal::parse(QStringView(b)).value, &wasRounded);
    QVERIFY(p.has_value());
    QCOMPARE(p->toString(), product);
    QCOMPARE(wasRounded, rounded);
}

void TestDecimal::overflowIsAnError() {
    const auto max = Decimal::fromMicros(std::numeric_limits<qint64>::max());
    const auto min = Decimal::fromMicros(std::numeric_limits<qint64>::min());
    QVERIFY(!max.checkedAdd(Decimal::fromMicros(1)).has_value());
    QVERIFY(!min.checkedSub(Decimal::fromMicros(1)).has_value());
    QVERIFY(!min.checkedNeg().has_value());
    QVERIFY(!max.checkedMul(Decimal::parse("2").value).has_value());
    QVERIFY(!Decimal::parse("5000000").value.checkedMul(Decimal::parse("5000000").value).has_value());
    QVERIFY(!Decimal::fromInteger(std::numeric_limits<qint64>::max() / 10).has_value());
    QVERIFY(max.checkedMul(Decimal::parse("1").value).has_value());
}

void TestDecimal::division() {
    bool rounded = false;
    QCOMPARE(Decimal::parse("1").value.checkedDiv(Decimal::parse("3").value, &rounded)->toString(),
             QStringLiteral("0.333333"));
    QVERIFY(rounded);
    QCOMPARE(Decimal::parse("2").value.checkedDiv(Decimal::parse("3").value)->toString(),
             QStringLiteral("0.666667"));
    QCOMPARE(Decimal::parse("-30.9276").value.checkedDiv(Decimal::parse("1030.92").value)->toString(),
             QStringLiteral("-0.03"));
    QVERIFY(!Decimal::parse("1").value.checkedDiv(Decimal()).has_value());
    QVERIFY(!Decimal::fromMicros(std::numeric_limits<qint64>::max())
                 .checkedDiv(Decimal::parse("0.5").value)
                 .has_value());
}

void TestDecimal::toFixed_data() {
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("decimals");
    QTest::addColumn<QString>("text");
    QTest::newRow("pad") << "1.5" << 2 << "1.50";
    QTest::newRow("round half even") << "2.125" << 2 << "2.12";
    QTest::newRow("round up") << "2.135" << 2 << "2.14";
    QTest::newRow("no decimals") << "1030.5" << 0 << "1030";
    QTest::newRow("negative small to zero") << "-0.001" << 2 << "0.00";
    QTest::newRow("negative") << "-12.345678" << 4 << "-12.3457";
    QTest::newRow("six") << "0.000001" << 6 << "0.000001";
}

void TestDecimal::toFixed() {
    QFETCH(QString, value);
    QFETCH(int, decimals);
    QFETCH(QString, text);
    QCOMPARE(Decimal::parse(QStringView(value)).value.toFixed(decimals), text);
}

QTEST_APPLESS_MAIN(TestDecimal)
#include "tst_decimal.moc"
