#include "app/databaseselection.h"

#include "app/paths.h"

#include <QFileInfo>

namespace longshot::app {

DatabaseSelection databaseConfigFor(const CommandLineOptions &options) {
    const DatabaseOption db = resolveDatabase(options.database);
    DatabaseSelection out;
    switch (db.kind) {
    case DatabaseOption::Kind::SqliteFile: {
        QString error;
        if (!ensureDirectory(QFileInfo(db.sqlitePath).absolutePath(), &error)) {
            out.error = error;
            return out;
        }
        out.config = storage::DatabaseConfig::sqlite(db.sqlitePath);
        return out;
    }
    case DatabaseOption::Kind::Postgres:
        out.config.engine = storage::Engine::Postgres;
        out.config.host = db.pgHost;
        out.config.port = db.pgPort;
        out.config.user = db.pgUser;
        out.config.databaseName = db.pgDatabase;
        return out;
    }
    out.error = QStringLiteral("unknown database kind");
    return out;
}

} // namespace longshot::app
