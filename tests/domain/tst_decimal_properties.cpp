#include "models/domain/decimal.h"

#include <QTest>

#include <rapidcheck.h>

#include <string>
#include <vector>

using longshot::Decimal;

namespace {

__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

// Reference big-integer arithmetic on decimal strings, independent of Decimal's own code:
// schoolbook signed addition over base-10 digit vectors.
struct BigInt {
    bool negative = false;
    std::vector<int> digits; // little endian, no leading zeros; empty = 0

    static BigInt fromI128(i128 v) {
        BigInt b;
        b.negative = v < 0;
        u128 m = v < 0 ? static_cast<u128>(-v) : static_cast<u128>(v);
        while (m > 0) {
            b.digits.push_back(static_cast<int>(m % 10));
            m /= 10;
        }
        if (b.digits.empty())
            b.negative = false;
        return b;
    }
    static int cmpAbs(const BigInt &a, const BigInt &b) {
        if (a.digits.size() != b.digits.size())
            return a.digits.size() < b.digits.size() ? -1 : 1;
        for (std::size_t i = a.digits.size(); i-- > 0;)
            if (a.digits[i] != b.digits[i])
                return a.digits[i] < b.digits[i] ? -1 : 1;
        return 0;
    }
    static BigInt addAbs(const BigInt &a, const BigInt &b) {
        BigInt r;
        int carry = 0;
        for (std::size_t i = 0; i < std::max(a.digits.size(), b.digits.size()) || carry; ++i) {
            int s = carry + (i < a.digits.size() ? a.digits[i] : 0) + (i < b.digits.size() ? b.digits[i] : 0);
            r.digits.push_back(s % 10);
            carry = s / 10;
        }
        return r;
    }
    static BigInt subAbs(const BigInt &a, const BigInt &b) // |a| >= |b|
    {
        BigInt r;
        int borrow = 0;
        for (std::size_t i = 0; i < a.digits.size(); ++i) {
            int s = a.digits[i] - borrow - (i < b.digits.size() ? b.digits[i] : 0);
            borrow = s < 0;
            r.digits.push_back(s < 0 ? s + 10 : s);
        }
        while (!r.digits.empty() && r.digits.back() == 0)
            r.digits.pop_back();
        return r;
    }
    BigInt operator+(const BigInt &o) const {
        if (negative == o.negative) {
            BigInt r = addAbs(*this, o);
            r.negative = negative && !r.digits.empty();
            return r;
        }
        const int c = cmpAbs(*this, o);
        if (c == 0)
            return {};
        BigInt r = c > 0 ? subAbs(*this, o) : subAbs(o, *this);
        r.negative = c > 0 ? negative : o.negative;
        return r;
    }
    // Renders as a decimal with six implied fraction digits, trimmed like Decimal::toString.
    std::string asMicrosText() const {
        std::string s;
        for (std::size_t i = digits.size(); i-- > 0;)
            s.push_back(static_cast<char>('0' + digits[i]));
        while (s.size() < 7)
            s.insert(s.begin(), '0');
        std::string intPart = s.substr(0, s.size() - 6);
        std::string frac = s.substr(s.size() - 6);
        while (!frac.empty() && frac.back() == '0')
            frac.pop_back();
        std::string out = (negative ? "-" : "") + intPart;
        if (!frac.empty())
            out += "." + frac;
        return out;
    }
};

rc::Gen<Decimal> anyDecimal() {
    return rc::gen::map(rc::gen::arbitrary<qint64>(), [](qint64 m) { return Decimal::fromMicros(m); });
}

rc::Gen<Decimal> moneySized() {
    // Amounts a ledger actually sees: up to a billion dollars.
    return rc::gen::map(rc::gen::inRange<qint64>(-1'000'000'000'000'000LL, 1'000'000'000'000'000LL),
                        [](qint64 m) { return Decimal::fromMicros(m); });
}

} // namespace

