#pragma once

#include "app/commandline.h"

#include <QColor>
#include <QPalette>
#include <QString>

namespace longshot::app {

// The colours of one theme. Green and red are kept for meaning (buy/up, sell/down); the
// chrome itself stays neutral so they stand out.
struct ThemeColors {
    QColor window;    // panels and chrome
    QColor base;      // tables and inputs
    QColor alternate; // alternate table rows
    QColor raised;    // buttons, dock title bars
    QColor border;    // separators and the grid
    QColor text;
    QColor mutedText;
    QColor highlight; // selection
    QColor link;
    QColor positive;
    QColor negative;
};

// Fusion style with a light or a dark palette. "system" follows the platform's colour
// scheme; QStyleHints::colorScheme() is Qt 6.5, so on 6.4 the choice is read from the
// lightness of the palette the platform offered before the theme replaced it.
class Theme final {
public:
    explicit Theme(const QPalette &platformPalette);
    Q_DISABLE_COPY_MOVE(Theme)

    // Applies to the whole QApplication: style, palette and a small style sheet.
    void apply(ThemeChoice choice);
    ThemeChoice choice() const { return m_choice; }
    bool isDark() const { return m_dark; }

    static bool looksDark(const QPalette &palette);
    static ThemeColors colors(bool dark);
    static QPalette palette(const ThemeColors &colors);
    static QString styleSheet(const ThemeColors &colors);

private:
    QPalette m_platformPalette;
    ThemeChoice m_choice = ThemeChoice::System;
    bool m_dark = false;
    bool m_fusionInstalled = false;
};

} // namespace longshot::app
