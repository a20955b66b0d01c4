#include "views/badgedelegate.h"

#include <QPainter>
#include <QPainterPath>

namespace longshot::views {
namespace {

QFont badgeFont(const QFont &base) {
    QFont f = base;
    f.setPointSizeF(base.pointSizeF() * 0.8);
    f.setBold(true);
    f.setItalic(false);
    return f;
}

} // namespace

BadgeDelegate::BadgeDelegate(int badgeRole, const QColor &color, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_role(badgeRole)
    , m_color(color) {}

BadgeDelegate::BadgeDelegate(int badgeRole, QColor (*color)(), QObject *parent)
    : QStyledItemDelegate(parent)
    , m_role(badgeRole)
    , m_colorOf(color) {}

void BadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const {
    QStyledItemDelegate::paint(painter, option, index);
    const QString badge = index.data(m_role).toString();
    if (badge.isEmpty())
        return;
    const QFont font = badgeFont(option.font);
    const QFontMetrics fm(font);
    const int h = fm.height() + 2;
    const int w = fm.horizontalAdvance(badge) + 10;
    const bool centred = index.data(Qt::DisplayRole).toString().isEmpty();
    const int x = centred ? option.rect.center().x() - w / 2 : option.rect.left() + 4;
    const QRect pill(x, option.rect.center().y() - h / 2 + 1, w, h - 2);
    const QColor color = m_colorOf ? m_colorOf() : m_color;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QColor fill = color;
    fill.setAlpha(40);
    painter->setPen(QPen(color, 1));
    painter->setBrush(fill);
    painter->drawRoundedRect(QRectF(pill).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
    painter->setFont(font);
    painter->setPen(color);
    painter->drawText(pill, Qt::AlignCenter, badge);
    painter->restore();
}

QSize BadgeDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const {
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const QString badge = index.data(m_role).toString();
    if (!badge.isEmpty())
        size.rwidth() += QFontMetrics(badgeFont(option.font)).horizontalAdvance(badge) + 16;
    return size;
}

} // namespace longshot::views
