#pragma once

#include "models/domain/threadpriority.h"

#include <QObject>
#include <QThread>

#include <memory>

namespace longshot::app {

// A named QThread that is always quit() and wait()ed before it is destroyed, with the
// workers that were moved onto it deleted on that thread (finished → deleteLater).
// Threads doing bulk work are Background, so they yield contended cores to the GUI thread.
class WorkerThread final {
public:
    explicit WorkerThread(const QString &name, ThreadPriority priority = ThreadPriority::Background);
    ~WorkerThread();
    Q_DISABLE_COPY_MOVE(WorkerThread)

    // Moves a parentless worker onto this thread; it is deleted there when the thread ends.
    template <typename T> T *adopt(T *worker) {
        worker->moveToThread(m_thread.get());
        QObject::connect(m_thread.get(), &QThread::finished, worker, &QObject::deleteLater);
        return worker;
    }
    void start();
    void stop();
    QThread *thread() const { return m_thread.get(); }

private:
    std::unique_ptr<QThread> m_thread;
};

} // namespace longshot::app
