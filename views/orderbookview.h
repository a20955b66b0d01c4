#pragma once

#include "models/domain/decimal.h"

#include <QElapsedTimer>
#include <QWidget>

#include <optional>

class QLabel;
class QTableView;

namespace longshot {
class OrderBook;
class OrderBookModel;
} // namespace longshot

namespace longshot::views {

// The depth ladder: asks over bids with depth bars (asks in the sell colour, bids in the buy
// colour of the display style) painted behind the numbers, the touch in bold, and a line with
// best bid, best ask, spread and mid, in the chosen price unit. The
// ladder keeps the spread in the middle of its viewport unless the user just scrolled it.
// It only shows what the model holds; the market dock decides when the model changes.
class OrderBookView final : public QWidget {
    Q_OBJECT
public:
    explicit OrderBookView(OrderBookModel *model, QWidget *parent = nullptr);
    ~OrderBookView() override;
    Q_DISABLE_COPY_MOVE(OrderBookView)

    // Updates the touch line from the book the model was just given.
    void setTouch(const OrderBook &book);
    QTableView *table() const { return m_table; }
    QString touchText() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    static constexpr qint64 kUserScrollHoldMs = 8'000;
    void scheduleCentre();
    void centreOnTouch();
    void renderTouch();

    OrderBookModel *m_model;
    QTableView *m_table;
    QLabel *m_touch;
    QElapsedTimer m_sinceUserScroll;
    // The last book's touch, kept so a display style change can re-render the line.
    std::optional<Decimal> m_bid;
    std::optional<Decimal> m_ask;
    std::optional<Decimal> m_spread;
    std::optional<Decimal> m_mid;
    bool m_centrePending = false;
};

} // namespace longshot::views
