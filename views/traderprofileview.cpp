#include "views/traderprofileview.h"

#include "models/displaystyle.h"
#include "models/equityseries.h"
#include "models/marklabel.h"
#include "models/moneyformat.h"
#include "models/pnlstyle.h"
#include "models/traderactivitymodel.h"
#include "models/tradercategoriesmodel.h"
#include "models/traderpositionsmodel.h"
#include "views/charts/equitychart.h"
#include "views/emptystate.h"

#include <QDateTime>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStackedLayout>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace longshot::views {
namespace {

struct FigureSpec {
    const char16_t *key;
    const char16_t *caption;
};

constexpr FigureSpec kFigures[] = {
    {u"pnl", u"P&L"},
    {u"postFee", u"After fees"},
    {u"volume", u"Volume"},
    {u"winRate", u"Win rate"},
    {u"value", u"Positions value"},
    {u"roi", u"ROI"},
    {u"drawdown", u"Max drawdown"},
    {u"firstSeen", u"First seen"},
    {u"official", u"Polymarket all-time"},
    {u"marked", u"Marked at"},
};

QLabel *plainLabel(QWidget *parent, const QString &objectName) {
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    // Names and titles come from the exchange: never rich text.
    label->setTextFormat(Qt::PlainText);
    return label;
}

QString date(qint64 ms) {
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(u"yyyy-MM-dd"_s) : u"—"_s;
}

QString ago(qint64 ms) {
    if (ms <= 0)
        return u"never"_s;
    const qint64 minutes = (QDateTime::currentMSecsSinceEpoch() - ms) / 60'000;
    if (minutes < 1)
        return u"just now"_s;
    if (minutes < 60)
        return u"%1 min ago"_s.arg(minutes);
    if (minutes < 48 * 60)
        return u"%1 h ago"_s.arg(minutes / 60);
    return date(ms);
}

} // namespace

TraderProfileView::TraderProfileView(TraderPositionsModel *open, TraderPositionsModel *closed,
                                     TraderActivityModel *activity, TraderCategoriesModel *categories,
                                     QWidget *parent)
    : QWidget(parent)
    , m_open(open)
    , m_closed(closed)
    , m_activity(activity)
    , m_categories(categories) {
    setObjectName(u"traderProfileView"_s);
    m_empty =
        new EmptyState(tr("No trader selected"),
                       tr("Double-click a trader in the whale feed or on the leaderboard to see their P&L, "
                          "positions, equity curve and activity here."),
                       this);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"profileTabs"_s);
    m_tabs->setDocumentMode(true);
    m_chart = createEquityChart(this);
    m_chart->widget()->setObjectName(u"equityChart"_s);
    m_chart->widget()->setToolTip(
        tr("Daily equity: cumulative realized P&L after fees, with today's unrealized P&L "
           "on the last day (past marks are not stored). Shaded in the loss colour: drawdown "
           "under the running peak."));
    m_tabs->addTab(m_chart->widget(), tr("Equity"));
    m_tabs->addTab(makeTable(m_open, u"openPositions"_s, TraderPositionsModel::SortRole, 0), tr("Open"));
    m_tabs->addTab(makeTable(m_closed, u"closedPositions"_s, TraderPositionsModel::SortRole, 0),
                   tr("Closed"));
    m_tabs->addTab(makeTable(m_activity, u"activity"_s, TraderActivityModel::SortRole,
                             int(TraderActivityModel::Column::Market)),
                   tr("Activity"));
    m_tabs->addTab(makeTable(m_categories, u"categories"_s, TraderCategoriesModel::SortRole, 0),
                   tr("Categories"));

    auto *page = new QWidget(this);
    auto *column = new QVBoxLayout(page);
    column->setContentsMargins(6, 4, 6, 4);
    column->setSpacing(4);
    column->addWidget(buildHeader());
    column->addWidget(m_tabs, 1);

    m_stack = new QStackedLayout;
    m_stack->addWidget(m_empty);
    m_stack->addWidget(page);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addLayout(m_stack);

    // The header's P&L and grade colours follow View > Numbers and Colours (the tables'
    // models repaint themselves).
    connect(&DisplayStyle::instance(), &DisplayStyle::changed, this, [this] {
        if (!m_loaded || !m_profile.synced)
            return;
        m_restyling = true;
        setProfile(TraderProfile(m_profile));
        m_restyling = false;
    });
}

TraderProfileView::~TraderProfileView() = default;

