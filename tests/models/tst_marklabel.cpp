// markedAtText: the mark label shown with every stored P&L (Leaderboard and Trader profile).
#include "models/marklabel.h"

#include <QTest>

using namespace longshot;
using namespace Qt::StringLiterals;

class TestMarkLabel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void text_data() {
        QTest::addColumn<qint64>("markedMs");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<qint64>("nowMs");
        QTest::addColumn<QString>("expected");
        constexpr qint64 kMark = 1'790'262'300'000; // 2026-09-24 15:05:00 UTC
        QTest::newRow("same day") << kMark << u"midpoint"_s << kMark + 3'600'000
                                  << u"marked at 15:05 UTC, midpoint"_s;
        QTest::newRow("day before") << kMark << u"midpoint"_s << kMark + 86'400'000
                                    << u"marked at 2026-09-24 15:05 UTC, midpoint"_s;
        QTest::newRow("other kind") << kMark << u"last trade"_s << kMark
                                    << u"marked at 15:05 UTC, last trade"_s;
        QTest::newRow("nothing marked")
            << qint64(0) << u"midpoint"_s << kMark << u"no open position marked"_s;
        QTest::newRow("unknown time")
            << qint64(-1) << u"midpoint"_s << kMark << u"mark time unknown, midpoint"_s;
        QTest::newRow("no kind") << kMark << QString() << kMark << u"marked at 15:05 UTC"_s;
    }
    void text() {
        QFETCH(qint64, markedMs);
        QFETCH(QString, kind);
        QFETCH(qint64, nowMs);
        QFETCH(QString, expected);
        QCOMPARE(markedAtText(markedMs, kind, nowMs), expected);
    }
};

QTEST_GUILESS_MAIN(TestMarkLabel)
#include "tst_marklabel.moc"
