#include "models/displaystyle.h"
#include "models/moneyformat.h"
#include "models/pnlstyle.h"
#include "models/whalefeedmodel.h"

#include "tests/models/tradefactory.h"
#include "tests/support/modeltester.h"

#include <QSignalSpy>
#include <QTest>

#include <cmath>

using namespace longshot;
using namespace longshot::test;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kT0 = 1'790'262'855'000;

// Every test starts from the defaults and leaves them behind: the style is process-wide.
struct StyleGuard {
    StyleGuard() { reset(); }
    ~StyleGuard() { reset(); }
    static void reset() {
        DisplayStyle::instance().setPriceUnit(PriceUnit::Cents);
        DisplayStyle::instance().setColorScheme(ColorScheme::RedGreen);
    }
};

// The "redmean" approximation of perceived colour difference: 0 for the same colour, about
// 765 from black to white; two text colours below ~100 are easily taken for one another.
double colourDistance(const QColor &a, const QColor &b) {
    const double r = (a.red() + b.red()) / 2.0;
    const double dr = a.red() - b.red();
    const double dg = a.green() - b.green();
    const double db = a.blue() - b.blue();
    return std::sqrt((2 + r / 256) * dr * dr + 4 * dg * dg + (2 + (255 - r) / 256) * db * db);
}

constexpr double kApart = 100;

} // namespace

