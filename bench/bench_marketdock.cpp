// The market dock under a book firehose: 10,000+ book updates a second go into MarketView
// (offscreen) and we count what the screen sees. Target: at most 30 repaints a second of
// the depth ladder, and the last update visible within one frame after the burst stops.
#include "bench/benchreport.h"
#include "models/domain/orderbook.h"
#include "models/orderbookmodel.h"
#include "views/marketview.h"
#include "views/orderbookview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTableView>
#include <QTimer>

#include <cstdio>
#include <random>

using namespace longshot;
using namespace Qt::StringLiterals;

namespace {

const QString kMarket = u"0xa69826a08aefbfb213677dc6c9e1203c53aef78aaf43a3728bce502b4e37d6ee"_s;
const QString kYes = u"111"_s;
const QString kNo = u"222"_s;

Market market() {
    Market m;
    m.marketId = kMarket;
    m.title = u"Will the Fed cut rates in October 2026?"_s;
    m.outcomes = {Outcome{kYes, u"Yes"_s, 0, std::nullopt, std::nullopt},
                  Outcome{kNo, u"No"_s, 1, std::nullopt, std::nullopt}};
    return m;
}

// A book that moves like the live one: a level near the touch changes per update.
class BookStream final {
public:
    BookStream() {
        for (int c = 30; c < 60; ++c)
            m_book.setLevel(BookSide::Bid, cents(c), shares(100 + c));
        for (int c = 61; c < 90; ++c)
            m_book.setLevel(BookSide::Ask, cents(c), shares(100 + c));
    }
    const OrderBook &next() {
        const bool bid = m_rng() % 2 == 0;
        const int c = bid ? 59 - int(m_rng() % 8) : 61 + int(m_rng() % 8);
        m_book.setLevel(bid ? BookSide::Bid : BookSide::Ask, cents(c), shares(int(m_rng() % 5'000) + 1));
        ++m_sequence;
        return m_book;
    }
    const OrderBook &book() const { return m_book; }

private:
    static Decimal cents(int c) { return Decimal::fromMicros(qint64(c) * 10'000); }
    static Decimal shares(int s) { return Decimal::fromMicros(qint64(s) * Decimal::kOne); }
    OrderBook m_book;
    std::mt19937 m_rng{7};
    qint64 m_sequence = 0;
};

class PaintCounter final : public QObject {
public:
    using QObject::QObject;
    qint64 paints = 0;
    bool eventFilter(QObject *watched, QEvent *event) override {
        if (event->type() == QEvent::Paint)
            ++paints;
        return QObject::eventFilter(watched, event);
    }
};

// The input path alone: what one setBook costs the GUI thread between frames.
void BM_DockSetBook(benchmark::State &state) {
    views::MarketView view;
    view.showMarket(kMarket);
    view.setMarketInfo(market());
    BookStream stream;
    for (auto _ : state)
        view.setBook(kYes, stream.next());
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DockSetBook);

} // namespace

int main(int argc, char **argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    bench::RateCollector reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);

    views::MarketView view;
    view.resize(1280, 720);
    view.show();
    view.showMarket(kMarket);
    view.setMarketInfo(market());
    PaintCounter counter;
    view.bookView()->table()->viewport()->installEventFilter(&counter);

    constexpr int kSeconds = 5;
    constexpr int kPerMs = 12; // 12,000 book updates a second
    BookStream stream;
    qint64 fed = 0;
    QElapsedTimer clock;
    QTimer feeder;
    feeder.setTimerType(Qt::PreciseTimer);
    feeder.setInterval(1);
    QObject::connect(&feeder, &QTimer::timeout, &view, [&] {
        // Catch up with wall time so the rate holds even when a tick comes late.
        const qint64 due = clock.elapsed() * kPerMs;
        while (fed < due) {
            view.setBook(kYes, stream.next());
            ++fed;
        }
        if (clock.elapsed() >= kSeconds * 1000) {
            feeder.stop();
            app.quit();
        }
    });
    // Let the first frames settle before counting.
    QTimer::singleShot(200, &view, [&] {
        counter.paints = 0;
        clock.start();
        feeder.start();
    });
    const qint64 framesBefore = view.frames();
    app.exec();
    const double seconds = double(clock.elapsed()) / 1000.0;
    const qint64 paints = counter.paints;
    const qint64 frames = view.frames() - framesBefore;

    // Currency: after the burst, the dock shows the last book within one frame.
    QElapsedTimer settle;
    settle.start();
    const OrderBookModel *model = view.bookModel();
    const auto best = stream.book().bestBid();
    bool current = false;
    while (settle.elapsed() < 500) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        if (model->bestBidRow() >= 0 && best && model->rowAt(model->bestBidRow()).price == best->price &&
            model->rowAt(model->bestBidRow()).size == best->size) {
            current = true;
            break;
        }
    }
    const qint64 settleMs = settle.elapsed();

    const double paintRate = double(paints) / seconds;
    const bool ok = paintRate <= 30.0 && current && settleMs <= views::MarketView::kFrameMs + 10;
    std::printf("\nmarket dock: %lld book updates in %.2f s (%.0f/s)\n", static_cast<long long>(fed), seconds,
                double(fed) / seconds);
    std::printf("  ladder repaints: %lld (%.1f/s, target <= 30)\n", static_cast<long long>(paints),
                paintRate);
    std::printf("  dock frames:     %lld (%.1f/s), chart replaces %lld\n", static_cast<long long>(frames),
                double(frames) / seconds, static_cast<long long>(view.chartReplaces()));
    std::printf("  last update visible after %lld ms (one frame = %d ms): %s\n",
                static_cast<long long>(settleMs), views::MarketView::kFrameMs, current ? "yes" : "NO");
    std::printf("  input cost: %.0f setBook/s on the GUI thread\n",
                reporter.itemsPerSecond("BM_DockSetBook"));
    std::printf("  %s\n", ok ? "OK" : "MISSED");
    return ok ? 0 : 1;
}
