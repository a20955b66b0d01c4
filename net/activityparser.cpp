#include "net/activityparser.h"

#include "net/jsonfields.h"
#include "net/jsonnumber.h"

#include <QDateTime>
#include <QHash>

#include <functional>
#include <string>
#include <vector>

using namespace Qt::StringLiterals;

namespace longshot::net {
namespace {

using json::Field;
using json::Kind;
namespace od = simdjson::ondemand;
using simdjson::error_code;

constexpr qsizetype kMaxBodyBytes = 64 * 1024 * 1024;

// One row's scalar fields, as views into the document (valid until the next parse).
struct Row {
    std::vector<std::pair<std::string_view, Field>> fields;

    const Field *find(std::string_view name) const {
        for (const auto &[key, field] : fields) {
            if (key == name)
                return &field;
        }
        return nullptr;
    }
    // v1 camelCase first, then the v2 snake_case spelling.
    const Field *find(std::string_view camel, std::string_view snake) const {
        const Field *f = find(camel);
        return f ? f : find(snake);
    }
};

using NestedVisitor = std::function<error_code(std::string_view key, od::value &value)>;

error_code readRow(od::object object, Row &row, const NestedVisitor &nested = {}) {
    row.fields.clear();
    return json::forEachField(object, [&](std::string_view key, od::value value) -> error_code {
        Field f;
        if (const error_code e = json::readField(value, f))
            return e;
        if ((f.kind == Kind::Object || f.kind == Kind::Array) && nested)
            return nested(key, value);
        row.fields.emplace_back(key, f);
        return simdjson::SUCCESS;
    });
}

QString text(const Field *f) {
    return f ? json::stringOf(*f) : QString();
}

bool isBlank(const Field *f) {
    return !f || f->isBlank();
}

bool boolOf(const Field *f) {
    return f && f->kind == Kind::Bool && f->text == "true";
}

// Amounts the API rounds itself (usdcSize, pnl) can carry more than six decimals; they are
// rounded half-even like every other Decimal. Only a malformed number is refused.
struct Amount {
    std::optional<Decimal> value;
    bool bad = false;
};
Amount amountOf(const Field *f) {
    if (isBlank(f))
        return {};
    const DecimalParse p = parseDecimal(f->text);
    if (!p.ok())
        return {std::nullopt, true};
    return {p.value, false};
}

std::optional<qint64> timestampOf(const Field *f) {
    if (isBlank(f))
        return std::nullopt;
    const TimestampParse t = parseTimestampMs(f->text);
    if (!t.ok())
        return std::nullopt;
    return t.ms;
}

int outcomeIndexOf(const Field *f) {
    return isBlank(f) ? -1 : parseOutcomeIndex(f->text);
}

// Walks a body that is either a bare array of rows (v1) or {"data": [...] | {...},
// "pagination": {"next_cursor": ...}} (v2), calling visit on every row object.
struct BodyWalker {
    json::PaddedBuffer buffer;
    od::parser parser;

