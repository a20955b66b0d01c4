#include "models/domain/batchqueue.h"

namespace longshot {

bool BoundedBatchQueue::tryPush(TradeBatch batch) {
    QMutexLocker lock(&m_mutex);
    if (m_coalesceRows > 0 && !m_batches.isEmpty() && m_batches.constLast().size() < m_coalesceRows) {
        m_batches.last().append(std::move(batch));
        return true;
    }
    if (m_batches.size() >= m_capacity)
        return false;
    m_batches.append(std::move(batch));
    return true;
}

QList<TradeBatch> BoundedBatchQueue::takeAll() {
    QMutexLocker lock(&m_mutex);
    return std::exchange(m_batches, {});
}

int BoundedBatchQueue::size() const {
    QMutexLocker lock(&m_mutex);
    return static_cast<int>(m_batches.size());
}

} // namespace longshot
