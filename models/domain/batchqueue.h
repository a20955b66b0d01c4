#pragma once

#include "models/domain/trade.h"

#include <QList>
#include <QMutex>

namespace longshot {

// The bounded hand-off between the feed (producer) and the storage writer (consumer).
// tryPush never blocks: a full queue refuses the batch so the socket never waits for the
// disk; the producer records the refused batch as a gap for the REST backfill.
class BoundedBatchQueue final {
public:
    explicit BoundedBatchQueue(int capacity = 8)
        : m_capacity(capacity) {}
    Q_DISABLE_COPY_MOVE(BoundedBatchQueue)

    bool tryPush(TradeBatch batch);
    QList<TradeBatch> takeAll();
    int size() const;
    int capacity() const { return m_capacity; }

private:
    const int m_capacity;
    mutable QMutex m_mutex;
    QList<TradeBatch> m_batches;
};

} // namespace longshot
