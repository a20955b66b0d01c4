#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString kBinary = QString::fromLocal8Bit(LONGSHOT_BINARY);

// A platform plugin that does not exist: anything that creates a QGuiApplication aborts, so an
// exit code of 0 proves the command never needed a display. XDG dirs point into `dir`.
QProcessEnvironment noDisplay(const QTemporaryDir &dir) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"DISPLAY"_s);
    env.remove(u"WAYLAND_DISPLAY"_s);
    env.insert(u"QT_QPA_PLATFORM"_s, u"no-such-platform"_s);
    env.insert(u"XDG_CONFIG_HOME"_s, dir.filePath(u"config"_s));
    env.insert(u"XDG_DATA_HOME"_s, dir.filePath(u"data"_s));
    return env;
}

} // namespace

class TestCliMain final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void headless_data();
    void headless();
    void screenshot();
};

void TestCliMain::headless_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stdoutHas");
    QTest::addColumn<QString>("stderrHas");

    QTest::newRow("--help") << QStringList{u"--help"_s} << 0 << u"Usage:"_s << QString();
    QTest::newRow("--version") << QStringList{u"--version"_s} << 0 << u"Longshot "_s << QString();
    QTest::newRow("help collect") << QStringList{u"help"_s, u"collect"_s} << 0 << u"--run-for"_s << QString();
    QTest::newRow("export trades --help")
        << QStringList{u"export"_s, u"trades"_s, u"--help"_s} << 0 << u"--out"_s << QString();
    QTest::newRow("unknown command") << QStringList{u"frobnicate"_s} << 2 << QString()
                                     << u"longshot: Unknown command 'frobnicate'"_s;
    QTest::newRow("bad theme") << QStringList{u"--theme"_s, u"sepia"_s} << 2 << QString() << u"sepia"_s;
    QTest::newRow("unknown option") << QStringList{u"--nope"_s} << 2 << QString() << u"nope"_s;
}

void TestCliMain::headless() {
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, stdoutHas);
    QFETCH(QString, stderrHas);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QProcess p;
    p.setProcessEnvironment(noDisplay(dir));
    p.start(kBinary, args);
    QVERIFY(p.waitForFinished(30'000));
    const QString out = QString::fromLocal8Bit(p.readAllStandardOutput());
    const QString err = QString::fromLocal8Bit(p.readAllStandardError());
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QVERIFY2(p.exitCode() == exitCode, qPrintable(err));
    QVERIFY2(out.contains(stdoutHas), qPrintable(out));
    QVERIFY2(err.contains(stderrHas), qPrintable(err));
    if (exitCode != 0)
        QVERIFY(out.isEmpty()); // errors go to stderr only, so scripts can pipe stdout safely
}

void TestCliMain::screenshot() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QProcessEnvironment env = noDisplay(dir);
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    const QString png = dir.filePath(u"shot.png"_s);
    QProcess p;
    p.setProcessEnvironment(env);
    // --offline: the screenshot must not depend on (or touch) the network.
    p.start(kBinary, {u"--offline"_s, u"--theme"_s, u"dark"_s, u"--screenshot"_s, png,
                      u"--screenshot-delay"_s, u"0"_s, u"--db"_s, dir.filePath(u"shot.sqlite"_s)});
    QVERIFY(p.waitForFinished(60'000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    const QImage image(png);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), QSize(1400, 860));
    // The dark theme was applied: the middle of the window is dark.
    QVERIFY(image.pixelColor(700, 430).lightness() < 128);

    // An unwritable target is an error, not a silent success.
    QProcess bad;
    bad.setProcessEnvironment(env);
    bad.start(kBinary, {u"--offline"_s, u"--screenshot"_s, dir.filePath(u"missing/dir/shot.png"_s),
                        u"--screenshot-delay"_s, u"0"_s, u"--db"_s, dir.filePath(u"shot.sqlite"_s)});
    QVERIFY(bad.waitForFinished(60'000));
    QVERIFY(bad.exitCode() != 0);
    QVERIFY(bad.readAllStandardError().contains("screenshot"));
}

QTEST_GUILESS_MAIN(TestCliMain)
#include "tst_climain.moc"
