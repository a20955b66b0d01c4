#include "tests/support/modeltester.h"

namespace longshot::test {

std::unique_ptr<QAbstractItemModelTester> attachModelTester(QAbstractItemModel *model) {
    return std::make_unique<QAbstractItemModelTester>(model,
                                                      QAbstractItemModelTester::FailureReportingMode::QtTest);
}

} // namespace longshot::test
