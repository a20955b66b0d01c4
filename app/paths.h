#pragma once

#include "app/commandline.h"

#include <QString>

namespace longshot::app {

// Organisation and application name ("Longshot") and version. QStandardPaths and QSettings
// derive their XDG locations from these, so this runs before anything asks for a path.
void setApplicationIdentity();

// XDG locations (needs setApplicationIdentity() first):
//   data:     $XDG_DATA_HOME/Longshot/Longshot     (~/.local/share/...), holds longshot.sqlite
//   settings: $XDG_CONFIG_HOME/Longshot/Longshot/longshot.ini (~/.config/...)
QString dataDirectory();
QString configDirectory();
QString settingsFile();
QString defaultDatabaseFile();

// The database to open: --db when given (a relative SQLite path becomes absolute against the
// working directory), else the default file in the data directory.
storage::DatabaseConfig resolveDatabase(const std::optional<storage::DatabaseConfig> &requested);
// "sqlite: /path" or "postgresql://user@host:5432/name", for the About box and logs.
QString describeDatabase(const storage::DatabaseConfig &database);

// Creates `directory` if needed; false with a readable reason when it cannot.
bool ensureDirectory(const QString &directory, QString *error);

} // namespace longshot::app
