#pragma once

#include "models/domain/historyfilter.h"
#include "models/whalefeedmodel.h"

#include <QAbstractTableModel>
#include <QHash>

#include <deque>

namespace longshot {

// Stored trades for the History panel, newest first, loaded a page at a time as the view
// scrolls (canFetchMore / fetchMore). The model never runs SQL and never includes storage:
// it asks through pageRequested and the app wires that to the query worker, whose answer
// comes back through pageArrived with the request id. An answer for any other id (an older
// filter, a refresh) is dropped.
//
// Columns, roles and number formats are the whale tape's (WhaleFeedModel::Column / Role), so
// the two tables read alike; the time column carries the date because history spans days.
// Memory is bounded: loading stops at maxRows and isCapped() says so; narrowing the filter
// or the time range is the way further back, not holding ten million rows.
class HistoryModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryModel)
public:
    using Column = WhaleFeedModel::Column;
    static constexpr int kPageSize = 200;
    static constexpr int kDefaultMaxRows = 100'000;

    explicit HistoryModel(QObject *parent = nullptr);
    ~HistoryModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // Clears the rows and asks for the first page of the new filter (also when it is unchanged).
    void setFilter(const HistoryFilter &filter);
    const HistoryFilter &filter() const { return m_filter; }
    void refresh() { setFilter(m_filter); }

    int maxRows() const { return m_maxRows; }
    void setMaxRows(int rows) { m_maxRows = std::max(kPageSize, rows); }
    int pageSize() const { return m_pageSize; }
    void setPageSize(int rows) { m_pageSize = std::max(1, rows); }

    bool isLoading() const { return m_pendingId != 0; }
    bool isAtEnd() const { return m_atEnd; }
    // Loading stopped at maxRows while the filter matches more.
    bool isCapped() const { return !m_atEnd && int(m_rows.size()) >= m_maxRows; }
    quint64 latestRequestId() const { return m_lastId; }
    const HistoryRow &rowAt(int row) const { return m_rows[std::size_t(row)]; }

public Q_SLOTS:
    void pageArrived(quint64 requestId, const longshot::HistoryRows &rows, bool atEnd);
    void requestFailed(quint64 requestId, const QString &message);

Q_SIGNALS:
    void pageRequested(quint64 requestId, const longshot::HistoryFilter &filter,
                       const longshot::HistoryCursor &after, int limit);
    void loadingChanged(bool loading);
    void loadFailed(const QString &message);

private:
    void requestNextPage();
    QString intern(const QString &text);
    QVariant displayData(const HistoryRow &r, Column column) const;
    QVariant toolTipData(const HistoryRow &r, Column column) const;

    HistoryFilter m_filter;
    std::deque<HistoryRow> m_rows;
    // Titles, names and ids repeat across thousands of rows: one shared copy each.
    QHash<QString, QString> m_strings;
    WhaleFeedModel m_headers; // the tape's header texts and tooltips, never given rows
    quint64 m_lastId = 0;
    quint64 m_pendingId = 0;
    int m_pageSize = kPageSize;
    int m_maxRows = kDefaultMaxRows;
    bool m_atEnd = false;
};

} // namespace longshot
