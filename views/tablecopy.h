#pragma once

#include <QString>

class QAction;
class QTableView;

namespace longshot::views {

// The selected rows as tab-separated text, one line per row in the order shown, the visible
// columns in their visual order, display text with tabs and line breaks turned into spaces so
// the paste keeps its shape in a spreadsheet. With `header`, the column names come first.
QString selectionAsTsv(const QTableView *table, bool header = false);

// Ctrl+C on the table copies selectionAsTsv(). Returns nullptr and adds nothing when the table
// already has its own Copy shortcut (the whale tape copies exact trade rows).
QAction *installCopyShortcut(QTableView *table);

} // namespace longshot::views
