#include "app/exportjob.h"
#include "models/whalefeedmodel.h"

#include "tests/models/tradefactory.h"
#include "tests/storage/storagetest.h"
#include "tests/storage/writerharness.h"

#include <QAbstractListModel>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>

using namespace longshot;
using namespace Qt::StringLiterals;
using app::ExportJob;
using app::ExportOutcome;
using Column = WhaleFeedModel::Column;

namespace {

constexpr qint64 kT0 = 1'790'262'855'123; // 2026-09-24T15:14:15.123Z

ExportOutcome waitFor(ExportJob &job) {
    QSignalSpy finished(&job, &ExportJob::finished);
    if (!finished.wait(30'000))
        return {};
    return finished.first().first().value<ExportOutcome>();
}

// Row i holds the number i; cheap at any size.
class CountingModel final : public QAbstractListModel {
public:
    explicit CountingModel(int rows)
        : m_rows(rows) {}
    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : m_rows; }
    QVariant data(const QModelIndex &index, int role) const override {
        return role == Qt::EditRole || role == Qt::DisplayRole ? QVariant(index.row()) : QVariant();
    }
    void clear() {
        beginResetModel();
        m_rows = 0;
        endResetModel();
    }

private:
    int m_rows;
};

QByteArray readAll(const QString &path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return "<missing>";
    return f.readAll();
}

} // namespace

class TstExportJob final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // One text column and one numeric column, through the whole path: snapshot, worker, file.
    void goldenRows_data() {
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QList<qint64>>("amounts");
        QTest::addColumn<QByteArray>("expected");
        const QByteArray header = "Name,Amount\r\n";
        QTest::newRow("empty result") << QStringList{} << QList<qint64>{} << header;
        QTest::newRow("plain") << QStringList{u"alice"_s} << QList<qint64>{42} << header + "alice,42\r\n";
        QTest::newRow("quoting") << QStringList{u"a,b"_s, u"say \"hi\""_s, u"two\nlines"_s}
                                 << QList<qint64>{1, 2, 3}
                                 << header + "\"a,b\",1\r\n\"say \"\"hi\"\"\",2\r\n\"two\nlines\",3\r\n";
        QTest::newRow("unicode") << QStringList{u"Zürich — 東京 ☔"_s} << QList<qint64>{7}
                                 << header + QStringLiteral("Zürich — 東京 ☔,7\r\n").toUtf8();
        QTest::newRow("formula cells neutralised, negative numbers kept")
            << QStringList{u"=1+1"_s, u"+SUM(A1)"_s, u"-2"_s, u"@A1"_s, u"\tx"_s, u"\rx"_s}
            << QList<qint64>{-1, -2, -3, -4, -5, -6}
            << header + "'=1+1,-1\r\n'+SUM(A1),-2\r\n'-2,-3\r\n'@A1,-4\r\n'\tx,-5\r\n\"'\rx\",-6\r\n";
    }
    void goldenRows() {
        QFETCH(QStringList, names);
        QFETCH(QList<qint64>, amounts);
        QFETCH(QByteArray, expected);
        QStandardItemModel model(0, 2);
        model.setHorizontalHeaderLabels({u"Name"_s, u"Amount"_s});
        for (int i = 0; i < names.size(); ++i) {
            auto *amount = new QStandardItem;
            amount->setData(amounts[i], Qt::EditRole);
            model.appendRow({new QStandardItem(names[i]), amount});
        }
        QTemporaryDir dir;
        const QString path = dir.filePath(u"out.csv"_s);
        ExportJob job;
        job.startView(&model, {0, 1}, path);
        const ExportOutcome outcome = waitFor(job);
        QVERIFY2(outcome.ok, qPrintable(outcome.error));
        QCOMPARE(outcome.rows, names.size());
        QCOMPARE(readAll(path), expected);
    }

