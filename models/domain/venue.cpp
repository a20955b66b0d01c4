#include "models/domain/venue.h"

namespace longshot {

QString venueName(Venue venue) {
    switch (venue) {
    case Venue::Polymarket:
        return QStringLiteral("polymarket");
    case Venue::Kalshi:
        return QStringLiteral("kalshi");
    }
    return {};
}

std::optional<Venue> venueFromName(QStringView name) {
    if (name.compare(u"polymarket", Qt::CaseInsensitive) == 0)
        return Venue::Polymarket;
    if (name.compare(u"kalshi", Qt::CaseInsensitive) == 0)
        return Venue::Kalshi;
    return std::nullopt;
}

QString sideName(Side side) {
    switch (side) {
    case Side::Buy:
        return QStringLiteral("BUY");
    case Side::Sell:
        return QStringLiteral("SELL");
    }
    return {};
}

std::optional<Side> sideFromName(QStringView name) {
    if (name.compare(u"buy", Qt::CaseInsensitive) == 0)
        return Side::Buy;
    if (name.compare(u"sell", Qt::CaseInsensitive) == 0)
        return Side::Sell;
    return std::nullopt;
}

} // namespace longshot
