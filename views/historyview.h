#pragma once

#include "models/domain/historyfilter.h"
#include "models/domain/venue.h"

#include <QWidget>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QStackedLayout;
class QTableView;
class QTimer;

namespace longshot {
class HistoryModel;
}

namespace longshot::views {

class EmptyState;
class ReplayControls;

// The History dock: a time range (pickers and quick ranges), venue, market, trader and
// minimum-USD filters over the lazily loaded table of stored trades, and a footer with the
// count and volume of the whole filter as storage computed them. Edits are debounced; each
// settled filter goes to the model (which pages it in) and out through filterChanged so the
// app can ask for the totals.
class HistoryView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryView)
public:
    enum class QuickRange : quint8 { Today = 1, Week, Month, All };

    // `model` is owned elsewhere and must outlive the view.
    explicit HistoryView(HistoryModel *model, QWidget *parent = nullptr);
    ~HistoryView() override;

    HistoryFilter currentFilter() const;
    void applyQuickRange(QuickRange range);
    // Sets the widgets and applies the filter at once (no debounce).
    void setFilter(const HistoryFilter &filter);

    QTableView *table() const { return m_table; }
    ReplayControls *replayControls() const { return m_replay; }
    bool isShowingEmptyState() const;
    QString footerText() const;

public Q_SLOTS:
    void setTotals(const longshot::HistoryTotals &totals);
    void setTotalsFailed(const QString &message);
    // Where the rows come from ("/home/me/trades.sqlite, offline"), or why there are none.
    void setSource(const QString &description, bool available);

Q_SIGNALS:
    void filterChanged(const longshot::HistoryFilter &filter);
    // A row was double-clicked: open its market (the app sends it to the Market dock).
    void marketActivated(longshot::Venue venue, const QString &marketId, const QString &title);

private:
    QWidget *buildFilterBar();
    void scheduleApply();
    void apply();
    void updateFooter();
    void updateEmptyState();

    HistoryModel *m_model;
    QDateTimeEdit *m_from = nullptr;
    QDateTimeEdit *m_to = nullptr;
    QComboBox *m_range = nullptr;
    QComboBox *m_venue = nullptr;
    QLineEdit *m_market = nullptr;
    QLineEdit *m_trader = nullptr;
    QLineEdit *m_minUsd = nullptr;
    QTableView *m_table = nullptr;
    EmptyState *m_empty = nullptr;
    QStackedLayout *m_stack = nullptr;
    QLabel *m_totals = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_source = nullptr;
    ReplayControls *m_replay = nullptr;
    QTimer *m_debounce = nullptr;
    bool m_allTime = true;
    bool m_sourceAvailable = true;
    bool m_totalsKnown = false;
    QString m_totalsText;
};

} // namespace longshot::views
