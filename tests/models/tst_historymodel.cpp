// The History panel's lazily loaded model against a stand-in for the query worker that pages
// an in-memory store the way the SQL does (newest first, keyset after (ts, id)). Checked
// under QAbstractItemModelTester: fetchMore pages, stale answers dropped, the memory cap,
// failures, and the tape's formats.
#include "models/historymodel.h"

#include "tests/models/tradefactory.h"
#include "tests/support/modeltester.h"

#include <QSignalSpy>
#include <QTest>

#include <algorithm>

using namespace longshot;
using namespace longshot::test;
using namespace Qt::StringLiterals;
using Column = HistoryModel::Column;

namespace {

constexpr qint64 kT0 = 1'790'262'855'000; // 2026-09-24 15:14:15 UTC

// Rows as the query worker returns them: row ids 1..n, two trades per second, newest last.
HistoryRows store(int n) {
    HistoryRows rows;
    for (int i = 0; i < n; ++i) {
        HistoryRow r;
        r.rowId = i + 1;
        r.trade = polyTrade(i, kT0 + (i / 2) * 1000, "0.5", "2000");
        r.notionalMicros = r.trade.notional()->micros();
        rows << r;
    }
    return rows;
}

// Answers a page request from `all` exactly as the SQL would, remembering the requests.
struct FakeWorker {
    HistoryRows all;
    QList<std::tuple<quint64, HistoryFilter, HistoryCursor, int>> requests;

    std::pair<HistoryRows, bool> answer(const HistoryCursor &after, int limit) const {
        HistoryRows sorted = all;
        std::sort(sorted.begin(), sorted.end(), [](const HistoryRow &a, const HistoryRow &b) {
            return std::make_pair(a.trade.timestampMs, a.rowId) >
                   std::make_pair(b.trade.timestampMs, b.rowId);
        });
        HistoryRows page;
        for (const HistoryRow &r : sorted) {
            if (!after.isStart() && std::make_pair(r.trade.timestampMs, r.rowId) >=
                                        std::make_pair(after.timestampMs, after.rowId))
                continue;
            if (page.size() == limit)
                break;
            page << r;
        }
        return {page, page.size() < limit};
    }
};

} // namespace

