#include "models/displaystyle.h"

#include <QAbstractItemModel>

namespace longshot {

DisplayStyle &DisplayStyle::instance() {
    static DisplayStyle style;
    return style;
}

void DisplayStyle::setPriceUnit(PriceUnit unit) {
    if (unit == m_priceUnit)
        return;
    m_priceUnit = unit;
    Q_EMIT changed();
}

void DisplayStyle::setColorScheme(ColorScheme scheme) {
    if (scheme == m_colorScheme)
        return;
    m_colorScheme = scheme;
    Q_EMIT changed();
}

QColor buyColor() {
    // Okabe-Ito blue, lifted a little so it reads on the dark base.
    if (DisplayStyle::instance().colorScheme() == ColorScheme::BlueOrange)
        return QColor(0x2B, 0x86, 0xD6);
    return QColor(0x18, 0x9E, 0x52);
}

QColor sellColor() {
    if (DisplayStyle::instance().colorScheme() == ColorScheme::BlueOrange)
        return QColor(0xE0, 0x7B, 0x00);
    return QColor(0xE0, 0x3E, 0x3E);
}

QColor sideColor(Side side) {
    return side == Side::Buy ? buyColor() : sellColor();
}

void refreshOnStyleChange(QAbstractItemModel *model) {
    QObject::connect(&DisplayStyle::instance(), &DisplayStyle::changed, model, [model] {
        const int rows = model->rowCount();
        const int columns = model->columnCount();
        if (columns > 0) {
            Q_EMIT model->headerDataChanged(Qt::Horizontal, 0, columns - 1);
            if (rows > 0)
                Q_EMIT model->dataChanged(model->index(0, 0), model->index(rows - 1, columns - 1),
                                          {Qt::DisplayRole, Qt::ForegroundRole, Qt::ToolTipRole});
        }
    });
}

} // namespace longshot
