#pragma once

#include <QMetaType>
#include <QString>
#include <QtGlobal>

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace longshot {

enum class DecimalParseError : quint8 {
    None = 0, // success; kept at 0 so a default-constructed result is never mistaken for an error kind
    Empty,
    Malformed,
    NotFinite,
    TooManyDigits,
    Overflow,
};

struct DecimalParse;

// Exact fixed-point amount: a signed 64-bit count of millionths (micro-units).
// Six decimals hold USDC exactly, Polymarket share sizes and every Kalshi *_dollars /
// *_fp string. Arithmetic is checked: overflow yields std::nullopt, never a wrap.
// Rounding rule, used everywhere a result has more than six decimals: round half to
// even (banker's rounding), so rounding errors do not drift in one direction across
// long sums. Every operation that rounds reports it.
class Decimal final {
public:
    static constexpr int kScale = 6;
    static constexpr qint64 kOne = 1'000'000;

    constexpr Decimal() = default;
    static constexpr Decimal fromMicros(qint64 micros) { return Decimal(micros); }
    static std::optional<Decimal> fromInteger(qint64 units);

    static DecimalParse parse(std::string_view text);
    static DecimalParse parse(QStringView text);

    constexpr qint64 micros() const { return m_micros; }
    constexpr bool isZero() const { return m_micros == 0; }
    constexpr bool isNegative() const { return m_micros < 0; }

    std::optional<Decimal> checkedAdd(Decimal other) const;
    std::optional<Decimal> checkedSub(Decimal other) const;
    std::optional<Decimal> checkedMul(Decimal other, bool *rounded = nullptr) const;
    std::optional<Decimal> checkedDiv(Decimal divisor, bool *rounded = nullptr) const;
    std::optional<Decimal> checkedNeg() const;

    // Shortest exact text: "30.9276", "-0.5", "0", "1000". Never exponent form.
    std::string toStdString() const;
    QString toString() const;
    // Exactly `decimals` fraction digits (0..6), rounded half to even.
    QString toFixed(int decimals) const;

    friend constexpr auto operator<=>(Decimal, Decimal) = default;
    friend constexpr bool operator==(Decimal, Decimal) = default;

private:
    constexpr explicit Decimal(qint64 micros)
        : m_micros(micros) {}
    qint64 m_micros = 0;
};

struct DecimalParse {
    Decimal value;
    DecimalParseError error = DecimalParseError::None;
    bool rounded = false; // more than six decimals were present and rounded half to even
    constexpr bool ok() const { return error == DecimalParseError::None; }
};

QString describe(DecimalParseError error);

} // namespace longshot

Q_DECLARE_METATYPE(longshot::Decimal)