QWidget *TraderProfileView::buildHeader() {
    auto *header = new QWidget(this);
    auto *grid = new QVBoxLayout(header);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(2);

    m_name = plainLabel(header, u"traderName"_s);
    QFont big = m_name->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_name->setFont(big);
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_grade = plainLabel(header, u"traderGrade"_s);
    m_grade->setFont(big);
    m_grade->setAlignment(Qt::AlignCenter);
    m_grade->setMinimumWidth(m_grade->fontMetrics().horizontalAdvance(u"SS"_s) + 8);
    m_style = plainLabel(header, u"traderStyle"_s);
    m_style->setForegroundRole(QPalette::PlaceholderText);
    m_sync = new QPushButton(tr("Sync now"), header);
    m_sync->setObjectName(u"syncNow"_s);
    m_sync->setToolTip(tr("Fetch this trader's full history now, ahead of background syncs (fast lane)"));
    connect(m_sync, &QPushButton::clicked, this, [this] {
        if (!m_wallet.isEmpty())
            Q_EMIT syncRequested(m_wallet.address());
    });
    auto *top = new QHBoxLayout;
    top->setSpacing(8);
    top->addWidget(m_grade);
    top->addWidget(m_name, 1);
    top->addWidget(m_style);
    top->addWidget(m_sync);
    grid->addLayout(top);

    m_address = plainLabel(header, u"traderWallet"_s);
    m_address->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_address->setForegroundRole(QPalette::PlaceholderText);
    QFont mono(u"monospace"_s);
    mono.setStyleHint(QFont::Monospace);
    mono.setPointSizeF(m_address->font().pointSizeF() * 0.9);
    m_address->setFont(mono);
    m_completeness = plainLabel(header, u"traderCompleteness"_s);
    m_syncLabel = plainLabel(header, u"syncState"_s);
    m_syncLabel->setForegroundRole(QPalette::PlaceholderText);
    m_progress = new QProgressBar(header);
    m_progress->setObjectName(u"syncProgress"_s);
    m_progress->setMaximumWidth(90);
    m_progress->setMaximumHeight(m_syncLabel->fontMetrics().height());
    m_progress->setTextVisible(false);
    m_progress->hide();
    // The full wallet has a line of its own: sharing one with the history and sync state
    // cut all three short at the dock's default width. Each gives way on a narrower dock
    // instead of widening the window; the wallet stays selectable, the tooltips carry the rest.
    for (QLabel *l : {m_address, m_completeness, m_syncLabel})
        l->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    grid->addWidget(m_address);
    auto *second = new QHBoxLayout;
    second->setSpacing(8);
    second->addWidget(m_completeness, 3);
    second->addWidget(m_syncLabel, 2);
    second->addWidget(m_progress);
    grid->addLayout(second);

    auto *figures = new QGridLayout;
    figures->setHorizontalSpacing(14);
    figures->setVerticalSpacing(1);
    int i = 0;
    for (const FigureSpec &f : kFigures) {
        const QString key = QString::fromUtf16(f.key);
        auto *caption = plainLabel(header, QString());
        caption->setText(QString::fromUtf16(f.caption));
        caption->setForegroundRole(QPalette::PlaceholderText);
        QFont small = caption->font();
        small.setPointSizeF(small.pointSizeF() * 0.85);
        caption->setFont(small);
        auto *value = plainLabel(header, u"figure_"_s + key);
        QFont bold = value->font();
        bold.setBold(true);
        value->setFont(bold);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_figures.insert(key, value);
        const int row = (i / 3) * 2, col = i % 3;
        figures->addWidget(caption, row, col);
        figures->addWidget(value, row + 1, col);
        ++i;
    }
    for (int c = 0; c < 3; ++c)
        figures->setColumnStretch(c, 1);
    grid->addSpacing(2);
    grid->addLayout(figures);
    return header;
}

QTableView *TraderProfileView::makeTable(QAbstractItemModel *model, const QString &objectName, int sortRole,
                                         int stretchColumn) {
    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(model);
    proxy->setSortRole(sortRole);
    auto *table = new QTableView(this);
    table->setObjectName(objectName);
    table->setModel(proxy);
    table->setSortingEnabled(true);
    table->sortByColumn(-1, Qt::AscendingOrder); // the model's own order until a header is clicked
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setShowGrid(false);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 4);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setSectionResizeMode(stretchColumn, QHeaderView::Stretch);
    table->horizontalHeader()->setHighlightSections(false);
    connect(table, &QAbstractItemView::doubleClicked, this, [this, sortRole](const QModelIndex &index) {
        // Every trader table keeps the condition id one role after its sort key.
        const QString id = index.data(sortRole + 1).toString();
        if (!id.isEmpty())
            Q_EMIT marketActivated(id);
    });
    return table;
}

