#include "models/whalefeedmodel.h"

#include "tests/models/tradefactory.h"
#include "tests/support/modeltester.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTest>

using namespace longshot;
using namespace longshot::test;
using namespace Qt::StringLiterals;
using Column = WhaleFeedModel::Column;

namespace {

constexpr qint64 kT0 = 1'790'262'855'000; // 2026-09-24 15:14:15 UTC, from the whalescan capture

QList<qint64> timestamps(const WhaleFeedModel &m) {
    QList<qint64> out;
    for (int r = 0; r < m.rowCount(); ++r)
        out << m.tradeAt(r).timestampMs;
    return out;
}

// Records the structural signals of a model in order, so a test can assert "one remove,
// then one insert" rather than only counting.
struct SignalLog {
    explicit SignalLog(QAbstractItemModel *model) {
        QObject::connect(model, &QAbstractItemModel::rowsRemoved, model,
                         [this](const QModelIndex &, int first, int last) {
                             events << u"remove %1-%2"_s.arg(first).arg(last);
                         });
        QObject::connect(model, &QAbstractItemModel::rowsInserted, model,
                         [this](const QModelIndex &, int first, int last) {
                             events << u"insert %1-%2"_s.arg(first).arg(last);
                         });
        QObject::connect(model, &QAbstractItemModel::modelReset, model, [this] { events << u"reset"_s; });
    }
    QStringList events;
};

} // namespace

class TestWhaleFeedModel : public QObject {
    Q_OBJECT
public:
    // Local time is part of the display format; pin it so expectations are stable.
    static void initMain() { qputenv("TZ", "UTC"); }

private Q_SLOTS:
    void init() {
        m_model = std::make_unique<WhaleFeedModel>();
        m_tester = attachModelTester(m_model.get());
    }
    void cleanup() {
        m_tester.reset();
        m_model.reset();
    }

    void emptyBatchDoesNothing() {
        SignalLog log(m_model.get());
        m_model->appendBatch({});
        QCOMPARE(m_model->rowCount(), 0);
        QVERIFY(log.events.isEmpty());
    }

