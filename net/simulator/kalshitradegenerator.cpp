#include "net/simulator/kalshitradegenerator.h"

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace longshot::net::sim {

namespace {

// Series seen on the live tape: crypto strikes dominate the count, politics and sports
// the size.
const QStringList &tickerList() {
    static const QStringList list{u"KXBTCD-26NOV23-T99999"_s,       u"KXBTCD-26NOV23-T98499.99"_s,
                                  u"KXETHD-26NOV23-T3499.99"_s,     u"KXSENATEMID-26-AELS"_s,
                                  u"KXFEDDECISION-26DEC-H0"_s,      u"KXNBAGAME-26NOV23LALBOS-LAL"_s,
                                  u"KXNFLGAME-26NOV26DALNYG-DAL"_s, u"KXHIGHNY-26NOV23-B54.5"_s,
                                  u"KXCPIYOY-26NOV-T2.9"_s,         u"KXINXU-26NOV23H1600-T6749.99"_s};
    return list;
}

} // namespace

KalshiTradeGenerator::KalshiTradeGenerator(quint64 seed, qint64 startMs)
    : m_rng(seed)
    , m_clockMs(startMs) {
    std::uniform_int_distribution<int> cents(8, 92);
    for (qsizetype i = 0; i < tickerList().size(); ++i)
        m_yesCents.append(cents(m_rng));
}

QStringList KalshiTradeGenerator::tickers() {
    return tickerList();
}

QString KalshiTradeGenerator::drawTradeId() {
    // UUID-shaped like the exchange's ids, but drawn from the seeded engine.
    static constexpr char kHex[] = "0123456789abcdef";
    std::uniform_int_distribution<int> nibble(0, 15);
    QString id;
    id.reserve(36);
    for (int i = 0; i < 32; ++i) {
        if (i == 8 || i == 12 || i == 16 || i == 20)
            id += u'-';
        id += QLatin1Char(kHex[nibble(m_rng)]);
    }
    return id;
}

Decimal KalshiTradeGenerator::drawCount() {
    // Log-normal in hundredths of a contract: median ~12 contracts, a few percent above
    // 1,000 and the odd block of tens of thousands.
    std::lognormal_distribution<double> dist(std::log(1200.0), 1.9);
    const double hundredths = std::clamp(dist(m_rng), 1.0, 5'000'000.0);
    const qint64 h = std::max<qint64>(1, qint64(hundredths));
    // Most fills are whole contracts; fractional trading is the exception.
    std::bernoulli_distribution fractional(0.15);
    const qint64 units = fractional(m_rng) ? h : std::max<qint64>(100, h / 100 * 100);
    return Decimal::fromMicros(units * (Decimal::kOne / 100));
}

Trade KalshiTradeGenerator::next(qint64 nowMs) {
    std::uniform_int_distribution<int> gap(0, 400);
    m_clockMs += gap(m_rng);
    if (nowMs >= 0)
        m_clockMs = std::max(m_clockMs, nowMs);
    std::uniform_int_distribution<int> pickTicker(0, int(tickerList().size()) - 1);
    const int market = pickTicker(m_rng);
    std::uniform_int_distribution<int> drift(-1, 1);
    int &cents = m_yesCents[market];
    cents = std::clamp(cents + drift(m_rng), 1, 99);
    std::bernoulli_distribution yesTaker(0.5);
    const bool yes = yesTaker(m_rng);

    Trade t;
    t.venue = Venue::Kalshi;
    t.side = Side::Buy;
    t.source = TradeSource::KalshiWs;
    t.price = Decimal::fromMicros(qint64(yes ? cents : 100 - cents) * (Decimal::kOne / 100));
    t.size = drawCount();
    t.timestampMs = m_clockMs;
    t.outcomeIndex = yes ? 0 : 1;
    t.marketId = tickerList().at(market);
    t.assetId = t.marketId + (yes ? u":yes"_s : u":no"_s);
    t.txId = TxId::fromText(drawTradeId());
    t.outcome = yes ? u"Yes"_s : u"No"_s;
    return t;
}

TradeBatch KalshiTradeGenerator::generate(int count, qint64 nowMs) {
    TradeBatch out;
    out.reserve(count);
    for (int i = 0; i < count; ++i)
        out.append(next(nowMs));
    return out;
}

} // namespace longshot::net::sim
