#include "net/storagebacklog.h"

#include <QSignalSpy>
#include <QTest>

using namespace longshot;
using longshot::net::StorageBacklog;

namespace {

TradeBatch batchOf(int n) {
    TradeBatch b;
    for (int i = 0; i < n; ++i)
        b.append(Trade{});
    return b;
}

} // namespace

class TestStorageBacklog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // A full queue holds batches back, in order, and offers them again until the writer
    // has taken every one: nothing fetched is dropped.
    void heldUntilTakenInOrder() {
        auto queue = std::make_shared<BoundedBatchQueue>(1);
        StorageBacklog backlog(queue, nullptr);
        QSignalSpy queued(&backlog, &StorageBacklog::batchQueued);
        backlog.push(batchOf(1));
        backlog.push(batchOf(2));
        backlog.push(batchOf(3));
        QCOMPARE(queued.size(), 1);
        QVERIFY(!backlog.isEmpty());
        QList<qsizetype> sizes;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const TradeBatch &b : queue->takeAll())
                    sizes.append(b.size());
                return sizes.size() == 3;
            }(),
            5000);
        QCOMPARE(sizes, (QList<qsizetype>{1, 2, 3}));
        QCOMPARE(queued.size(), 3);
        QVERIFY(backlog.isEmpty());
    }

    void withoutStorageHoldsNothing() {
        StorageBacklog backlog(nullptr, nullptr);
        QSignalSpy queued(&backlog, &StorageBacklog::batchQueued);
        backlog.push(batchOf(4));
        QVERIFY(backlog.isEmpty());
        QCOMPARE(queued.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestStorageBacklog)
#include "tst_storagebacklog.moc"
