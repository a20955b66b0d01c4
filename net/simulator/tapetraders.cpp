#include "net/simulator/tapetraders.h"

#include "net/simulator/tradejson.h"
#include "net/simulator/tradestore.h"

#include <QHash>
#include <QUrlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace longshot::net::sim {

namespace {

constexpr int kMaxOffset = 3000;
constexpr int kMaxLimit = 500;

TapeTraders::Response jsonReply(QByteArray body, int status = 200) {
    return {status, "application/json", std::move(body)};
}

TapeTraders::Response badRequest(const QString &message) {
    QByteArray body = "{\"error\":";
    json::appendString(body, message);
    body += '}';
    return jsonReply(body, 400);
}

QByteArray decimalText(qint64 micros) {
    return Decimal::fromMicros(micros).toString().toLatin1();
}

qint64 valueMicros(qint64 sharesMicros, qint64 priceMicros) {
    return Decimal::fromMicros(sharesMicros)
        .checkedMul(Decimal::fromMicros(priceMicros))
        .value_or(Decimal())
        .micros();
}

struct Holding {
    const Trade *last = nullptr; // a fill of this asset by the wallet, for the labels
    qint64 sharesMicros = 0;
    qint64 costMicros = 0;
};

// Per asset: what the wallet holds after its fills, sells clamped to the holding.
QHash<QString, Holding> holdingsOf(const TradeBatch &all, const QString &wallet) {
    QHash<QString, Holding> out;
    for (const Trade &t : all) {
        if (t.wallet.address() != wallet)
            continue;
        Holding &h = out[t.assetId];
        h.last = &t;
        const qint64 notional = t.notional().value_or(Decimal()).micros();
        if (t.side == Side::Buy) {
            h.sharesMicros += t.size.micros();
            h.costMicros += notional;
        } else if (h.sharesMicros > 0) {
            const qint64 sold = std::min(h.sharesMicros, t.size.micros());
            h.costMicros -= qint64(double(h.costMicros) * double(sold) / double(h.sharesMicros));
            h.sharesMicros -= sold;
        }
    }
    return out;
}

QHash<QString, qint64> lastPrices(const TradeBatch &all) {
    QHash<QString, qint64> out;
    for (const Trade &t : all)
        out.insert(t.assetId, t.price.micros());
    return out;
}

QString userOf(const QUrl &url) {
    return QUrlQuery(url).queryItemValue(u"user"_s).trimmed().toLower();
}

} // namespace

std::optional<TapeTraders::Response> TapeTraders::answer(const QUrl &url) const {
    const QString path = url.path();
    if (path == u"/activity"_s)
        return activity(url);
    if (path == u"/positions"_s)
        return positions(url);
    if (path == u"/closed-positions"_s)
        return userOf(url).isEmpty() ? badRequest(u"required query param 'user' not provided"_s)
                                     : jsonReply("[]");
    if (path == u"/value"_s)
        return value(url);
    if (path == u"/v1/leaderboard"_s)
        return leaderboard(url);
    return std::nullopt;
}

TapeTraders::Response TapeTraders::activity(const QUrl &url) const {
    const QUrlQuery q(url);
    const QString user = userOf(url);
    if (user.isEmpty())
        return badRequest(u"required query param 'user' not provided"_s);
    const int limit =
        std::clamp(q.hasQueryItem(u"limit"_s) ? q.queryItemValue(u"limit"_s).toInt() : 100, 0, kMaxLimit);
    const int offset = q.queryItemValue(u"offset"_s).toInt();
    if (offset < 0 || offset > kMaxOffset)
        return badRequest(u"max historical activity offset of %1 exceeded"_s.arg(kMaxOffset));
    const qint64 start = q.hasQueryItem(u"start"_s) ? q.queryItemValue(u"start"_s).toLongLong() : 0;
    const qint64 end = q.hasQueryItem(u"end"_s) ? q.queryItemValue(u"end"_s).toLongLong()
                                                : std::numeric_limits<qint64>::max();
    const bool ascending = q.queryItemValue(u"sortDirection"_s).toUpper() == u"ASC"_s;

    QList<const Trade *> rows; // the store keeps time order, oldest first
    for (const Trade &t : m_store->all()) {
        const qint64 sec = t.timestampMs / 1000;
        if (t.wallet.address() == user && sec >= start && sec <= end)
            rows.append(&t);
    }
    if (!ascending)
        std::reverse(rows.begin(), rows.end());
    QByteArray body = "[";
    const qsizetype last = std::min<qsizetype>(rows.size(), qsizetype(offset) + limit);
    for (qsizetype i = offset; i < last; ++i) {
        const Trade &t = *rows.at(i);
        if (body.size() > 1)
            body += ',';
        QByteArray row;
        json::appendRestRow(row, t, m_store->iconFor(t));
        row.chop(1); // the activity row is the trade row plus its type and the cash moved
        row += ",\"type\":\"TRADE\",\"usdcSize\":" + decimalText(t.notional().value_or(Decimal()).micros()) +
               '}';
        body += row;
    }
    body += ']';
    return jsonReply(body);
}

