#include "views/flashdelegate.h"

#include "models/whalefeedmodel.h"

#include <QAbstractItemView>
#include <QDateTime>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

using namespace Qt::StringLiterals;

namespace longshot::views {
namespace {
constexpr qreal kPeakAlpha = 0.30;
constexpr qreal kPeakAlphaDark = 0.20; // amber over a dark base darkens red and green text more
} // namespace

FlashDelegate::FlashDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
    , m_now([] { return QDateTime::currentMSecsSinceEpoch(); }) {}

FlashDelegate::~FlashDelegate() = default;

void FlashDelegate::setClock(std::function<qint64()> nowMs) {
    m_now = std::move(nowMs);
}

qreal FlashDelegate::flashStrength(const QModelIndex &index, qint64 nowMs) const {
    const QVariant arrival = index.data(WhaleFeedModel::ArrivalMsRole);
    if (!arrival.isValid())
        return 0;
    const qint64 age = nowMs - arrival.toLongLong();
    if (age < 0 || age >= kFlashMs)
        return 0;
    if (index.data(WhaleFeedModel::NotionalMicrosRole).toLongLong() < m_threshold.micros())
        return 0;
    return 1.0 - qreal(age) / qreal(kFlashMs);
}

void FlashDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const {
    QStyledItemDelegate::initStyleOption(option, index);
    const qreal strength = flashStrength(index, m_now());
    if (strength <= 0)
        return;
    // A light wash only: buy/sell colours must stay readable on it, on light and dark bases.
    QColor c = m_flashColor;
    const bool darkBase = option->palette.color(QPalette::Base).lightness() < 128;
    c.setAlphaF(float((darkBase ? kPeakAlphaDark : kPeakAlpha) * strength));
    option->backgroundBrush = c;
}

void FlashDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const {
    QStyledItemDelegate::paint(painter, option, index);
    if (index.column() != 0)
        return;
    const qreal strength = flashStrength(index, m_now());
    if (strength <= 0)
        return;
    // A solid accent at the row's left edge carries the signal the faint wash cannot.
    QColor accent = m_flashColor;
    accent.setAlphaF(float(strength));
    painter->fillRect(QRect(option.rect.left(), option.rect.top(), 3, option.rect.height()), accent);
}

bool FlashDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                              const QModelIndex &index) {
    if (!event || !view || event->type() != QEvent::ToolTip)
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    const QString text = index.data(Qt::ToolTipRole).toString();
    if (text.isEmpty()) {
        QToolTip::hideText();
        return true;
    }
    QToolTip::showText(event->globalPos(), plainTextToolTip(text), view->viewport(), option.rect);
    return true;
}

QString plainTextToolTip(const QString &text) {
    // Forcing rich text with fully escaped content is the only way to keep QToolTip from
    // interpreting a market title such as "<img src=…>" while still keeping line breaks.
    return u"<p style='white-space:pre'>"_s + text.toHtmlEscaped() + u"</p>"_s;
}

} // namespace longshot::views
