#include "views/marketview.h"

#include "models/displaystyle.h"
#include "models/moneyformat.h"
#include "models/orderbookmodel.h"
#include "models/whalefeedmodel.h"
#include "views/charts/chartadapter.h"
#include "views/emptystate.h"
#include "views/orderbookview.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QResizeEvent>
#include <QSplitter>
#include <QStackedLayout>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace longshot::views {
namespace {

QLabel *plainLabel(QWidget *parent, const QString &objectName) {
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    // Titles and names come from the exchange: never rich text.
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

Venue venueOf(const QString &marketId) {
    return marketId.startsWith(u"0x"_s, Qt::CaseInsensitive) ? Venue::Polymarket : Venue::Kalshi;
}

// "+$1,234.50" / "-$80.00": the sign is the point of a flow figure.
QString signedUsd(Decimal amount) {
    return (amount.isNegative() ? QString() : u"+"_s) + formatUsd(amount);
}

// Kalshi has one contract per ticker: YES and NO are its two sides, named as trades name them.
QList<Outcome> kalshiOutcomes(const QString &ticker) {
    return {Outcome{ticker + u":yes"_s, u"Yes"_s, 0, std::nullopt, std::nullopt},
            Outcome{ticker + u":no"_s, u"No"_s, 1, std::nullopt, std::nullopt}};
}

} // namespace

MarketView::MarketView(QWidget *parent)
    : QWidget(parent)
    , m_stack(new QStackedLayout)
    , m_empty(new EmptyState(tr("No market selected"),
                             tr("Double-click a trade in the whale feed to open its market here: book, "
                                "price chart, recent trades and top holders.")))
    , m_title(plainLabel(this, u"marketTitle"_s))
    , m_status(plainLabel(this, u"marketStatus"_s))
    , m_outcomeLine(plainLabel(this, u"marketOutcomes"_s))
    , m_smartMoney(plainLabel(this, u"marketSmartMoney"_s))
    , m_outcomeBox(new QComboBox(this))
    , m_bookModel(new OrderBookModel(this))
    , m_bookView(new OrderBookView(m_bookModel, this))
    , m_chart(createPriceChart(this))
    , m_tabs(new QTabWidget(this))
    , m_trades(new QTableView(this))
    , m_marketTrades(new WhaleFeedModel(this))
    , m_holders(new QTableWidget(this))
    , m_bookColumn(new QWidget(this))
    , m_body(new QSplitter(Qt::Horizontal, this))
    , m_inner(new QSplitter(Qt::Vertical, this))
    , m_frameTimer(new QTimer(this))
    , m_liveTick(new QTimer(this)) {
    setObjectName(u"marketView"_s);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    // One line, elided to the room there is (full title in the tooltip): a small dock keeps its
    // height for the book and the chart. Ignored width so a long title never widens the dock.
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_title->installEventFilter(this);
    QFont outcomeFont = m_outcomeLine->font();
    outcomeFont.setBold(true);
    outcomeFont.setPointSizeF(outcomeFont.pointSizeF() * 1.15);
    m_outcomeLine->setFont(outcomeFont);
    m_outcomeLine->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    // Like the title, the status and the outcome prices give way on a narrow dock instead of
    // widening it: a market whose outcomes are team names would otherwise push the whole right
    // column wider and squeeze the tape (their tooltips carry the full text).
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_status->installEventFilter(this);
    m_outcomeLine->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_smartMoney->setWordWrap(true);
    m_smartMoney->setToolTip(tr("Net buying (buys minus sells, USD) in this market over the last 24 hours by "
                                "traders graded S or A, from stored trades"));
    m_outcomeBox->setObjectName(u"marketOutcomeBox"_s);
    m_outcomeBox->setToolTip(tr("Outcome whose order book is shown"));

    // The header: title and status on the left, outcome prices on the right, flow below.
    auto *titleColumn = new QVBoxLayout;
    titleColumn->setSpacing(2);
    titleColumn->addWidget(m_title);
    titleColumn->addWidget(m_status);
    auto *pricesColumn = new QVBoxLayout;
    pricesColumn->setSpacing(2);
    pricesColumn->addWidget(m_outcomeLine);
    auto *bookPicker = new QHBoxLayout;
    bookPicker->addStretch();
    bookPicker->addWidget(new QLabel(tr("Book"), this));
    bookPicker->addWidget(m_outcomeBox);
    pricesColumn->addLayout(bookPicker);
    auto *headerRow = new QHBoxLayout;
    headerRow->addLayout(titleColumn, 3);
    headerRow->addLayout(pricesColumn, 2);

    m_trades->setObjectName(u"marketTrades"_s);
    m_trades->setModel(m_marketTrades);
    m_trades->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_trades->setShowGrid(false);
    m_trades->verticalHeader()->hide();
    m_trades->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_trades->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 4);
    m_trades->horizontalHeader()->setStretchLastSection(true);
    // Venue and market are the dock's own; notional says more than shares in little room.
    for (const auto hidden : {WhaleFeedModel::Column::Venue, WhaleFeedModel::Column::Market,
                              WhaleFeedModel::Column::Size, WhaleFeedModel::Column::Tx})
        m_trades->setColumnHidden(WhaleFeedModel::column(hidden), true);
    // Fixed widths from the font (never resized to contents on live data), tight enough that
    // the trader column still shows in a narrow dock.
    const int digit = fontMetrics().horizontalAdvance(u"0"_s);
    using C = WhaleFeedModel::Column;
    for (const auto &[c, digits] :
         {std::pair{C::Time, 10}, std::pair{C::Outcome, 9}, std::pair{C::Side, 6}, std::pair{C::Price, 8},
          std::pair{C::Size, 10}, std::pair{C::Notional, 11}})
        m_trades->setColumnWidth(WhaleFeedModel::column(c), digits * digit);
    connect(m_trades, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        const Trade trade = index.data(WhaleFeedModel::TradeRole).value<Trade>();
        if (!trade.wallet.isEmpty())
            Q_EMIT traderActivated(trade.wallet.address());
    });

    m_holders->setObjectName(u"marketHolders"_s);
    m_holders->setColumnCount(3);
    m_holders->setHorizontalHeaderLabels({tr("Holder"), tr("Outcome"), tr("Shares")});
    const QStringList holderTips{
        tr("The wallet's name or pseudonym on Polymarket (double-click for its profile)"),
        tr("The outcome whose shares the wallet holds"),
        tr("Shares of that outcome the wallet holds now, as Polymarket reports them; a "
           "winning share pays $1")};
    for (int c = 0; c < holderTips.size(); ++c)
        m_holders->horizontalHeaderItem(c)->setToolTip(holderTips.at(c));
    m_holders->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_holders->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_holders->setShowGrid(false);
    m_holders->verticalHeader()->hide();
    m_holders->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    connect(m_holders, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
        if (const QTableWidgetItem *item = m_holders->item(row, 0))
            Q_EMIT traderActivated(item->data(Qt::UserRole).toString());
    });

    m_tabs->addTab(m_trades, tr("Recent trades"));
    m_tabs->addTab(m_holders, tr("Top holders"));
    m_tabs->setDocumentMode(true);
    m_tabs->setMinimumHeight(fontMetrics().height() * 6);
    m_chart->widget()->setMinimumHeight(fontMetrics().height() * 8);

    // The ladder column (the outcome picker sits in the header, beside the prices).
    auto *bookLayout = new QVBoxLayout(m_bookColumn);
    bookLayout->setContentsMargins(0, 0, 0, 0);
    bookLayout->addWidget(m_bookView, 1);
    m_bookColumn->setMinimumWidth(fontMetrics().horizontalAdvance(u"0"_s) * 26);

    // Wide: ladder | (chart over trades). Narrow (see resizeEvent): chart over (ladder | trades).
    m_body->addWidget(m_bookColumn);
    m_body->addWidget(m_inner);
    m_inner->addWidget(m_chart->widget());
    m_inner->addWidget(m_tabs);
    for (QSplitter *s : {m_body, m_inner})
        s->setChildrenCollapsible(false);
    arrange(false);

    auto *page = new QWidget(this);
    auto *column = new QVBoxLayout(page);
    column->setContentsMargins(6, 6, 6, 6);
    column->setSpacing(4);
    column->addLayout(headerRow);
    column->addWidget(m_smartMoney);
    column->addWidget(m_body, 1);

    m_stack->addWidget(m_empty);
    m_stack->addWidget(page);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addLayout(m_stack);

    m_frameTimer->setInterval(kFrameMs);
    m_frameTimer->setTimerType(Qt::CoarseTimer);
    connect(m_frameTimer, &QTimer::timeout, this, &MarketView::onFrame);
    // Live, the chart's last price runs on to now, so it is redrawn now and then without a print.
    m_liveTick->setInterval(kLiveTickMs);
    connect(m_liveTick, &QTimer::timeout, this, [this] {
        if (m_history.size() == 0)
            return;
        m_chartDirty = true;
        markDirty();
    });
    // Prices (header, chart axis) and colours follow View > Numbers and Colours; the ladder's
    // model and the trades' model repaint themselves.
    connect(&DisplayStyle::instance(), &DisplayStyle::changed, this, [this] {
        if (m_marketId.isEmpty())
            return;
        m_headerDirty = true;
        m_chartDirty = true;
        m_framesSinceChart = kChartEvery;
        markDirty();
    });
    connect(m_outcomeBox, &QComboBox::currentIndexChanged, this, [this] {
        m_bookDirty = true;
        markDirty();
    });
    clearMarket();
}

