#include "models/domain/orderbook.h"

#include <QTest>

#include <limits>
#include <vector>

using namespace longshot;
using namespace Qt::StringLiterals;

namespace {

Decimal dec(const char *text) {
    const auto r = Decimal::parse(std::string_view(text));
    if (!r.ok())
        qFatal("bad decimal literal in test: %s", text);
    return r.value;
}

PriceLevel lvl(const char *price, const char *size) {
    return {dec(price), dec(size)};
}

// "0.5:10,0.49:3" -> levels, best first, as depth() returns them.
QList<PriceLevel> levelsOf(const QString &spec) {
    QList<PriceLevel> out;
    for (const QString &part : spec.split(u',', Qt::SkipEmptyParts)) {
        const auto pieces = part.split(u':');
        out.append({Decimal::parse(pieces.at(0)).value, Decimal::parse(pieces.at(1)).value});
    }
    return out;
}

QString render(const QList<PriceLevel> &levels) {
    QStringList parts;
    for (const PriceLevel &l : levels)
        parts.append(l.price.toString() + u':' + l.size.toString());
    return parts.join(u',');
}

// One scripted operation: "S B 0.5 10" set, "D A 0.6 -3" delta.
struct Op {
    char kind;
    BookSide side;
    Decimal price;
    Decimal amount;
};

QList<Op> script(const QString &text) {
    QList<Op> ops;
    for (const QString &line : text.split(u';', Qt::SkipEmptyParts)) {
        const auto f = line.trimmed().split(u' ');
        ops.append({static_cast<char>(f.at(0).at(0).toLatin1()),
                    f.at(1) == u"B" ? BookSide::Bid : BookSide::Ask, Decimal::parse(f.at(2)).value,
                    Decimal::parse(f.at(3)).value});
    }
    return ops;
}

} // namespace

Q_DECLARE_METATYPE(longshot::LevelChange)

