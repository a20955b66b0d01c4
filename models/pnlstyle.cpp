#include "models/pnlstyle.h"

#include "models/displaystyle.h"
#include "models/moneyformat.h"

#include <QLocale>

namespace longshot {

QString formatPnl(Decimal amount) {
    // A gain or loss too small to show in cents keeps its exact digits ("+$0.004") instead of
    // a coloured "+$0.00" that reads as a sign on nothing.
    QString text = formatUsd(amount);
    if (!amount.isZero() && (text == u"$0.00" || text == u"-$0.00"))
        text = formatUsdExact(amount);
    return amount.micros() > 0 ? u'+' + text : text;
}

QString formatPercent(double ratio, int decimals, bool sign) {
    const QString text = QLocale::c().toString(ratio * 100.0, 'f', decimals) + u'%';
    return sign && ratio > 0 ? u'+' + text : text;
}

QColor gainColor() {
    return buyColor(); // the tape's BUY colour: one meaning of green (or blue) on screen
}

QColor lossColor() {
    return sellColor(); // follows View > Numbers and Colours like the tape
}

QColor cautionColor() {
    // Orange warns beside red and green, but in the blue/orange scheme orange means a loss:
    // there a warning is amber-yellow, which reads apart from both blue and orange.
    if (DisplayStyle::instance().colorScheme() == ColorScheme::BlueOrange)
        return QColor(0xD1, 0xAE, 0x12);
    return QColor(0xE0, 0x8A, 0x1E);
}

QVariant pnlForeground(Decimal amount) {
    if (amount.isZero())
        return {};
    return amount.isNegative() ? lossColor() : gainColor();
}

QColor gradeColor(Grade grade) {
    // One set for both schemes, in hues no side, P&L or caution colour uses (violet, teal,
    // slate, magenta), so a grade never reads as a buy, a loss or a warning. The letter carries
    // the grade; lightness keeps S/A and D/F apart where hues blur for colour-blind eyes.
    switch (grade) {
    case Grade::S:
        return QColor(0xB0, 0x7C, 0xFF); // light violet: stands out on both bases
    case Grade::A:
        return QColor(0x2F, 0xB5, 0xA9); // teal
    case Grade::B:
        return QColor(0x9A, 0xA8, 0xBE); // light slate
    case Grade::C:
        return QColor(0x7A, 0x82, 0x91); // grey
    case Grade::D:
        return QColor(0xD0, 0x7C, 0xB8); // orchid
    case Grade::F:
        break;
    }
    return QColor(0xB8, 0x32, 0x86); // deep magenta
}

} // namespace longshot
