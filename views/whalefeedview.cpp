#include "views/whalefeedview.h"

#include "models/moneyformat.h"
#include "models/whalefeedfilter.h"
#include "models/whalefeedmodel.h"
#include "views/emptystate.h"
#include "views/flashdelegate.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDesktopServices>
#include <QDoubleSpinBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QRegularExpression>
#include <QScopedValueRollback>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QStackedLayout>
#include <QTableView>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace longshot::views {
namespace {

using Column = WhaleFeedModel::Column;

constexpr int kTickMs = 50;

QString emptyExplanation(Decimal minimum, bool filteredOut) {
    const QString base = u"Trades of "_s + formatUsd(minimum, 0) +
                         u" and more appear here the moment they happen on Polymarket and Kalshi."_s;
    if (!filteredOut)
        return base;
    return u"Nothing in the window matches the current filters. "_s + base;
}

} // namespace

WhaleFeedView::WhaleFeedView(WhaleFeedModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new WhaleFeedFilterProxy(this))
    , m_delegate(new FlashDelegate(this))
    , m_tick(new QTimer(this)) {
    m_proxy->setSourceModel(m_model);

    auto *tableArea = new QWidget(this);
    m_stack = new QStackedLayout(tableArea);
    m_empty = new EmptyState(u"Waiting for whale trades"_s, emptyExplanation(m_proxy->minNotional(), false),
                             tableArea);
    m_table = new QTableView(tableArea);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_table);
    setUpTable();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(buildFilterBar());
    layout->addWidget(tableArea, 1);

    m_tick->setObjectName(u"repaintTick"_s);
    m_tick->setInterval(kTickMs);
    connect(m_tick, &QTimer::timeout, this, &WhaleFeedView::onTick);

    connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        // Any move not made by the insert compensation is the user's (wheel, drag, keys,
        // scrollTo): following resumes exactly when they are back at the top.
        if (!m_compensating)
            m_followTop = value == m_table->verticalScrollBar()->minimum();
    });
    connect(m_proxy, &QAbstractItemModel::rowsAboutToBeInserted, this,
            [this](const QModelIndex &, int first, int) { onRowsAboutToBeInserted(first); });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { onRowsInserted(first, last); });
    // The source too: rows the filter hides still change the count and the empty-state text.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &WhaleFeedView::updateEmptyState);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &WhaleFeedView::updateEmptyState);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &WhaleFeedView::updateEmptyState);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &WhaleFeedView::updateEmptyState);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &WhaleFeedView::updateEmptyState);
    connect(m_proxy, &WhaleFeedFilterProxy::filterChanged, this, [this] {
        // A new filter shows a different set of rows; start reading from the newest again.
        m_table->scrollToTop();
        updateEmptyState();
    });
    updateEmptyState();
}

WhaleFeedView::~WhaleFeedView() = default;

QWidget *WhaleFeedView::buildFilterBar() {
    auto *bar = new QWidget(this);
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(6, 4, 6, 4);
    row->setSpacing(6);

    auto *minLabel = new QLabel(u"Min"_s, bar);
    m_minSpin = new QDoubleSpinBox(bar);
    m_minSpin->setObjectName(u"minNotional"_s);
    // The same separators as formatUsd, whatever the system locale says.
    m_minSpin->setLocale(QLocale(QLocale::English, QLocale::UnitedStates));
    m_minSpin->setPrefix(u"$"_s);
    m_minSpin->setDecimals(0);
    m_minSpin->setRange(0, 100'000'000);
    m_minSpin->setSingleStep(1'000);
    m_minSpin->setGroupSeparatorShown(true);
    m_minSpin->setAccelerated(true);
    m_minSpin->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_minSpin->setValue(double(m_proxy->minNotional().micros() / Decimal::kOne));
    m_minSpin->setToolTip(u"Hide trades below this USD notional"_s);
    minLabel->setBuddy(m_minSpin);
    connect(m_minSpin, &QDoubleSpinBox::valueChanged, this, &WhaleFeedView::onMinSpinChanged);

    m_sideCombo = new QComboBox(bar);
    m_sideCombo->setObjectName(u"side"_s);
    m_sideCombo->addItem(u"All sides"_s, 0);
    m_sideCombo->addItem(u"Buy"_s, static_cast<int>(Side::Buy));
    m_sideCombo->addItem(u"Sell"_s, static_cast<int>(Side::Sell));
    connect(m_sideCombo, &QComboBox::currentIndexChanged, this, [this] {
        const int v = m_sideCombo->currentData().toInt();
        m_proxy->setSide(v == 0 ? std::nullopt : std::optional<Side>(static_cast<Side>(v)));
    });

    m_venueCombo = new QComboBox(bar);
    m_venueCombo->setObjectName(u"venue"_s);
    m_venueCombo->addItem(u"All venues"_s, 0);
    m_venueCombo->addItem(u"Polymarket"_s, static_cast<int>(Venue::Polymarket));
    m_venueCombo->addItem(u"Kalshi"_s, static_cast<int>(Venue::Kalshi));
    connect(m_venueCombo, &QComboBox::currentIndexChanged, this, [this] {
        const int v = m_venueCombo->currentData().toInt();
        m_proxy->setVenue(v == 0 ? std::nullopt : std::optional<Venue>(static_cast<Venue>(v)));
    });

    m_search = new QLineEdit(bar);
    m_search->setObjectName(u"search"_s);
    m_search->setPlaceholderText(u"Filter market or trader…"_s);
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, m_proxy, &WhaleFeedFilterProxy::setText);

    m_countLabel = new QLabel(bar);
    m_countLabel->setForegroundRole(QPalette::PlaceholderText);
    m_countLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    row->addWidget(minLabel);
    row->addWidget(m_minSpin);
    row->addWidget(m_sideCombo);
    row->addWidget(m_venueCombo);
    row->addWidget(m_search, 1);
    row->addWidget(m_countLabel);
    return bar;
}

