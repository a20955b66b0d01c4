// RTDS trade-frame parsing: RtdsParser against a bare simdjson ondemand extraction of the
// same fields (the floor: no validation, no QString, no Decimal) and against QJsonDocument
// (what a Qt client would write first, with doubles for money).
#include "bench/benchreport.h"
#include "net/rtdsparser.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <simdjson.h>

#include <cstdio>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace {

struct Market {
    const char *conditionId;
    const char *asset;
    const char *title;
    const char *slug;
    const char *eventSlug;
    const char *outcome;
    int outcomeIndex;
};

// Markets and traders from the captured fixtures (tests/data/polymarket).
const Market kMarkets[] = {
    {"0xfa380ce2bb2b55282cef8a85595580425524eb25846a1d9feaaa338941997d1d",
     "50341643796357809199138088836529201104815997551572832995218005287849225766499",
     "Will Malta win on 2026-09-24?", "unl-and-mal-2026-09-24-mal", "unl-and-mal-2026-09-24", "No", 1},
    {"0x1199b8e6b75aa2bc98703899bcd925fcb4860f5e9cbc7cbca5462c657c9a7487",
     "5533460053168939150943376264769377841300556376149828849788409752356998457454",
     "LoL: Guinea Pink vs Kawaii Kiwis - Game 4 Winner", "lol-gp1-kwk-2026-09-24-game4",
     "lol-gp1-kwk-2026-09-24", "Kawaii Kiwis", 1},
    {"0xa69826a08aefbfb213677dc6c9e1203c53aef78aaf43a3728bce502b4e37d6ee",
     "96813350863775094210272472524339982880516947806225831912399411490979459105286",
     "Cincinnati Reds vs. Atlanta Braves", "mlb-cin-atl-2026-09-24", "mlb-cin-atl-2026-09-24",
     "Atlanta Braves", 1},
    {"0x524ce344b80a160c237d91a33efdd8b82468b0dc0d33f60d500f8bf69b80b8bb",
     "110124369154659006328320349797831539154282530245624469518430389053088403535939",
     "Israel x Iran ceasefire continues through September 30?",
     "israel-x-iran-ceasefire-continues-through-september-30",
     "israel-x-iran-ceasefire-continues-through-september-30", "Yes", 0},
    {"0x12aa13b3da17ceae1b0a59b5d5b77121e91bb79b4bb0b52bf6543ed3f8d0953b",
     "55159722761418013044126414276680602270318000841690689684819994448621694923050",
     "Will the Fed increase interest rates by 25 bps after the October 2026 meeting?",
     "will-the-fed-increase-interest-rates-by-25-bps-after-the-october-2026-meeting",
     "fed-decision-in-october-2026", "Yes", 0},
    {"0x5ca616aaa0e1e5df6c38439f8bee4b96bacfe32f8f39cb2f1604c0196548662f",
     "50085164654457077021180441667207714705224469706773328882519583735294659477266",
     "Will China invade Taiwan by September 30, 2026?", "will-china-invade-taiwan-by-september-30-2026",
     "will-china-invade-taiwan-by-september-30-2026", "No", 1},
};

const std::pair<const char *, const char *> kTraders[] = {
    {"", ""},
    {"Momo63", "Forked-Pricing"},
    {"robshoodi", "Cute-Congress-Papaya"},
    {"Jimmyman132", "Scary-Billboard"},
    {"gt7238", "Ashamed-Classic"},
    {"Talvez10", "Fresh-Availability"},
    {"0x705B892056ddF0BAd1c60740186Ae91B1a6d2805-1788250233658", "Euphoric-Sick-Prizefight"},
    {"", "Glaring-Salt"},
};

std::string hex(std::mt19937_64 &rng, int digits, bool mixedCase) {
    static const char lower[] = "0123456789abcdef";
    static const char upper[] = "0123456789ABCDEF";
    std::string out = "0x";
    for (int i = 0; i < digits; ++i) {
        const auto v = rng();
        out.push_back((mixedCase && (v & 0x100)) ? upper[v & 15] : lower[v & 15]);
    }
    return out;
}

