// KalshiParser, WebSocket half. REST bodies: kalshirest.cpp; shared field handling: kalshifields.
#include "net/kalshiparser.h"

#include "net/kalshifields.h"

namespace longshot::net {
namespace {

using namespace json;
using namespace kalshi;

std::variant<KalshiTicker, RejectReason> buildTicker(const MsgFields &f) {
    if (f.marketTicker.isBlank())
        return RejectReason::MissingField;
    KalshiTicker t;
    t.marketTicker = stringOf(f.marketTicker);
    t.marketId = stringOf(f.marketId);
    bool bad = false;
    t.price = optionalDecimal(f.priceDollars, bad);
    t.yesBid = optionalDecimal(f.yesBidDollars, bad);
    t.yesAsk = optionalDecimal(f.yesAskDollars, bad);
    t.yesBidSize = optionalDecimal(f.yesBidSizeFp, bad);
    t.yesAskSize = optionalDecimal(f.yesAskSizeFp, bad);
    t.volume = optionalDecimal(f.volumeFp, bad);
    t.openInterest = optionalDecimal(f.openInterestFp, bad);
    t.lastTradeSize = optionalDecimal(f.lastTradeSizeFp, bad);
    if (bad)
        return RejectReason::BadNumber;
    bool badTime = false;
    t.timestampMs = timeOf({&f.tsMs, &f.ts}, badTime).value_or(0);
    if (badTime)
        return RejectReason::BadTimestamp;
    return t;
}

std::variant<KalshiBookSnapshot, RejectReason> buildSnapshot(const MsgFields &f) {
    if (f.marketTicker.isBlank())
        return RejectReason::MissingField;
    const Levels &yes = preferredLevels(f.yesFp, f.yesDollars, f.yesCents);
    const Levels &no = preferredLevels(f.noFp, f.noDollars, f.noCents);
    if (yes.bad || no.bad)
        return RejectReason::BadNumber;
    // A side whose key is absent is empty: a settled market sends neither.
    return KalshiBookSnapshot{stringOf(f.marketTicker), stringOf(f.marketId), yes.levels, no.levels};
}

std::variant<KalshiBookDelta, RejectReason> buildDelta(const MsgFields &f) {
    if (f.marketTicker.isBlank() || f.side.isBlank())
        return RejectReason::MissingField;
    const auto side = outcomeSideOf(f.side);
    if (!side)
        return RejectReason::BadSide;
    bool bad = false;
    const auto price = dollarsOrCents(f.priceDollars, f.price, bad);
    if (bad)
        return RejectReason::BadNumber;
    if (!price)
        return RejectReason::MissingField;
    if (price->isNegative() || *price > Decimal::fromMicros(Decimal::kOne))
        return RejectReason::PriceOutOfRange;
    const auto delta = countOf(f.deltaFp, f.delta, bad);
    if (bad)
        return RejectReason::BadNumber;
    if (!delta)
        return RejectReason::MissingField;
    KalshiBookDelta d;
    d.marketTicker = stringOf(f.marketTicker);
    d.marketId = stringOf(f.marketId);
    d.side = *side;
    d.price = *price;
    d.delta = *delta;
    d.timestampMs = timeOf({&f.tsMs, &f.ts}, bad).value_or(0);
    if (bad)
        return RejectReason::BadTimestamp;
    return d;
}

template <typename T> void settle(KalshiWsFrame &frame, std::variant<T, RejectReason> result) {
    if (auto *reason = std::get_if<RejectReason>(&result))
        frame.reject = *reason;
    else
        frame.payload = std::move(std::get<T>(result));
}

struct Envelope {
    Field type, id, sid, seq;
    MsgFields msg;
    bool msgIsObject = false;
};

error_code collectEnvelope(od::object object, Envelope &env) {
    return forEachField(object, [&](std::string_view key, od::value &value) -> error_code {
        if (key == "type")
            return readField(value, env.type);
        if (key == "id")
            return readField(value, env.id);
        if (key == "sid")
            return readField(value, env.sid);
        if (key == "seq")
            return readField(value, env.seq);
        if (key != "msg")
            return simdjson::SUCCESS;
        Field probe;
        if (const error_code e = readField(value, probe))
            return e;
        if (probe.kind != Kind::Object)
            return simdjson::SUCCESS;
        od::object msg;
        if (const error_code e = value.get_object().get(msg))
            return e;
        env.msgIsObject = true;
        return collectMsg(msg, env.msg);
    });
}

void route(const Envelope &env, qint64 receivedMs, TradeTextCache &cache, KalshiWsFrame &frame) {
    frame.type = stringOf(env.type);
    frame.id = integerOf(env.id).value_or(-1);
    frame.sid = integerOf(env.sid).value_or(-1);
    frame.seq = integerOf(env.seq).value_or(-1);
    if (env.type.kind != Kind::String) {
        frame.reject = RejectReason::UnexpectedShape;
        return;
    }
    const std::string_view type = env.type.text;
    const bool needsMsg = type == "trade" || type == "ticker" || type == "orderbook_snapshot" ||
                          type == "orderbook_delta" || type == "subscribed" || type == "error";
    if (needsMsg && !env.msgIsObject) {
        frame.reject = RejectReason::MissingField;
        return;
    }
    const MsgFields &m = env.msg;
    if (type == "trade") {
        settle(frame, buildTrade(m, TradeSource::KalshiWs, receivedMs, cache));
    } else if (type == "ticker") {
        settle(frame, buildTicker(m));
    } else if (type == "orderbook_snapshot") {
        settle(frame, buildSnapshot(m));
    } else if (type == "orderbook_delta") {
        settle(frame, buildDelta(m));
    } else if (type == "subscribed") {
        const auto sid = integerOf(m.sid);
        if (!sid) {
            frame.reject = RejectReason::MissingField;
            return;
        }
        frame.sid = *sid;
        frame.payload = KalshiSubscribed{stringOf(m.channel), *sid};
    } else if (type == "ok") {
        frame.payload = KalshiOk{m.marketTickers};
    } else if (type == "error") {
        const auto code = integerOf(m.code);
        if (!code) {
            frame.reject = RejectReason::MissingField;
            return;
        }
        frame.payload = KalshiWsError{int(*code), stringOf(m.msg)};
    }
}

} // namespace

bool KalshiWsError::endsSubscription() const {
    return code == kChannelError || code == kInternalError || code == kSubscriptionBufferOverflow;
}

KalshiParser::KalshiParser()
    : d(std::make_unique<Impl>()) {}
KalshiParser::~KalshiParser() = default;

KalshiWsFrame KalshiParser::parseWsFrame(QByteArrayView frame, qint64 receivedMs) {
    KalshiWsFrame out;
    od::document doc;
    od::object root;
    if (const auto reason = d->openObject(frame, kMaxFrameBytes, doc, root)) {
        out.reject = reason;
        return out;
    }
    Envelope env;
    if (const error_code e = collectEnvelope(root, env)) {
        out.reject = syntaxReason(e);
        return out;
    }
    if (trailingContent(doc)) {
        out.reject = RejectReason::TruncatedJson;
        return out;
    }
    route(env, receivedMs, d->cache, out);
    return out;
}

} // namespace longshot::net
