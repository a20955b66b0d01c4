#include "tests/storage/storagetest.h"

#include "storage/connection.h"

#include <QAtomicInteger>
#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace longshot::test {

QStringList engines() {
    return {QString::fromLatin1(kSqlite), QString::fromLatin1(kPostgres)};
}

QString postgresUrl() {
    return qEnvironmentVariable("LONGSHOT_TEST_PG");
}

TestDatabase::TestDatabase(const QString &engine) {
    if (engine == QLatin1String(kSqlite)) {
        m_dir = std::make_unique<QTemporaryDir>();
        if (!m_dir->isValid()) {
            m_error = u"cannot create a temporary directory"_s;
            return;
        }
        m_config = storage::DatabaseConfig::sqlite(m_dir->filePath(u"trades.sqlite"_s));
        m_config.busyTimeoutMs = 200;
        return;
    }
    const auto parsed = storage::parseDatabaseConfig(postgresUrl());
    if (!parsed.ok()) {
        m_error = u"LONGSHOT_TEST_PG: "_s + parsed.error;
        return;
    }
    static QAtomicInteger<int> counter;
    m_config = parsed.config;
    m_config.schema = u"t_%1_%2"_s.arg(QCoreApplication::applicationPid()).arg(counter.fetchAndAddRelaxed(1));
    m_config.busyTimeoutMs = 200;
    storage::Connection c(m_config, u"test-setup"_s);
    if (auto e = c.open())
        m_error = storage::describe(*e);
    else if (auto e2 = c.exec(u"DROP SCHEMA IF EXISTS "_s + m_config.schema + u" CASCADE"_s))
        m_error = storage::describe(*e2);
    else if (auto e3 = c.exec(u"CREATE SCHEMA "_s + m_config.schema))
        m_error = storage::describe(*e3);
}

TestDatabase::~TestDatabase() {
    if (m_config.engine != storage::Engine::Postgres || m_config.schema.isEmpty() || !ok())
        return;
    storage::Connection c(m_config, u"test-teardown"_s);
    if (!c.open())
        c.exec(u"DROP SCHEMA IF EXISTS "_s + m_config.schema + u" CASCADE"_s);
}

Trade makeTrade(const QString &txId, const QString &wallet, const QString &assetId, Side side,
                const char *price, const char *size, qint64 tsMs) {
    Trade t;
    t.venue = Venue::Polymarket;
    t.side = side;
    t.source = TradeSource::Rtds;
    t.price = Decimal::parse(std::string_view(price)).value;
    t.size = Decimal::parse(std::string_view(size)).value;
    t.timestampMs = tsMs;
    t.receivedMs = tsMs + 150;
    t.outcomeIndex = 0;
    t.marketId = u"0xcond-"_s + assetId;
    t.assetId = assetId;
    t.txId = TxId::fromText(txId);
    if (!wallet.isEmpty())
        t.wallet = Wallet::parse(wallet).value_or(Wallet());
    t.outcome = u"Yes"_s;
    return t;
}

} // namespace longshot::test
