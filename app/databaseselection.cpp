#include "app/databaseselection.h"

#include "app/paths.h"

#include <QFileInfo>

namespace longshot::app {

DatabaseSelection databaseConfigFor(const CommandLineOptions &options) {
    DatabaseSelection out;
    out.config = resolveDatabase(options.database);
    if (out.config.engine == storage::Engine::Sqlite)
        ensureDirectory(QFileInfo(out.config.path).absolutePath(), &out.error);
    return out;
}

} // namespace longshot::app
