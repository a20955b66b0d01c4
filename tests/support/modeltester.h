#pragma once

#include <QAbstractItemModelTester>

#include <memory>

class QAbstractItemModel;

namespace longshot::test {

// Attaches QAbstractItemModelTester in QtTest mode: every later signal of the model is
// checked for consistency and a violation fails the running test.
std::unique_ptr<QAbstractItemModelTester> attachModelTester(QAbstractItemModel *model);

} // namespace longshot::test
