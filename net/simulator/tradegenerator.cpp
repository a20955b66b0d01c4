#include "net/simulator/tradegenerator.h"

#include <QCryptographicHash>
#include <QHash>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace longshot::net::sim {

namespace {

struct MarketSpec {
    QString title;
    QString slug;
    QString eventSlug;
    QString outcomes[2];
    int startMid; // thousandths, for outcome 0
    int tick;     // thousandths: 10 (0.01) or 1 (0.001)
    QString iconPath;
};

struct Market {
    MarketSpec spec;
    QString conditionId;
    QString tokenIds[2];
    QString icon;
};

QString digitsFrom(const QByteArray &seed, int count) {
    QByteArray bytes = QCryptographicHash::hash(seed, QCryptographicHash::Sha512);
    bytes += QCryptographicHash::hash(bytes, QCryptographicHash::Sha512);
    QString out;
    out.reserve(count);
    for (int i = 0; i < count; ++i) {
        const int digit = static_cast<unsigned char>(bytes.at(i)) % 10;
        out += QChar(u'0' + ((i == 0 && digit == 0) ? 7 : digit));
    }
    return out;
}

const QList<Market> &markets() {
    static const QList<Market> list = [] {
        const QList<MarketSpec> specs = {
            {u"Will the Fed cut rates in October 2026?"_s,
             u"fed-cut-rates-october-2026"_s,
             u"fed-decision-in-october-2026"_s,
             {u"Yes"_s, u"No"_s},
             620,
             10,
             u"fed-rates.png"_s},
            {u"Will the Fed hike rates in October 2026?"_s,
             u"fed-hike-rates-october-2026"_s,
             u"fed-decision-in-october-2026"_s,
             {u"Yes"_s, u"No"_s},
             30,
             1,
             u"fed-rates.png"_s},
            {u"Democrats win the House in 2026?"_s,
             u"democrats-win-house-2026"_s,
             u"which-party-wins-the-house-2026"_s,
             {u"Yes"_s, u"No"_s},
             710,
             10,
             u"house-2026.png"_s},
            {u"Republicans win the Senate in 2026?"_s,
             u"republicans-win-senate-2026"_s,
             u"which-party-wins-the-senate-2026"_s,
             {u"Yes"_s, u"No"_s},
             640,
             10,
             u"senate-2026.png"_s},
            {u"Will Bitcoin reach $150,000 by December 31?"_s,
             u"will-bitcoin-reach-150k-by-december-31-2026"_s,
             u"what-price-will-bitcoin-hit-in-2026"_s,
             {u"Yes"_s, u"No"_s},
             180,
             1,
             u"btc.png"_s},
            {u"Will Bitcoin dip to $80,000 by December 31?"_s,
             u"will-bitcoin-dip-to-80k-by-december-31-2026"_s,
             u"what-price-will-bitcoin-hit-in-2026"_s,
             {u"Yes"_s, u"No"_s},
             240,
             1,
             u"btc.png"_s},
            {u"Bitcoin Up or Down - September 24, 2PM ET"_s,
             u"bitcoin-up-or-down-september-24-2pm-et"_s,
             u"bitcoin-up-or-down-september-24-2pm-et"_s,
             {u"Up"_s, u"Down"_s},
             500,
             10,
             u"btc-updown.png"_s},
            {u"Ethereum Up or Down - September 24, 2PM ET"_s,
             u"ethereum-up-or-down-september-24-2pm-et"_s,
             u"ethereum-up-or-down-september-24-2pm-et"_s,
             {u"Up"_s, u"Down"_s},
             500,
             10,
             u"eth-updown.png"_s},
            {u"Will Ethereum reach $6,000 in September?"_s,
             u"will-ethereum-reach-6000-in-september"_s,
             u"what-price-will-ethereum-hit-in-september"_s,
             {u"Yes"_s, u"No"_s},
             40,
             1,
             u"eth.png"_s},
            {u"Solana above $300 on September 30?"_s,
             u"solana-above-300-on-september-30"_s,
             u"solana-above-on-september-30"_s,
             {u"Yes"_s, u"No"_s},
             90,
             1,
             u"sol.png"_s},
            {u"Cincinnati Reds vs. Atlanta Braves"_s,
             u"mlb-cin-atl-2026-09-24"_s,
             u"mlb-cin-atl-2026-09-24"_s,
             {u"Cincinnati Reds"_s, u"Atlanta Braves"_s},
             420,
             10,
             u"league-icons/mlb-f4060398.png"_s},
            {u"New York Yankees vs. Boston Red Sox"_s,
             u"mlb-nyy-bos-2026-09-24"_s,
             u"mlb-nyy-bos-2026-09-24"_s,
             {u"New York Yankees"_s, u"Boston Red Sox"_s},
             560,
             10,
             u"league-icons/mlb-f4060398.png"_s},
            {u"Los Angeles Dodgers vs. San Diego Padres"_s,
             u"mlb-lad-sd-2026-09-24"_s,
             u"mlb-lad-sd-2026-09-24"_s,
             {u"Los Angeles Dodgers"_s, u"San Diego Padres"_s},
             610,
             10,
             u"league-icons/mlb-f4060398.png"_s},
            {u"Kansas City Chiefs vs. Buffalo Bills"_s,
             u"nfl-kc-buf-2026-09-27"_s,
             u"nfl-kc-buf-2026-09-27"_s,
             {u"Chiefs"_s, u"Bills"_s},
             470,
             10,
             u"league-icons/nfl.png"_s},
            {u"Philadelphia Eagles vs. Dallas Cowboys"_s,
             u"nfl-phi-dal-2026-09-27"_s,
             u"nfl-phi-dal-2026-09-27"_s,
             {u"Eagles"_s, u"Cowboys"_s},
             640,
             10,
             u"league-icons/nfl.png"_s},
            {u"Will Malta win on 2026-09-24?"_s,
             u"unl-and-mal-2026-09-24-mal"_s,
             u"unl-and-mal-2026-09-24"_s,
             {u"Yes"_s, u"No"_s},
             30,
             10,
             u"soccer-leagues/unl.png"_s},
            {u"Will Andorra win on 2026-09-24?"_s,
             u"unl-and-mal-2026-09-24-and"_s,
             u"unl-and-mal-2026-09-24"_s,
             {u"Yes"_s, u"No"_s},
             510,
             10,
             u"soccer-leagues/unl.png"_s},
            {u"Arsenal vs. Chelsea: Arsenal win?"_s,
             u"epl-ars-che-2026-09-26-ars"_s,
             u"epl-ars-che-2026-09-26"_s,
             {u"Yes"_s, u"No"_s},
             550,
             10,
             u"soccer-leagues/epl.png"_s},
            {u"Real Madrid vs. Barcelona: draw?"_s,
             u"lal-rma-bar-2026-09-27-draw"_s,
             u"lal-rma-bar-2026-09-27"_s,
             {u"Yes"_s, u"No"_s},
             240,
             10,
             u"soccer-leagues/laliga.png"_s},
            {u"Tolentino: Ekaterine Gorgodze vs Barbora Palicova"_s,
             u"wta-gorgodz-palicov-2026-09-24"_s,
             u"wta-gorgodz-palicov-2026-09-24"_s,
             {u"Ekaterine Gorgodze"_s, u"Barbora Palicova"_s},
             770,
             10,
             u"wta-logo-41f331bdf1.png"_s},
            {u"Laver Cup: Team Europe vs. Team World"_s,
             u"atp-laver-cup-2026-winner"_s,
             u"atp-laver-cup-2026"_s,
             {u"Team Europe"_s, u"Team World"_s},
             680,
             10,
             u"atp-logo.png"_s},
            {u"Counter-Strike: Vitality vs. NAVI (BO3)"_s,
             u"cs2-vit-navi-2026-09-24"_s,
             u"cs2-vit-navi-2026-09-24"_s,
             {u"Vitality"_s, u"NAVI"_s},
             590,
             10,
             u"esports/cs2.png"_s},
            {u"League of Legends: T1 vs. Gen.G (BO5)"_s,
             u"lol-t1-gen-2026-09-25"_s,
             u"lol-t1-gen-2026-09-25"_s,
             {u"T1"_s, u"Gen.G"_s},
             450,
             10,
             u"esports/lol.png"_s},
            {u"Will Taylor Swift announce a new album in 2026?"_s,
             u"taylor-swift-new-album-2026"_s,
             u"taylor-swift-new-album-2026"_s,
             {u"Yes"_s, u"No"_s},
             330,
             10,
             u"taylor-swift.png"_s},
            {u"Highest grossing movie of 2026?"_s,
             u"highest-grossing-movie-2026-avengers-doomsday"_s,
             u"highest-grossing-movie-2026"_s,
             {u"Yes"_s, u"No"_s},
             570,
             10,
             u"box-office.png"_s},
            {u"Will OpenAI release GPT-6 in 2026?"_s,
             u"openai-gpt-6-release-2026"_s,
             u"openai-gpt-6-release-2026"_s,
             {u"Yes"_s, u"No"_s},
             210,
             10,
             u"openai.png"_s},
            {u"Which company has the best AI model end of September?"_s,
             u"best-ai-model-end-of-september-google"_s,
             u"which-company-has-best-ai-model-end-of-september"_s,
             {u"Yes"_s, u"No"_s},
             380,
             1,
             u"ai-model.png"_s},
            {u"US recession in 2026?"_s,
             u"us-recession-in-2026"_s,
             u"us-recession-in-2026"_s,
             {u"Yes"_s, u"No"_s},
             160,
             10,
             u"recession.png"_s},
            {u"September CPI above 3.0%?"_s,
             u"september-cpi-above-3pt0"_s,
             u"september-cpi-2026"_s,
             {u"Yes"_s, u"No"_s},
             290,
             10,
             u"cpi.png"_s},
            {u"Will Elon Musk tweet 300+ times this week?"_s,
             u"elon-musk-tweets-september-19-26-300-plus"_s,
             u"elon-musk-tweets-september-19-26"_s,
             {u"Yes"_s, u"No"_s},
             450,
             1,
             u"elon.png"_s},
            {u"Highest temperature in NYC on September 25?"_s,
             u"highest-temperature-in-nyc-on-september-25-72-73f"_s,
             u"highest-temperature-in-nyc-on-september-25"_s,
             {u"Yes"_s, u"No"_s},
             260,
             1,
             u"weather-nyc.png"_s},
            {u"Will Zelenskyy and Putin meet in 2026?"_s,
             u"zelenskyy-putin-meet-2026"_s,
             u"zelenskyy-putin-meet-2026"_s,
             {u"Yes"_s, u"No"_s},
             120,
             10,
             u"ukraine.png"_s},
            {u"Russia x Ukraine ceasefire in 2026?"_s,
             u"russia-x-ukraine-ceasefire-in-2026"_s,
             u"russia-x-ukraine-ceasefire-in-2026"_s,
             {u"Yes"_s, u"No"_s},
             190,
             10,
             u"ukraine.png"_s},
            {u"New York City mayoral election: Zohran Mamdani approval above 50%?"_s,
             u"nyc-mamdani-approval-above-50-september"_s,
             u"nyc-mamdani-approval-september"_s,
             {u"Yes"_s, u"No"_s},
             440,
             10,
             u"nyc.png"_s},
            {u"Brazil presidential election: Lula wins?"_s,
             u"brazil-presidential-election-lula"_s,
             u"brazil-presidential-election-2026"_s,
             {u"Yes"_s, u"No"_s},
             520,
             10,
             u"brazil.png"_s},
            {u"Will gold close above $4,000 in September?"_s,
             u"gold-above-4000-september-2026"_s,
             u"gold-above-4000-september-2026"_s,
             {u"Yes"_s, u"No"_s},
             670,
             10,
             u"gold.png"_s},
        };
        QList<Market> out;
        for (const MarketSpec &spec : specs) {
            Market m{spec, {}, {}, {}};
            m.conditionId =
                u"0x"_s +
                QString::fromLatin1(
                    QCryptographicHash::hash(spec.slug.toUtf8(), QCryptographicHash::Sha256).toHex());
            for (int o = 0; o < 2; ++o)
                m.tokenIds[o] = digitsFrom(spec.slug.toUtf8() + '/' + spec.outcomes[o].toUtf8(), 77);
            m.icon = u"https://polymarket-upload.s3.us-east-2.amazonaws.com/"_s + spec.iconPath;
            out.append(m);
        }
        return out;
    }();
    return list;
}

const char16_t *const kNames[] = {
    u"Momo63",
    u"robshoodi",
    u"Talvez10",
    u"ferrariChampions2026",
    u"kch123",
    u"Theo4",
    u"Fredi9999",
    u"GCottrell93",
    u"zxgngl",
    u"PrincessCaro",
    u"swisstony",
    u"RepTrump",
    u"HyperLiquid0xb",
    u"50pence",
    u"cigarettes",
    u"tazcot",
    u"Car",
    u"WindWalk3",
};
const char16_t *const kAdjectives[] = {u"Forked", u"Cute",  u"Fresh", u"Glaring", u"Silent", u"Brave",
                                       u"Lucky",  u"Quiet", u"Amber", u"Rapid",   u"Gentle", u"Hollow"};
const char16_t *const kNouns[] = {u"Pricing", u"Congress", u"Availability", u"Salt",   u"Harbor",  u"Papaya",
                                  u"Ledger",  u"Otter",    u"Comet",        u"Meadow", u"Granite", u"Signal"};

template <typename T, size_t N> constexpr int countOf(const T (&)[N]) {
    return int(N);
}

} // namespace