    std::optional<RejectReason> walk(QByteArrayView body, const std::function<error_code(od::value &)> &visit,
                                     QString *nextCursor = nullptr) {
        if (const auto bad = json::precheck(body, kMaxBodyBytes))
            return bad;
        const auto padded = buffer.load(std::string_view(body.data(), std::size_t(body.size())));
        od::document doc;
        if (const error_code e = parser.iterate(padded).get(doc))
            return json::syntaxReason(e);
        od::json_type type;
        if (const error_code e = doc.type().get(type))
            return json::syntaxReason(e);
        const auto eachElement = [&](od::array array) {
            return json::forEachElement(array, [&](od::value &element) { return visit(element); });
        };
        error_code e = simdjson::SUCCESS;
        if (type == od::json_type::array) {
            od::array array;
            if ((e = doc.get_array().get(array)))
                return json::syntaxReason(e);
            e = eachElement(array);
        } else if (type == od::json_type::object) {
            od::object root;
            if ((e = doc.get_object().get(root)))
                return json::syntaxReason(e);
            bool sawData = false;
            e = json::forEachField(root, [&](std::string_view key, od::value value) -> error_code {
                if (key == "data") {
                    sawData = true;
                    od::json_type t;
                    if (const error_code te = value.type().get(t))
                        return te;
                    if (t == od::json_type::array) {
                        od::array array;
                        if (const error_code ae = value.get_array().get(array))
                            return ae;
                        return eachElement(array);
                    }
                    if (t == od::json_type::object)
                        return visit(value);
                    return simdjson::SUCCESS; // null data: nothing to read
                }
                if (key == "pagination" && nextCursor) {
                    od::object pagination;
                    if (value.get_object().get(pagination))
                        return simdjson::SUCCESS;
                    return json::forEachField(pagination, [&](std::string_view k, od::value v) -> error_code {
                        Field f;
                        if (const error_code fe = json::readField(v, f))
                            return fe;
                        if (k == "next_cursor")
                            *nextCursor = json::stringOf(f);
                        return simdjson::SUCCESS;
                    });
                }
                return simdjson::SUCCESS;
            });
            if (!e && !sawData)
                return RejectReason::UnexpectedShape; // e.g. {"error": "..."} with a 200
        } else if (type == od::json_type::null) {
            return std::nullopt; // the data-api answers some unknown keys with a bare null
        } else {
            return RejectReason::UnexpectedShape;
        }
        if (e)
            return json::syntaxReason(e);
        if (json::trailingContent(doc))
            return RejectReason::TruncatedJson;
        return std::nullopt;
    }
};

// Each row's object, or an UnexpectedShape reject for a non-object element.
template <typename F>
std::function<error_code(od::value &)> objectRows(QList<RejectReason> &rejects, F &&onRow) {
    return [&rejects, onRow = std::forward<F>(onRow)](od::value &element) -> error_code {
        od::json_type t;
        if (const error_code e = element.type().get(t))
            return e;
        if (t != od::json_type::object) {
            rejects.append(RejectReason::UnexpectedShape);
            return simdjson::SUCCESS;
        }
        od::object object;
        if (const error_code e = element.get_object().get(object))
            return e;
        return onRow(object);
    };
}

// A JSON array encoded in a string (gamma's outcomes, outcomePrices, clobTokenIds).
std::optional<QList<std::string>> innerArray(std::string_view encoded) {
    if (encoded.empty())
        return QList<std::string>();
    static thread_local od::parser parser;
    simdjson::padded_string padded(encoded);
    od::document doc;
    od::array array;
    if (parser.iterate(padded).get(doc) || doc.get_array().get(array))
        return std::nullopt;
    QList<std::string> out;
    for (auto elementResult : array) {
        od::value element;
        if (std::move(elementResult).get(element))
            return std::nullopt;
        Field f;
        if (json::readField(element, f) || !f.isScalarText())
            return std::nullopt;
        out.append(std::string(f.text));
    }
    if (json::trailingContent(doc))
        return std::nullopt;
    return out;
}

} // namespace

std::optional<ActivityType> activityTypeFromName(QStringView name) {
    static const QHash<QString, ActivityType> types = {
        {u"TRADE"_s, ActivityType::Trade},
        {u"SPLIT"_s, ActivityType::Split},
        {u"MERGE"_s, ActivityType::Merge},
        {u"REDEEM"_s, ActivityType::Redeem},
        {u"CONVERSION"_s, ActivityType::Conversion},
        {u"REWARD"_s, ActivityType::Reward},
        {u"REFERRAL_REWARD"_s, ActivityType::ReferralReward},
        {u"MAKER_REBATE"_s, ActivityType::MakerRebate},
        {u"TAKER_REBATE"_s, ActivityType::TakerRebate},
        {u"YIELD"_s, ActivityType::Yield},
        {u"DEPOSIT"_s, ActivityType::Deposit},
        {u"WITHDRAWAL"_s, ActivityType::Withdrawal},
    };
    const auto it = types.constFind(name.toString().toUpper());
    if (it == types.constEnd())
        return std::nullopt;
    return *it;
}

ActivityPage parseActivity(QByteArrayView body) {
    ActivityPage page;
    BodyWalker walker;
    QHash<QString, qsizetype> marketIndex;
    Row row;

    const auto onRow = [&](od::object object) -> error_code {
        if (const error_code e = readRow(object, row))
            return e;
        ++page.rows;
        const std::optional<qint64> ts = timestampOf(row.find("timestamp"));
        if (ts) {
            page.oldestMs = page.oldestMs == 0 ? *ts : std::min(page.oldestMs, *ts);
            page.newestMs = std::max(page.newestMs, *ts);
        }
        if (page.traderName.isEmpty())
            page.traderName = text(row.find("name"));
        if (page.traderPseudonym.isEmpty())
            page.traderPseudonym = text(row.find("pseudonym"));

        const QString typeName = text(row.find("type"));
        const std::optional<ActivityType> type = activityTypeFromName(typeName);
        if (!type) {
            if (typeName.isEmpty())
                page.rejects.append(RejectReason::MissingField);
            else if (!page.unknownTypes.contains(typeName))
                page.unknownTypes.append(typeName);
            return simdjson::SUCCESS;
        }
        if (*type == ActivityType::Deposit || *type == ActivityType::Withdrawal) {
            ++page.cashMoves;
            return simdjson::SUCCESS;
        }
        const auto wallet = Wallet::parse(text(row.find("proxyWallet", "proxy_wallet")));
        if (!wallet) {
            page.rejects.append(RejectReason::BadWallet);
            return simdjson::SUCCESS;
        }
        if (!ts) {
            page.rejects.append(RejectReason::BadTimestamp);
            return simdjson::SUCCESS;
        }
        const Amount size = amountOf(row.find("size"));
        const Amount usdc = amountOf(row.find("usdcSize", "usdc_size"));
        if (size.bad || usdc.bad) {
            page.rejects.append(RejectReason::BadNumber);
            return simdjson::SUCCESS;
        }
        const QString conditionId = text(row.find("conditionId", "condition_id")).toLower();
        const QString assetId = text(row.find("asset", "token_id"));
        const int outcomeIndex = outcomeIndexOf(row.find("outcomeIndex", "outcome_index"));
        const Decimal shares = size.value.value_or(Decimal());
        const Decimal cash = usdc.value.value_or(Decimal());

        ActivityEvent event;
        switch (*type) {
        case ActivityType::Trade: {
            const auto side = sideFromName(text(row.find("side")));
            if (!side) {
                page.rejects.append(RejectReason::BadSide);
                return simdjson::SUCCESS;
            }
            if (conditionId.isEmpty() || (assetId.isEmpty() && outcomeIndex < 0) || !size.value ||
                !usdc.value) {
                page.rejects.append(RejectReason::MissingField);
                return simdjson::SUCCESS;
            }
            event = ActivityEvent::trade(*side == Side::Buy ? ActivityKind::Buy : ActivityKind::Sell,
                                         conditionId, assetId, outcomeIndex, shares, cash, *ts);
            break;
        }
        case ActivityType::Split:
        case ActivityType::Merge:
            if (conditionId.isEmpty() || !size.value) {
                page.rejects.append(RejectReason::MissingField);
                return simdjson::SUCCESS;
            }
            // The rows name no token; the ledger takes the condition's two outcomes.
            event = ActivityEvent::splitOrMerge(*type == ActivityType::Split ? ActivityKind::Split
                                                                             : ActivityKind::Merge,
                                                conditionId, {}, shares, *ts);
            break;
        case ActivityType::Redeem:
            if (conditionId.isEmpty() || !usdc.value) {
                page.rejects.append(RejectReason::MissingField);
                return simdjson::SUCCESS;
            }
            event = ActivityEvent::redeem(conditionId, cash, *ts);
            break;
        case ActivityType::Conversion:
            // A row names one question, not the converted index set and the questions
            // received, so the legs stay empty: the ledger counts the event as ignored
            // (shown as a completeness counter) instead of booking a made-up price.
            event = ActivityEvent::convert({}, {}, shares, *ts);
            event.conditionId = conditionId;
            event.assetId = assetId;
            event.outcomeIndex = outcomeIndex;
            event.usdc = cash;
            break;
        case ActivityType::Reward:
        case ActivityType::ReferralReward:
        case ActivityType::Yield: // interest credited on held collateral: income, like a reward
            event = ActivityEvent::cash(ActivityKind::Reward, cash, *ts, assetId);
            event.conditionId = conditionId;
            break;
        case ActivityType::MakerRebate:
        case ActivityType::TakerRebate:
            event = ActivityEvent::cash(ActivityKind::Rebate, cash, *ts, assetId);
            event.conditionId = conditionId;
            break;
        case ActivityType::Deposit:
        case ActivityType::Withdrawal:
            return simdjson::SUCCESS;
        }
        event.wallet = *wallet;
        event.txId = text(row.find("transactionHash", "transaction_hash")).toLower();
        page.events.append(std::move(event));

        if (!conditionId.isEmpty()) {
            auto it = marketIndex.constFind(conditionId);
            if (it == marketIndex.constEnd()) {
                Market m;
                m.marketId = conditionId;
                m.title = text(row.find("title"));
                m.slug = text(row.find("slug"));
                m.eventSlug = text(row.find("eventSlug", "event_slug"));
                page.markets.append(m);
                it = marketIndex.insert(conditionId, page.markets.size() - 1);
            }
            Market &m = page.markets[*it];
            if (!assetId.isEmpty()) {
                bool known = false;
                for (const Outcome &o : std::as_const(m.outcomes))
                    known = known || o.assetId == assetId;
                if (!known)
                    m.outcomes.append(Outcome{assetId, text(row.find("outcome")), outcomeIndex, {}, {}});
            }
        }
        return simdjson::SUCCESS;
    };
    page.error = walker.walk(body, objectRows(page.rejects, onRow), &page.nextCursor);
    return page;
}

PositionsPage parsePositions(QByteArrayView body) {
    PositionsPage page;
    BodyWalker walker;
    Row row;
    const auto onRow = [&](od::object object) -> error_code {
        if (const error_code e = readRow(object, row))
            return e;
        ++page.rowCount;
        const auto wallet = Wallet::parse(text(row.find("proxyWallet", "proxy_wallet")));
        if (!wallet) {
            page.rejects.append(RejectReason::BadWallet);
            return simdjson::SUCCESS;
        }
        PositionRow r;
        r.position.wallet = *wallet;
        r.position.assetId = text(row.find("asset", "token_id"));
        r.position.marketId = text(row.find("conditionId", "condition_id")).toLower();
        if (r.position.assetId.isEmpty() || r.position.marketId.isEmpty()) {
            page.rejects.append(RejectReason::MissingField);
            return simdjson::SUCCESS;
        }
        const Field *sizeField = row.find("size");
        if (!sizeField)
            sizeField = row.find("current_size");
        const Amount size = amountOf(sizeField);
        const Amount avg = amountOf(row.find("avgPrice", "avg_price"));
        const Amount realized = amountOf(row.find("realizedPnl", "realized_pnl"));
        const Amount mark = amountOf(row.find("curPrice", "current_price"));
        const Amount initial = amountOf(row.find("initialValue", "entry_cost_usdc"));
        const Amount current = amountOf(row.find("currentValue", "current_value"));
        const Amount cashPnl = amountOf(row.find("cashPnl", "unrealized_pnl"));
        const Amount bought = amountOf(row.find("totalBought", "total_size"));
        if (size.bad || avg.bad || realized.bad || mark.bad || initial.bad || current.bad || cashPnl.bad ||
            bought.bad) {
            page.rejects.append(RejectReason::BadNumber);
            return simdjson::SUCCESS;
        }
        r.position.shares = size.value.value_or(Decimal());
        r.position.averagePrice = avg.value.value_or(Decimal());
        r.position.realizedPnl = realized.value.value_or(Decimal());
        r.position.mark = mark.value;
        r.position.outcome = text(row.find("outcome"));
        r.outcomeIndex = outcomeIndexOf(row.find("outcomeIndex", "outcome_index"));
        r.title = text(row.find("title"));
        r.slug = text(row.find("slug"));
        r.eventSlug = text(row.find("eventSlug", "event_slug"));
        r.oppositeAsset = text(row.find("oppositeAsset", "opposite_asset"));
        r.initialValue = initial.value.value_or(Decimal());
        r.currentValue = current.value.value_or(Decimal());
        r.cashPnl = cashPnl.value.value_or(Decimal());
        r.totalBought = bought.value.value_or(Decimal());
        r.redeemable = boolOf(row.find("redeemable"));
        r.mergeable = boolOf(row.find("mergeable"));
        r.negativeRisk = boolOf(row.find("negativeRisk", "negative_risk"));
        r.endDate = QDate::fromString(text(row.find("endDate", "end_date")).left(10), Qt::ISODate);
        r.timestampMs = timestampOf(row.find("timestamp")).value_or(0);
        page.rows.append(std::move(r));
        return simdjson::SUCCESS;
    };
    page.error = walker.walk(body, objectRows(page.rejects, onRow));
    return page;
}

ValueResult parseValue(QByteArrayView body) {
    ValueResult result;
    BodyWalker walker;
    QList<RejectReason> rejects;
    Row row;
    const auto onRow = [&](od::object object) -> error_code {
        if (const error_code e = readRow(object, row))
            return e;
        const Amount value = amountOf(row.find("value"));
        if (value.bad) {
            rejects.append(RejectReason::BadNumber);
            return simdjson::SUCCESS;
        }
        if (const auto wallet = Wallet::parse(text(row.find("user", "proxy_wallet"))))
            result.wallet = *wallet;
        result.value = value.value;
        return simdjson::SUCCESS;
    };
    result.error = walker.walk(body, objectRows(rejects, onRow));
    if (!result.error && !rejects.isEmpty())
        result.error = rejects.constFirst();
    return result;
}

LeaderboardPage parseLeaderboard(QByteArrayView body) {
    LeaderboardPage page;
    BodyWalker walker;
    Row row;
    const auto onRow = [&](od::object object) -> error_code {
        if (const error_code e = readRow(object, row))
            return e;
        LeaderboardRow r;
        const auto wallet = Wallet::parse(text(row.find("proxyWallet", "user_id")));
        if (!wallet) {
            page.rejects.append(RejectReason::BadWallet);
            return simdjson::SUCCESS;
        }
        r.wallet = *wallet;
        const Field *rankField = row.find("rank");
        const qint64 rank = isBlank(rankField) ? 0 : json::integerOf(*rankField).value_or(0);
        const Field *volField = row.find("vol");
        if (!volField)
            volField = row.find("volume");
        const Amount vol = amountOf(volField);
        const Amount pnl = amountOf(row.find("pnl"));
        if (rank <= 0 || rank > 1'000'000 || vol.bad || pnl.bad) {
            page.rejects.append(RejectReason::BadNumber);
            return simdjson::SUCCESS;
        }
        r.rank = int(rank);
        r.userName = text(row.find("userName", "user_name"));
        r.xUsername = text(row.find("xUsername", "x_username"));
        r.verified = boolOf(row.find("verifiedBadge", "verified"));
        r.volume = vol.value.value_or(Decimal());
        r.pnl = pnl.value.value_or(Decimal());
        page.rows.append(std::move(r));
        return simdjson::SUCCESS;
    };
    page.error = walker.walk(body, objectRows(page.rejects, onRow));
    return page;
}

MarketsPage parseGammaMarkets(QByteArrayView body) {
    MarketsPage page;
    BodyWalker walker;
    Row row;
    const auto onRow = [&](od::object object) -> error_code {
        QString tagSlug;
        QString eventSlug;
        // tags[0].slug and events[0].slug: the first element only.
        const NestedVisitor nested = [&](std::string_view key, od::value &value) -> error_code {
            if (key != "tags" && key != "events")
                return simdjson::SUCCESS;
            od::array array;
            if (value.get_array().get(array))
                return simdjson::SUCCESS;
            QString *target = key == "tags" ? &tagSlug : &eventSlug;
            return json::forEachElement(array, [&](od::value &element) -> error_code {
                od::object item;
                if (!target->isEmpty() || element.get_object().get(item))
                    return simdjson::SUCCESS;
                return json::forEachField(item, [&](std::string_view k, od::value v) -> error_code {
                    Field f;
                    if (const error_code e = json::readField(v, f))
                        return e;
                    if (k == "slug" && target->isEmpty())
                        *target = json::stringOf(f);
                    return simdjson::SUCCESS;
                });
            });
        };
        if (const error_code e = readRow(object, row, nested))
            return e;
        ++page.rowCount;
        Market m;
        m.marketId = text(row.find("conditionId")).toLower();
        if (m.marketId.isEmpty()) {
            page.rejects.append(RejectReason::MissingField);
            return simdjson::SUCCESS;
        }
        m.title = text(row.find("question"));
        m.slug = text(row.find("slug"));
        m.eventSlug = eventSlug;
        m.category = text(row.find("category")).toLower();
        if (m.category.isEmpty())
            m.category = tagSlug.toLower();
        m.endDate = QDateTime::fromString(text(row.find("endDate")), Qt::ISODateWithMs);
        m.closed = boolOf(row.find("closed"));
        // The string carries the exact decimal; liquidityNum is the same figure as a number
        // token, read from its text only when the string is missing.
        const Amount liquidity =
            amountOf(isBlank(row.find("liquidity")) ? row.find("liquidityNum") : row.find("liquidity"));
        if (liquidity.value && !liquidity.value->isNegative())
            m.liquidityUsd = liquidity.value;

        const Field *names = row.find("outcomes");
        const Field *prices = row.find("outcomePrices");
        const Field *tokens = row.find("clobTokenIds");
        const auto nameList = innerArray(names ? names->text : std::string_view());
        const auto priceList = innerArray(prices ? prices->text : std::string_view());
        const auto tokenList = innerArray(tokens ? tokens->text : std::string_view());
        if (!nameList || !priceList || !tokenList) {
            page.rejects.append(RejectReason::UnexpectedShape);
            return simdjson::SUCCESS;
        }
        const qsizetype n = std::max({nameList->size(), priceList->size(), tokenList->size()});
        QList<Decimal> priceValues;
        bool pricesOk = priceList->size() == n;
        for (qsizetype i = 0; i < n; ++i) {
            Outcome o;
            o.index = int(i);
            o.name = QString::fromStdString(nameList->value(i));
            o.assetId = QString::fromStdString(tokenList->value(i));
            if (i < priceList->size()) {
                const DecimalParse p = parseDecimal(priceList->at(i));
                if (p.ok()) {
                    o.lastPrice = p.value;
                    priceValues.append(p.value);
                } else {
                    pricesOk = false;
                }
            }
            m.outcomes.append(o);
        }
        if (m.closed) {
            // A resolved market's prices are its payout vector; anything else (0.9995 while
            // the oracle is still out) is not a settlement yet.
            Decimal sum;
            bool settled = pricesOk && !priceValues.isEmpty();
            for (Decimal p : std::as_const(priceValues)) {
                settled = settled && (p.isZero() || p == Decimal::fromMicros(Decimal::kOne) ||
                                      p == Decimal::fromMicros(Decimal::kOne / 2));
                sum = sum.checkedAdd(p).value_or(Decimal());
            }
            settled = settled && sum == Decimal::fromMicros(Decimal::kOne);
            if (settled) {
                for (qsizetype i = 0; i < m.outcomes.size(); ++i)
                    m.outcomes[i].payout = priceValues.at(i);
            } else {
                ++page.closedWithoutPayout;
            }
        }
        page.markets.append(std::move(m));
        return simdjson::SUCCESS;
    };
    page.error = walker.walk(body, objectRows(page.rejects, onRow));
    return page;
}

} // namespace longshot::net
