#include "net/rtdsparser.h"

#include "net/jsonnumber.h"
#include "net/tradefields.h"
#include "net/tradetextcache.h"

#include <simdjson.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace longshot::net {
namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;
using namespace tradefields;

// REST pages run to 10,000 rows of ~900 bytes; beyond this something is wrong upstream.
constexpr qsizetype kMaxBodyBytes = 64 * 1024 * 1024;

struct EnvelopeFields {
    FieldText topic, type, statusCode;
    TradeFields payload;
    Kind payloadKind = Kind::Absent; // Other for a non-object payload
    bool payloadIsObject = false;
    std::string_view bodyMessage;
    bool hasBodyMessage = false;
};

// simdjson's raw tokens carry the whitespace up to the next token.
std::string_view trimTrailingSpace(std::string_view s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

// Reads one value without converting it, typed by the first character of its raw token (a
// type() call would look at that same character, at the price of another call). Unknown
// types are noted, not consumed: the object iterator skips whatever is left of a value when
// it moves to the next field. `escapes` is false when the whole document holds no
// backslash: then every string's contents are the bytes between its quotes, no copy.
// Results are stored member by member (setField): for a braced FieldText GCC wrote the view
// as two 8-byte stack stores and read it back as one 16-byte load, which cannot be forwarded
// from the stores; perf put a tenth of the object walk's samples on that load.
[[gnu::always_inline]] inline void setField(FieldText &out, std::string_view text, Kind kind) {
    out.text = text;
    out.kind = kind;
}

[[gnu::always_inline]] inline error_code readField(od::value &value, FieldText &out, bool escapes) {
    const std::string_view raw = trimTrailingSpace(value.raw_json_token());
    if (raw.empty())
        return simdjson::TAPE_ERROR;
    switch (raw.front()) {
    case '"': {
        if (raw.size() >= 2 && raw.back() == '"' &&
            (!escapes || std::memchr(raw.data(), '\\', raw.size()) == nullptr)) {
            setField(out, std::string_view(raw.data() + 1, raw.size() - 2), Kind::String);
            return simdjson::SUCCESS;
        }
        std::string_view s;
        if (const error_code e = value.get_string().get(s))
            return e;
        setField(out, s, Kind::String);
        return simdjson::SUCCESS;
    }
    case 'n': {
        bool isNull = false;
        if (const error_code e = value.is_null().get(isNull))
            return e;
        if (!isNull)
            return simdjson::INCORRECT_TYPE;
        setField(out, {}, Kind::Null);
        return simdjson::SUCCESS;
    }
    case 't':
    case 'f':
    case '{':
    case '[':
        setField(out, {}, Kind::Other);
        return simdjson::SUCCESS;
    default:
        if (raw.front() != '-' && (raw.front() < '0' || raw.front() > '9'))
            return simdjson::TAPE_ERROR;
        setField(out, raw, Kind::Number);
        return simdjson::SUCCESS;
    }
}

bool mayHoldEscapes(std::string_view text) {
    return std::memchr(text.data(), '\\', text.size()) != nullptr;
}

// raw_json_string::unsafe_is_equal compares a byte at a time against a C string, and a
// memcmp of the name's length is a library call for most names. A name and its closing quote
// are at most 16 bytes: one or two 8-byte words, masked, worked out at compile time from the
// name given as a template argument. It may read up to 16 bytes from the key's start, past a
// shorter key: still inside the document or simdjson's padding, and a shorter key's closing
// quote decides.
template <std::size_t N> struct KeyName {
    static_assert(N <= 16 && N <= simdjson::SIMDJSON_PADDING); // name + quote in two words
    char text[N];
    consteval KeyName(const char (&name)[N]) { std::copy_n(name, N, text); }
    // Bytes [from, from + 8) of the name followed by its closing quote, little-endian.
    consteval std::uint64_t word(std::size_t from) const {
        std::uint64_t w = 0;
        for (std::size_t i = 0; i < 8 && from + i < N; ++i) {
            const char c = from + i == N - 1 ? '"' : text[from + i];
            w |= std::uint64_t(static_cast<unsigned char>(c)) << (8 * i);
        }
        return w;
    }
};

constexpr std::uint64_t lowBytes(std::size_t n) {
    return n >= 8 ? ~std::uint64_t(0) : (std::uint64_t(1) << (8 * n)) - 1;
}

inline std::uint64_t loadWord(const char *p) {
    std::uint64_t w;
    std::memcpy(&w, p, sizeof w);
    return w;
}

template <KeyName Name> [[gnu::always_inline]] inline bool keyIs(od::raw_json_string key) {
    static_assert(std::endian::native == std::endian::little);
    constexpr std::size_t n = sizeof Name.text; // the name and its quote
    const char *k = key.raw();
    if constexpr (n <= 8) {
        return (loadWord(k) & lowBytes(n)) == Name.word(0);
    } else {
        return loadWord(k) == Name.word(0) && (loadWord(k + 8) & lowBytes(n - 8)) == Name.word(8);
    }
}

[[gnu::always_inline]] inline FieldText *tradeFieldFor(od::raw_json_string key, TradeFields &f) {
    const char *k = key.raw();
    switch (k[0]) {
    case 'a':
        return keyIs<"asset">(key) ? &f.asset : nullptr;
    case 'c':
        return keyIs<"conditionId">(key) ? &f.conditionId : nullptr;
    case 'e':
        return keyIs<"eventSlug">(key) ? &f.eventSlug : nullptr;
    case 'f':
        return keyIs<"fee">(key) ? &f.fee : nullptr;
    case 'n':
        return keyIs<"name">(key) ? &f.name : nullptr;
    case 'o':
        if (keyIs<"outcome">(key))
            return &f.outcome;
        return keyIs<"outcomeIndex">(key) ? &f.outcomeIndex : nullptr;
    case 'p':
        if (keyIs<"price">(key))
            return &f.price;
        if (keyIs<"proxyWallet">(key))
            return &f.proxyWallet;
        return keyIs<"pseudonym">(key) ? &f.pseudonym : nullptr;
    case 's':
        if (keyIs<"size">(key))
            return &f.size;
        if (keyIs<"side">(key))
            return &f.side;
        return keyIs<"slug">(key) ? &f.slug : nullptr;
    case 't':
        if (keyIs<"timestamp">(key))
            return &f.timestamp;
        if (keyIs<"transactionHash">(key))
            return &f.transactionHash;
        return keyIs<"title">(key) ? &f.title : nullptr;
    default:
        return nullptr;
    }
}

[[gnu::always_inline]] inline error_code collectTradeFields(od::object object, TradeFields &out,
                                                            bool escapes) {
    for (auto fieldResult : object) {
        od::field field;
        if (const error_code e = std::move(fieldResult).get(field))
            return e;
        if (FieldText *slot = tradeFieldFor(field.key(), out)) {
            if (const error_code e = readField(field.value(), *slot, escapes))
                return e;
        }
    }
    return simdjson::SUCCESS;
}

error_code readBodyMessage(od::value &body, EnvelopeFields &env, bool escapes) {
    od::json_type type;
    if (const error_code e = body.type().get(type))
        return e;
    if (type == od::json_type::string) {
        FieldText t;
        if (const error_code e = readField(body, t, escapes))
            return e;
        env.bodyMessage = t.text;
        env.hasBodyMessage = true;
        return simdjson::SUCCESS;
    }
    if (type != od::json_type::object)
        return simdjson::SUCCESS;
    od::object object;
    if (const error_code e = body.get_object().get(object))
        return e;
    for (auto fieldResult : object) {
        od::field field;
        if (const error_code e = std::move(fieldResult).get(field))
            return e;
        if (!keyIs<"message">(field.key()))
            continue;
        FieldText t;
        if (const error_code e = readField(field.value(), t, escapes))
            return e;
        if (t.kind == Kind::String) {
            env.bodyMessage = t.text;
            env.hasBodyMessage = true;
        }
    }
    return simdjson::SUCCESS;
}

error_code collectEnvelope(od::object object, EnvelopeFields &env, bool escapes) {
    for (auto fieldResult : object) {
        od::field field;
        if (const error_code e = std::move(fieldResult).get(field))
            return e;
        const od::raw_json_string key = field.key();
        od::value &value = field.value();
        if (keyIs<"payload">(key)) {
            od::json_type type;
            if (const error_code e = value.type().get(type))
                return e;
            if (type != od::json_type::object) {
                env.payloadKind = type == od::json_type::null ? Kind::Null : Kind::Other;
                continue;
            }
            env.payloadKind = Kind::Other;
            env.payloadIsObject = true;
            od::object payload;
            if (const error_code e = value.get_object().get(payload))
                return e;
            if (const error_code e = collectTradeFields(payload, env.payload, escapes))
                return e;
        } else if (keyIs<"topic">(key)) {
            if (const error_code e = readField(value, env.topic, escapes))
                return e;
        } else if (keyIs<"type">(key)) {
            if (const error_code e = readField(value, env.type, escapes))
                return e;
        } else if (keyIs<"statusCode">(key)) {
            if (const error_code e = readField(value, env.statusCode, escapes))
                return e;
        } else if (keyIs<"body">(key)) {
            if (const error_code e = readBodyMessage(value, env, escapes))
                return e;
        }
    }
    return simdjson::SUCCESS;
}

QString toQString(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

bool textIs(const FieldText &f, std::string_view s) {
    return f.kind == Kind::String && f.text == s;
}

// Routes one RTDS envelope: by topic/type when present, else by the payload's shape.
void routeEnvelope(const EnvelopeFields &env, qint64 receivedMs, TradeTextCache &cache, ParseResult &out) {
    // A status code decides; without one, a bare {"body":{"message":…}} is a refusal too.
    bool rejected = env.hasBodyMessage && env.payloadKind == Kind::Absent;
    QString statusText;
    if (isNumeric(env.statusCode)) {
        const DecimalParse code = Decimal::parse(env.statusCode.text);
        rejected = code.ok() && code.value >= Decimal::fromMicros(400 * Decimal::kOne);
        statusText = QStringLiteral("status ") + toQString(env.statusCode.text);
    }
    if (rejected) {
        out.rejects.append(RejectReason::SubscriptionRejected);
        out.serverError = env.hasBodyMessage ? toQString(env.bodyMessage) : statusText;
        return;
    }

    const bool hasTopic = env.topic.kind == Kind::String;
    const bool hasType = env.type.kind == Kind::String;
    bool isTrade = false;
    if (hasTopic && !textIs(env.topic, "activity")) {
        isTrade = false;
    } else if (hasTopic && hasType) {
        isTrade = textIs(env.type, "trades") || textIs(env.type, "orders_matched");
    } else if (hasType && !textIs(env.type, "trades") && !textIs(env.type, "orders_matched")) {
        isTrade = false;
    } else if (hasTopic || hasType) {
        // Half an address (activity without a type, or a trade type without a topic):
        // the payload decides, as when both are missing.
        isTrade =
            env.payloadIsObject && present(env.payload.transactionHash) && present(env.payload.proxyWallet);
        if (!isTrade && env.payloadKind != Kind::Absent) {
            out.rejects.append(RejectReason::UnexpectedShape);
            return;
        }
    } else {
        isTrade =
            env.payloadIsObject && present(env.payload.transactionHash) && present(env.payload.proxyWallet);
    }
    if (!isTrade) {
        ++out.ignored;
        return;
    }
    if (!env.payloadIsObject) {
        out.rejects.append(RejectReason::UnexpectedShape);
        return;
    }
    addTrade(env.payload, TradeSource::Rtds, receivedMs, cache, out);
}

bool isKeepaliveText(std::string_view s) {
    return asciiEqualsNoCase(s, "ping") || asciiEqualsNoCase(s, "pong");
}

std::string_view trimFrame(QByteArrayView frame) {
    return trimJsonSpace(std::string_view(frame.data(), static_cast<std::size_t>(frame.size())));
}

// Leading whitespace only: simdjson skips trailing whitespace itself, and reading the
// last byte of a frame not yet in cache costs a miss before parsing has begun.
std::string_view trimFrameFront(QByteArrayView frame) {
    std::string_view s(frame.data(), static_cast<std::size_t>(frame.size()));
    while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\r' || s.front() == '\t'))
        s.remove_prefix(1);
    return s;
}

RejectReason syntaxReason(error_code e) {
    switch (e) {
    case simdjson::UTF8_ERROR:
        return RejectReason::NotJson;
    case simdjson::DEPTH_ERROR:
        return RejectReason::UnexpectedShape;
    default:
        return RejectReason::TruncatedJson;
    }
}

// Input is copied into one buffer that keeps simdjson's padding; it grows, never shrinks,
// so steady-state parsing allocates nothing here.
class PaddedBuffer final {
public:
    simdjson::padded_string_view load(std::string_view text) {
        const std::size_t needed = text.size() + simdjson::SIMDJSON_PADDING;
        if (needed > m_capacity) {
            m_capacity = std::max(needed, m_capacity * 2);
            m_data = std::make_unique<char[]>(m_capacity); // value-initialised: padding reads are defined
        }
        std::memcpy(m_data.get(), text.data(), text.size());
        std::memset(m_data.get() + text.size(), 0, simdjson::SIMDJSON_PADDING);
        return simdjson::padded_string_view(m_data.get(), text.size(), m_capacity);
    }

private:
    std::unique_ptr<char[]> m_data;
    std::size_t m_capacity = 0;
};

// A scalar root: valid JSON (a string, number, literal) or not JSON at all.
error_code scalarRootText(od::document &doc, FieldText &out) {
    od::json_type type;
    if (const error_code e = doc.type().get(type))
        return e;
    switch (type) {
    case od::json_type::string: {
        std::string_view s;
        if (const error_code e = doc.get_string().get(s))
            return e;
        out = {s, Kind::String};
        return simdjson::SUCCESS;
    }
    case od::json_type::null: {
        bool isNull = false;
        if (const error_code e = doc.is_null().get(isNull))
            return e;
        if (!isNull)
            return simdjson::INCORRECT_TYPE;
        out = {{}, Kind::Null};
        return simdjson::SUCCESS;
    }
    case od::json_type::number: {
        double ignored = 0;
        if (const error_code e = doc.get_double().get(ignored))
            return e;
        out = {{}, Kind::Number};
        return simdjson::SUCCESS;
    }
    case od::json_type::boolean: {
        bool ignored = false;
        if (const error_code e = doc.get_bool().get(ignored))
            return e;
        out = {{}, Kind::Other};
        return simdjson::SUCCESS;
    }
    default:
        return simdjson::INCORRECT_TYPE;
    }
}

// After the root value, only whitespace may follow.
bool trailingContent(od::document &doc) {
    const char *location = nullptr;
    return doc.current_location().get(location) == simdjson::SUCCESS;
}

ParseResult failure(RejectReason reason) {
    ParseResult r;
    r.rejects.append(reason);
    return r;
}

} // namespace

QString rejectReasonName(RejectReason reason) {
    switch (reason) {
    case RejectReason::NotJson:
        return QStringLiteral("not JSON");
    case RejectReason::TruncatedJson:
        return QStringLiteral("truncated or broken JSON");
    case RejectReason::Oversized:
        return QStringLiteral("oversized message");
    case RejectReason::MissingField:
        return QStringLiteral("missing field");
    case RejectReason::BadNumber:
        return QStringLiteral("bad number");
    case RejectReason::PriceOutOfRange:
        return QStringLiteral("price out of range");
    case RejectReason::NonPositiveSize:
        return QStringLiteral("non-positive size");
    case RejectReason::BadWallet:
        return QStringLiteral("bad wallet");
    case RejectReason::BadSide:
        return QStringLiteral("bad side");
    case RejectReason::BadTimestamp:
        return QStringLiteral("bad timestamp");
    case RejectReason::SubscriptionRejected:
        return QStringLiteral("subscription rejected");
    case RejectReason::UnexpectedShape:
        return QStringLiteral("unexpected shape");
    }
    return QStringLiteral("unknown reason");
}

struct RtdsParser::Impl {
    od::parser parser{static_cast<std::size_t>(kMaxFrameBytes)};
    PaddedBuffer buffer;
    TradeTextCache cache;

    void parseInto(QByteArrayView frame, qsizetype spareCapacity, qint64 receivedMs, ParseResult &out);
    error_code parseContainer(simdjson::padded_string_view input, qint64 receivedMs, ParseResult &out);
};

error_code RtdsParser::Impl::parseContainer(simdjson::padded_string_view input, qint64 receivedMs,
                                            ParseResult &out) {
    const char first = *input.data();
    od::document doc;
    if (const error_code e = parser.iterate(input).get(doc))
        return e;
    // After iterate(), whose first pass has just brought the frame into cache.
    const bool escapes = mayHoldEscapes(input);
    if (first == '{') {
        od::object object;
        if (const error_code e = doc.get_object().get(object))
            return e;
        EnvelopeFields env;
        if (const error_code e = collectEnvelope(object, env, escapes))
            return e;
        if (trailingContent(doc))
            return simdjson::TRAILING_CONTENT;
        routeEnvelope(env, receivedMs, cache, out);
        return simdjson::SUCCESS;
    }
    od::array array;
    if (const error_code e = doc.get_array().get(array))
        return e;
    // Envelopes are routed as they complete; a later syntax error discards the whole frame.
    int elements = 0;
    for (auto elementResult : array) {
        od::value element;
        if (const error_code e = std::move(elementResult).get(element))
            return e;
        ++elements;
        od::json_type type;
        if (const error_code e = element.type().get(type))
            return e;
        if (type != od::json_type::object) {
            FieldText ignored;
            if (const error_code e = readField(element, ignored, escapes))
                return e;
            out.rejects.append(RejectReason::UnexpectedShape);
            continue;
        }
        od::object object;
        if (const error_code e = element.get_object().get(object))
            return e;
        EnvelopeFields env;
        if (const error_code e = collectEnvelope(object, env, escapes))
            return e;
        routeEnvelope(env, receivedMs, cache, out);
    }
    if (trailingContent(doc))
        return simdjson::TRAILING_CONTENT;
    if (elements == 0)
        ++out.ignored;
    return simdjson::SUCCESS;
}

void RtdsParser::Impl::parseInto(QByteArrayView frame, qsizetype spareCapacity, qint64 receivedMs,
                                 ParseResult &out) {
    if (frame.size() > kMaxFrameBytes) {
        out.rejects.append(RejectReason::Oversized);
        return;
    }
    const std::string_view text = trimFrameFront(frame);
    constexpr std::size_t kLongestKeepalive = 16; // "pong" with whitespace around it
    if (text.empty() || (text.size() <= kLongestKeepalive && isKeepaliveText(trimJsonSpace(text)))) {
        ++out.ignored;
        return;
    }
    // simdjson reads up to 64 bytes past the end (their contents do not matter): a buffer
    // allocated that far is parsed where it lies, anything else is copied once.
    const std::size_t tail =
        static_cast<std::size_t>(frame.data() + frame.size() - (text.data() + text.size()));
    const std::size_t spare = tail + static_cast<std::size_t>(std::max<qsizetype>(spareCapacity, 0));
    const simdjson::padded_string_view input =
        spare >= simdjson::SIMDJSON_PADDING
            ? simdjson::padded_string_view(text.data(), text.size(), text.size() + spare)
            : buffer.load(text);
    if (text.front() == '{' || text.front() == '[') {
        // A syntax error anywhere refuses the whole frame: take back what it had added.
        const qsizetype trades = out.trades.size();
        const qsizetype rejects = out.rejects.size();
        const int ignored = out.ignored;
        const QString serverError = out.serverError;
        if (const error_code e = parseContainer(input, receivedMs, out)) {
            out.trades.resize(trades);
            out.rejects.resize(rejects);
            out.ignored = ignored;
            out.serverError = serverError;
            out.rejects.append(syntaxReason(e));
        }
        return;
    }
    od::document doc;
    FieldText scalar;
    if (parser.iterate(input).get(doc) != simdjson::SUCCESS ||
        scalarRootText(doc, scalar) != simdjson::SUCCESS || trailingContent(doc)) {
        out.rejects.append(RejectReason::NotJson);
        return;
    }
    // A quoted keepalive or the empty string some servers send on connect carries nothing.
    if (scalar.kind == Kind::String && (scalar.text.empty() || isKeepaliveText(scalar.text))) {
        ++out.ignored;
        return;
    }
    out.rejects.append(RejectReason::UnexpectedShape);
}

RtdsParser::RtdsParser()
    : d(std::make_unique<Impl>()) {}

RtdsParser::~RtdsParser() = default;

ParseResult RtdsParser::parseFrame(QByteArrayView frame, qint64 receivedMs) {
    ParseResult out;
    d->parseInto(frame, 0, receivedMs, out);
    return out;
}

void RtdsParser::parseFrame(const QByteArray &frame, qint64 receivedMs, ParseResult &out) {
    d->parseInto(frame, frame.capacity() - frame.size(), receivedMs, out);
}

struct DataApiTradesParser::Impl {
    od::parser parser{static_cast<std::size_t>(kMaxBodyBytes)};
    PaddedBuffer buffer;
    TradeTextCache cache;

    error_code parseRows(od::array rows, qint64 receivedMs, bool escapes, ParseResult &out);
    error_code parseObjectRoot(od::object root, bool escapes, ParseResult &out);
};

error_code DataApiTradesParser::Impl::parseRows(od::array rows, qint64 receivedMs, bool escapes,
                                                ParseResult &out) {
    for (auto rowResult : rows) {
        od::value row;
        if (const error_code e = std::move(rowResult).get(row))
            return e;
        od::json_type type;
        if (const error_code e = row.type().get(type))
            return e;
        if (type != od::json_type::object) {
            FieldText ignored;
            if (const error_code e = readField(row, ignored, escapes))
                return e;
            out.rejects.append(RejectReason::UnexpectedShape);
            continue;
        }
        od::object object;
        if (const error_code e = row.get_object().get(object))
            return e;
        TradeFields fields;
        if (const error_code e = collectTradeFields(object, fields, escapes))
            return e;
        addTrade(fields, TradeSource::Rest, receivedMs, cache, out);
    }
    return simdjson::SUCCESS;
}

// data-api errors are {"error": "..."} objects; keep the text for the status line.
error_code DataApiTradesParser::Impl::parseObjectRoot(od::object root, bool escapes, ParseResult &out) {
    for (auto fieldResult : root) {
        od::field field;
        if (const error_code e = std::move(fieldResult).get(field))
            return e;
        const bool isError = keyIs<"error">(field.key()) || keyIs<"message">(field.key());
        FieldText value;
        if (const error_code e = readField(field.value(), value, escapes))
            return e;
        if (isError && value.kind == Kind::String && out.serverError.isEmpty())
            out.serverError = toQString(value.text);
    }
    out.rejects.append(RejectReason::UnexpectedShape);
    return simdjson::SUCCESS;
}

DataApiTradesParser::DataApiTradesParser()
    : d(std::make_unique<Impl>()) {}

DataApiTradesParser::~DataApiTradesParser() = default;

ParseResult DataApiTradesParser::parseBody(QByteArrayView body, qint64 receivedMs) {
    if (body.size() > kMaxBodyBytes)
        return failure(RejectReason::Oversized);
    const std::string_view text = trimFrame(body);
    if (text.empty())
        return failure(RejectReason::NotJson);
    ParseResult out;
    od::document doc;
    if (const error_code e = d->parser.iterate(d->buffer.load(text)).get(doc))
        return failure(text.front() == '{' || text.front() == '[' ? syntaxReason(e) : RejectReason::NotJson);

    if (text.front() == '[' || text.front() == '{') {
        const bool escapes = mayHoldEscapes(text);
        error_code e = simdjson::SUCCESS;
        if (text.front() == '[') {
            od::array rows;
            e = doc.get_array().get(rows);
            if (!e)
                e = d->parseRows(rows, receivedMs, escapes, out);
        } else {
            od::object root;
            e = doc.get_object().get(root);
            if (!e)
                e = d->parseObjectRoot(root, escapes, out);
        }
        if (!e && trailingContent(doc))
            e = simdjson::TRAILING_CONTENT;
        if (e)
            return failure(syntaxReason(e));
        return out;
    }

    FieldText scalar;
    if (scalarRootText(doc, scalar) != simdjson::SUCCESS || trailingContent(doc))
        return failure(RejectReason::NotJson);
    // An unknown filter answers with a bare null: no rows.
    if (scalar.kind == Kind::Null)
        return out;
    return failure(RejectReason::UnexpectedShape);
}

} // namespace longshot::net
