#pragma once

#include "models/domain/decimal.h"

#include <QStyledItemDelegate>

#include <functional>

namespace longshot::views {

// Paints a fading highlight behind rows that just arrived and are whale-sized, and shows
// tooltips as plain text (exchange strings must never be interpreted as markup). It has no
// timer of its own: the view repaints while anything is still fading.
class FlashDelegate final : public QStyledItemDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FlashDelegate)
public:
    static constexpr qint64 kFlashMs = 1'500;

    explicit FlashDelegate(QObject *parent = nullptr);
    ~FlashDelegate() override;

    Decimal threshold() const { return m_threshold; }
    void setThreshold(Decimal minimum) { m_threshold = minimum; }
    // The clock that ages the highlight; tests pin it.
    void setClock(std::function<qint64()> nowMs);
    qint64 now() const { return m_now(); }

    // 1.0 just after arrival, falling to 0.0 at kFlashMs; 0.0 for rows below the threshold.
    qreal flashStrength(const QModelIndex &index, qint64 nowMs) const;
    // The highlight at full strength; the view picks one that suits its palette.
    void setFlashColor(const QColor &color) { m_flashColor = color; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    Decimal m_threshold = Decimal::fromMicros(1'000 * Decimal::kOne);
    QColor m_flashColor{0xF5, 0xB0, 0x1E};
    std::function<qint64()> m_now;
};

// Escapes exchange text for QToolTip, which would otherwise guess rich text from a leading tag.
QString plainTextToolTip(const QString &text);

} // namespace longshot::views
