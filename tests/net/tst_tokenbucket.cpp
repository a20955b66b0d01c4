#include "net/tokenbucket.h"

#include <QTest>

using longshot::net::TokenBucket;

class TestTokenBucket : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void burstIsCappedByCapacity() {
        TokenBucket bucket(200, 10'000);
        int granted = 0;
        for (int i = 0; i < 1000; ++i)
            granted += bucket.tryAcquire(0) == 0 ? 1 : 0;
        QCOMPARE(granted, 200);
    }

    void neverExceedsBudgetOverTime() {
        // Hammer it every millisecond for 60 s of simulated time: no 10 s window may see more
        // than capacity + the refill during that window.
        TokenBucket bucket(20, 1'000);
        QList<qint64> grants;
        for (qint64 t = 0; t < 60'000; ++t)
            if (bucket.tryAcquire(t) == 0)
                grants.append(t);
        QVERIFY(grants.size() > 1000);
        qsizetype lo = 0;
        for (qsizetype hi = 0; hi < grants.size(); ++hi) {
            while (grants[hi] - grants[lo] >= 1'000)
                ++lo;
            QVERIFY2(hi - lo + 1 <= 40, "more than capacity + one period of refill inside one period");
        }
        const double rate = grants.size() / 60.0;
        QVERIFY(rate <= 21.0);
    }

    void waitTellsWhenATokenReturns() {
        TokenBucket bucket(2, 1'000);
        QCOMPARE(bucket.tryAcquire(0), 0);
        QCOMPARE(bucket.tryAcquire(0), 0);
        const qint64 wait = bucket.tryAcquire(0);
        QVERIFY(wait > 0 && wait <= 500);
        QCOMPARE(bucket.tryAcquire(wait), 0);
    }

    void pauseHonoursRetryAfter() {
        TokenBucket bucket(10, 1'000);
        bucket.pauseUntil(5'000);
        QCOMPARE(bucket.tryAcquire(1'000), 4'000);
        QVERIFY(bucket.tryAcquire(5'000) > 0); // starts empty after the pause
        QCOMPARE(bucket.tryAcquire(5'100), 0);
    }
};

QTEST_APPLESS_MAIN(TestTokenBucket)
#include "tst_tokenbucket.moc"
