#include "net/simulator/traderendpoints.h"

#include "models/domain/decimal.h"
#include "net/simulator/tradejson.h"

#include <QCryptographicHash>
#include <QUrlQuery>

#include <simdjson.h>

#include <algorithm>
#include <random>

using namespace Qt::StringLiterals;

namespace longshot::net::sim {
namespace {

namespace od = simdjson::ondemand;

// The top-level scalar fields of one JSON object, as text (strings unescaped).
QHash<QByteArray, QByteArray> topFields(QByteArrayView object) {
    QHash<QByteArray, QByteArray> out;
    simdjson::padded_string padded(object.data(), std::size_t(object.size()));
    od::parser parser;
    od::document doc;
    od::object obj;
    if (parser.iterate(padded).get(doc) || doc.get_object().get(obj))
        return out;
    for (auto fieldResult : obj) {
        od::field field;
        if (std::move(fieldResult).get(field))
            return out;
        std::string_view key;
        if (field.unescaped_key().get(key))
            return out;
        od::value value = field.value();
        od::json_type type;
        if (value.type().get(type))
            return out;
        std::string_view text;
        if (type == od::json_type::string) {
            if (value.get_string().get(text))
                return out;
        } else if (type == od::json_type::number || type == od::json_type::boolean) {
            text = value.raw_json_token();
            while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\r'))
                text.remove_suffix(1);
        } else {
            continue;
        }
        out.insert(QByteArray(key.data(), qsizetype(key.size())),
                   QByteArray(text.data(), qsizetype(text.size())));
    }
    return out;
}

TraderEndpoints::Response jsonResponse(QByteArray body, int status = 200) {
    return {status, "application/json", std::move(body)};
}

TraderEndpoints::Response badRequest(const QString &message) {
    QByteArray body = "{\"error\":";
    json::appendString(body, message);
    body += '}';
    return jsonResponse(body, 400);
}

QByteArray joinArray(const QList<QByteArray> &rows, qsizetype from, qsizetype count) {
    QByteArray body = "[";
    const qsizetype end = std::min(rows.size(), from + count);
    for (qsizetype i = std::max<qsizetype>(0, from); i < end; ++i) {
        if (body.size() > 1)
            body += ',';
        body += rows.at(i);
    }
    body += ']';
    return body;
}

QByteArray hex(const QByteArray &seed, int bytes) {
    return QCryptographicHash::hash(seed, QCryptographicHash::Sha256).toHex().left(bytes * 2);
}

QByteArray micros(qint64 m) {
    return Decimal::fromMicros(m).toString().toLatin1();
}

} // namespace

int TraderEndpoints::addActivityRows(const QByteArray &jsonArray) {
    const auto rows = json::splitArray(jsonArray);
    if (!rows)
        return -1;
    for (QByteArrayView row : *rows) {
        const auto f = topFields(row);
        const QString wallet = QString::fromLatin1(f.value("proxyWallet", f.value("proxy_wallet"))).toLower();
        QList<ActivityRow> &list = m_activity[wallet];
        list.append(ActivityRow{f.value("timestamp").toLongLong(), f.value("type"), row.toByteArray()});
        std::stable_sort(list.begin(), list.end(),
                         [](const ActivityRow &a, const ActivityRow &b) { return a.ts < b.ts; });
    }
    return int(rows->size());
}

int TraderEndpoints::addPositionRows(const QByteArray &jsonArray) {
    const auto rows = json::splitArray(jsonArray);
    if (!rows)
        return -1;
    for (QByteArrayView row : *rows)
        m_positions[QString::fromLatin1(topFields(row).value("proxyWallet")).toLower()].append(
            row.toByteArray());
    return int(rows->size());
}

int TraderEndpoints::addClosedPositionRows(const QByteArray &jsonArray) {
    const auto rows = json::splitArray(jsonArray);
    if (!rows)
        return -1;
    for (QByteArrayView row : *rows)
        m_closed[QString::fromLatin1(topFields(row).value("proxyWallet")).toLower()].append(
            row.toByteArray());
    return int(rows->size());
}

int TraderEndpoints::addGammaMarkets(const QByteArray &jsonArray) {
    const auto rows = json::splitArray(jsonArray);
    if (!rows)
        return -1;
    for (QByteArrayView row : *rows) {
        const auto f = topFields(row);
        const QString id = QString::fromLatin1(f.value("conditionId")).toLower();
        if (!m_markets.contains(id))
            m_marketOrder.append(id);
        m_markets.insert(id, MarketRow{f.value("closed") == "true", row.toByteArray()});
    }
    return int(rows->size());
}

void TraderEndpoints::setValue(const QString &wallet, const QByteArray &decimalText) {
    m_values.insert(wallet.toLower(), decimalText);
}

QStringList TraderEndpoints::addGeneratedHistory(const QString &walletText, int fills, quint64 seed,
                                                 qint64 startSeconds, const QString &name) {
    const QString wallet = walletText.toLower();
    std::mt19937_64 rng(seed);
    const int marketCount = std::clamp(fills / 20, 2, 50);
    struct GenMarket {
        QByteArray condition;
        QByteArray assets[2];
        qint64 held[2] = {0, 0}; // centi-shares
        qint64 cost[2] = {0, 0}; // micros
        bool resolved = false;
        int winner = 0;
    };
    QList<GenMarket> markets;
    QStringList ids;
    for (int i = 0; i < marketCount; ++i) {
        GenMarket m;
        const QByteArray base =
            wallet.toLatin1() + '/' + QByteArray::number(seed) + '/' + QByteArray::number(i);
        m.condition = "0x" + hex(base, 32);
        // Token ids are big decimal integers; digits from the hash are enough here.
        for (int o = 0; o < 2; ++o) {
            QByteArray digits;
            for (char c : hex(base + '#' + QByteArray::number(o), 32))
                digits += char('0' + (uchar(c) % 10));
            m.assets[o] = '1' + digits.left(76);
        }
        m.resolved = i % 3 == 0;
        m.winner = (i / 3) % 2;
        markets.append(m);
        ids.append(QString::fromLatin1(m.condition));
    }

    const QByteArray walletBytes = wallet.toLatin1();
    QByteArray nameJson;
    json::appendString(nameJson, name);
    const auto row = [&](qint64 ts, const QByteArray &type, const GenMarket *m, int outcome,
                         const QByteArray &side, qint64 sizeMicros, qint64 usdcMicros, qint64 priceCents,
                         int n) {
        const int index = m ? int(m - markets.constData()) : 0;
        QByteArray r =
            "{\"proxyWallet\":\"" + walletBytes + "\",\"timestamp\":" + QByteArray::number(ts) +
            ",\"conditionId\":\"" + (m ? m->condition : QByteArray()) + "\",\"type\":\"" + type +
            "\",\"size\":" + micros(sizeMicros) + ",\"usdcSize\":" + micros(usdcMicros) +
            ",\"transactionHash\":\"0x" + hex(walletBytes + QByteArray::number(n), 32) +
            "\",\"price\":" + (priceCents > 0 ? micros(priceCents * 10'000) : QByteArray("0")) +
            ",\"asset\":\"" + (outcome >= 0 && m ? m->assets[outcome] : QByteArray()) + "\",\"side\":\"" +
            side + "\",\"outcomeIndex\":" + QByteArray::number(outcome >= 0 ? outcome : 999) +
            ",\"title\":\"Generated market " + QByteArray::number(index) + "?\",\"slug\":\"generated-" +
            QByteArray::number(index) + "\",\"icon\":\"\",\"eventSlug\":\"generated-" +
            QByteArray::number(index) + "\",\"outcome\":\"" +
            (outcome == 0   ? "Yes"
             : outcome == 1 ? "No"
                            : "") +
            "\",\"name\":" + nameJson + ",\"pseudonym\":\"\",\"bio\":\"\",\"profileImage\":\"\"}";
        m_activity[wallet].append(ActivityRow{ts, type, r});
    };

    qint64 ts = startSeconds;
    for (int n = 0; n < fills; ++n, ++ts) {
        GenMarket &m = markets[int(rng() % quint64(markets.size()))];
        const int outcome = int(rng() % 2);
        const qint64 priceCents = 5 + qint64(rng() % 91);
        qint64 size = 100 + qint64(rng() % 50'000); // centi-shares
        const bool sell = m.held[outcome] > 0 && rng() % 10 < 3;
        if (sell)
            size = std::min(size, m.held[outcome]);
        const qint64 usdc = priceCents * size * 100;
        row(ts, "TRADE", &m, outcome, sell ? "SELL" : "BUY", size * 10'000, usdc, priceCents, n);
        if (sell) {
            m.cost[outcome] -= m.cost[outcome] * size / m.held[outcome];
            m.held[outcome] -= size;
        } else {
            m.held[outcome] += size;
            m.cost[outcome] += usdc;
        }
        if (n % 25 == 24) {
            GenMarket &s = markets[int(rng() % quint64(markets.size()))];
            const bool canMerge = s.held[0] >= 1000 && s.held[1] >= 1000;
            const QByteArray type = canMerge ? "MERGE" : "SPLIT";
            row(ts, type, &s, -1, "", 10 * Decimal::kOne, 10 * Decimal::kOne, 0, n + 1'000'000);
            for (int o = 0; o < 2; ++o) {
                s.held[o] += canMerge ? -1000 : 1000;
                s.cost[o] += canMerge ? -std::min(s.cost[o], qint64(5 * Decimal::kOne)) : 5 * Decimal::kOne;
            }
            row(ts, n % 50 == 49 ? "MAKER_REBATE" : "REWARD", nullptr, -1, "", 0, 500'000, 0, n + 2'000'000);
        }
    }
    // Resolutions: winners redeemed a day later; losers never are (as on the live chain).
    for (GenMarket &m : markets) {
        QByteArray prices;
        if (m.resolved) {
            prices = m.winner == 0 ? R"([\"1\", \"0\"])" : R"([\"0\", \"1\"])";
            if (m.held[m.winner] > 0) {
                ++ts;
                row(ts + 86'400, "REDEEM", &m, -1, "", m.held[m.winner] * 10'000, m.held[m.winner] * 10'000,
                    0, int(ts));
            }
        } else {
            prices = R"([\"0.55\", \"0.45\"])";
            for (int o = 0; o < 2; ++o) {
                if (m.held[o] <= 0)
                    continue;
                const qint64 sharesMicros = m.held[o] * 10'000;
                const Decimal avg = Decimal::fromMicros(m.cost[o])
                                        .checkedDiv(Decimal::fromMicros(sharesMicros))
                                        .value_or(Decimal());
                m_positions[wallet].append(
                    "{\"proxyWallet\":\"" + walletBytes + "\",\"asset\":\"" + m.assets[o] +
                    "\",\"conditionId\":\"" + m.condition + "\",\"size\":" + micros(sharesMicros) +
                    ",\"avgPrice\":" + avg.toString().toLatin1() + ",\"initialValue\":" + micros(m.cost[o]) +
                    ",\"currentValue\":0,\"cashPnl\":0,\"totalBought\":" + micros(sharesMicros) +
                    ",\"realizedPnl\":0,\"curPrice\":" + (o == 0 ? "0.55" : "0.45") +
                    ",\"redeemable\":false,\"mergeable\":false,\"title\":\"Generated market\",\"slug\":\"g\","
                    "\"eventSlug\":\"g\",\"outcome\":\"" +
                    (o == 0 ? "Yes" : "No") + "\",\"outcomeIndex\":" + QByteArray::number(o) +
                    ",\"endDate\":\"2030-01-01\",\"negativeRisk\":false}");
            }
        }
        const int index = int(&m - markets.data());
        const QByteArray market =
            "{\"id\":\"" + QByteArray::number(900'000 + index) + "\",\"question\":\"Generated market " +
            QByteArray::number(index) + "?\",\"conditionId\":\"" + m.condition + "\",\"slug\":\"generated-" +
            QByteArray::number(index) +
            "\",\"endDate\":\"2030-01-01T00:00:00Z\",\"closed\":" + (m.resolved ? "true" : "false") +
            ",\"category\":\"" + (index % 2 ? "Sports" : "Politics") + "\",\"liquidity\":\"" +
            QByteArray::number(20'000 + 1'000 * index) + ".25" +
            "\",\"outcomes\":\"[\\\"Yes\\\", \\\"No\\\"]\",\"outcomePrices\":\"" + prices +
            "\",\"clobTokenIds\":\"[\\\"" + m.assets[0] + "\\\", \\\"" + m.assets[1] + "\\\"]\"}";
        addGammaMarkets("[" + market + "]");
    }
    QList<ActivityRow> &list = m_activity[wallet];
    std::stable_sort(list.begin(), list.end(),
                     [](const ActivityRow &a, const ActivityRow &b) { return a.ts < b.ts; });
    return ids;
}

std::optional<TraderEndpoints::Response> TraderEndpoints::answer(const QUrl &url) const {
    const QString path = url.path();
    if (path == u"/activity"_s)
        return activity(url);
    if (path == u"/positions"_s)
        return positions(url, m_positions, 500);
    if (path == u"/closed-positions"_s)
        return positions(url, m_closed, 50);
    if (path == u"/value"_s)
        return value(url);
    if (path == u"/v1/leaderboard"_s)
        return leaderboard(url);
    if (path == u"/markets"_s)
        return markets(url);
    return std::nullopt;
}

TraderEndpoints::Response TraderEndpoints::activity(const QUrl &url) const {
    const QUrlQuery q(url);
    const QString user = q.queryItemValue(u"user"_s).toLower();
    if (user.isEmpty())
        return badRequest(u"required query param 'user' not provided"_s);
    bool ok = true;
    const int limit = q.hasQueryItem(u"limit"_s) ? q.queryItemValue(u"limit"_s).toInt(&ok) : 100;
    if (!ok || limit < 0)
        return badRequest(u"invalid limit"_s);
    const int offset = q.hasQueryItem(u"offset"_s) ? q.queryItemValue(u"offset"_s).toInt(&ok) : 0;
    if (!ok || offset < 0)
        return badRequest(u"invalid offset"_s);
    if (offset > activityMaxOffset)
        return badRequest(u"max historical activity offset of %1 exceeded"_s.arg(activityMaxOffset));
    const qint64 start = q.hasQueryItem(u"start"_s) ? q.queryItemValue(u"start"_s).toLongLong() : 0;
    const qint64 end = q.hasQueryItem(u"end"_s) ? q.queryItemValue(u"end"_s).toLongLong()
                                                : std::numeric_limits<qint64>::max();
    const bool ascending = q.queryItemValue(u"sortDirection"_s).toUpper() == u"ASC"_s;
    QList<QByteArray> types;
    for (const QString &t : q.queryItemValue(u"type"_s).split(u',', Qt::SkipEmptyParts))
        types.append(t.trimmed().toUpper().toLatin1());

    QList<QByteArray> rows;
    const QList<ActivityRow> all = m_activity.value(user);
    for (const ActivityRow &r : all) {
        if (r.ts < start || r.ts > end)
            continue;
        if (!types.isEmpty() && !types.contains(r.type))
            continue;
        // The live quirk: split and merge rows only come back in ascending order.
        if (!ascending && (r.type == "SPLIT" || r.type == "MERGE"))
            continue;
        rows.append(r.json);
    }
    if (!ascending)
        std::reverse(rows.begin(), rows.end());
    return jsonResponse(joinArray(rows, offset, std::min(limit, activityMaxLimit)));
}

TraderEndpoints::Response TraderEndpoints::positions(const QUrl &url,
                                                     const QHash<QString, QList<QByteArray>> &rows,
                                                     int maxLimit) const {
    const QUrlQuery q(url);
    const QString user = q.queryItemValue(u"user"_s).toLower();
    if (user.isEmpty())
        return badRequest(u"required query param 'user' not provided"_s);
    const int limit = q.hasQueryItem(u"limit"_s) ? q.queryItemValue(u"limit"_s).toInt() : 10;
    const int offset = q.queryItemValue(u"offset"_s).toInt();
    if (offset < 0 || offset > 10'000)
        return badRequest(u"invalid offset"_s);
    return jsonResponse(joinArray(rows.value(user), offset, std::clamp(limit, 0, maxLimit)));
}

TraderEndpoints::Response TraderEndpoints::value(const QUrl &url) const {
    const QString user = QUrlQuery(url).queryItemValue(u"user"_s).toLower();
    if (user.isEmpty())
        return badRequest(u"required query param 'user' not provided"_s);
    if (!m_values.contains(user))
        return jsonResponse("[]");
    return jsonResponse("[{\"user\":\"" + user.toLatin1() + "\",\"value\":" + m_values.value(user) + "}]");
}

TraderEndpoints::Response TraderEndpoints::leaderboard(const QUrl &url) const {
    const QUrlQuery q(url);
    const int limit = q.hasQueryItem(u"limit"_s) ? q.queryItemValue(u"limit"_s).toInt() : 25;
    const int offset = q.queryItemValue(u"offset"_s).toInt();
    if (limit < 1 || limit > 50 || offset < 0 || offset > 1000)
        return badRequest(u"invalid request"_s);
    const auto rows = json::splitArray(m_leaderboard);
    QList<QByteArray> list;
    for (QByteArrayView r : rows.value_or(QList<QByteArrayView>()))
        list.append(r.toByteArray());
    return jsonResponse(joinArray(list, offset, limit));
}

TraderEndpoints::Response TraderEndpoints::markets(const QUrl &url) const {
    const QUrlQuery q(url);
    const bool wantClosed = q.queryItemValue(u"closed"_s) == u"true"_s;
    const int limit = q.hasQueryItem(u"limit"_s) ? q.queryItemValue(u"limit"_s).toInt() : 20;
    QStringList ids;
    for (const QString &v : q.allQueryItemValues(u"condition_ids"_s))
        ids += v.toLower().split(u',', Qt::SkipEmptyParts);
    QList<QByteArray> rows;
    const QStringList &order = ids.isEmpty() ? m_marketOrder : ids;
    for (const QString &id : order) {
        const auto it = m_markets.constFind(id);
        // Resolved markets come back only when closed=true is asked for, as on gamma.
        if (it == m_markets.constEnd() || it->closed != wantClosed)
            continue;
        rows.append(it->json);
    }
    return jsonResponse(joinArray(rows, 0, std::max(limit, 1)));
}

} // namespace longshot::net::sim