class TestOrderBook : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void snapshotSortsAndDedupes_data() {
        QTest::addColumn<QString>("bidsIn");
        QTest::addColumn<QString>("asksIn");
        QTest::addColumn<QString>("bidsOut");
        QTest::addColumn<QString>("asksOut");
        // Real CLOB order: bids ascending, asks descending (best last in both).
        QTest::newRow("clob real order") << u"0.57:158113.96,0.58:105824.21,0.61:3256.61"_s
                                         << u"0.66:78464,0.64:253995.17,0.62:163745.06"_s
                                         << u"0.61:3256.61,0.58:105824.21,0.57:158113.96"_s
                                         << u"0.62:163745.06,0.64:253995.17,0.66:78464"_s;
        // Docs example: both ascending (asks best first).
        QTest::newRow("docs order") << u"0.48:30,0.49:20,0.5:15"_s << u"0.52:25,0.53:60,0.54:10"_s
                                    << u"0.5:15,0.49:20,0.48:30"_s << u"0.52:25,0.53:60,0.54:10"_s;
        QTest::newRow("duplicate keeps later") << u"0.4:1,0.4:7"_s << u""_s << u"0.4:7"_s << u""_s;
        QTest::newRow("zero and negative dropped")
            << u"0.4:0,0.3:2,0.2:-1"_s << u"0.9:0"_s << u"0.3:2"_s << u""_s;
        QTest::newRow("empty") << u""_s << u""_s << u""_s << u""_s;
    }
    void snapshotSortsAndDedupes() {
        QFETCH(QString, bidsIn);
        QFETCH(QString, asksIn);
        QFETCH(QString, bidsOut);
        QFETCH(QString, asksOut);
        OrderBook book;
        book.setLevel(BookSide::Bid, dec("0.01"), dec("99")); // replaced, not merged
        const auto bids = levelsOf(bidsIn);
        const auto asks = levelsOf(asksIn);
        book.replace(bids, asks);
        QCOMPARE(render(book.depth(BookSide::Bid, 100)), bidsOut);
        QCOMPARE(render(book.depth(BookSide::Ask, 100)), asksOut);
        QCOMPARE(book.levelCount(BookSide::Bid), levelsOf(bidsOut).size());
    }

    void updates_data() {
        QTest::addColumn<QString>("ops");
        QTest::addColumn<QString>("bids");
        QTest::addColumn<QString>("asks");
        QTest::addColumn<LevelChange>("lastChange");
        QTest::newRow("set adds") << u"S B 0.5 10"_s << u"0.5:10"_s << u""_s << LevelChange::Added;
        QTest::newRow("set replaces size")
            << u"S B 0.5 10; S B 0.5 4"_s << u"0.5:4"_s << u""_s << LevelChange::Updated;
        QTest::newRow("set same size")
            << u"S A 0.6 3; S A 0.6 3"_s << u""_s << u"0.6:3"_s << LevelChange::Unchanged;
        QTest::newRow("set zero removes")
            << u"S B 0.5 10; S B 0.4 1; S B 0.5 0"_s << u"0.4:1"_s << u""_s << LevelChange::Removed;
        QTest::newRow("remove absent")
            << u"S B 0.5 10; S B 0.3 0"_s << u"0.5:10"_s << u""_s << LevelChange::Unchanged;
        QTest::newRow("set negative refused")
            << u"S B 0.5 10; S B 0.5 -1"_s << u"0.5:10"_s << u""_s << LevelChange::Rejected;
        QTest::newRow("delta adds") << u"D B 0.5 3"_s << u"0.5:3"_s << u""_s << LevelChange::Added;
        QTest::newRow("delta grows") << u"D B 0.5 3; D B 0.5 2.25"_s << u"0.5:5.25"_s << u""_s
                                     << LevelChange::Updated;
        QTest::newRow("delta shrinks")
            << u"D A 0.7 5000; D A 0.7 -54"_s << u""_s << u"0.7:4946"_s << LevelChange::Updated;
        QTest::newRow("delta to zero removes")
            << u"D A 0.7 54; D A 0.8 1; D A 0.7 -54"_s << u""_s << u"0.8:1"_s << LevelChange::Removed;
        QTest::newRow("delta underflow removes and says so")
            << u"D B 0.2 5; D B 0.2 -6"_s << u""_s << u""_s << LevelChange::Underflow;
        QTest::newRow("negative delta on absent level")
            << u"D B 0.2 -6"_s << u""_s << u""_s << LevelChange::Underflow;
        QTest::newRow("zero delta") << u"D B 0.2 5; D B 0.2 0"_s << u"0.2:5"_s << u""_s
                                    << LevelChange::Unchanged;
        QTest::newRow("levels stay sorted")
            << u"S B 0.3 1; S B 0.5 1; S B 0.4 1; S A 0.9 1; S A 0.6 1; S A 0.7 1"_s << u"0.5:1,0.4:1,0.3:1"_s
            << u"0.6:1,0.7:1,0.9:1"_s << LevelChange::Added;
        QTest::newRow("sub-cent grid")
            << u"S B 0.001 3099740.02; S B 0.002 3152076.36; S A 0.003 161262.15"_s
            << u"0.002:3152076.36,0.001:3099740.02"_s << u"0.003:161262.15"_s << LevelChange::Added;
    }
    void updates() {
        QFETCH(QString, ops);
        QFETCH(QString, bids);
        QFETCH(QString, asks);
        QFETCH(LevelChange, lastChange);
        OrderBook book;
        LevelChange change = LevelChange::Unchanged;
        for (const Op &op : script(ops))
            change = op.kind == 'S' ? book.setLevel(op.side, op.price, op.amount)
                                    : book.applyDelta(op.side, op.price, op.amount);
        QCOMPARE(render(book.depth(BookSide::Bid, 100)), bids);
        QCOMPARE(render(book.depth(BookSide::Ask, 100)), asks);
        QCOMPARE(change, lastChange);
    }

    void deltaOverflowIsRefused() {
        OrderBook book;
        const Decimal huge = Decimal::fromMicros(std::numeric_limits<qint64>::max() - 5);
        QCOMPARE(book.applyDelta(BookSide::Bid, dec("0.5"), huge), LevelChange::Added);
        QCOMPARE(book.applyDelta(BookSide::Bid, dec("0.5"), dec("1")), LevelChange::Rejected);
        QCOMPARE(book.sizeAt(BookSide::Bid, dec("0.5")), std::optional<Decimal>(huge));
    }

    void touchSpreadMid_data() {
        QTest::addColumn<QString>("bids");
        QTest::addColumn<QString>("asks");
        QTest::addColumn<QString>("spread"); // "" = none
        QTest::addColumn<QString>("mid");
        QTest::addColumn<bool>("crossed");
        QTest::newRow("docs book") << u"0.48:30,0.49:20,0.5:15"_s << u"0.52:25,0.53:60,0.54:10"_s << u"0.02"_s
                                   << u"0.51"_s << false;
        QTest::newRow("odd micro mid rounds half even")
            << u"0.000001:1"_s << u"0.000002:1"_s << u"0.000001"_s << u"0.000002"_s << false;
        QTest::newRow("one-sided") << u"0.5:1"_s << u""_s << u""_s << u""_s << false;
        QTest::newRow("locked") << u"0.5:1"_s << u"0.5:2"_s << u"0"_s << u"0.5"_s << true;
        QTest::newRow("crossed") << u"0.55:1"_s << u"0.5:2"_s << u"-0.05"_s << u"0.525"_s << true;
    }
    void touchSpreadMid() {
        QFETCH(QString, bids);
        QFETCH(QString, asks);
        QFETCH(QString, spread);
        QFETCH(QString, mid);
        QFETCH(bool, crossed);
        OrderBook book;
        const auto b = levelsOf(bids);
        const auto a = levelsOf(asks);
        book.replace(b, a);
        QCOMPARE(book.spread() ? book.spread()->toString() : QString(), spread);
        QCOMPARE(book.mid() ? book.mid()->toString() : QString(), mid);
        QCOMPARE(book.isCrossed(), crossed);
        if (!b.isEmpty())
            QCOMPARE(book.bestBid()->price, book.depth(BookSide::Bid, 1).value(0).price);
    }

    void depthIsCapped() {
        OrderBook book;
        for (int i = 1; i <= 20; ++i)
            book.setLevel(BookSide::Ask, Decimal::fromMicros(500'000 + i * 10'000), dec("1"));
        QCOMPARE(render(book.depth(BookSide::Ask, 3)), u"0.51:1,0.52:1,0.53:1"_s);
        QCOMPARE(book.depth(BookSide::Ask, 0).size(), 0);
        QCOMPARE(book.depth(BookSide::Ask, -4).size(), 0);
        QCOMPARE(book.depth(BookSide::Ask, 500).size(), 20);
        QCOMPARE(book.depth(BookSide::Bid, 5).size(), 0);
    }

    // Kalshi's REST book (fixture kalshi_rest_orderbook_real.json): bids on both outcomes.
    void kalshiYesView() {
        const QList<PriceLevel> yes{lvl("0.5300", "8849.00"), lvl("0.5400", "39014.50"),
                                    lvl("0.5500", "21613.80"), lvl("0.5600", "13340.00"),
                                    lvl("0.5700", "21582.76")};
        const QList<PriceLevel> no{lvl("0.3700", "3320.00"), lvl("0.3800", "2313.00"),
                                   lvl("0.4000", "200.00"), lvl("0.4100", "2300.00"),
                                   lvl("0.4200", "14450.44")};
        const OrderBook book = yesBookFromKalshi(yes, no);
        QCOMPARE(*book.bestBid(), lvl("0.57", "21582.76"));
        QCOMPARE(*book.bestAsk(), lvl("0.58", "14450.44")); // 1 - best NO bid 0.42
        QCOMPARE(render(book.depth(BookSide::Ask, 5)),
                 u"0.58:14450.44,0.59:2300,0.6:200,0.62:2313,0.63:3320"_s);
        QCOMPARE(book.spread()->toString(), u"0.01"_s);
        QCOMPARE(book.mid()->toString(), u"0.575"_s);

        // The NO view of the same book has NO's own bids back and YES bids as NO asks.
        const OrderBook noBook = book.complement();
        QCOMPARE(render(noBook.depth(BookSide::Bid, 5)),
                 u"0.42:14450.44,0.41:2300,0.4:200,0.38:2313,0.37:3320"_s);
        QCOMPARE(*noBook.bestAsk(), lvl("0.43", "21582.76"));
        QCOMPARE(noBook.complement(), book);
    }

    void kalshiLevelMapping_data() {
        QTest::addColumn<int>("side");
        QTest::addColumn<QString>("price");
        QTest::addColumn<int>("bookSide");
        QTest::addColumn<QString>("bookPrice");
        QTest::newRow("yes bid stays a bid")
            << int(OutcomeSide::Yes) << u"0.7"_s << int(BookSide::Bid) << u"0.7"_s;
        QTest::newRow("no bid is a yes ask")
            << int(OutcomeSide::No) << u"0.42"_s << int(BookSide::Ask) << u"0.58"_s;
        QTest::newRow("no at 0.99") << int(OutcomeSide::No) << u"0.9900"_s << int(BookSide::Ask) << u"0.01"_s;
        QTest::newRow("sub-cent") << int(OutcomeSide::No) << u"0.9985"_s << int(BookSide::Ask) << u"0.0015"_s;
    }
    void kalshiLevelMapping() {
        QFETCH(int, side);
        QFETCH(QString, price);
        QFETCH(int, bookSide);
        QFETCH(QString, bookPrice);
        const YesBookLevel l = yesBookLevel(OutcomeSide(side), Decimal::parse(price).value);
        QCOMPARE(int(l.side), bookSide);
        QCOMPARE(l.price.toString(), bookPrice);
    }

    // The 2026-05 frames: snapshot, then a delta on the same sid removing most of a level.
    void kalshiDeltaOnYesView() {
        OrderBook book = yesBookFromKalshi(std::vector{lvl("0.0100", "109767.00"), lvl("0.0200", "282.00")},
                                           std::vector{lvl("0.9900", "5.00")});
        QCOMPARE(*book.bestAsk(), lvl("0.01", "5"));
        QVERIFY(book.isCrossed()); // 0.02 bid vs 0.01 ask: the settled market's book really crosses
        const YesBookLevel l = yesBookLevel(OutcomeSide::No, dec("0.99"));
        QCOMPARE(book.applyDelta(l.side, l.price, dec("-5.00")), LevelChange::Removed);
        QVERIFY(!book.bestAsk());
        QVERIFY(!book.isCrossed());
    }

    void sequenceTracking_data() {
        QTest::addColumn<QList<qint64>>("seqs");
        QTest::addColumn<QList<int>>("results");
        QTest::addColumn<QList<qint64>>("missing");
        using R = SequenceTracker::Result;
        QTest::newRow("in order") << QList<qint64>{1, 2, 3}
                                  << QList<int>{int(R::First), int(R::InOrder), int(R::InOrder)}
                                  << QList<qint64>{0, 0, 0};
        QTest::newRow("gap then in order")
            << QList<qint64>{1, 2, 5, 6}
            << QList<int>{int(R::First), int(R::InOrder), int(R::Gap), int(R::InOrder)}
            << QList<qint64>{0, 0, 2, 0};
        QTest::newRow("duplicate and old are stale")
            << QList<qint64>{10, 11, 11, 9, 12}
            << QList<int>{int(R::First), int(R::InOrder), int(R::Stale), int(R::Stale), int(R::InOrder)}
            << QList<qint64>{0, 0, 0, 0, 0};
        QTest::newRow("tape frame seq")
            << QList<qint64>{674041, 674043} << QList<int>{int(R::First), int(R::Gap)} << QList<qint64>{0, 1};
    }
    void sequenceTracking() {
        QFETCH(QList<qint64>, seqs);
        QFETCH(QList<int>, results);
        QFETCH(QList<qint64>, missing);
        SequenceTracker tracker;
        for (qsizetype i = 0; i < seqs.size(); ++i) {
            const auto check = tracker.observe(7, seqs.at(i));
            QCOMPARE(int(check.result), results.at(i));
            QCOMPARE(check.missing, missing.at(i));
        }
    }

    void sequenceStreamsAreIndependent() {
        SequenceTracker t;
        QCOMPARE(t.observe(1, 1).result, SequenceTracker::Result::First);
        QCOMPARE(t.observe(2, 40).result, SequenceTracker::Result::First);
        QCOMPARE(t.observe(1, 2).result, SequenceTracker::Result::InOrder);
        const auto gap = t.observe(2, 43);
        QCOMPARE(gap.result, SequenceTracker::Result::Gap);
        QCOMPARE(gap.expected, qint64(41));
        QCOMPARE(gap.missing, qint64(2));
        // A fresh snapshot re-bases the stream; the next delta follows it.
        t.resync(2, 221173);
        QCOMPARE(t.observe(2, 221174).result, SequenceTracker::Result::InOrder);
        QCOMPARE(t.last(1), std::optional<qint64>(2));
        t.forget(1);
        QVERIFY(!t.last(1));
        QCOMPARE(t.observe(1, 50).result, SequenceTracker::Result::First);
    }
};

QTEST_GUILESS_MAIN(TestOrderBook)
#include "tst_orderbook.moc"
