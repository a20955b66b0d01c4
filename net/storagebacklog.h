#pragma once

#include "models/domain/batchqueue.h"
#include "models/domain/trade.h"

#include <QObject>

#include <deque>
#include <memory>

class QTimer;

namespace longshot::net {

// What a REST fetcher has fetched but the storage queue has not yet taken. Unlike a socket, a
// fetcher may wait for the writer: batches are held here and offered again every 100 ms, in
// order, so nothing fetched is dropped. Lives on its owner's thread.
class StorageBacklog final : public QObject {
    Q_OBJECT
public:
    // A null queue (no storage) takes nothing and holds nothing.
    StorageBacklog(std::shared_ptr<BoundedBatchQueue> queue, QObject *parent);
    ~StorageBacklog() override;
    Q_DISABLE_COPY_MOVE(StorageBacklog)

    void push(TradeBatch batch);
    bool isEmpty() const { return m_held.empty(); }

Q_SIGNALS:
    // One batch went into the storage queue: the writer may drain.
    void batchQueued();

private:
    void drain();

    std::shared_ptr<BoundedBatchQueue> m_queue;
    QTimer *m_retry;
    std::deque<TradeBatch> m_held;
};

} // namespace longshot::net