void WhaleFeedView::setUpTable() {
    m_table->setObjectName(u"whaleTable"_s);
    m_table->setModel(m_proxy);
    m_table->setItemDelegate(m_delegate);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->setSortingEnabled(false);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->setTextElideMode(Qt::ElideRight);

    QHeaderView *rows = m_table->verticalHeader();
    rows->setVisible(false);
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(m_table->fontMetrics().height() + 8);

    QHeaderView *cols = m_table->horizontalHeader();
    cols->setHighlightSections(false);
    cols->setSectionsMovable(true);
    cols->setStretchLastSection(false);
    cols->setSectionResizeMode(QHeaderView::Interactive);
    const QFontMetrics fm = m_table->fontMetrics();
    const auto width = [&fm](const QString &sample) { return fm.horizontalAdvance(sample) + 18; };
    m_table->setColumnWidth(WhaleFeedModel::column(Column::Time), width(u"88:88:88"_s));
    m_table->setColumnWidth(WhaleFeedModel::column(Column::Venue), width(u"Polymarket"_s));
    m_table->setColumnWidth(WhaleFeedModel::column(Column::Market), width(u"M"_s.repeated(24)));
    m_table->setColumnWidth(WhaleFeedModel::column(Column::Outcome), width(u"Kansas City"_s));
    m_table->setColumnWidth(WhaleFeedModel::column(Column::Side), width(u"SELL"_s));
    m_table->setColumnWidth(WhaleFeedModel::column(Column::Price), width(u"99.9¢"_s));
    m_table->setColumnWidth(WhaleFeedModel::column(Column::Size), width(u"888,888.88"_s));
    m_table->setColumnWidth(WhaleFeedModel::column(Column::Notional), width(u"$8,888,888"_s));
    m_table->setColumnWidth(WhaleFeedModel::column(Column::Trader), width(u"Glaring-Comet"_s));
    m_table->setColumnWidth(WhaleFeedModel::column(Column::Tx), width(u"0x94cf…5bca"_s));
    // The market title is the one column whose useful width varies; give it the slack.
    cols->setSectionResizeMode(WhaleFeedModel::column(Column::Market), QHeaderView::Stretch);
    // The transaction hash is for looking a fill up, not for reading the tape: it starts hidden
    // (the header's column chooser shows it; the context menu copies it either way) so the
    // market title gets the width.
    m_table->setColumnHidden(WhaleFeedModel::column(Column::Tx), true);

    connect(m_table, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex index = m_table->indexAt(pos);
        if (!index.isValid())
            return;
        QMenu *menu = createContextMenu(index, this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        Q_EMIT contextMenuAboutToShow(menu, index);
        menu->popup(m_table->viewport()->mapToGlobal(pos));
    });
    connect(m_table, &QAbstractItemView::doubleClicked, this, &WhaleFeedView::onDoubleClicked);

    // Ctrl+C copies the selected rows exactly, one line each.
    auto *copy = new QAction(u"Copy rows"_s, m_table);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    m_table->addAction(copy);
    connect(copy, &QAction::triggered, this, [this] {
        QStringList lines;
        const QModelIndexList selected = m_table->selectionModel()->selectedRows();
        for (const QModelIndex &i : selected)
            lines << rowText(i.data(WhaleFeedModel::TradeRole).value<Trade>());
        if (!lines.isEmpty())
            QGuiApplication::clipboard()->setText(lines.join(u'\n'));
    });
}

