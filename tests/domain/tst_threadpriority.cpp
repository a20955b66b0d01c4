#include "models/domain/threadpriority.h"

#include <QTest>
#include <QThread>

#include <sys/resource.h>
#include <unistd.h>

using namespace longshot;

namespace {
int niceOfCallingThread() {
    return getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
}
} // namespace

class TestThreadPriority : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void backgroundLowersOnlyTheCallingThread() {
        const int before = niceOfCallingThread();
        int inside = -100;
        int normal = -100;
        QThread *background = QThread::create([&] {
            applyToCurrentThread(ThreadPriority::Background);
            inside = niceOfCallingThread();
        });
        QThread *untouched = QThread::create([&] {
            applyToCurrentThread(ThreadPriority::Normal);
            normal = niceOfCallingThread();
        });
        background->start();
        untouched->start();
        QVERIFY(background->wait(5000));
        QVERIFY(untouched->wait(5000));
        delete background;
        delete untouched;
        QVERIFY2(inside >= 5, qPrintable(QString::number(inside)));
        QCOMPARE(normal, before);
        // The GUI thread (here: the test's main thread) keeps its own priority.
        QCOMPARE(niceOfCallingThread(), before);
    }
};

QTEST_GUILESS_MAIN(TestThreadPriority)
#include "tst_threadpriority.moc"
