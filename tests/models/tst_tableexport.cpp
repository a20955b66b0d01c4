#include "models/tableexport.h"
#include "models/whalefeedfilter.h"
#include "models/whalefeedmodel.h"

#include "tests/models/tradefactory.h"
#include "tests/support/modeltester.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTest>

using namespace longshot;
using namespace longshot::test;
using namespace Qt::StringLiterals;
using Column = WhaleFeedModel::Column;

namespace {

constexpr qint64 kT0 = 1'790'262'855'123; // 2026-09-24 15:14:15.123 UTC

QList<int> allColumns(const QAbstractItemModel &model) {
    QList<int> columns;
    for (int c = 0; c < model.columnCount(); ++c)
        columns << c;
    return columns;
}

// Runs a snapshot to its end and returns every row it produced, in order.
QList<ExportRow> collect(TableSnapshotter &snapshot, QString *failure = nullptr) {
    QList<ExportRow> rows;
    qint64 expectedFirst = 0;
    bool ordered = true;
    QObject::connect(&snapshot, &TableSnapshotter::chunkReady, &snapshot, [&](const ExportChunk &chunk) {
        ordered =
            ordered && chunk.firstRow == expectedFirst && (chunk.rows.isEmpty() || chunk.trades.isEmpty());
        expectedFirst += chunk.size();
        for (qsizetype i = 0; i < chunk.size(); ++i)
            rows << chunk.row(i);
    });
    QSignalSpy finished(&snapshot, &TableSnapshotter::finished);
    QSignalSpy failed(&snapshot, &TableSnapshotter::failed);
    snapshot.start();
    while (finished.isEmpty() && failed.isEmpty())
        QTest::qWait(1);
    if (failure && !failed.isEmpty())
        *failure = failed.first().first().toString();
    if (!ordered)
        rows.clear();
    return rows;
}

} // namespace

class TstTableExport final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void tradeCell_data() {
        QTest::addColumn<Trade>("trade");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("number");

        const Trade poly = polyTrade(1, kT0, "0.123457", "8643.000001", Side::Sell);
        Trade kalshi = kalshiTrade(2, kT0, "0.42", "5000");
        Trade formula = polyTrade(3, kT0, "0.5", "10");
        formula.marketTitle = u"=HYPERLINK(\"http://x\")"_s;
        formula.traderName = u"-Whale, \"the\" Ünïcødé 鲸"_s;

