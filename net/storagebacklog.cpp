#include "net/storagebacklog.h"

#include <QTimer>

namespace longshot::net {

StorageBacklog::StorageBacklog(std::shared_ptr<BoundedBatchQueue> queue, QObject *parent)
    : QObject(parent)
    , m_queue(std::move(queue))
    , m_retry(new QTimer(this)) {
    m_retry->setInterval(std::chrono::milliseconds(100));
    connect(m_retry, &QTimer::timeout, this, &StorageBacklog::drain);
}

StorageBacklog::~StorageBacklog() = default;

void StorageBacklog::push(TradeBatch batch) {
    if (!m_queue)
        return;
    m_held.push_back(std::move(batch));
    drain();
}

void StorageBacklog::drain() {
    while (!m_held.empty()) {
        if (!m_queue->tryPush(m_held.front()))
            break;
        m_held.pop_front();
        Q_EMIT batchQueued();
    }
    if (m_held.empty())
        m_retry->stop();
    else if (!m_retry->isActive())
        m_retry->start();
}

} // namespace longshot::net
