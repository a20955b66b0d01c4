// Trades/s through TradeWriter::drain against raw sqlite3 prepared inserts of the same rows,
// in the same batches and transactions, into the same schema. The raw side binds the QString
// UTF-16 data directly (bind_text16, no conversion), so the ratio is the cost of our layer:
// Qt SQL, sorting by natural key, de-duplication, metadata upserts and the bookkeeping.
//
// Then the same batches through the same writer into PostgreSQL, against the SQLite writer's
// rate in this run (target: within 2x, a ratio >= 0.5). The server is LONGSHOT_BENCH_PG when
// set, else a throwaway one (tests/support/pg-throwaway) started here and stopped at the end;
// without PostgreSQL binaries that part is skipped with a message.
#include "bench/benchreport.h"
#include "models/domain/batchqueue.h"
#include "storage/connection.h"
#include "storage/migrations.h"
#include "storage/tradewriter.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>

#include <sqlite3.h>

#include <cstdio>
#include <memory>
#include <random>
#include <string>
#include <vector>

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
            t.txId = TxId::fromText(u"0x%1"_s.arg(quint64(rng()), 64, 16, QChar(u'0')));
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

QString freshDatabase(const char *name, const QString &dir = QDir::tempPath()) {
    const QString path = dir + u"/longshot-bench-"_s + QString::fromLatin1(name) + u".sqlite"_s;
    for (const QString &suffix : {QString(), u"-wal"_s, u"-shm"_s})
        QFile::remove(path + suffix);
    storage::Connection c(storage::DatabaseConfig::sqlite(path), u"bench-setup"_s);
    if (c.open() || storage::migrate(c))
        std::abort();
    return path;
}

// Every batch through TradeWriter::drain into `config`, timed; setup and close are not.
// Called with timing paused; returns with it paused.
qint64 timedDrain(benchmark::State &state, const storage::DatabaseConfig &config,
                  const QList<TradeBatch> &all) {
    auto queue = std::make_shared<BoundedBatchQueue>(4);
    storage::TradeWriter writer(config, queue);
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
    return inserted;
}

void drainThroughWriter(benchmark::State &state, const QString &dir) {
    const auto &all = batches();
    for (auto _ : state) {
        state.PauseTiming();
        const QString path = freshDatabase("writer", dir);
        const qint64 inserted = timedDrain(state, storage::DatabaseConfig::sqlite(path), all);
        if (inserted != kTrades)
            state.SkipWithError("the writer did not store every row");
        state.ResumeTiming();
    }
    state.SetItemsProcessed(state.iterations() * kTrades);
}

void BM_TradeWriterDrain(benchmark::State &state) {
    drainThroughWriter(state, QDir::tempPath());
}
BENCHMARK(BM_TradeWriterDrain)->Unit(benchmark::kMillisecond)->Iterations(1);

// The same file on tmpfs, where fsync costs nothing: the SQLite side of a comparison with a
// server that runs with fsync off, so the two differ in their engines and not in the disk.
void BM_TradeWriterDrainTmpfs(benchmark::State &state) {
    if (!QFile::exists(u"/dev/shm"_s)) {
        state.SkipWithError("no /dev/shm");
        return;
    }
    drainThroughWriter(state, u"/dev/shm"_s);
}
BENCHMARK(BM_TradeWriterDrainTmpfs)->Unit(benchmark::kMillisecond)->Iterations(1);

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
                bind16(ins, 2, t.txId.text());
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
BENCHMARK(BM_RawSqliteInsert)->Unit(benchmark::kMillisecond)->Iterations(1);

// The PostgreSQL server for BM_TradeWriterDrainPostgres.
QString g_postgresUrl;

void BM_TradeWriterDrainPostgres(benchmark::State &state) {
    const auto &all = batches();
    const auto parsed = storage::parseDatabaseConfig(g_postgresUrl);
    if (!parsed.ok()) {
        state.SkipWithError("bad PostgreSQL URL");
        return;
    }
    int run = 0;
    for (auto _ : state) {
        state.PauseTiming();
        // A fresh schema per run, as the SQLite side takes a fresh file.
        storage::DatabaseConfig config = parsed.config;
        config.schema = u"bench_ingest_%1_%2"_s.arg(QCoreApplication::applicationPid()).arg(run++);
        {
            storage::Connection c(config, u"bench-setup"_s);
            if (c.open() || storage::migrate(c)) {
                state.SkipWithError("cannot prepare the PostgreSQL schema");
                return;
            }
        }
        const qint64 inserted = timedDrain(state, config, all);
        {
            storage::DatabaseConfig server = parsed.config;
            storage::Connection c(server, u"bench-teardown"_s);
            if (!c.open())
                c.exec(u"DROP SCHEMA IF EXISTS "_s + config.schema + u" CASCADE"_s);
        }
        if (inserted != kTrades)
            state.SkipWithError("the writer did not store every row");
        state.ResumeTiming();
    }
    state.SetItemsProcessed(state.iterations() * kTrades);
}