Decimal WhaleFeedView::minNotional() const {
    return m_proxy->minNotional();
}

void WhaleFeedView::setMinNotional(Decimal minimum) {
    {
        // A restore is not a user edit: no minNotionalChanged, and no rounding through the spin box.
        const QSignalBlocker quiet(m_minSpin);
        m_minSpin->setValue(double(minimum.micros()) / double(Decimal::kOne));
    }
    // The spin box shows whole dollars; the filter keeps the exact value it was given.
    m_proxy->setMinNotional(minimum);
    updateEmptyState();
}

void WhaleFeedView::onMinSpinChanged(double value) {
    // A double is fine for a spin box, never for money: cross over through its text.
    const DecimalParse parsed = Decimal::parse(QString::number(value, 'f', 2));
    if (!parsed.ok() || parsed.value == m_proxy->minNotional())
        return;
    m_proxy->setMinNotional(parsed.value);
    Q_EMIT minNotionalChanged(parsed.value);
}

bool WhaleFeedView::isShowingEmptyState() const {
    return m_stack->currentWidget() == m_empty;
}

bool WhaleFeedView::isAtTop() const {
    const QScrollBar *sb = m_table->verticalScrollBar();
    return sb->value() == sb->minimum();
}

bool WhaleFeedView::isFollowingTop() const {
    return m_followTop;
}

QByteArray WhaleFeedView::saveHeaderState() const {
    return m_table->horizontalHeader()->saveState();
}

bool WhaleFeedView::restoreHeaderState(const QByteArray &state) {
    return m_table->horizontalHeader()->restoreState(state);
}

void WhaleFeedView::onRowsAboutToBeInserted(int first) {
    m_valueBeforeInsert = m_table->verticalScrollBar()->value();
    const int topRow = m_table->rowAt(0);
    m_firstVisibleBeforeInsert = topRow < 0 ? 0 : topRow;
    m_insertAboveReader = !m_followTop && first <= m_firstVisibleBeforeInsert;
}

void WhaleFeedView::onRowsInserted(int first, int last) {
    if (m_insertAboveReader) {
        // Rows landed above what the user is reading: shift by exactly as many rows so the
        // first visible trade stays put. Lay out first so the scroll range already has them.
        const int count = last - first + 1;
        m_table->doItemsLayout();
        const int step = m_table->verticalScrollMode() == QAbstractItemView::ScrollPerItem
                             ? 1
                             : m_table->verticalHeader()->defaultSectionSize();
        const QScopedValueRollback guard(m_compensating, true);
        m_table->verticalScrollBar()->setValue(m_valueBeforeInsert + count * step);
    }
    m_flashUntilMs = m_delegate->now() + FlashDelegate::kFlashMs;
    updateEmptyState();
    scheduleRepaint();
}

void WhaleFeedView::scheduleRepaint() {
    if (!m_tick->isActive())
        m_tick->start();
}

void WhaleFeedView::onTick() {
    // The tail timer (Wireshark's pattern): while the user follows the top, whatever moved
    // the view since the last tick (a relayout, a trim) is undone.
    if (m_followTop && !isAtTop())
        m_table->scrollToTop();
    const qint64 now = m_delegate->now();
    // Arrival order is row order, so the rows still fading form a prefix of the table:
    // repaint only that band, and stop the timer once nothing fades any more.
    int fading = 0;
    const int rows = m_proxy->rowCount();
    while (fading < rows && now - m_proxy->index(fading, 0).data(WhaleFeedModel::ArrivalMsRole).toLongLong() <
                                FlashDelegate::kFlashMs + kTickMs)
        ++fading;
    if (fading > 0) {
        const int top = m_table->rowViewportPosition(0);
        const int bottom = m_table->rowViewportPosition(fading - 1) + m_table->rowHeight(fading - 1);
        m_table->viewport()->update(QRect(0, top, m_table->viewport()->width(), bottom - top));
    }
    if (now >= m_flashUntilMs + kTickMs)
        m_tick->stop();
}

