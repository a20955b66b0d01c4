#include "app/appsettings.h"
#include "app/paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace longshot;
using namespace longshot::app;

class TestAppSettings final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void defaultsOnEmptyFile();
    void valuesSurviveARestart();
    void corruptValuesFallBack_data();
    void corruptValuesFallBack();
    void keysAreVersioned();
    void resetRemovesTheKey();
    void xdgPaths();
    void resolveDatabase_data();
    void resolveDatabase();

private:
    QString freshFile();
    QTemporaryDir m_dir;
    int m_files = 0;
};

QString TestAppSettings::freshFile() {
    return m_dir.filePath(u"settings-%1.ini"_s.arg(++m_files));
}

void TestAppSettings::initTestCase() {
    QVERIFY(m_dir.isValid());
    // Never the developer's real ~/.config or ~/.local/share.
    QStandardPaths::setTestModeEnabled(true);
    setApplicationIdentity();
}

void TestAppSettings::defaultsOnEmptyFile() {
    AppSettings settings(freshFile());
    QCOMPARE(settings.theme().get(), ThemeChoice::System);
    QVERIFY(settings.mainWindowGeometry().get().isEmpty());
    QVERIFY(settings.mainWindowState().get().isEmpty());
    QCOMPARE(settings.panelsLocked().get(), false);
    QCOMPARE(settings.feedMinUsd().get(), Decimal::fromMicros(100 * Decimal::kOne));
    QVERIFY(!settings.theme().isStored());
}

void TestAppSettings::valuesSurviveARestart() {
    const QString file = freshFile();
    // Binary state with bytes an INI file would mangle without escaping.
    const QByteArray state = QByteArray("\x00\xff\n=[]\\;#", 10) + QByteArray(300, '\x7f');
    const Decimal threshold = Decimal::parse(std::string_view("2500.123456")).value;
    {
        AppSettings settings(file);
        settings.theme() = ThemeChoice::Dark;
        settings.mainWindowGeometry() = QByteArray("geometry");
        settings.mainWindowState() = state;
        settings.panelsLocked() = true;
        settings.feedMinUsd() = threshold;
        QVERIFY(settings.sync());
    }
    QVERIFY(QFile::exists(file));
    AppSettings reread(file);
    QCOMPARE(reread.theme().get(), ThemeChoice::Dark);
    QCOMPARE(reread.mainWindowGeometry().get(), QByteArray("geometry"));
    QCOMPARE(reread.mainWindowState().get(), state);
    QCOMPARE(reread.panelsLocked().get(), true);
    QCOMPARE(reread.feedMinUsd().get(), threshold);
    // The threshold is stored as exact text, never through a double.
    QFile raw(file);
    QVERIFY(raw.open(QIODevice::ReadOnly));
    QVERIFY(raw.readAll().contains("minUsd=2500.123456"));
}

void TestAppSettings::corruptValuesFallBack_data() {
    QTest::addColumn<QByteArray>("ini");

    // Hand-edited or half-written files: each value is unusable and must read as the default.
    QTest::newRow("unknown theme") << QByteArray("[ui]\nv1\\theme=sepia\n");
    QTest::newRow("locked not a bool") << QByteArray("[ui]\nv1\\panelsLocked=maybe\n");
    QTest::newRow("threshold text") << QByteArray("[feed]\nv1\\minUsd=lots\n");
    QTest::newRow("threshold negative") << QByteArray("[feed]\nv1\\minUsd=-5\n");
    QTest::newRow("threshold two points") << QByteArray("[feed]\nv1\\minUsd=1.2.3\n");
    QTest::newRow("state not bytes") << QByteArray("[ui]\nv1\\mainWindowState=hello\n");
    QTest::newRow("garbage file") << QByteArray("\x01\x02[[[=\n\xff\xfe");
}