        QTest::newRow("time is ISO UTC with ms")
            << poly << int(Column::Time) << u"2026-09-24T15:14:15.123Z"_s << true;
        QTest::newRow("venue") << poly << int(Column::Venue) << u"polymarket"_s << false;
        QTest::newRow("full market title")
            << poly << int(Column::Market) << u"Cincinnati Reds vs. Atlanta Braves"_s << false;
        QTest::newRow("side") << poly << int(Column::Side) << u"SELL"_s << false;
        QTest::newRow("exact price, not cents") << poly << int(Column::Price) << u"0.123457"_s << true;
        QTest::newRow("exact size") << poly << int(Column::Size) << u"8643.000001"_s << true;
        // 0.123457 x 8643.000001 = 1067.038851123457, half-even to the micro-dollar
        QTest::newRow("exact notional") << poly << int(Column::Notional) << u"1067.038851"_s << true;
        QTest::newRow("full tx hash") << poly << int(Column::Tx) << poly.txId.text() << false;
        QTest::newRow("kalshi ticker when no title")
            << kalshi << int(Column::Market) << u"KXBTCD-26MAY3017-T73499.99"_s << false;
        QTest::newRow("kalshi notional") << kalshi << int(Column::Notional) << u"2100"_s << true;
        QTest::newRow("formula title stays raw text")
            << formula << int(Column::Market) << u"=HYPERLINK(\"http://x\")"_s << false;
        QTest::newRow("unicode trader")
            << formula << int(Column::Trader) << u"-Whale, \"the\" Ünïcødé 鲸"_s << false;
    }
    void tradeCell() {
        QFETCH(Trade, trade);
        QFETCH(int, column);
        QFETCH(QString, text);
        QFETCH(bool, number);
        WhaleFeedModel model;
        auto tester = attachModelTester(&model);
        model.appendBatch({trade});
        const ExportCell cell = exportCell(model.index(0, column));
        QCOMPARE(cell.text, text);
        QCOMPARE(cell.number, number);
    }

    void genericCell_data() {
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("number");
        QTest::newRow("text") << QVariant(u"Trump, Donald"_s) << u"Trump, Donald"_s << false;
        QTest::newRow("formula text") << QVariant(u"@SUM(A1)"_s) << u"@SUM(A1)"_s << false;
        QTest::newRow("int") << QVariant(42) << u"42"_s << true;
        QTest::newRow("negative int64") << QVariant(qint64(-9'000'000'000)) << u"-9000000000"_s << true;
        QTest::newRow("decimal") << QVariant::fromValue(dec("-12.000001")) << u"-12.000001"_s << true;
        QTest::newRow("date time") << QVariant(QDateTime::fromMSecsSinceEpoch(kT0, Qt::UTC))
                                   << u"2026-09-24T15:14:15.123Z"_s << true;
    }
    void genericCell() {
        QFETCH(QVariant, value);
        QFETCH(QString, text);
        QFETCH(bool, number);
        QStandardItemModel model(1, 1);
        model.setData(model.index(0, 0), value, Qt::EditRole);
        const ExportCell cell = exportCell(model.index(0, 0));
        QCOMPARE(cell.text, text);
        QCOMPARE(cell.number, number);
    }

    void header() {
        WhaleFeedModel model;
        const QStringList names = exportHeader(model, {int(Column::Notional), int(Column::Time)});
        QCOMPARE(names.size(), 2);
        QCOMPARE(names.at(0), model.headerData(int(Column::Notional), Qt::Horizontal).toString());
        QCOMPARE(names.at(1), model.headerData(int(Column::Time), Qt::Horizontal).toString());
    }

    // The filtered view, in its order, in chunks, with only the chosen columns.
    void snapshotFollowsTheView() {
        WhaleFeedModel model;
        TradeBatch batch;
        for (int i = 0; i < 25; ++i)
            batch << polyTrade(i, kT0 + i, "0.5", i % 2 ? "10000" : "10");
        model.appendBatch(batch);
        WhaleFeedFilterProxy proxy;
        proxy.setSourceModel(&model);
        auto tester = attachModelTester(&proxy);
        QCOMPARE(proxy.rowCount(), 12); // $5,000 fills only; $5 ones are below the threshold

        TableSnapshotter snapshot(&proxy, {int(Column::Time), int(Column::Notional)});
        snapshot.setChunkRows(5);
        QCOMPARE(snapshot.totalRows(), 12);
        const QList<ExportRow> rows = collect(snapshot);
        QCOMPARE(rows.size(), 12);
        for (int r = 0; r < rows.size(); ++r) {
            QCOMPARE(rows[r].size(), 2);
            QCOMPARE(rows[r][0], exportCell(proxy.index(r, int(Column::Time))));
            QCOMPARE(rows[r][1].text, u"5000"_s);
        }
        // Newest first, as the tape shows it.
        QCOMPARE(rows.first()[0].text,
                 QDateTime::fromMSecsSinceEpoch(kT0 + 23, Qt::UTC).toString(Qt::ISODateWithMs));
    }

    // A trade table's rows leave the GUI thread as raw trades; formatting them later gives the
    // same cells exportRow() gives on the model, including the model's notional.
    void tradeRowsAreCapturedRaw() {
        WhaleFeedModel model;
        auto tester = attachModelTester(&model);
        TradeBatch batch;
        for (int i = 0; i < 6; ++i)
            batch << polyTrade(i, kT0 + i, "0.123457", "8643.000001", i % 2 ? Side::Buy : Side::Sell);
        batch << kalshiTrade(100, kT0 + 100, "0.42", "5000");
        model.appendBatch(batch);
        const QList<int> columns{int(Column::Notional), int(Column::Time), int(Column::Market),
                                 int(Column::Side), int(Column::Tx)};
        QList<ExportRow> expected;
        for (int r = 0; r < model.rowCount(); ++r)
            expected << exportRow(model, r, columns);

        TableSnapshotter snapshot(&model, columns);
        snapshot.setChunkRows(3);
        QList<ExportChunk> chunks;
        connect(&snapshot, &TableSnapshotter::chunkReady, this,
                [&](const ExportChunk &chunk) { chunks << chunk; });
        QSignalSpy finished(&snapshot, &TableSnapshotter::finished);
        snapshot.start();
        QVERIFY(finished.wait());
        QCOMPARE(chunks.size(), 3);
        QList<ExportRow> rows;
        for (const ExportChunk &chunk : std::as_const(chunks)) {
            QVERIFY(chunk.rows.isEmpty());
            QCOMPARE(chunk.columns, columns);
            for (qsizetype i = 0; i < chunk.size(); ++i)
                rows << chunk.row(i);
        }
        QCOMPARE(rows, expected);
        QCOMPARE(rows.first()[1].text, u"2026-09-24T15:14:15.223Z"_s); // the Kalshi fill, newest
        QCOMPARE(rows.first()[0].text, u"2100"_s);
        QCOMPARE(rows.last()[0].text, u"1067.038851"_s);
    }

    void snapshotOfSortedProxy() {
        QStandardItemModel model;
        for (const int v : {3, 1, 2})
            model.appendRow(new QStandardItem(QString::number(v)));
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.sort(0, Qt::DescendingOrder);
        TableSnapshotter snapshot(&proxy, {0});
        const QList<ExportRow> rows = collect(snapshot);
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows[0][0].text, u"3"_s);
        QCOMPARE(rows[1][0].text, u"2"_s);
        QCOMPARE(rows[2][0].text, u"1"_s);
    }

    void emptyTable() {
        WhaleFeedModel model;
        TableSnapshotter snapshot(&model, allColumns(model));
        QSignalSpy chunks(&snapshot, &TableSnapshotter::chunkReady);
        QSignalSpy finished(&snapshot, &TableSnapshotter::finished);
        snapshot.start();
        QVERIFY(finished.wait());
        QCOMPARE(finished.first().first().toLongLong(), 0);
        QCOMPARE(chunks.size(), 0);
        QCOMPARE(snapshot.header().size(), WhaleFeedModel::kColumnCount);
    }

    // Live trades arriving on top while the export runs are not part of it, and no row of the
    // snapshot is lost or repeated.
    void rowsArrivingDuringSnapshot() {
        WhaleFeedModel model;
        TradeBatch batch;
        for (int i = 0; i < 40; ++i)
            batch << polyTrade(i, kT0 + i);
        model.appendBatch(batch);
        TableSnapshotter snapshot(&model, {int(Column::Tx)});
        snapshot.setChunkRows(7);
        QStringList seen;
        int chunkCount = 0;
        connect(&snapshot, &TableSnapshotter::chunkReady, this, [&](const ExportChunk &chunk) {
            for (qsizetype i = 0; i < chunk.size(); ++i)
                seen << chunk.row(i)[0].text;
            if (++chunkCount <= 2)
                model.appendBatch({polyTrade(1000 + chunkCount, kT0 + 1000 + chunkCount)});
        });
        QSignalSpy finished(&snapshot, &TableSnapshotter::finished);
        snapshot.start();
        QVERIFY(finished.wait());
        QCOMPARE(seen.size(), 40);
        for (int i = 0; i < 40; ++i)
            QCOMPARE(seen[i], polyTrade(39 - i, kT0).txId.text());
    }

    void rowsRemovedAboveCursor() {
        QStandardItemModel model;
        for (int i = 0; i < 10; ++i)
            model.appendRow(new QStandardItem(QString::number(i)));
        TableSnapshotter snapshot(&model, {0});
        snapshot.setChunkRows(4);
        QStringList seen;
        bool removed = false;
        connect(&snapshot, &TableSnapshotter::chunkReady, this, [&](const ExportChunk &chunk) {
            for (const ExportRow &row : chunk.rows)
                seen << row[0].text;
            if (!removed) {
                removed = true;
                model.removeRows(0, 2); // rows 0 and 1, already exported
            }
        });
        QSignalSpy finished(&snapshot, &TableSnapshotter::finished);
        snapshot.start();
        QVERIFY(finished.wait());
        QCOMPARE(seen, (QStringList{u"0"_s, u"1"_s, u"2"_s, u"3"_s, u"4"_s, u"5"_s, u"6"_s, u"7"_s, u"8"_s,
                                    u"9"_s}));
    }

    void resetFailsTheSnapshot() {
        QStandardItemModel model;
        for (int i = 0; i < 10; ++i)
            model.appendRow(new QStandardItem(QString::number(i)));
        TableSnapshotter snapshot(&model, {0});
        snapshot.setChunkRows(2);
        connect(&snapshot, &TableSnapshotter::chunkReady, this, [&model] { model.clear(); });
        QString failure;
        collect(snapshot, &failure);
        QVERIFY(!failure.isEmpty());
        QVERIFY(!snapshot.isRunning());
    }

    void backPressureWaitsForTheWriter() {
        QStandardItemModel model;
        for (int i = 0; i < 10; ++i)
            model.appendRow(new QStandardItem(QString::number(i)));
        TableSnapshotter snapshot(&model, {0});
        snapshot.setChunkRows(3);
        snapshot.setMaxInFlightRows(2);
        snapshot.acknowledge(0);
        QSignalSpy chunks(&snapshot, &TableSnapshotter::chunkReady);
        QSignalSpy finished(&snapshot, &TableSnapshotter::finished);
        snapshot.start();
        QVERIFY(chunks.wait());
        QTest::qWait(20);
        QCOMPARE(chunks.size(), 1); // 3 rows in flight > 2: paused
        QCOMPARE(snapshot.capturedRows(), 3);
        QVERIFY(snapshot.isRunning()); // paused is still running: a cancel must reach the writer
        // A writer that keeps up: every chunk written as it arrives.
        connect(&snapshot, &TableSnapshotter::chunkReady, &snapshot,
                [&snapshot] { snapshot.acknowledge(snapshot.capturedRows()); });
        snapshot.acknowledge(3);
        QVERIFY(finished.wait());
        QCOMPARE(chunks.size(), 4);
        QCOMPARE(snapshot.capturedRows(), 10);
    }

    void cancelStops() {
        QStandardItemModel model;
        for (int i = 0; i < 100; ++i)
            model.appendRow(new QStandardItem(QString::number(i)));
        TableSnapshotter snapshot(&model, {0});
        snapshot.setChunkRows(10);
        QSignalSpy finished(&snapshot, &TableSnapshotter::finished);
        QSignalSpy chunks(&snapshot, &TableSnapshotter::chunkReady);
        connect(&snapshot, &TableSnapshotter::chunkReady, &snapshot, &TableSnapshotter::cancel);
        snapshot.start();
        QVERIFY(chunks.wait());
        QTest::qWait(20);
        QCOMPARE(chunks.size(), 1);
        QCOMPARE(finished.size(), 0);
        QVERIFY(!snapshot.isRunning());
    }
};

QTEST_MAIN(TstTableExport)
#include "tst_tableexport.moc"