class TstDisplayStyle final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void formatPnl_data() {
        QTest::addColumn<qint64>("micros");
        QTest::addColumn<QString>("text");
        QTest::newRow("gain") << qint64(1'234'560'000) << u"+$1,234.56"_s;
        QTest::newRow("loss") << qint64(-28'000'000) << u"-$28.00"_s;
        QTest::newRow("zero") << qint64(0) << u"$0.00"_s;
        QTest::newRow("gain under half a cent") << qint64(4'000) << u"+$0.004"_s;
        QTest::newRow("loss under half a cent") << qint64(-1) << u"-$0.000001"_s;
        QTest::newRow("half a cent") << qint64(5'000) << u"+$0.005"_s;
        QTest::newRow("just over half a cent rounds to a cent") << qint64(5'001) << u"+$0.01"_s;
        QTest::newRow("a cent") << qint64(10'000) << u"+$0.01"_s;
    }
    void formatPnl() {
        QFETCH(qint64, micros);
        QFETCH(QString, text);
        QCOMPARE(longshot::formatPnl(Decimal::fromMicros(micros)), text);
    }

    void formatPrice_data() {
        QTest::addColumn<QString>("price");
        QTest::addColumn<int>("unit");
        QTest::addColumn<QString>("expected");
        QTest::newRow("cents") << u"0.62"_s << int(PriceUnit::Cents) << u"62.0¢"_s;
        QTest::newRow("percent") << u"0.62"_s << int(PriceUnit::Percent) << u"62.0%"_s;
        QTest::newRow("long shot cents") << u"0.003"_s << int(PriceUnit::Cents) << u"0.3¢"_s;
        QTest::newRow("long shot percent") << u"0.003"_s << int(PriceUnit::Percent) << u"0.3%"_s;
        QTest::newRow("sure thing percent") << u"0.999"_s << int(PriceUnit::Percent) << u"99.9%"_s;
        QTest::newRow("zero percent") << u"0"_s << int(PriceUnit::Percent) << u"0.0%"_s;
    }
    void formatPrice() {
        QFETCH(QString, price);
        QFETCH(int, unit);
        QFETCH(QString, expected);
        StyleGuard guard;
        DisplayStyle::instance().setPriceUnit(PriceUnit(unit));
        QCOMPARE(longshot::formatPrice(dec(price.toLatin1().constData())), expected);
        QVERIFY(!priceUnitDescription().isEmpty());
    }

    void changedOnlyOnChange() {
        StyleGuard guard;
        QSignalSpy changed(&DisplayStyle::instance(), &DisplayStyle::changed);
        DisplayStyle::instance().setPriceUnit(PriceUnit::Cents);
        QCOMPARE(changed.size(), 0);
        DisplayStyle::instance().setPriceUnit(PriceUnit::Percent);
        DisplayStyle::instance().setColorScheme(ColorScheme::BlueOrange);
        QCOMPARE(changed.size(), 2);
    }

    void colourSchemes() {
        StyleGuard guard;
        const QColor greenBuy = sideColor(Side::Buy);
        const QColor redSell = sideColor(Side::Sell);
        QVERIFY(greenBuy.green() > greenBuy.red());
        QVERIFY(redSell.red() > redSell.green());
        QCOMPARE(gainColor(), greenBuy);
        QCOMPARE(lossColor(), redSell);
        DisplayStyle::instance().setColorScheme(ColorScheme::BlueOrange);
        const QColor blueBuy = sideColor(Side::Buy);
        const QColor orangeSell = sideColor(Side::Sell);
        QVERIFY(blueBuy.blue() > blueBuy.red() && blueBuy.blue() > blueBuy.green());
        QVERIFY(orangeSell.red() > orangeSell.blue() && orangeSell.green() > orangeSell.blue());
        // P&L and the tape share one meaning per colour.
        QCOMPARE(gainColor(), blueBuy);
        QCOMPARE(lossColor(), orangeSell);
        QCOMPARE(WhaleFeedModel::sideColor(Side::Sell), orangeSell);
        QCOMPARE(pnlForeground(dec("-1")).value<QColor>(), orangeSell);
    }

    // Grades, warnings and sides are different things and must not share a colour in either
    // scheme (a D or F grade in the blue/orange scheme's loss orange read as a loss).
    void gradeAndCautionColoursStayApart_data() {
        QTest::addColumn<int>("scheme");
        QTest::newRow("red/green") << int(ColorScheme::RedGreen);
        QTest::newRow("blue/orange") << int(ColorScheme::BlueOrange);
    }
    void gradeAndCautionColoursStayApart() {
        QFETCH(int, scheme);
        StyleGuard guard;
        DisplayStyle::instance().setColorScheme(ColorScheme(scheme));
        const QList<QPair<QString, QColor>> others{
            {u"buy"_s, buyColor()}, {u"sell"_s, sellColor()}, {u"caution"_s, cautionColor()}};
        const QList<Grade> grades{Grade::S, Grade::A, Grade::B, Grade::C, Grade::D, Grade::F};
        for (const Grade grade : grades) {
            for (const auto &[name, colour] : others)
                QVERIFY2(colourDistance(gradeColor(grade), colour) >= kApart,
                         qPrintable(gradeName(grade) + u" vs "_s + name));
            for (const Grade other : grades)
                QVERIFY2(other == grade || colourDistance(gradeColor(grade), gradeColor(other)) >= kApart,
                         qPrintable(gradeName(grade) + u" vs "_s + gradeName(other)));
        }
        QVERIFY(colourDistance(cautionColor(), buyColor()) >= kApart);
        QVERIFY(colourDistance(cautionColor(), sellColor()) >= kApart);
    }

    // A style change repaints the tape's cells and headers in place: no reset, no re-layout.
    void modelRefreshesInPlace() {
        StyleGuard guard;
        WhaleFeedModel model;
        auto tester = attachModelTester(&model);
        model.appendBatch({polyTrade(1, kT0, "0.25"), polyTrade(2, kT0 + 1, "0.5")});
        QSignalSpy data(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy headers(&model, &QAbstractItemModel::headerDataChanged);
        QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        const QModelIndex price = model.index(0, WhaleFeedModel::column(WhaleFeedModel::Column::Price));
        QCOMPARE(price.data().toString(), u"50.0¢"_s);
        DisplayStyle::instance().setPriceUnit(PriceUnit::Percent);
        QCOMPARE(data.size(), 1);
        QCOMPARE(headers.size(), 1);
        QCOMPARE(layout.size(), 0);
        QCOMPARE(reset.size(), 0);
        QCOMPARE(data.at(0).at(0).toModelIndex(), model.index(0, 0));
        QCOMPARE(data.at(0).at(1).toModelIndex(), model.index(1, WhaleFeedModel::kColumnCount - 1));
        QCOMPARE(price.data().toString(), u"50.0%"_s);
        QVERIFY(model.headerData(price.column(), Qt::Horizontal, Qt::ToolTipRole)
                    .toString()
                    .contains(u"probab"_s));
    }

    void emptyModelStaysQuiet() {
        StyleGuard guard;
        WhaleFeedModel model;
        auto tester = attachModelTester(&model);
        QSignalSpy data(&model, &QAbstractItemModel::dataChanged);
        DisplayStyle::instance().setColorScheme(ColorScheme::BlueOrange);
        QCOMPARE(data.size(), 0);
    }
};

QTEST_MAIN(TstDisplayStyle)
#include "tst_displaystyle.moc"
