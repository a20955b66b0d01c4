#include "views/emptystate.h"

#include <QLabel>
#include <QVBoxLayout>

namespace longshot::views {

EmptyState::EmptyState(const QString &title, const QString &explanation, QWidget *parent)
    : QWidget(parent)
    , m_explanation(new QLabel(explanation, this)) {
    auto *heading = new QLabel(title, this);
    heading->setTextFormat(Qt::PlainText);
    QFont f = heading->font();
    f.setPointSizeF(f.pointSizeF() * 1.3);
    f.setBold(true);
    heading->setFont(f);
    heading->setAlignment(Qt::AlignCenter);
    m_explanation->setTextFormat(Qt::PlainText);
    m_explanation->setWordWrap(true);
    m_explanation->setAlignment(Qt::AlignCenter);
    m_explanation->setForegroundRole(QPalette::PlaceholderText);
    auto *layout = new QVBoxLayout(this);
    layout->addStretch();
    layout->addWidget(heading);
    layout->addWidget(m_explanation);
    layout->addStretch();
}

void EmptyState::setExplanation(const QString &text) {
    m_explanation->setText(text);
}

} // namespace longshot::views
