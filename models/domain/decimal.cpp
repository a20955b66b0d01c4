#include "models/domain/decimal.h"

#include <algorithm>
#include <limits>

namespace longshot {
namespace {

__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

constexpr int kMaxSignificantDigits = 38; // what a 128-bit mantissa holds with room to scale

constexpr u128 pow10u(int n) {
    u128 r = 1;
    for (int i = 0; i < n; ++i)
        r *= 10;
    return r;
}

// Divides a non-negative value by 10^shift, rounding half to even.
u128 divRoundHalfEven(u128 value, u128 divisor, bool &rounded) {
    const u128 q = value / divisor;
    const u128 r = value % divisor;
    if (r == 0)
        return q;
    rounded = true;
    const u128 twice = r * 2;
    if (twice > divisor || (twice == divisor && (q & 1) != 0))
        return q + 1;
    return q;
}

std::optional<qint64> narrow(i128 v) {
    if (v > std::numeric_limits<qint64>::max() || v < std::numeric_limits<qint64>::min())
        return std::nullopt;
    return static_cast<qint64>(v);
}

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

} // namespace

std::optional<Decimal> Decimal::fromInteger(qint64 units) {
    const auto v = narrow(static_cast<i128>(units) * kOne);
    if (!v)
        return std::nullopt;
    return Decimal(*v);
}

DecimalParse Decimal::parse(std::string_view s) {
    DecimalParse out;
    if (s.empty()) {
        out.error = DecimalParseError::Empty;
        return out;
    }
    std::size_t i = 0;
    bool negative = false;
    if (s[i] == '+' || s[i] == '-') {
        negative = s[i] == '-';
        ++i;
    }
    // Name the non-finite spellings explicitly so the message says what arrived.
    {
        std::string lower;
        for (std::size_t j = i; j < s.size() && lower.size() < 9; ++j)
            lower.push_back(static_cast<char>(s[j] | 0x20));
        if (lower == "nan" || lower == "inf" || lower == "infinity") {
            out.error = DecimalParseError::NotFinite;
            return out;
        }
    }

    u128 mantissa = 0;
    int significant = 0;
    int fracDigits = 0;
    bool anyDigit = false;
    bool seenPoint = false;
    for (; i < s.size(); ++i) {
        const char c = s[i];
        if (isDigit(c)) {
            anyDigit = true;
            if (seenPoint)
                ++fracDigits;
            if (significant == 0 && c == '0')
                continue; // leading zeros carry no information
            if (++significant > kMaxSignificantDigits) {
                out.error = DecimalParseError::TooManyDigits;
                return out;
            }
            mantissa = mantissa * 10 + static_cast<unsigned>(c - '0');
        } else if (c == '.' && !seenPoint) {
            seenPoint = true;
        } else {
            break;
        }
    }
    if (!anyDigit) {
        out.error = DecimalParseError::Malformed;
        return out;
    }

    long exponent = 0;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        bool expNegative = false;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
            expNegative = s[i] == '-';
            ++i;
        }
        if (i >= s.size() || !isDigit(s[i])) {
            out.error = DecimalParseError::Malformed;
            return out;
        }
        for (; i < s.size() && isDigit(s[i]); ++i) {
            if (exponent < 100000) // beyond this the answer is already overflow or zero
                exponent = exponent * 10 + (s[i] - '0');
        }
        if (expNegative)
            exponent = -exponent;
    }
    if (i != s.size()) {
        out.error = DecimalParseError::Malformed;
        return out;
    }

    // value = mantissa * 10^(exponent - fracDigits); micros = value * 10^6
    const long shift = exponent - fracDigits + kScale;
    u128 magnitude = 0;
    if (mantissa == 0) {
        magnitude = 0;
    } else if (shift >= 0) {
        if (shift + significant > 19) {
            out.error = DecimalParseError::Overflow;
            return out;
        }
        magnitude = mantissa * pow10u(static_cast<int>(shift));
    } else if (-shift > kMaxSignificantDigits) {
        out.rounded = true; // far below one micro-unit: rounds to zero
        magnitude = 0;
    } else {
        magnitude = divRoundHalfEven(mantissa, pow10u(static_cast<int>(-shift)), out.rounded);
    }
    const i128 signedValue = negative ? -static_cast<i128>(magnitude) : static_cast<i128>(magnitude);
    const auto v = narrow(signedValue);
    if (!v) {
        out.error = DecimalParseError::Overflow;
        return out;
    }
    out.value = Decimal(*v);
    return out;
}

DecimalParse Decimal::parse(QStringView text) {
    // Only ASCII can form a number; anything else becomes a byte that fails the grammar.
    std::string ascii;
    ascii.reserve(static_cast<std::size_t>(text.size()));
    for (QChar c : text)
        ascii.push_back(c.unicode() < 128 ? static_cast<char>(c.unicode()) : '\x7f');
    return parse(std::string_view(ascii));
}

