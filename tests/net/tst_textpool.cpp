// The process-wide text pool: one copy per distinct text, copies that carry no reference
// count, safe from several threads, and a hard stop at its cap. Its own binary, because
// the last test fills the pool for the rest of the process.
#include "net/textpool.h"

#include <QTest>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;
using namespace longshot::net;

namespace {

QString fromUtf8(std::string_view s) {
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

QString upper(std::string_view s) {
    return fromUtf8(s).toUpper();
}

// A pooled text points at pool memory and owns no reference-counted block.
bool isPooled(QString s) {
    return s.data_ptr().d_ptr() == nullptr && !s.isEmpty();
}

std::atomic<int> g_makes{0};
QString countedMake(std::string_view s) {
    ++g_makes;
    return fromUtf8(s);
}

} // namespace

class TestTextPool final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void oneCopyPerText() {
        const QString a = TextPool::intern('t', "Will Malta win on 2026-09-24?", &fromUtf8);
        const QString b = TextPool::intern('t', "Will Malta win on 2026-09-24?", &fromUtf8);
        QCOMPARE(a, u"Will Malta win on 2026-09-24?"_s);
        QVERIFY(isPooled(a));
        QCOMPARE(a.constData(), b.constData());
        // Copies share the pool's memory and detach only when written to.
        QString c = a;
        QCOMPARE(c.constData(), a.constData());
        c.append(u'!');
        QVERIFY(c.constData() != a.constData());
        QCOMPARE(a, u"Will Malta win on 2026-09-24?"_s);
    }

    void spacesKeepReadingsApart() {
        const QString asText = TextPool::intern('t', "0xAbC", &fromUtf8);
        const QString asOther = TextPool::intern('u', "0xAbC", &upper);
        QCOMPARE(asText, u"0xAbC"_s);
        QCOMPARE(asOther, u"0XABC"_s);
    }

    void makeRunsOncePerText() {
        g_makes = 0;
        for (int i = 0; i < 100; ++i)
            TextPool::intern('c', "counted once", &countedMake);
        QCOMPARE(g_makes.load(), 1);
    }

    void threadsAgree() {
        // Eight threads intern the same 500 texts in different orders: every thread gets
        // the same pooled copy of each (TSan watches the locking).
        constexpr int kTexts = 500;
        std::vector<std::vector<const QChar *>> seen(8, std::vector<const QChar *>(kTexts));
        // std::thread, not QThread: its join is a happens-before ThreadSanitizer can see,
        // while QThread::wait synchronises through futexes inside an uninstrumented Qt.
        std::vector<std::thread> threads;
        for (int t = 0; t < 8; ++t) {
            threads.emplace_back([t, &seen] {
                for (int i = 0; i < kTexts; ++i) {
                    const int k = (i * 7 + t * 13) % kTexts;
                    const std::string key = "market title number " + std::to_string(k);
                    seen[std::size_t(t)][std::size_t(k)] = TextPool::intern('m', key, &fromUtf8).constData();
                }
            });
        }
        for (std::thread &thread : threads)
            thread.join();
        for (int t = 1; t < 8; ++t)
            QCOMPARE(seen[std::size_t(t)], seen[0]);
    }

    void stopsGrowingAtTheCap() {
        // Distinct 200-byte texts until the pool refuses; after that texts are still
        // right, just not pooled, and the pool stays under its cap.
        const std::string filler(200, 'x');
        std::size_t before = TextPool::bytesUsed();
        int refused = 0;
        for (int i = 0; refused < 3; ++i) {
            QVERIFY2(i < 2'000'000, "the pool never stopped growing");
            const std::string key = std::to_string(i) + filler;
            const QString s = TextPool::intern('f', key, &fromUtf8);
            QCOMPARE(s.size(), qsizetype(key.size()));
            const std::size_t after = TextPool::bytesUsed();
            if (after == before) {
                QVERIFY(!isPooled(s));
                ++refused;
            }
            before = after;
        }
        QVERIFY(TextPool::bytesUsed() <= TextPool::kCapBytes);
        QVERIFY(TextPool::bytesUsed() > TextPool::kCapBytes - 4096);
        // Texts pooled before the cap are still answered from the pool.
        QVERIFY(isPooled(TextPool::intern('t', "Will Malta win on 2026-09-24?", &fromUtf8)));
    }
};

QTEST_GUILESS_MAIN(TestTextPool)
#include "tst_textpool.moc"
