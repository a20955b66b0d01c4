#include "views/watchlistview.h"

#include "models/watchlistmodel.h"
#include "views/emptystate.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStackedLayout>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace longshot::views {

WatchlistView::WatchlistView(WatchlistModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_table(new QTableView)
    , m_empty(new EmptyState(tr("Nothing followed yet"),
                             tr("Follow a trader or a market from the whale feed's context menu, or with "
                                "Follow… here. Their last trade and today's volume then show live.")))
    , m_stack(new QStackedLayout) {
    setObjectName(u"watchlistView"_s);
    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_model);
    proxy->setSortRole(WatchlistModel::SortRole);
    m_table->setObjectName(u"watchlistTable"_s);
    m_table->setModel(proxy);
    m_table->setSortingEnabled(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(int(WatchlistModel::Column::Name), 200);
    m_table->setColumnWidth(int(WatchlistModel::Column::Note), 160);
    m_table->setColumnWidth(int(WatchlistModel::Column::Last), 170);

    auto *remove = new QAction(tr("Unfollow"), m_table);
    remove->setObjectName(u"unfollow"_s);
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetShortcut);
    m_table->addAction(remove);
    connect(remove, &QAction::triggered, this, &WatchlistView::removeSelected);
    connect(m_table, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        if (index.column() == int(WatchlistModel::Column::Note) ||
            index.column() == int(WatchlistModel::Column::Name))
            return; // those cells edit
        const QString id = index.data(WatchlistModel::IdRole).toString();
        if (WatchlistModel::Kind(index.data(WatchlistModel::KindRole).toInt()) ==
            WatchlistModel::Kind::Wallet)
            Q_EMIT traderActivated(id);
        else
            Q_EMIT marketActivated(id);
    });

    auto *follow = new QPushButton(tr("Follow…"));
    follow->setObjectName(u"followButton"_s);
    connect(follow, &QPushButton::clicked, this, &WatchlistView::followRequested);
    auto *unfollow = new QPushButton(tr("Unfollow"));
    connect(unfollow, &QPushButton::clicked, this, &WatchlistView::removeSelected);
    auto *bar = new QHBoxLayout;
    bar->addStretch(1);
    bar->addWidget(follow);
    bar->addWidget(unfollow);

    m_stack->addWidget(m_table);
    m_stack->addWidget(m_empty);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addLayout(m_stack, 1);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &WatchlistView::updateEmptyState);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &WatchlistView::updateEmptyState);
    connect(m_model, &QAbstractItemModel::modelReset, this, &WatchlistView::updateEmptyState);
    updateEmptyState();
}

WatchlistView::~WatchlistView() = default;

bool WatchlistView::isShowingEmptyState() const {
    return m_stack->currentWidget() == m_empty;
}

void WatchlistView::removeSelected() {
    QList<std::pair<WatchlistModel::Kind, QString>> doomed;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        doomed.append({WatchlistModel::Kind(index.data(WatchlistModel::KindRole).toInt()),
                       index.data(WatchlistModel::IdRole).toString()});
    for (const auto &[kind, id] : doomed)
        m_model->unfollow(kind, id);
}

void WatchlistView::updateEmptyState() {
    m_stack->setCurrentWidget(m_model->rowCount() ? static_cast<QWidget *>(m_table) : m_empty);
}

} // namespace longshot::views
