#pragma once

#include <QObject>

class QMenu;
class QTableView;

namespace longshot::views {

class ColumnChooser;

// What every table in the terminal offers: the column chooser on its header, Ctrl+C as TSV
// (unless the table copies on its own) and the export actions. A table without a context menu
// of its own gets one holding these; a view with its own menu adds them through addActionsTo().
class TableTools final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TableTools)
public:
    // `tradeTable`: the rows are stored trades, so "Export full stored history…" makes sense.
    TableTools(QTableView *table, bool tradeTable);
    ~TableTools() override;

    QTableView *table() const { return m_table; }
    ColumnChooser *columns() const { return m_columns; }
    bool isTradeTable() const { return m_tradeTable; }

    // Copy, Export view as CSV…, Export full stored history… (trade tables) and Columns.
    void addActionsTo(QMenu *menu);

Q_SIGNALS:
    void exportViewRequested();
    void exportHistoryRequested();

private:
    QTableView *m_table;
    ColumnChooser *m_columns;
    bool m_tradeTable;
};

} // namespace longshot::views
