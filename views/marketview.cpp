#include "views/marketview.h"

#include "models/orderbookmodel.h"
#include "models/whalefeedmodel.h"
#include "views/charts/chartadapter.h"
#include "views/emptystate.h"
#include "views/orderbookview.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedLayout>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace longshot::views {
namespace {

QString cents(Decimal price) {
    return Decimal::fromMicros(price.micros() * 100).toFixed(1) + QChar(0x00a2);
}

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
    , m_outcomeBox(new QComboBox(this))
    , m_bookModel(new OrderBookModel(this))
    , m_bookView(new OrderBookView(m_bookModel, this))
    , m_chart(createPriceChart(this))
    , m_tabs(new QTabWidget(this))
    , m_trades(new QTableView(this))
    , m_tradeFilter(new QSortFilterProxyModel(this))
    , m_holders(new QTableWidget(this))
    , m_frameTimer(new QTimer(this)) {
    setObjectName(u"marketView"_s);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    QFont outcomeFont = m_outcomeLine->font();
    outcomeFont.setBold(true);
    m_outcomeLine->setFont(outcomeFont);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    m_outcomeBox->setObjectName(u"marketOutcomeBox"_s);
    m_outcomeBox->setToolTip(tr("Outcome whose order book is shown"));

    auto *outcomeRow = new QHBoxLayout;
    outcomeRow->addWidget(m_outcomeLine, 1);
    outcomeRow->addWidget(new QLabel(tr("Book:"), this));
    outcomeRow->addWidget(m_outcomeBox);

    m_tradeFilter->setFilterRole(WhaleFeedModel::MarketIdRole);
    m_tradeFilter->setFilterKeyColumn(0);
    m_trades->setObjectName(u"marketTrades"_s);
    m_trades->setModel(m_tradeFilter);
    m_trades->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_trades->setShowGrid(false);
    m_trades->verticalHeader()->hide();
    m_trades->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_trades->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 4);
    m_trades->horizontalHeader()->setStretchLastSection(true);

    m_holders->setObjectName(u"marketHolders"_s);
    m_holders->setColumnCount(3);
    m_holders->setHorizontalHeaderLabels({tr("Holder"), tr("Outcome"), tr("Shares")});
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

    auto *right = new QSplitter(Qt::Vertical, this);
    right->addWidget(m_chart->widget());
    right->addWidget(m_tabs);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 2);
    auto *body = new QSplitter(Qt::Horizontal, this);
    body->addWidget(m_bookView);
    body->addWidget(right);
    body->setStretchFactor(0, 2);
    body->setStretchFactor(1, 5);
    m_bookView->setMinimumWidth(240);

    auto *page = new QWidget(this);
    auto *column = new QVBoxLayout(page);
    column->setContentsMargins(6, 6, 6, 6);
    column->addWidget(m_title);
    column->addWidget(m_status);
    column->addLayout(outcomeRow);
    column->addWidget(body, 1);

    m_stack->addWidget(m_empty);
    m_stack->addWidget(page);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addLayout(m_stack);

    m_frameTimer->setInterval(kFrameMs);
    m_frameTimer->setTimerType(Qt::CoarseTimer);
    connect(m_frameTimer, &QTimer::timeout, this, &MarketView::onFrame);
    connect(m_outcomeBox, &QComboBox::currentIndexChanged, this, [this] {
        m_bookDirty = true;
        markDirty();
    });
    clearMarket();
}

MarketView::~MarketView() = default;

void MarketView::setTradeSource(QAbstractItemModel *tape) {
    m_tradeFilter->setSourceModel(tape);
    if (!tape)
        return;
    for (const auto hidden :
         {WhaleFeedModel::Column::Venue, WhaleFeedModel::Column::Market, WhaleFeedModel::Column::Tx})
        m_trades->setColumnHidden(WhaleFeedModel::column(hidden), true);
}

QString MarketView::titleText() const {
    return m_title->text();
}