std::string decimalText(std::mt19937_64 &rng, long long maxUnits, int maxDecimals) {
    const long long units = static_cast<long long>(rng() % static_cast<unsigned long long>(maxUnits));
    const int decimals = static_cast<int>(rng() % static_cast<unsigned long long>(maxDecimals + 1));
    std::string out = std::to_string(units);
    if (decimals > 0) {
        std::string frac;
        for (int i = 0; i < decimals; ++i)
            frac.push_back(static_cast<char>('0' + rng() % 10));
        while (!frac.empty() && frac.back() == '0')
            frac.pop_back();
        if (!frac.empty())
            out += "." + frac;
    }
    if (out == "0")
        out = "1";
    return out;
}

// 10,000 compact RTDS frames shaped like the captured ones, with varied values: some
// numbers arrive as strings or in exponent form, as the quirks list warns. Traders repeat on
// the live feed (market makers and bots fill most trades), so wallets come from a pool of
// 1,000 with a skew towards the busiest, and one trade in four is from a fresh wallet.
// `freshWallets` makes every wallet new. The parser keeps no wallet cache (a wallet is decoded
// to its 20 bytes every time), so this should run as fast as the usual mix: it shows that no
// cache in front of the wallets has crept back in.
QList<QByteArray> buildFrames(bool freshWallets) {
    {
        std::mt19937_64 rng(20260924);
        std::vector<std::string> pool;
        for (int i = 0; i < 1000; ++i)
            pool.push_back(hex(rng, 40, true));
        auto wallet = [&] {
            if (freshWallets || rng() % 4 == 0)
                return hex(rng, 40, true);
            const double u = static_cast<double>(rng() % 1'000'000) / 1'000'000.0;
            return pool[static_cast<std::size_t>(u * u * static_cast<double>(pool.size()))];
        };
        QList<QByteArray> list;
        list.reserve(10'000);
        long long ts = 1'790'272'257;
        for (int i = 0; i < 10'000; ++i) {
            const Market &m = kMarkets[rng() % std::size(kMarkets)];
            const auto &trader = kTraders[rng() % std::size(kTraders)];
            std::string price = "0." + std::to_string(1 + rng() % 99);
            if (rng() % 50 == 0)
                price = "1e-05";
            std::string size = decimalText(rng, 60'000, 6);
            if (rng() % 20 == 0)
                size = '"' + size + '"';
            ts += static_cast<long long>(rng() % 2);
            std::string f = "{\"connection_id\":\"gbeUfq-crWeIKABx0A==\",\"payload\":{";
            f += "\"asset\":\"" + std::string(m.asset) + "\",\"bio\":\"\",\"conditionId\":\"" +
                 m.conditionId + "\",\"eventSlug\":\"" + m.eventSlug + "\",";
            if (rng() % 2 == 0)
                f += "\"fee\":" + decimalText(rng, 50, 5) + ",";
            f += "\"icon\":\"https://polymarket-upload.s3.us-east-2.amazonaws.com/"
                 "league-of-legends-61a4f083a6.png\",";
            f += "\"name\":\"" + std::string(trader.first) + "\",\"outcome\":\"" + m.outcome +
                 "\",\"outcomeIndex\":" + std::to_string(m.outcomeIndex) + ",\"price\":" + price +
                 ",\"profileImage\":\"\",\"proxyWallet\":\"" + wallet() + "\",\"pseudonym\":\"" +
                 trader.second + "\",\"side\":\"" + (rng() % 3 == 0 ? "SELL" : "BUY") +
                 "\",\"size\":" + size + ",\"slug\":\"" + m.slug + "\",\"timestamp\":" + std::to_string(ts) +
                 ",\"title\":\"" + m.title + "\",\"transactionHash\":\"" + hex(rng, 64, false) + "\"},";
            f += "\"timestamp\":" + std::to_string(ts * 1000 + static_cast<long long>(rng() % 1000)) +
                 ",\"topic\":\"activity\",\"type\":\"trades\"}";
            // With the spare capacity QString::toUtf8() leaves on a socket's text frame (and the
            // bare extraction's padded_string has), so neither side copies the input.
            QByteArray frame;
            frame.reserve(static_cast<qsizetype>(f.size() + simdjson::SIMDJSON_PADDING));
            frame.append(f.data(), static_cast<qsizetype>(f.size()));
            list.append(frame);
        }
        return list;
    }
}

const QList<QByteArray> &frames() {
    static const QList<QByteArray> out = buildFrames(false);
    return out;
}

std::int64_t totalBytes() {
    std::int64_t n = 0;
    for (const QByteArray &f : frames())
        n += f.size();
    return n;
}

void runRtdsParser(benchmark::State &state, const QList<QByteArray> &input) {
    longshot::net::RtdsParser parser;
    longshot::net::ParseResult result; // reused frame after frame, as RtdsClient does
    std::int64_t trades = 0;
    for (auto _ : state) {
        for (const QByteArray &f : input) {
            parser.parseFrame(f, 0, result);
            trades += result.trades.size();
            result.clear();
        }
        benchmark::DoNotOptimize(trades);
    }
    if (trades != state.iterations() * static_cast<std::int64_t>(input.size()))
        state.SkipWithError("RtdsParser refused frames of the benchmark set");
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(input.size()));
    state.SetBytesProcessed(state.iterations() * totalBytes());
}

void BM_RtdsParser(benchmark::State &state) {
    runRtdsParser(state, frames());
}
BENCHMARK(BM_RtdsParser);

void BM_RtdsParserFreshWallets(benchmark::State &state) {
    static const QList<QByteArray> input = buildFrames(true);
    runRtdsParser(state, input);
}
BENCHMARK(BM_RtdsParserFreshWallets);

namespace od = simdjson::ondemand;

struct BareTrade {
    std::string_view fields[16];
};

// The floor: one ondemand pass over the same fields, strings as string_view and numbers as
// raw tokens, no validation and no conversion. Input is pre-padded, so no copy either.
bool bareExtract(od::parser &parser, const simdjson::padded_string &frame, BareTrade &out) {
    static constexpr std::string_view kNames[16] = {
        "asset", "conditionId",    "eventSlug", "fee",  "name", "outcome", "outcomeIndex",
        "price", "proxyWallet",    "pseudonym", "side", "size", "slug",    "timestamp",
        "title", "transactionHash"};
    od::document doc;
    if (parser.iterate(frame).get(doc))
        return false;
    od::object envelope;
    if (doc.get_object().get(envelope))
        return false;
    for (auto field : envelope) {
        od::field f;
        if (std::move(field).get(f))
            return false;
        if (!f.key().unsafe_is_equal("payload"))
            continue;
        od::object payload;
        if (f.value().get_object().get(payload))
            return false;
        for (auto pf : payload) {
            od::field p;
            if (std::move(pf).get(p))
                return false;
            const od::raw_json_string key = p.key();
            for (int i = 0; i < 16; ++i) {
                if (!key.unsafe_is_equal(kNames[i]))
                    continue;
                od::value v = p.value();
                od::json_type type;
                if (v.type().get(type))
                    return false;
                if (type == od::json_type::string) {
                    if (v.get_string().get(out.fields[i]))
                        return false;
                } else {
                    out.fields[i] = v.raw_json_token();
                }
                break;
            }
        }
    }
    return true;
}

void BM_BareSimdjson(benchmark::State &state) {
    std::vector<simdjson::padded_string> input;
    for (const QByteArray &f : frames())
        input.emplace_back(f.constData(), static_cast<std::size_t>(f.size()));
    od::parser parser;
    std::size_t sink = 0;
    std::int64_t ok = 0;
    for (auto _ : state) {
        for (const auto &f : input) {
            BareTrade t;
            ok += bareExtract(parser, f, t);
            sink += t.fields[7].size() + t.fields[11].size() + t.fields[8].size();
        }
        benchmark::DoNotOptimize(sink);
    }
    if (ok != state.iterations() * static_cast<std::int64_t>(input.size()))
        state.SkipWithError("bare extraction failed on frames of the benchmark set");
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(input.size()));
    state.SetBytesProcessed(state.iterations() * totalBytes());
}
BENCHMARK(BM_BareSimdjson);