MarketView::~MarketView() = default;

void MarketView::resizeEvent(QResizeEvent *event) {
    QWidget::resizeEvent(event);
    const bool compact = width() < kCompactBelowPx;
    if (compact != m_compact)
        arrange(compact);
}

void MarketView::arrange(bool compact) {
    m_compact = compact;
    // A narrow dock gives the chart the full width instead of a sliver beside the ladder.
    m_body->setOrientation(compact ? Qt::Vertical : Qt::Horizontal);
    m_inner->setOrientation(compact ? Qt::Horizontal : Qt::Vertical);
    QWidget *first = compact ? m_chart->widget() : m_bookColumn;
    QWidget *nested = compact ? m_bookColumn : m_chart->widget();
    m_body->insertWidget(0, first);
    m_inner->insertWidget(0, nested);
    const int w = std::max(width(), 400);
    const int h = std::max(height(), 300);
    if (compact) {
        m_body->setSizes({h / 2, h / 2});
        m_inner->setSizes({w * 48 / 100, w * 52 / 100});
    } else {
        m_body->setSizes({w * 28 / 100, w * 72 / 100});
        m_inner->setSizes({h * 60 / 100, h * 40 / 100});
    }
}

void MarketView::setTradeSource(QAbstractItemModel *tape) {
    if (m_tape)
        disconnect(m_tape, nullptr, this, nullptr);
    m_tape = tape;
    if (!tape)
        return;
    connect(tape, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { onTapeRows(first, last); });
    connect(tape, &QObject::destroyed, this, [this] { m_tape = nullptr; });
}

