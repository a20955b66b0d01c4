#include "app/theme.h"

#include <QApplication>
#include <QStyle>

using namespace Qt::StringLiterals;

namespace longshot::app {

namespace {

QString hex(const QColor &color) {
    return color.name(QColor::HexRgb);
}

} // namespace

Theme::Theme(const QPalette &platformPalette)
    : m_platformPalette(platformPalette) {}

void Theme::apply(ThemeChoice choice) {
    m_choice = choice;
    m_dark = choice == ThemeChoice::Dark || (choice == ThemeChoice::System && looksDark(m_platformPalette));
    // Once only: setting it again would re-create the style and re-polish every widget for nothing.
    if (!m_fusionInstalled) {
        QApplication::setStyle(u"Fusion"_s);
        m_fusionInstalled = true;
    }
    const ThemeColors c = colors(m_dark);
    QApplication::setPalette(palette(c));
    // Style sheets resolve colours once, so a theme change installs a freshly generated one.
    qApp->setStyleSheet(styleSheet(c));
}

bool Theme::looksDark(const QPalette &palette) {
    return palette.color(QPalette::Active, QPalette::Window).lightness() < 128;
}

ThemeColors Theme::colors(bool dark) {
    if (dark) {
        return {
            .window = QColor(0x16, 0x19, 0x1e),
            .base = QColor(0x0f, 0x11, 0x15),
            .alternate = QColor(0x14, 0x17, 0x1c),
            .raised = QColor(0x1e, 0x22, 0x29),
            .border = QColor(0x2a, 0x2f, 0x37),
            .text = QColor(0xd5, 0xd9, 0xe0),
            .mutedText = QColor(0x84, 0x8d, 0x99),
            .highlight = QColor(0x24, 0x4b, 0x73),
            .link = QColor(0x5a, 0xa9, 0xf0),
            .positive = QColor(0x3f, 0xb9, 0x6b),
            .negative = QColor(0xf0, 0x55, 0x4f),
        };
    }
    return {
        .window = QColor(0xef, 0xf1, 0xf4),
        .base = QColor(0xff, 0xff, 0xff),
        .alternate = QColor(0xf6, 0xf7, 0xf9),
        .raised = QColor(0xe3, 0xe6, 0xeb),
        .border = QColor(0xcb, 0xd0, 0xd8),
        .text = QColor(0x1d, 0x22, 0x29),
        .mutedText = QColor(0x5f, 0x68, 0x75),
        .highlight = QColor(0x2f, 0x6f, 0xb3),
        .link = QColor(0x1f, 0x5f, 0xb0),
        .positive = QColor(0x1a, 0x7f, 0x45),
        .negative = QColor(0xc6, 0x28, 0x28),
    };
}

QPalette Theme::palette(const ThemeColors &c) {
    QPalette p;
    const bool dark = c.window.lightness() < 128;
    p.setColor(QPalette::Window, c.window);
    p.setColor(QPalette::WindowText, c.text);
    p.setColor(QPalette::Base, c.base);
    p.setColor(QPalette::AlternateBase, c.alternate);
    p.setColor(QPalette::ToolTipBase, c.raised);
    p.setColor(QPalette::ToolTipText, c.text);
    p.setColor(QPalette::PlaceholderText, c.mutedText);
    p.setColor(QPalette::Text, c.text);
    p.setColor(QPalette::Button, c.raised);
    p.setColor(QPalette::ButtonText, c.text);
    p.setColor(QPalette::BrightText, c.negative);
    p.setColor(QPalette::Highlight, c.highlight);
    p.setColor(QPalette::HighlightedText, QColor(Qt::white));
    p.setColor(QPalette::Link, c.link);
    p.setColor(QPalette::LinkVisited, c.link.darker(dark ? 90 : 120));
    // Fusion draws bevels and the table grid from these.
    p.setColor(QPalette::Light, dark ? c.raised.lighter(130) : QColor(Qt::white));
    p.setColor(QPalette::Midlight, dark ? c.raised.lighter(115) : c.raised.lighter(105));
    p.setColor(QPalette::Mid, c.border);
    p.setColor(QPalette::Dark, dark ? c.base.darker(130) : c.border.darker(115));
    p.setColor(QPalette::Shadow, QColor(0, 0, 0, dark ? 200 : 90));

    const QColor disabledText = dark ? c.mutedText.darker(140) : c.mutedText.lighter(150);
    for (const auto role :
         {QPalette::WindowText, QPalette::Text, QPalette::ButtonText, QPalette::PlaceholderText})
        p.setColor(QPalette::Disabled, role, disabledText);
    p.setColor(QPalette::Disabled, QPalette::Highlight, c.border);
    p.setColor(QPalette::Inactive, QPalette::Highlight,
               dark ? c.highlight.darker(130) : c.highlight.lighter(140));
    return p;
}

QString Theme::styleSheet(const ThemeColors &c) {
    // Only the chrome is styled here; tables and inputs keep Fusion's drawing from the palette.
    return u"QMainWindow::separator { background: "_s % hex(c.border) % u"; width: 3px; height: 3px; }\n"_s %
           u"QMainWindow::separator:hover { background: "_s % hex(c.highlight) % u"; }\n"_s %
           u"QDockWidget { font-weight: 600; }\n"_s % u"QDockWidget::title { background: "_s % hex(c.raised) %
           u"; padding: 6px 10px; border-bottom: 1px solid "_s % hex(c.border) % u"; }\n"_s %
           u"QStatusBar { border-top: 1px solid "_s % hex(c.border) % u"; }\n"_s %
           u"QStatusBar::item { border: none; }\n"_s % u"QToolTip { color: "_s % hex(c.text) %
           u"; background: "_s % hex(c.raised) % u"; border: 1px solid "_s % hex(c.border) %
           u"; padding: 4px; }\n"_s;
}

} // namespace longshot::app
