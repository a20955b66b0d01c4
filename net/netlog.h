#pragma once

#include <QLoggingCategory>

namespace longshot::net {
Q_DECLARE_LOGGING_CATEGORY(lcNet)
Q_DECLARE_LOGGING_CATEGORY(lcRtds)
} // namespace longshot::net