std::optional<Decimal> Decimal::checkedAdd(Decimal o) const {
    qint64 r = 0;
    if (__builtin_add_overflow(m_micros, o.m_micros, &r))
        return std::nullopt;
    return Decimal(r);
}

std::optional<Decimal> Decimal::checkedSub(Decimal o) const {
    qint64 r = 0;
    if (__builtin_sub_overflow(m_micros, o.m_micros, &r))
        return std::nullopt;
    return Decimal(r);
}

std::optional<Decimal> Decimal::checkedNeg() const {
    if (m_micros == std::numeric_limits<qint64>::min())
        return std::nullopt;
    return Decimal(-m_micros);
}

std::optional<Decimal> Decimal::checkedMul(Decimal o, bool *rounded) const {
    const i128 product = static_cast<i128>(m_micros) * o.m_micros; // scale 12, always fits 128 bits
    const bool negative = product < 0;
    const u128 magnitude = negative ? static_cast<u128>(-product) : static_cast<u128>(product);
    bool r = false;
    const u128 scaled = divRoundHalfEven(magnitude, static_cast<u128>(kOne), r);
    if (rounded)
        *rounded = r;
    if (scaled > static_cast<u128>(std::numeric_limits<qint64>::max()) + (negative ? 1 : 0))
        return std::nullopt;
    const auto v = narrow(negative ? -static_cast<i128>(scaled) : static_cast<i128>(scaled));
    if (!v)
        return std::nullopt;
    return Decimal(*v);
}

std::optional<Decimal> Decimal::checkedDiv(Decimal divisor, bool *rounded) const {
    if (divisor.m_micros == 0)
        return std::nullopt;
    const i128 num = static_cast<i128>(m_micros) * kOne;
    const i128 den = divisor.m_micros;
    const bool negative = (num < 0) != (den < 0);
    const u128 un = num < 0 ? static_cast<u128>(-num) : static_cast<u128>(num);
    const u128 ud = den < 0 ? static_cast<u128>(-den) : static_cast<u128>(den);
    bool r = false;
    const u128 q = divRoundHalfEven(un, ud, r);
    if (rounded)
        *rounded = r;
    if (q > static_cast<u128>(std::numeric_limits<qint64>::max()) + (negative ? 1 : 0))
        return std::nullopt;
    const auto v = narrow(negative ? -static_cast<i128>(q) : static_cast<i128>(q));
    if (!v)
        return std::nullopt;
    return Decimal(*v);
}

std::string Decimal::toStdString() const {
    const bool negative = m_micros < 0;
    // Via unsigned so INT64_MIN has a magnitude.
    const quint64 mag = negative ? 0 - static_cast<quint64>(m_micros) : static_cast<quint64>(m_micros);
    std::string out = std::to_string(mag / kOne);
    quint64 frac = mag % kOne;
    if (frac != 0) {
        char buf[kScale + 1];
        for (int d = kScale - 1; d >= 0; --d) {
            buf[d] = static_cast<char>('0' + frac % 10);
            frac /= 10;
        }
        int len = kScale;
        while (len > 0 && buf[len - 1] == '0')
            --len;
        out.push_back('.');
        out.append(buf, static_cast<std::size_t>(len));
    }
    if (negative)
        out.insert(out.begin(), '-');
    return out;
}

QString Decimal::toString() const {
    return QString::fromLatin1(toStdString());
}

QString Decimal::toFixed(int decimals) const {
    decimals = std::clamp(decimals, 0, kScale);
    const bool negative = m_micros < 0;
    const quint64 mag = negative ? 0 - static_cast<quint64>(m_micros) : static_cast<quint64>(m_micros);
    bool ignored = false;
    const u128 unit = pow10u(kScale - decimals);
    const auto scaled = static_cast<quint64>(divRoundHalfEven(mag, unit, ignored));
    const quint64 denom = static_cast<quint64>(pow10u(decimals));
    QString out = QString::number(scaled / denom);
    if (decimals > 0)
        out += u'.' + QString::number(scaled % denom).rightJustified(decimals, u'0');
    if (negative && scaled != 0)
        out.prepend(u'-');
    return out;
}

QString describe(DecimalParseError error) {
    switch (error) {
    case DecimalParseError::None:
        return QStringLiteral("ok");
    case DecimalParseError::Empty:
        return QStringLiteral("empty number");
    case DecimalParseError::Malformed:
        return QStringLiteral("malformed number");
    case DecimalParseError::NotFinite:
        return QStringLiteral("NaN or infinity is not a number");
    case DecimalParseError::TooManyDigits:
        return QStringLiteral("too many digits");
    case DecimalParseError::Overflow:
        return QStringLiteral("number out of range");
    }
    return QStringLiteral("unknown number error");
}

} // namespace longshot