void MarketView::setOffline(bool offline) {
    m_offline = offline;
    if (offline)
        m_liveTick->stop();
    m_headerDirty = true;
    if (!m_marketId.isEmpty())
        markDirty();
}

QString MarketView::titleText() const {
    return m_fullTitle;
}

bool MarketView::eventFilter(QObject *watched, QEvent *event) {
    if (watched == m_title && event->type() == QEvent::Resize)
        elideTitle();
    if (watched == m_status && event->type() == QEvent::Resize)
        elideStatus();
    return QWidget::eventFilter(watched, event);
}

void MarketView::elideTitle() {
    m_title->setText(m_title->fontMetrics().elidedText(m_fullTitle, Qt::ElideRight, m_title->width()));
    m_title->setToolTip(m_fullTitle);
}

void MarketView::elideStatus() {
    m_status->setText(m_status->fontMetrics().elidedText(m_fullStatus, Qt::ElideRight, m_status->width()));
    QString tip = m_fullStatus;
    if (!m_seriesTitle.isEmpty())
        tip += u'\n' + tr("Series: %1").arg(m_seriesTitle);
    m_status->setToolTip(tip);
}

QString MarketView::statusText() const {
    return m_fullStatus;
}

QString MarketView::smartMoneyText() const {
    return m_smartMoney->text();
}

