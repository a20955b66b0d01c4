#include "views/orderbookview.h"

#include "models/displaystyle.h"
#include "models/moneyformat.h"
#include "models/orderbookmodel.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QScrollBar>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace longshot::views {
namespace {

// Paints the cumulative-depth bar from the right edge of the row, then the text.
class DepthDelegate final : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override {
        const bool ask = index.data(OrderBookModel::SideRole).toInt() == int(BookSide::Ask);
        const double fraction = std::clamp(index.data(OrderBookModel::BarFractionRole).toDouble(), 0.0, 1.0);
        const QColor side = ask ? sellColor() : buyColor();
        // The bar spans the whole row; each cell paints its own slice of it.
        const QRect row = option.rect;
        const int tableWidth = option.widget ? option.widget->width() : row.width();
        const int barWidth = int(fraction * tableWidth);
        const int barLeft = tableWidth - barWidth;
        QRect slice = row.intersected(QRect(barLeft, row.top(), barWidth, row.height()));
        QColor fill = side;
        fill.setAlpha(index.data(OrderBookModel::BestRole).toBool() ? 70 : 45);
        if (!slice.isEmpty())
            painter->fillRect(slice, fill);

        // The price's side colour comes from the model's foreground role.
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        if (index.data(OrderBookModel::BestRole).toBool())
            opt.font.setBold(true);
        opt.backgroundBrush = Qt::NoBrush;
        QStyledItemDelegate::paint(painter, opt, index);
    }
};

} // namespace

OrderBookView::OrderBookView(OrderBookModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_table(new QTableView(this))
    , m_touch(new QLabel(this)) {
    m_table->setObjectName(u"orderBookTable"_s);
    m_table->setModel(model);
    m_table->setItemDelegate(new DepthDelegate(m_table));
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setFocusPolicy(Qt::NoFocus);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(false);
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    // Pixel scrolling: centreOnTouch() positions the spread in pixels, not in rows.
    m_table->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 4);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->horizontalHeader()->setHighlightSections(false);

    m_touch->setObjectName(u"orderBookTouch"_s);
    m_touch->setTextFormat(Qt::PlainText);
    m_touch->setAlignment(Qt::AlignCenter);
    QFont bold = m_touch->font();
    bold.setBold(true);
    m_touch->setFont(bold);
    m_touch->setText(tr("No book yet"));
    m_touch->setToolTip(tr("Best bid (highest buy order) and best ask (lowest sell order); the spread is "
                           "ask minus bid, the mid halfway between them"));
    // The bars and the touch line follow View > Numbers and Colours (the cells repaint through
    // the model).
    connect(&DisplayStyle::instance(), &DisplayStyle::changed, this, [this] {
        renderTouch();
        m_table->viewport()->update();
    });
    // A user who scrolls the ladder keeps the view for a while before it centres again.
    connect(m_table->verticalScrollBar(), &QScrollBar::actionTriggered, this,
            [this] { m_sinceUserScroll.start(); });
    // A resized ladder (dock moved, layout switched) centres again at once.
    m_table->viewport()->installEventFilter(this);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_touch);
    layout->addWidget(m_table, 1);
}

OrderBookView::~OrderBookView() = default;

QString OrderBookView::touchText() const {
    return m_touch->text();
}

void OrderBookView::setTouch(const OrderBook &book) {
    const auto bid = book.bestBid();
    const auto ask = book.bestAsk();
    m_bid = bid ? std::optional<Decimal>(bid->price) : std::nullopt;
    m_ask = ask ? std::optional<Decimal>(ask->price) : std::nullopt;
    m_spread = book.spread();
    m_mid = book.mid();
    renderTouch();
    if (m_bid || m_ask)
        scheduleCentre();
}

void OrderBookView::renderTouch() {
    if (!m_bid && !m_ask) {
        m_touch->setText(tr("No book yet"));
        return;
    }
    // Two short lines fit the narrow ladder column the dock often has.
    QString text = tr("Bid %1").arg(m_bid ? formatPrice(*m_bid) : u"\u2013"_s) + u"   "_s +
                   tr("Ask %1").arg(m_ask ? formatPrice(*m_ask) : u"\u2013"_s);
    QStringList second;
    if (m_spread)
        second.append(tr("Spread %1").arg(formatPrice(*m_spread)));
    if (m_mid)
        second.append(tr("Mid %1").arg(formatPrice(*m_mid)));
    if (!second.isEmpty())
        text += u'\n' + second.join(u"   "_s);
    m_touch->setText(text);
}

bool OrderBookView::eventFilter(QObject *watched, QEvent *event) {
    if (watched == m_table->viewport() && event->type() == QEvent::Resize)
        scheduleCentre();
    return QWidget::eventFilter(watched, event);
}

void OrderBookView::scheduleCentre() {
    // After the table has laid out the new rows: before that the scroll range is the old one.
    if (m_centrePending)
        return;
    m_centrePending = true;
    QTimer::singleShot(0, this, [this] {
        m_centrePending = false;
        centreOnTouch();
    });
}

void OrderBookView::centreOnTouch() {
    // Invalid until the user first scrolls: until then the ladder always centres.
    if (m_sinceUserScroll.isValid() && m_sinceUserScroll.elapsed() < kUserScrollHoldMs)
        return;
    const int ask = m_model->bestAskRow();
    const int bid = m_model->bestBidRow();
    if (ask < 0 && bid < 0)
        return;
    // The spread sits in the middle of the ladder: best ask just above, best bid just below.
    const int rowHeight = m_table->verticalHeader()->defaultSectionSize();
    const int boundary = (bid >= 0 ? bid : ask + 1) * rowHeight;
    m_table->verticalScrollBar()->setValue(boundary - m_table->viewport()->height() / 2);
}

} // namespace longshot::views
