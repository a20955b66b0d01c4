#include "views/leaderboardview.h"

#include "models/leaderboardmodel.h"
#include "models/pnlstyle.h"
#include "views/badgedelegate.h"
#include "views/emptystate.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStackedLayout>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace longshot::views {
namespace {

using Column = LeaderboardModel::Column;

constexpr BoardPeriod kPeriods[] = {BoardPeriod::Day, BoardPeriod::Week, BoardPeriod::Month,
                                    BoardPeriod::All};
constexpr BoardRank kRanks[] = {BoardRank::Pnl, BoardRank::Roi, BoardRank::Volume, BoardRank::WinRate,
                                BoardRank::Grade};

QString periodToolTip(BoardPeriod period) {
    if (period == BoardPeriod::All)
        return u"The whole stored history: realized + unrealized P&L at the stored marks"_s;
    return u"Realized P&L and volume of activity in the last %1. Past marks are not stored, so a window "
           u"holds "
           "no unrealized P&L; Polymarket's own window figure does."_s.arg(boardPeriodLabel(period));
}

} // namespace

LeaderboardView::LeaderboardView(LeaderboardModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new QSortFilterProxyModel(this)) {
    setObjectName(u"leaderboardView"_s);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(LeaderboardModel::SortRole);

    m_table = new QTableView(this);
    m_table->setObjectName(u"leaderboardTable"_s);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    auto *badges = new BadgeDelegate(LeaderboardModel::BadgeRole, &cautionColor, this);
    m_table->setItemDelegateForColumn(LeaderboardModel::column(Column::WinRate), badges);
    m_table->setItemDelegateForColumn(LeaderboardModel::column(Column::History), badges);
    QHeaderView *cols = m_table->horizontalHeader();
    cols->setSectionResizeMode(QHeaderView::Interactive);
    cols->setHighlightSections(false);
    const auto width = [this](const QString &sample) { return fontMetrics().horizontalAdvance(sample) + 12; };
    m_table->setColumnWidth(LeaderboardModel::column(Column::Rank), width(u"888"_s));
    m_table->setColumnWidth(LeaderboardModel::column(Column::Trader), width(u"Cute-Congress-Pa"_s));
    m_table->setColumnWidth(LeaderboardModel::column(Column::Grade), width(u"Grade"_s));
    m_table->setColumnWidth(LeaderboardModel::column(Column::PnlPreFee), width(u"+$888,888.88"_s));
    m_table->setColumnWidth(LeaderboardModel::column(Column::PnlPostFee), width(u"+$888,888.88"_s));
    m_table->setColumnWidth(LeaderboardModel::column(Column::Roi), width(u"+888.8%"_s));
    m_table->setColumnWidth(LeaderboardModel::column(Column::Volume), width(u"$8,888,888"_s));
    m_table->setColumnWidth(LeaderboardModel::column(Column::WinRate), width(u"n<20 888%"_s) + 8);
    m_table->setColumnWidth(LeaderboardModel::column(Column::Decided), width(u"888–888"_s));
    m_table->setColumnWidth(LeaderboardModel::column(Column::Polymarket), width(u"+$888,888.88"_s));
    m_table->setColumnWidth(LeaderboardModel::column(Column::Difference), width(u"+$88,888.88"_s));
    cols->setStretchLastSection(true);
    connect(m_table, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        if (index.isValid())
            Q_EMIT traderActivated(index.data(LeaderboardModel::WalletRole).toString());
    });

    m_empty =
        new EmptyState(tr("No synced traders yet"),
                       tr("Traders appear here once they are synced: open a trader from the whale feed and "
                          "press Sync now. Figures come from the stored history, so the board works "
                          "offline."),
                       this);
    m_stack = new QStackedLayout;
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_table);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(buildFilterBar());
    layout->addLayout(m_stack, 1);

    connect(m_model, &QAbstractItemModel::modelReset, this, &LeaderboardView::updateStatus);
    sortByRank();
    updateStatus();
}

LeaderboardView::~LeaderboardView() = default;