bool TraderProfileView::isShowingEmptyState() const {
    return m_stack->currentWidget() == m_empty;
}

void TraderProfileView::showWallet(const Wallet &wallet) {
    if (wallet == m_wallet && m_loaded)
        return;
    m_wallet = wallet;
    m_loaded = false;
    m_stack->setCurrentIndex(1);
    m_name->setText(wallet.shortForm());
    m_address->setText(wallet.address());
    m_grade->clear();
    m_style->clear();
    m_completeness->setText(tr("Loading…"));
    m_completeness->setStyleSheet(QString());
    clearFigures();
    setSyncState(SyncState::Idle);
}

void TraderProfileView::clearFigures() {
    for (QLabel *l : std::as_const(m_figures)) {
        l->setText(u"—"_s);
        l->setToolTip(QString());
        l->setPalette(QPalette());
    }
}

void TraderProfileView::setFigure(const QString &name, const QString &value, const QString &tip,
                                  const QVariant &color) {
    QLabel *l = m_figures.value(name);
    if (!l)
        return;
    l->setText(value);
    l->setToolTip(tip);
    QPalette p;
    if (color.canConvert<QColor>() && color.value<QColor>().isValid())
        p.setColor(QPalette::WindowText, color.value<QColor>());
    l->setPalette(p);
}

