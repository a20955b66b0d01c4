// History reads on a realistic database: a generator fills the real schema (migrate() first,
// then raw sqlite3 bulk inserts) with N trades over two years, 7,500 wallets (one whale
// holding 1% of the fills, the rest skewed), 20,000 markets; then the query worker's own
// functions are timed: one day of history, one trader's trades, count+volume of a filter.
//
//   bench_history                      1,000,000 trades (CI-sized)
//   bench_history --trades 10000000    the full figure
//   bench_history --db PATH            keep / reuse the generated file (default: temp dir)
#include "bench/benchreport.h"
#include "storage/connection.h"
#include "storage/historyquery.h"
#include "storage/migrations.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlQuery>

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <random>
#include <vector>

using namespace Qt::StringLiterals;
using namespace longshot;

namespace {

constexpr qint64 kDayMs = 24 * 3600 * 1000LL;
constexpr int kWallets = 7'500;
constexpr int kMarkets = 20'000;
constexpr qint64 kEndMs = 1'790'000'000'000; // 2026-09-22
constexpr qint64 kSpanMs = 730 * kDayMs;

QString walletAddress(int i) {
    return u"0x%1"_s.arg(quint64(i) * 2654435761ULL % 0xffffffffffULL + 1, 40, 16, QChar(u'0'));
}

const char *const kTopics[] = {"BTC", "ETH",  "FED", "ELECTION", "NBA",
                               "NFL", "RAIN", "CPI", "OSCARS",   "SPACEX"};

QByteArray marketId(int m) {
    if (m % 10 == 9)
        return u"KX%1-%2"_s.arg(QLatin1String(kTopics[m % 10])).arg(m).toUtf8();
    return u"0x%1"_s.arg(quint64(m) * 11400714819323198485ULL, 64, 16, QChar(u'0')).toUtf8();
}

bool exec(sqlite3 *db, const char *sql) {
    char *err = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
        std::fprintf(stderr, "sqlite: %s\n", err ? err : "?");
        sqlite3_free(err);
        return false;
    }
    return true;
}

void bind(sqlite3_stmt *s, int i, const QByteArray &v) {
    sqlite3_bind_text(s, i, v.constData(), int(v.size()), SQLITE_TRANSIENT);
}

