// The trader sync's two figures from issue #5:
//
// 1. Fast-lane job start with 1,000 bulk jobs queued (target <= 50 ms), through the real
//    SyncRunner on its own thread against the simulator's trader endpoints on loopback (its
//    own thread too), with the documented host budgets. Each "Sync now" is timed from the
//    request to jobStarted, to its first request on the wire and to the finished snapshot.
//    The baseline is the same request on an idle runner, measured in the same run.
// 2. A full re-grade of 10,000 traders from stored history (TraderStore::recomputeAll, target
//    <= 5 s; on SQLite the streamed re-grade, storage/sqliteregrade.h) on a generated SQLite file with a
//    skewed, realistic event count per trader (median ~50, a tail of whales in the thousands). The baseline
//    is reading every trader's events with sqlite3 directly, no ledger.
//
//   bench_scheduler                    both parts
//   bench_scheduler --traders N        re-grade N traders instead of 10,000
//   bench_scheduler --db PATH          keep / reuse the generated database
//   bench_scheduler --only fast|regrade   one part
//   bench_scheduler --breakdown        also time the re-grade's steps apart
#include "bench/benchreport.h"
#include "net/simulator/dataapiserver.h"
#include "net/simulator/traderendpoints.h"
#include "net/simulator/tradestore.h"
#include "net/syncrunner.h"
#include "storage/connection.h"
#include "storage/migrations.h"
#include "storage/sqliteregrade.h"
#include "storage/traderstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMutex>
#include <QSet>
#include <QTemporaryDir>
#include <QThread>

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

using namespace Qt::StringLiterals;
using namespace longshot;

