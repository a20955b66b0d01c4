#include "models/linkgroups.h"

#include <QCoreApplication>
#include <QScopedValueRollback>

using namespace Qt::StringLiterals;

namespace longshot {

namespace {

std::size_t slot(LinkGroup group) {
    const auto index = std::size_t(group) - std::size_t(LinkGroup::None);
    return index < kLinkGroups.size() ? index : 0;
}

} // namespace

QString linkGroupName(LinkGroup group) {
    switch (group) {
    case LinkGroup::None:
        return u"none"_s;
    case LinkGroup::Red:
        return u"red"_s;
    case LinkGroup::Green:
        return u"green"_s;
    case LinkGroup::Blue:
        return u"blue"_s;
    case LinkGroup::Yellow:
        return u"yellow"_s;
    }
    return u"none"_s;
}

std::optional<LinkGroup> linkGroupFromName(QStringView name) {
    for (const LinkGroup group : kLinkGroups) {
        if (name.compare(linkGroupName(group), Qt::CaseInsensitive) == 0)
            return group;
    }
    return std::nullopt;
}

QString linkGroupTitle(LinkGroup group) {
    switch (group) {
    case LinkGroup::None:
        return QCoreApplication::translate("LinkGroups", "Not linked");
    case LinkGroup::Red:
        return QCoreApplication::translate("LinkGroups", "Red");
    case LinkGroup::Green:
        return QCoreApplication::translate("LinkGroups", "Green");
    case LinkGroup::Blue:
        return QCoreApplication::translate("LinkGroups", "Blue");
    case LinkGroup::Yellow:
        return QCoreApplication::translate("LinkGroups", "Yellow");
    }
    return {};
}

QColor linkGroupColor(LinkGroup group) {
    // Saturated mid tones that read on both the light and the dark theme's title bars.
    switch (group) {
    case LinkGroup::None:
        return {};
    case LinkGroup::Red:
        return QColor(0xe5, 0x48, 0x4d);
    case LinkGroup::Green:
        return QColor(0x30, 0xa4, 0x6c);
    case LinkGroup::Blue:
        return QColor(0x3b, 0x82, 0xf6);
    case LinkGroup::Yellow:
        return QColor(0xf5, 0xb7, 0x00);
    }
    return {};
}

LinkGroups::LinkGroups(QObject *parent)
    : QObject(parent) {
    qRegisterMetaType<longshot::LinkGroup>();
    qRegisterMetaType<longshot::LinkedTrader>();
    qRegisterMetaType<longshot::LinkedMarket>();
}

LinkGroups::~LinkGroups() = default;

LinkGroups::Selection &LinkGroups::at(LinkGroup group) {
    return m_selections[slot(group)];
}

const LinkGroups::Selection &LinkGroups::at(LinkGroup group) const {
    return m_selections[slot(group)];
}

LinkedTrader LinkGroups::trader(LinkGroup group) const {
    return group == LinkGroup::None ? LinkedTrader() : at(group).trader;
}

LinkedMarket LinkGroups::market(LinkGroup group) const {
    return group == LinkGroup::None ? LinkedMarket() : at(group).market;
}

void LinkGroups::publishTrader(LinkGroup group, const LinkedTrader &trader) {
    if (group == LinkGroup::None || trader.isEmpty() || at(group).trader == trader)
        return;
    at(group).trader = trader;
    Q_EMIT traderChanged(group, trader);
}

void LinkGroups::publishMarket(LinkGroup group, const LinkedMarket &market) {
    if (group == LinkGroup::None || market.isEmpty() || at(group).market == market)
        return;
    at(group).market = market;
    Q_EMIT marketChanged(group, market);
}

LinkEndpoint::LinkEndpoint(LinkGroups *hub, LinkGroup group, QObject *parent)
    : QObject(parent)
    , m_hub(hub)
    , m_group(group) {
    if (!hub)
        return;
    connect(hub, &LinkGroups::traderChanged, this, &LinkEndpoint::onTrader);
    connect(hub, &LinkGroups::marketChanged, this, &LinkEndpoint::onMarket);
}

LinkEndpoint::~LinkEndpoint() = default;

void LinkEndpoint::setGroup(LinkGroup group) {
    if (group == m_group)
        return;
    m_group = group;
    Q_EMIT groupChanged(group);
    if (!m_hub || group == LinkGroup::None)
        return;
    // Joining a group shows what the group is looking at, as if it had just been selected.
    if (const LinkedTrader trader = m_hub->trader(group); !trader.isEmpty())
        Q_EMIT traderSelected(trader);
    if (const LinkedMarket market = m_hub->market(group); !market.isEmpty())
        Q_EMIT marketSelected(market);
}

void LinkEndpoint::publishTrader(const LinkedTrader &trader) {
    publish(trader, {});
}

void LinkEndpoint::publishMarket(const LinkedMarket &market) {
    publish({}, market);
}

void LinkEndpoint::publish(const LinkedTrader &trader, const LinkedMarket &market) {
    if (!m_hub || m_group == LinkGroup::None)
        return;
    const QScopedValueRollback guard(m_publishing, true);
    m_hub->publishTrader(m_group, trader);
    m_hub->publishMarket(m_group, market);
}

void LinkEndpoint::onTrader(LinkGroup group, const LinkedTrader &trader) {
    if (group == m_group && !m_publishing)
        Q_EMIT traderSelected(trader);
}

void LinkEndpoint::onMarket(LinkGroup group, const LinkedMarket &market) {
    if (group == m_group && !m_publishing)
        Q_EMIT marketSelected(market);
}

} // namespace longshot
