#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QStackedLayout;
class QTableView;

namespace longshot {
class AlertsModel;
}

namespace longshot::views {

class EmptyState;

// The alerts dock: fired alerts newest first, and under the table the selected alert's
// reasons and insider flags with their factors, in plain text.
class AlertsView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertsView)
public:
    // `model` is owned elsewhere and must outlive the view.
    explicit AlertsView(AlertsModel *model, QWidget *parent = nullptr);
    ~AlertsView() override;

    QTableView *table() const { return m_table; }
    QString detailText() const;
    bool isShowingEmptyState() const;
    // "N rules on" next to the buttons.
    void setRuleSummary(const QString &text);

Q_SIGNALS:
    void rulesRequested();
    void clearRequested();
    void traderActivated(const QString &wallet);

private:
    void updateDetail();
    void updateEmptyState();

    AlertsModel *m_model;
    QTableView *m_table;
    QLabel *m_detail;
    QLabel *m_summary;
    EmptyState *m_empty;
    QStackedLayout *m_stack;
};

} // namespace longshot::views