void WhaleFeedView::onDoubleClicked(const QModelIndex &index) {
    if (!index.isValid())
        return;
    const Trade trade = index.data(WhaleFeedModel::TradeRole).value<Trade>();
    if (index.column() == WhaleFeedModel::column(Column::Trader) && !trade.wallet.isEmpty())
        Q_EMIT traderActivated(trade.wallet.address());
    else
        Q_EMIT marketActivated(trade.marketId);
}

void WhaleFeedView::updateEmptyState() {
    const int shown = m_proxy->rowCount();
    const int total = m_model->rowCount();
    m_empty->setExplanation(emptyExplanation(m_proxy->minNotional(), total > 0));
    m_stack->setCurrentWidget(shown == 0 ? static_cast<QWidget *>(m_empty) : m_table);
    const QLocale en(QLocale::English, QLocale::UnitedStates);
    m_countLabel->setText(shown == total ? QString(en.toString(total) + u" trades"_s)
                                         : QString(en.toString(shown) + u" of "_s + en.toString(total)));
}

QMenu *WhaleFeedView::createContextMenu(const QModelIndex &index, QWidget *parent) {
    auto *menu = new QMenu(parent);
    const Trade trade = index.data(WhaleFeedModel::TradeRole).value<Trade>();
    const auto addCopy = [menu](const QString &name, const QString &text, const QString &value) {
        QAction *a = menu->addAction(text);
        a->setObjectName(name);
        a->setData(value);
        a->setEnabled(!value.isEmpty());
        QObject::connect(a, &QAction::triggered, menu,
                         [value] { QGuiApplication::clipboard()->setText(value); });
        return a;
    };
    const auto addOpen = [menu](const QString &name, const QString &text, const QUrl &url) {
        QAction *a = menu->addAction(text);
        a->setObjectName(name);
        a->setData(url);
        a->setEnabled(url.isValid() && !url.isEmpty());
        QObject::connect(a, &QAction::triggered, menu, [url] { QDesktopServices::openUrl(url); });
        return a;
    };
    addCopy(u"copyWallet"_s, u"Copy wallet"_s, trade.wallet.address());
    addCopy(u"copyTx"_s, trade.venue == Venue::Kalshi ? u"Copy trade id"_s : u"Copy tx hash"_s,
            trade.txId.text());
    addCopy(u"copyRow"_s, u"Copy row"_s, rowText(trade));
    menu->addSeparator();
    addOpen(u"openMarket"_s, u"Open market on polymarket.com"_s, marketUrl(trade));
    addOpen(u"openTrader"_s, u"Open trader on polymarket.com"_s, traderUrl(trade));
    return menu;
}

QUrl WhaleFeedView::marketUrl(const Trade &trade) {
    // The slug comes from the exchange: accept only slug characters so it cannot change
    // the path or the host of the link we open.
    static const QRegularExpression slug(u"^[A-Za-z0-9][A-Za-z0-9_-]*$"_s);
    if (trade.venue != Venue::Polymarket || !slug.match(trade.eventSlug).hasMatch())
        return {};
    return QUrl(u"https://polymarket.com/event/"_s + trade.eventSlug);
}

QUrl WhaleFeedView::traderUrl(const Trade &trade) {
    if (trade.venue != Venue::Polymarket || trade.wallet.isEmpty())
        return {};
    return QUrl(u"https://polymarket.com/profile/"_s + trade.wallet.address());
}

QString WhaleFeedView::rowText(const Trade &trade) {
    const auto notional = trade.notional();
    const QStringList fields{
        QDateTime::fromMSecsSinceEpoch(trade.timestampMs, Qt::UTC).toString(Qt::ISODateWithMs),
        venueName(trade.venue),
        trade.marketTitle.isEmpty() ? trade.marketId : trade.marketTitle,
        trade.outcome,
        sideName(trade.side),
        trade.price.toString(),
        trade.size.toString(),
        notional ? notional->toString() : QString(),
        trade.traderLabel(),
        trade.wallet.address(),
        trade.txId.text(),
    };
    // Tabs and newlines inside exchange text would split the pasted row.
    QStringList clean;
    clean.reserve(fields.size());
    for (const QString &f : fields)
        clean << QString(f).replace(u'\t', u' ').replace(u'\n', u' ');
    return clean.join(u'\t');
}

} // namespace longshot::views
