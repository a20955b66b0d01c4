#include "models/leaderboardmodel.h"
#include "models/pnlstyle.h"

#include "tests/support/modeltester.h"

#include <QDateTime>
#include <QFont>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

#include <limits>

using namespace longshot;
using namespace longshot::test;
using namespace Qt::StringLiterals;
using Column = LeaderboardModel::Column;

namespace {

Decimal usd(const char *text) {
    return Decimal::parse(std::string_view(text)).value;
}

Wallet wallet(char digit) {
    return *Wallet::parse(QString(u"0x"_s + QString(40, QLatin1Char(digit))));
}

// Alice: named, complete, on Polymarket's board, 18 decided markets (under the n<20 bar).
LeaderboardRow alice() {
    LeaderboardRow r;
    r.wallet = wallet('a');
    r.name = u"alice"_s;
    r.grade = Grade::A;
    r.gradeScore = 81;
    r.pnlPreFee = usd("1234.56");
    r.pnlPostFee = usd("1200.5");
    r.realizedPreFee = usd("1234.56");
    r.volume = usd("98765.4321");
    r.roi = 0.125;
    r.wins = 15;
    r.losses = 3;
    r.resolvedLifetime = 40;
    r.winRate = 15.0 / 18.0;
    r.shrunkWinRate = 25.0 / 38.0;
    r.complete = true;
    r.officialPnl = usd("1300");
    r.officialRank = 7;
    r.difference = usd("65.44");
    return r;
}

// Unnamed, losing, incomplete history, not on Polymarket's board, 40 decided markets.
LeaderboardRow bob() {
    LeaderboardRow r;
    r.wallet = wallet('b');
    r.grade = Grade::D;
    r.gradeScore = 35;
    r.pnlPreFee = usd("-12.5");
    r.pnlPostFee = usd("-13.75");
    r.realizedPreFee = usd("-12.5");
    r.volume = usd("2500.4");
    r.roi = -0.25;
    r.wins = 30;
    r.losses = 10;
    r.winRate = 0.75;
    r.shrunkWinRate = 40.0 / 60.0;
    r.complete = false;
    r.incompleteReason = u"activity capped at 3,500 events"_s;
    return r;
}

// A sum overflowed: its figures are withheld. Its stored volume is the largest of the three,
// so a sort that still used it would put the row first.
LeaderboardRow carol() {
    LeaderboardRow r;
    r.wallet = wallet('c');
    r.name = u"carol"_s;
    r.pnlPreFee = usd("999999");
    r.pnlPostFee = usd("999999");
    r.volume = usd("5000000");
    r.complete = true;
    r.overflow = true;
    return r;
}

// No decided markets, no ROI: the missing figures must read as missing, not as zero.
LeaderboardRow dave() {
    LeaderboardRow r;
    r.wallet = wallet('d');
    r.name = u"dave"_s;
    r.complete = false; // no reason recorded
    return r;
}

LeaderboardResult result(const LeaderboardRows &rows) {
    LeaderboardResult res;
    res.rows = rows;
    return res;
}

QVariant italic() {
    QFont f;
    f.setItalic(true);
    return f;
}

} // namespace

class TestLeaderboardModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() {
        m_model = std::make_unique<LeaderboardModel>();
        m_tester = attachModelTester(m_model.get());
    }
    void cleanup() {
        m_tester.reset();
        m_model.reset();
    }

    void cells_data() {
        QTest::addColumn<int>("row");
        QTest::addColumn<int>("column");
        QTest::addColumn<int>("role");
        QTest::addColumn<QVariant>("expected");
        const int display = Qt::DisplayRole;
        const int fg = Qt::ForegroundRole;
        const int badge = LeaderboardModel::BadgeRole;
        const int font = Qt::FontRole;
        auto add = [](const char *name, int row, Column c, int role, const QVariant &expected) {
            QTest::newRow(name) << row << LeaderboardModel::column(c) << role << expected;
        };
        // Alice (row 0): exact money text, signs, grouping.
        add("alice rank", 0, Column::Rank, display, 1);
        add("alice trader", 0, Column::Trader, display, u"alice"_s);
        add("alice grade", 0, Column::Grade, display, u"A"_s);
        add("alice pnl", 0, Column::PnlPreFee, display, u"+$1,234.56"_s);
        add("alice pnl post-fee", 0, Column::PnlPostFee, display, u"+$1,200.50"_s);
        add("alice roi", 0, Column::Roi, display, u"+12.5%"_s);
        add("alice volume", 0, Column::Volume, display, u"$98,765"_s);
        add("alice win rate", 0, Column::WinRate, display, u"83%"_s);
        add("alice decided", 0, Column::Decided, display, u"15–3"_s);
        add("alice polymarket", 0, Column::Polymarket, display, u"+$1,300.00"_s);
        add("alice difference", 0, Column::Difference, display, u"+$65.44"_s);
        add("alice history", 0, Column::History, display, u"complete"_s);
        add("alice pnl colour", 0, Column::PnlPreFee, fg, gainColor());
        add("alice roi colour", 0, Column::Roi, fg, gainColor());
        add("alice history colour", 0, Column::History, fg, QVariant());
        add("alice n<20", 0, Column::WinRate, badge, u"n<20"_s);
        add("alice history badge", 0, Column::History, badge, QString());
        add("alice pnl upright", 0, Column::PnlPreFee, font, QVariant());
        // Bob (row 1): losses, short wallet, incomplete history flagged everywhere.
        add("bob rank", 1, Column::Rank, display, 3);
        add("bob trader", 1, Column::Trader, display, u"0xbbbb…bbbb"_s);
        add("bob pnl", 1, Column::PnlPreFee, display, u"-$12.50"_s);
        add("bob pnl post-fee", 1, Column::PnlPostFee, display, u"-$13.75"_s);
        add("bob roi", 1, Column::Roi, display, u"-25.0%"_s);
        add("bob volume", 1, Column::Volume, display, u"$2,500"_s);
        add("bob win rate", 1, Column::WinRate, display, u"75%"_s);
        add("bob decided", 1, Column::Decided, display, u"30–10"_s);
        add("bob not on board", 1, Column::Polymarket, display, u"—"_s);
        add("bob no difference", 1, Column::Difference, display, u"—"_s);
        add("bob history", 1, Column::History, display, QString());
        add("bob pnl colour", 1, Column::PnlPostFee, fg, lossColor());
        add("bob roi colour", 1, Column::Roi, fg, lossColor());
        add("bob history colour", 1, Column::History, fg, cautionColor());
        add("bob no n<20", 1, Column::WinRate, badge, QString());
        add("bob history badge", 1, Column::History, badge, u"incomplete"_s);
        add("bob pnl italic", 1, Column::PnlPreFee, font, italic());
        add("bob roi italic", 1, Column::Roi, font, italic());
        add("bob volume italic", 1, Column::Volume, font, italic());
        add("bob win rate italic", 1, Column::WinRate, font, italic());
        // Carol (row 2): overflow withholds every figure and ranks last.
        add("carol rank", 2, Column::Rank, display, 4);
        add("carol pnl", 2, Column::PnlPreFee, display, u"overflow"_s);
        add("carol pnl post-fee", 2, Column::PnlPostFee, display, u"overflow"_s);
        add("carol roi", 2, Column::Roi, display, u"overflow"_s);
        add("carol volume", 2, Column::Volume, display, u"overflow"_s);
        add("carol difference", 2, Column::Difference, display, u"overflow"_s);
        add("carol polymarket", 2, Column::Polymarket, display, u"—"_s);
        add("carol pnl uncoloured", 2, Column::PnlPreFee, fg, QVariant());
        // Dave (row 3): nothing decided, no ROI: dashes, never "0%".
        add("dave rank", 3, Column::Rank, display, 2);
        add("dave pnl zero", 3, Column::PnlPreFee, display, u"$0.00"_s);
        add("dave pnl zero uncoloured", 3, Column::PnlPreFee, fg, QVariant());
        add("dave roi missing", 3, Column::Roi, display, u"—"_s);
        add("dave win rate missing", 3, Column::WinRate, display, u"—"_s);
        add("dave n<20", 3, Column::WinRate, badge, u"n<20"_s);
        add("dave decided", 3, Column::Decided, display, u"0–0"_s);
        add("dave history badge", 3, Column::History, badge, u"incomplete"_s);
    }
    void cells() {
        QFETCH(int, row);
        QFETCH(int, column);
        QFETCH(int, role);
        QFETCH(QVariant, expected);
        m_model->setResult(result({alice(), bob(), carol(), dave()}));
        QCOMPARE(m_model->data(m_model->index(row, column), role), expected);
    }

    void sortKeys_data() {
        QTest::addColumn<int>("row");
        QTest::addColumn<int>("column");
        QTest::addColumn<QVariant>("expected");
        constexpr qint64 kMissing = std::numeric_limits<qint64>::min();
        auto add = [](const char *name, int row, Column c, const QVariant &expected) {
            QTest::newRow(name) << row << LeaderboardModel::column(c) << expected;
        };
        add("alice pnl micros", 0, Column::PnlPreFee, qint64(1'234'560'000));
        add("alice post-fee micros", 0, Column::PnlPostFee, qint64(1'200'500'000));
        add("alice volume micros", 0, Column::Volume, qint64(98'765'432'100));
        add("alice polymarket micros", 0, Column::Polymarket, qint64(1'300'000'000));
        add("alice difference micros", 0, Column::Difference, qint64(65'440'000));
        add("alice roi", 0, Column::Roi, 0.125);
        add("alice decided", 0, Column::Decided, 18);
        add("alice trader folded", 0, Column::Trader, u"alice"_s);
        add("bob pnl micros", 1, Column::PnlPreFee, qint64(-12'500'000));
        add("bob trader is the address", 1, Column::Trader, wallet('b').address());
        add("bob history", 1, Column::History, 0);
        add("bob not on board", 1, Column::Polymarket, kMissing);
        add("carol pnl withheld", 2, Column::PnlPreFee, kMissing);
        add("carol roi withheld", 2, Column::Roi, -std::numeric_limits<double>::max());
        add("dave roi missing", 3, Column::Roi, -std::numeric_limits<double>::max());
    }
    void sortKeys() {
        QFETCH(int, row);
        QFETCH(int, column);
        QFETCH(QVariant, expected);
        m_model->setResult(result({alice(), bob(), carol(), dave()}));
        QCOMPARE(m_model->data(m_model->index(row, column), LeaderboardModel::SortRole), expected);
    }

    void proxySortsBySortRole_data() {
        QTest::addColumn<int>("column");
        QTest::addColumn<QStringList>("descending");
        // Text sorting would put "+$1,234.56" below "-$12.50"; the sort role must not.
        QTest::newRow("pnl") << LeaderboardModel::column(Column::PnlPreFee)
                             << QStringList{u"alice"_s, u"dave"_s, u"bob"_s, u"carol"_s};
        QTest::newRow("roi") << LeaderboardModel::column(Column::Roi)
                             << QStringList{u"alice"_s, u"bob"_s, u"carol"_s, u"dave"_s};
        QTest::newRow("win rate") << LeaderboardModel::column(Column::WinRate)
                                  << QStringList{u"bob"_s, u"alice"_s, u"carol"_s, u"dave"_s};
        QTest::newRow("decided") << LeaderboardModel::column(Column::Decided)
                                 << QStringList{u"bob"_s, u"alice"_s, u"carol"_s, u"dave"_s};
        QTest::newRow("rank") << LeaderboardModel::column(Column::Rank)
                              << QStringList{u"carol"_s, u"bob"_s, u"dave"_s, u"alice"_s};
    }
    void proxySortsBySortRole() {
        QFETCH(int, column);
        QFETCH(QStringList, descending);
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(m_model.get());
        proxy.setSortRole(LeaderboardModel::SortRole);
        auto proxyTester = attachModelTester(&proxy);
        m_model->setResult(result({alice(), bob(), carol(), dave()})); // ties keep this order
        proxy.sort(column, Qt::DescendingOrder);
        QStringList names;
        for (int r = 0; r < proxy.rowCount(); ++r) {
            const QString w = proxy.data(proxy.index(r, 0), LeaderboardModel::WalletRole).toString();
            names << m_model->rowAt(m_model->rowOf(w)).name;
        }
        names.replace(names.indexOf(QString()), u"bob"_s);
        QCOMPARE(names, descending);
    }

    void overflowSortsLastByVolume() {
        // The volume of an overflowed row is shown as "overflow" and ranks last by volume;
        // sorting the column by the sort role should agree rather than use the withheld figure.
        m_model->setResult(result({alice(), bob(), carol()}));
        m_model->setRankBy(BoardRank::Volume);
        QCOMPARE(m_model->rankOf(2), 3);
        const QVariant carolKey = m_model->data(m_model->index(2, LeaderboardModel::column(Column::Volume)),
                                                LeaderboardModel::SortRole);
        const QVariant bobKey = m_model->data(m_model->index(1, LeaderboardModel::column(Column::Volume)),
                                              LeaderboardModel::SortRole);
        QVERIFY(carolKey.toLongLong() < bobKey.toLongLong());
    }

    void incompleteReasonInToolTips() {
        m_model->setResult(result({bob(), dave()}));
        const auto tip = [this](int row, Column c) {
            return m_model->data(m_model->index(row, LeaderboardModel::column(c)), Qt::ToolTipRole)
                .toString();
        };
        QVERIFY(tip(0, Column::History).contains(u"activity capped at 3,500 events"_s));
        QVERIFY(tip(0, Column::PnlPreFee).contains(u"History incomplete: activity capped at 3,500 events"_s));
        QVERIFY(tip(1, Column::History).contains(u"reason not recorded"_s));
        QVERIFY(tip(1, Column::WinRate).contains(u"Fewer than 20 decided markets"_s));
        QVERIFY(!tip(0, Column::WinRate).contains(u"Fewer than 20 decided markets"_s));
    }

    // The all-time P&L says what its unrealized part is marked at, as the profile header does.
    void markTimeInPnlToolTip() {
        LeaderboardRow marked = alice();
        marked.unrealized = usd("34.56");
        marked.realizedPreFee = usd("1200");
        marked.markKind = u"midpoint"_s;
        marked.markedMs = QDateTime::currentMSecsSinceEpoch() / 86'400'000 * 86'400'000 + 3'600'000; // 01:00
        LeaderboardRow unmarked = bob();
        unmarked.markKind = u"midpoint"_s;
        m_model->setResult(result({marked, unmarked}));
        const auto tip = [this](int row, Column c) {
            return m_model->data(m_model->index(row, LeaderboardModel::column(c)), Qt::ToolTipRole)
                .toString();
        };
        QVERIFY2(tip(0, Column::PnlPreFee)
                     .contains(u"Realized $1,200.00 + unrealized $34.56, marked at 01:00 UTC, midpoint"_s),
                 qPrintable(tip(0, Column::PnlPreFee)));
        QVERIFY(tip(0, Column::PnlPostFee).contains(u"marked at 01:00 UTC, midpoint"_s));
        QVERIFY(tip(1, Column::PnlPreFee).contains(u"no open position marked"_s));
        // A windowed board shows realized P&L only: no mark to speak of.
        LeaderboardResult week = result({marked});
        week.query.period = BoardPeriod::Week;
        m_model->setResult(week);
        QVERIFY(!tip(0, Column::PnlPreFee).contains(u"marked at"_s));
    }

    void ranksFollowTheRankKey() {
        m_model->setResult(result({alice(), bob(), carol(), dave()}));
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->setRankBy(BoardRank::WinRate);
        QCOMPARE(changed.size(), 1);
        const int rank = LeaderboardModel::column(Column::Rank);
        QCOMPARE(changed.at(0).at(0).toModelIndex(), m_model->index(0, rank));
        QCOMPARE(changed.at(0).at(1).toModelIndex(), m_model->index(3, rank));
        QCOMPARE(m_model->rankOf(0), 2); // alice: shrunk 25/38
        QCOMPARE(m_model->rankOf(1), 1); // bob: shrunk 40/60
        QCOMPARE(m_model->rankOf(2), 4); // overflow last
        QCOMPARE(m_model->rankOf(3), 3); // dave: the 0.5 prior
        m_model->setRankBy(BoardRank::WinRate);
        QCOMPARE(changed.size(), 1); // the same key again: nothing changes
    }

    void replaceSmallerThenLarger() {
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        m_model->setResult(result({bob()}));
        QCOMPARE(m_model->rowCount(), 1);
        m_model->setResult(result({alice(), bob(), carol(), dave()}));
        QCOMPARE(m_model->rowCount(), 4);
        QCOMPARE(reset.size(), 2);
        QCOMPARE(m_model->rowOf(wallet('d').address()), 3);
        m_model->setResult(result({carol()}));
        QCOMPARE(m_model->rowCount(), 1);
        QCOMPARE(m_model->rowOf(wallet('a').address()), -1);
        m_model->setResult(result({}));
        QCOMPARE(m_model->rowCount(), 0);
        QCOMPARE(reset.size(), 4);
    }

    void refreshOfTheSameTradersUpdatesInPlace() {
        m_model->setResult(result({alice(), bob(), carol(), dave()}));
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        // Nothing moved: no signal at all.
        m_model->setResult(result({alice(), bob(), carol(), dave()}));
        QCOMPARE(changed.size(), 0);
        // Bob's P&L moved, not enough to change a rank: one dataChanged over his row only.
        LeaderboardRow b = bob();
        b.pnlPreFee = usd("-10.000001");
        m_model->setResult(result({alice(), b, carol(), dave()}));
        QCOMPARE(reset.size(), 0);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex(), m_model->index(1, 0));
        QCOMPARE(changed.at(0).at(1).toModelIndex(), m_model->index(1, LeaderboardModel::kColumnCount - 1));
        QCOMPARE(m_model->data(m_model->index(1, LeaderboardModel::column(Column::PnlPreFee))).toString(),
                 u"-$10.00"_s);
        // Bob overtakes Alice and Dave: their ranks change too, the span covers rows 0..3.
        b.pnlPreFee = usd("5000");
        m_model->setResult(result({alice(), b, carol(), dave()}));
        QCOMPARE(changed.size(), 2);
        QCOMPARE(changed.at(1).at(0).toModelIndex(), m_model->index(0, 0));
        QCOMPARE(changed.at(1).at(1).toModelIndex(), m_model->index(3, LeaderboardModel::kColumnCount - 1));
        QCOMPARE(m_model->rankOf(3), 3);
        QCOMPARE(m_model->rankOf(0), 2);
        QCOMPARE(m_model->rankOf(1), 1);
    }

    void headersChangeWithThePeriod() {
        m_model->setResult(result({alice()}));
        QSignalSpy headers(m_model.get(), &QAbstractItemModel::headerDataChanged);
        LeaderboardResult week = result({alice()});
        week.query.period = BoardPeriod::Week;
        m_model->setResult(week);
        QCOMPARE(headers.size(), 1);
        m_model->setResult(week);
        QCOMPARE(headers.size(), 1);
        QCOMPARE(m_model->headerData(LeaderboardModel::column(Column::PnlPreFee), Qt::Horizontal).toString(),
                 u"P&L"_s);
    }

private:
    std::unique_ptr<LeaderboardModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_MAIN(TestLeaderboardModel)
#include "tst_leaderboardmodel.moc"
