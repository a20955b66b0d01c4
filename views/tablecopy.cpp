#include "views/tablecopy.h"

#include "views/columnchooser.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QTableView>

using namespace Qt::StringLiterals;

namespace longshot::views {

namespace {

QString cleanCell(QString text) {
    for (QChar &c : text) {
        if (c == u'\t' || c == u'\n' || c == u'\r')
            c = u' ';
    }
    return text;
}

} // namespace

QString selectionAsTsv(const QTableView *table, bool header) {
    const QAbstractItemModel *model = table->model();
    const QItemSelectionModel *selection = table->selectionModel();
    if (!model || !selection)
        return {};
    const QList<int> columns = ColumnChooser::visibleColumns(table->horizontalHeader());
    QList<int> rows;
    for (const QModelIndex &index : selection->selectedIndexes()) {
        if (!rows.contains(index.row()))
            rows << index.row();
    }
    std::sort(rows.begin(), rows.end(), [table](int a, int b) {
        return table->verticalHeader()->visualIndex(a) < table->verticalHeader()->visualIndex(b);
    });
    QStringList lines;
    if (header && !rows.isEmpty()) {
        QStringList names;
        for (const int c : columns)
            names << cleanCell(model->headerData(c, Qt::Horizontal).toString());
        lines << names.join(u'\t');
    }
    for (const int r : std::as_const(rows)) {
        QStringList cells;
        for (const int c : columns)
            cells << cleanCell(model->index(r, c).data(Qt::DisplayRole).toString());
        lines << cells.join(u'\t');
    }
    return lines.join(u'\n');
}

QAction *installCopyShortcut(QTableView *table) {
    for (const QAction *existing : table->actions()) {
        if (existing->shortcut() == QKeySequence(QKeySequence::Copy))
            return nullptr;
    }
    auto *copy = new QAction(QObject::tr("Copy as TSV"), table);
    copy->setObjectName(u"copyTsv"_s);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    table->addAction(copy);
    QObject::connect(copy, &QAction::triggered, table, [table] {
        const QString text = selectionAsTsv(table);
        if (!text.isEmpty())
            QGuiApplication::clipboard()->setText(text);
    });
    return copy;
}

} // namespace longshot::views
