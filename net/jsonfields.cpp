#include "net/jsonfields.h"

#include "net/jsonnumber.h"

#include <algorithm>
#include <cstring>

namespace longshot::net::json {

error_code readField(od::value &value, Field &out) {
    od::json_type type;
    if (const error_code e = value.type().get(type))
        return e;
    switch (type) {
    case od::json_type::number: {
        out = {trimJsonSpace(value.raw_json_token()), Kind::Number};
        return simdjson::SUCCESS;
    }
    case od::json_type::string: {
        std::string_view s;
        if (const error_code e = value.get_string().get(s))
            return e;
        out = {s, Kind::String};
        return simdjson::SUCCESS;
    }
    case od::json_type::boolean: {
        bool b = false;
        if (const error_code e = value.get_bool().get(b))
            return e;
        out = {b ? std::string_view("true") : std::string_view("false"), Kind::Bool};
        return simdjson::SUCCESS;
    }
    case od::json_type::null: {
        bool isNull = false;
        if (const error_code e = value.is_null().get(isNull))
            return e;
        if (!isNull)
            return simdjson::INCORRECT_TYPE;
        out = {{}, Kind::Null};
        return simdjson::SUCCESS;
    }
    case od::json_type::object:
        out = {{}, Kind::Object};
        return simdjson::SUCCESS;
    case od::json_type::array:
        out = {{}, Kind::Array};
        return simdjson::SUCCESS;
    }
    return simdjson::INCORRECT_TYPE;
}

DecimalField decimalOf(const Field &field) {
    if (field.isBlank())
        return {};
    const DecimalParse p = Decimal::parse(field.text);
    // More than six decimals would be rounded: not exact, so not a price we may trust.
    if (!p.ok() || p.rounded)
        return {std::nullopt, true};
    return {p.value, false};
}

std::optional<qint64> integerOf(const Field &field) {
    if (field.isBlank() || field.text.size() > 18)
        return std::nullopt;
    std::string_view t = field.text;
    const bool negative = t.front() == '-';
    if (negative)
        t.remove_prefix(1);
    if (t.empty())
        return std::nullopt;
    qint64 v = 0;
    for (char c : t) {
        if (c < '0' || c > '9')
            return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return negative ? -v : v;
}

QString stringOf(const Field &field) {
    if (!field.isScalarText())
        return {};
    return QString::fromUtf8(field.text.data(), static_cast<qsizetype>(field.text.size()));
}

simdjson::padded_string_view PaddedBuffer::load(std::string_view text) {
    const std::size_t needed = text.size() + simdjson::SIMDJSON_PADDING;
    if (needed > m_capacity) {
        m_capacity = std::max(needed, m_capacity * 2);
        m_data = std::make_unique<char[]>(m_capacity);
    }
    std::memcpy(m_data.get(), text.data(), text.size());
    std::memset(m_data.get() + text.size(), 0, simdjson::SIMDJSON_PADDING);
    return simdjson::padded_string_view(m_data.get(), text.size(), m_capacity);
}

RejectReason syntaxReason(error_code e) {
    switch (e) {
    case simdjson::UTF8_ERROR:
        return RejectReason::NotJson;
    case simdjson::DEPTH_ERROR:
    case simdjson::INCORRECT_TYPE:
        return RejectReason::UnexpectedShape;
    default:
        return RejectReason::TruncatedJson;
    }
}

bool trailingContent(od::document &doc) {
    const char *location = nullptr;
    return doc.current_location().get(location) == simdjson::SUCCESS;
}

std::optional<RejectReason> precheck(QByteArrayView frame, qsizetype maxBytes) {
    if (frame.size() > maxBytes)
        return RejectReason::Oversized;
    const QByteArrayView trimmed = frame.trimmed();
    if (trimmed.isEmpty() || (trimmed.front() != '{' && trimmed.front() != '['))
        return RejectReason::NotJson;
    return std::nullopt;
}

} // namespace longshot::net::json
