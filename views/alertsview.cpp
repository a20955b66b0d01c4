#include "views/alertsview.h"

#include "models/alertsmodel.h"
#include "views/emptystate.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStackedLayout>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace longshot::views {

AlertsView::AlertsView(AlertsModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_table(new QTableView)
    , m_detail(new QLabel)
    , m_summary(new QLabel)
    , m_empty(new EmptyState(tr("No alerts yet"),
                             tr("Alerts fire here when a trade matches one of your rules: a whale above your "
                                "size, a followed wallet, a long shot or an insider-candidate pattern.")))
    , m_stack(new QStackedLayout) {
    setObjectName(u"alertsView"_s);
    m_table->setObjectName(u"alertsTable"_s);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->setColumnWidth(int(AlertsModel::Column::Time),
                            m_table->fontMetrics().horizontalAdvance(u"Sep 28 88:88:88"_s) + 18);
    m_table->setColumnWidth(int(AlertsModel::Column::Market), 240);

    m_detail->setObjectName(u"alertDetail"_s);
    m_detail->setTextFormat(Qt::PlainText);
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->setMinimumHeight(m_detail->fontMetrics().height() * 3);
    m_summary->setTextFormat(Qt::PlainText);

    auto *rules = new QPushButton(tr("Rules…"));
    rules->setObjectName(u"alertRulesButton"_s);
    auto *clear = new QPushButton(tr("Clear"));
    clear->setObjectName(u"alertClearButton"_s);
    connect(rules, &QPushButton::clicked, this, &AlertsView::rulesRequested);
    connect(clear, &QPushButton::clicked, this, &AlertsView::clearRequested);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_summary, 1);
    bar->addWidget(rules);
    bar->addWidget(clear);

    auto *tablePage = new QWidget;
    auto *tableLayout = new QVBoxLayout(tablePage);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addWidget(m_table, 1);
    tableLayout->addWidget(m_detail);
    m_stack->addWidget(tablePage);
    m_stack->addWidget(m_empty);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addLayout(m_stack, 1);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &AlertsView::updateDetail);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &AlertsView::updateEmptyState);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &AlertsView::updateEmptyState);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        updateEmptyState();
        updateDetail();
    });
    connect(m_table, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        const FiredAlert alert = index.data(AlertsModel::AlertRole).value<FiredAlert>();
        if (!alert.trade.wallet.isEmpty())
            Q_EMIT traderActivated(alert.trade.wallet.address());
    });
    updateEmptyState();
    updateDetail();
}

AlertsView::~AlertsView() = default;

QString AlertsView::detailText() const {
    return m_detail->text();
}

bool AlertsView::isShowingEmptyState() const {
    return m_stack->currentWidget() == m_empty;
}

void AlertsView::setRuleSummary(const QString &text) {
    m_summary->setText(text);
}

void AlertsView::updateDetail() {
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        m_detail->setText(m_model->rowCount() ? tr("Select an alert to see why it fired.") : QString());
        return;
    }
    m_detail->setText(AlertsModel::explain(m_model->alertAt(current.row())));
}

void AlertsView::updateEmptyState() {
    m_stack->setCurrentWidget(m_model->rowCount() ? m_stack->widget(0) : static_cast<QWidget *>(m_empty));
}

} // namespace longshot::views