    // Trade tables export exact values from the trade, not the rounded display strings, and
    // in the columns' visual order the caller passes.
    void tradeTableExactDecimals() {
        WhaleFeedModel model;
        Trade t = test::polyTrade(1, kT0, "0.123457", "8643.000001", Side::Sell);
        t.traderName = u"=cmd|' /C calc'!A0"_s;
        model.appendBatch({t});
        QTemporaryDir dir;
        const QString path = dir.filePath(u"tape.csv"_s);
        ExportJob job;
        job.startView(&model,
                      {int(Column::Notional), int(Column::Time), int(Column::Price), int(Column::Trader)},
                      path);
        const ExportOutcome outcome = waitFor(job);
        QVERIFY2(outcome.ok, qPrintable(outcome.error));
        const QString header = model.headerData(int(Column::Notional), Qt::Horizontal).toString() + u',' +
                               model.headerData(int(Column::Time), Qt::Horizontal).toString() + u',' +
                               model.headerData(int(Column::Price), Qt::Horizontal).toString() + u',' +
                               model.headerData(int(Column::Trader), Qt::Horizontal).toString() + u"\r\n"_s;
        QCOMPARE(QString::fromUtf8(readAll(path)),
                 header + u"1067.038851,2026-09-24T15:14:15.123Z,0.123457,'=cmd|' /C calc'!A0\r\n"_s);
    }

