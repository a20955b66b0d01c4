#pragma once

class QMenu;
class QSettings;
class QWidget;

namespace longshot::app {

// View > Numbers and Colours: prices in cents or percent, and red/green or the colour-blind
// safe blue/orange for sides and P&L. Applies the saved choice (under "ui/v1/display") to
// DisplayStyle at once and saves every change; `store` must outlive the menu.
QMenu *createDisplayMenu(QSettings *store, QWidget *parent);

inline constexpr char kPriceUnitKey[] = "ui/v1/display/priceUnit";     // "cents" | "percent"
inline constexpr char kColorSchemeKey[] = "ui/v1/display/colorScheme"; // "redGreen" | "blueOrange"

} // namespace longshot::app
