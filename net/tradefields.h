#pragma once

#include "models/domain/trade.h"
#include "net/rtdsparser.h"

#include <QtGlobal>

#include <optional>
#include <string_view>

// The trade fields of an RTDS payload or a data-api row, as text, and their validation into
// a Trade. Kept apart from the JSON reading so the rules read in one place and hold for
// both routes; no simdjson here.
namespace longshot::net {
class TradeTextCache;
}

namespace longshot::net::tradefields {

// How a field stood in the JSON; Other is a bool, object or array.
enum class Kind : quint8 { Absent = 0, Null, Number, String, Other };

// A field as it stood in the JSON: number text (raw token) or string contents, not yet
// converted. Views point into the padded input or the parser's string buffer, so they
// live until the next iterate().
struct FieldText {
    std::string_view text;
    Kind kind = Kind::Absent;
};

struct TradeFields {
    FieldText price, size, fee, side, proxyWallet, transactionHash, asset, conditionId, timestamp, outcome,
        outcomeIndex, title, slug, eventSlug, name, pseudonym;
};

// Present: neither absent nor null.
inline bool present(const FieldText &f) {
    return f.kind != Kind::Absent && f.kind != Kind::Null;
}

// A number, or a string that may hold one (RTDS sometimes quotes its numbers).
inline bool isNumeric(const FieldText &f) {
    return f.kind == Kind::Number || f.kind == Kind::String;
}

// ASCII comparison ignoring case; `lower` must be lowercase letters.
bool asciiEqualsNoCase(std::string_view text, std::string_view lower);

// Validates the fields and fills `t`; the reason when the trade must be refused. The
// checks run in a fixed order, so the reason never depends on the order of the fields.
std::optional<RejectReason> buildTrade(const TradeFields &f, TradeSource source, qint64 receivedMs,
                                       TradeTextCache &cache, Trade &t);

// buildTrade, appending the trade or the reason to `out`.
void addTrade(const TradeFields &f, TradeSource source, qint64 receivedMs, TradeTextCache &cache,
              ParseResult &out);

} // namespace longshot::net::tradefields