TradeGenerator::TradeGenerator(quint64 seed, qint64 startMs)
    : m_rng(seed)
    , m_clockMs(startMs) {
    m_wallets.reserve(kWalletCount);
    for (int i = 0; i < kWalletCount; ++i) {
        auto wallet = Wallet::parse(QString(u"0x"_s + drawHex(40)));
        m_wallets.append(wallet.value_or(Wallet()));
        const auto roll = m_rng() % 100;
        m_walletNames.append(roll < 35 ? QString::fromUtf16(kNames[m_rng() % countOf(kNames)]) +
                                             (roll < 20 ? QString::number(m_rng() % 1000) : QString())
                                       : QString());
        m_walletPseudonyms.append(m_rng() % 100 < 55
                                      ? QString::fromUtf16(kAdjectives[m_rng() % countOf(kAdjectives)]) +
                                            u'-' + QString::fromUtf16(kNouns[m_rng() % countOf(kNouns)])
                                      : QString());
    }
    for (const Market &m : markets())
        m_marketMid.append(m.spec.startMid);
}

int TradeGenerator::marketCount() {
    return int(markets().size());
}

QString TradeGenerator::iconFor(const Trade &trade) {
    static const QHash<QString, QString> byCondition = [] {
        QHash<QString, QString> icons;
        for (const Market &m : markets())
            icons.insert(m.conditionId, m.icon);
        return icons;
    }();
    const auto it = byCondition.constFind(trade.marketId);
    if (it != byCondition.cend())
        return *it;
    return u"https://polymarket-upload.s3.us-east-2.amazonaws.com/"_s + trade.eventSlug + u".png"_s;
}

