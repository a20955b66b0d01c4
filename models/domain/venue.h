#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>

namespace longshot {

enum class Venue : quint8 { Polymarket = 1, Kalshi = 2 };
enum class Side : quint8 { Buy = 1, Sell = 2 };

// Stable lowercase names used in storage, CSV and the command line.
QString venueName(Venue venue);
std::optional<Venue> venueFromName(QStringView name);
QString sideName(Side side); // "BUY" / "SELL", as the exchanges spell it
std::optional<Side> sideFromName(QStringView name);

} // namespace longshot
