#include "views/historyview.h"

#include "models/historymodel.h"
#include "models/moneyformat.h"
#include "models/whalefeedmodel.h"
#include "views/emptystate.h"
#include "views/replaycontrols.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QFont>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QSignalBlocker>
#include <QStackedLayout>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace longshot::views {

namespace {

constexpr int kDebounceMs = 300;
const QString kDateFormat = u"yyyy-MM-dd HH:mm"_s;

} // namespace

HistoryView::HistoryView(HistoryModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_debounce(new QTimer(this)) {
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);
    connect(m_debounce, &QTimer::timeout, this, &HistoryView::apply);

    auto *tableArea = new QWidget(this);
    m_stack = new QStackedLayout(tableArea);
    m_empty = new EmptyState(tr("No stored trades match"), QString(), tableArea);
    m_table = new QTableView(tableArea);
    m_table->setObjectName(u"historyTable"_s);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    // Shaping every cell's text through HarfBuzz was most of each repaint while scrolling. Qt
    // still shapes the scripts that need it; Latin text and numbers lose only kerning.
    QFont cellFont = m_table->font();
    cellFont.setStyleStrategy(QFont::PreferNoShaping);
    m_table->setFont(cellFont);
    m_table->setSortingEnabled(
        false); // newest first is the storage order; sorting 10 M rows is not a view job
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setHighlightSections(false);
    QHeaderView *cols = m_table->horizontalHeader();
    cols->setStretchLastSection(false);
    cols->setSectionResizeMode(QHeaderView::Interactive);
    // Widths from the longest text each column shows, as the whale tape does; the market title
    // takes whatever room is left.
    const QFontMetrics fm = m_table->fontMetrics();
    const auto width = [&fm](const QString &sample) { return fm.horizontalAdvance(sample) + 18; };
    using C = HistoryModel::Column;
    const QList<std::pair<C, QString>> samples = {
        {C::Time, u"8888-88-88 88:88:88"_s}, {C::Venue, u"Polymarket"_s},  {C::Market, u"M"_s.repeated(16)},
        {C::Outcome, u"Atlanta Brav"_s},     {C::Side, u"SELL"_s},         {C::Price, u"99.9¢"_s},
        {C::Size, u"88,888.88"_s},           {C::Notional, u"$888,888"_s}, {C::Trader, u"Hollow-Papaya"_s},
        {C::Tx, u"0x94cf…5bca"_s},
    };
    for (const auto &[c, sample] : samples)
        m_table->setColumnWidth(int(c), width(sample));
    cols->setSectionResizeMode(int(C::Market), QHeaderView::Stretch);
    // The full date leaves little room in a two-thirds-wide dock, and the market title matters
    // more in review than the hash (in the tooltip, the context menu and the column chooser).
    m_table->setColumnHidden(int(C::Tx), true);
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_empty);

    m_totals = new QLabel(this);
    m_totals->setObjectName(u"historyTotals"_s);
    m_totals->setTextFormat(Qt::PlainText);
    m_status = new QLabel(this);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    m_source = new QLabel(this);
    m_source->setTextFormat(Qt::PlainText);
    m_source->setForegroundRole(QPalette::PlaceholderText);
    m_replay = new ReplayControls(this);

    auto *footer = new QHBoxLayout;
    footer->addWidget(m_totals);
    footer->addSpacing(12);
    footer->addWidget(m_status, 1);
    footer->addWidget(m_source);
    auto *replayRow = new QHBoxLayout;
    replayRow->addWidget(m_replay);
    replayRow->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(buildFilterBar());
    layout->addWidget(tableArea, 1);
    layout->addLayout(footer);
    layout->addLayout(replayRow);

    connect(m_model, &QAbstractItemModel::modelReset, this, &HistoryView::updateEmptyState);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &HistoryView::updateEmptyState);
    connect(m_model, &HistoryModel::loadingChanged, this, [this] {
        updateFooter();
        updateEmptyState();
    });
    connect(m_model, &HistoryModel::loadFailed, this, [this](const QString &message) {
        m_status->setText(tr("Could not read the history: %1").arg(message));
    });
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        const Trade trade = index.data(WhaleFeedModel::TradeRole).value<Trade>();
        if (!trade.marketId.isEmpty())
            Q_EMIT marketActivated(trade.venue, trade.marketId, trade.marketTitle);
    });
    applyQuickRange(QuickRange::All);
}

HistoryView::~HistoryView() = default;

