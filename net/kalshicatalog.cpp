// KalshiParser, the catalogue half: GET /historical/cutoff and GET /series. Trades, markets
// and books are in kalshirest.cpp; shared field handling in kalshifields.
#include "net/kalshiparser.h"

#include "net/kalshifields.h"

namespace longshot::net {
namespace {

using namespace json;
using namespace kalshi;

// One cutoff time. Absent, null or "" is no value; anything else must be a plausible time.
QDateTime cutoffTime(const Field &f, QList<RejectReason> &rejects) {
    if (f.kind == Kind::Absent || f.kind == Kind::Null || (f.kind == Kind::String && f.text.empty()))
        return {};
    bool bad = f.kind != Kind::Number && f.kind != Kind::String;
    const auto ms = bad ? std::nullopt : timeOf({&f}, bad);
    if (bad || !ms) {
        rejects.append(RejectReason::BadTimestamp);
        return {};
    }
    return QDateTime::fromMSecsSinceEpoch(*ms, Qt::UTC);
}

struct SeriesFields {
    Field ticker, title, category, frequency, feeType, feeMultiplier, contractUrl, contractTermsUrl, volumeFp,
        volume;
    QStringList tags;
    QList<KalshiSettlementSource> sources;
    bool bad = false; // a list field that was not a list of the expected things
};

constexpr std::array<std::pair<std::string_view, Field SeriesFields::*>, 10> kSeriesScalars{{
    {"ticker", &SeriesFields::ticker},
    {"title", &SeriesFields::title},
    {"category", &SeriesFields::category},
    {"frequency", &SeriesFields::frequency},
    {"fee_type", &SeriesFields::feeType},
    {"fee_multiplier", &SeriesFields::feeMultiplier},
    {"contract_url", &SeriesFields::contractUrl},
    {"contract_terms_url", &SeriesFields::contractTermsUrl},
    {"volume_fp", &SeriesFields::volumeFp},
    {"volume", &SeriesFields::volume},
}};

// Calls visit(element) for each element of an array; null is an empty list, any other
// non-array marks the fields bad.
template <typename F> error_code eachOfList(od::value &value, bool &bad, F &&visit) {
    Field probe;
    if (const error_code e = readField(value, probe))
        return e;
    if (probe.kind != Kind::Array) {
        bad = bad || probe.kind != Kind::Null;
        return simdjson::SUCCESS;
    }
    od::array array;
    if (const error_code e = value.get_array().get(array))
        return e;
    return forEachElement(array, visit);
}

error_code readSource(od::value &element, SeriesFields &f) {
    Field probe;
    if (const error_code e = readField(element, probe))
        return e;
    if (probe.kind != Kind::Object) {
        f.bad = true;
        return simdjson::SUCCESS;
    }
    od::object object;
    if (const error_code e = element.get_object().get(object))
        return e;
    KalshiSettlementSource source;
    if (const error_code e = forEachField(object, [&](std::string_view key, od::value &v) -> error_code {
            QString *slot = key == "name" ? &source.name : key == "url" ? &source.url : nullptr;
            if (!slot)
                return simdjson::SUCCESS;
            Field field;
            if (const error_code e2 = readField(v, field))
                return e2;
            *slot = stringOf(field);
            return simdjson::SUCCESS;
        }))
        return e;
    if (!source.name.isEmpty() || !source.url.isEmpty())
        f.sources.append(source);
    return simdjson::SUCCESS;
}

error_code collectSeries(od::object object, SeriesFields &f) {
    return forEachField(object, [&](std::string_view key, od::value &value) -> error_code {
        if (Field *slot = slotFor(kSeriesScalars, key, f))
            return readField(value, *slot);
        if (key == "tags")
            return eachOfList(value, f.bad, [&](od::value &element) -> error_code {
                Field tag;
                if (const error_code e = readField(element, tag))
                    return e;
                if (tag.kind == Kind::String)
                    f.tags.append(stringOf(tag));
                else
                    f.bad = true;
                return simdjson::SUCCESS;
            });
        if (key == "settlement_sources")
            return eachOfList(value, f.bad, [&](od::value &element) { return readSource(element, f); });
        return simdjson::SUCCESS;
    });
}

std::variant<KalshiSeries, RejectReason> buildSeries(const SeriesFields &f) {
    if (f.ticker.kind != Kind::String || f.ticker.text.empty())
        return RejectReason::MissingField;
    if (f.bad)
        return RejectReason::UnexpectedShape;
    KalshiSeries s;
    bool bad = false;
    s.feeMultiplier = optionalDecimal(f.feeMultiplier, bad);
    bool badVolume = false;
    s.volume = countOf(f.volumeFp, f.volume, badVolume);
    if (bad || badVolume)
        return RejectReason::BadNumber;
    s.ticker = stringOf(f.ticker);
    s.title = stringOf(f.title);
    s.category = stringOf(f.category);
    s.frequency = stringOf(f.frequency);
    s.feeType = stringOf(f.feeType);
    s.contractUrl = stringOf(f.contractUrl);
    s.contractTermsUrl = stringOf(f.contractTermsUrl);
    s.tags = f.tags;
    s.settlementSources = f.sources;
    return s;
}

} // namespace

KalshiHistoricalCutoff KalshiParser::parseHistoricalCutoff(QByteArrayView body) {
    od::document doc;
    od::object root;
    if (const auto reason = d->openObject(body, kMaxBodyBytes, doc, root))
        return failed<KalshiHistoricalCutoff>(*reason);
    Field settled, trades, orders, positions;
    const error_code e = forEachField(root, [&](std::string_view key, od::value &value) -> error_code {
        Field *slot = key == "market_settled_ts"                  ? &settled
                      : key == "trades_created_ts"                ? &trades
                      : key == "orders_updated_ts"                ? &orders
                      : key == "market_positions_last_updated_ts" ? &positions
                                                                  : nullptr;
        return slot ? readField(value, *slot) : simdjson::SUCCESS;
    });
    if (e)
        return failed<KalshiHistoricalCutoff>(syntaxReason(e));
    if (trailingContent(doc))
        return failed<KalshiHistoricalCutoff>(RejectReason::TruncatedJson);
    KalshiHistoricalCutoff out;
    out.marketSettled = cutoffTime(settled, out.rejects);
    out.tradesCreated = cutoffTime(trades, out.rejects);
    out.ordersUpdated = cutoffTime(orders, out.rejects);
    out.marketPositionsLastUpdated = cutoffTime(positions, out.rejects);
    // The trade boundary is what callers route by; without it the answer is no answer.
    if (!out.tradesCreated.isValid()) {
        const bool absent = trades.isBlank() && trades.kind != Kind::Object && trades.kind != Kind::Array &&
                            trades.kind != Kind::Bool;
        out.error = absent ? RejectReason::MissingField : RejectReason::BadTimestamp;
    }
    return out;
}

KalshiSeriesPage KalshiParser::parseSeries(QByteArrayView body) {
    KalshiSeriesPage out;
    od::document doc;
    od::object root;
    if (const auto reason = d->openObject(body, kMaxBodyBytes, doc, root))
        return failed<KalshiSeriesPage>(*reason);
    Field cursor;
    bool sawSeries = false;
    bool badShape = false;
    auto takeSeries = [&](od::value &value) -> error_code {
        return takeObject(value, &collectSeries, &buildSeries, out.series, out.rejects);
    };
    const error_code e = forEachField(root, [&](std::string_view key, od::value &value) -> error_code {
        if (key == "cursor")
            return readField(value, cursor);
        if (key != "series")
            return simdjson::SUCCESS;
        sawSeries = true;
        Field probe;
        if (const error_code e2 = readField(value, probe))
            return e2;
        if (probe.kind == Kind::Object)
            return takeSeries(value); // GET /series/{ticker}
        if (probe.kind != Kind::Array) {
            badShape = probe.kind != Kind::Null; // null: no series
            return simdjson::SUCCESS;
        }
        od::array array;
        if (const error_code e2 = value.get_array().get(array))
            return e2;
        return forEachElement(array, takeSeries);
    });
    if (e)
        return failed<KalshiSeriesPage>(syntaxReason(e));
    if (trailingContent(doc))
        return failed<KalshiSeriesPage>(RejectReason::TruncatedJson);
    if (badShape || (cursor.kind != Kind::Absent && cursor.kind != Kind::Null && cursor.kind != Kind::String))
        return failed<KalshiSeriesPage>(RejectReason::UnexpectedShape);
    if (!sawSeries)
        return failed<KalshiSeriesPage>(RejectReason::MissingField);
    out.cursor = stringOf(cursor);
    return out;
}

} // namespace longshot::net
