#include "tests/models/tradefactory.h"

#include <QtGlobal>

using namespace Qt::StringLiterals;

namespace longshot::test {

Decimal dec(const char *text) {
    const DecimalParse parsed = Decimal::parse(std::string_view(text));
    if (!parsed.ok())
        qFatal("bad decimal literal in test: %s", text);
    return parsed.value;
}

Trade polyTrade(int id, qint64 timestampMs, const char *price, const char *size, Side side) {
    Trade t;
    t.venue = Venue::Polymarket;
    t.source = TradeSource::Rtds;
    t.side = side;
    t.price = dec(price);
    t.size = dec(size);
    t.timestampMs = timestampMs;
    t.marketId = u"0xa69826a08aefbfb213677dc6c9e1203c53aef78aaf43a3728bce502b4e37d6ee"_s;
    t.assetId = u"96813350863775094210272472524339982880516947806225831912399411490979459105286"_s;
    // A distinct, well-formed transaction hash per id.
    t.txId = TxId::fromText(u"0x"_s + QStringLiteral("%1").arg(id, 64, 16, QChar(u'0')));
    t.wallet = *Wallet::parse(u"0xa71093cafc0c099b4ccab24c3cb8018d817923c4");
    t.outcome = u"Atlanta Braves"_s;
    t.outcomeIndex = 1;
    t.marketTitle = u"Cincinnati Reds vs. Atlanta Braves"_s;
    t.marketSlug = u"mlb-cin-atl-2026-09-24"_s;
    t.eventSlug = u"mlb-cin-atl-2026-09-24"_s;
    t.traderName = u"Talvez10"_s;
    t.traderPseudonym = u"Fresh-Availability"_s;
    return t;
}

Trade kalshiTrade(int id, qint64 timestampMs, const char *price, const char *size, Side side) {
    Trade t;
    t.venue = Venue::Kalshi;
    t.source = TradeSource::KalshiWs;
    t.side = side;
    t.price = dec(price);
    t.size = dec(size);
    t.timestampMs = timestampMs;
    t.marketId = u"KXBTCD-26MAY3017-T73499.99"_s;
    t.assetId = u"KXBTCD-26MAY3017-T73499.99:yes"_s;
    t.txId =
        TxId::fromText(u"cd6c95cc-46e1-4654-faa5-"_s + QStringLiteral("%1").arg(id, 12, 10, QChar(u'0')));
    t.outcome = u"Yes"_s;
    return t;
}

} // namespace longshot::test