    void manyRowsInOrder() {
        QStandardItemModel model(0, 1);
        for (int i = 0; i < 5'000; ++i) {
            auto *item = new QStandardItem;
            item->setData(i, Qt::EditRole);
            model.appendRow(item);
        }
        QTemporaryDir dir;
        const QString path = dir.filePath(u"many.csv"_s);
        ExportJob job;
        job.setChunkRows(300);
        QSignalSpy progress(&job, &ExportJob::progress);
        job.startView(&model, {0}, path);
        const ExportOutcome outcome = waitFor(job);
        QVERIFY2(outcome.ok, qPrintable(outcome.error));
        QCOMPARE(outcome.rows, 5'000);
        QVERIFY(!progress.isEmpty());
        for (qsizetype i = 1; i < progress.size(); ++i)
            QVERIFY(progress[i].at(0).toLongLong() > progress[i - 1].at(0).toLongLong());
        QCOMPARE(progress.last().at(0).toLongLong(), 5'000);
        QCOMPARE(progress.last().at(1).toLongLong(), 5'000);
        const QList<QByteArray> lines = readAll(path).split('\n');
        QCOMPARE(lines.size(), 5'002); // header, 5,000 rows, the empty piece after the last CRLF
        for (int i = 0; i < 5'000; ++i)
            QCOMPARE(lines[i + 1], QByteArray::number(i) + '\r');
    }

    // Hundreds of chunks a second, but the dialog hears at most ~30 progress updates a second,
    // and the last one is the final count.
    void progressIsThrottled() {
        CountingModel model(40'000);
        QTemporaryDir dir;
        ExportJob job;
        job.setChunkRows(20); // 2,000 chunks, each acknowledged by the writer
        QSignalSpy progress(&job, &ExportJob::progress);
        QElapsedTimer clock;
        clock.start();
        job.startView(&model, {0}, dir.filePath(u"throttled.csv"_s));
        const ExportOutcome outcome = waitFor(job);
        const qint64 elapsedMs = clock.elapsed();
        QVERIFY2(outcome.ok, qPrintable(outcome.error));
        QCOMPARE(outcome.rows, 40'000);
        QVERIFY(!progress.isEmpty());
        QVERIFY2(progress.size() <= elapsedMs / ExportJob::kProgressIntervalMs + 2,
                 qPrintable(u"%1 updates in %2 ms"_s.arg(progress.size()).arg(elapsedMs)));
        QCOMPARE(progress.last().at(0).toLongLong(), 40'000);
        QCOMPARE(progress.last().at(1).toLongLong(), 40'000);
    }

    // A cancel half-way leaves no file, and an existing file of that name untouched.
    void cancelMidway() {
        // More rows than the snapshot lets into flight unwritten (50,000): it cannot finish, and
        // the writer cannot commit, before the GUI thread has seen the first chunk written.
        CountingModel model(200'000);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"cancel.csv"_s);
        {
            QFile old(path);
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("previous export\n");
        }
        ExportJob job;
        job.setChunkRows(100);
        job.setSliceBudgetMs(1);
        // The first progress report comes after the first chunk is written: cancel there.
        connect(&job, &ExportJob::progress, &job, [&job](qint64 rows) {
            if (rows > 0)
                job.cancel();
        });
        job.startView(&model, {0}, path);
        const ExportOutcome outcome = waitFor(job);
        QVERIFY(outcome.cancelled);
        QVERIFY(!outcome.ok);
        QVERIFY(outcome.rows < 200'000);
        QVERIFY(!job.isRunning());
        QCOMPARE(readAll(path), QByteArray("previous export\n"));
    }

    void unwritablePathFails() {
        QStandardItemModel model(1, 1);
        ExportJob job;
        job.startView(&model, {0}, u"/nonexistent-dir-longshot/x.csv"_s);
        const ExportOutcome outcome = waitFor(job);
        QVERIFY(!outcome.ok);
        QVERIFY(!outcome.cancelled);
        QVERIFY(!outcome.error.isEmpty());
    }

    void resetDuringExportFails() {
        CountingModel model(200'000); // cannot finish before the reset, as in cancelMidway
        QTemporaryDir dir;
        const QString path = dir.filePath(u"reset.csv"_s);
        ExportJob job;
        job.setChunkRows(100);
        job.setSliceBudgetMs(1);
        bool reset = false;
        connect(&job, &ExportJob::progress, &model, [&] {
            if (!reset) {
                reset = true;
                model.clear();
            }
        });
        job.startView(&model, {0}, path);
        const ExportOutcome outcome = waitFor(job);
        QVERIFY(!outcome.ok);
        QVERIFY(!outcome.error.isEmpty());
        QVERIFY(!QFile::exists(path));
    }

    void fullHistory() {
        test::TestDatabase db(QString::fromLatin1(test::kSqlite));
        QVERIFY2(db.ok(), qPrintable(db.error()));
        TradeBatch batch;
        for (int i = 0; i < 3; ++i) {
            Trade t = test::makeTrade(u"0xtx%1"_s.arg(i), u"0x1111111111111111111111111111111111111111"_s,
                                      u"tok"_s, Side::Buy, "0.25", "4000.000004", kT0 + i * 1000);
            t.marketId = u"0xcond"_s;
            batch << t;
        }
        {
            test::WriterHarness h(db.config());
            QString message;
            QVERIFY2(h.start(&message), qPrintable(message));
            QSignalSpy stored(h.events(), &test::WriterSignals::stored);
            QVERIFY(h.push(batch));
            h.drain();
            QVERIFY(QTest::qWaitFor([&] { return stored.size() == 1; }, 10'000));
            h.stop();
        }
        const QString path = QDir(db.dir()).filePath(u"history.csv"_s);
        ExportJob job;
        job.startHistory(db.config(), {}, path);
        const ExportOutcome outcome = waitFor(job);
        QVERIFY2(outcome.ok, qPrintable(outcome.error));
        QCOMPARE(outcome.rows, 3);
        const QList<QByteArray> lines = readAll(path).split('\n');
        QCOMPARE(lines.size(), 5);
        QVERIFY(lines[0].startsWith("time_utc,venue,"));
        // 0.25 x 4000.000004 = 1000.000001, exactly
        QVERIFY2(lines[1].contains(",0.25,4000.000004,1000.000001,"), lines[1].constData());
        QVERIFY(lines[1].startsWith("2026-09-24T15:14:15.123Z,"));
    }

    void historyOfMissingDatabaseFails() {
        QTemporaryDir dir;
        ExportJob job;
        job.startHistory(storage::DatabaseConfig::sqlite(dir.filePath(u"none/absent.sqlite"_s)), {},
                         dir.filePath(u"h.csv"_s));
        const ExportOutcome outcome = waitFor(job);
        QVERIFY(!outcome.ok);
        QVERIFY(!outcome.error.isEmpty());
        QVERIFY(!QFile::exists(dir.filePath(u"h.csv"_s)));
    }
};

QTEST_MAIN(TstExportJob)
#include "tst_exportjob.moc"
