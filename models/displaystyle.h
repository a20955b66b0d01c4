#pragma once

#include "models/domain/venue.h"

#include <QColor>
#include <QObject>

class QAbstractItemModel;

namespace longshot {

// How an outcome price reads: cents of the $1 payout ("62.0¢") or the implied probability
// ("62.0%"). The digits are the same; traders coming from sports books think in percent.
enum class PriceUnit : quint8 { Cents = 1, Percent };
// Which pair of colours means buy/gain and sell/loss. Red and green are the convention; blue
// and orange stay apart for the red-green colour blind (about one man in twelve).
enum class ColorScheme : quint8 { RedGreen = 1, BlueOrange };

// The terminal's one display style, chosen in View > Numbers and Colours and applied by the
// app. Models read it when they format and colour cells, and refresh on changed(); widgets
// that cache text or colours connect to changed() too. GUI thread only.
class DisplayStyle final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DisplayStyle)
public:
    static DisplayStyle &instance();

    PriceUnit priceUnit() const { return m_priceUnit; }
    void setPriceUnit(PriceUnit unit);
    ColorScheme colorScheme() const { return m_colorScheme; }
    void setColorScheme(ColorScheme scheme);

Q_SIGNALS:
    void changed();

private:
    DisplayStyle() = default;
    ~DisplayStyle() override = default;

    PriceUnit m_priceUnit = PriceUnit::Cents;
    ColorScheme m_colorScheme = ColorScheme::RedGreen;
};

// Mid tones chosen to read on both the light (white) and the dark (#0f1115) table base.
QColor buyColor();
QColor sellColor();
QColor sideColor(Side side);

// Repaints every cell and header of `model` when the style changes: one dataChanged over the
// whole table for the display, foreground and tooltip roles (rows and order stay, so sorting
// proxies and running exports are not disturbed, which layoutChanged would do).
void refreshOnStyleChange(QAbstractItemModel *model);

} // namespace longshot
