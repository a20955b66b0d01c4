// readAlertFacts and market liquidity: the stored liquidity of the trade's own market (venue
// and id) reaches AlertFacts exactly, and a market without one leaves it unset, so the
// size-against-liquidity flag says it does not know instead of firing.
#include "models/domain/alertrule.h"
#include "storage/alertfacts.h"
#include "storage/connection.h"
#include "storage/migrations.h"
#include "tests/storage/storagetest.h"

#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace longshot;

namespace {

constexpr qint64 kT0 = 1'780'000'000'000;

// Markets as the trader sync stores them: liquidity in micro-dollars with the time it was read,
// or neither when gamma never said.
bool storeMarket(storage::Connection &c, const QString &venue, const QString &id,
                 std::optional<qint64> liquidityMicros) {
    QSqlQuery q(c.database());
    if (!q.prepare(u"INSERT INTO markets (venue, market_id, title, category, updated_ms, liquidity_micros, "
                   u"liquidity_ms) VALUES (?, ?, ?, 'politics', ?, ?, ?)"_s))
        return false;
    const QVariant none(QMetaType(QMetaType::LongLong));
    q.addBindValue(venue);
    q.addBindValue(id);
    q.addBindValue(QString(id + u'?'));
    q.addBindValue(kT0);
    q.addBindValue(liquidityMicros ? QVariant(*liquidityMicros) : none);
    q.addBindValue(liquidityMicros ? QVariant(kT0 - 60'000) : none);
    return q.exec();
}

} // namespace

class TestAlertFacts final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void liquidity_data();
    void liquidity();
};

void TestAlertFacts::liquidity_data() {
    QTest::addColumn<QString>("engine");
    QTest::addColumn<QString>("venue");
    QTest::addColumn<QString>("market");
    QTest::addColumn<QString>("liquidity"); // what AlertFacts carries; empty: unset
    QTest::addColumn<bool>("raised");
    QTest::addColumn<QString>("factors");
    const QString unknown = u"market liquidity: unknown"_s;
    for (const QString &e : test::engines()) {
        const QByteArray engine = e.toUtf8();
        QTest::addRow("%s, thin", engine.constData())
            << e << u"polymarket"_s << u"0xthin"_s << u"40000"_s << true
            << u"$10000.00 against $40000.00 liquidity = 25.0 % (at least 10.0 %)"_s;
        QTest::addRow("%s, deep", engine.constData())
            << e << u"polymarket"_s << u"0xdeep"_s << u"5000000.000001"_s << false
            << u"$10000.00 against $5000000.00 liquidity = 0.2 % (at least 10.0 %)"_s;
        QTest::addRow("%s, never observed", engine.constData())
            << e << u"polymarket"_s << u"0xnone"_s << QString() << false << unknown;
        QTest::addRow("%s, market not stored", engine.constData())
            << e << u"polymarket"_s << u"0xelsewhere"_s << QString() << false << unknown;
        // Kalshi trades carry no wallet; the market's facts are read all the same, per venue.
        QTest::addRow("%s, kalshi", engine.constData())
            << e << u"kalshi"_s << u"0xthin"_s << u"12.5"_s << true
            << u"$10000.00 against $12.50 liquidity = 80000.0 % (at least 10.0 %)"_s;
    }
}

void TestAlertFacts::liquidity() {
    LONGSHOT_TEST_DATABASE(db);
    QFETCH(QString, venue);
    QFETCH(QString, market);
    QFETCH(QString, liquidity);
    QFETCH(bool, raised);
    QFETCH(QString, factors);
    storage::Connection c(db.config(), u"facts"_s);
    QVERIFY(!c.open());
    QVERIFY(!storage::migrate(c));
    QVERIFY(storeMarket(c, u"polymarket"_s, u"0xthin"_s, 40'000'000'000));
    QVERIFY(storeMarket(c, u"polymarket"_s, u"0xdeep"_s, 5'000'000'000'001));
    QVERIFY(storeMarket(c, u"polymarket"_s, u"0xnone"_s, std::nullopt));
    QVERIFY(storeMarket(c, u"kalshi"_s, u"0xthin"_s, 12'500'000));

    // $10,000: 20,000 shares at 0.50.
    const bool kalshi = venue == u"kalshi"_s;
    Trade trade =
        test::makeTrade(u"0xtx"_s, kalshi ? QString() : u"0x1111111111111111111111111111111111111111"_s,
                        u"tok"_s, Side::Buy, "0.5", "20000", kT0);
    trade.venue = kalshi ? Venue::Kalshi : Venue::Polymarket;
    trade.marketId = market;

    AlertFacts facts;
    const auto error = storage::readAlertFacts(c, trade, &facts);
    QVERIFY2(!error, error ? qPrintable(error->message) : "");
    QCOMPARE(facts.marketLiquidityUsd ? facts.marketLiquidityUsd->toString() : QString(), liquidity);
    QCOMPARE(facts.category.isEmpty(), market == u"0xelsewhere"_s);

    const QList<InsiderSignal> judged = insiderSignals(trade, facts, InsiderCriteria{});
    const auto it = std::find_if(judged.cbegin(), judged.cend(), [](const InsiderSignal &s) {
        return s.flag == InsiderFlag::SizeVsLiquidity;
    });
    QVERIFY(it != judged.cend());
    QCOMPARE(it->raised, raised);
    QCOMPARE(it->factors, factors);
}

QTEST_GUILESS_MAIN(TestAlertFacts)
#include "tst_alertfacts.moc"
