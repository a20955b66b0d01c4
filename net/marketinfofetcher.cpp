#include "net/marketinfofetcher.h"

#include "net/activityparser.h"
#include "net/jsonfields.h"
#include "net/jsonnumber.h"
#include "net/restclient.h"

#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace longshot::net {
namespace {

using json::error_code;
namespace od = simdjson::ondemand;

constexpr qsizetype kMaxBodyBytes = 8 * 1024 * 1024;

QUrl endpoint(const QUrl &base, const QString &path, const QUrlQuery &query) {
    QUrl url = RestClient::apiUrl(base, path);
    url.setQuery(query);
    return url;
}

// One holder object. Fields of v1 (camelCase) and v2 (snake_case) land in the same places.
error_code readHolder(od::object object, const QString &groupToken, HoldersPage &page) {
    MarketHolder h;
    QString wallet;
    bool badAmount = false;
    bool hasAmount = false;
    const error_code e = json::forEachField(object, [&](std::string_view key, od::value value) -> error_code {
        json::Field f;
        if (const error_code fe = json::readField(value, f))
            return fe;
        if (key == "proxyWallet" || key == "proxy_wallet") {
            wallet = json::stringOf(f);
        } else if (key == "name") {
            h.name = json::stringOf(f);
        } else if (key == "pseudonym") {
            h.pseudonym = json::stringOf(f);
        } else if (key == "asset" || key == "token_id") {
            h.assetId = json::stringOf(f);
        } else if (key == "outcomeIndex" || key == "outcome_index") {
            h.outcomeIndex = f.isBlank() ? -1 : parseOutcomeIndex(f.text);
        } else if (key == "amount") {
            const json::DecimalField amount = json::decimalOf(f);
            badAmount = amount.bad;
            hasAmount = amount.value.has_value();
            h.amount = amount.value.value_or(Decimal());
        }
        return simdjson::SUCCESS;
    });
    if (e)
        return e;
    const auto parsed = Wallet::parse(wallet);
    if (!parsed) {
        page.rejects.append(RejectReason::BadWallet);
        return simdjson::SUCCESS;
    }
    if (badAmount || !hasAmount) {
        page.rejects.append(badAmount ? RejectReason::BadNumber : RejectReason::MissingField);
        return simdjson::SUCCESS;
    }
    h.wallet = *parsed;
    if (h.assetId.isEmpty())
        h.assetId = groupToken;
    page.holders.append(std::move(h));
    return simdjson::SUCCESS;
}

error_code readGroup(od::object object, HoldersPage &page) {
    QString token;
    return json::forEachField(object, [&](std::string_view key, od::value value) -> error_code {
        if (key == "token" || key == "token_id") {
            json::Field f;
            if (const error_code e = json::readField(value, f))
                return e;
            token = json::stringOf(f);
            return simdjson::SUCCESS;
        }
        if (key != "holders")
            return simdjson::SUCCESS;
        od::json_type type;
        if (const error_code e = value.type().get(type))
            return e;
        if (type == od::json_type::null)
            return simdjson::SUCCESS;
        od::array rows;
        if (const error_code e = value.get_array().get(rows))
            return e;
        return json::forEachElement(rows, [&](od::value row) -> error_code {
            od::object o;
            if (row.get_object().get(o)) {
                page.rejects.append(RejectReason::UnexpectedShape);
                return simdjson::SUCCESS;
            }
            return readHolder(o, token, page);
        });
    });
}

error_code readGroups(od::array groups, HoldersPage &page) {
    return json::forEachElement(groups, [&](od::value group) -> error_code {
        od::object o;
        if (group.get_object().get(o)) {
            page.rejects.append(RejectReason::UnexpectedShape);
            return simdjson::SUCCESS;
        }
        return readGroup(o, page);
    });
}

} // namespace

