#include "models/domain/trade.h"

namespace longshot {

std::optional<Decimal> Trade::notional() const {
    return price.checkedMul(size);
}

QString Trade::naturalKey() const {
    const QChar sep = u'|';
    return venueName(venue) % sep % txId.text() % sep % wallet.address() % sep % assetId % sep %
           sideName(side) % sep % size.toString() % sep % price.toString();
}

QString Trade::traderLabel() const {
    if (!traderName.isEmpty())
        return traderName;
    if (!traderPseudonym.isEmpty())
        return traderPseudonym;
    return wallet.shortForm();
}

} // namespace longshot