struct QtTrade {
    QString asset, conditionId, eventSlug, name, outcome, wallet, pseudonym, side, slug, title, txHash;
    double price = 0, size = 0, fee = 0, timestamp = 0;
    int outcomeIndex = -1;
};

// The Qt-only way: the whole DOM, every number a double (strings read with toString()).
void BM_QJsonDocument(benchmark::State &state) {
    const auto &input = frames();
    std::int64_t sink = 0;
    for (auto _ : state) {
        for (const QByteArray &f : input) {
            const QJsonObject envelope = QJsonDocument::fromJson(f).object();
            const QJsonObject p = envelope.value(QLatin1StringView("payload")).toObject();
            QtTrade t;
            t.asset = p.value(QLatin1StringView("asset")).toString();
            t.conditionId = p.value(QLatin1StringView("conditionId")).toString();
            t.eventSlug = p.value(QLatin1StringView("eventSlug")).toString();
            t.name = p.value(QLatin1StringView("name")).toString();
            t.outcome = p.value(QLatin1StringView("outcome")).toString();
            t.wallet = p.value(QLatin1StringView("proxyWallet")).toString().toLower();
            t.pseudonym = p.value(QLatin1StringView("pseudonym")).toString();
            t.side = p.value(QLatin1StringView("side")).toString();
            t.slug = p.value(QLatin1StringView("slug")).toString();
            t.title = p.value(QLatin1StringView("title")).toString();
            t.txHash = p.value(QLatin1StringView("transactionHash")).toString();
            const QJsonValue size = p.value(QLatin1StringView("size"));
            t.size = size.isString() ? size.toString().toDouble() : size.toDouble();
            t.price = p.value(QLatin1StringView("price")).toDouble();
            t.fee = p.value(QLatin1StringView("fee")).toDouble();
            t.timestamp = p.value(QLatin1StringView("timestamp")).toDouble();
            t.outcomeIndex = p.value(QLatin1StringView("outcomeIndex")).toInt(-1);
            sink += t.wallet.size() + t.title.size() + static_cast<std::int64_t>(t.size > 0);
        }
        benchmark::DoNotOptimize(sink);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(input.size()));
    state.SetBytesProcessed(state.iterations() * totalBytes());
}
BENCHMARK(BM_QJsonDocument);