bool MarketView::isEmptyStateShown() const {
    return m_stack->currentWidget() == m_empty;
}

qint64 MarketView::chartReplaces() const {
    return m_chart->replaceCount();
}

QString MarketView::bookKeyFor(int outcomeIndex) const {
    if (m_venue == Venue::Kalshi)
        return m_marketId;
    if (outcomeIndex >= 0 && outcomeIndex < m_market.outcomes.size())
        return m_market.outcomes.at(outcomeIndex).assetId;
    return {};
}

int MarketView::shownOutcome() const {
    // The box lists only outcomes that can have a book; each item knows its outcome.
    const QVariant outcome = m_outcomeBox->currentData();
    return outcome.isValid() ? outcome.toInt() : 0;
}

QString MarketView::shownBookKey() const {
    return bookKeyFor(shownOutcome());
}

OrderBook MarketView::shownBook() const {
    const OrderBook book = m_books.value(shownBookKey());
    // Kalshi keeps one YES book per ticker; NO is the same book from the other side.
    if (m_venue == Venue::Kalshi && shownOutcome() == 1)
        return book.complement();
    return book;
}

void MarketView::clearMarket() {
    m_marketId.clear();
    m_market = Market{};
    m_haveInfo = false;
    m_infoError.clear();
    m_seriesTitle.clear();
    m_seriesCategory.clear();
    m_flow.reset();
    m_flowError.clear();
    m_books.clear();
    m_lastPrices.clear();
    m_pushedKey.clear();
    m_history.clear();
    m_chart->clear();
    m_bookModel->clear();
    m_bookView->setTouch(OrderBook{});
    m_holders->setRowCount(0);
    m_outcomeBox->clear();
    m_marketTrades->clear();
    m_title->clear();
    m_fullTitle.clear();
    m_status->clear();
    m_fullStatus.clear();
    m_outcomeLine->clear();
    m_smartMoney->clear();
    m_stack->setCurrentWidget(m_empty);
    m_frameTimer->stop();
    m_liveTick->stop();
}

void MarketView::showMarket(const QString &marketId) {
    showMarketOf(venueOf(marketId), marketId);
}

void MarketView::showMarketOf(Venue venue, const QString &marketId, const QString &titleHint) {
    if (marketId.isEmpty()) {
        clearMarket();
        return;
    }
    if (marketId == m_marketId && venue == m_venue)
        return;
    clearMarket();
    m_marketId = marketId;
    m_venue = venue;
    m_market.venue = m_venue;
    m_market.marketId = marketId;
    m_market.title = titleHint;
    if (m_venue == Venue::Kalshi) {
        m_market.outcomes = kalshiOutcomes(marketId);
        rebuildOutcomes();
    }
    // Until metadata and storage answer, the tape already knows the title and some trades.
    if (m_tape) {
        TradeBatch mine;
        for (int row = m_tape->rowCount() - 1; row >= 0; --row) {
            const QModelIndex index = m_tape->index(row, 0);
            if (index.data(WhaleFeedModel::MarketIdRole).toString() != marketId)
                continue;
            mine.append(index.data(WhaleFeedModel::TradeRole).value<Trade>());
        }
        if (!mine.isEmpty() && m_market.title.isEmpty()) {
            m_market.title = mine.constLast().marketTitle;
            m_market.slug = mine.constLast().marketSlug;
        }
        m_marketTrades->appendBatch(mine);
    }
    // Kalshi publishes no holders: its trades are anonymous.
    m_tabs->setTabVisible(m_tabs->indexOf(m_holders), m_venue == Venue::Polymarket);
    m_stack->setCurrentIndex(1);
    if (!m_offline)
        m_liveTick->start();
    m_headerDirty = true;
    markDirty();
    Q_EMIT marketSelected(marketId, m_venue);
}

