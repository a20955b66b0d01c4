// Trades/s through TradeWriter::drain against raw sqlite3 prepared inserts of the same rows,
// in the same batches and transactions, into the same schema. The raw side binds the QString
// UTF-16 data directly (bind_text16, no conversion), so the ratio is the cost of our layer:
// Qt SQL, sorting by natural key, de-duplication, metadata upserts and the bookkeeping.
#include "bench/benchreport.h"
#include "models/domain/batchqueue.h"
#include "storage/connection.h"
#include "storage/migrations.h"
#include "storage/tradewriter.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <sqlite3.h>

#include <cstdio>
#include <memory>
#include <random>

using namespace Qt::StringLiterals;
using namespace longshot;

namespace {

constexpr int kTrades = 200'000;
constexpr int kBatch = 500;

const QList<TradeBatch> &batches() {
    static const QList<TradeBatch> all = [] {
        std::mt19937_64 rng(20261123);
        QList<TradeBatch> out;
        TradeBatch batch;
        for (int i = 0; i < kTrades; ++i) {
            Trade t;
            const int market = int(rng() % 2'000);
            const int wallet = int(rng() % 20'000);
            t.venue = Venue::Polymarket;
            t.side = rng() % 2 ? Side::Buy : Side::Sell;
            t.source = TradeSource::Rtds;
            t.price = Decimal::fromMicros(qint64(rng() % 999'999) + 1);
            t.size = Decimal::fromMicros(qint64(rng() % 5'000'000'000ULL) + 1);
            t.timestampMs = 1'700'000'000'000 + i * 7;
            t.receivedMs = t.timestampMs + 120;
            t.outcomeIndex = int(rng() % 2);
            t.marketId = u"0x%1"_s.arg(market, 64, 16, QChar(u'0'));
            t.assetId =
                QString::number(quint64(market) * 2 + quint64(t.outcomeIndex)) + u"8801234567890123456789"_s;
            t.txId = u"0x%1"_s.arg(quint64(rng()), 64, 16, QChar(u'0'));
            t.wallet = *Wallet::parse(u"0x%1"_s.arg(wallet, 40, 16, QChar(u'0')));
            t.outcome = t.outcomeIndex ? u"No"_s : u"Yes"_s;
            t.marketTitle = u"Market number %1: will it happen?"_s.arg(market);
            t.marketSlug = u"market-%1"_s.arg(market);
            t.traderPseudonym = u"Trader-%1"_s.arg(wallet);
            batch.append(t);
            if (batch.size() == kBatch)
                out.append(std::exchange(batch, {}));
        }
        return out;
    }();
    return all;
}

QString freshDatabase(const char *name) {
    const QString path = QDir::tempPath() + u"/longshot-bench-"_s + QString::fromLatin1(name) + u".sqlite"_s;
    for (const QString &suffix : {QString(), u"-wal"_s, u"-shm"_s})
        QFile::remove(path + suffix);
    storage::Connection c(storage::DatabaseConfig::sqlite(path), u"bench-setup"_s);
    if (c.open() || storage::migrate(c))
        std::abort();
    return path;
}

void BM_TradeWriterDrain(benchmark::State &state) {
    const auto &all = batches();
    for (auto _ : state) {
        state.PauseTiming();
        const QString path = freshDatabase("writer");
        auto queue = std::make_shared<BoundedBatchQueue>(4);
        storage::TradeWriter writer(storage::DatabaseConfig::sqlite(path), queue);
        qint64 inserted = 0;
        QObject::connect(&writer, &storage::TradeWriter::stored, &writer,
                         [&](const storage::WriteStats &s) { inserted += s.inserted; });
        writer.open();
        state.ResumeTiming();
        for (const TradeBatch &b : all) {
            queue->tryPush(b);
            writer.drain();
        }
        state.PauseTiming();
        writer.close();
        if (inserted != kTrades)
            state.SkipWithError("the writer did not store every row");
        state.ResumeTiming();
    }
    state.SetItemsProcessed(state.iterations() * kTrades);
}
BENCHMARK(BM_TradeWriterDrain)->Unit(benchmark::kMillisecond)->Iterations(2);

void bind16(sqlite3_stmt *s, int i, const QString &v) {
    sqlite3_bind_text16(s, i, v.utf16(), int(v.size() * 2), SQLITE_STATIC);
}

void BM_RawSqliteInsert(benchmark::State &state) {
    const auto &all = batches();
    for (auto _ : state) {
        state.PauseTiming();
        const QString path = freshDatabase("raw");
        sqlite3 *db = nullptr;
        sqlite3_open(path.toUtf8().constData(), &db);
        // The writer connection's settings (storage/connection.cpp), so only our layer differs.
        sqlite3_exec(db,
                     "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                     "PRAGMA cache_size=-65536",
                     nullptr, nullptr, nullptr);
        sqlite3_stmt *ins = nullptr;
        sqlite3_prepare_v2(
            db,
            "INSERT INTO trades (venue, tx_id, wallet, asset_id, side, price_micros, size_micros, "
            "notional_micros, fee_micros, ts_ms, market_id, outcome, outcome_index, source, "
            "received_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            -1, &ins, nullptr);
        qint64 inserted = 0;
        state.ResumeTiming();
        for (const TradeBatch &b : all) {
            sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
            for (const Trade &t : b) {
                sqlite3_bind_text(ins, 1, "polymarket", -1, SQLITE_STATIC);
                bind16(ins, 2, t.txId);
                bind16(ins, 3, t.wallet.address());
                bind16(ins, 4, t.assetId);
                sqlite3_bind_text(ins, 5, t.side == Side::Buy ? "BUY" : "SELL", -1, SQLITE_STATIC);
                sqlite3_bind_int64(ins, 6, t.price.micros());
                sqlite3_bind_int64(ins, 7, t.size.micros());
                sqlite3_bind_int64(ins, 8, t.notional().value_or(Decimal()).micros());
                sqlite3_bind_null(ins, 9);
                sqlite3_bind_int64(ins, 10, t.timestampMs);
                bind16(ins, 11, t.marketId);
                bind16(ins, 12, t.outcome);
                sqlite3_bind_int(ins, 13, t.outcomeIndex);
                sqlite3_bind_text(ins, 14, "rtds", -1, SQLITE_STATIC);
                sqlite3_bind_int64(ins, 15, t.receivedMs);
                if (sqlite3_step(ins) != SQLITE_DONE)
                    state.SkipWithError("raw insert failed");
                inserted += sqlite3_changes(db);
                sqlite3_reset(ins);
            }
            sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
        }
        state.PauseTiming();
        sqlite3_finalize(ins);
        sqlite3_close(db);
        if (inserted != kTrades)
            state.SkipWithError("the raw loop did not store every row");
        state.ResumeTiming();
    }
    state.SetItemsProcessed(state.iterations() * kTrades);
}
BENCHMARK(BM_RawSqliteInsert)->Unit(benchmark::kMillisecond)->Iterations(2);

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv); // the Qt SQL plugins are found through the application
    benchmark::Initialize(&argc, argv);
    batches(); // generate the rows before anything is timed
    longshot::bench::RateCollector reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    std::printf("\nStore: %d trades in batches of %d, SQLite file in %s:\n", kTrades, kBatch,
                qPrintable(QDir::tempPath()));
    const bool ok = longshot::bench::printRatio("writer/raw = TradeWriter::drain / sqlite3 inserts",
                                                reporter.itemsPerSecond("BM_TradeWriterDrain"),
                                                reporter.itemsPerSecond("BM_RawSqliteInsert"), 0.8);
    benchmark::Shutdown();
    return ok ? 0 : 0; // a missed target is reported, not a crash: ./dev bench runs every bench
}
