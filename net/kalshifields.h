#pragma once

// Internal to longshot_net: what the Kalshi WebSocket and REST halves of KalshiParser share.
// Includes simdjson; never included from a public header.

#include "net/jsonfields.h"
#include "net/kalshiparser.h"
#include "net/tradetextcache.h"

#include <array>
#include <initializer_list>
#include <string_view>
#include <utility>
#include <variant>

namespace longshot::net {

struct KalshiParser::Impl {
    json::od::parser parser{static_cast<std::size_t>(kMaxBodyBytes)};
    json::PaddedBuffer buffer;
    TradeTextCache cache;

    // Runs the precheck and iterate; on success `doc` is ready and the root is an object.
    std::optional<RejectReason> openObject(QByteArrayView bytes, qsizetype limit, json::od::document &doc,
                                           json::od::object &root);
};

namespace kalshi {

using json::error_code;
using json::Field;
namespace od = json::od;

// A list of [price, size] pairs as Kalshi sends book levels.
struct Levels {
    QList<PriceLevel> levels;
    bool present = false;
    bool bad = false;
};

// Every key any `msg` object (or REST trade row) may carry. Collected in one pass because
// the envelope's `type` is not guaranteed to come before `msg`.
struct MsgFields {
    Field tradeId, marketTicker, ticker, marketId, yesPriceDollars, noPriceDollars, yesPrice, noPrice,
        countFp, count, takerOutcomeSide, takerSide, tsMs, ts, createdTime, priceDollars, price, deltaFp,
        delta, side, yesBidDollars, yesAskDollars, yesBidSizeFp, yesAskSizeFp, volumeFp, openInterestFp,
        lastTradeSizeFp, channel, sid, code, msg;
    Levels yesFp, noFp, yesDollars, noDollars, yesCents, noCents;
    QStringList marketTickers;
    bool marketTickersBad = false;
};

template <typename Fields, std::size_t N>
Field *slotFor(const std::array<std::pair<std::string_view, Field Fields::*>, N> &table, std::string_view key,
               Fields &fields) {
    for (const auto &[name, member] : table)
        if (name == key)
            return &(fields.*member);
    return nullptr;
}

// One element of a REST list (or the single object of a by-ticker answer): an object is
// collected into Fields and built into a Value, which is appended, or its reject reason
// counted; anything but an object is counted as an unexpected shape.
template <typename Fields, typename Value>
error_code takeObject(od::value &value, error_code (*collect)(od::object, Fields &),
                      std::variant<Value, RejectReason> (*build)(const Fields &), QList<Value> &into,
                      QList<RejectReason> &rejects) {
    Field probe;
    if (const error_code e = json::readField(value, probe))
        return e;
    if (probe.kind != json::Kind::Object) {
        rejects.append(RejectReason::UnexpectedShape);
        return simdjson::SUCCESS;
    }
    od::object object;
    if (const error_code e = value.get_object().get(object))
        return e;
    Fields f;
    if (const error_code e = collect(object, f))
        return e;
    auto built = build(f);
    if (auto *reason = std::get_if<RejectReason>(&built))
        rejects.append(*reason);
    else
        into.append(std::move(std::get<Value>(built)));
    return simdjson::SUCCESS;
}

template <typename Out> Out failed(RejectReason reason) {
    Out out;
    out.error = reason;
    return out;
}

error_code collectMsg(od::object object, MsgFields &f);

// Kalshi times: ts_ms (ms), ts (seconds on trades and tickers, RFC 3339 on deltas),
// created_time (RFC 3339). The first present one decides; a present but broken value is
// an error rather than a reason to look further.
std::optional<qint64> timeOf(std::initializer_list<const Field *> candidates, bool &bad);
std::optional<OutcomeSide> outcomeSideOf(const Field &f);
// A dollars string, else legacy integer cents. nullopt + bad when present but broken.
std::optional<Decimal> dollarsOrCents(const Field &dollars, const Field &cents, bool &bad);
// A fixed-point count string, else a legacy integer count.
std::optional<Decimal> countOf(const Field &fp, const Field &legacy, bool &bad);
// A decimal or nothing; a present but broken value sets anyBad.
std::optional<Decimal> optionalDecimal(const Field &f, bool &anyBad);
// Newest encoding first: *_dollars_fp, then *_dollars, then the legacy integer cents.
const Levels &preferredLevels(const Levels &fp, const Levels &dollars, const Levels &cents);
std::variant<Trade, RejectReason> buildTrade(const MsgFields &f, TradeSource source, qint64 receivedMs,
                                             TradeTextCache &cache);

} // namespace kalshi
} // namespace longshot::net
