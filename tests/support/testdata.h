#pragma once

#include <QByteArray>
#include <QString>

namespace longshot::test {

// Absolute path of a file under tests/data/.
QString dataPath(const QString &relative);
// The bytes of a file under tests/data/; fails the running test when it is missing.
QByteArray readData(const QString &relative);

} // namespace longshot::test