QWidget *HistoryView::buildFilterBar() {
    auto *bar = new QWidget(this);
    m_range = new QComboBox(bar);
    m_range->setObjectName(u"historyRange"_s);
    m_range->addItem(tr("Today"), int(QuickRange::Today));
    m_range->addItem(tr("7 days"), int(QuickRange::Week));
    m_range->addItem(tr("30 days"), int(QuickRange::Month));
    m_range->addItem(tr("All"), int(QuickRange::All));
    m_range->addItem(tr("Custom"), 0);
    m_range->setToolTip(tr("Quick time ranges"));
    m_from = new QDateTimeEdit(bar);
    m_to = new QDateTimeEdit(bar);
    for (QDateTimeEdit *e : {m_from, m_to}) {
        e->setDisplayFormat(kDateFormat);
        e->setCalendarPopup(true);
        e->setTimeSpec(Qt::LocalTime);
    }
    m_from->setObjectName(u"historyFrom"_s);
    m_to->setObjectName(u"historyTo"_s);
    m_from->setToolTip(tr("From (inclusive, local time)"));
    m_to->setToolTip(tr("To (exclusive, local time)"));
    m_venue = new QComboBox(bar);
    m_venue->setObjectName(u"historyVenue"_s);
    m_venue->addItem(tr("All venues"), 0);
    m_venue->addItem(u"Polymarket"_s, int(Venue::Polymarket));
    m_venue->addItem(u"Kalshi"_s, int(Venue::Kalshi));
    m_market = new QLineEdit(bar);
    m_market->setObjectName(u"historyMarket"_s);
    m_market->setPlaceholderText(tr("Market title or id"));
    m_market->setClearButtonEnabled(true);
    m_trader = new QLineEdit(bar);
    m_trader->setObjectName(u"historyTrader"_s);
    m_trader->setPlaceholderText(tr("Trader name or 0x wallet"));
    m_trader->setClearButtonEnabled(true);
    m_minUsd = new QLineEdit(bar);
    m_minUsd->setObjectName(u"historyMinUsd"_s);
    m_minUsd->setPlaceholderText(tr("Min $"));
    m_minUsd->setToolTip(tr("Only trades with a notional of at least this many dollars"));
    // Money stays text until Decimal parses it: no double on the way.
    m_minUsd->setValidator(
        new QRegularExpressionValidator(QRegularExpression(u"\\d{0,12}(\\.\\d{0,6})?"_s), m_minUsd));
    m_minUsd->setMaximumWidth(m_minUsd->fontMetrics().horizontalAdvance(u"000,000,000"_s));

    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_range);
    row->addWidget(m_from);
    row->addWidget(new QLabel(u"–"_s, bar));
    row->addWidget(m_to);
    row->addWidget(m_venue);
    row->addWidget(m_market, 2);
    row->addWidget(m_trader, 1);
    row->addWidget(m_minUsd);

    connect(m_range, &QComboBox::activated, this, [this](int index) {
        const int value = m_range->itemData(index).toInt();
        if (value != 0)
            applyQuickRange(static_cast<QuickRange>(value));
    });
    const auto custom = [this] {
        m_allTime = false;
        const QSignalBlocker block(m_range);
        m_range->setCurrentIndex(m_range->findData(0));
        scheduleApply();
    };
    connect(m_from, &QDateTimeEdit::dateTimeChanged, this, custom);
    connect(m_to, &QDateTimeEdit::dateTimeChanged, this, custom);
    connect(m_venue, &QComboBox::currentIndexChanged, this, &HistoryView::scheduleApply);
    connect(m_market, &QLineEdit::textChanged, this, &HistoryView::scheduleApply);
    connect(m_trader, &QLineEdit::textChanged, this, &HistoryView::scheduleApply);
    connect(m_minUsd, &QLineEdit::textChanged, this, &HistoryView::scheduleApply);
    return bar;
}

void HistoryView::applyQuickRange(QuickRange range) {
    const QDateTime now = QDateTime::currentDateTime();
    QDateTime from;
    switch (range) {
    case QuickRange::Today:
        from = QDateTime(now.date(), QTime(0, 0));
        break;
    case QuickRange::Week:
        from = now.addDays(-7);
        break;
    case QuickRange::Month:
        from = now.addDays(-30);
        break;
    case QuickRange::All:
        break;
    }
    {
        const QSignalBlocker b1(m_from), b2(m_to), b3(m_range);
        m_allTime = range == QuickRange::All;
        m_from->setDateTime(m_allTime ? now.addYears(-2) : from);
        m_to->setDateTime(QDateTime(now.date().addDays(1), QTime(0, 0)));
        m_range->setCurrentIndex(m_range->findData(int(range)));
    }
    apply();
}

