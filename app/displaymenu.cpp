#include "app/displaymenu.h"

#include "models/displaystyle.h"

#include <QActionGroup>
#include <QMenu>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace longshot::app {

namespace {

QString key(const char *name) {
    return QString::fromLatin1(name);
}

} // namespace

QMenu *createDisplayMenu(QSettings *store, QWidget *parent) {
    DisplayStyle &style = DisplayStyle::instance();
    style.setPriceUnit(store->value(key(kPriceUnitKey)).toString() == u"percent"_s ? PriceUnit::Percent
                                                                                   : PriceUnit::Cents);
    style.setColorScheme(store->value(key(kColorSchemeKey)).toString() == u"blueOrange"_s
                             ? ColorScheme::BlueOrange
                             : ColorScheme::RedGreen);

    auto *menu = new QMenu(QObject::tr("&Numbers and Colours"), parent);
    menu->setObjectName(u"menuDisplay"_s);
    menu->setToolTipsVisible(true);
    auto *units = new QActionGroup(menu);
    QAction *cents = menu->addAction(QObject::tr("Prices in &Cents (62.0¢)"));
    cents->setObjectName(u"actionPriceCents"_s);
    QAction *percent = menu->addAction(QObject::tr("Prices as &Probability (62.0%)"));
    percent->setObjectName(u"actionPricePercent"_s);
    for (QAction *action : {cents, percent}) {
        action->setCheckable(true);
        units->addAction(action);
    }
    (style.priceUnit() == PriceUnit::Percent ? percent : cents)->setChecked(true);
    QObject::connect(cents, &QAction::triggered, menu, [store] {
        DisplayStyle::instance().setPriceUnit(PriceUnit::Cents);
        store->setValue(key(kPriceUnitKey), u"cents"_s);
    });
    QObject::connect(percent, &QAction::triggered, menu, [store] {
        DisplayStyle::instance().setPriceUnit(PriceUnit::Percent);
        store->setValue(key(kPriceUnitKey), u"percent"_s);
    });

    menu->addSeparator();
    QAction *safe = menu->addAction(QObject::tr("Colour-blind Safe Colours (&Blue/Orange)"));
    safe->setObjectName(u"actionColorBlindSafe"_s);
    safe->setToolTip(
        QObject::tr("Buys and gains in blue, sells and losses in orange instead of green and red"));
    safe->setCheckable(true);
    safe->setChecked(style.colorScheme() == ColorScheme::BlueOrange);
    QObject::connect(safe, &QAction::toggled, menu, [store](bool on) {
        DisplayStyle::instance().setColorScheme(on ? ColorScheme::BlueOrange : ColorScheme::RedGreen);
        store->setValue(key(kColorSchemeKey), on ? u"blueOrange"_s : u"redGreen"_s);
    });
    return menu;
}

} // namespace longshot::app