void MarketView::onTapeRows(int first, int last) {
    if (m_marketId.isEmpty() || !m_tape)
        return;
    TradeBatch mine;
    // Rows come newest first; the batch goes oldest first so the newest ends on top.
    for (int row = last; row >= first; --row) {
        const QModelIndex index = m_tape->index(row, 0);
        if (index.data(WhaleFeedModel::MarketIdRole).toString() == m_marketId)
            mine.append(index.data(WhaleFeedModel::TradeRole).value<Trade>());
    }
    if (!mine.isEmpty())
        m_marketTrades->appendBatch(mine);
}

void MarketView::mergeTrades(const TradeBatch &trades) {
    // Stored trades are older than most live ones, so the table is rebuilt once, in time order,
    // rather than putting old fills on top. The model drops the second copy of a fill.
    TradeBatch all;
    all.reserve(m_marketTrades->rowCount() + trades.size());
    for (int row = m_marketTrades->rowCount() - 1; row >= 0; --row)
        all.append(m_marketTrades->tradeAt(row));
    all.append(trades);
    std::stable_sort(all.begin(), all.end(),
                     [](const Trade &a, const Trade &b) { return a.timestampMs < b.timestampMs; });
    m_marketTrades->clear();
    m_marketTrades->appendBatch(all);
}

void MarketView::setMarketInfo(const Market &market) {
    if (market.marketId.compare(m_marketId, Qt::CaseInsensitive) != 0)
        return; // an answer for an earlier selection
    const QString titleHint = m_market.title;
    m_market = market;
    m_market.marketId = m_marketId;
    m_market.venue = m_venue;
    if (m_market.title.isEmpty())
        m_market.title = titleHint;
    if (m_venue == Venue::Kalshi && m_market.outcomes.size() != 2)
        m_market.outcomes = kalshiOutcomes(m_marketId);
    m_haveInfo = true;
    m_infoError.clear();
    rebuildOutcomes();
    m_headerDirty = true;
    m_bookDirty = true;
    markDirty();
    QStringList assets;
    for (const Outcome &o : std::as_const(m_market.outcomes))
        if (!o.assetId.isEmpty())
            assets.append(o.assetId);
    if (m_venue == Venue::Polymarket && !assets.isEmpty())
        Q_EMIT outcomeAssetsChanged(m_marketId, assets);
}

void MarketView::setInfoError(const QString &marketId, const QString &message) {
    if (marketId.compare(m_marketId, Qt::CaseInsensitive) != 0)
        return;
    m_infoError = message;
    m_headerDirty = true;
    markDirty();
}

void MarketView::setSeries(const QString &marketId, const QString &title, const QString &category) {
    if (marketId.compare(m_marketId, Qt::CaseInsensitive) != 0)
        return;
    m_seriesTitle = title;
    m_seriesCategory = category;
    m_headerDirty = true;
    markDirty();
}