void TraderProfileView::setProfile(const TraderProfile &profile) {
    const bool sameTrader = profile.wallet == m_wallet && m_loaded;
    if (!sameTrader)
        showWallet(profile.wallet);
    m_profile = profile;
    m_loaded = true;
    const WalletMetrics &m = profile.metrics;
    const QString name = !profile.name.isEmpty() ? profile.name : profile.pseudonym;
    m_name->setText(name.isEmpty() ? profile.wallet.shortForm() : name);
    m_name->setToolTip(name);
    m_address->setText(profile.wallet.address());
    updateCompleteness();

    if (!profile.synced) {
        clearFigures();
        m_grade->clear();
        m_style->setText(tr("not synced yet"));
        m_chart->clear();
        m_open->setPositions({});
        m_closed->setPositions({});
        m_activity->setActivity(profile.wallet, {}, 0);
        m_categories->setCategories({});
        if (profile.officialAllPnl)
            setFigure(u"official"_s, formatPnl(*profile.officialAllPnl),
                      tr("Polymarket's all-time board figure"), pnlForeground(*profile.officialAllPnl));
        return;
    }

    m_grade->setText(gradeName(profile.grade.grade));
    QPalette gp;
    gp.setColor(QPalette::WindowText, gradeColor(profile.grade.grade));
    m_grade->setPalette(gp);
    QStringList gradeTip{
        tr("Grade %1, score %2/100").arg(gradeName(profile.grade.grade)).arg(profile.grade.score, 0, 'f', 0)};
    if (profile.grade.provisional)
        gradeTip << tr("Provisional: fewer than 20 decided markets, pulled toward the prior");
    for (const GradeComponent &c : profile.grade.components)
        gradeTip
            << tr("%1: %2 (weight %3)").arg(c.name).arg(c.normalized, 0, 'f', 2).arg(c.weight, 0, 'f', 2);
    gradeTip += profile.grade.caps;
    m_grade->setToolTip(gradeTip.join(u'\n'));
    m_style->setText(strategyName(profile.strategy.kind));
    QStringList styleTip;
    for (const StrategyFeature &f : profile.strategy.features)
        styleTip << tr("%1 %2 %3 %4")
                        .arg(f.met() ? u"✓"_s : u"·"_s, f.name)
                        .arg(f.value, 0, 'f', 2)
                        .arg((f.atLeast ? u"≥ "_s : u"≤ "_s) + QString::number(f.threshold, 'f', 2));
    m_style->setToolTip(styleTip.join(u'\n'));

    if (m.overflow) {
        clearFigures();
        setFigure(u"pnl"_s, tr("overflow"),
                  tr("A sum overflowed while replaying this history: figures withheld"));
    } else {
        setFigure(u"pnl"_s, formatPnl(m.totalPreFee),
                  tr("Before fees: realized %1 + unrealized %2, %3 (average-cost method; the figures the "
                     "Leaderboard shows)")
                      .arg(formatUsdExact(m.realizedPreFee), formatUsdExact(m.unrealized),
                           markedAtText(profile.markedMs, markKindName(m.markKind))),
                  pnlForeground(m.totalPreFee));
        setFigure(u"postFee"_s, formatPnl(m.totalPostFee),
                  tr("After %1 of fees, %2 of rebates and %3 of rewards")
                      .arg(formatUsdExact(m.fees), formatUsdExact(m.rebates), formatUsdExact(m.rewards)),
                  pnlForeground(m.totalPostFee));
        // The label says "marked at …": the figure drops those words and keeps time and kind.
        QString marked = markedAtText(profile.markedMs, markKindName(m.markKind));
        if (marked.startsWith(u"marked at "_s))
            marked = marked.mid(10);
        setFigure(u"marked"_s, marked,
                  tr("Unrealized P&L is valued at these marks, stored with the figures; the oldest mark's "
                     "time is shown. A sync that brings newer prices revalues the figures."),
                  profile.markedMs < 0 ? QVariant(cautionColor()) : QVariant());
        setFigure(u"volume"_s, formatUsd(m.volume, 0),
                  tr("Buys %1 + sells %2 (USDC actually paid and received)")
                      .arg(formatUsdExact(m.buyVolume), formatUsdExact(m.sellVolume)));
        const WinRateStats &w = m.winRate;
        const QString rate = w.raw ? formatPercent(*w.raw, 0) : u"—"_s;
        setFigure(u"winRate"_s,
                  w.tooFewDecided ? tr("%1  n=%2 (too few)").arg(rate).arg(w.decided())
                                  : tr("%1  n=%2").arg(rate).arg(w.decided()),
                  tr("%1 won, %2 lost, %3 resolved at zero, %4 unresolved.\nShrunk toward 50% (prior 10 of "
                     "20): %5%6")
                      .arg(w.wins)
                      .arg(w.losses)
                      .arg(w.pushes)
                      .arg(w.unresolved)
                      .arg(formatPercent(w.shrunk))
                      .arg(w.tooFewDecided
                               ? tr("\nFewer than 20 decided markets: too few to read much into the rate")
                               : QString()),
                  w.tooFewDecided ? QVariant(cautionColor()) : QVariant());
        QString valueTip = tr("Open positions at the stored midpoints; cost basis %1")
                               .arg(formatUsdExact(profile.openCostBasis));
        if (m.unmarkedPositions > 0)
            valueTip += tr("\n%n position(s) without a mark are left out, not counted as zero", nullptr,
                           m.unmarkedPositions);
        if (profile.reportedValue)
            valueTip +=
                tr("\nPolymarket's /value at the last sync: %1").arg(formatUsdExact(*profile.reportedValue));
        setFigure(u"value"_s,
                  formatUsd(profile.positionsValue) + (m.unmarkedPositions > 0 ? u" +?"_s : QString()),
                  valueTip, m.unmarkedPositions > 0 ? QVariant(cautionColor()) : QVariant());
        setFigure(u"roi"_s, m.roi ? formatPercent(*m.roi, 1, true) : u"—"_s, tr("Post-fee P&L ÷ volume"),
                  m.roi && *m.roi != 0 ? QVariant(*m.roi > 0 ? gainColor() : lossColor()) : QVariant());
        setFigure(
            u"drawdown"_s, formatUsd(m.maxDrawdown),
            tr("Largest fall of daily equity from its running peak%1")
                .arg(m.sharpe ? tr("\nSharpe (daily, annualised): %1").arg(*m.sharpe, 0, 'f', 2) : QString()),
            m.maxDrawdown.isZero() ? QVariant() : QVariant(lossColor()));
        setFigure(u"firstSeen"_s, date(profile.firstActivityMs),
                  tr("First stored activity%1; tracked by Longshot since %2")
                      .arg(profile.complete ? QString() : tr(" (history incomplete: it may start earlier)"),
                           date(profile.trackedSinceMs)));
        if (profile.officialAllPnl) {
            const auto diff = profile.officialAllPnl->checkedSub(m.realizedPreFee);
            setFigure(
                u"official"_s, formatPnl(*profile.officialAllPnl),
                tr("Polymarket's all-time board (realized, before fees).\nOurs realized before fees: %1%2")
                    .arg(formatUsdExact(m.realizedPreFee),
                         diff ? tr("; difference %1").arg(formatPnl(*diff)) : QString()),
                pnlForeground(*profile.officialAllPnl));
        } else {
            setFigure(u"official"_s, u"—"_s, tr("Not on Polymarket's stored all-time board"));
        }
    }

    if (m_restyling)
        return; // the chart and the tables' models repaint themselves, keeping scroll and sort
    m_chart->setSeries(equitySeries(m.equity));
    m_open->setPositions(profile.openPositions);
    m_closed->setPositions(profile.closedPositions);
    m_activity->setActivity(profile.wallet, profile.activity, profile.activityTotal);
    m_categories->setCategories(m.categories);
    m_tabs->setTabText(1, tr("Open (%1)").arg(profile.openPositions.size()));
    m_tabs->setTabText(2, tr("Closed (%1)").arg(profile.closedPositions.size()));
    m_tabs->setTabText(
        3, profile.activityTotal > profile.activity.size()
               ? tr("Activity (newest %1 of %2)").arg(profile.activity.size()).arg(profile.activityTotal)
               : tr("Activity (%1)").arg(profile.activityTotal));
}