qint64 storedTrades(const QString &path) {
    if (!QFile::exists(path))
        return -1;
    storage::Connection c(storage::DatabaseConfig::sqlite(path), u"bench-check"_s);
    if (c.open())
        return -1;
    QSqlQuery q(c.database());
    if (!q.exec(u"SELECT COUNT(*) FROM trades"_s) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

bool generate(const QString &path, qint64 trades) {
    for (const QString &suffix : {QString(), u"-wal"_s, u"-shm"_s})
        QFile::remove(path + suffix);
    {
        storage::Connection c(storage::DatabaseConfig::sqlite(path), u"bench-setup"_s);
        if (c.open() || storage::migrate(c))
            return false;
    }
    sqlite3 *db = nullptr;
    if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK)
        return false;
    exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144");
    // Secondary indexes are rebuilt once at the end: sorted builds beat random index inserts.
    exec(db, "DROP INDEX trades_ts; DROP INDEX trades_wallet_ts; DROP INDEX trades_market_ts; "
             "DROP INDEX trades_notional");
    std::mt19937_64 rng(20261123);
    QElapsedTimer timer;
    timer.start();

    exec(db, "BEGIN");
    sqlite3_stmt *market = nullptr;
    sqlite3_prepare_v2(db,
                       "INSERT INTO markets (venue, market_id, title, slug, event_slug, updated_ms) "
                       "VALUES (?, ?, ?, ?, ?, ?)",
                       -1, &market, nullptr);
    for (int m = 0; m < kMarkets; ++m) {
        const bool kalshi = m % 10 == 9;
        const QByteArray id = marketId(m);
        bind(market, 1, kalshi ? "kalshi" : "polymarket");
        bind(market, 2, id);
        bind(market, 3,
             u"Will %1 market %2 resolve YES?"_s.arg(QLatin1String(kTopics[m % 10])).arg(m).toUtf8());
        bind(market, 4, u"market-%1"_s.arg(m).toUtf8());
        bind(market, 5, u"event-%1"_s.arg(m / 4).toUtf8());
        sqlite3_bind_int64(market, 6, kEndMs);
        sqlite3_step(market);
        sqlite3_reset(market);
    }
    sqlite3_finalize(market);
    sqlite3_stmt *trader = nullptr;
    sqlite3_prepare_v2(db,
                       "INSERT INTO traders (wallet, name, pseudonym, first_seen_ms, last_seen_ms) "
                       "VALUES (?, ?, ?, ?, ?)",
                       -1, &trader, nullptr);
    for (int w = 0; w < kWallets; ++w) {
        bind(trader, 1, walletAddress(w).toUtf8());
        bind(trader, 2, w % 3 == 0 ? u"trader%1"_s.arg(w).toUtf8() : QByteArray());
        bind(trader, 3, u"Pseudo-%1"_s.arg(w).toUtf8());
        sqlite3_bind_int64(trader, 4, kEndMs - kSpanMs);
        sqlite3_bind_int64(trader, 5, kEndMs);
        sqlite3_step(trader);
        sqlite3_reset(trader);
    }
    sqlite3_finalize(trader);
    exec(db, "COMMIT");

    sqlite3_stmt *ins = nullptr;
    sqlite3_prepare_v2(db,
                       "INSERT INTO trades (venue, tx_id, wallet, asset_id, side, price_micros, size_micros, "
                       "notional_micros, ts_ms, market_id, outcome, outcome_index, source, received_ms) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       -1, &ins, nullptr);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::vector<QByteArray> marketIds, wallets;
    for (int m = 0; m < kMarkets; ++m)
        marketIds.push_back(marketId(m));
    for (int w = 0; w < kWallets; ++w)
        wallets.push_back(walletAddress(w).toUtf8());
    // Time-ordered inserts, as the live writer produces them; activity grows over the two years.
    const qint64 start = kEndMs - kSpanMs;
    exec(db, "BEGIN");
    for (qint64 i = 0; i < trades; ++i) {
        const qint64 ts = start + qint64(std::sqrt(double(i) / double(trades)) * double(kSpanMs));
        const double u = unit(rng);
        const int w =
            u < 0.01 ? 0 : 1 + int(std::pow(unit(rng), 2.0) * (kWallets - 1)); // the whale, then skew
        const int m = int(std::pow(unit(rng), 1.5) * kMarkets);
        const bool kalshi = m % 10 == 9;
        const qint64 price = 10'000 + qint64(rng() % 980'000);
        const qint64 size = qint64(std::exp(unit(rng) * 11.0) * 1'000'000.0); // ~1 to ~60,000 shares
        const qint64 notional = price * size / 1'000'000;
        bind(ins, 1, kalshi ? "kalshi" : "polymarket");
        bind(ins, 2, u"0x%1"_s.arg(quint64(i) * 0x9E3779B97F4A7C15ULL, 64, 16, QChar(u'0')).toUtf8());
        bind(ins, 3, kalshi ? QByteArray() : wallets[std::size_t(w)]);
        bind(ins, 4, u"asset-%1-%2"_s.arg(m).arg(i % 2).toUtf8());
        bind(ins, 5, i % 3 ? "BUY" : "SELL");
        sqlite3_bind_int64(ins, 6, price);
        sqlite3_bind_int64(ins, 7, size);
        sqlite3_bind_int64(ins, 8, notional);
        sqlite3_bind_int64(ins, 9, ts);
        bind(ins, 10, marketIds[std::size_t(m)]);
        bind(ins, 11, i % 2 ? "No" : "Yes");
        sqlite3_bind_int(ins, 12, int(i % 2));
        bind(ins, 13, kalshi ? "kalshi_ws" : "rtds");
        sqlite3_bind_int64(ins, 14, ts + 150);
        if (sqlite3_step(ins) != SQLITE_DONE) {
            std::fprintf(stderr, "insert failed: %s\n", sqlite3_errmsg(db));
            return false;
        }
        sqlite3_reset(ins);
        if (i % 200'000 == 199'999) {
            exec(db, "COMMIT; BEGIN");
            std::fprintf(stderr, "\r  generated %lld / %lld trades", static_cast<long long>(i + 1),
                         static_cast<long long>(trades));
        }
    }
    exec(db, "COMMIT");
    sqlite3_finalize(ins);
    std::fprintf(stderr, "\n  building indexes\n");
    exec(db,
         "CREATE INDEX trades_ts ON trades (ts_ms); CREATE INDEX trades_wallet_ts ON trades (wallet, ts_ms); "
         "CREATE INDEX trades_market_ts ON trades (market_id, ts_ms); "
         "CREATE INDEX trades_notional ON trades (notional_micros)");
    exec(db, "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE)");
    sqlite3_close(db);
    std::fprintf(stderr, "\n  generated in %.1f s\n", double(timer.elapsed()) / 1000.0);
    return true;
}

struct Figure {
    double medianMs = 0;
    double medianCpuMs = 0; // this thread's CPU time: what the query costs when cores are shared
    qint64 rows = 0;
};

double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

QString loadAverage() {
    QFile f(u"/proc/loadavg"_s);
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll()).section(u' ', 0, 0) : u"?"_s;
}