class TestHistoryModel final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        m_model = std::make_unique<HistoryModel>();
        m_tester = attachModelTester(m_model.get());
        m_worker = FakeWorker{store(1'000), {}};
        // Answers are delivered later, as the queued answer from the worker thread is.
        connect(m_model.get(), &HistoryModel::pageRequested, this,
                [this](quint64 id, const HistoryFilter &f, const HistoryCursor &after, int limit) {
                    m_worker.requests << std::make_tuple(id, f, after, limit);
                });
    }
    void cleanup() {
        m_tester.reset();
        m_model.reset();
    }

    void fetchMoreLoadsPagesInOrder() {
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        m_model->setFilter({});
        QCOMPARE(m_worker.requests.size(), 1);
        QVERIFY(m_model->isLoading());
        QVERIFY(!m_model->canFetchMore({})); // one request in flight at a time
        QVERIFY(answerLast());
        QCOMPARE(m_model->rowCount(), HistoryModel::kPageSize);
        QCOMPARE(inserted.size(), 1); // one insert per page
        // The first row is the newest trade; the last row of page 1 is the 200th newest.
        QCOMPARE(m_model->rowAt(0).rowId, qint64(1'000));
        QCOMPARE(m_model->rowAt(199).rowId, qint64(801));

        QVERIFY(loadAll());
        QCOMPARE(m_model->rowCount(), 1'000);
        QVERIFY(m_model->isAtEnd());
        QVERIFY(!m_model->isCapped());
        for (int r = 0; r < m_model->rowCount(); ++r)
            QCOMPARE(m_model->rowAt(r).rowId, qint64(1'000 - r));
        // Five full pages of 200; the sixth request found the end.
        QCOMPARE(m_worker.requests.size(), 6);
        const auto [id, filter, after, limit] = m_worker.requests.at(1);
        QCOMPARE(after.rowId, qint64(801));
        QCOMPARE(limit, HistoryModel::kPageSize);
    }

    void staleAnswersAreDropped() {
        HistoryFilter first;
        first.market = u"reds"_s;
        m_model->setFilter(first);
        HistoryFilter second;
        second.market = u"braves"_s;
        m_model->setFilter(second);
        QCOMPARE(m_worker.requests.size(), 2);
        const quint64 oldId = std::get<0>(m_worker.requests.at(0));
        const quint64 newId = std::get<0>(m_worker.requests.at(1));
        QVERIFY(newId > oldId);
        QCOMPARE(std::get<1>(m_worker.requests.at(1)).market, u"braves"_s);

        // The old filter's answer arrives late: ignored, still loading the new one.
        m_model->pageArrived(oldId, m_worker.all.mid(0, 5), false);
        QCOMPARE(m_model->rowCount(), 0);
        QVERIFY(m_model->isLoading());
        m_model->requestFailed(oldId, u"old failure"_s);
        QVERIFY(m_model->isLoading());

        const auto [rows, atEnd] = m_worker.answer({}, 3);
        m_model->pageArrived(newId, rows, true);
        QCOMPARE(m_model->rowCount(), 3);
        QVERIFY(!m_model->isLoading());
        // A duplicate delivery of the same answer is stale as well.
        m_model->pageArrived(newId, rows, true);
        QCOMPARE(m_model->rowCount(), 3);
    }

    void loadingStopsAtTheCap() {
        m_model->setMaxRows(450);
        m_model->setFilter({});
        QVERIFY(loadAll());
        QCOMPARE(m_model->rowCount(), 450);
        QVERIFY(m_model->isCapped());
        QVERIFY(!m_model->isAtEnd());
        // The last request asked for exactly the room left.
        QCOMPARE(std::get<3>(m_worker.requests.constLast()), 50);
        // A new filter starts over below the cap.
        m_model->setFilter({});
        QCOMPARE(m_model->rowCount(), 0);
        QVERIFY(!m_model->isCapped());
    }

    void failureEndsLoadingAndRefreshRetries() {
        QSignalSpy failed(m_model.get(), &HistoryModel::loadFailed);
        QSignalSpy loading(m_model.get(), &HistoryModel::loadingChanged);
        m_model->setFilter({});
        m_model->requestFailed(std::get<0>(m_worker.requests.constLast()), u"database is locked"_s);
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.at(0).at(0).toString(), u"database is locked"_s);
        QVERIFY(!m_model->isLoading());
        QVERIFY(!m_model->canFetchMore({})); // no retry storm from the view
        QCOMPARE(loading.constLast().at(0).toBool(), false);
        m_model->refresh();
        QCOMPARE(m_worker.requests.size(), 2);
        QVERIFY(answerLast());
        QCOMPARE(m_model->rowCount(), HistoryModel::kPageSize);
    }

    void emptyResult() {
        m_worker.all.clear();
        m_model->setFilter({});
        QVERIFY(answerLast());
        QCOMPARE(m_model->rowCount(), 0);
        QVERIFY(m_model->isAtEnd());
        QVERIFY(!m_model->canFetchMore({}));
    }

    void formatsMatchTheTape() {
        m_model->setFilter({});
        QVERIFY(answerLast());
        const QModelIndex notional = m_model->index(0, int(Column::Notional));
        QCOMPARE(notional.data().toString(), u"$1,000"_s);
        QCOMPARE(notional.data(WhaleFeedModel::NotionalMicrosRole).toLongLong(), 1'000 * Decimal::kOne);
        QCOMPARE(m_model->index(0, int(Column::Price)).data().toString(), u"50.0¢"_s);
        QCOMPARE(m_model->index(0, int(Column::Trader)).data().toString(), u"Talvez10"_s);
        QCOMPARE(m_model->index(0, int(Column::Side)).data().toString(), u"BUY"_s);
        const QString time = m_model->index(0, int(Column::Time)).data().toString();
        const qint64 newest = m_model->rowAt(0).trade.timestampMs;
        QCOMPARE(time,
                 QDateTime::fromMSecsSinceEpoch(newest, Qt::LocalTime).toString(u"yyyy-MM-dd HH:mm:ss"_s));
        QCOMPARE(m_model->index(0, int(Column::Market)).data(WhaleFeedModel::MarketIdRole).toString(),
                 m_model->rowAt(0).trade.marketId);
        QCOMPARE(m_model->headerData(int(Column::Notional), Qt::Horizontal).toString(), u"Notional"_s);
        QCOMPARE(m_model->columnCount(), WhaleFeedModel::kColumnCount);
        const auto trade = m_model->index(3, 0).data(WhaleFeedModel::TradeRole).value<Trade>();
        QCOMPARE(trade.txId, m_model->rowAt(3).trade.txId);
    }

private:
    // Answers the newest request as the worker would.
    bool answerLast() {
        if (m_worker.requests.isEmpty())
            return false;
        const auto [id, filter, after, limit] = m_worker.requests.constLast();
        const auto [rows, atEnd] = m_worker.answer(after, limit);
        const int before = m_model->rowCount();
        m_model->pageArrived(id, rows, atEnd);
        return m_model->rowCount() == before + rows.size();
    }
    // Keeps answering and fetching until the model stops asking. The model tester itself
    // calls fetchMore after inserts, as a view does, so a request may already be waiting.
    bool loadAll() {
        for (int guard = 0; guard < 10'000; ++guard) {
            if (!m_model->isLoading()) {
                if (!m_model->canFetchMore({}))
                    return true;
                m_model->fetchMore({});
            }
            if (!answerLast())
                return false;
        }
        return false;
    }

    std::unique_ptr<HistoryModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    FakeWorker m_worker;
};

QTEST_GUILESS_MAIN(TestHistoryModel)
#include "tst_historymodel.moc"