void MarketView::setStoredHistory(const MarketHistory &history) {
    if (history.marketId.compare(m_marketId, Qt::CaseInsensitive) != 0 || history.venue != m_venue)
        return;
    // Stored metadata fills what the exchange has not told us (offline, or before it answers).
    if (history.market && !m_haveInfo) {
        const Market &stored = *history.market;
        if (m_market.title.isEmpty())
            m_market.title = stored.title;
        if (m_market.slug.isEmpty())
            m_market.slug = stored.slug;
        if (!m_market.endDate.isValid())
            m_market.endDate = stored.endDate;
        m_market.closed = m_market.closed || stored.closed;
        if (m_venue == Venue::Polymarket && m_market.outcomes.isEmpty() && !stored.outcomes.isEmpty()) {
            m_market.outcomes = stored.outcomes;
            rebuildOutcomes();
            QStringList assets;
            for (const Outcome &o : std::as_const(m_market.outcomes))
                assets.append(o.assetId);
            Q_EMIT outcomeAssetsChanged(m_marketId, assets);
        }
    }
    m_history.setBuckets(history.buckets);
    if (!history.recent.isEmpty())
        mergeTrades(history.recent);
    m_flow = history.smartMoney;
    m_flowError.clear();
    m_chartDirty = true;
    m_headerDirty = true;
    markDirty();
}

void MarketView::setStoredHistoryError(const QString &marketId, const QString &message) {
    if (marketId.compare(m_marketId, Qt::CaseInsensitive) != 0)
        return;
    m_flowError = message;
    m_headerDirty = true;
    markDirty();
}

void MarketView::rebuildOutcomes() {
    const QSignalBlocker block(m_outcomeBox);
    const int previous = shownOutcome();
    m_outcomeBox->clear();
    for (int i = 0; i < m_market.outcomes.size(); ++i) {
        const Outcome &o = m_market.outcomes.at(i);
        // A Polymarket outcome without a token id has no book to show.
        if (m_venue == Venue::Polymarket && o.assetId.isEmpty())
            continue;
        m_outcomeBox->addItem(o.name.isEmpty() ? tr("Outcome %1").arg(i + 1) : o.name, i);
    }
    const int keep = m_outcomeBox->findData(previous);
    m_outcomeBox->setCurrentIndex(keep >= 0 ? keep : 0);
}

void MarketView::setBook(const QString &key, const OrderBook &book) {
    if (m_marketId.isEmpty())
        return;
    m_books.insert(key, book);
    if (key == shownBookKey())
        m_bookDirty = true;
    // Outcome prices in the header follow the books' mids.
    m_headerDirty = true;
    markDirty();
}

void MarketView::addPrint(const QString &key, const PricePoint &point) {
    if (m_marketId.isEmpty())
        return;
    m_lastPrices.insert(key, point.price);
    PricePoint p = point;
    // The chart follows the first outcome; a print on the second is the same contract seen
    // from the other side.
    if (m_market.outcomes.size() == 2 && key == m_market.outcomes.at(1).assetId)
        p.price = complementPrice(point.price);
    m_history.append(p, point.price.checkedMul(point.size));
    m_chartDirty = true;
    m_headerDirty = true;
    markDirty();
}

void MarketView::setPriceHistory(const QString &marketId, const PricePointList &points) {
    if (marketId.compare(m_marketId, Qt::CaseInsensitive) != 0)
        return;
    m_history.setHistory(points);
    m_chartDirty = true;
    markDirty();
}

void MarketView::setHolders(const QString &marketId, const QList<HolderRow> &holders) {
    if (marketId.compare(m_marketId, Qt::CaseInsensitive) != 0)
        return;
    m_holders->setRowCount(int(holders.size()));
    for (int row = 0; row < holders.size(); ++row) {
        const HolderRow &h = holders.at(row);
        const QString who =
            h.name.isEmpty()
                ? (h.wallet.size() > 12 ? h.wallet.left(6) + QChar(0x2026) + h.wallet.right(4) : h.wallet)
                : h.name;
        // QTableWidgetItem text is never interpreted as markup.
        auto *name = new QTableWidgetItem(who);
        name->setData(Qt::UserRole, h.wallet);
        name->setToolTip(h.wallet);
        auto *shares = new QTableWidgetItem(formatShares(h.shares, 0));
        shares->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_holders->setItem(row, 0, name);
        m_holders->setItem(row, 1, new QTableWidgetItem(h.outcome));
        m_holders->setItem(row, 2, shares);
    }
}

