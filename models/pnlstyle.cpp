#include "models/pnlstyle.h"

#include "models/displaystyle.h"
#include "models/moneyformat.h"

#include <QLocale>

namespace longshot {

QString formatPnl(Decimal amount) {
    const QString text = formatUsd(amount);
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
    return QColor(0xE0, 0x8A, 0x1E);
}

QVariant pnlForeground(Decimal amount) {
    if (amount.isZero())
        return {};
    return amount.isNegative() ? lossColor() : gainColor();
}

QColor gradeColor(Grade grade) {
    switch (grade) {
    case Grade::S:
        return QColor(0xD4, 0xA0, 0x17);
    case Grade::A:
        return gainColor();
    case Grade::B:
        return QColor(0x2F, 0x80, 0xED);
    case Grade::C:
        return QColor(0x8A, 0x94, 0xA6);
    case Grade::D:
        return cautionColor();
    case Grade::F:
        break;
    }
    return lossColor();
}

} // namespace longshot
