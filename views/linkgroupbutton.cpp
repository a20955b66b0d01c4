#include "views/linkgroupbutton.h"

#include <QAction>
#include <QActionGroup>
#include <QEvent>
#include <QMenu>
#include <QPainter>
#include <QPainterPath>

using namespace Qt::StringLiterals;

namespace longshot::views {

namespace {

QPixmap paintSwatch(LinkGroup group, const QColor &outline, int side) {
    QPixmap pixmap(side, side);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const qreal unit = side / 16.0;
    const QRectF box(2.5 * unit, 2.5 * unit, 11 * unit, 11 * unit);
    const qreal radius = 2.5 * unit;
    const QColor fill = linkGroupColor(group);
    if (fill.isValid()) {
        p.setPen(QPen(fill.darker(125), unit));
        p.setBrush(fill);
        p.drawRoundedRect(box, radius, radius);
    } else {
        // Unlinked: an empty outline crossed through, so it never reads as a colour.
        p.setPen(QPen(outline, 1.2 * unit));
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(box, radius, radius);
        p.drawLine(box.bottomLeft() + QPointF(2 * unit, -2 * unit),
                   box.topRight() + QPointF(-2 * unit, 2 * unit));
    }
    return pixmap;
}

} // namespace

QIcon LinkGroupButton::swatch(LinkGroup group, const QColor &outline) {
    // Drawn at several sizes so high-DPI screens get a crisp square rather than a scaled one.
    QIcon icon;
    for (const int side : {16, 24, 32, 48, 64})
        icon.addPixmap(paintSwatch(group, outline, side));
    return icon;
}

LinkGroupButton::LinkGroupButton(QWidget *parent)
    : QToolButton(parent)
    , m_actions(new QActionGroup(this)) {
    setObjectName(u"linkGroupButton"_s);
    setAutoRaise(true);
    setPopupMode(QToolButton::InstantPopup);
    setIconSize(QSize(16, 16));
    setFocusPolicy(Qt::NoFocus);
    // The popup's arrow would double the button's width in a title bar.
    setStyleSheet(u"QToolButton::menu-indicator { image: none; width: 0; }"_s);
    auto *menu = new QMenu(this);
    menu->setObjectName(u"linkGroupMenu"_s);
    menu->setToolTipsVisible(true);
    for (const LinkGroup group : kLinkGroups) {
        QAction *action = menu->addAction(linkGroupTitle(group));
        action->setObjectName(u"linkGroup_"_s + linkGroupName(group));
        action->setCheckable(true);
        action->setData(int(group));
        m_actions->addAction(action);
        connect(action, &QAction::triggered, this, [this, group] {
            setGroup(group);
            Q_EMIT groupChosen(group);
        });
        if (group == LinkGroup::None)
            menu->addSeparator();
    }
    setMenu(menu);
    refresh();
}

LinkGroupButton::~LinkGroupButton() = default;

void LinkGroupButton::setGroup(LinkGroup group) {
    if (group == m_group)
        return;
    m_group = group;
    refresh();
}

void LinkGroupButton::changeEvent(QEvent *event) {
    QToolButton::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        refresh(); // the unlinked outline follows the theme
}

void LinkGroupButton::refresh() {
    const QColor outline = palette().color(QPalette::PlaceholderText);
    setIcon(swatch(m_group, outline));
    for (QAction *action : m_actions->actions()) {
        const auto group = LinkGroup(action->data().toInt());
        action->setIcon(swatch(group, outline));
        action->setChecked(group == m_group);
    }
    setToolTip(m_group == LinkGroup::None
                   ? tr("Not linked: this panel neither follows nor drives other panels' selection. "
                        "Click to choose a link colour.")
                   : tr("Linked %1: selecting a trader or market here drives every %1 panel, and this panel "
                        "follows theirs. Click to change.")
                         .arg(linkGroupTitle(m_group).toLower()));
    setAccessibleName(tr("Link group: %1").arg(linkGroupTitle(m_group)));
}

} // namespace longshot::views
