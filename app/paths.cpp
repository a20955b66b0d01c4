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

DatabaseOption resolveDatabase(const std::optional<DatabaseOption> &requested) {
    if (!requested) {
        DatabaseOption db;
        db.kind = DatabaseOption::Kind::SqliteFile;
        db.sqlitePath = defaultDatabaseFile();
        return db;
    }
    DatabaseOption db = *requested;
    if (db.kind == DatabaseOption::Kind::SqliteFile)
        db.sqlitePath = QFileInfo(QDir::fromNativeSeparators(db.sqlitePath)).absoluteFilePath();
    return db;
}

QString describeDatabase(const DatabaseOption &database) {
    if (database.kind == DatabaseOption::Kind::SqliteFile)
        return u"SQLite: "_s + QDir::toNativeSeparators(database.sqlitePath);
    const QString user = database.pgUser.isEmpty() ? QString() : database.pgUser + u'@';
    return u"PostgreSQL: postgresql://"_s % user % database.pgHost % u':' % QString::number(database.pgPort) %
           u'/' % database.pgDatabase;
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
