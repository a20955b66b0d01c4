#include "views/tabletools.h"

#include "views/columnchooser.h"
#include "views/tablecopy.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QMenu>
#include <QTableView>

using namespace Qt::StringLiterals;

namespace longshot::views {

TableTools::TableTools(QTableView *table, bool tradeTable)
    : QObject(table)
    , m_table(table)
    , m_columns(new ColumnChooser(table))
    , m_tradeTable(tradeTable) {
    setObjectName(u"tableTools"_s);
    installCopyShortcut(table);
    if (table->contextMenuPolicy() == Qt::DefaultContextMenu ||
        table->contextMenuPolicy() == Qt::NoContextMenu) {
        table->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(table, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
            auto *menu = new QMenu(m_table);
            menu->setAttribute(Qt::WA_DeleteOnClose);
            addActionsTo(menu);
            menu->popup(m_table->viewport()->mapToGlobal(pos));
        });
    }
}

TableTools::~TableTools() = default;

void TableTools::addActionsTo(QMenu *menu) {
    if (!menu->isEmpty())
        menu->addSeparator();
    QAction *copy = menu->addAction(tr("Copy as TSV"));
    copy->setObjectName(u"copySelectionTsv"_s);
    copy->setEnabled(m_table->selectionModel() && m_table->selectionModel()->hasSelection());
    connect(copy, &QAction::triggered, this,
            [this] { QGuiApplication::clipboard()->setText(selectionAsTsv(m_table, true)); });
    QAction *exportView = menu->addAction(tr("Export view as CSV…"));
    exportView->setObjectName(u"exportViewCsv"_s);
    connect(exportView, &QAction::triggered, this, &TableTools::exportViewRequested);
    if (m_tradeTable) {
        QAction *exportAll = menu->addAction(tr("Export full stored history…"));
        exportAll->setObjectName(u"exportHistoryCsv"_s);
        connect(exportAll, &QAction::triggered, this, &TableTools::exportHistoryRequested);
    }
    QMenu *columns = m_columns->createMenu(menu);
    menu->addMenu(columns);
}

} // namespace longshot::views
