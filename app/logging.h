#pragma once

#include <QLoggingCategory>

namespace longshot::app {

Q_DECLARE_LOGGING_CATEGORY(lcApp) // "longshot.app"

// "2025-01-31 12:00:00.123 W longshot.app: message": wall-clock time first because feed
// problems are matched against exchange incidents by time; the category says which layer spoke.
void installMessagePattern();

} // namespace longshot::app