class TestDecimalProperties : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void textRoundTrip() {
        QVERIFY(rc::check("toString then parse gives the same value", [] {
            const Decimal d = *anyDecimal();
            const auto r = Decimal::parse(d.toStdString());
            RC_ASSERT(r.ok());
            RC_ASSERT(!r.rounded);
            RC_ASSERT(r.value == d);
        }));
    }

    void exponentFormsAgree() {
        QVERIFY(rc::check("m e-k equals the plain decimal", [] {
            const qint64 mantissa = *rc::gen::inRange<qint64>(-999'999'999'999LL, 999'999'999'999LL);
            const int k = *rc::gen::inRange(0, 7);
            const std::string exp = std::to_string(mantissa) + "e-" + std::to_string(k);
            const auto r = Decimal::parse(exp);
            RC_ASSERT(r.ok());
            i128 expected = static_cast<i128>(mantissa);
            for (int i = 0; i < 6 - k; ++i)
                expected *= 10;
            RC_ASSERT(static_cast<i128>(r.value.micros()) == expected);
        }));
    }

    void sumsMatchBigIntegerReference() {
        QVERIFY(rc::check(
            "a sequence sums exactly, or reports overflow exactly when the true sum leaves int64", [] {
                const auto values = *rc::gen::container<std::vector<Decimal>>(anyDecimal());
                Decimal acc;
                bool overflowed = false;
                BigInt ref;
                i128 exact = 0;
                for (const Decimal &v : values) {
                    ref = ref + BigInt::fromI128(v.micros());
                    exact += v.micros();
                    if (!overflowed) {
                        const auto next = acc.checkedAdd(v);
                        if (!next) {
                            overflowed = true;
                            // An overflow is only reported when the partial sum truly left int64.
                            RC_ASSERT(exact > std::numeric_limits<qint64>::max() ||
                                      exact < std::numeric_limits<qint64>::min());
                        } else {
                            acc = *next;
                        }
                    }
                }
                if (!overflowed)
                    RC_ASSERT(acc.toStdString() == ref.asMicrosText());
            }));
    }

    void additionIsAssociative() {
        QVERIFY(rc::check("(a+b)+c == a+(b+c) whenever both sides are defined", [] {
            const Decimal a = *moneySized(), b = *moneySized(), c = *moneySized();
            const auto left = a.checkedAdd(b).value().checkedAdd(c);
            const auto right = a.checkedAdd(b.checkedAdd(c).value());
            RC_ASSERT(left.has_value() && right.has_value());
            RC_ASSERT(*left == *right);
        }));
    }

    void roundingRuleIsHalfEven() {
        QVERIFY(rc::check("a 7th decimal digit rounds half to even", [] {
            const qint64 micros = *rc::gen::inRange<qint64>(-1'000'000'000'000LL, 1'000'000'000'000LL);
            const int seventh = *rc::gen::inRange(0, 10);
            const bool tail = *rc::gen::arbitrary<bool>(); // a non-zero digit after the 7th
            const Decimal base = Decimal::fromMicros(micros);
            std::string text = base.toStdString();
            const bool neg = micros < 0;
            std::string mag = neg ? text.substr(1) : text;
            if (mag.find('.') == std::string::npos)
                mag += ".";
            const std::size_t fracLen = mag.size() - mag.find('.') - 1;
            mag.append(6 - fracLen, '0');
            mag.push_back(static_cast<char>('0' + seventh));
            if (tail)
                mag += "1";
            const auto r = Decimal::parse((neg ? "-" : "") + mag);
            RC_ASSERT(r.ok());
            RC_ASSERT(r.rounded == (seventh != 0 || tail));
            const qint64 absMicros = neg ? -micros : micros;
            bool up = seventh > 5 || (seventh == 5 && (tail || (absMicros % 2) == 1));
            const qint64 expectedAbs = absMicros + (up ? 1 : 0);
            RC_ASSERT(r.value.micros() == (neg ? -expectedAbs : expectedAbs));
        }));
    }

    void overflowDetection() {
        QVERIFY(rc::check("mul reports overflow exactly when the rounded product leaves int64", [] {
            const Decimal a = *anyDecimal(), b = *anyDecimal();
            const i128 p = static_cast<i128>(a.micros()) * b.micros();
            // The product is within range after scaling iff |p| / 1e6 (rounded) fits.
            const i128 q = p / 1'000'000; // truncation; rounding can move by at most 1
            const auto r = a.checkedMul(b);
            if (q > std::numeric_limits<qint64>::max() || q < std::numeric_limits<qint64>::min())
                RC_ASSERT(!r.has_value());
            else if (q < std::numeric_limits<qint64>::max() && q > std::numeric_limits<qint64>::min())
                RC_ASSERT(r.has_value());
        }));
    }

    void subtractionUndoesAddition() {
        QVERIFY(rc::check("(a+b)-b == a", [] {
            const Decimal a = *moneySized(), b = *moneySized();
            RC_ASSERT(a.checkedAdd(b)->checkedSub(b).value() == a);
        }));
    }
};

QTEST_APPLESS_MAIN(TestDecimalProperties)
#include "tst_decimal_properties.moc"
