#include "net/clobparser.h"

#include "net/jsonfields.h"
#include "net/jsonnumber.h"
#include "net/tradetextcache.h"

#include <algorithm>
#include <array>
#include <utility>

namespace longshot::net {
namespace {

using namespace json;

struct LevelList {
    QList<PriceLevel> levels;
    bool present = false;
    bool bad = false;
};

struct ChangeFields {
    Field assetId, price, size, side, hash, bestBid, bestAsk;
};

struct ChangeList {
    QList<ChangeFields> changes;
    bool present = false;
    bool bad = false; // not an array, or an element that is not an object
};

struct EventFields {
    Field eventType, market, assetId, timestamp, hash, tickSize, lastTradePrice, price, size, side,
        feeRateBps, transactionHash, oldTickSize, newTickSize, bestBid, bestAsk, spread;
    LevelList bids, asks;
    ChangeList priceChanges;
    bool legacyChanges = false; // the pre-2025-09-15 `changes` array
};

constexpr std::array<std::pair<std::string_view, Field EventFields::*>, 17> kEventScalars{{
    {"event_type", &EventFields::eventType},
    {"market", &EventFields::market},
    {"asset_id", &EventFields::assetId},
    {"timestamp", &EventFields::timestamp},
    {"hash", &EventFields::hash},
    {"tick_size", &EventFields::tickSize},
    {"last_trade_price", &EventFields::lastTradePrice},
    {"price", &EventFields::price},
    {"size", &EventFields::size},
    {"side", &EventFields::side},
    {"fee_rate_bps", &EventFields::feeRateBps},
    {"transaction_hash", &EventFields::transactionHash},
    {"old_tick_size", &EventFields::oldTickSize},
    {"new_tick_size", &EventFields::newTickSize},
    {"best_bid", &EventFields::bestBid},
    {"best_ask", &EventFields::bestAsk},
    {"spread", &EventFields::spread},
}};

constexpr std::array<std::pair<std::string_view, Field ChangeFields::*>, 7> kChangeScalars{{
    {"asset_id", &ChangeFields::assetId},
    {"price", &ChangeFields::price},
    {"size", &ChangeFields::size},
    {"side", &ChangeFields::side},
    {"hash", &ChangeFields::hash},
    {"best_bid", &ChangeFields::bestBid},
    {"best_ask", &ChangeFields::bestAsk},
}};

template <typename Fields, std::size_t N>
Field *slotFor(const std::array<std::pair<std::string_view, Field Fields::*>, N> &table, std::string_view key,
               Fields &fields) {
    for (const auto &[name, member] : table)
        if (name == key)
            return &(fields.*member);
    return nullptr;
}

bool isProbability(Decimal d) {
    return !d.isNegative() && d <= Decimal::fromMicros(Decimal::kOne);
}

// Calls visit(object) for each element of an array value; anything else marks `bad`.
template <typename F> error_code forEachObject(od::value &value, bool &present, bool &bad, F &&visit) {
    Field probe;
    if (const error_code e = readField(value, probe))
        return e;
    present = true;
    if (probe.kind == Kind::Null)
        return simdjson::SUCCESS;
    if (probe.kind != Kind::Array) {
        bad = true;
        return simdjson::SUCCESS;
    }
    od::array array;
    if (const error_code e = value.get_array().get(array))
        return e;
    return forEachElement(array, [&](od::value &element) -> error_code {
        Field elementProbe;
        if (const error_code e = readField(element, elementProbe))
            return e;
        if (elementProbe.kind != Kind::Object) {
            bad = true;
            return simdjson::SUCCESS;
        }
        od::object object;
        if (const error_code e = element.get_object().get(object))
            return e;
        return visit(object);
    });
}

error_code readLevels(od::value &value, LevelList &out) {
    return forEachObject(value, out.present, out.bad, [&](od::object object) -> error_code {
        Field price, size;
        if (const error_code e = forEachField(object, [&](std::string_view key, od::value &v) -> error_code {
                if (key == "price")
                    return readField(v, price);
                if (key == "size")
                    return readField(v, size);
                return simdjson::SUCCESS;
            }))
            return e;
        const DecimalField p = decimalOf(price);
        const DecimalField s = decimalOf(size);
        if (!p.value || !s.value || !isProbability(*p.value) || s.value->isNegative())
            out.bad = true;
        else
            out.levels.append({*p.value, *s.value});
        return simdjson::SUCCESS;
    });
}

error_code readChanges(od::value &value, ChangeList &out) {
    return forEachObject(value, out.present, out.bad, [&](od::object object) -> error_code {
        ChangeFields f;
        if (const error_code e = forEachField(object, [&](std::string_view key, od::value &v) -> error_code {
                if (Field *slot = slotFor(kChangeScalars, key, f))
                    return readField(v, *slot);
                return simdjson::SUCCESS;
            }))
            return e;
        out.changes.append(f);
        return simdjson::SUCCESS;
    });
}

error_code collectEvent(od::object object, EventFields &f) {
    return forEachField(object, [&](std::string_view key, od::value &value) -> error_code {
        if (Field *slot = slotFor(kEventScalars, key, f))
            return readField(value, *slot);
        // The docs' table calls the arrays buys/sells; the example and real frames say bids/asks.
        if (key == "bids" || key == "buys")
            return readLevels(value, f.bids);
        if (key == "asks" || key == "sells")
            return readLevels(value, f.asks);
        if (key == "price_changes")
            return readChanges(value, f.priceChanges);
        if (key == "changes")
            f.legacyChanges = true;
        return simdjson::SUCCESS;
    });
}

// Book-state events stay usable without a time; 0 says there was none worth trusting.
qint64 timeOrZero(const Field &f) {
    if (f.isBlank())
        return 0;
    const TimestampParse t = parseTimestampMs(f.text);
    return t.ok() ? t.ms : 0;
}

std::optional<Side> sideOf(const Field &f) {
    if (f.text == "BUY" || f.text == "buy")
        return Side::Buy;
    if (f.text == "SELL" || f.text == "sell")
        return Side::Sell;
    return std::nullopt;
}

using Built = std::variant<ClobEvent, RejectReason>;

Built buildBook(const EventFields &f, TradeTextCache &cache) {
    if (f.assetId.isBlank())
        return RejectReason::MissingField;
    if (f.bids.bad || f.asks.bad)
        return RejectReason::BadNumber;
    ClobBook b;
    b.market = cache.hexId(f.market.text);
    b.assetId = cache.text(f.assetId.text);
    b.bids = f.bids.levels;
    b.asks = f.asks.levels;
    // Real frames list the best level last, the docs example first: sort, do not trust.
    std::stable_sort(b.bids.begin(), b.bids.end(),
                     [](const PriceLevel &x, const PriceLevel &y) { return x.price > y.price; });
    std::stable_sort(b.asks.begin(), b.asks.end(),
                     [](const PriceLevel &x, const PriceLevel &y) { return x.price < y.price; });
    b.timestampMs = timeOrZero(f.timestamp);
    b.hash = stringOf(f.hash);
    const DecimalField tick = decimalOf(f.tickSize);
    const DecimalField last = decimalOf(f.lastTradePrice);
    if (tick.bad || last.bad)
        return RejectReason::BadNumber;
    b.tickSize = tick.value;
    b.lastTradePrice = last.value;
    return ClobEvent(std::move(b));
}

std::variant<ClobLevelChange, RejectReason> buildChange(const ChangeFields &f, TradeTextCache &cache) {
    if (f.assetId.isBlank() || f.price.isBlank() || f.size.isBlank() || f.side.isBlank())
        return RejectReason::MissingField;
    const auto side = sideOf(f.side);
    if (!side)
        return RejectReason::BadSide;
    const DecimalField price = decimalOf(f.price);
    const DecimalField size = decimalOf(f.size);
    const DecimalField bid = decimalOf(f.bestBid);
    const DecimalField ask = decimalOf(f.bestAsk);
    if (price.bad || size.bad || bid.bad || ask.bad)
        return RejectReason::BadNumber;
    if (!isProbability(*price.value))
        return RejectReason::PriceOutOfRange;
    if (size.value->isNegative())
        return RejectReason::BadNumber;
    return ClobLevelChange{
        cache.text(f.assetId.text), *side, *price.value, *size.value, bid.value, ask.value, stringOf(f.hash)};
}

Built buildLastTrade(const EventFields &f, TradeTextCache &cache) {
    if (f.assetId.isBlank() || f.price.isBlank() || f.size.isBlank() || f.side.isBlank())
        return RejectReason::MissingField;
    const auto side = sideOf(f.side);
    if (!side)
        return RejectReason::BadSide;
    const DecimalField price = decimalOf(f.price);
    const DecimalField size = decimalOf(f.size);
    const DecimalField fee = decimalOf(f.feeRateBps);
    if (price.bad || size.bad || fee.bad)
        return RejectReason::BadNumber;
    if (!isProbability(*price.value))
        return RejectReason::PriceOutOfRange;
    if (*size.value <= Decimal())
        return RejectReason::NonPositiveSize;
    const TimestampParse when = parseTimestampMs(f.timestamp.text);
    if (f.timestamp.isBlank() || !when.ok())
        return RejectReason::BadTimestamp;
    ClobLastTrade t;
    t.market = cache.hexId(f.market.text);
    t.assetId = cache.text(f.assetId.text);
    t.side = *side;
    t.price = *price.value;
    t.size = *size.value;
    t.feeRateBps = fee.value;
    t.timestampMs = when.ms;
    t.transactionHash = TradeTextCache::uncachedHexId(f.transactionHash.text);
    return ClobEvent(std::move(t));
}

Built buildTickSizeChange(const EventFields &f, TradeTextCache &cache) {
    if (f.assetId.isBlank() || f.oldTickSize.isBlank() || f.newTickSize.isBlank())
        return RejectReason::MissingField;
    const DecimalField oldTick = decimalOf(f.oldTickSize);
    const DecimalField newTick = decimalOf(f.newTickSize);
    if (oldTick.bad || newTick.bad || *newTick.value <= Decimal())
        return RejectReason::BadNumber;
    return ClobEvent(ClobTickSizeChange{cache.hexId(f.market.text), cache.text(f.assetId.text),
                                        *oldTick.value, *newTick.value, timeOrZero(f.timestamp)});
}

Built buildBestBidAsk(const EventFields &f, TradeTextCache &cache) {
    if (f.assetId.isBlank())
        return RejectReason::MissingField;
    const DecimalField bid = decimalOf(f.bestBid);
    const DecimalField ask = decimalOf(f.bestAsk);
    const DecimalField spread = decimalOf(f.spread);
    if (bid.bad || ask.bad || spread.bad)
        return RejectReason::BadNumber;
    return ClobEvent(ClobBestBidAsk{cache.hexId(f.market.text), cache.text(f.assetId.text), bid.value,
                                    ask.value, spread.value, timeOrZero(f.timestamp)});
}

void route(const EventFields &f, TradeTextCache &cache, ClobParseResult &out) {
    if (f.eventType.kind != Kind::String) {
        out.rejects.append(RejectReason::UnexpectedShape);
        return;
    }
    const std::string_view type = f.eventType.text;
    Built built = RejectReason::UnexpectedShape;
    if (type == "book") {
        built = buildBook(f, cache);
    } else if (type == "price_change") {
        if (!f.priceChanges.present || f.priceChanges.bad) {
            // The old {asset_id, changes[]} form lands here too: logged as a shape we do not know.
            out.rejects.append(f.legacyChanges || f.priceChanges.bad ? RejectReason::UnexpectedShape
                                                                     : RejectReason::MissingField);
            return;
        }
        ClobPriceChange pc;
        pc.market = cache.hexId(f.market.text);
        pc.timestampMs = timeOrZero(f.timestamp);
        // Legs are for different tokens: a bad leg is refused alone, the others still apply.
        for (const ChangeFields &c : f.priceChanges.changes) {
            auto leg = buildChange(c, cache);
            if (auto *reason = std::get_if<RejectReason>(&leg))
                out.rejects.append(*reason);
            else
                pc.changes.append(std::get<ClobLevelChange>(std::move(leg)));
        }
        if (!pc.changes.isEmpty())
            out.events.append(std::move(pc));
        return;
    } else if (type == "last_trade_price") {
        built = buildLastTrade(f, cache);
    } else if (type == "tick_size_change") {
        built = buildTickSizeChange(f, cache);
    } else if (type == "best_bid_ask") {
        built = buildBestBidAsk(f, cache);
    } else {
        ++out.ignored; // new_market, market_resolved, and whatever comes next
        return;
    }
    if (auto *reason = std::get_if<RejectReason>(&built))
        out.rejects.append(*reason);
    else
        out.events.append(std::get<ClobEvent>(std::move(built)));
}

ClobParseResult failure(RejectReason reason) {
    ClobParseResult r;
    r.rejects.append(reason);
    return r;
}

} // namespace

struct ClobParser::Impl {
    od::parser parser{static_cast<std::size_t>(kMaxFrameBytes)};
    PaddedBuffer buffer;
    TradeTextCache cache;