TapeTraders::Response TapeTraders::positions(const QUrl &url) const {
    const QUrlQuery q(url);
    const QString user = userOf(url);
    if (user.isEmpty())
        return badRequest(u"required query param 'user' not provided"_s);
    const int limit =
        std::clamp(q.hasQueryItem(u"limit"_s) ? q.queryItemValue(u"limit"_s).toInt() : 10, 0, kMaxLimit);
    const int offset = std::max(0, q.queryItemValue(u"offset"_s).toInt());
    const TradeBatch &all = m_store->all();
    const QHash<QString, Holding> held = holdingsOf(all, user);
    const QHash<QString, qint64> prices = lastPrices(all);
    QStringList assets;
    for (auto it = held.cbegin(); it != held.cend(); ++it) {
        if (it->sharesMicros > 0)
            assets.append(it.key());
    }
    assets.sort(); // a stable page order
    QByteArray body = "[";
    for (qsizetype i = offset; i < std::min<qsizetype>(assets.size(), qsizetype(offset) + limit); ++i) {
        const Holding &h = held.value(assets.at(i));
        const Trade &t = *h.last;
        const qint64 mark = prices.value(t.assetId);
        const qint64 current = valueMicros(h.sharesMicros, mark);
        const qint64 avg = Decimal::fromMicros(h.costMicros)
                               .checkedDiv(Decimal::fromMicros(h.sharesMicros))
                               .value_or(Decimal())
                               .micros();
        if (body.size() > 1)
            body += ',';
        body += "{\"proxyWallet\":\"" + user.toLatin1() + "\",\"asset\":";
        json::appendString(body, t.assetId);
        body += ",\"conditionId\":";
        json::appendString(body, t.marketId);
        body += ",\"size\":" + decimalText(h.sharesMicros) + ",\"avgPrice\":" + decimalText(avg) +
                ",\"initialValue\":" + decimalText(h.costMicros) +
                ",\"currentValue\":" + decimalText(current) +
                ",\"cashPnl\":" + decimalText(current - h.costMicros) +
                ",\"totalBought\":" + decimalText(h.sharesMicros) +
                ",\"realizedPnl\":0,\"curPrice\":" + decimalText(mark) +
                ",\"redeemable\":false,\"mergeable\":false,\"title\":";
        json::appendString(body, t.marketTitle);
        body += ",\"slug\":";
        json::appendString(body, t.marketSlug);
        body += ",\"eventSlug\":";
        json::appendString(body, t.eventSlug);
        body += ",\"outcome\":";
        json::appendString(body, t.outcome);
        body += ",\"outcomeIndex\":" + QByteArray::number(std::max(0, t.outcomeIndex)) +
                ",\"endDate\":\"2030-01-01\",\"negativeRisk\":false}";
    }
    body += ']';
    return jsonReply(body);
}

TapeTraders::Response TapeTraders::value(const QUrl &url) const {
    const QString user = userOf(url);
    if (user.isEmpty())
        return badRequest(u"required query param 'user' not provided"_s);
    const TradeBatch &all = m_store->all();
    const QHash<QString, Holding> held = holdingsOf(all, user);
    if (held.isEmpty())
        return jsonReply("[]");
    const QHash<QString, qint64> prices = lastPrices(all);
    qint64 total = 0;
    for (auto it = held.cbegin(); it != held.cend(); ++it)
        total += valueMicros(it->sharesMicros, prices.value(it.key()));
    return jsonReply("[{\"user\":\"" + user.toLatin1() + "\",\"value\":" + decimalText(total) + "}]");
}

TapeTraders::Response TapeTraders::leaderboard(const QUrl &url) const {
    const QUrlQuery q(url);
    const int limit = q.hasQueryItem(u"limit"_s) ? q.queryItemValue(u"limit"_s).toInt() : 25;
    const int offset = q.queryItemValue(u"offset"_s).toInt();
    if (limit < 1 || limit > 50 || offset < 0 || offset > 1000)
        return badRequest(u"invalid request"_s);
    struct Entry {
        QString wallet;
        QString name;
        qint64 cash = 0;
        qint64 volume = 0;
        QHash<QString, qint64> shares; // asset -> held
        qint64 pnl = 0;
    };
    QHash<QString, Entry> byWallet;
    QHash<QString, qint64> prices;
    for (const Trade &t : m_store->all()) {
        if (t.wallet.isEmpty())
            continue;
        prices.insert(t.assetId, t.price.micros());
        Entry &e = byWallet[t.wallet.address()];
        e.wallet = t.wallet.address();
        if (!t.traderName.isEmpty())
            e.name = t.traderName;
        const qint64 notional = t.notional().value_or(Decimal()).micros();
        e.volume += notional;
        qint64 &held = e.shares[t.assetId];
        if (t.side == Side::Buy) {
            e.cash -= notional;
            held += t.size.micros();
        } else {
            e.cash += notional;
            held = std::max<qint64>(0, held - t.size.micros());
        }
    }
    QList<Entry> entries;
    entries.reserve(byWallet.size());
    for (Entry &e : byWallet) {
        e.pnl = e.cash;
        for (auto it = e.shares.cbegin(); it != e.shares.cend(); ++it)
            e.pnl += valueMicros(it.value(), prices.value(it.key()));
        entries.append(e);
    }
    std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
        return a.pnl != b.pnl ? a.pnl > b.pnl : a.wallet < b.wallet;
    });
    QByteArray body = "[";
    for (qsizetype i = offset; i < std::min<qsizetype>(entries.size(), qsizetype(offset) + limit); ++i) {
        const Entry &e = entries.at(i);
        if (body.size() > 1)
            body += ',';
        body += "{\"rank\":\"" + QByteArray::number(i + 1) + "\",\"proxyWallet\":\"" + e.wallet.toLatin1() +
                "\",\"userName\":";
        json::appendString(body, e.name);
        body += ",\"xUsername\":\"\",\"verifiedBadge\":false,\"vol\":" + decimalText(e.volume) +
                ",\"pnl\":" + decimalText(e.pnl) + ",\"profileImage\":\"\"}";
    }
    body += ']';
    return jsonReply(body);
}

} // namespace longshot::net::sim
