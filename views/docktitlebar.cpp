#include "views/docktitlebar.h"

#include <QDockWidget>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QStyle>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace longshot::views {

namespace {

QToolButton *titleButton(QStyle::StandardPixmap pixmap, const QString &name, QWidget *parent) {
    auto *button = new QToolButton(parent);
    button->setObjectName(name);
    button->setAutoRaise(true);
    button->setFocusPolicy(Qt::NoFocus);
    button->setIcon(parent->style()->standardIcon(pixmap, nullptr, parent));
    button->setIconSize(QSize(12, 12));
    return button;
}

} // namespace

DockTitleBar::DockTitleBar(QDockWidget *dock)
    : QWidget(dock)
    , m_dock(dock)
    , m_leading(new QHBoxLayout)
    , m_title(new QLabel(this))
    , m_float(titleButton(QStyle::SP_TitleBarNormalButton, u"dockFloatButton"_s, this))
    , m_close(titleButton(QStyle::SP_TitleBarCloseButton, u"dockCloseButton"_s, this)) {
    setObjectName(u"dockTitleBar"_s);
    m_title->setObjectName(u"dockTitle"_s);
    m_title->setTextFormat(Qt::PlainText);
    QFont font = m_title->font();
    font.setWeight(QFont::DemiBold);
    m_title->setFont(font);
    m_title->setText(dock->windowTitle());
    m_float->setToolTip(tr("Float or dock this panel"));
    m_close->setToolTip(tr("Close this panel (View > Panels brings it back)"));

    m_leading->setContentsMargins(0, 0, 0, 0);
    m_leading->setSpacing(2);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 3, 4, 3);
    layout->setSpacing(4);
    layout->addLayout(m_leading);
    layout->addWidget(m_title, 1);
    layout->addWidget(m_float);
    layout->addWidget(m_close);

    connect(m_float, &QToolButton::clicked, m_dock, [this] { m_dock->setFloating(!m_dock->isFloating()); });
    connect(m_close, &QToolButton::clicked, m_dock, &QDockWidget::close);
    connect(m_dock, &QDockWidget::windowTitleChanged, m_title, &QLabel::setText);
    connect(m_dock, &QDockWidget::featuresChanged, this, &DockTitleBar::updateButtons);
    updateButtons();
}

DockTitleBar::~DockTitleBar() = default;

void DockTitleBar::addLeadingWidget(QWidget *widget) {
    m_leading->addWidget(widget);
}

QString DockTitleBar::title() const {
    return m_title->text();
}

void DockTitleBar::paintEvent(QPaintEvent *) {
    // The theme's QDockWidget::title rule does not reach a custom bar: the same raised strip
    // with a hairline underneath keeps custom and native titles alike.
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Button));
    p.setPen(palette().color(QPalette::Mid));
    p.drawLine(rect().bottomLeft(), rect().bottomRight());
}

void DockTitleBar::updateButtons() {
    const QDockWidget::DockWidgetFeatures features = m_dock->features();
    m_float->setVisible(features.testFlag(QDockWidget::DockWidgetFloatable));
    m_close->setVisible(features.testFlag(QDockWidget::DockWidgetClosable));
}

} // namespace longshot::views
