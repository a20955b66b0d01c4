#include "views/feedstatuswidget.h"

#include <QApplication>
#include <QLabel>
#include <QStatusBar>
#include <QStyleFactory>
#include <QTest>
#include <QTimer>

using namespace longshot;
using namespace longshot::views;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kNow = 1'790'262'900'000;

FeedStatus rtds() {
    FeedStatus s;
    s.feed = u"polymarket.rtds"_s;
    s.state = FeedState::Live;
    s.messagesPerSecond = 42.4;
    s.messagesReceived = 123'456;
    s.tradesReceived = 98'765;
    s.duplicatesDropped = 310;
    s.reconnects = 2;
    s.lastTradeMs = kNow - 3'000;
    return s;
}

} // namespace

class TestFeedStatusWidget : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() {
        m_widget = std::make_unique<FeedStatusWidget>();
        m_now = kNow;
        m_widget->setClock([this] { return m_now; });
    }
    void cleanup() { m_widget.reset(); }

    void formatAge_data() {
        QTest::addColumn<qint64>("ageMs");
        QTest::addColumn<QString>("text");
        QTest::newRow("now") << qint64(0) << u"0s"_s;
        QTest::newRow("clock skew") << qint64(-4'000) << u"0s"_s;
        QTest::newRow("just under a second") << qint64(999) << u"0s"_s;
        QTest::newRow("3s") << qint64(3'000) << u"3s"_s;
        QTest::newRow("59s") << qint64(59'999) << u"59s"_s;
        QTest::newRow("1m") << qint64(60'000) << u"1m 0s"_s;
        QTest::newRow("4m 10s") << qint64(250'000) << u"4m 10s"_s;
        QTest::newRow("2h 05m") << qint64(7'500'000) << u"2h 05m"_s;
        QTest::newRow("3d") << qint64(3 * 86'400'000LL + 5'000) << u"3d"_s;
    }
    void formatAge() {
        QFETCH(qint64, ageMs);
        QFETCH(QString, text);
        QCOMPARE(FeedStatusWidget::formatAge(ageMs), text);
    }

    void showsOneFeed() {
        m_widget->setStatus(rtds());
        QCOMPARE(m_widget->feeds(), QStringList{u"polymarket.rtds"_s});
        QCOMPARE(label(u"polymarket.rtds.state"_s)->text(), u"polymarket.rtds live"_s);
        QCOMPARE(label(u"polymarket.rtds.rate"_s)->text(), u"42 msg/s"_s);
        QCOMPARE(label(u"polymarket.rtds.age"_s)->text(), u"last trade 3s ago"_s);
        const QString stateTip = label(u"polymarket.rtds.state"_s)->toolTip();
        QVERIFY(stateTip.contains(u"Trades: 98,765"_s));
        QVERIFY(stateTip.contains(u"Duplicates dropped: 310"_s));
        QVERIFY(stateTip.contains(u"Reconnects: 2"_s));
        // Nothing rejected or dropped: those labels stay out of the way.
        QVERIFY(label(u"polymarket.rtds.rejected"_s)->isHidden());
        QVERIFY(label(u"polymarket.rtds.dropped"_s)->isHidden());
        QCOMPARE(dotColor(u"polymarket.rtds"_s), FeedStatusWidget::stateColor(FeedState::Live));
    }

    void slowRateKeepsADecimal() {
        FeedStatus s = rtds();
        s.messagesPerSecond = 0.3;
        m_widget->setStatus(s);
        QCOMPARE(label(u"polymarket.rtds.rate"_s)->text(), u"0.3 msg/s"_s);
        s.messagesPerSecond = 1'234.4;
        m_widget->setStatus(s);
        QCOMPARE(label(u"polymarket.rtds.rate"_s)->text(), u"1,234 msg/s"_s);
    }

    void rejectedAndDropped() {
        FeedStatus s = rtds();
        s.rejectedByReason.insert(u"malformed json"_s, 3);
        s.rejectedByReason.insert(u"price out of range"_s, 1'200);
        s.droppedBatches = 4;
        m_widget->setStatus(s);
        QLabel *rejected = label(u"polymarket.rtds.rejected"_s);
        QVERIFY(!rejected->isHidden());
        QCOMPARE(rejected->text(), u"rejected 1,203"_s);
        QVERIFY(rejected->toolTip().contains(u"malformed json: 3"_s));
        QVERIFY(rejected->toolTip().contains(u"price out of range: 1,200"_s));
        QCOMPARE(label(u"polymarket.rtds.dropped"_s)->text(), u"dropped 4"_s);
        QVERIFY(!label(u"polymarket.rtds.dropped"_s)->isHidden());
        // Counters fall back to zero after a reset upstream: labels hide again.
        m_widget->setStatus(rtds());
        QVERIFY(label(u"polymarket.rtds.rejected"_s)->isHidden());
    }

    void tooltipsDoNotRenderExchangeMarkup() {
        FeedStatus s = rtds();
        s.lastError = u"<img src=x>bad frame"_s;
        s.rejectedByReason.insert(u"<b>bold</b>"_s, 1);
        m_widget->setStatus(s);
        QVERIFY(!label(u"polymarket.rtds.state"_s)->toolTip().contains(u"<img"_s));
        QVERIFY(label(u"polymarket.rtds.state"_s)->toolTip().contains(u"&lt;img src=x&gt;bad frame"_s));
        QVERIFY(!label(u"polymarket.rtds.rejected"_s)->toolTip().contains(u"<b>"_s));
    }

    void severalFeedsKeyedByName() {
        FeedStatus kalshi;
        kalshi.feed = u"kalshi.ws"_s;
        kalshi.state = FeedState::Reconnecting;
        m_widget->setStatus(rtds());
        m_widget->setStatus(kalshi);
        QCOMPARE(m_widget->feeds(), (QStringList{u"kalshi.ws"_s, u"polymarket.rtds"_s}));
        QCOMPARE(label(u"kalshi.ws.state"_s)->text(), u"kalshi.ws reconnecting"_s);
        QCOMPARE(label(u"kalshi.ws.age"_s)->text(), u"no trades yet"_s);
        QCOMPARE(dotColor(u"kalshi.ws"_s), FeedStatusWidget::stateColor(FeedState::Reconnecting));
        // An update replaces, it does not add.
        kalshi.state = FeedState::Live;
        m_widget->setStatus(kalshi);
        QCOMPARE(m_widget->feeds().size(), 2);
        QCOMPARE(label(u"kalshi.ws.state"_s)->text(), u"kalshi.ws live"_s);
        m_widget->removeFeed(u"kalshi.ws"_s);
        QCOMPARE(m_widget->feeds(), QStringList{u"polymarket.rtds"_s});
        QVERIFY(!label(u"kalshi.ws.state"_s));
    }

    void stateColoursAreDistinct() {
        const QColor live = FeedStatusWidget::stateColor(FeedState::Live);
        QVERIFY(live != FeedStatusWidget::stateColor(FeedState::Stalled));
        QVERIFY(live != FeedStatusWidget::stateColor(FeedState::AuthFailed));
        QVERIFY(live != FeedStatusWidget::stateColor(FeedState::Disconnected));
        QVERIFY(FeedStatusWidget::stateColor(FeedState::AuthFailed) !=
                FeedStatusWidget::stateColor(FeedState::Stalled));
    }

    void ageTicksEverySecond() {
        auto *timer = m_widget->findChild<QTimer *>();
        QVERIFY(timer);
        QVERIFY(!timer->isActive()); // nothing to age yet
        m_widget->setStatus(rtds());
        QVERIFY(timer->isActive());
        QCOMPARE(timer->interval(), 1'000);
        m_now += 62'000;
        QTRY_COMPARE_WITH_TIMEOUT(label(u"polymarket.rtds.age"_s)->text(), u"last trade 1m 5s ago"_s, 3'000);
        m_widget->removeFeed(u"polymarket.rtds"_s);
        QVERIFY(!timer->isActive());
    }

    void storageText() {
        QLabel *storage = label(u"storage"_s);
        QVERIFY(storage->isHidden());
        m_widget->setStorageStatus(u"DB 412 MB · queue 0"_s);
        QCOMPARE(storage->text(), u"DB 412 MB · queue 0"_s);
        QVERIFY(!storage->isHidden());
        QCOMPARE(storage->textFormat(), Qt::PlainText);
    }

    // Rendered inside a status bar next to nothing else; written out only when
    // LONGSHOT_SCREENSHOT_DIR is set.
    void renders() {
        QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
        QStatusBar bar;
        auto *w = new FeedStatusWidget(&bar);
        w->setClock([this] { return m_now; });
        bar.addPermanentWidget(w, 1);
        FeedStatus s = rtds();
        s.rejectedByReason.insert(u"malformed json"_s, 3);
        w->setStatus(s);
        FeedStatus kalshi;
        kalshi.feed = u"kalshi.ws"_s;
        kalshi.state = FeedState::Reconnecting;
        kalshi.messagesPerSecond = 0;
        kalshi.droppedBatches = 2;
        kalshi.lastTradeMs = kNow - 250'000;
        w->setStatus(kalshi);
        w->setStorageStatus(u"longshot.db 412 MB · writer idle"_s);
        bar.resize(1100, bar.sizeHint().height());
        bar.show();
        QVERIFY(QTest::qWaitForWindowExposed(&bar));
        const QImage shot = bar.grab().toImage();
        QVERIFY(!shot.isNull());
        const QByteArray dir = qgetenv("LONGSHOT_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            QVERIFY(shot.save(QString::fromLocal8Bit(dir) + u"/feedstatus.png"_s));
    }

private:
    QLabel *label(const QString &name) const { return m_widget->findChild<QLabel *>(name); }
    QColor dotColor(const QString &feed) const {
        return label(feed + u".dot"_s)->palette().color(QPalette::WindowText);
    }

    std::unique_ptr<FeedStatusWidget> m_widget;
    qint64 m_now = kNow;
};

QTEST_MAIN(TestFeedStatusWidget)
#include "tst_feedstatuswidget.moc"
