#pragma once

#include "app/mainwindow.h"

#include <QDialog>

namespace longshot::app {

// Version and where the data lives. Paths are selectable so they can be pasted into a shell.
class AboutDialog final : public QDialog {
    Q_OBJECT
public:
    AboutDialog(const AboutInfo &info, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(AboutDialog)
};

} // namespace longshot::app