void TraderProfileView::updateCompleteness() {
    const TraderProfile &p = m_profile;
    QStringList flags;
    QString text;
    QColor color;
    if (!p.synced) {
        text = tr("Not synced yet");
        flags << tr("No stored history for this wallet. Press Sync now to fetch it.");
        color = cautionColor();
    } else if (!p.complete) {
        text = tr("⚠ Incomplete history");
        flags << tr("Incomplete: %1")
                     .arg(p.incompleteReason.isEmpty() ? tr("reason not recorded") : p.incompleteReason)
              << tr("Figures are from what was fetched, not the whole record.");
        color = cautionColor();
    } else {
        text = tr("✓ Complete history");
        flags << tr("The whole activity history was fetched at the last sync.");
        color = gainColor();
    }
    const LedgerTotals &t = p.metrics.ledger;
    if (p.metrics.unmarkedPositions > 0)
        flags << tr("%n open position(s) without a mark", nullptr, p.metrics.unmarkedPositions);
    if (!t.untrackedShares.isZero())
        flags
            << tr("%1 shares sold beyond the tracked holding (received by transfer): no P&L counted for them")
                   .arg(t.untrackedShares.toString());
    if (t.inferredPayouts > 0)
        flags << tr("%n redemption payout(s) inferred from the USDC paid", nullptr, int(t.inferredPayouts));
    if (t.ignoredEvents > 0)
        flags << tr("%n malformed event(s) ignored", nullptr, int(t.ignoredEvents));
    if (p.metrics.overflow)
        flags << tr("A sum overflowed: figures withheld");
    if (p.synced && flags.size() > (p.complete ? 1 : 2) && p.complete) {
        text = tr("✓ Complete history, %n note(s)", nullptr, int(flags.size() - 1));
        color = cautionColor();
    }
    if (p.synced)
        flags << tr("Last synced %1 · %2 events").arg(ago(p.syncedMs)).arg(p.events);
    m_completeness->setText(text);
    m_completeness->setToolTip(flags.join(u'\n'));
    QPalette pal;
    pal.setColor(QPalette::WindowText, color);
    m_completeness->setPalette(pal);
    if (p.synced)
        m_syncLabel->setText(tr("synced %1").arg(ago(p.syncedMs)));
}

void TraderProfileView::setSyncState(SyncState state, const QString &detail, int percent) {
    const bool busy = state == SyncState::Requested || state == SyncState::Running;
    m_sync->setEnabled(!busy && !m_wallet.isEmpty());
    m_progress->setVisible(busy);
    m_progress->setRange(0, percent < 0 ? 0 : 100);
    if (percent >= 0)
        m_progress->setValue(percent);
    switch (state) {
    case SyncState::Idle:
        m_syncLabel->setText(m_loaded && m_profile.synced ? tr("synced %1").arg(ago(m_profile.syncedMs))
                                                          : QString());
        m_syncLabel->setToolTip(QString());
        break;
    case SyncState::Requested:
        m_syncLabel->setText(tr("sync queued…"));
        break;
    case SyncState::Running:
        m_syncLabel->setText(detail.isEmpty() ? tr("syncing…") : tr("syncing: %1").arg(detail));
        break;
    case SyncState::Done:
        m_syncLabel->setText(tr("synced just now"));
        break;
    case SyncState::Failed:
        m_syncLabel->setText(tr("sync failed"));
        m_syncLabel->setToolTip(detail);
        break;
    }
    QPalette pal;
    if (state == SyncState::Failed)
        pal.setColor(QPalette::WindowText, lossColor());
    m_syncLabel->setPalette(pal);
    if (state != SyncState::Failed)
        m_syncLabel->setForegroundRole(QPalette::PlaceholderText);
}

void TraderProfileView::setError(const QString &message) {
    m_completeness->setText(tr("Cannot read this trader"));
    m_completeness->setToolTip(message);
}

} // namespace longshot::views