HistoryFilter HistoryView::currentFilter() const {
    HistoryFilter f;
    if (!m_allTime) {
        f.fromMs = m_from->dateTime().toMSecsSinceEpoch();
        f.toMs = m_to->dateTime().toMSecsSinceEpoch();
    } else if (m_range->currentData().toInt() != int(QuickRange::All)) {
        f.toMs = m_to->dateTime().toMSecsSinceEpoch();
    }
    if (const int venue = m_venue->currentData().toInt(); venue != 0)
        f.venue = static_cast<Venue>(venue);
    f.market = m_market->text().trimmed();
    f.trader = m_trader->text().trimmed();
    if (const auto parsed = Decimal::parse(QStringView(m_minUsd->text())); parsed.ok())
        f.minUsd = parsed.value;
    return f;
}

void HistoryView::setFilter(const HistoryFilter &f) {
    {
        const QSignalBlocker b1(m_from), b2(m_to), b3(m_range), b4(m_venue), b5(m_market), b6(m_trader),
            b7(m_minUsd);
        m_allTime = f.fromMs == 0 && f.toMs == 0;
        if (!m_allTime) {
            m_from->setDateTime(QDateTime::fromMSecsSinceEpoch(f.fromMs, Qt::LocalTime));
            m_to->setDateTime(QDateTime::fromMSecsSinceEpoch(f.toMs, Qt::LocalTime));
        }
        m_range->setCurrentIndex(m_range->findData(m_allTime ? int(QuickRange::All) : 0));
        m_venue->setCurrentIndex(f.venue ? m_venue->findData(int(*f.venue)) : 0);
        m_market->setText(f.market);
        m_trader->setText(f.trader);
        m_minUsd->setText(f.minUsd.isZero() ? QString() : f.minUsd.toString());
    }
    apply();
}

void HistoryView::scheduleApply() {
    m_debounce->start();
}

void HistoryView::apply() {
    m_debounce->stop();
    const HistoryFilter f = currentFilter();
    m_totalsKnown = false;
    m_totalsText = tr("Counting…");
    m_model->setFilter(f);
    updateFooter();
    updateEmptyState();
    Q_EMIT filterChanged(f);
}

void HistoryView::setTotals(const HistoryTotals &totals) {
    m_totalsKnown = true;
    const QString volume = totals.volumeOverflow ? tr("volume too large to sum") : formatUsd(totals.volume);
    m_totalsText = tr("%L1 trades · %2 volume").arg(totals.count).arg(volume);
    updateFooter();
}

void HistoryView::setTotalsFailed(const QString &message) {
    m_totalsText = tr("Totals unavailable: %1").arg(message);
    updateFooter();
}

void HistoryView::setSource(const QString &description, bool available) {
    m_sourceAvailable = available;
    m_source->setText(description);
    updateEmptyState();
}

QString HistoryView::footerText() const {
    return m_totals->text() + u" | "_s + m_status->text();
}

void HistoryView::updateFooter() {
    if (!m_sourceAvailable) {
        // Nothing is being read: the source line says why ("Cannot read …"), and a request
        // made before the database failed must not leave "Counting…" and "Loading…" behind.
        m_totals->clear();
        m_status->clear();
        return;
    }
    m_totals->setText(m_totalsText);
    QString status;
    if (m_model->isLoading())
        status = tr("Loading…");
    else if (m_model->isCapped())
        status = tr("Showing the newest %L1 rows; narrow the time range to see older ones")
                     .arg(m_model->rowCount());
    else if (m_model->rowCount() > 0)
        status = tr("%L1 rows loaded").arg(m_model->rowCount());
    m_status->setText(status);
}

bool HistoryView::isShowingEmptyState() const {
    return m_stack->currentWidget() == m_empty;
}

void HistoryView::updateEmptyState() {
    updateFooter();
    const bool empty = m_model->rowCount() == 0 && !m_model->isLoading();
    if (!m_sourceAvailable) {
        m_empty->setExplanation(
            tr("No database is open. Use File → Open Database… to review a stored file."));
    } else {
        const HistoryFilter f = currentFilter();
        const bool filtered = f.venue || !f.market.isEmpty() || !f.trader.isEmpty() || !f.minUsd.isZero();
        m_empty->setExplanation(
            filtered || !m_allTime ? tr("Nothing stored matches these filters. Widen the time range or clear "
                                        "a filter.")
                                   : tr("Trades appear here once the live feed or `longshot collect` has "
                                        "stored some."));
    }
    m_stack->setCurrentWidget(empty || !m_sourceAvailable ? static_cast<QWidget *>(m_empty) : m_table);
}

} // namespace longshot::views