QString TradeGenerator::drawHex(int digits) {
    static const char16_t hex[] = u"0123456789abcdef";
    QString out;
    out.reserve(digits);
    quint64 bits = 0;
    for (int i = 0; i < digits; ++i) {
        if (i % 16 == 0)
            bits = m_rng();
        out += QChar(hex[bits & 0xf]);
        bits >>= 4;
    }
    return out;
}

int TradeGenerator::drawWallet() {
    // A few wallets trade far more than the rest, as on the live tape.
    std::uniform_real_distribution<double> u(0.0, 1.0);
    const int index = int(std::pow(u(m_rng), 2.2) * kWalletCount);
    return std::clamp(index, 0, kWalletCount - 1);
}

Decimal TradeGenerator::drawPrice(int marketIndex) {
    const Market &m = markets().at(marketIndex);
    int &mid = m_marketMid[marketIndex];
    std::normal_distribution<double> drift(0.0, 6.0);
    mid = std::clamp(mid + int(std::lround(drift(m_rng))), 10, 990);
    const int tick = m.spec.tick;
    const int price = std::clamp((mid + tick / 2) / tick * tick, 10, 990);
    return Decimal::fromMicros(qint64(price) * 1000);
}

Decimal TradeGenerator::drawSize() {
    // Notional in dollars: a log-normal body (median ~$12) and a Pareto whale tail from $500.
    std::uniform_real_distribution<double> u(0.0, 1.0);
    double notional;
    if (u(m_rng) < 0.03) {
        notional = 500.0 / std::pow(1.0 - u(m_rng), 1.0 / 1.1);
    } else {
        std::lognormal_distribution<double> body(std::log(12.0), 1.3);
        notional = body(m_rng);
    }
    return Decimal::fromMicros(qint64(std::clamp(notional, 0.05, 2'000'000.0) * 1e6));
}

