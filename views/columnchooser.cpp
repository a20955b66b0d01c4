#include "views/columnchooser.h"

#include <QHeaderView>
#include <QMenu>
#include <QTableView>

using namespace Qt::StringLiterals;

namespace longshot::views {

ColumnChooser::ColumnChooser(QTableView *table)
    : QObject(table)
    , m_table(table) {
    setObjectName(u"columnChooser"_s);
    QHeaderView *header = table->horizontalHeader();
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QWidget::customContextMenuRequested, this, [this, header](const QPoint &pos) {
        QMenu *menu = createMenu(m_table);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(header->mapToGlobal(pos));
    });
}

ColumnChooser::~ColumnChooser() = default;

QList<int> ColumnChooser::hiddenColumns() const {
    QList<int> hidden;
    const QHeaderView *header = m_table->horizontalHeader();
    for (int c = 0; c < header->count(); ++c) {
        if (header->isSectionHidden(c))
            hidden << c;
    }
    return hidden;
}

void ColumnChooser::setHiddenColumns(const QList<int> &hidden) {
    QHeaderView *header = m_table->horizontalHeader();
    const int count = header->count();
    int willHide = 0;
    for (int c = 0; c < count; ++c)
        willHide += hidden.contains(c) ? 1 : 0;
    const bool hideNone = willHide >= count; // a table with no column cannot be brought back
    const QList<int> before = hiddenColumns();
    for (int c = 0; c < count; ++c)
        header->setSectionHidden(c, !hideNone && hidden.contains(c));
    if (hiddenColumns() != before)
        Q_EMIT hiddenColumnsChanged(hiddenColumns());
}

QMenu *ColumnChooser::createMenu(QWidget *parent) const {
    auto *menu = new QMenu(tr("Columns"), parent);
    menu->setObjectName(u"columnMenu"_s);
    const QHeaderView *header = m_table->horizontalHeader();
    const QAbstractItemModel *model = m_table->model();
    const int visibleCount = header->count() - header->hiddenSectionCount();
    for (int v = 0; v < header->count(); ++v) {
        const int logical = header->logicalIndex(v);
        const QString name = model ? model->headerData(logical, Qt::Horizontal).toString() : QString();
        QAction *action = menu->addAction(name.isEmpty() ? tr("Column %1").arg(logical + 1) : name);
        action->setObjectName(u"column_%1"_s.arg(logical));
        action->setCheckable(true);
        const bool visible = !header->isSectionHidden(logical);
        action->setChecked(visible);
        action->setEnabled(!visible || visibleCount > 1);
        auto *self = const_cast<ColumnChooser *>(this);
        connect(action, &QAction::toggled, self,
                [self, logical](bool checked) { self->setColumnVisible(logical, checked); });
    }
    menu->addSeparator();
    QAction *all = menu->addAction(tr("Show all columns"));
    all->setObjectName(u"showAllColumns"_s);
    auto *self = const_cast<ColumnChooser *>(this);
    connect(all, &QAction::triggered, self, [self] { self->setHiddenColumns({}); });
    return menu;
}

QList<int> ColumnChooser::visibleColumns(const QHeaderView *header) {
    QList<int> columns;
    for (int v = 0; v < header->count(); ++v) {
        const int logical = header->logicalIndex(v);
        if (!header->isSectionHidden(logical))
            columns << logical;
    }
    return columns;
}

void ColumnChooser::setColumnVisible(int logical, bool visible) {
    QList<int> hidden = hiddenColumns();
    if (visible)
        hidden.removeAll(logical);
    else if (!hidden.contains(logical))
        hidden << logical;
    std::sort(hidden.begin(), hidden.end());
    setHiddenColumns(hidden);
}

} // namespace longshot::views