// tests/support/pg-throwaway, run from the source tree: start prints the URL, stop removes DIR.
QString throwaway(const QString &command, const QString &dir, QString *message) {
    QProcess p;
    p.start(QStringLiteral(LONGSHOT_SOURCE_DIR "/tests/support/pg-throwaway"), {command, dir});
    if (!p.waitForFinished(120'000)) {
        *message = u"pg-throwaway did not finish"_s;
        p.kill();
        return {};
    }
    *message = QString::fromLocal8Bit(p.readAllStandardError()).trimmed();
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return {};
    return QString::fromLocal8Bit(p.readAllStandardOutput()).trimmed().section(u'\n', -1);
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv); // the Qt SQL plugins are found through the application
    // Three runs of each, in random order, compared by their medians: the writer and the raw
    // loop then meet the same spells of load from other processes and of a busy disk, which
    // one run of each after the other did not.
    longshot::bench::initialize(argc, argv,
                                {"--benchmark_repetitions=3", "--benchmark_enable_random_interleaving=true",
                                 "--benchmark_report_aggregates_only=true"});
    batches(); // generate the rows before anything is timed
    g_postgresUrl = qEnvironmentVariable("LONGSHOT_BENCH_PG");
    const QString pgDir =
        QDir::tempPath() + u"/longshot-bench-pg-%1"_s.arg(QCoreApplication::applicationPid());
    QString pgMessage;
    bool startedServer = false;
    if (g_postgresUrl.isEmpty()) {
        g_postgresUrl = throwaway(u"start"_s, pgDir, &pgMessage);
        startedServer = !g_postgresUrl.isEmpty();
    }
    if (!g_postgresUrl.isEmpty())
        benchmark::RegisterBenchmark("BM_TradeWriterDrainPostgres", BM_TradeWriterDrainPostgres)
            ->Unit(benchmark::kMillisecond)
            ->Iterations(1);
    longshot::bench::RateCollector reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    if (startedServer) {
        QString stopMessage;
        throwaway(u"stop"_s, pgDir, &stopMessage);
    }
    std::printf("\nStore: %d trades in batches of %d, SQLite file in %s (medians):\n", kTrades, kBatch,
                qPrintable(QDir::tempPath()));
    const bool ok = longshot::bench::printRatio("writer/raw = TradeWriter::drain / sqlite3 inserts",
                                                reporter.medianItemsPerSecond("BM_TradeWriterDrain/"),
                                                reporter.medianItemsPerSecond("BM_RawSqliteInsert/"), 0.8);
    if (g_postgresUrl.isEmpty()) {
        std::printf(
            "PostgreSQL ingest: SKIPPED, no server (%s)\n",
            qPrintable(pgMessage.isEmpty() ? u"set LONGSHOT_BENCH_PG or install postgresql"_s : pgMessage));
    } else {
        std::printf("\nIngest: the same %d trades in batches of %d through TradeWriter, PostgreSQL (%s) vs "
                    "SQLite:\n",
                    kTrades, kBatch,
                    startedServer ? "throwaway server on 127.0.0.1, fsync off" : "LONGSHOT_BENCH_PG");
        // The verdict compares like with like: neither side pays for fsync (the throwaway server
        // runs with fsync off; the SQLite file is on tmpfs). The on-disk SQLite figure is shown too.
        longshot::bench::printRatio("PostgreSQL/SQLite, both without fsync cost",
                                    reporter.medianItemsPerSecond("BM_TradeWriterDrainPostgres/"),
                                    reporter.medianItemsPerSecond("BM_TradeWriterDrainTmpfs/"), 0.5);
        longshot::bench::printRatio("PostgreSQL/SQLite on disk (information)",
                                    reporter.medianItemsPerSecond("BM_TradeWriterDrainPostgres/"),
                                    reporter.medianItemsPerSecond("BM_TradeWriterDrain/"), 0.5);
    }
    benchmark::Shutdown();
    return ok ? 0 : 0; // a missed target is reported, not a crash: ./dev bench runs every bench
}