void TestAppSettings::corruptValuesFallBack() {
    QFETCH(QByteArray, ini);
    const QString file = freshFile();
    {
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(ini);
    }
    AppSettings settings(file);
    QCOMPARE(settings.theme().get(), ThemeChoice::System);
    QCOMPARE(settings.panelsLocked().get(), false);
    QCOMPARE(settings.feedMinUsd().get(), Decimal::fromMicros(100 * Decimal::kOne));
    QVERIFY(settings.mainWindowState().get().isEmpty());
}

void TestAppSettings::keysAreVersioned() {
    AppSettings settings(freshFile());
    for (const QString &key :
         {settings.theme().key(), settings.mainWindowGeometry().key(), settings.mainWindowState().key(),
          settings.panelsLocked().key(), settings.feedMinUsd().key()})
        QVERIFY2(key.contains(u"/v1/"_s), qPrintable(key));
    QCOMPARE(settings.mainWindowState().key(), u"ui/v1/mainWindowState"_s);
}

void TestAppSettings::resetRemovesTheKey() {
    AppSettings settings(freshFile());
    settings.panelsLocked() = true;
    QVERIFY(settings.panelsLocked().isStored());
    settings.panelsLocked().reset();
    QVERIFY(!settings.panelsLocked().isStored());
    QCOMPARE(settings.panelsLocked().get(), false);
}

void TestAppSettings::xdgPaths() {
    QCOMPARE(QCoreApplication::applicationName(), u"Longshot"_s);
    QCOMPARE(QCoreApplication::organizationName(), u"Longshot"_s);
    QCOMPARE(dataDirectory(), QStandardPaths::writableLocation(QStandardPaths::AppDataLocation));
    QCOMPARE(defaultDatabaseFile(), dataDirectory() + u"/longshot.sqlite"_s);
    QCOMPARE(settingsFile(),
             QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + u"/longshot.ini"_s);
    QVERIFY(dataDirectory().endsWith(u"/Longshot"_s));

    QString error;
    const QString nested = m_dir.filePath(u"a/b/c"_s);
    QVERIFY(ensureDirectory(nested, &error));
    QVERIFY(QDir(nested).exists());
    QFile blocker(m_dir.filePath(u"file"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    QVERIFY(!ensureDirectory(m_dir.filePath(u"file/sub"_s), &error));
    QVERIFY(error.contains(u"file"_s));
}

void TestAppSettings::resolveDatabase_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("described");

    QTest::newRow("default") << QStringList{}
                             << u"SQLite: "_s + QDir::toNativeSeparators(defaultDatabaseFile());
    QTest::newRow("relative") << QStringList{u"--db"_s, u"trades.sqlite"_s}
                              << u"SQLite: "_s + QDir::toNativeSeparators(
                                                     QDir::current().absoluteFilePath(u"trades.sqlite"_s));
    QTest::newRow("absolute") << QStringList{u"--db"_s, u"/srv/ls/x.sqlite"_s}
                              << u"SQLite: /srv/ls/x.sqlite"_s;
    QTest::newRow("postgres") << QStringList{u"--db"_s, u"postgres://me@db:6000/ls"_s}
                              << u"PostgreSQL: postgresql://me@db:6000/ls"_s;
    QTest::newRow("postgres no user")
        << QStringList{u"--db"_s, u"postgresql://db/ls"_s} << u"PostgreSQL: postgresql://db:5432/ls"_s;
}

void TestAppSettings::resolveDatabase() {
    QFETCH(QStringList, args);
    QFETCH(QString, described);
    const ParseResult parsed = parseCommandLine(QStringList{u"longshot"_s} + args);
    QCOMPARE(parsed.status, ParseStatus::Run);
    const storage::DatabaseConfig db = longshot::app::resolveDatabase(parsed.options.database);
    QCOMPARE(describeDatabase(db), described);
    if (db.engine == storage::Engine::Sqlite)
        QVERIFY(QDir::isAbsolutePath(db.path));
}

QTEST_GUILESS_MAIN(TestAppSettings)
#include "tst_appsettings.moc"