void MarketView::markDirty() {
    if (!m_frameTimer->isActive())
        m_frameTimer->start();
}

void MarketView::onFrame() {
    ++m_frames;
    ++m_framesSinceChart;
    bool worked = false;
    if (m_bookDirty) {
        const OrderBook book = shownBook();
        m_bookModel->setBook(book);
        m_bookView->setTouch(book);
        m_pushedKey = shownBookKey();
        m_bookDirty = false;
        worked = true;
    }
    if (m_headerDirty) {
        rebuildHeader();
        rebuildSmartMoney();
        m_headerDirty = false;
        worked = true;
    }
    if (m_chartDirty && m_framesSinceChart >= kChartEvery) {
        PriceHistoryModel::Series series = m_history.downsample(kChartBuckets);
        // Live, the last price holds until the next print: the line runs on to now, so one
        // print is already a line and a quiet market does not look like a stale chart.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (!m_offline && !series.isEmpty() && now > series.toMs) {
            series.price.append(QPointF(double(now), series.price.constLast().y()));
            series.toMs = now;
        }
        m_chart->setSeries(series);
        m_chartDirty = false;
        m_framesSinceChart = 0;
        worked = true;
    }
    // Idle: stop ticking until the next input (the chart may still owe a refresh).
    if (!worked && !m_chartDirty)
        m_frameTimer->stop();
}

void MarketView::rebuildHeader() {
    m_fullTitle = m_market.title.isEmpty() ? m_marketId : m_market.title;
    elideTitle();
    QStringList status;
    status.append(venueName(m_venue));
    // A series title can be long: cut short here (whole in the tooltip) so it never widens the dock.
    const QFontMetrics metrics = m_status->fontMetrics();
    const QString seriesTitle =
        metrics.elidedText(m_seriesTitle, Qt::ElideRight, metrics.averageCharWidth() * 36);
    if (!seriesTitle.isEmpty() && !m_seriesCategory.isEmpty())
        status.append(tr("%1 (%2)").arg(seriesTitle, m_seriesCategory));
    else if (!seriesTitle.isEmpty() || !m_seriesCategory.isEmpty())
        status.append(seriesTitle.isEmpty() ? m_seriesCategory : seriesTitle);
    bool resolved = false;
    for (const Outcome &o : std::as_const(m_market.outcomes))
        if (o.payout && *o.payout == Decimal::fromMicros(Decimal::kOne)) {
            status.append(tr("Resolved: %1").arg(o.name));
            resolved = true;
        }
    if (m_haveInfo) {
        if (!resolved)
            status.append(m_market.closed ? tr("Closed, awaiting resolution") : tr("Open"));
    } else if (m_offline) {
        status.append(tr("Offline: stored trades only"));
    } else if (!m_infoError.isEmpty()) {
        status.append(tr("Details unavailable: %1").arg(m_infoError));
    } else {
        status.append(tr("Loading details\u2026"));
    }
    if (m_market.endDate.isValid()) {
        const QString when = m_market.endDate.toUTC().toString(u"yyyy-MM-dd HH:mm 'UTC'"_s);
        status.append(m_venue == Venue::Kalshi ? tr("Closes %1").arg(when) : tr("Ends %1").arg(when));
    }
    m_fullStatus = status.join(u"  \u00b7  "_s);
    elideStatus();

    // Each outcome's price: its book's mid, else its last print, else what the metadata said.
    // In a binary market an outcome with no live figure mirrors the other one's.
    const OrderBook *kalshiBook = nullptr;
    if (m_venue == Venue::Kalshi)
        if (const auto book = m_books.constFind(m_marketId); book != m_books.cend())
            kalshiBook = &*book;
    const qsizetype count = m_market.outcomes.size();
    QList<std::optional<Decimal>> live(count);
    for (qsizetype i = 0; i < count; ++i) {
        const Outcome &o = m_market.outcomes.at(i);
        if (const auto it = m_lastPrices.constFind(o.assetId); it != m_lastPrices.cend())
            live[i] = *it;
        if (kalshiBook) {
            if (const auto mid = kalshiBook->mid())
                live[i] = i == 1 ? complementPrice(*mid) : *mid;
        } else if (const auto book = m_books.constFind(o.assetId); book != m_books.cend()) {
            if (const auto mid = book->mid())
                live[i] = *mid;
        }
    }
    if (count == 2) {
        // Without a book or a print, the chart's last stored close still says where it traded.
        if (!live[0] && !live[1])
            if (const auto last = m_history.last())
                live[0] = last->price;
        for (qsizetype i = 0; i < 2; ++i)
            if (!live[i] && live[1 - i])
                live[i] = complementPrice(*live[1 - i]);
    }
    QStringList prices;
    for (qsizetype i = 0; i < count; ++i) {
        const Outcome &o = m_market.outcomes.at(i);
        const std::optional<Decimal> price = live[i] ? live[i] : o.lastPrice;
        prices.append(o.name + u' ' + (price ? formatPrice(*price) : u"\u2013"_s));
    }
    m_outcomeLine->setText(prices.join(u"     "_s));
    m_outcomeLine->setToolTip(prices.join(u'\n') + u"\n\n"_s +
                              tr("Each outcome's price: the mid of its order book, else its last trade, else "
                                 "the last price the exchange reported (%1)")
                                  .arg(priceUnitDescription()));
}