namespace {

constexpr double kStartTargetMs = 50;
constexpr double kRegradeTargetMs = 5'000;

Wallet walletNo(quint64 n) {
    return *Wallet::parse(u"0x%1"_s.arg(n * 2654435761ULL % 0xffffffffffULL + 1, 40, 16, QChar(u'0')));
}

double median(std::vector<double> v) {
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

double maxOf(const std::vector<double> &v) {
    return v.empty() ? 0 : *std::max_element(v.begin(), v.end());
}

// --- part 1: fast-lane start -----------------------------------------------------------

struct Timings {
    std::vector<double> startMs;
    std::vector<double> firstRequestMs;
    std::vector<double> doneMs;
};

class FastLaneProbe {
public:
    FastLaneProbe(net::SyncRunner *runner, net::sim::DataApiServer *server)
        : m_runner(runner) {
        m_clock.start();
        QObject::connect(
            runner, &net::SyncRunner::jobStarted, runner,
            [this](const Wallet &w, net::SyncLane lane, qint64) {
                if (lane == net::SyncLane::Fast && w.address() == current())
                    m_startedNs.store(m_clock.nsecsElapsed());
            },
            Qt::DirectConnection);
        QObject::connect(
            runner, &net::SyncRunner::snapshotReady, runner,
            [this](const net::TraderSnapshot &s) {
                if (s.wallet.address() == current())
                    m_doneNs.store(m_clock.nsecsElapsed());
            },
            Qt::DirectConnection);
        QObject::connect(
            server, &net::sim::DataApiServer::requestReceived, server,
            [this](const QString &target) {
                if (m_firstNs.load() < 0 && target.contains(current()))
                    m_firstNs.store(m_clock.nsecsElapsed());
            },
            Qt::DirectConnection);
    }

    bool run(const Wallet &w, Timings *out) {
        m_startedNs = -1;
        m_firstNs = -1;
        m_doneNs = -1;
        {
            const QMutexLocker lock(&m_mutex);
            m_current = w.address();
        }
        const qint64 t0 = m_clock.nsecsElapsed();
        QMetaObject::invokeMethod(
            m_runner, [r = m_runner, w] { r->requestSync(w, net::SyncLane::Fast); }, Qt::QueuedConnection);
        QElapsedTimer wait;
        wait.start();
        while (m_doneNs.load() < 0 && wait.elapsed() < 60'000)
            QThread::msleep(1);
        if (m_doneNs.load() < 0 || m_startedNs.load() < 0)
            return false;
        out->startMs.push_back(double(m_startedNs.load() - t0) / 1e6);
        out->firstRequestMs.push_back(double(m_firstNs.load() - t0) / 1e6);
        out->doneMs.push_back(double(m_doneNs.load() - t0) / 1e6);
        return true;
    }

private:
    // The runner's and the simulator's threads read it on every request and signal.
    QString current() const {
        const QMutexLocker lock(&m_mutex);
        return m_current;
    }

    net::SyncRunner *m_runner;
    QElapsedTimer m_clock;
    mutable QMutex m_mutex;
    QString m_current;
    std::atomic<qint64> m_startedNs{-1};
    std::atomic<qint64> m_firstNs{-1};
    std::atomic<qint64> m_doneNs{-1};
};

void printTimings(const char *label, const Timings &t) {
    std::printf("  %-30s start %6.2f ms (max %6.2f)  first request %7.2f ms (max %7.2f)  synced %7.1f ms\n",
                label, median(t.startMs), maxOf(t.startMs), median(t.firstRequestMs), maxOf(t.firstRequestMs),
                median(t.doneMs));
}

template <typename F> void onThread(QObject *object, F f) {
    QMetaObject::invokeMethod(object, f, Qt::BlockingQueuedConnection);
}

bool fastLaneStart() {
    std::printf("Fast-lane job start with 1,000 bulk jobs queued (runner and simulator on threads of "
                "their own, documented budgets)\n");
    net::sim::TradeStore store(10);
    net::sim::TraderEndpoints traders;
    constexpr int kIdle = 4;
    constexpr int kLoaded = 8;
    // A sync takes about six requests; pausing between samples lets the fast lane's own
    // bucket refill, so the first-request figure shows queueing behind bulk work, not the
    // bench draining the fast lane with back-to-back syncs.
    constexpr unsigned long kPauseMs = 2'500;
    QList<Wallet> fast;
    for (int i = 0; i < kIdle + kLoaded; ++i) {
        fast.append(walletNo(900'000 + quint64(i)));
        traders.addGeneratedHistory(fast.constLast().address(), 200, quint64(i) + 1, 1'780'000'000);
    }
    QThread simThread;
    simThread.setObjectName(u"bench-simulator"_s);
    auto *server = new net::sim::DataApiServer(&store, nullptr);
    server->setTraderEndpoints(&traders);
    server->moveToThread(&simThread);
    simThread.start();
    bool listening = false;
    onThread(server, [&] { listening = server->listen(); });
    if (!listening) {
        std::printf("  simulator could not listen\n");
        return false;
    }
    QUrl url;
    onThread(server, [&] { url = server->url(); });

    net::SyncRunnerConfig config;
    config.fetch.dataApi = url;
    config.fetch.gammaApi = url;
    config.leaderboardIntervalMs = 0;
    QThread runnerThread;
    runnerThread.setObjectName(u"bench-sync-net"_s);
    auto *runner = new net::SyncRunner(config);
    runner->moveToThread(&runnerThread);
    runnerThread.start();
    onThread(runner, [runner] { runner->start(); });
    FastLaneProbe probe(runner, server);

    bool ok = true;
    Timings idle;
    for (int i = 0; i < kIdle; ++i) {
        ok = probe.run(fast.at(i), &idle) && ok;
        QThread::msleep(kPauseMs);
    }
    QList<Wallet> bulk;
    for (int i = 0; i < 1000; ++i)
        bulk.append(walletNo(quint64(i)));
    onThread(runner, [runner, bulk] { runner->discover(bulk); });
    QThread::msleep(1'500); // the bulk lane busy on the wire and its burst spent
    qsizetype queuedBefore = 0;
    onThread(runner, [&] { queuedBefore = runner->queued(net::SyncLane::Bulk); });
    Timings loaded;
    for (int i = kIdle; i < kIdle + kLoaded; ++i) {
        ok = probe.run(fast.at(i), &loaded) && ok;
        QThread::msleep(kPauseMs);
    }
    qsizetype queuedAfter = 0;
    qint64 sent = 0;
    qint64 limited = 0;
    onThread(runner, [&] {
        queuedAfter = runner->queued(net::SyncLane::Bulk);
        sent = runner->requestsSent();
        limited = runner->rateLimitedResponses();
        runner->stop();
    });
    QObject::connect(&runnerThread, &QThread::finished, runner, &QObject::deleteLater);
    runnerThread.quit();
    runnerThread.wait();
    QObject::connect(&simThread, &QThread::finished, server, &QObject::deleteLater);
    simThread.quit();
    simThread.wait();
    if (!ok) {
        std::printf("  a fast sync did not finish within 60 s\n");
        return false;
    }

    printTimings("idle runner (baseline)", idle);
    printTimings("1,000 bulk jobs queued", loaded);
    std::printf("  bulk jobs waiting: %lld before, %lld after; %lld requests sent, %lld answered 429\n",
                static_cast<long long>(queuedBefore), static_cast<long long>(queuedAfter),
                static_cast<long long>(sent), static_cast<long long>(limited));
    const double worst = maxOf(loaded.startMs);
    const double ratioToIdle = median(idle.startMs) > 0 ? median(loaded.startMs) / median(idle.startMs) : 0;
    const bool met = worst <= kStartTargetMs && queuedAfter >= 900;
    std::printf(
        "  fast-lane start, worst of %d: %.2f ms = %.3f x target (<= %.0f ms), %.2f x idle median %s\n",
        kLoaded, worst, worst / kStartTargetMs, kStartTargetMs, ratioToIdle, met ? "OK" : "MISSED");
    return met;
}

// --- part 2: re-grade -------------------------------------------------------------------

bool exec(sqlite3 *db, const char *sql) {
    char *err = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
        std::fprintf(stderr, "sqlite: %s\n", err ? err : "?");
        sqlite3_free(err);
        return false;
    }
    return true;
}

QByteArray conditionId(int m) {
    return u"0x%1"_s.arg(quint64(m) * 11400714819323198485ULL, 64, 16, QChar(u'0')).toLatin1();
}

QByteArray assetId(int m, int outcome) {
    return QByteArray::number(quint64(m) * 2 + quint64(outcome) + 1'000'000'000'000ULL);
}

// Markets: a third resolved (payouts), the rest open with a mark. Traders: events drawn
// log-normally around a median of 50, whales up to 5,000: buys, sells of what they hold,
// rewards.
bool generate(const QString &path, int traders, qint64 *events) {
    {
        storage::DatabaseConfig config;
        config.engine = storage::Engine::Sqlite;
        config.path = path;
        storage::Connection c(config, u"bench-migrate"_s);
        if (c.open() || storage::migrate(c))
            return false;
    }
    sqlite3 *db = nullptr;
    if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK)
        return false;
    exec(db, "PRAGMA synchronous=OFF");
    exec(db, "BEGIN");
    constexpr int kMarkets = 8'000;
    sqlite3_stmt *market = nullptr;
    sqlite3_stmt *outcome = nullptr;
    sqlite3_prepare_v2(db,
                       "INSERT INTO markets (venue, market_id, title, category, closed, updated_ms) "
                       "VALUES ('polymarket', ?, ?, ?, ?, 0)",
                       -1, &market, nullptr);
    sqlite3_prepare_v2(db,
                       "INSERT INTO outcomes (venue, asset_id, market_id, name, outcome_index, "
                       "last_price_micros, payout_micros, mark_ms) "
                       "VALUES ('polymarket', ?, ?, ?, ?, ?, ?, 1790000000000 + ?)",
                       -1, &outcome, nullptr);
    const char *const categories[] = {"politics", "sports", "crypto", "economics", "culture"};
    for (int m = 0; m < kMarkets; ++m) {
        const QByteArray id = conditionId(m);
        const QByteArray title = "Generated market " + QByteArray::number(m) + '?';
        const bool closed = m % 3 == 0;
        sqlite3_bind_text(market, 1, id.constData(), int(id.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(market, 2, title.constData(), int(title.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(market, 3, categories[m % 5], -1, SQLITE_STATIC);
        sqlite3_bind_int(market, 4, closed ? 1 : 0);
        sqlite3_step(market);
        sqlite3_reset(market);
        for (int o = 0; o < 2; ++o) {
            const QByteArray asset = assetId(m, o);
            const qint64 mark = o == 0 ? 100'000 + qint64(m % 80) * 10'000 : 0;
            sqlite3_bind_text(outcome, 1, asset.constData(), int(asset.size()), SQLITE_TRANSIENT);
            sqlite3_bind_text(outcome, 2, id.constData(), int(id.size()), SQLITE_TRANSIENT);
            sqlite3_bind_text(outcome, 3, o == 0 ? "Yes" : "No", -1, SQLITE_STATIC);
            sqlite3_bind_int(outcome, 4, o);
            sqlite3_bind_int64(outcome, 5, o == 0 ? mark : 1'000'000 - (100'000 + qint64(m % 80) * 10'000));
            if (closed)
                sqlite3_bind_int64(outcome, 6, (m / 3) % 2 == o ? 1'000'000 : 0);
            else
                sqlite3_bind_null(outcome, 6);
            sqlite3_bind_int64(outcome, 7, qint64(m) * 1'000); // marks read over a few hours
            sqlite3_step(outcome);
            sqlite3_reset(outcome);
        }
    }
    sqlite3_finalize(market);
    sqlite3_finalize(outcome);

    sqlite3_stmt *trader = nullptr;
    sqlite3_stmt *metrics = nullptr;
    sqlite3_stmt *event = nullptr;
    sqlite3_prepare_v2(db,
                       "INSERT INTO traders (wallet, name, first_seen_ms, last_seen_ms) VALUES (?, ?, 0, 0)",
                       -1, &trader, nullptr);
    sqlite3_prepare_v2(
        db,
        "INSERT INTO trader_metrics (wallet, synced_ms, complete, events, realized_pre_micros, "
        "realized_post_micros, unrealized_micros, total_pre_micros, total_post_micros, fees_micros, "
        "volume_micros, resolved_markets, wins, losses, unmarked_positions, grade, grade_score, "
        "provisional, strategy, mark_kind) "
        "VALUES (?, 1790000000000, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 'F', 0, 1, '', 'midpoint')",
        -1, &metrics, nullptr);
    sqlite3_prepare_v2(db,
                       "INSERT INTO activity_events (wallet, kind, condition_id, asset_id, outcome_index, "
                       "shares_micros, usdc_micros, ts_ms, tx_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       -1, &event, nullptr);
    std::mt19937_64 rng(20'261'123);
    std::lognormal_distribution<double> eventCount(std::log(50.0), 1.1);
    std::uniform_real_distribution<double> unit(0, 1);
    qint64 total = 0;
    for (int t = 0; t < traders; ++t) {
        const QByteArray wallet = walletNo(quint64(t)).address().toLatin1();
        const QByteArray name = "trader " + QByteArray::number(t);
        sqlite3_bind_text(trader, 1, wallet.constData(), int(wallet.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(trader, 2, name.constData(), int(name.size()), SQLITE_TRANSIENT);
        sqlite3_step(trader);
        sqlite3_reset(trader);
        sqlite3_bind_text(metrics, 1, wallet.constData(), int(wallet.size()), SQLITE_TRANSIENT);
        sqlite3_step(metrics);
        sqlite3_reset(metrics);

        const int n = std::clamp(int(eventCount(rng)), 5, 5'000);
        const int marketsHeld = std::clamp(n / 8, 1, 200);
        std::vector<int> book(static_cast<std::size_t>(marketsHeld));
        for (int &m : book)
            m = int(rng() % kMarkets);
        std::vector<qint64> held(std::size_t(marketsHeld) * 2, 0);
        qint64 ts = 1'760'000'000'000 + qint64(rng() % 10'000'000'000ULL);
        for (int e = 0; e < n; ++e) {
            ts += 1'000 + qint64(rng() % 3'600'000);
            const int slot = int(rng() % quint64(marketsHeld));
            const int o = int(rng() % 2);
            const int m = book[std::size_t(slot)];
            qint64 &h = held[std::size_t(slot) * 2 + std::size_t(o)];
            const double roll = unit(rng);
            const char *kind = "BUY";
            qint64 shares = (10 + qint64(rng() % 5'000)) * 1'000'000;
            const qint64 priceMicros = 50'000 + qint64(rng() % 900'000);
            if (roll < 0.05) {
                kind = "REWARD";
                shares = 0;
            } else if (roll < 0.30 && h > 0) {
                kind = "SELL";
                shares = std::min(h, shares);
                h -= shares;
            } else {
                h += shares;
            }
            const qint64 usdc =
                kind == std::string_view("REWARD") ? 250'000 : shares / 1'000'000 * priceMicros;
            const QByteArray cond = shares > 0 ? conditionId(m) : QByteArray();
            const QByteArray asset = shares > 0 ? assetId(m, o) : QByteArray();
            const QByteArray tx = "0x" + QByteArray::number(t) + 'x' + QByteArray::number(e);
            sqlite3_bind_text(event, 1, wallet.constData(), int(wallet.size()), SQLITE_TRANSIENT);
            sqlite3_bind_text(event, 2, kind, -1, SQLITE_STATIC);
            sqlite3_bind_text(event, 3, cond.constData(), int(cond.size()), SQLITE_TRANSIENT);
            sqlite3_bind_text(event, 4, asset.constData(), int(asset.size()), SQLITE_TRANSIENT);
            sqlite3_bind_int(event, 5, shares > 0 ? o : -1);
            sqlite3_bind_int64(event, 6, shares);
            sqlite3_bind_int64(event, 7, usdc);
            sqlite3_bind_int64(event, 8, ts);
            sqlite3_bind_text(event, 9, tx.constData(), int(tx.size()), SQLITE_TRANSIENT);
            if (sqlite3_step(event) != SQLITE_DONE) {
                std::fprintf(stderr, "insert failed: %s\n", sqlite3_errmsg(db));
                return false;
            }
            sqlite3_reset(event);
            ++total;
        }
    }
    sqlite3_finalize(trader);
    sqlite3_finalize(metrics);
    sqlite3_finalize(event);
    const bool ok = exec(db, "COMMIT") && exec(db, "ANALYZE");
    sqlite3_close(db);
    *events = total;
    return ok;
}

// The floor: every trader's events read back with sqlite3 directly, nothing computed.
double rawReadMs(const QString &path, qint64 *rows) {
    sqlite3 *db = nullptr;
    sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    QElapsedTimer timer;
    timer.start();
    sqlite3_stmt *wallets = nullptr;
    sqlite3_stmt *events = nullptr;
    sqlite3_prepare_v2(db, "SELECT wallet FROM trader_metrics ORDER BY wallet", -1, &wallets, nullptr);
    sqlite3_prepare_v2(
        db,
        "SELECT kind, condition_id, asset_id, outcome_index, shares_micros, usdc_micros, fee_micros, "
        "ts_ms, tx_id, legs, received FROM activity_events WHERE wallet = ? ORDER BY ts_ms, id",
        -1, &events, nullptr);
    qint64 n = 0;
    qint64 sink = 0;
    while (sqlite3_step(wallets) == SQLITE_ROW) {
        sqlite3_bind_text(events, 1, reinterpret_cast<const char *>(sqlite3_column_text(wallets, 0)), -1,
                          SQLITE_TRANSIENT);
        while (sqlite3_step(events) == SQLITE_ROW) {
            sink += sqlite3_column_int64(events, 4) + sqlite3_column_bytes(events, 1);
            ++n;
        }
        sqlite3_reset(events);
    }
    sqlite3_finalize(wallets);
    sqlite3_finalize(events);
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    sqlite3_close(db);
    *rows = n + (sink == -1 ? 1 : 0);
    return ms;
}

bool regrade(int traders, QString dbPath, bool breakdown) {
    std::printf("Full re-grade of %d traders from stored history (TraderStore::recomputeAll, SQLite)\n",
                traders);
    QTemporaryDir dir;
    if (dbPath.isEmpty())
        dbPath = QDir(dir.path()).filePath(u"regrade.sqlite"_s);
    if (!QFile::exists(dbPath)) {
        QElapsedTimer gen;
        gen.start();
        qint64 events = 0;
        if (!generate(dbPath, traders, &events)) {
            std::printf("  generation failed\n");
            return false;
        }
        std::printf("  generated %lld events in %.1f s\n", static_cast<long long>(events),
                    double(gen.elapsed()) / 1000.0);
    }
    qint64 rows = 0;
    const double rawMs = rawReadMs(dbPath, &rows);

    storage::DatabaseConfig config;
    config.engine = storage::Engine::Sqlite;
    config.path = dbPath;
    storage::Connection c(config, u"bench-regrade"_s);
    if (auto e = c.open()) {
        std::printf("  open: %s\n", qPrintable(storage::describe(*e)));
        return false;
    }
    if (auto e = storage::migrate(c)) { // a kept --db file from an older schema
        std::printf("  migrate: %s\n", qPrintable(storage::describe(*e)));
        return false;
    }
    storage::TraderStore store(c);
    if (breakdown) {
        // The same run as recomputeAll's SQLite path with its steps timed apart (diagnosis only;
        // it stores the same figures the timed run below stores again).
        storage::RegradeTimings steps;
        QElapsedTimer t;
        t.start();
        int stepped = 0;
        std::optional<storage::StorageError> e = c.beginWrite();
        if (!e)
            e = storage::regradeAllOnSqlite(c, &stepped, &steps);
        const double runMs = double(t.nsecsElapsed()) / 1e6;
        if (!e)
            e = c.commit();
        const double commitMs = double(t.nsecsElapsed()) / 1e6 - runMs;
        if (e) {
            c.rollback();
            std::printf("  breakdown: %s\n", qPrintable(storage::describe(*e)));
            return false;
        }
        std::printf("  breakdown of %d traders: read and decode events %.0f ms, markets %.0f ms, "
                    "ledger/metrics/grade %.0f ms, write positions and metrics %.0f ms, commit %.0f ms\n",
                    stepped, double(steps.readNs) / 1e6, double(steps.marketsNs) / 1e6,
                    double(steps.summarizeNs) / 1e6, double(steps.writeNs) / 1e6, commitMs);
    }
    QElapsedTimer timer;
    timer.start();
    int count = 0;
    if (auto e = store.recomputeAll(&count)) {
        std::printf("  recomputeAll: %s\n", qPrintable(storage::describe(*e)));
        return false;
    }
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    const bool met = ms <= kRegradeTargetMs * traders / 10'000.0;
    std::printf("  raw read of %lld events (baseline): %8.1f ms\n", static_cast<long long>(rows), rawMs);
    std::printf("  recomputeAll of %d traders:          %8.1f ms = %.3f x target (<= %.0f ms for 10,000), "
                "%.1f x the raw read, %.0f events/s %s\n",
                count, ms, ms / (kRegradeTargetMs * traders / 10'000.0), kRegradeTargetMs,
                rawMs > 0 ? ms / rawMs : 0, ms > 0 ? double(rows) * 1000.0 / ms : 0, met ? "OK" : "MISSED");
    return met;
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv); // the Qt SQL plugins are found through the application
    int traders = 10'000;
    QString dbPath;
    QString only;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); ++i) {
        if (args.at(i) == u"--traders"_s)
            traders = std::max(1, args.at(i + 1).toInt());
        else if (args.at(i) == u"--db"_s)
            dbPath = args.at(i + 1);
        else if (args.at(i) == u"--only"_s)
            only = args.at(i + 1);
    }
    const bool fastOk = only == u"regrade"_s || fastLaneStart();
    const bool regradeOk = only == u"fast"_s || regrade(traders, dbPath, args.contains(u"--breakdown"_s));
    std::printf("%s\n", fastOk && regradeOk ? "all targets met" : "some targets MISSED");
    return 0; // a missed target is reported, not a crash: ./dev bench runs every bench
}