QWidget *LeaderboardView::buildFilterBar() {
    auto *bar = new QWidget(this);
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(6, 4, 6, 4);
    row->setSpacing(6);

    m_periods = new QButtonGroup(this);
    m_periods->setExclusive(true);
    auto *segment = new QHBoxLayout;
    segment->setSpacing(0);
    for (BoardPeriod p : kPeriods) {
        auto *b = new QToolButton(bar);
        b->setObjectName(u"period"_s + boardPeriodLabel(p));
        b->setText(boardPeriodLabel(p));
        b->setCheckable(true);
        // Fusion draws a checked tool button barely apart from an unchecked one.
        b->setStyleSheet(
            u"QToolButton:checked { background: palette(highlight); color: palette(highlighted-text); }"_s);
        b->setToolTip(periodToolTip(p));
        b->setMinimumWidth(fontMetrics().horizontalAdvance(u"30d"_s) + 18);
        m_periods->addButton(b, int(p));
        segment->addWidget(b);
    }
    m_periods->button(int(BoardPeriod::All))->setChecked(true);
    row->addLayout(segment);

    row->addSpacing(6);
    row->addWidget(new QLabel(tr("Rank by"), bar));
    m_rankBy = new QComboBox(bar);
    m_rankBy->setObjectName(u"rankBy"_s);
    for (BoardRank r : kRanks)
        m_rankBy->addItem(boardRankLabel(r), int(r));
    m_rankBy->setToolTip(
        tr("Ranks best first; P&L ranks by pre-fee P&L as Polymarket does, win rate by the rate "
           "shrunk toward 50%, grade by its score"));
    row->addWidget(m_rankBy);

    row->addWidget(new QLabel(tr("Category"), bar));
    m_category = new QComboBox(bar);
    m_category->setObjectName(u"category"_s);
    m_category->addItem(tr("All categories"), QString());
    m_category->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    row->addWidget(m_category);

    row->addWidget(new QLabel(tr("Min resolved"), bar));
    m_minResolved = new QSpinBox(bar);
    m_minResolved->setObjectName(u"minResolved"_s);
    m_minResolved->setRange(0, 10'000);
    m_minResolved->setToolTip(
        tr("Hide traders with fewer resolved markets over their whole history (in the chosen "
           "category). Win rates under 20 decided markets carry an n<20 badge."));
    row->addWidget(m_minResolved);

    m_status = new QLabel(bar);
    m_status->setObjectName(u"leaderboardStatus"_s);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    // A long status must not widen the whole window: it gives way and is clipped instead.
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_status->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    row->addWidget(m_status, 1);

    connect(m_periods, &QButtonGroup::idClicked, this, [this] { emitQuery(); });
    connect(m_rankBy, &QComboBox::currentIndexChanged, this, [this] {
        m_model->setRankBy(BoardRank(m_rankBy->currentData().toInt()));
        sortByRank();
    });
    connect(m_category, &QComboBox::currentIndexChanged, this, [this] { emitQuery(); });
    connect(m_minResolved, &QSpinBox::valueChanged, this, [this] { emitQuery(); });
    return bar;
}

LeaderboardQuery LeaderboardView::query() const {
    LeaderboardQuery q;
    q.period = BoardPeriod(m_periods->checkedId());
    q.category = m_category->currentData().toString();
    q.minResolved = m_minResolved->value();
    return q;
}

void LeaderboardView::setPeriod(BoardPeriod period) {
    if (QAbstractButton *b = m_periods->button(int(period)); b && !b->isChecked()) {
        b->setChecked(true);
        emitQuery();
    }
}

void LeaderboardView::setRankBy(BoardRank rank) {
    m_rankBy->setCurrentIndex(m_rankBy->findData(int(rank)));
}

void LeaderboardView::setCategory(const QString &category) {
    int i = m_category->findData(category);
    if (i < 0) {
        m_category->addItem(category, category);
        i = m_category->count() - 1;
    }
    m_category->setCurrentIndex(i);
}

void LeaderboardView::setMinResolved(int minimum) {
    m_minResolved->setValue(minimum);
}

bool LeaderboardView::isShowingEmptyState() const {
    return m_stack->currentWidget() == m_empty;
}

void LeaderboardView::emitQuery() {
    if (!m_blockQuery)
        Q_EMIT queryChanged(query());
}

void LeaderboardView::sortByRank() {
    // Rank is computed for the chosen key, so sorting by it is sorting by the key.
    m_table->sortByColumn(LeaderboardModel::column(Column::Rank), Qt::AscendingOrder);
}

void LeaderboardView::setResult(const LeaderboardResult &result) {
    m_error.clear();
    // Categories found so far stay offered; the chosen one stays chosen.
    m_blockQuery = true;
    for (const QString &c : result.categories) {
        if (m_category->findData(c) < 0)
            m_category->addItem(c, c);
    }
    m_blockQuery = false;
    const QString selected = m_table->currentIndex().data(LeaderboardModel::WalletRole).toString();
    m_model->setResult(result);
    if (!selected.isEmpty()) {
        const int row = m_model->rowOf(selected);
        if (row >= 0)
            m_table->setCurrentIndex(m_proxy->mapFromSource(m_model->index(row, 0)));
    }
    if (result.rows.isEmpty() && result.hiddenByMinimum > 0)
        m_empty->setExplanation(
            tr("%n synced trader(s) have fewer than %1 resolved markets. Lower the minimum to "
               "see them.",
               nullptr, result.hiddenByMinimum)
                .arg(result.query.minResolved));
    else if (result.rows.isEmpty())
        m_empty->setExplanation(
            tr("Traders appear here once they are synced: open a trader from the whale feed and "
               "press Sync now. Figures come from the stored history, so the board works "
               "offline."));
    updateStatus();
}

void LeaderboardView::setLoading(bool loading) {
    m_loading = loading;
    updateStatus();
}

void LeaderboardView::setError(const QString &message) {
    m_error = message;
    updateStatus();
}

void LeaderboardView::updateStatus() {
    const LeaderboardResult &r = m_model->result();
    m_stack->setCurrentWidget(r.rows.isEmpty() ? static_cast<QWidget *>(m_empty) : m_table);
    if (!m_error.isEmpty()) {
        m_status->setText(tr("Cannot read traders: %1").arg(m_error));
        return;
    }
    QStringList parts;
    parts << tr("%n trader(s)", nullptr, int(r.rows.size()));
    if (r.hiddenByMinimum > 0)
        parts << tr("%1 hidden by the minimum").arg(r.hiddenByMinimum);
    parts << (r.officialFetchedMs > 0 ? tr("Polymarket %1 board as of %2")
                                            .arg(boardPeriodLabel(r.query.period),
                                                 QDateTime::fromMSecsSinceEpoch(r.officialFetchedMs, Qt::UTC)
                                                     .toString(u"MMM d HH:mm 'UTC'"_s))
                                      : tr("Polymarket board not fetched yet"));
    if (m_loading)
        parts << tr("updating…");
    m_status->setText(parts.join(u" · "_s));
    m_status->setToolTip(tr("Window: %1").arg(periodToolTip(r.query.period)));
}

} // namespace longshot::views
