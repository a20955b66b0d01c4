#include "tests/support/testdata.h"

#include <QFile>
#include <QTest>

namespace longshot::test {

QString dataPath(const QString &relative) {
    return QStringLiteral(LONGSHOT_TEST_DATA) + u'/' + relative;
}

QByteArray readData(const QString &relative) {
    QFile file(dataPath(relative));
    if (!file.open(QIODevice::ReadOnly)) {
        QTest::qFail(qPrintable(QStringLiteral("missing test data: ") + file.fileName()), __FILE__, __LINE__);
        return {};
    }
    return file.readAll();
}

} // namespace longshot::test