    void newestOnTopWithinAndAcrossBatches() {
        SignalLog log(m_model.get());
        // Out of time order inside the batch: sorted newest first at insert.
        m_model->appendBatch({polyTrade(1, kT0 + 2'000), polyTrade(2, kT0), polyTrade(3, kT0 + 1'000)});
        QCOMPARE(timestamps(*m_model), (QList<qint64>{kT0 + 2'000, kT0 + 1'000, kT0}));
        m_model->appendBatch({polyTrade(4, kT0 + 3'000)});
        QCOMPARE(timestamps(*m_model), (QList<qint64>{kT0 + 3'000, kT0 + 2'000, kT0 + 1'000, kT0}));
        // A late trade older than the top still lands on top: the tape keeps arrival order.
        m_model->appendBatch({polyTrade(5, kT0 - 60'000)});
        QCOMPARE(m_model->tradeAt(0).timestampMs, kT0 - 60'000);
        QCOMPARE(m_model->tradeAt(1).timestampMs, kT0 + 3'000);
        QCOMPARE(log.events, (QStringList{u"insert 0-2"_s, u"insert 0-0"_s, u"insert 0-0"_s}));
    }

    void equalTimestampsKeepBatchOrder() {
        // Same second (RTDS has second precision): the later one in the batch goes above.
        m_model->appendBatch({polyTrade(1, kT0), polyTrade(2, kT0)});
        QCOMPARE(m_model->tradeAt(0).txId, polyTrade(2, kT0).txId);
        QCOMPARE(m_model->tradeAt(1).txId, polyTrade(1, kT0).txId);
    }

    void trimAtCapacity_data() {
        QTest::addColumn<int>("capacity");
        QTest::addColumn<QList<int>>("batchSizes");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<int>("finalRows");
        QTest::newRow("fits") << 5 << QList<int>{2, 3} << QStringList{u"insert 0-1"_s, u"insert 0-2"_s} << 5;
        QTest::newRow("overflow by two")
            << 5 << QList<int>{3, 4} << QStringList{u"insert 0-2"_s, u"remove 1-2"_s, u"insert 0-3"_s} << 5;
        QTest::newRow("batch replaces window")
            << 3 << QList<int>{3, 3} << QStringList{u"insert 0-2"_s, u"remove 0-2"_s, u"insert 0-2"_s} << 3;
        QTest::newRow("batch larger than window")
            << 3 << QList<int>{2, 7} << QStringList{u"insert 0-1"_s, u"remove 0-1"_s, u"insert 0-2"_s} << 3;
        QTest::newRow("capacity one") << 1 << QList<int>{1, 1, 2}
                                      << QStringList{u"insert 0-0"_s, u"remove 0-0"_s, u"insert 0-0"_s,
                                                     u"remove 0-0"_s, u"insert 0-0"_s}
                                      << 1;
    }
    void trimAtCapacity() {
        QFETCH(int, capacity);
        QFETCH(QList<int>, batchSizes);
        QFETCH(QStringList, expected);
        QFETCH(int, finalRows);
        m_model->setCapacity(capacity);
        SignalLog log(m_model.get());
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
        int id = 0;
        qint64 ts = kT0;
        QList<qint64> all;
        for (int size : batchSizes) {
            TradeBatch batch;
            for (int i = 0; i < size; ++i) {
                batch << polyTrade(++id, ts);
                all.prepend(ts);
                ts += 1'000;
            }
            const auto insertsBefore = inserted.count();
            const auto removesBefore = removed.count();
            m_model->appendBatch(batch);
            QCOMPARE(inserted.count() - insertsBefore, 1);
            QVERIFY(removed.count() - removesBefore <= 1);
        }
        QCOMPARE(log.events, expected);
        QCOMPARE(m_model->rowCount(), finalRows);
        // The window holds the newest trades, newest first.
        QCOMPARE(timestamps(*m_model), all.mid(0, finalRows));
    }

    void shrinkingCapacityTrimsOnce() {
        TradeBatch batch;
        for (int i = 0; i < 10; ++i)
            batch << polyTrade(i, kT0 + i * 1'000);
        m_model->appendBatch(batch);
        SignalLog log(m_model.get());
        m_model->setCapacity(4);
        QCOMPARE(log.events, QStringList{u"remove 4-9"_s});
        QCOMPARE(timestamps(*m_model), (QList<qint64>{kT0 + 9'000, kT0 + 8'000, kT0 + 7'000, kT0 + 6'000}));
        m_model->setCapacity(0); // clamped to one row
        QCOMPARE(m_model->capacity(), 1);
        QCOMPARE(m_model->rowCount(), 1);
        QCOMPARE(m_model->tradeAt(0).timestampMs, kT0 + 9'000);
    }

    void defaultCapacity() {
        QCOMPARE(m_model->capacity(), 5'000);
        TradeBatch batch;
        for (int i = 0; i < 5'100; ++i)
            batch << polyTrade(i, kT0 + i);
        m_model->appendBatch(batch);
        QCOMPARE(m_model->rowCount(), 5'000);
        QCOMPARE(m_model->tradeAt(0).timestampMs, kT0 + 5'099);
        QCOMPARE(m_model->tradeAt(4'999).timestampMs, kT0 + 100);
    }

    void duplicatesAreDropped() {
        SignalLog log(m_model.get());
        const Trade a = polyTrade(1, kT0);
        Trade viaOrdersMatched = a; // the same fill from the other socket topic
        viaOrdersMatched.source = TradeSource::Rest;
        viaOrdersMatched.receivedMs = kT0 + 400;
        m_model->appendBatch({a, viaOrdersMatched, polyTrade(2, kT0)});
        QCOMPARE(m_model->rowCount(), 2);
        m_model->appendBatch({a});
        m_model->appendBatch({viaOrdersMatched, a});
        QCOMPARE(m_model->rowCount(), 2);
        QCOMPARE(log.events, QStringList{u"insert 0-1"_s});
        // Only the new trade of a mixed batch is inserted.
        m_model->appendBatch({a, polyTrade(3, kT0 + 5)});
        QCOMPARE(m_model->rowCount(), 3);
        QCOMPARE(log.events.last(), u"insert 0-0"_s);
        // Same tx but another wallet's leg of the fill is a different trade.
        Trade otherLeg = a;
        otherLeg.wallet = *Wallet::parse(u"0x09bed1976600971fd9f9db454a9c302c7a559c32");
        m_model->appendBatch({otherLeg});
        QCOMPARE(m_model->rowCount(), 4);
    }

    void keyLeavesWithTrimmedRow() {
        m_model->setCapacity(2);
        const Trade old = polyTrade(1, kT0);
        m_model->appendBatch({old});
        m_model->appendBatch({polyTrade(2, kT0 + 1), polyTrade(3, kT0 + 2)});
        QCOMPARE(m_model->rowCount(), 2);
        // The window no longer holds it, so it is news again (disk has the history).
        m_model->appendBatch({old});
        QCOMPARE(m_model->tradeAt(0).txId, old.txId);
    }

    void clearResets() {
        m_model->appendBatch({polyTrade(1, kT0), polyTrade(2, kT0 + 1)});
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        m_model->clear();
        QCOMPARE(reset.count(), 1);
        QCOMPARE(m_model->rowCount(), 0);
        m_model->clear(); // already empty: nothing to announce
        QCOMPARE(reset.count(), 1);
        m_model->appendBatch({polyTrade(1, kT0)});
        QCOMPARE(m_model->rowCount(), 1);
    }

    void display_data() {
        QTest::addColumn<Trade>("trade");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("text");
        const Trade whale = polyTrade(1, kT0);
        Trade malta = polyTrade(2, 1'790'272'257'000, "0.97", "1030.92");
        malta.traderName.clear();
        malta.traderPseudonym.clear();
        Trade pseudonymOnly = polyTrade(3, kT0, "0.003", "1000000", Side::Sell);
        pseudonymOnly.traderName.clear();
        Trade untitled = kalshiTrade(4, kT0, "0.42", "3");
        const auto col = [](Column c) { return WhaleFeedModel::column(c); };
        QTest::newRow("time") << whale << col(Column::Time) << u"15:14:15"_s;
        QTest::newRow("venue poly") << whale << col(Column::Venue) << u"Polymarket"_s;
        QTest::newRow("venue kalshi") << untitled << col(Column::Venue) << u"Kalshi"_s;
        QTest::newRow("market") << whale << col(Column::Market) << u"Cincinnati Reds vs. Atlanta Braves"_s;
        QTest::newRow("market falls back to ticker")
            << untitled << col(Column::Market) << u"KXBTCD-26MAY3017-T73499.99"_s;
        QTest::newRow("outcome") << whale << col(Column::Outcome) << u"Atlanta Braves"_s;
        QTest::newRow("side buy") << whale << col(Column::Side) << u"BUY"_s;
        QTest::newRow("side sell") << pseudonymOnly << col(Column::Side) << u"SELL"_s;
        QTest::newRow("price cents") << whale << col(Column::Price) << u"68.0¢"_s;
        QTest::newRow("price sub-cent") << pseudonymOnly << col(Column::Price) << u"0.3¢"_s;
        QTest::newRow("size whole") << whale << col(Column::Size) << u"8,643"_s;
        QTest::newRow("size fraction") << malta << col(Column::Size) << u"1,030.92"_s;
        QTest::newRow("notional whale, whole dollars") << whale << col(Column::Notional) << u"$5,877"_s;
        QTest::newRow("notional below $1,000 keeps cents") << malta << col(Column::Notional) << u"$999.99"_s;
        QTest::newRow("notional tiny") << untitled << col(Column::Notional) << u"$1.26"_s;
        QTest::newRow("trader name") << whale << col(Column::Trader) << u"Talvez10"_s;
        QTest::newRow("trader pseudonym") << pseudonymOnly << col(Column::Trader) << u"Fresh-Availability"_s;
        QTest::newRow("trader short wallet") << malta << col(Column::Trader) << u"0xa710…23c4"_s;
        Trade addressAsName = polyTrade(5, kT0);
        addressAsName.traderName = u"0x705B892056ddF0B0a1c2d3e4f5a6b7c8d9e0F1a2"_s;
        QTest::newRow("name that is an address") << addressAsName << col(Column::Trader) << u"0x705b…f1a2"_s;
        addressAsName.traderName = u"0x705B892056ddF0BAd1c60740186Ae91B1a6d2805-1788250233658"_s;
        QTest::newRow("default profile name") << addressAsName << col(Column::Trader) << u"0x705b…2805"_s;
        // A letter O where a zero belongs is not an address: shown verbatim, not disguised.
        addressAsName.traderName = u"0x138aD4FD2E68C3468FaB74a6O1AD166894952a04"_s;
        QTest::newRow("address lookalike")
            << addressAsName << col(Column::Trader) << u"0x138aD4FD2E68C3468FaB74a6O1AD166894952a04"_s;
        QTest::newRow("trader anonymous") << untitled << col(Column::Trader) << u"—"_s;
        QTest::newRow("tx short") << malta << col(Column::Tx) << u"0x0000…0002"_s;
        QTest::newRow("kalshi id short") << untitled << col(Column::Tx) << u"cd6c95…0004"_s;
    }
    void display() {
        QFETCH(Trade, trade);
        QFETCH(int, column);
        QFETCH(QString, text);
        m_model->appendBatch({trade});
        QCOMPARE(m_model->index(0, column).data(Qt::DisplayRole).toString(), text);
    }

    void toolTip_data() {
        QTest::addColumn<Trade>("trade");
        QTest::addColumn<int>("column");
        QTest::addColumn<QStringList>("contains");
        Trade malta = polyTrade(2, 1'790'272'257'000, "0.97", "1030.92");
        malta.fee = dec("1.5309");
        const Trade whale = polyTrade(1, kT0);
        const Trade kalshi = kalshiTrade(4, kT0);
        const auto col = [](Column c) { return WhaleFeedModel::column(c); };
        QTest::newRow("time full") << whale << col(Column::Time)
                                   << QStringList{u"2026-09-24 15:14:15.000 local"_s, u"UTC"_s};
        QTest::newRow("market full") << whale << col(Column::Market)
                                     << QStringList{u"Cincinnati Reds vs. Atlanta Braves"_s,
                                                    u"Atlanta Braves"_s, whale.marketId,
                                                    u"mlb-cin-atl-2026-09-24"_s};
        QTest::newRow("notional exact with fee")
            << malta << col(Column::Notional)
            << QStringList{u"price × size"_s, u"$999.9924 = 0.97 × 1030.92"_s, u"Fee: $1.5309"_s};
        QTest::newRow("price shows formula")
            << whale << col(Column::Price) << QStringList{u"$5,877.24 = 0.68 × 8643"_s};
        QTest::newRow("trader full wallet") << whale << col(Column::Trader)
                                            << QStringList{u"Talvez10"_s, u"Fresh-Availability"_s,
                                                           u"0xa71093cafc0c099b4ccab24c3cb8018d817923c4"_s};
        QTest::newRow("kalshi anonymous")
            << kalshi << col(Column::Trader) << QStringList{u"Kalshi trades are anonymous"_s};
        QTest::newRow("tx full") << malta << col(Column::Tx) << QStringList{malta.txId.text()};
        QTest::newRow("side") << whale << col(Column::Side)
                              << QStringList{u"Bought Atlanta Braves at 68.0¢"_s};
    }
    void toolTip() {
        QFETCH(Trade, trade);
        QFETCH(int, column);
        QFETCH(QStringList, contains);
        m_model->appendBatch({trade});
        const QString tip = m_model->index(0, column).data(Qt::ToolTipRole).toString();
        for (const QString &part : contains)
            QVERIFY2(tip.contains(part), qPrintable(tip));
        // No fee line when the exchange did not report one.
        if (!trade.fee)
            QVERIFY(!tip.contains(u"Fee"_s));
    }

    void alignmentAndColour_data() {
        QTest::addColumn<int>("column");
        QTest::addColumn<bool>("rightAligned");
        QTest::addColumn<bool>("sideColoured");
        for (int c = 0; c < WhaleFeedModel::kColumnCount; ++c) {
            const auto column = static_cast<Column>(c);
            const bool numeric =
                column == Column::Price || column == Column::Size || column == Column::Notional;
            QTest::addRow("column %d", c) << c << numeric << (numeric || column == Column::Side);
        }
    }
    void alignmentAndColour() {
        QFETCH(int, column);
        QFETCH(bool, rightAligned);
        QFETCH(bool, sideColoured);
        m_model->appendBatch({polyTrade(1, kT0, "0.5", "4000", Side::Sell), polyTrade(2, kT0 + 1)});
        const int align = m_model->index(0, column).data(Qt::TextAlignmentRole).toInt();
        QCOMPARE(align & int(Qt::AlignHorizontal_Mask), int(rightAligned ? Qt::AlignRight : Qt::AlignLeft));
        QCOMPARE(align & int(Qt::AlignVertical_Mask), int(Qt::AlignVCenter));
        const int headerAlign = m_model->headerData(column, Qt::Horizontal, Qt::TextAlignmentRole).toInt();
        QCOMPARE(headerAlign & int(Qt::AlignHorizontal_Mask), align & int(Qt::AlignHorizontal_Mask));
        const QVariant buy = m_model->index(0, column).data(Qt::ForegroundRole);
        const QVariant sell = m_model->index(1, column).data(Qt::ForegroundRole);
        QCOMPARE(buy.isValid(), sideColoured);
        if (sideColoured) {
            QCOMPARE(buy.value<QColor>(), WhaleFeedModel::sideColor(Side::Buy));
            QCOMPARE(sell.value<QColor>(), WhaleFeedModel::sideColor(Side::Sell));
        }
    }

    void sideColoursDiffer() {
        const QColor buy = WhaleFeedModel::sideColor(Side::Buy);
        const QColor sell = WhaleFeedModel::sideColor(Side::Sell);
        QVERIFY(buy.green() > buy.red());
        QVERIFY(sell.red() > sell.green());
        // Mid-tones: neither near white nor near black, so both bases can carry them.
        for (const QColor &c : {buy, sell}) {
            QVERIFY(c.lightnessF() > 0.3);
            QVERIFY(c.lightnessF() < 0.65);
        }
    }

    void customRoles() {
        Trade t = polyTrade(7, kT0, "0.97", "1030.92", Side::Sell);
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        m_model->appendBatch({t});
        const qint64 after = QDateTime::currentMSecsSinceEpoch();
        const QModelIndex i = m_model->index(0, WhaleFeedModel::column(Column::Market));
        const Trade back = i.data(WhaleFeedModel::TradeRole).value<Trade>();
        QCOMPARE(back.naturalKey(), t.naturalKey());
        QCOMPARE(back.marketTitle, t.marketTitle);
        QCOMPARE(i.data(WhaleFeedModel::NotionalMicrosRole).toLongLong(), 999'992'400LL);
        QCOMPARE(i.data(WhaleFeedModel::WalletRole).toString(),
                 u"0xa71093cafc0c099b4ccab24c3cb8018d817923c4"_s);
        QCOMPARE(i.data(WhaleFeedModel::TxRole).toString(), t.txId.text());
        QCOMPARE(i.data(WhaleFeedModel::MarketIdRole).toString(), t.marketId);
        QCOMPARE(i.data(WhaleFeedModel::VenueRole).toInt(), int(Venue::Polymarket));
        QCOMPARE(i.data(WhaleFeedModel::SideRole).toInt(), int(Side::Sell));
        const qint64 arrival = i.data(WhaleFeedModel::ArrivalMsRole).toLongLong();
        QVERIFY(arrival >= before && arrival <= after);
        QCOMPARE(m_model->arrivalMsAt(0), arrival);
        QCOMPARE(m_model->notionalMicrosAt(0), 999'992'400LL);
        QVERIFY(m_model->roleNames().value(WhaleFeedModel::NotionalMicrosRole) == "notionalMicros");
    }

    void overflowingNotionalSortsLast() {
        // price x size beyond int64 micros: shown as a dash, still ranked as the largest.
        Trade huge = polyTrade(1, kT0, "1.5", "9000000000000");
        m_model->appendBatch({huge});
        const QModelIndex n = m_model->index(0, WhaleFeedModel::column(Column::Notional));
        QCOMPARE(n.data().toString(), u"—"_s);
        QCOMPARE(n.data(WhaleFeedModel::NotionalMicrosRole).toLongLong(), std::numeric_limits<qint64>::max());
    }

    void sortRole_data() {
        QTest::addColumn<int>("column");
        QTest::addColumn<QVariant>("value");
        const Trade t = polyTrade(9, kT0, "0.68", "8643");
        const auto col = [](Column c) { return WhaleFeedModel::column(c); };
        QTest::newRow("time") << col(Column::Time) << QVariant(kT0);
        QTest::newRow("venue") << col(Column::Venue) << QVariant(int(Venue::Polymarket));
        QTest::newRow("market") << col(Column::Market) << QVariant(t.marketTitle);
        QTest::newRow("outcome") << col(Column::Outcome) << QVariant(t.outcome);
        QTest::newRow("side") << col(Column::Side) << QVariant(int(Side::Buy));
        QTest::newRow("price") << col(Column::Price) << QVariant(qint64(680'000));
        QTest::newRow("size") << col(Column::Size) << QVariant(qint64(8'643'000'000));
        QTest::newRow("notional") << col(Column::Notional) << QVariant(qint64(5'877'240'000));
        QTest::newRow("trader") << col(Column::Trader) << QVariant(u"Talvez10"_s);
        QTest::newRow("tx") << col(Column::Tx) << QVariant(t.txId.text());
    }
    void sortRole() {
        QFETCH(int, column);
        QFETCH(QVariant, value);
        m_model->appendBatch({polyTrade(9, kT0, "0.68", "8643")});
        QCOMPARE(m_model->index(0, column).data(WhaleFeedModel::SortRole), value);
    }

    void headers() {
        QCOMPARE(m_model->columnCount(), 10);
        QStringList names;
        for (int c = 0; c < m_model->columnCount(); ++c) {
            names << m_model->headerData(c, Qt::Horizontal).toString();
            QVERIFY(!m_model->headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
        }
        QCOMPARE(names, (QStringList{u"Time"_s, u"Venue"_s, u"Market"_s, u"Outcome"_s, u"Side"_s, u"Price"_s,
                                     u"Size"_s, u"Notional"_s, u"Trader"_s, u"Tx"_s}));
    }

private:
    std::unique_ptr<WhaleFeedModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_GUILESS_MAIN(TestWhaleFeedModel)
#include "tst_whalefeedmodel.moc"