void MarketView::rebuildSmartMoney() {
    QString text;
    QPalette::ColorRole role = QPalette::PlaceholderText;
    QColor colour;
    if (m_venue == Venue::Kalshi) {
        text = tr("Smart money: Kalshi trades are anonymous, so trader grades do not apply");
    } else if (!m_flowError.isEmpty()) {
        text = tr("Smart money: stored trades unavailable (%1)").arg(m_flowError);
    } else if (!m_flow) {
        text = tr("Smart money: reading stored trades\u2026");
    } else if (!m_flow->hasGradedTraders()) {
        text = tr("Smart money: no graded traders yet \u2014 sync traders to see smart-money flow");
    } else if (m_flow->activeTraders == 0) {
        // No translations ship, so the plural is chosen here rather than by %Ln.
        text = m_flow->gradedTraders == 1
                   ? tr("Smart money (S/A grades, 24h): the one graded trader did not trade this market")
                   : tr("Smart money (S/A grades, 24h): none of the %L1 graded traders traded this market")
                         .arg(m_flow->gradedTraders);
    } else {
        QStringList parts;
        const QString net = signedUsd(m_flow->netUsd);
        parts.append(m_flow->activeTraders == 1
                         ? tr("Smart money (S/A grades, 24h): net buying %1 by 1 trader").arg(net)
                         : tr("Smart money (S/A grades, 24h): net buying %1 by %2 traders")
                               .arg(net, QLocale().toString(m_flow->activeTraders)));
        for (const OutcomeFlow &o : std::as_const(m_flow->outcomes))
            parts.append((o.outcome.isEmpty() ? tr("Outcome %1").arg(o.outcomeIndex + 1) : o.outcome) + u' ' +
                         signedUsd(o.netUsd));
        text = parts.join(u"  \u00b7  "_s);
        role = QPalette::WindowText;
        colour = WhaleFeedModel::sideColor(m_flow->netUsd.isNegative() ? Side::Sell : Side::Buy);
    }
    m_smartMoney->setText(text);
    QPalette palette = m_smartMoney->palette();
    palette.setColor(QPalette::WindowText, colour.isValid() ? colour : m_status->palette().color(role));
    m_smartMoney->setPalette(palette);
}

} // namespace longshot::views
