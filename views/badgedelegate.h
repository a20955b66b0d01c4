#pragma once

#include <QStyledItemDelegate>

namespace longshot::views {

// Paints a small outlined pill with the text of `badgeRole` beside a cell's figure (left of
// right-aligned numbers, centred in an otherwise empty cell): "n<20", "incomplete".
class BadgeDelegate final : public QStyledItemDelegate {
    Q_OBJECT
public:
    BadgeDelegate(int badgeRole, const QColor &color, QObject *parent = nullptr);
    // The colour is asked for at each paint, so a badge follows a display style change.
    BadgeDelegate(int badgeRole, QColor (*color)(), QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_role;
    QColor m_color;
    QColor (*m_colorOf)() = nullptr;
};

} // namespace longshot::views