// Median of `runs` wall-clock timings of `body`, which returns the rows it produced.
template <typename F> Figure measure(int runs, F body) {
    std::vector<double> ms, cpu;
    Figure f;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        const double cpu0 = threadCpuMs();
        t.start();
        f.rows = body();
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
        cpu.push_back(threadCpuMs() - cpu0);
    }
    std::sort(ms.begin(), ms.end());
    std::sort(cpu.begin(), cpu.end());
    f.medianMs = ms[ms.size() / 2];
    f.medianCpuMs = cpu[cpu.size() / 2];
    return f;
}

// Every row of the filter, newest first, in keyset pages as the model would take them
// if the user scrolled to the end.
qint64 readAll(storage::Connection &c, const HistoryFilter &filter, int page) {
    qint64 n = 0;
    std::optional<HistoryCursor> after;
    for (;;) {
        HistoryRows rows;
        if (storage::queryHistoryPage(c, filter, after, page, &rows))
            return -1;
        n += rows.size();
        if (rows.size() < page)
            return n;
        after = cursorAfter(rows.constLast());
    }
}

bool report(const char *label, const Figure &f, double targetMs) {
    const bool ok = f.medianMs <= targetMs;
    std::printf("%-46s %8.1f ms wall %8.1f ms cpu %9lld rows  (target <= %.0f ms) %s\n", label, f.medianMs,
                f.medianCpuMs, static_cast<long long>(f.rows), targetMs, ok ? "OK" : "MISSED");
    return ok;
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    qint64 trades = 1'000'000;
    QString path;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == u"--trades"_s)
            trades = args[i + 1].toLongLong();
        else if (args[i] == u"--db"_s)
            path = args[i + 1];
    }
    if (path.isEmpty())
        path = QDir::tempPath() + u"/longshot-bench-history-%1.sqlite"_s.arg(trades);
    if (storedTrades(path) != trades) {
        std::fprintf(stderr, "Generating %lld trades into %s\n", static_cast<long long>(trades),
                     qPrintable(path));
        if (!generate(path, trades)) {
            std::fprintf(stderr, "generation failed\n");
            return 1;
        }
    }

    storage::DatabaseConfig config = storage::DatabaseConfig::sqlite(path);
    config.readOnly = true;
    storage::Connection c(config, u"bench-reader"_s);
    if (auto error = c.open()) {
        std::fprintf(stderr, "open: %s\n", qPrintable(storage::describe(*error)));
        return 1;
    }
    const int runs = 5;
    std::printf(
        "\nHistory reads: %lld trades over two years, %d wallets, %d markets, SQLite %s, load average %s\n"
        "(verdicts use wall time; on a shared machine compare the cpu column)\n",
        static_cast<long long>(trades), kWallets, kMarkets, sqlite3_libversion(), qPrintable(loadAverage()));

    // A day in the busy end of the range.
    HistoryFilter day;
    day.fromMs = kEndMs - 10 * kDayMs;
    day.toMs = day.fromMs + kDayMs;
    bool ok = true;
    ok &= report("one day, first page (200 rows)",
                 measure(runs,
                         [&] {
                             HistoryRows rows;
                             storage::queryHistoryPage(c, day, std::nullopt, 200, &rows);
                             return qint64(rows.size());
                         }),
                 100);
    ok &= report("one day, every row (keyset pages of 10,000)",
                 measure(runs, [&] { return readAll(c, day, 10'000); }), 100);
    HistoryFilter whale;
    whale.trader = walletAddress(0);
    ok &= report("one trader, first page (200 rows)",
                 measure(runs,
                         [&] {
                             HistoryRows rows;
                             storage::queryHistoryPage(c, whale, std::nullopt, 200, &rows);
                             return qint64(rows.size());
                         }),
                 100);
    const Figure trader = measure(3, [&] { return readAll(c, whale, 10'000); });
    // The target is stated as 200 ms for 100k rows; scale it to the whale's actual count.
    ok &= report("one trader, every row (200 ms per 100k rows)", trader,
                 std::max(1.0, 200.0 * double(trader.rows) / 100'000.0));
    HistoryFilter month;
    month.fromMs = kEndMs - 30 * kDayMs;
    month.toMs = kEndMs;
    month.minUsd = Decimal::fromMicros(1'000 * Decimal::kOne);
    HistoryTotals totals;
    ok &= report("count+volume, 30 days, >= $1,000",
                 measure(runs,
                         [&] {
                             storage::queryHistoryTotals(c, month, &totals);
                             return totals.count;
                         }),
                 200);
    std::printf("    = %lld trades, $%s exact\n", static_cast<long long>(totals.count),
                qPrintable(totals.volume.toFixed(2)));
    HistoryTotals all;
    report("count+volume, everything (full scan; no target)",
           measure(3,
                   [&] {
                       storage::queryHistoryTotals(c, {}, &all);
                       return all.count;
                   }),
           1e9);
    std::printf("%s\n", ok ? "all targets met" : "some targets MISSED");
    return 0; // a missed target is reported, not a crash: ./dev bench runs every bench
}
