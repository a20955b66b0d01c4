#include "storage/databaseconfig.h"

#include <QUrl>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace longshot::storage {

QString DatabaseConfig::driverName() const {
    return engine == Engine::Postgres ? u"QPSQL"_s : u"QSQLITE"_s;
}

QString DatabaseConfig::describe() const {
    if (engine == Engine::Sqlite)
        return u"sqlite:"_s + path;
    QString text =
        u"postgresql://"_s + user + u'@' + host + u':' + QString::number(port) + u'/' + databaseName;
    if (!schema.isEmpty())
        text += u"?schema="_s + schema;
    return text;
}

DatabaseConfig DatabaseConfig::sqlite(const QString &path) {
    DatabaseConfig config;
    config.engine = Engine::Sqlite;
    config.path = path;
    return config;
}

namespace {

bool isIdentifier(QStringView name) {
    if (name.isEmpty() || name.size() > 63 || name.front().isDigit())
        return false;
    for (QChar c : name) {
        const bool ok = (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'_';
        if (!ok)
            return false;
    }
    return true;
}

DatabaseConfigParse fail(QString message) {
    DatabaseConfigParse result;
    result.error = std::move(message);
    return result;
}

DatabaseConfigParse parsePostgres(const QString &text) {
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        return fail(u"malformed PostgreSQL URL: "_s + url.errorString());
    const QString authority = text.section(u"://"_s, 1).section(u'/', 0, 0);
    if (!url.password().isEmpty() ||
        (authority.contains(u'@') && authority.section(u'@', 0, 0).contains(u':')))
        return fail(u"refusing a password inside the database URL: it would end up in the shell history and "
                    "the settings. Put it in PGPASSWORD or ~/.pgpass instead (libpq reads both)."_s);
    DatabaseConfigParse result;
    DatabaseConfig &c = result.config;
    c.engine = Engine::Postgres;
    c.user = url.userName();
    c.host = url.host();
    if (c.host.isEmpty())
        return fail(u"the PostgreSQL URL needs a host: postgresql://user@host:port/dbname"_s);
    c.port = url.port(5432);
    if (c.port <= 0 || c.port > 65535)
        return fail(u"the PostgreSQL port must be 1..65535"_s);
    c.databaseName = url.path();
    if (c.databaseName.startsWith(u'/'))
        c.databaseName.remove(0, 1);
    if (c.databaseName.isEmpty() || c.databaseName.contains(u'/'))
        return fail(u"the PostgreSQL URL needs one database name: postgresql://user@host:port/dbname"_s);
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == u"schema") {
            if (!isIdentifier(value))
                return fail(u"schema must be a lowercase identifier (a-z, 0-9, _): "_s + value);
            c.schema = value;
        } else if (key == u"password") {
            return fail(
                u"refusing a password inside the database URL: use PGPASSWORD or ~/.pgpass instead"_s);
        } else {
            return fail(u"unknown database URL parameter: "_s + key + u" (only schema is understood)"_s);
        }
    }
    if (!url.fragment().isEmpty())
        return fail(u"the PostgreSQL URL must not have a #fragment"_s);
    return result;
}

} // namespace

DatabaseConfigParse parseDatabaseConfig(QStringView input) {
    const QString text = input.trimmed().toString();
    if (text.isEmpty())
        return fail(u"no database given: pass a SQLite file path or postgresql://user@host:port/dbname"_s);
    if (text.startsWith(u"postgresql://"_s, Qt::CaseInsensitive) ||
        text.startsWith(u"postgres://"_s, Qt::CaseInsensitive))
        return parsePostgres(text);
    const qsizetype scheme = text.indexOf(u"://"_s);
    if (scheme > 0)
        return fail(u"unsupported database URL scheme: "_s + text.left(scheme) +
                    u" (use a SQLite file path or postgresql://)"_s);
    QString path = text;
    if (path.startsWith(u"file:"_s))
        path.remove(0, 5);
    if (path.isEmpty())
        return fail(u"empty SQLite path"_s);
    return {DatabaseConfig::sqlite(path), {}};
}

} // namespace longshot::storage
