#pragma once

#include "models/domain/traderprofile.h"

#include <QHash>
#include <QWidget>

#include <memory>

class QAbstractItemModel;
class QLabel;
class QProgressBar;
class QPushButton;
class QStackedLayout;
class QTabWidget;
class QTableView;

namespace longshot {
class TraderActivityModel;
class TraderCategoriesModel;
class TraderPositionsModel;
} // namespace longshot

namespace longshot::views {

class EmptyState;
class EquityChartAdapter;

// The Trader profile dock: a header with the figures a trader can check (P&L before and after
// fees, volume, win rate with its n, positions value, first seen, drawdown) and the history's
// completeness, the equity curve with its drawdown, and tabs of open and closed positions,
// activity and categories. "Sync now" asks for a fast-lane sync; the app reports its progress
// back through setSyncState(). Exchange text (names, titles) is shown as plain text only.
class TraderProfileView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TraderProfileView)
public:
    enum class SyncState : quint8 { Idle = 1, Requested, Running, Done, Failed };

    // The models are owned elsewhere and must outlive the view.
    TraderProfileView(TraderPositionsModel *open, TraderPositionsModel *closed, TraderActivityModel *activity,
                      TraderCategoriesModel *categories, QWidget *parent = nullptr);
    ~TraderProfileView() override;

    const Wallet &wallet() const { return m_wallet; }
    const TraderProfile &profile() const { return m_profile; }
    QPushButton *syncButton() const { return m_sync; }
    QTabWidget *tabs() const { return m_tabs; }
    EquityChartAdapter *chart() const { return m_chart.get(); }
    bool isShowingEmptyState() const;

public Q_SLOTS:
    // Shows the wallet at once (header only) while its profile loads.
    void showWallet(const longshot::Wallet &wallet);
    void setProfile(const longshot::TraderProfile &profile);
    // percent < 0: busy without a known fraction.
    void setSyncState(longshot::views::TraderProfileView::SyncState state, const QString &detail = {},
                      int percent = -1);
    void setError(const QString &message);

Q_SIGNALS:
    void syncRequested(const QString &wallet);
    void marketActivated(const QString &conditionId);

private:
    QWidget *buildHeader();
    QTableView *makeTable(QAbstractItemModel *model, const QString &objectName, int sortRole,
                          int stretchColumn);
    void setFigure(const QString &name, const QString &value, const QString &tip = {},
                   const QVariant &color = {});
    void updateCompleteness();
    void clearFigures();

    TraderPositionsModel *m_open;
    TraderPositionsModel *m_closed;
    TraderActivityModel *m_activity;
    TraderCategoriesModel *m_categories;
    Wallet m_wallet;
    TraderProfile m_profile;
    bool m_loaded = false;
    bool m_restyling = false; // setProfile() re-renders the header only

    QStackedLayout *m_stack = nullptr;
    EmptyState *m_empty = nullptr;
    QLabel *m_name = nullptr;
    QLabel *m_grade = nullptr;
    QLabel *m_style = nullptr;
    QLabel *m_address = nullptr;
    QLabel *m_completeness = nullptr;
    QLabel *m_syncLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_sync = nullptr;
    QHash<QString, QLabel *> m_figures;
    QTabWidget *m_tabs = nullptr;
    std::unique_ptr<EquityChartAdapter> m_chart;
};

} // namespace longshot::views

Q_DECLARE_METATYPE(longshot::views::TraderProfileView::SyncState)
