#pragma once

// Internal to longshot_net (simdjson is a private dependency): the small field-reading kit
// the Kalshi and CLOB parsers share. Never included from a public header.

#include "models/domain/decimal.h"
#include "net/rtdsparser.h"

#include <QByteArrayView>
#include <QString>

#include <simdjson.h>

#include <memory>
#include <optional>
#include <string_view>
#include <utility>

namespace longshot::net::json {

namespace od = simdjson::ondemand;
using simdjson::error_code;

enum class Kind : quint8 { Absent = 1, Null, Number, String, Bool, Object, Array };

// One value as it stood in the JSON: a number's raw token or a string's unescaped contents.
// The view lives until the parser's next iterate().
struct Field {
    std::string_view text;
    Kind kind = Kind::Absent;
    bool isScalarText() const { return kind == Kind::Number || kind == Kind::String; }
    // Absent, null and "" all mean "no value" on these feeds.
    bool isBlank() const { return !isScalarText() || text.empty(); }
};

// Reads a scalar without converting it. Objects and arrays are only marked; the enclosing
// iterator skips them.
error_code readField(od::value &value, Field &out);

template <typename F> error_code forEachField(od::object object, F &&visit) {
    for (auto fieldResult : object) {
        od::field field;
        if (const error_code e = std::move(fieldResult).get(field))
            return e;
        std::string_view key;
        if (const error_code e = field.unescaped_key().get(key))
            return e;
        if (const error_code e = visit(key, field.value()))
            return e;
    }
    return simdjson::SUCCESS;
}

template <typename F> error_code forEachElement(od::array array, F &&visit) {
    for (auto elementResult : array) {
        od::value element;
        if (const error_code e = std::move(elementResult).get(element))
            return e;
        if (const error_code e = visit(element))
            return e;
    }
    return simdjson::SUCCESS;
}

// An exact decimal from a string or a number token; blank is no value, not an error.
struct DecimalField {
    std::optional<Decimal> value;
    bool bad = false; // present but not an exact finite decimal
};
DecimalField decimalOf(const Field &field);
// A plain integer (string or number): legacy cents, counts, ids, seq.
std::optional<qint64> integerOf(const Field &field);
QString stringOf(const Field &field);

// Copies frames into one padded buffer that grows and is reused: no allocation per frame.
class PaddedBuffer final {
public:
    simdjson::padded_string_view load(std::string_view text);

private:
    std::unique_ptr<char[]> m_data;
    std::size_t m_capacity = 0;
};

RejectReason syntaxReason(error_code e);
// After the root value only whitespace may follow.
bool trailingContent(od::document &doc);
// The cheap checks before simdjson sees the bytes: size, and whether it even looks like JSON.
std::optional<RejectReason> precheck(QByteArrayView frame, qsizetype maxBytes);

} // namespace longshot::net::json
