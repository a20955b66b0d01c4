#pragma once

#include "models/domain/trade.h"

#include <QList>
#include <QMutex>

namespace longshot {

// The bounded hand-off between the feed (producer) and the storage writer (consumer).
// tryPush never blocks: a full queue refuses the batch so the socket never waits for the
// disk; the producer records the refused batch as a gap for the REST backfill.
//
// With coalesceRows > 0 a batch pushed while the newest waiting batch holds fewer rows than
// that joins it instead of taking a slot. A consumer that falls behind then finds a few large
// batches rather than many small ones, and writes them in one larger transaction, which costs
// far less per row (each random index page is written once per transaction, not once per
// row). The bound stays: at most capacity × (coalesceRows + one pushed batch) rows wait.
class BoundedBatchQueue final {
public:
    explicit BoundedBatchQueue(int capacity = 8, qsizetype coalesceRows = 0)
        : m_capacity(capacity)
        , m_coalesceRows(coalesceRows) {}
    Q_DISABLE_COPY_MOVE(BoundedBatchQueue)

    bool tryPush(TradeBatch batch);
    QList<TradeBatch> takeAll();
    int size() const;
    int capacity() const { return m_capacity; }

private:
    const int m_capacity;
    const qsizetype m_coalesceRows;
    mutable QMutex m_mutex;
    QList<TradeBatch> m_batches;
};

} // namespace longshot
