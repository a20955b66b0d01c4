#pragma once

#include "app/commandline.h"
#include "storage/databaseconfig.h"

namespace longshot::app {

struct DatabaseSelection {
    storage::DatabaseConfig config;
    QString error; // empty on success
    bool ok() const { return error.isEmpty(); }
};

// The storage configuration for --db (or the XDG default), with the SQLite file's folder created.
DatabaseSelection databaseConfigFor(const CommandLineOptions &options);

} // namespace longshot::app
