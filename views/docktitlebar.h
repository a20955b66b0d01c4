#pragma once

#include <QWidget>

class QDockWidget;
class QHBoxLayout;
class QLabel;
class QToolButton;

namespace longshot::views {

// A dock's title bar with room for widgets before the title (the link colour button), drawn
// like the theme's native one. Float and close follow the dock's features, so locked panels
// show neither; dragging and double-click docking stay with QDockWidget, which receives the
// mouse events this bar does not take.
class DockTitleBar final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DockTitleBar)
public:
    explicit DockTitleBar(QDockWidget *dock);
    ~DockTitleBar() override;

    void addLeadingWidget(QWidget *widget);
    QString title() const;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void updateButtons();

    QDockWidget *m_dock;
    QHBoxLayout *m_leading;
    QLabel *m_title;
    QToolButton *m_float;
    QToolButton *m_close;
};

} // namespace longshot::views
