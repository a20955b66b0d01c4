#include "models/moneyformat.h"

#include "models/displaystyle.h"

#include <QCoreApplication>

namespace longshot {
namespace {

// Inserts thousands separators into the integer part of a plain decimal string.
QString group(const QString &plain) {
    const bool negative = plain.startsWith(u'-');
    QString digits = negative ? plain.mid(1) : plain;
    const qsizetype point = digits.indexOf(u'.');
    QString intPart = point < 0 ? digits : digits.left(point);
    const QString fracPart = point < 0 ? QString() : digits.mid(point);
    for (qsizetype i = intPart.size() - 3; i > 0; i -= 3)
        intPart.insert(i, u',');
    return (negative ? QStringLiteral("-") : QString()) + intPart + fracPart;
}

} // namespace

QString formatUsd(Decimal amount, int decimals) {
    const QString grouped = group(amount.toFixed(decimals));
    if (grouped.startsWith(u'-'))
        return u"-$" + grouped.mid(1);
    return u'$' + grouped;
}

QString formatUsdExact(Decimal amount) {
    QString plain = amount.toString();
    const qsizetype point = plain.indexOf(u'.');
    if (point < 0)
        plain += u".00";
    else if (plain.size() - point - 1 < 2)
        plain += u'0';
    const QString grouped = group(plain);
    if (grouped.startsWith(u'-'))
        return u"-$" + grouped.mid(1);
    return u'$' + grouped;
}

QString formatCents(Decimal price) {
    // price is dollars per share; cents = price * 100, shown with one decimal.
    const auto cents = price.checkedMul(Decimal::fromMicros(100 * Decimal::kOne));
    if (!cents)
        return QStringLiteral("—");
    return cents->toFixed(1) + QChar(0x00A2);
}

QString formatPrice(Decimal price) {
    if (DisplayStyle::instance().priceUnit() == PriceUnit::Cents)
        return formatCents(price);
    const auto percent = price.checkedMul(Decimal::fromMicros(100 * Decimal::kOne));
    if (!percent)
        return QStringLiteral("—");
    return percent->toFixed(1) + u'%';
}

QString priceUnitDescription() {
    if (DisplayStyle::instance().priceUnit() == PriceUnit::Cents)
        return QCoreApplication::translate("Format",
                                           "price per share in cents; a winning share pays 100¢ ($1)");
    return QCoreApplication::translate("Format",
                                       "implied probability: the price per share as a percentage of the $1 a "
                                       "winning share pays");
}

QString formatSharesFixed(Decimal shares, int decimals) {
    return group(shares.toFixed(decimals));
}

QString formatShares(Decimal shares, int decimals) {
    QString fixed = shares.toFixed(decimals);
    if (fixed.contains(u'.')) {
        while (fixed.endsWith(u'0'))
            fixed.chop(1);
        if (fixed.endsWith(u'.'))
            fixed.chop(1);
    }
    return group(fixed);
}

QString formatUsdCompact(Decimal amount) {
    const qint64 micros = amount.micros();
    const qint64 magnitude = micros < 0 ? -micros : micros;
    const QString sign = micros < 0 ? QStringLiteral("-") : QString();
    struct Unit {
        qint64 micros;
        char16_t suffix;
    };
    static constexpr Unit units[] = {{1'000'000'000LL * Decimal::kOne, u'B'},
                                     {1'000'000LL * Decimal::kOne, u'M'},
                                     {1'000LL * Decimal::kOne, u'K'}};
    for (const Unit &u : units) {
        if (magnitude >= u.micros) {
            const auto scaled = Decimal::fromMicros(magnitude).checkedDiv(Decimal::fromMicros(u.micros));
            return sign + u'$' + (scaled ? scaled->toFixed(magnitude >= 100 * u.micros ? 0 : 2) : QString()) +
                   QChar(u.suffix);
        }
    }
    return sign + u'$' + Decimal::fromMicros(magnitude).toFixed(0);
}

} // namespace longshot