// The median of interleaved repetitions, so load from other processes hits all three alike.
double rate(const longshot::bench::RateCollector &reporter, const std::string &name) {
    const double median = reporter.itemsPerSecond(name + "_median");
    return median > 0 ? median : reporter.itemsPerSecond(name);
}

} // namespace

int main(int argc, char **argv) {
    longshot::bench::initialize(argc, argv,
                                {"--benchmark_repetitions=5", "--benchmark_enable_random_interleaving=true",
                                 "--benchmark_report_aggregates_only=true", "--benchmark_min_time=0.5"});
    longshot::bench::RateCollector reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    const double ours = rate(reporter, "BM_RtdsParser");
    const double bare = rate(reporter, "BM_BareSimdjson");
    const double qjson = rate(reporter, "BM_QJsonDocument");
    const double fresh = rate(reporter, "BM_RtdsParserFreshWallets");
    std::printf("\nRTDS trade frames (%lld frames, %lld bytes, same set for all three; medians):\n",
                static_cast<long long>(frames().size()), static_cast<long long>(totalBytes()));
    if (bare > 0)
        std::printf("ours/bare = %.2f (target >= 0.6)\n", ours / bare);
    if (qjson > 0)
        std::printf("ours/QJsonDocument = %.2f (target >= 7)\n", ours / qjson);
    if (bare > 0 && qjson > 0 && fresh > 0)
        std::printf("worst case, every wallet new: ours/bare = %.2f, ours/QJsonDocument = %.2f\n",
                    fresh / bare, fresh / qjson);
    longshot::bench::printRatio("RtdsParser / bare simdjson", ours, bare, 0.6);
    longshot::bench::printRatio("RtdsParser / QJsonDocument", ours, qjson, 7.0);
    benchmark::Shutdown();
    return 0;
}
