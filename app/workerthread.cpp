#include "app/workerthread.h"

namespace longshot::app {

WorkerThread::WorkerThread(const QString &name, ThreadPriority priority)
    : m_thread(std::make_unique<QThread>()) {
    m_thread->setObjectName(name);
    // Direct: `started` is emitted on the new thread, which is the one to re-prioritise.
    QObject::connect(
        m_thread.get(), &QThread::started, m_thread.get(), [priority] { applyToCurrentThread(priority); },
        Qt::DirectConnection);
}

WorkerThread::~WorkerThread() {
    stop();
}

void WorkerThread::start() {
    if (!m_thread->isRunning())
        m_thread->start();
}

void WorkerThread::stop() {
    if (!m_thread->isRunning())
        return;
    m_thread->quit();
    m_thread->wait();
}

} // namespace longshot::app