    error_code parse(std::string_view text, ClobParseResult &out) {
        od::document doc;
        if (const error_code e = parser.iterate(buffer.load(text)).get(doc))
            return e;
        od::json_type type;
        if (const error_code e = doc.type().get(type))
            return e;
        if (type == od::json_type::object) {
            od::object object;
            if (const error_code e = doc.get_object().get(object))
                return e;
            EventFields f;
            if (const error_code e = collectEvent(object, f))
                return e;
            if (trailingContent(doc))
                return simdjson::TRAILING_CONTENT;
            route(f, cache, out);
            return simdjson::SUCCESS;
        }
        if (type != od::json_type::array)
            return simdjson::INCORRECT_TYPE;
        od::array array;
        if (const error_code e = doc.get_array().get(array))
            return e;
        if (const error_code e = forEachElement(array, [&](od::value &element) -> error_code {
                Field probe;
                if (const error_code e2 = readField(element, probe))
                    return e2;
                if (probe.kind != Kind::Object) {
                    out.rejects.append(RejectReason::UnexpectedShape);
                    return simdjson::SUCCESS;
                }
                od::object object;
                if (const error_code e2 = element.get_object().get(object))
                    return e2;
                EventFields f;
                if (const error_code e2 = collectEvent(object, f))
                    return e2;
                route(f, cache, out);
                return simdjson::SUCCESS;
            }))
            return e;
        return trailingContent(doc) ? simdjson::TRAILING_CONTENT : simdjson::SUCCESS;
    }
};

ClobParser::ClobParser()
    : d(std::make_unique<Impl>()) {}
ClobParser::~ClobParser() = default;

ClobParseResult ClobParser::parseFrame(QByteArrayView frame) {
    // The keepalive reply is bare text, not JSON.
    if (frame.trimmed() == QByteArrayView("PONG")) {
        ClobParseResult r;
        r.ignored = 1;
        return r;
    }
    if (const auto reason = precheck(frame, kMaxFrameBytes))
        return failure(*reason);
    ClobParseResult out;
    if (const error_code e = d->parse(std::string_view(frame.data(), std::size_t(frame.size())), out))
        // A syntax error anywhere discards the whole frame: half an initial dump is not a book.
        return failure(syntaxReason(e));
    return out;
}

void applyClobBook(OrderBook &book, const ClobBook &snapshot) {
    book.replace(snapshot.bids, snapshot.asks);
}

LevelChange applyClobChange(OrderBook &book, const ClobLevelChange &change) {
    return book.setLevel(change.side == Side::Buy ? BookSide::Bid : BookSide::Ask, change.price, change.size);
}

} // namespace longshot::net
