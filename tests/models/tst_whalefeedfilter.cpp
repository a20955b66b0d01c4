#include "models/whalefeedfilter.h"
#include "models/whalefeedmodel.h"

#include "tests/models/tradefactory.h"
#include "tests/support/modeltester.h"

#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTest>

using namespace longshot;
using namespace longshot::test;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kT0 = 1'790'262'855'000;

// Ten trades across venues, sides, sizes and names; ids are the expected row identities.
TradeBatch tape() {
    TradeBatch b;
    Trade t;
    t = polyTrade(1, kT0 + 1, "0.68", "8643"); // $5,877.24 BUY, Talvez10
    b << t;
    t = polyTrade(2, kT0 + 2, "0.97", "1030.92"); // $999.9924 BUY, just under $1,000
    t.traderName = u"Momo63"_s;
    t.traderPseudonym = u"Forked-Pricing"_s;
    t.wallet = *Wallet::parse(u"0x09beD1976600971Fd9f9Db454a9c302C7A559c32");
    t.marketTitle = u"Will Malta win on 2026-09-24?"_s;
    t.outcome = u"Yes"_s;
    b << t;
    t = polyTrade(3, kT0 + 3, "0.5", "2000", Side::Sell); // $1,000 exactly, SELL
    t.traderName.clear();
    t.traderPseudonym = u"Cute-Congress-Papaya"_s;
    b << t;
    t = polyTrade(4, kT0 + 4, "0.25", "100000", Side::Sell); // $25,000 SELL
    t.marketTitle = u"Fed decision in December?"_s;
    t.outcome = u"No change"_s;
    b << t;
    b << kalshiTrade(5, kT0 + 5, "0.42", "5000");             // $2,100 Kalshi BUY
    b << kalshiTrade(6, kT0 + 6, "0.9", "20000", Side::Sell); // $18,000 Kalshi SELL
    b << kalshiTrade(7, kT0 + 7, "0.42", "3");                // $1.26 Kalshi
    t = polyTrade(8, kT0 + 8, "0.01", "50", Side::Buy);       // $0.50
    b << t;
    return b;
}

int idOf(const Trade &t) {
    // polyTrade/kalshiTrade encode the id in the last digits of the tx id.
    return t.txId.text().right(4).toInt(nullptr, t.venue == Venue::Polymarket ? 16 : 10);
}

QList<int> shownIds(const QAbstractItemModel &proxy) {
    QList<int> ids;
    for (int r = 0; r < proxy.rowCount(); ++r)
        ids << idOf(proxy.index(r, 0).data(WhaleFeedModel::TradeRole).value<Trade>());
    return ids;
}

} // namespace

