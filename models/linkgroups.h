#pragma once

#include "models/domain/venue.h"

#include <QColor>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QString>

#include <array>
#include <optional>

namespace longshot {

// Colour links as trading terminals have them: docks set to the same colour follow one
// another's selection, docks in different colours do not, and None leaves a dock unlinked.
// Numbered from 1 so a zero-initialised value is never mistaken for a choice.
enum class LinkGroup : quint8 { None = 1, Red, Green, Blue, Yellow };
inline constexpr std::array kLinkGroups{LinkGroup::None, LinkGroup::Red, LinkGroup::Green, LinkGroup::Blue,
                                        LinkGroup::Yellow};

// Stable lowercase names for settings ("none", "red", …).
QString linkGroupName(LinkGroup group);
std::optional<LinkGroup> linkGroupFromName(QStringView name);
// "Red", "Not linked": for menus and tooltips.
QString linkGroupTitle(LinkGroup group);
// The swatch drawn on a dock's link button; invalid for None, which is drawn as an outline.
QColor linkGroupColor(LinkGroup group);

struct LinkedTrader {
    QString wallet; // lowercase 0x address
    QString label;  // display name, pseudonym or short wallet; may be empty
    bool isEmpty() const { return wallet.isEmpty(); }
    friend bool operator==(const LinkedTrader &, const LinkedTrader &) = default;
};

struct LinkedMarket {
    Venue venue = Venue::Polymarket;
    QString marketId; // condition id or Kalshi ticker
    QString title;
    bool isEmpty() const { return marketId.isEmpty(); }
    friend bool operator==(const LinkedMarket &, const LinkedMarket &) = default;
};

// The selection hub: for each colour, the trader and the market last selected in it. Sources
// publish through a LinkEndpoint; publishing in None goes nowhere, and re-publishing what a
// group already holds notifies nobody, so a table that re-selects the same row is quiet.
class LinkGroups final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LinkGroups)
public:
    explicit LinkGroups(QObject *parent = nullptr);
    ~LinkGroups() override;

    LinkedTrader trader(LinkGroup group) const;
    LinkedMarket market(LinkGroup group) const;

    void publishTrader(LinkGroup group, const longshot::LinkedTrader &trader);
    void publishMarket(LinkGroup group, const longshot::LinkedMarket &market);

Q_SIGNALS:
    void traderChanged(longshot::LinkGroup group, const longshot::LinkedTrader &trader);
    void marketChanged(longshot::LinkGroup group, const longshot::LinkedMarket &market);

private:
    struct Selection {
        LinkedTrader trader;
        LinkedMarket market;
    };
    Selection &at(LinkGroup group);
    const Selection &at(LinkGroup group) const;

    std::array<Selection, kLinkGroups.size()> m_selections;
};

// One dock's end of a link: the group it is in, what it publishes and what reaches it. A
// dock hears only its own group, never its own publications (a profile dock that selects a
// market must not be told to open that market's trader again), and on joining a group it is
// handed that group's current trader and market at once.
class LinkEndpoint final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LinkEndpoint)
public:
    explicit LinkEndpoint(LinkGroups *hub, LinkGroup group = LinkGroup::None, QObject *parent = nullptr);
    ~LinkEndpoint() override;

    LinkGroup group() const { return m_group; }
    void setGroup(LinkGroup group);

    void publishTrader(const longshot::LinkedTrader &trader);
    void publishMarket(const longshot::LinkedMarket &market);
    // A trade row selects both its trader and its market.
    void publish(const longshot::LinkedTrader &trader, const longshot::LinkedMarket &market);

Q_SIGNALS:
    void groupChanged(longshot::LinkGroup group);
    void traderSelected(const longshot::LinkedTrader &trader);
    void marketSelected(const longshot::LinkedMarket &market);

private:
    void onTrader(LinkGroup group, const LinkedTrader &trader);
    void onMarket(LinkGroup group, const LinkedMarket &market);

    QPointer<LinkGroups> m_hub;
    LinkGroup m_group;
    bool m_publishing = false;
};

} // namespace longshot

Q_DECLARE_METATYPE(longshot::LinkGroup)
Q_DECLARE_METATYPE(longshot::LinkedTrader)
Q_DECLARE_METATYPE(longshot::LinkedMarket)
