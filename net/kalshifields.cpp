#include "net/kalshifields.h"

#include "net/jsonnumber.h"

#include <algorithm>
#include <string>

namespace longshot::net {

using namespace json;
using namespace Qt::StringLiterals;

std::optional<RejectReason> KalshiParser::Impl::openObject(QByteArrayView bytes, qsizetype limit,
                                                           od::document &doc, od::object &root) {
    if (const auto reason = precheck(bytes, limit))
        return reason;
    const std::string_view text(bytes.data(), std::size_t(bytes.size()));
    if (const error_code e = parser.iterate(buffer.load(text)).get(doc))
        return syntaxReason(e);
    od::json_type type;
    if (const error_code e = doc.type().get(type))
        return syntaxReason(e);
    if (type != od::json_type::object)
        return RejectReason::UnexpectedShape;
    if (const error_code e = doc.get_object().get(root))
        return syntaxReason(e);
    return std::nullopt;
}

namespace kalshi {

constexpr qint64 kCentMicros = 10'000;          // one legacy integer cent
constexpr qint64 kEarliestMs = 946'684'800'000; // 2000-01-01: anything older is not a Kalshi time
constexpr qint64 kLatestMs = 4'102'444'800'000; // 2100-01-01

enum class PriceUnit : quint8 { Dollars = 1, Cents };

constexpr std::array<std::pair<std::string_view, Field MsgFields::*>, 31> kMsgScalars{{
    {"trade_id", &MsgFields::tradeId},
    {"market_ticker", &MsgFields::marketTicker},
    {"ticker", &MsgFields::ticker},
    {"market_id", &MsgFields::marketId},
    {"yes_price_dollars", &MsgFields::yesPriceDollars},
    {"no_price_dollars", &MsgFields::noPriceDollars},
    {"yes_price", &MsgFields::yesPrice},
    {"no_price", &MsgFields::noPrice},
    {"count_fp", &MsgFields::countFp},
    {"count", &MsgFields::count},
    {"taker_outcome_side", &MsgFields::takerOutcomeSide},
    {"taker_side", &MsgFields::takerSide},
    {"ts_ms", &MsgFields::tsMs},
    {"ts", &MsgFields::ts},
    {"created_time", &MsgFields::createdTime},
    {"price_dollars", &MsgFields::priceDollars},
    {"price", &MsgFields::price},
    {"delta_fp", &MsgFields::deltaFp},
    {"delta", &MsgFields::delta},
    {"side", &MsgFields::side},
    {"yes_bid_dollars", &MsgFields::yesBidDollars},
    {"yes_ask_dollars", &MsgFields::yesAskDollars},
    {"yes_bid_size_fp", &MsgFields::yesBidSizeFp},
    {"yes_ask_size_fp", &MsgFields::yesAskSizeFp},
    {"volume_fp", &MsgFields::volumeFp},
    {"open_interest_fp", &MsgFields::openInterestFp},
    {"last_trade_size_fp", &MsgFields::lastTradeSizeFp},
    {"channel", &MsgFields::channel},
    {"sid", &MsgFields::sid},
    {"code", &MsgFields::code},
    {"msg", &MsgFields::msg},
}};

error_code readLevels(od::value &value, Levels &out, PriceUnit unit) {
    Field probe;
    if (const error_code e = readField(value, probe))
        return e;
    out.present = true;
    if (probe.kind == Kind::Null)
        return simdjson::SUCCESS; // an empty side
    if (probe.kind != Kind::Array) {
        out.bad = true;
        return simdjson::SUCCESS;
    }
    od::array array;
    if (const error_code e = value.get_array().get(array))
        return e;
    return forEachElement(array, [&](od::value &element) -> error_code {
        Field pairProbe;
        if (const error_code e = readField(element, pairProbe))
            return e;
        if (pairProbe.kind != Kind::Array) {
            out.bad = true;
            return simdjson::SUCCESS;
        }
        od::array pair;
        if (const error_code e = element.get_array().get(pair))
            return e;
        std::array<Field, 2> parts;
        int n = 0;
        if (const error_code e = forEachElement(pair, [&](od::value &part) -> error_code {
                Field extra;
                Field *slot = n < 2 ? &parts[std::size_t(n)] : &extra;
                ++n;
                return readField(part, *slot);
            }))
            return e;
        std::optional<Decimal> price;
        if (unit == PriceUnit::Dollars) {
            const DecimalField p = decimalOf(parts[0]);
            price = p.bad ? std::nullopt : p.value;
        } else if (const auto cents = integerOf(parts[0]); cents && *cents >= 0 && *cents <= 100) {
            price = Decimal::fromMicros(*cents * kCentMicros);
        }
        const DecimalField size = decimalOf(parts[1]);
        if (n != 2 || !price || !size.value || *price > Decimal::fromMicros(Decimal::kOne) ||
            price->isNegative() || size.value->isNegative()) {
            out.bad = true;
            return simdjson::SUCCESS;
        }
        out.levels.append({*price, *size.value});
        return simdjson::SUCCESS;
    });
}

error_code readStringList(od::value &value, QStringList &out, bool &bad) {
    Field probe;
    if (const error_code e = readField(value, probe))
        return e;
    if (probe.kind != Kind::Array) {
        bad = probe.kind != Kind::Null;
        return simdjson::SUCCESS;
    }
    od::array array;
    if (const error_code e = value.get_array().get(array))
        return e;
    return forEachElement(array, [&](od::value &element) -> error_code {
        Field f;
        if (const error_code e = readField(element, f))
            return e;
        if (f.kind == Kind::String)
            out.append(stringOf(f));
        else
            bad = true;
        return simdjson::SUCCESS;
    });
}

error_code collectMsg(od::object object, MsgFields &f) {
    return forEachField(object, [&](std::string_view key, od::value &value) -> error_code {
        if (Field *slot = slotFor(kMsgScalars, key, f))
            return readField(value, *slot);
        if (key == "yes_dollars_fp")
            return readLevels(value, f.yesFp, PriceUnit::Dollars);
        if (key == "no_dollars_fp")
            return readLevels(value, f.noFp, PriceUnit::Dollars);
        if (key == "yes_dollars")
            return readLevels(value, f.yesDollars, PriceUnit::Dollars);
        if (key == "no_dollars")
            return readLevels(value, f.noDollars, PriceUnit::Dollars);
        if (key == "yes")
            return readLevels(value, f.yesCents, PriceUnit::Cents);
        if (key == "no")
            return readLevels(value, f.noCents, PriceUnit::Cents);
        if (key == "market_tickers")
            return readStringList(value, f.marketTickers, f.marketTickersBad);
        return simdjson::SUCCESS;
    });
}

bool inPlausibleRange(qint64 ms) {
    return ms >= kEarliestMs && ms < kLatestMs;
}

// Kalshi times: ts_ms (ms), ts (seconds on trades and tickers, RFC 3339 on deltas),
// created_time / time (RFC 3339). The first present one decides; a present but broken
// value is an error rather than a reason to look further.
std::optional<qint64> timeOf(std::initializer_list<const Field *> candidates, bool &bad) {
    bad = false;
    for (const Field *f : candidates) {
        if (f->isBlank())
            continue;
        if (f->kind == Kind::String && f->text.find('-') != std::string_view::npos) {
            const auto ms = parseRfc3339Ms(QByteArrayView(f->text.data(), qsizetype(f->text.size())));
            if (ms && inPlausibleRange(*ms))
                return ms;
            bad = true;
            return std::nullopt;
        }
        const TimestampParse t = parseTimestampMs(f->text);
        if (t.ok())
            return t.ms;
        bad = true;
        return std::nullopt;
    }
    return std::nullopt;
}

std::optional<OutcomeSide> outcomeSideOf(const Field &f) {
    if (f.text == "yes")
        return OutcomeSide::Yes;
    if (f.text == "no")
        return OutcomeSide::No;
    return std::nullopt;
}

// A dollars string, else legacy integer cents. nullopt + bad when present but broken.
std::optional<Decimal> dollarsOrCents(const Field &dollars, const Field &cents, bool &bad) {
    bad = false;
    if (dollars.kind != Kind::Absent) {
        const DecimalField d = decimalOf(dollars);
        bad = d.bad;
        if (d.value || d.bad)
            return d.value;
    }
    if (cents.isBlank())
        return std::nullopt;
    const auto c = integerOf(cents);
    if (!c || *c < -100 * 100'000'000LL || *c > 100 * 100'000'000LL) {
        bad = true;
        return std::nullopt;
    }
    return Decimal::fromMicros(*c * kCentMicros);
}

// A fixed-point count string, else a legacy integer count.
std::optional<Decimal> countOf(const Field &fp, const Field &legacy, bool &bad) {
    bad = false;
    if (fp.kind != Kind::Absent) {
        const DecimalField d = decimalOf(fp);
        bad = d.bad;
        if (d.value || d.bad)
            return d.value;
    }
    if (legacy.isBlank())
        return std::nullopt;
    const auto n = integerOf(legacy);
    const auto d = n ? Decimal::fromInteger(*n) : std::nullopt;
    bad = !d;
    return d;
}

std::optional<Decimal> optionalDecimal(const Field &f, bool &anyBad) {
    const DecimalField d = decimalOf(f);
    anyBad = anyBad || d.bad;
    return d.value;
}

QString cachedText(TradeTextCache &cache, const Field &f) {
    return cache.text(f.text);
}

std::variant<Trade, RejectReason> buildTrade(const MsgFields &f, TradeSource source, qint64 receivedMs,
                                             TradeTextCache &cache) {
    const Field &ticker = f.marketTicker.isBlank() ? f.ticker : f.marketTicker;
    if (ticker.isBlank() || f.tradeId.isBlank())
        return RejectReason::MissingField;
    // taker_outcome_side replaces the deprecated taker_side; they agree when both are sent.
    const Field &sideField = f.takerOutcomeSide.isBlank() ? f.takerSide : f.takerOutcomeSide;
    if (sideField.isBlank())
        return RejectReason::MissingField;
    const auto outcome = outcomeSideOf(sideField);
    if (!outcome)
        return RejectReason::BadSide;
    const bool yes = *outcome == OutcomeSide::Yes;

    bool bad = false;
    const auto price =
        dollarsOrCents(yes ? f.yesPriceDollars : f.noPriceDollars, yes ? f.yesPrice : f.noPrice, bad);
    if (bad)
        return RejectReason::BadNumber;
    if (!price)
        return RejectReason::MissingField;
    if (price->isNegative() || *price > Decimal::fromMicros(Decimal::kOne))
        return RejectReason::PriceOutOfRange;
    const auto size = countOf(f.countFp, f.count, bad);
    if (bad)
        return RejectReason::BadNumber;
    if (!size)
        return RejectReason::MissingField;
    if (*size <= Decimal())
        return RejectReason::NonPositiveSize;
    const auto when = timeOf({&f.tsMs, &f.createdTime, &f.ts}, bad);
    if (!when)
        return RejectReason::BadTimestamp;

    Trade t;
    t.venue = Venue::Kalshi;
    t.side = Side::Buy;
    t.source = source;
    t.price = *price;
    t.size = *size;
    t.timestampMs = *when;
    t.receivedMs = receivedMs;
    t.outcomeIndex = yes ? 0 : 1;
    t.marketId = cachedText(cache, ticker);
    std::string asset(ticker.text);
    asset += yes ? ":yes" : ":no";
    t.assetId = cache.text(asset);
    t.txId = TxId::fromText(stringOf(f.tradeId));
    t.outcome = yes ? u"Yes"_s : u"No"_s;
    return t;
}

// Newest encoding first: *_dollars_fp, then *_dollars, then the legacy integer cents.
const Levels &preferredLevels(const Levels &fp, const Levels &dollars, const Levels &cents) {
    if (fp.present)
        return fp;
    if (dollars.present)
        return dollars;
    return cents;
}

} // namespace kalshi

std::optional<qint64> parseRfc3339Ms(QByteArrayView text) {
    // YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)
    const auto digits = [&](qsizetype at, int count, int &value) {
        if (at + count > text.size())
            return false;
        value = 0;
        for (int i = 0; i < count; ++i) {
            const char c = text[at + i];
            if (c < '0' || c > '9')
                return false;
            value = value * 10 + (c - '0');
        }
        return true;
    };
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (text.size() < 20 || !digits(0, 4, year) || text[4] != '-' || !digits(5, 2, month) || text[7] != '-' ||
        !digits(8, 2, day) || (text[10] != 'T' && text[10] != 't' && text[10] != ' ') ||
        !digits(11, 2, hour) || text[13] != ':' || !digits(14, 2, minute) || text[16] != ':' ||
        !digits(17, 2, second))
        return std::nullopt;
    static constexpr int kDaysIn[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (month < 1 || month > 12 || day < 1 || day > kDaysIn[month - 1] ||
        (month == 2 && day == 29 && !leap) || hour > 23 || minute > 59 || second > 60)
        return std::nullopt;
    qsizetype i = 19;
    qint64 millis = 0;
    if (i < text.size() && text[i] == '.') {
        ++i;
        int fractionDigits = 0;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
            if (fractionDigits < 3)
                millis = millis * 10 + (text[i] - '0');
            ++fractionDigits;
            ++i;
        }
        if (fractionDigits == 0)
            return std::nullopt;
        for (int k = fractionDigits; k < 3; ++k)
            millis *= 10;
    }
    qint64 offsetMinutes = 0;
    if (i < text.size() && (text[i] == 'Z' || text[i] == 'z')) {
        ++i;
    } else if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
        int oh = 0, om = 0;
        if (!digits(i + 1, 2, oh) || i + 3 >= text.size() || text[i + 3] != ':' || !digits(i + 4, 2, om) ||
            oh > 23 || om > 59)
            return std::nullopt;
        offsetMinutes = (text[i] == '+' ? 1 : -1) * (oh * 60 + om);
        i += 6;
    } else {
        return std::nullopt;
    }
    if (i != text.size())
        return std::nullopt;
    // Days from the civil date (H. Hinnant's algorithm), proleptic Gregorian.
    const qint64 y = year - (month <= 2 ? 1 : 0);
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const qint64 yoe = y - era * 400;
    const qint64 doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const qint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    const qint64 days = era * 146097 + doe - 719468;
    const qint64 seconds =
        days * 86400 + hour * 3600 + minute * 60 + std::min(second, 59) - offsetMinutes * 60;
    return seconds * 1000 + millis;
}

} // namespace longshot::net