QString MarketView::statusText() const {
    return m_status->text();
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

QString MarketView::shownBookKey() const {
    return bookKeyFor(std::max(0, m_outcomeBox->currentIndex()));
}

void MarketView::clearMarket() {
    m_marketId.clear();
    m_market = Market{};
    m_haveInfo = false;
    m_infoError.clear();
    m_books.clear();
    m_lastPrices.clear();
    m_pushedKey.clear();
    m_history.clear();
    m_chart->clear();
    m_bookModel->clear();
    m_bookView->setTouch(OrderBook{});
    m_holders->setRowCount(0);
    m_outcomeBox->clear();
    m_tradeFilter->setFilterRegularExpression(QRegularExpression(u"^$"_s));
    m_title->clear();
    m_status->clear();
    m_outcomeLine->clear();
    m_stack->setCurrentWidget(m_empty);
    m_frameTimer->stop();
}

void MarketView::showMarket(const QString &marketId) {
    if (marketId.isEmpty()) {
        clearMarket();
        return;
    }
    if (marketId == m_marketId)
        return;
    clearMarket();
    m_marketId = marketId;
    m_venue = venueOf(marketId);
    m_market.venue = m_venue;
    m_market.marketId = marketId;
    m_tradeFilter->setFilterRegularExpression(
        QRegularExpression(u"^"_s + QRegularExpression::escape(marketId) + u"$"_s));
    // Until the metadata arrives, the tape already knows the title and an outcome.
    if (QAbstractItemModel *tape = m_tradeFilter->sourceModel(); tape && m_tradeFilter->rowCount() > 0) {
        const auto trade = m_tradeFilter->index(0, 0).data(WhaleFeedModel::TradeRole).value<Trade>();
        m_market.title = trade.marketTitle;
        m_market.slug = trade.marketSlug;
    }
    if (m_venue == Venue::Kalshi)
        m_outcomeBox->addItem(tr("Yes"));
    m_stack->setCurrentIndex(1);
    m_headerDirty = true;
    markDirty();
    Q_EMIT marketSelected(marketId, m_venue);
}

void MarketView::setMarketInfo(const Market &market) {
    if (market.marketId.compare(m_marketId, Qt::CaseInsensitive) != 0)
        return; // an answer for an earlier selection
    m_market = market;
    m_market.marketId = m_marketId;
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

void MarketView::rebuildOutcomes() {
    const QSignalBlocker block(m_outcomeBox);
    const int previous = std::max(0, m_outcomeBox->currentIndex());
    m_outcomeBox->clear();
    for (const Outcome &o : std::as_const(m_market.outcomes))
        m_outcomeBox->addItem(o.name.isEmpty() ? tr("Outcome %1").arg(o.index + 1) : o.name);
    m_outcomeBox->setCurrentIndex(std::min(previous, m_outcomeBox->count() - 1));
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
    if (m_venue == Venue::Polymarket && m_market.outcomes.size() == 2 &&
        key == m_market.outcomes.at(1).assetId)
        p.price = complementPrice(point.price);
    m_history.append(p);
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
        auto *shares = new QTableWidgetItem(h.shares.toFixed(0));
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
        const QString key = shownBookKey();
        const OrderBook book = m_books.value(key);
        m_bookModel->setBook(book);
        m_bookView->setTouch(book);
        m_pushedKey = key;
        m_bookDirty = false;
        worked = true;
    }
    if (m_headerDirty) {
        rebuildHeader();
        m_headerDirty = false;
        worked = true;
    }
    if (m_chartDirty && m_framesSinceChart >= kChartEvery) {
        m_chart->setSeries(m_history.downsample(kChartBuckets));
        m_chartDirty = false;
        m_framesSinceChart = 0;
        worked = true;
    }
    // Idle: stop ticking until the next input (the chart may still owe a refresh).
    if (!worked && !m_chartDirty)
        m_frameTimer->stop();
}

void MarketView::rebuildHeader() {
    m_title->setText(m_market.title.isEmpty() ? m_marketId : m_market.title);
    QStringList status;
    status.append(venueName(m_venue));
    if (m_haveInfo) {
        bool resolved = false;
        for (const Outcome &o : std::as_const(m_market.outcomes))
            if (o.payout && *o.payout == Decimal::fromMicros(Decimal::kOne)) {
                status.append(tr("Resolved: %1").arg(o.name));
                resolved = true;
            }
        if (!resolved)
            status.append(m_market.closed ? tr("Closed, awaiting resolution") : tr("Open"));
        if (m_market.endDate.isValid())
            status.append(tr("Ends %1").arg(m_market.endDate.toUTC().toString(u"yyyy-MM-dd HH:mm 'UTC'"_s)));
    } else if (!m_infoError.isEmpty()) {
        status.append(tr("Details unavailable: %1").arg(m_infoError));
    } else if (m_venue == Venue::Polymarket) {
        status.append(tr("Loading details\u2026"));
    }
    m_status->setText(status.join(u"  \u00b7  "_s));

    QStringList prices;
    for (int i = 0; i < m_market.outcomes.size(); ++i) {
        const Outcome &o = m_market.outcomes.at(i);
        std::optional<Decimal> price = o.lastPrice;
        if (const auto it = m_lastPrices.constFind(o.assetId); it != m_lastPrices.cend())
            price = *it;
        if (const auto book = m_books.constFind(o.assetId); book != m_books.cend())
            if (const auto mid = book->mid())
                price = *mid;
        prices.append(o.name + u' ' + (price ? cents(*price) : u"\u2013"_s));
    }
    if (m_venue == Venue::Kalshi) {
        if (const auto book = m_books.constFind(m_marketId); book != m_books.cend())
            if (const auto mid = book->mid())
                prices.append(tr("Yes %1").arg(cents(*mid)) + u"   "_s +
                              tr("No %1").arg(cents(complementPrice(*mid))));
    }
    m_outcomeLine->setText(prices.join(u"     "_s));
}

} // namespace longshot::views
