#pragma once

#include <QList>
#include <QObject>

class QHeaderView;
class QMenu;
class QTableView;
class QWidget;

namespace longshot::views {

// Right-click on a table's header lists its columns as check boxes. The last visible column
// cannot be hidden. The choice is the app's to persist (hiddenColumnsChanged / setHiddenColumns).
class ColumnChooser final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ColumnChooser)
public:
    explicit ColumnChooser(QTableView *table);
    ~ColumnChooser() override;

    // Logical indexes, ascending.
    QList<int> hiddenColumns() const;
    // Out-of-range indexes are ignored; if every column would be hidden, none is.
    void setHiddenColumns(const QList<int> &hidden);
    // One checkable action per column in visual order, plus "Show all columns". Caller owns it.
    QMenu *createMenu(QWidget *parent) const;

    // The visible columns' logical indexes in the order the user sees them.
    static QList<int> visibleColumns(const QHeaderView *header);

Q_SIGNALS:
    void hiddenColumnsChanged(const QList<int> &hidden);

private:
    void setColumnVisible(int logical, bool visible);

    QTableView *m_table;
};

} // namespace longshot::views