class TestWhaleFeedFilter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() {
        m_model = std::make_unique<WhaleFeedModel>();
        m_proxy = std::make_unique<WhaleFeedFilterProxy>();
        m_proxy->setSourceModel(m_model.get());
        m_tester = attachModelTester(m_proxy.get());
        m_model->appendBatch(tape());
    }
    void cleanup() {
        m_tester.reset();
        m_proxy.reset();
        m_model.reset();
    }

    void defaults() {
        QCOMPARE(m_proxy->minNotional(), dec("1000"));
        QVERIFY(!m_proxy->side());
        QVERIFY(!m_proxy->venue());
        QVERIFY(m_proxy->text().isEmpty());
        QVERIFY(!m_proxy->dynamicSortFilter());
        QCOMPARE(m_proxy->sortColumn(), -1);
        // $1,000 is inclusive; $999.9924 is not a whale. Newest first, as in the source.
        QCOMPARE(shownIds(*m_proxy), (QList<int>{6, 5, 4, 3, 1}));
    }

    void minNotional_data() {
        QTest::addColumn<QString>("minimum");
        QTest::addColumn<QList<int>>("ids");
        QTest::newRow("zero shows all") << u"0"_s << QList<int>{8, 7, 6, 5, 4, 3, 2, 1};
        QTest::newRow("one dollar") << u"1"_s << QList<int>{7, 6, 5, 4, 3, 2, 1};
        QTest::newRow("micro below 999.9924") << u"999.992399"_s << QList<int>{6, 5, 4, 3, 2, 1};
        QTest::newRow("exactly 999.9924") << u"999.9924"_s << QList<int>{6, 5, 4, 3, 2, 1};
        QTest::newRow("micro above") << u"999.992401"_s << QList<int>{6, 5, 4, 3, 1};
        QTest::newRow("10k") << u"10000"_s << QList<int>{6, 4};
        QTest::newRow("none") << u"1000000"_s << QList<int>{};
    }
    void minNotional() {
        QFETCH(QString, minimum);
        QFETCH(QList<int>, ids);
        QSignalSpy changed(m_proxy.get(), &WhaleFeedFilterProxy::filterChanged);
        m_proxy->setMinNotional(dec(minimum.toLatin1().constData()));
        QCOMPARE(shownIds(*m_proxy), ids);
        QCOMPARE(changed.count(), 1);
        m_proxy->setMinNotional(dec(minimum.toLatin1().constData())); // unchanged: no re-filter
        QCOMPARE(changed.count(), 1);
    }

    void side_data() {
        QTest::addColumn<int>("side");
        QTest::addColumn<QList<int>>("ids");
        QTest::newRow("buy") << int(Side::Buy) << QList<int>{5, 1};
        QTest::newRow("sell") << int(Side::Sell) << QList<int>{6, 4, 3};
        QTest::newRow("all") << 0 << QList<int>{6, 5, 4, 3, 1};
    }
    void side() {
        QFETCH(int, side);
        QFETCH(QList<int>, ids);
        m_proxy->setSide(side == 0 ? std::nullopt : std::optional<Side>(static_cast<Side>(side)));
        QCOMPARE(shownIds(*m_proxy), ids);
    }

    void venue_data() {
        QTest::addColumn<int>("venue");
        QTest::addColumn<QList<int>>("ids");
        QTest::newRow("polymarket") << int(Venue::Polymarket) << QList<int>{4, 3, 1};
        QTest::newRow("kalshi") << int(Venue::Kalshi) << QList<int>{6, 5};
        QTest::newRow("all") << 0 << QList<int>{6, 5, 4, 3, 1};
    }
    void venue() {
        QFETCH(int, venue);
        QFETCH(QList<int>, ids);
        m_proxy->setVenue(venue == 0 ? std::nullopt : std::optional<Venue>(static_cast<Venue>(venue)));
        QCOMPARE(shownIds(*m_proxy), ids);
    }

    void text_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QList<int>>("ids");
        QTest::newRow("market title, any case") << u"fed DECISION"_s << QList<int>{4};
        QTest::newRow("outcome") << u"no change"_s << QList<int>{4};
        QTest::newRow("trader name") << u"talvez"_s << QList<int>{4, 1};
        QTest::newRow("pseudonym") << u"papaya"_s << QList<int>{3};
        QTest::newRow("pseudonym behind a name") << u"fresh-avail"_s << QList<int>{4, 1};
        QTest::newRow("wallet fragment, mixed case") << u"0xA71093CAFC"_s << QList<int>{4, 3, 1};
        QTest::newRow("kalshi ticker") << u"kxbtcd"_s << QList<int>{6, 5};
        QTest::newRow("shared title") << u"braves"_s << QList<int>{3, 1};
        QTest::newRow("surrounding spaces ignored") << u"  talvez  "_s << QList<int>{4, 1};
        QTest::newRow("no match") << u"nonexistent"_s << QList<int>{};
        QTest::newRow("empty shows all") << QString() << QList<int>{6, 5, 4, 3, 1};
    }
    void text() {
        QFETCH(QString, text);
        QFETCH(QList<int>, ids);
        m_proxy->setText(text);
        QCOMPARE(shownIds(*m_proxy), ids);
    }

    void combined() {
        m_proxy->setVenue(Venue::Polymarket);
        m_proxy->setSide(Side::Sell);
        QCOMPARE(shownIds(*m_proxy), (QList<int>{4, 3}));
        m_proxy->setMinNotional(dec("5000"));
        QCOMPARE(shownIds(*m_proxy), (QList<int>{4}));
        m_proxy->setText(u"braves"_s);
        QCOMPARE(shownIds(*m_proxy), QList<int>{});
        m_proxy->setMinNotional(dec("0"));
        QCOMPARE(shownIds(*m_proxy), (QList<int>{3}));
        m_proxy->setSide(std::nullopt);
        QCOMPARE(shownIds(*m_proxy), (QList<int>{8, 3, 1}));
        m_proxy->setVenue(std::nullopt);
        m_proxy->setText({});
        QCOMPARE(shownIds(*m_proxy), (QList<int>{8, 7, 6, 5, 4, 3, 2, 1}));
    }

    void liveRowsAreFilteredOnArrival() {
        m_proxy->setSide(Side::Buy);
        QSignalSpy inserted(m_proxy.get(), &QAbstractItemModel::rowsInserted);
        m_model->appendBatch({polyTrade(20, kT0 + 20, "0.5", "10000", Side::Sell),
                              polyTrade(21, kT0 + 21, "0.5", "10000", Side::Buy),
                              polyTrade(22, kT0 + 22, "0.5", "10", Side::Buy)});
        // One proxy insert for the one accepted row, on top.
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.first().at(1).toInt(), 0);
        QCOMPARE(inserted.first().at(2).toInt(), 0);
        QCOMPARE(shownIds(*m_proxy), (QList<int>{21, 5, 1}));
    }

    void trimPassesThrough() {
        m_model->setCapacity(3);
        // Window keeps ids 8, 7, 6; only 6 passes $1,000.
        QCOMPARE(shownIds(*m_proxy), QList<int>{6});
        m_model->appendBatch({polyTrade(30, kT0 + 30), polyTrade(31, kT0 + 31)});
        QCOMPARE(shownIds(*m_proxy), (QList<int>{31, 30}));
        m_model->clear();
        QCOMPARE(m_proxy->rowCount(), 0);
    }

    void worksOverAnyModelWithTheRoles() {
        // The slow path reads roles, so the proxy also filters a stand-in model.
        QStandardItemModel plain(0, 1);
        for (const Trade &t : tape()) {
            auto *item = new QStandardItem(t.marketTitle);
            item->setData(QVariant::fromValue(t), WhaleFeedModel::TradeRole);
            item->setData(t.notional()->micros(), WhaleFeedModel::NotionalMicrosRole);
            plain.appendRow(item);
        }
        WhaleFeedFilterProxy proxy;
        proxy.setSourceModel(&plain);
        auto tester = attachModelTester(&proxy);
        QCOMPARE(shownIds(proxy), (QList<int>{1, 3, 4, 5, 6}));
        proxy.setVenue(Venue::Kalshi);
        proxy.setSide(Side::Sell);
        QCOMPARE(shownIds(proxy), QList<int>{6});
    }

private:
    std::unique_ptr<WhaleFeedModel> m_model;
    std::unique_ptr<WhaleFeedFilterProxy> m_proxy;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_GUILESS_MAIN(TestWhaleFeedFilter)
#include "tst_whalefeedfilter.moc"
