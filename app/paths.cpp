#include "app/paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace longshot::app {

void setApplicationIdentity() {
    QCoreApplication::setOrganizationName(u"Longshot"_s);
    QCoreApplication::setApplicationName(u"Longshot"_s);
    QCoreApplication::setApplicationVersion(QString::fromLatin1(LONGSHOT_VERSION));
}

QString dataDirectory() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

QString configDirectory() {
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
}

QString settingsFile() {
    return configDirectory() + u"/longshot.ini"_s;
}

QString defaultDatabaseFile() {
    return dataDirectory() + u"/longshot.sqlite"_s;
}

storage::DatabaseConfig resolveDatabase(const std::optional<storage::DatabaseConfig> &requested) {
    if (!requested)
        return storage::DatabaseConfig::sqlite(defaultDatabaseFile());
    storage::DatabaseConfig db = *requested;
    if (db.engine == storage::Engine::Sqlite)
        db.path = QFileInfo(QDir::fromNativeSeparators(db.path)).absoluteFilePath();
    return db;
}

QString describeDatabase(const storage::DatabaseConfig &database) {
    if (database.engine == storage::Engine::Sqlite)
        return u"SQLite: "_s + QDir::toNativeSeparators(database.path);
    const QString user = database.user.isEmpty() ? QString() : database.user + u'@';
    return u"PostgreSQL: postgresql://"_s % user % database.host % u':' % QString::number(database.port) %
           u'/' % database.databaseName;
}

bool ensureDirectory(const QString &directory, QString *error) {
    if (QDir().mkpath(directory))
        return true;
    if (error)
        *error = u"Cannot create the directory "_s + QDir::toNativeSeparators(directory) +
                 u" (check its parent exists and is writable)."_s;
    return false;
}

} // namespace longshot::app
