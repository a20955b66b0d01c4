#include "app/workerthread.h"

namespace longshot::app {

WorkerThread::WorkerThread(const QString &name)
    : m_thread(std::make_unique<QThread>()) {
    m_thread->setObjectName(name);
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
