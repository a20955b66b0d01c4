#pragma once

#include <QWidget>

class QLabel;

namespace longshot::views {

// Shown in place of an empty table: says what will appear here and why it is not there yet.
class EmptyState final : public QWidget {
    Q_OBJECT
public:
    explicit EmptyState(const QString &title, const QString &explanation, QWidget *parent = nullptr);
    void setExplanation(const QString &text);

private:
    QLabel *m_explanation;
};

} // namespace longshot::views