Trade TradeGenerator::makeFill(int marketIndex, int outcomeIndex, Side side, Decimal price, Decimal size,
                               const QString &txId, qint64 timestampMs, int walletIndex) {
    const Market &m = markets().at(marketIndex);
    Trade t;
    t.venue = Venue::Polymarket;
    t.source = TradeSource::Rtds;
    t.side = side;
    t.price = price;
    t.size = size;
    t.timestampMs = timestampMs;
    t.outcomeIndex = outcomeIndex;
    t.marketId = m.conditionId;
    t.assetId = m.tokenIds[outcomeIndex];
    t.txId = TxId::fromText(txId);
    t.wallet = m_wallets.at(walletIndex);
    t.outcome = m.spec.outcomes[outcomeIndex];
    t.marketTitle = m.spec.title;
    t.marketSlug = m.spec.slug;
    t.eventSlug = m.spec.eventSlug;
    t.traderName = m_walletNames.at(walletIndex);
    t.traderPseudonym = m_walletPseudonyms.at(walletIndex);
    if (m_rng() % 100 < 30) {
        // Fee rates seen on the tape: 0.1% to 5% of notional, five decimals.
        static const qint64 bps[] = {10, 100, 200, 500};
        const auto notional = price.checkedMul(size);
        if (notional) {
            const qint64 raw = notional->micros() * bps[m_rng() % 4] / 10'000;
            t.fee = Decimal::fromMicros(std::max<qint64>(10, raw / 10 * 10));
        }
    }
    return t;
}

