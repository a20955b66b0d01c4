#include "models/domain/trade.h"

namespace longshot {

std::optional<Decimal> Trade::notional() const {
    return price.checkedMul(size);
}

QString Trade::naturalKey() const {
    // Built in place: the feed and the tape make one for every trade they see.
    const QChar sep = u'|';
    const QString venueText = venueName(venue);
    const QString sideText = sideName(side);
    const QString sizeText = size.toString();
    const QString priceText = price.toString();
    QString key;
    key.reserve(venueText.size() + TxId::kHashTextLength + Wallet::kTextLength + assetId.size() +
                sideText.size() + sizeText.size() + priceText.size() + 6);
    key += venueText;
    key += sep;
    txId.appendTo(key);
    key += sep;
    wallet.appendTo(key);
    key += sep;
    key += assetId;
    key += sep;
    key += sideText;
    key += sep;
    key += sizeText;
    key += sep;
    key += priceText;
    return key;
}

QString Trade::traderLabel() const {
    if (!traderName.isEmpty())
        return traderName;
    if (!traderPseudonym.isEmpty())
        return traderPseudonym;
    return wallet.shortForm();
}

} // namespace longshot
