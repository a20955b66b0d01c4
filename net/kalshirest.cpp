// KalshiParser, REST half: /markets/trades pages, markets, the orderbook and error bodies.
// The WebSocket half is in kalshiparser.cpp; shared field handling in kalshifields.
#include "net/kalshiparser.h"

#include "net/kalshifields.h"

#include <QDateTime>

namespace longshot::net {
namespace {

using namespace json;
using namespace kalshi;
using namespace Qt::StringLiterals;

struct MarketFields {
    Field ticker, eventTicker, title, status, closeTime, result, yesBid, yesAsk, noBid, noAsk, lastPrice,
        volume, volume24h, openInterest, liquidity;
};

constexpr std::array<std::pair<std::string_view, Field MarketFields::*>, 15> kMarketScalars{{
    {"ticker", &MarketFields::ticker},
    {"event_ticker", &MarketFields::eventTicker},
    {"title", &MarketFields::title},
    {"status", &MarketFields::status},
    {"close_time", &MarketFields::closeTime},
    {"result", &MarketFields::result},
    {"yes_bid_dollars", &MarketFields::yesBid},
    {"yes_ask_dollars", &MarketFields::yesAsk},
    {"no_bid_dollars", &MarketFields::noBid},
    {"no_ask_dollars", &MarketFields::noAsk},
    {"last_price_dollars", &MarketFields::lastPrice},
    {"volume_fp", &MarketFields::volume},
    {"volume_24h_fp", &MarketFields::volume24h},
    {"open_interest_fp", &MarketFields::openInterest},
    {"liquidity_dollars", &MarketFields::liquidity},
}};

error_code collectMarket(od::object object, MarketFields &f) {
    return forEachField(object, [&](std::string_view key, od::value &value) -> error_code {
        if (Field *slot = slotFor(kMarketScalars, key, f))
            return readField(value, *slot);
        return simdjson::SUCCESS;
    });
}

std::variant<KalshiMarket, RejectReason> buildMarket(const MarketFields &f) {
    if (f.ticker.isBlank())
        return RejectReason::MissingField;
    KalshiMarket k;
    bool bad = false;
    k.yesBid = optionalDecimal(f.yesBid, bad);
    k.yesAsk = optionalDecimal(f.yesAsk, bad);
    k.noBid = optionalDecimal(f.noBid, bad);
    k.noAsk = optionalDecimal(f.noAsk, bad);
    k.lastPrice = optionalDecimal(f.lastPrice, bad);
    k.volume = optionalDecimal(f.volume, bad);
    k.volume24h = optionalDecimal(f.volume24h, bad);
    k.openInterest = optionalDecimal(f.openInterest, bad);
    k.liquidity = optionalDecimal(f.liquidity, bad);
    if (bad)
        return RejectReason::BadNumber;
    k.status = stringOf(f.status);

    Market &m = k.market;
    m.venue = Venue::Kalshi;
    m.marketId = stringOf(f.ticker);
    m.title = stringOf(f.title);
    m.eventSlug = stringOf(f.eventTicker);
    if (const auto close =
            parseRfc3339Ms(QByteArrayView(f.closeTime.text.data(), qsizetype(f.closeTime.text.size()))))
        m.endDate = QDateTime::fromMSecsSinceEpoch(*close, Qt::UTC);
    // Status values are an open set; only these are known to mean trading has stopped.
    m.closed = k.status == u"closed" || k.status == u"settled" || k.status == u"finalized" ||
               k.status == u"determined";
    m.liquidityUsd = k.liquidity;
    const QString result = stringOf(f.result);
    for (const bool yes : {true, false}) {
        Outcome o;
        o.assetId = m.marketId + (yes ? u":yes"_s : u":no"_s);
        o.name = yes ? u"Yes"_s : u"No"_s;
        o.index = yes ? 0 : 1;
        if (k.lastPrice)
            o.lastPrice = yes ? *k.lastPrice : complementPrice(*k.lastPrice);
        if (result == u"yes" || result == u"no")
            o.payout = Decimal::fromMicros((result == u"yes") == yes ? Decimal::kOne : 0);
        m.outcomes.append(o);
    }
    return k;
}

} // namespace

QString KalshiRestError::describe() const {
    QStringList parts;
    if (!code.isEmpty())
        parts.append(code);
    if (!message.isEmpty())
        parts.append(message);
    if (!details.isEmpty())
        parts.append(details);
    return parts.join(u": "_s);
}

KalshiTradesPage KalshiParser::parseTradesPage(QByteArrayView body, qint64 receivedMs) {
    KalshiTradesPage out;
    od::document doc;
    od::object root;
    if (const auto reason = d->openObject(body, kMaxBodyBytes, doc, root))
        return failed<KalshiTradesPage>(*reason);
    bool sawTrades = false;
    bool tradesNotArray = false;
    Field cursor;
    const error_code e = forEachField(root, [&](std::string_view key, od::value &value) -> error_code {
        if (key == "cursor")
            return readField(value, cursor);
        if (key != "trades")
            return simdjson::SUCCESS;
        sawTrades = true;
        Field probe;
        if (const error_code e2 = readField(value, probe))
            return e2;
        if (probe.kind != Kind::Array) {
            tradesNotArray = probe.kind != Kind::Null;
            return simdjson::SUCCESS;
        }
        od::array rows;
        if (const error_code e2 = value.get_array().get(rows))
            return e2;
        return forEachElement(rows, [&](od::value &row) -> error_code {
            Field rowProbe;
            if (const error_code e3 = readField(row, rowProbe))
                return e3;
            if (rowProbe.kind != Kind::Object) {
                out.rejects.append(RejectReason::UnexpectedShape);
                return simdjson::SUCCESS;
            }
            od::object object;
            if (const error_code e3 = row.get_object().get(object))
                return e3;
            MsgFields f;
            if (const error_code e3 = collectMsg(object, f))
                return e3;
            auto trade = buildTrade(f, TradeSource::KalshiRest, receivedMs, d->cache);
            if (auto *reason = std::get_if<RejectReason>(&trade))
                out.rejects.append(*reason);
            else
                out.trades.append(std::move(std::get<Trade>(trade)));
            return simdjson::SUCCESS;
        });
    });
    if (e)
        return failed<KalshiTradesPage>(syntaxReason(e));
    if (trailingContent(doc))
        return failed<KalshiTradesPage>(RejectReason::TruncatedJson);
    if (!sawTrades)
        return failed<KalshiTradesPage>(RejectReason::MissingField);
    if (tradesNotArray ||
        (cursor.kind != Kind::Absent && cursor.kind != Kind::Null && cursor.kind != Kind::String))
        return failed<KalshiTradesPage>(RejectReason::UnexpectedShape);
    out.cursor = stringOf(cursor);
    return out;
}

KalshiMarketsPage KalshiParser::parseMarkets(QByteArrayView body) {
    KalshiMarketsPage out;
    od::document doc;
    od::object root;
    if (const auto reason = d->openObject(body, kMaxBodyBytes, doc, root))
        return failed<KalshiMarketsPage>(*reason);
    MarketFields bare;
    Field cursor;
    bool sawMarkets = false;
    auto takeMarket = [&](od::value &value) -> error_code {
        return takeObject(value, &collectMarket, &buildMarket, out.markets, out.rejects);
    };
    const error_code e = forEachField(root, [&](std::string_view key, od::value &value) -> error_code {
        if (key == "cursor")
            return readField(value, cursor);
        if (key == "market") {
            sawMarkets = true;
            return takeMarket(value);
        }
        if (key == "markets") {
            sawMarkets = true;
            Field probe;
            if (const error_code e2 = readField(value, probe))
                return e2;
            if (probe.kind != Kind::Array)
                return simdjson::SUCCESS; // {"event":…, "markets": null}: no markets
            od::array array;
            if (const error_code e2 = value.get_array().get(array))
                return e2;
            return forEachElement(array, takeMarket);
        }
        if (Field *slot = slotFor(kMarketScalars, key, bare))
            return readField(value, *slot);
        return simdjson::SUCCESS;
    });
    if (e)
        return failed<KalshiMarketsPage>(syntaxReason(e));
    if (trailingContent(doc))
        return failed<KalshiMarketsPage>(RejectReason::TruncatedJson);
    if (!sawMarkets) {
        if (bare.ticker.isBlank())
            return failed<KalshiMarketsPage>(RejectReason::UnexpectedShape);
        auto market = buildMarket(bare);
        if (auto *reason = std::get_if<RejectReason>(&market))
            out.rejects.append(*reason);
        else
            out.markets.append(std::move(std::get<KalshiMarket>(market)));
    }
    out.cursor = stringOf(cursor);
    return out;
}

KalshiBookParse KalshiParser::parseOrderbook(QByteArrayView body) {
    od::document doc;
    od::object root;
    if (const auto reason = d->openObject(body, kMaxBodyBytes, doc, root))
        return failed<KalshiBookParse>(*reason);
    MsgFields fp;     // orderbook_fp: {yes_dollars, no_dollars} as [["0.5300","8849.00"], …]
    MsgFields legacy; // orderbook: {yes, no} as [[cents, count], …]
    bool sawFp = false;
    bool sawLegacy = false;
    const error_code e = forEachField(root, [&](std::string_view key, od::value &value) -> error_code {
        const bool isFp = key == "orderbook_fp";
        if (!isFp && key != "orderbook")
            return simdjson::SUCCESS;
        Field probe;
        if (const error_code e2 = readField(value, probe))
            return e2;
        (isFp ? sawFp : sawLegacy) = true;
        if (probe.kind != Kind::Object)
            return simdjson::SUCCESS; // null: an empty book
        od::object object;
        if (const error_code e2 = value.get_object().get(object))
            return e2;
        return collectMsg(object, isFp ? fp : legacy);
    });
    if (e)
        return failed<KalshiBookParse>(syntaxReason(e));
    if (trailingContent(doc))
        return failed<KalshiBookParse>(RejectReason::TruncatedJson);
    if (!sawFp && !sawLegacy)
        return failed<KalshiBookParse>(RejectReason::UnexpectedShape);
    const Levels &yes =
        sawFp ? fp.yesDollars : preferredLevels(legacy.yesFp, legacy.yesDollars, legacy.yesCents);
    const Levels &no = sawFp ? fp.noDollars : preferredLevels(legacy.noFp, legacy.noDollars, legacy.noCents);
    if (yes.bad || no.bad)
        return failed<KalshiBookParse>(RejectReason::BadNumber);
    KalshiBookParse out;
    out.book.yesBids = yes.levels;
    out.book.noBids = no.levels;
    return out;
}

std::optional<KalshiRestError> KalshiParser::parseRestError(QByteArrayView body) {
    od::document doc;
    od::object root;
    if (d->openObject(body, kMaxBodyBytes, doc, root))
        return std::nullopt;
    KalshiRestError out;
    bool found = false;
    auto take = [&](std::string_view key, od::value &value, KalshiRestError &into) -> error_code {
        QString *slot = key == "code"      ? &into.code
                        : key == "message" ? &into.message
                        : key == "details" ? &into.details
                                           : nullptr;
        if (!slot)
            return simdjson::SUCCESS;
        Field f;
        if (const error_code e = readField(value, f))
            return e;
        if (f.isScalarText()) {
            *slot = stringOf(f);
            found = true;
        }
        return simdjson::SUCCESS;
    };
    const error_code e = forEachField(root, [&](std::string_view key, od::value &value) -> error_code {
        if (key != "error")
            return take(key, value, out);
        Field probe;
        if (const error_code e2 = readField(value, probe))
            return e2;
        if (probe.kind == Kind::String) {
            out.message = stringOf(probe);
            found = true;
            return simdjson::SUCCESS;
        }
        if (probe.kind != Kind::Object)
            return simdjson::SUCCESS;
        od::object inner;
        if (const error_code e2 = value.get_object().get(inner))
            return e2;
        return forEachField(inner, [&](std::string_view k, od::value &v) { return take(k, v, out); });
    });
    if (e || !found)
        return std::nullopt;
    return out;
}

} // namespace longshot::net