void TradeGenerator::startTransaction(qint64 nowMs) {
    if (nowMs >= 0) {
        m_clockMs = std::max(m_clockMs, nowMs);
    } else {
        std::exponential_distribution<double> gap(1.0 / 300.0);
        m_clockMs += qint64(gap(m_rng));
    }
    const qint64 timestampMs = m_clockMs / 1000 * 1000;
    const int marketIndex = int(m_rng() % quint64(markets().size()));
    const int outcome = int(m_rng() % 2);
    const Side side = m_rng() % 100 < 62 ? Side::Buy : Side::Sell;
    Decimal price = drawPrice(marketIndex);
    if (outcome == 1)
        price = Decimal::fromMicros(Decimal::kOne - price.micros());

    // Shares = notional / price, then rounded to what the exchange prints: often whole
    // cents of a share, sometimes whole shares, sometimes four to six decimals.
    const Decimal notional = drawSize();
    qint64 shares = notional.checkedDiv(price).value_or(Decimal::fromMicros(Decimal::kOne)).micros();
    const auto roll = m_rng() % 10;
    const qint64 unit = roll < 6 ? 10'000 : roll < 8 ? 1'000'000 : roll < 9 ? 100 : 1;
    shares = std::max(unit, (shares + unit / 2) / unit * unit);
    const Decimal size = Decimal::fromMicros(shares);

    const QString txId = u"0x"_s + drawHex(64);
    m_pendingTx.clear();
    QList<int> walletsUsed{drawWallet()};
    m_pendingTx.append(
        makeFill(marketIndex, outcome, side, price, size, txId, timestampMs, walletsUsed.first()));

    // The other side of the match: resting orders on the same token at the same price,
    // or a mint/merge leg on the complementary token at 1 - p.
    const auto fillsRoll = m_rng() % 100;
    const int counterparties = fillsRoll < 55 ? 0 : fillsRoll < 85 ? 1 : fillsRoll < 95 ? 2 : 3;
    qint64 remaining = shares;
    for (int i = 0; i < counterparties && remaining > 0; ++i) {
        qint64 part = remaining;
        if (i + 1 < counterparties) {
            part = remaining * qint64(20 + m_rng() % 60) / 100 / unit * unit;
            if (part <= 0)
                continue;
        }
        remaining -= part;
        int walletIndex = drawWallet();
        while (walletsUsed.contains(walletIndex))
            walletIndex = (walletIndex + 1 + int(m_rng() % 7)) % kWalletCount;
        walletsUsed.append(walletIndex);
        const bool mint = m_rng() % 100 < 40;
        if (mint) {
            const Decimal other = Decimal::fromMicros(Decimal::kOne - price.micros());
            m_pendingTx.append(makeFill(marketIndex, 1 - outcome, side, other, Decimal::fromMicros(part),
                                        txId, timestampMs, walletIndex));
        } else {
            const Side opposite = side == Side::Buy ? Side::Sell : Side::Buy;
            m_pendingTx.append(makeFill(marketIndex, outcome, opposite, price, Decimal::fromMicros(part),
                                        txId, timestampMs, walletIndex));
        }
    }
    // Handed out in order: the taker first.
    std::reverse(m_pendingTx.begin(), m_pendingTx.end());
}

Trade TradeGenerator::next(qint64 nowMs) {
    if (m_pendingTx.isEmpty())
        startTransaction(nowMs);
    return m_pendingTx.takeLast();
}

TradeBatch TradeGenerator::generate(int count, qint64 nowMs) {
    TradeBatch batch;
    batch.reserve(std::max(0, count));
    for (int i = 0; i < count; ++i)
        batch.append(next(nowMs));
    return batch;
}

} // namespace longshot::net::sim
