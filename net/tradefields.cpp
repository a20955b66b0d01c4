#include "net/tradefields.h"

#include "net/jsonnumber.h"
#include "net/tradetextcache.h"

namespace longshot::net::tradefields {
namespace {

std::optional<RejectReason> decimalField(const FieldText &f, Decimal &out) {
    if (!present(f))
        return RejectReason::MissingField;
    if (!isNumeric(f))
        return RejectReason::BadNumber;
    const DecimalParse d = parseDecimal(f.text);
    if (!d.ok())
        return RejectReason::BadNumber;
    out = d.value;
    return std::nullopt;
}

} // namespace

bool asciiEqualsNoCase(std::string_view a, std::string_view lowerB) {
    if (a.size() != lowerB.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (static_cast<char>(a[i] | 0x20) != lowerB[i])
            return false;
    }
    return true;
}

std::optional<RejectReason> buildTrade(const TradeFields &f, TradeSource source, qint64 receivedMs,
                                       TradeTextCache &cache, Trade &t) {
    for (const FieldText *required : {&f.price, &f.size, &f.side, &f.proxyWallet, &f.transactionHash,
                                      &f.asset, &f.conditionId, &f.timestamp}) {
        if (!present(*required))
            return RejectReason::MissingField;
    }
    for (const FieldText *text : {&f.transactionHash, &f.asset, &f.conditionId}) {
        // An integer asset id sent as a JSON number keeps its exact digits in the raw token.
        const bool digitsAsNumber = text == &f.asset && text->kind == Kind::Number &&
                                    text->text.find_first_not_of("0123456789") == std::string_view::npos;
        if (text->kind != Kind::String && !digitsAsNumber)
            return RejectReason::UnexpectedShape;
        if (text->text.empty())
            return RejectReason::MissingField;
    }

    if (const auto bad = decimalField(f.price, t.price))
        return bad;
    if (const auto bad = decimalField(f.size, t.size))
        return bad;
    if (f.fee.kind != Kind::Absent && f.fee.kind != Kind::Null) {
        Decimal fee;
        if (const auto bad = decimalField(f.fee, fee))
            return bad;
        t.fee = fee;
    }
    if (!isNumeric(f.timestamp))
        return RejectReason::BadNumber;
    const TimestampParse ts = parseTimestampMs(f.timestamp.text);
    if (ts.error == TimestampError::Malformed)
        return RejectReason::BadNumber;
    if (!ts.ok())
        return RejectReason::BadTimestamp;

    if (t.price.isNegative() || t.price > Decimal::fromMicros(Decimal::kOne))
        return RejectReason::PriceOutOfRange;
    if (t.size.isNegative() || t.size.isZero())
        return RejectReason::NonPositiveSize;

    if (f.side.kind != Kind::String)
        return RejectReason::BadSide;
    if (asciiEqualsNoCase(f.side.text, "buy"))
        t.side = Side::Buy;
    else if (asciiEqualsNoCase(f.side.text, "sell"))
        t.side = Side::Sell;
    else
        return RejectReason::BadSide;

    if (f.proxyWallet.kind != Kind::String)
        return RejectReason::BadWallet;
    const auto wallet = Wallet::parse(f.proxyWallet.text);
    if (!wallet)
        return RejectReason::BadWallet;

    t.venue = Venue::Polymarket;
    t.source = source;
    t.timestampMs = ts.ms;
    t.receivedMs = receivedMs;
    t.wallet = *wallet;
    t.txId = TxId::fromUtf8(f.transactionHash.text);
    if (!t.txId.isHash()) // not a 32-byte hash: other 0x ids are lowercased all the same
        t.txId = TxId::fromText(TradeTextCache::uncachedHexId(f.transactionHash.text));
    const auto textOf = [](const FieldText &field) {
        return field.kind == Kind::String ? field.text : std::string_view();
    };
    const std::string_view raw[TradeTextCache::MarketFieldCount] = {f.conditionId.text, f.asset.text,
                                                                    textOf(f.outcome),  textOf(f.title),
                                                                    textOf(f.slug),     textOf(f.eventSlug)};
    const TradeTextCache::MarketText &market = cache.market(raw);
    // Copy-constructed and moved in: QString's copy assignment is an out-of-line call.
    t.marketId = QString(market.conditionId);
    t.assetId = QString(market.assetId);
    t.outcome = QString(market.outcome);
    t.marketTitle = QString(market.title);
    t.marketSlug = QString(market.slug);
    t.eventSlug = QString(market.eventSlug);
    t.outcomeIndex = isNumeric(f.outcomeIndex) ? parseOutcomeIndex(f.outcomeIndex.text) : -1;
    t.traderName = f.name.kind == Kind::String ? cache.text(f.name.text) : QString();
    t.traderPseudonym = f.pseudonym.kind == Kind::String ? cache.text(f.pseudonym.text) : QString();
    return std::nullopt;
}

void addTrade(const TradeFields &f, TradeSource source, qint64 receivedMs, TradeTextCache &cache,
              ParseResult &out) {
    // Built where it will stay: a Trade is a few hundred bytes, not worth a move.
    Trade &t = out.trades.emplaceBack();
    if (const auto bad = buildTrade(f, source, receivedMs, cache, t)) {
        out.trades.removeLast();
        out.rejects.append(*bad);
    }
}

} // namespace longshot::net::tradefields