HoldersPage parseHolders(QByteArrayView body) {
    HoldersPage page;
    if (body.trimmed() == QByteArrayView("null")) {
        page.unknownMarket = true;
        return page;
    }
    if (const auto bad = json::precheck(body, kMaxBodyBytes)) {
        page.error = *bad;
        return page;
    }
    json::PaddedBuffer buffer;
    od::parser parser;
    od::document doc;
    if (const error_code e =
            parser.iterate(buffer.load(std::string_view(body.data(), std::size_t(body.size())))).get(doc)) {
        page.error = json::syntaxReason(e);
        return page;
    }
    od::json_type type;
    error_code e = doc.type().get(type);
    if (!e && type == od::json_type::array) {
        od::array groups;
        e = doc.get_array().get(groups);
        if (!e)
            e = readGroups(groups, page);
    } else if (!e && type == od::json_type::object) {
        od::object root;
        e = doc.get_object().get(root);
        bool sawData = false;
        if (!e)
            e = json::forEachField(root, [&](std::string_view key, od::value value) -> error_code {
                if (key != "data")
                    return simdjson::SUCCESS;
                sawData = true;
                od::array groups;
                if (const error_code ae = value.get_array().get(groups))
                    return ae;
                return readGroups(groups, page);
            });
        if (!e && !sawData)
            page.error = RejectReason::UnexpectedShape;
    } else if (!e) {
        page.error = RejectReason::UnexpectedShape;
    }
    if (e)
        page.error = json::syntaxReason(e);
    else if (!page.error && json::trailingContent(doc))
        page.error = RejectReason::TruncatedJson;
    return page;
}

MarketInfoFetcher::MarketInfoFetcher(RestClient *rest, MarketInfoConfig config, QObject *parent)
    : QObject(parent)
    , m_rest(rest)
    , m_config(std::move(config)) {}

MarketInfoFetcher::~MarketInfoFetcher() = default;

void MarketInfoFetcher::fetch(const QString &conditionId) {
    m_current = conditionId.toLower();
    if (m_current.isEmpty())
        return;
    fetchMarket(m_current, false);
    fetchHolders(m_current);
}

void MarketInfoFetcher::fetchMarket(const QString &conditionId, bool closed) {
    QUrlQuery query;
    query.addQueryItem(u"condition_ids"_s, conditionId);
    if (closed)
        query.addQueryItem(u"closed"_s, u"true"_s);
    m_rest->get(endpoint(m_config.gammaApi, u"/markets"_s, query), this,
                [this, conditionId, closed](const RestResult &result) {
                    if (conditionId != m_current)
                        return; // the user moved on
                    if (result.error) {
                        Q_EMIT failed(conditionId, u"markets"_s, *result.error);
                        return;
                    }
                    const MarketsPage page = parseGammaMarkets(result.body);
                    if (page.error) {
                        Q_EMIT failed(conditionId, u"markets"_s,
                                      FetchError::invalidResponse(rejectReasonName(*page.error)));
                        return;
                    }
                    for (const Market &m : page.markets) {
                        if (m.marketId == conditionId) {
                            Q_EMIT marketReady(m);
                            return;
                        }
                    }
                    if (!closed)
                        return fetchMarket(conditionId, true);
                    Q_EMIT failed(conditionId, u"markets"_s,
                                  FetchError::notFound(u"gamma has no such market"_s));
                });
}

void MarketInfoFetcher::fetchHolders(const QString &conditionId) {
    QUrlQuery query;
    query.addQueryItem(u"market"_s, conditionId);
    query.addQueryItem(u"limit"_s, QString::number(m_config.holdersLimit));
    m_rest->get(endpoint(m_config.dataApi, u"/holders"_s, query), this,
                [this, conditionId](const RestResult &result) {
                    if (conditionId != m_current)
                        return;
                    if (result.error) {
                        Q_EMIT failed(conditionId, u"holders"_s, *result.error);
                        return;
                    }
                    const HoldersPage page = parseHolders(result.body);
                    if (page.error) {
                        Q_EMIT failed(conditionId, u"holders"_s,
                                      FetchError::invalidResponse(rejectReasonName(*page.error)));
                        return;
                    }
                    Q_EMIT holdersReady(conditionId, page.holders);
                });
}

} // namespace longshot::net
