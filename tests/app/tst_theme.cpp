#include "app/theme.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace longshot::app;

class TestTheme final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void palettesMatchTheirName_data();
    void palettesMatchTheirName();
    void textIsReadable_data();
    void textIsReadable();
    void systemFollowsThePlatform_data();
    void systemFollowsThePlatform();
    void switchingAtRuntime();
};

namespace {

// WCAG relative luminance contrast; 4.5 is the bar for body text.
double luminance(const QColor &c) {
    auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

double contrast(const QColor &a, const QColor &b) {
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QPalette plain(const QColor &window) {
    QPalette p;
    p.setColor(QPalette::Window, window);
    return p;
}

} // namespace

void TestTheme::palettesMatchTheirName_data() {
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

void TestTheme::palettesMatchTheirName() {
    QFETCH(bool, dark);
    const QPalette p = Theme::palette(Theme::colors(dark));
    QCOMPARE(Theme::looksDark(p), dark);
    QCOMPARE(p.color(QPalette::Base).lightness() < 128, dark);
}

void TestTheme::textIsReadable_data() {
    QTest::addColumn<bool>("dark");
    QTest::addColumn<int>("foreground");
    QTest::addColumn<int>("background");
    QTest::addColumn<double>("minimum");

    for (const bool dark : {false, true}) {
        const char *name = dark ? "dark" : "light";
        QTest::addRow("%s text on base", name) << dark << int(QPalette::Text) << int(QPalette::Base) << 7.0;
        QTest::addRow("%s text on window", name)
            << dark << int(QPalette::WindowText) << int(QPalette::Window) << 7.0;
        QTest::addRow("%s placeholder on window", name)
            << dark << int(QPalette::PlaceholderText) << int(QPalette::Window) << 4.5;
        QTest::addRow("%s selection", name)
            << dark << int(QPalette::HighlightedText) << int(QPalette::Highlight) << 4.5;
        QTest::addRow("%s button", name) << dark << int(QPalette::ButtonText) << int(QPalette::Button) << 7.0;
    }
}

void TestTheme::textIsReadable() {
    QFETCH(bool, dark);
    QFETCH(int, foreground);
    QFETCH(int, background);
    QFETCH(double, minimum);
    const QPalette p = Theme::palette(Theme::colors(dark));
    const double ratio =
        contrast(p.color(QPalette::ColorRole(foreground)), p.color(QPalette::ColorRole(background)));
    QVERIFY2(ratio >= minimum, qPrintable(u"contrast %1"_s.arg(ratio)));
}

void TestTheme::systemFollowsThePlatform_data() {
    QTest::addColumn<QColor>("platformWindow");
    QTest::addColumn<bool>("dark");

    QTest::newRow("light platform") << QColor(0xef, 0xef, 0xef) << false;
    QTest::newRow("dark platform") << QColor(0x2a, 0x2a, 0x2e) << true;
    QTest::newRow("black platform") << QColor(Qt::black) << true;
}

void TestTheme::systemFollowsThePlatform() {
    QFETCH(QColor, platformWindow);
    QFETCH(bool, dark);
    Theme theme(plain(platformWindow));
    theme.apply(ThemeChoice::System);
    QCOMPARE(theme.choice(), ThemeChoice::System);
    QCOMPARE(theme.isDark(), dark);
    QCOMPARE(Theme::looksDark(QApplication::palette()), dark);
    // The application style sheet wraps the style; without it the base style shows.
    qApp->setStyleSheet(QString());
    QCOMPARE(QApplication::style()->metaObject()->className(), "QFusionStyle");
}

void TestTheme::switchingAtRuntime() {
    Theme theme(plain(QColor(Qt::white)));
    theme.apply(ThemeChoice::Dark);
    QVERIFY(theme.isDark());
    QCOMPARE(QApplication::palette().color(QPalette::Window), Theme::colors(true).window);
    const QString darkSheet = qApp->styleSheet();
    theme.apply(ThemeChoice::Light);
    QVERIFY(!theme.isDark());
    QCOMPARE(QApplication::palette().color(QPalette::Window), Theme::colors(false).window);
    // The style sheet carries colours too, so it must change with the palette.
    QVERIFY(qApp->styleSheet() != darkSheet);
    QVERIFY(qApp->styleSheet().contains(Theme::colors(false).border.name()));
}

QTEST_MAIN(TestTheme)
#include "tst_theme.moc"
