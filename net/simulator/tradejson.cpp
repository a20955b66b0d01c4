#include "net/simulator/tradejson.h"

#include <QCryptographicHash>

#include <simdjson.h>

#include <string>
#include <string_view>

namespace longshot::net::sim::json {

namespace {

void appendKey(QByteArray &out, const char *key) {
    out += '"';
    out += key;
    out += "\":";
}

void appendDecimal(QByteArray &out, Decimal value) {
    const std::string text = value.toStdString();
    out.append(text.data(), qsizetype(text.size()));
}

qint64 timestampSeconds(const Trade &trade) {
    // Floor, not truncation toward zero, so a pre-1970 test value stays consistent.
    return trade.timestampMs >= 0 ? trade.timestampMs / 1000 : -((-trade.timestampMs + 999) / 1000);
}

int wireOutcomeIndex(const Trade &trade) {
    // The API's "unknown" sentinel is 999; the domain keeps -1.
    return trade.outcomeIndex < 0 ? 999 : trade.outcomeIndex;
}

std::string_view trimmed(std::string_view text) {
    while (!text.empty() &&
           (text.back() == ' ' || text.back() == '\n' || text.back() == '\r' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

QString toQString(std::string_view text) {
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// A string field, or a number's raw text: RTDS has been seen sending either.
std::optional<std::string_view> scalarText(simdjson::ondemand::value value) {
    simdjson::ondemand::json_type type;
    if (value.type().get(type))
        return std::nullopt;
    if (type == simdjson::ondemand::json_type::string) {
        std::string_view text;
        if (value.get_string().get(text))
            return std::nullopt;
        return text;
    }
    if (type == simdjson::ondemand::json_type::number)
        return trimmed(value.raw_json_token());
    if (type == simdjson::ondemand::json_type::null)
        return std::string_view();
    return std::nullopt;
}

std::optional<Trade> tradeFromPayload(simdjson::ondemand::object payload, QString *icon) {
    Trade trade;
    trade.venue = Venue::Polymarket;
    trade.source = TradeSource::Rtds;
    bool havePrice = false, haveSize = false, haveTime = false, haveSide = false;
    for (auto field : payload) {
        std::string_view key;
        if (field.unescaped_key().get(key))
            return std::nullopt;
        const auto text = scalarText(field.value());
        if (!text)
            continue; // objects/arrays: not part of the trade schema
        const QString str = toQString(*text);
        if (key == "asset") {
            trade.assetId = str;
        } else if (key == "conditionId") {
            trade.marketId = str;
        } else if (key == "eventSlug") {
            trade.eventSlug = str;
        } else if (key == "slug") {
            trade.marketSlug = str;
        } else if (key == "title") {
            trade.marketTitle = str;
        } else if (key == "icon") {
            *icon = str;
        } else if (key == "name") {
            trade.traderName = str;
        } else if (key == "pseudonym") {
            trade.traderPseudonym = str;
        } else if (key == "outcome") {
            trade.outcome = str;
        } else if (key == "outcomeIndex") {
            bool ok = false;
            const int index = str.toInt(&ok);
            trade.outcomeIndex = ok && index >= 0 && index != 999 ? index : -1;
        } else if (key == "transactionHash") {
            trade.txId = TxId::fromText(str);
        } else if (key == "proxyWallet") {
            const auto wallet = Wallet::parse(str);
            if (!wallet)
                return std::nullopt;
            trade.wallet = *wallet;
        } else if (key == "side") {
            const auto side = sideFromName(str);
            if (!side)
                return std::nullopt;
            trade.side = *side;
            haveSide = true;
        } else if (key == "price" || key == "size" || key == "fee") {
            const DecimalParse parsed = Decimal::parse(*text);
            if (!parsed.ok()) {
                if (key == "fee")
                    continue;
                return std::nullopt;
            }
            if (key == "price") {
                trade.price = parsed.value;
                havePrice = true;
            } else if (key == "size") {
                trade.size = parsed.value;
                haveSize = true;
            } else {
                trade.fee = parsed.value;
            }
        } else if (key == "timestamp") {
            bool ok = false;
            const qint64 seconds = str.toLongLong(&ok);
            if (!ok)
                return std::nullopt;
            trade.timestampMs = seconds * 1000;
            haveTime = true;
        }
    }
    if (!havePrice || !haveSize || !haveTime || !haveSide || trade.txId.isEmpty())
        return std::nullopt;
    return trade;
}

void collectFromObject(simdjson::ondemand::object object, FrameTrades &result) {
    std::string_view topic;
    std::optional<simdjson::ondemand::object> payload;
    // Field order is not guaranteed, so the payload is parsed only once topic/type are known;
    // ondemand allows one pass, hence re-lookup via find_field_unordered.
    if (object.find_field_unordered("topic").get_string().get(topic) == simdjson::SUCCESS &&
        topic != "activity")
        return;
    simdjson::ondemand::object body;
    if (object.find_field_unordered("payload").get_object().get(body))
        return;
    QString icon;
    if (auto trade = tradeFromPayload(body, &icon)) {
        if (!icon.isEmpty())
            result.icons.insert(trade->marketId, icon);
        result.trades.append(std::move(*trade));
    }
}

} // namespace

QString checksumAddress(const Wallet &wallet) {
    const QString &lower = wallet.address();
    if (lower.size() != 42)
        return lower;
    const QByteArray hex = QStringView(lower).mid(2).toLatin1();
    const QByteArray hash = QCryptographicHash::hash(hex, QCryptographicHash::Keccak_256);
    QString out = lower;
    for (int i = 0; i < 40; ++i) {
        const char c = hex.at(i);
        if (c < 'a' || c > 'f')
            continue;
        const auto byte = static_cast<unsigned char>(hash.at(i / 2));
        const int nibble = (i % 2 == 0) ? (byte >> 4) : (byte & 0x0f);
        if (nibble >= 8)
            out[i + 2] = QChar(c - 'a' + 'A');
    }
    return out;
}

void appendString(QByteArray &out, QStringView text) {
    out += '"';
    const QByteArray utf8 = text.toUtf8();
    for (const char c : utf8) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                static const char digits[] = "0123456789abcdef";
                out += "\\u00";
                out += digits[(c >> 4) & 0xf];
                out += digits[c & 0xf];
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

namespace {

// The fields the two Polymarket routes carry; each route writes its own selection in the
// order its real captures show.
enum class WireField : quint8 {
    Asset,
    Bio,
    ConditionId,
    EventSlug,
    Fee, // left out when the trade has none
    Icon,
    Name,
    Outcome,
    OutcomeIndex,
    Price,
    ProfileImage,
    ProfileImageOptimized,
    ProxyWalletChecksummed, // the socket sends EIP-55 mixed case
    ProxyWalletLower,       // REST sends lowercase
    Pseudonym,
    Side,
    Size,
    Slug,
    Timestamp,
    Title,
    TransactionHash,
};

void appendObject(QByteArray &out, const Trade &trade, const QString &icon,
                  std::initializer_list<WireField> fields) {
    out += '{';
    bool first = true;
    const auto key = [&](const char *name) {
        if (!first)
            out += ',';
        first = false;
        appendKey(out, name);
    };
    for (const WireField field : fields) {
        switch (field) {
        case WireField::Asset:
            key("asset");
            appendString(out, trade.assetId);
            break;
        case WireField::Bio:
            key("bio");
            out += "\"\"";
            break;
        case WireField::ConditionId:
            key("conditionId");
            appendString(out, trade.marketId);
            break;
        case WireField::EventSlug:
            key("eventSlug");
            appendString(out, trade.eventSlug);
            break;
        case WireField::Fee:
            if (trade.fee) {
                key("fee");
                appendDecimal(out, *trade.fee);
            }
            break;
        case WireField::Icon:
            key("icon");
            appendString(out, icon);
            break;
        case WireField::Name:
            key("name");
            appendString(out, trade.traderName);
            break;
        case WireField::Outcome:
            key("outcome");
            appendString(out, trade.outcome);
            break;
        case WireField::OutcomeIndex:
            key("outcomeIndex");
            out += QByteArray::number(wireOutcomeIndex(trade));
            break;
        case WireField::Price:
            key("price");
            appendDecimal(out, trade.price);
            break;
        case WireField::ProfileImage:
            key("profileImage");
            out += "\"\"";
            break;
        case WireField::ProfileImageOptimized:
            key("profileImageOptimized");
            out += "\"\"";
            break;
        case WireField::ProxyWalletChecksummed:
            key("proxyWallet");
            appendString(out, checksumAddress(trade.wallet));
            break;
        case WireField::ProxyWalletLower:
            key("proxyWallet");
            appendString(out, trade.wallet.address());
            break;
        case WireField::Pseudonym:
            key("pseudonym");
            appendString(out, trade.traderPseudonym);
            break;
        case WireField::Side:
            key("side");
            appendString(out, sideName(trade.side));
            break;
        case WireField::Size:
            key("size");
            appendDecimal(out, trade.size);
            break;
        case WireField::Slug:
            key("slug");
            appendString(out, trade.marketSlug);
            break;
        case WireField::Timestamp:
            key("timestamp");
            out += QByteArray::number(timestampSeconds(trade));
            break;
        case WireField::Title:
            key("title");
            appendString(out, trade.marketTitle);
            break;
        case WireField::TransactionHash:
            key("transactionHash");
            appendString(out, trade.txId.text());
            break;
        }
    }
    out += '}';
}

} // namespace

QByteArray rtdsPayload(const Trade &trade, const QString &icon) {
    using enum WireField;
    QByteArray out;
    out.reserve(900);
    appendObject(out, trade, icon,
                 {Asset, Bio, ConditionId, EventSlug, Fee, Icon, Name, Outcome, OutcomeIndex, Price,
                  ProfileImage, ProxyWalletChecksummed, Pseudonym, Side, Size, Slug, Timestamp, Title,
                  TransactionHash});
    return out;
}

QByteArray rtdsEnvelope(QByteArrayView connectionId, QByteArrayView payload, qint64 timestampMs,
                        QByteArrayView type) {
    QByteArray out;
    out.reserve(payload.size() + connectionId.size() + 100);
    out += "{\"connection_id\":\"";
    out += connectionId;
    out += "\",\"payload\":";
    out += payload;
    out += ",\"timestamp\":";
    out += QByteArray::number(timestampMs);
    out += ",\"topic\":\"activity\",\"type\":\"";
    out += type;
    out += "\"}";
    return out;
}

void appendRestRow(QByteArray &out, const Trade &trade, const QString &icon) {
    using enum WireField;
    appendObject(out, trade, icon,
                 {ProxyWalletLower, Side, Asset, ConditionId, Size, Price, Timestamp, Title, Slug, Icon,
                  EventSlug, Outcome, OutcomeIndex, Name, Pseudonym, Bio, ProfileImage, ProfileImageOptimized,
                  TransactionHash});
}

std::optional<QList<QByteArrayView>> splitArray(QByteArrayView text) {
    auto isSpace = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n && isSpace(text[i]))
        ++i;
    if (i == n || text[i] != '[')
        return std::nullopt;
    ++i;
    QList<QByteArrayView> elements;
    qsizetype start = -1;
    int depth = 0;
    bool inString = false;
    bool closed = false;
    auto finishElement = [&](qsizetype end) -> bool {
        if (start < 0)
            return false;
        qsizetype e = end;
        while (e > start && isSpace(text[e - 1]))
            --e;
        elements.append(text.sliced(start, e - start));
        start = -1;
        return true;
    };
    for (; i < n; ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (start < 0 && depth == 0) {
            if (isSpace(c))
                continue;
            if (c == ']' && elements.isEmpty()) {
                closed = true;
                ++i;
                break;
            }
            if (c == ',' || c == ']')
                return std::nullopt;
            start = i;
        }
        switch (c) {
        case '"':
            inString = true;
            break;
        case '{':
        case '[':
            ++depth;
            break;
        case '}':
        case ']':
            if (depth == 0) { // the outer array's closing bracket
                if (!finishElement(i))
                    return std::nullopt;
                closed = true;
                ++i;
                goto done;
            }
            --depth;
            break;
        case ',':
            if (depth == 0 && !finishElement(i))
                return std::nullopt;
            break;
        default:
            break;
        }
    }
done:
    if (!closed || inString || depth != 0)
        return std::nullopt;
    while (i < n && isSpace(text[i]))
        ++i;
    if (i != n)
        return std::nullopt;
    return elements;
}

FrameTrades tradesFromFrame(QByteArrayView frame) {
    FrameTrades result;
    simdjson::ondemand::parser parser;
    const simdjson::padded_string padded(frame.data(), size_t(frame.size()));
    simdjson::ondemand::document doc;
    if (parser.iterate(padded).get(doc))
        return result;
    simdjson::ondemand::json_type type;
    if (doc.type().get(type))
        return result;
    if (type == simdjson::ondemand::json_type::object) {
        simdjson::ondemand::object object;
        if (!doc.get_object().get(object))
            collectFromObject(object, result);
    } else if (type == simdjson::ondemand::json_type::array) {
        simdjson::ondemand::array array;
        if (doc.get_array().get(array))
            return result;
        for (auto element : array) {
            simdjson::ondemand::object object;
            if (element.get_object().get(object))
                continue;
            collectFromObject(object, result);
        }
    }
    return result;
}

} // namespace longshot::net::sim::json
