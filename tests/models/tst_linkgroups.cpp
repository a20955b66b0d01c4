#include "models/linkgroups.h"

#include <QSignalSpy>
#include <QTest>

using namespace longshot;
using namespace Qt::StringLiterals;

namespace {

const LinkedTrader kAlice{u"0xa71093cafc0c099b4ccab24c3cb8018d817923c4"_s, u"alice"_s};
const LinkedTrader kBob{u"0x56687bf447db6ffa42ffe2204a05edaa20f55839"_s, u"bob"_s};
const LinkedMarket kBraves{Venue::Polymarket,
                           u"0xa69826a08aefbfb213677dc6c9e1203c53aef78aaf43a3728bce502b4e37d6ee"_s,
                           u"Reds vs. Braves"_s};
const LinkedMarket kFed{Venue::Kalshi, u"KXFED-25DEC-T4.00"_s, u"Fed rate in December"_s};

} // namespace

class TstLinkGroups final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void names_data() {
        QTest::addColumn<LinkGroup>("group");
        QTest::addColumn<QString>("name");
        QTest::newRow("none") << LinkGroup::None << u"none"_s;
        QTest::newRow("red") << LinkGroup::Red << u"red"_s;
        QTest::newRow("green") << LinkGroup::Green << u"green"_s;
        QTest::newRow("blue") << LinkGroup::Blue << u"blue"_s;
        QTest::newRow("yellow") << LinkGroup::Yellow << u"yellow"_s;
    }
    void names() {
        QFETCH(LinkGroup, group);
        QFETCH(QString, name);
        QCOMPARE(linkGroupName(group), name);
        QCOMPARE(linkGroupFromName(name), group);
        QCOMPARE(linkGroupFromName(name.toUpper()), group);
        QVERIFY(!linkGroupTitle(group).isEmpty());
        QCOMPARE(linkGroupColor(group).isValid(), group != LinkGroup::None);
    }

    void unknownName() {
        QCOMPARE(linkGroupFromName(u"purple"), std::nullopt);
        QCOMPARE(linkGroupFromName(u""), std::nullopt);
    }

    // Publishing in one colour reaches that colour's docks and no other, in every colour.
    void publishReachesOnlyItsGroup_data() {
        QTest::addColumn<LinkGroup>("group");
        for (const LinkGroup g : kLinkGroups) {
            if (g != LinkGroup::None)
                QTest::newRow(qPrintable(linkGroupName(g))) << g;
        }
    }
    void publishReachesOnlyItsGroup() {
        QFETCH(LinkGroup, group);
        LinkGroups hub;
        LinkEndpoint source(&hub, group);
        std::vector<std::unique_ptr<LinkEndpoint>> sinks;
        std::vector<std::unique_ptr<QSignalSpy>> traders;
        std::vector<std::unique_ptr<QSignalSpy>> markets;
        for (const LinkGroup g : kLinkGroups) {
            sinks.push_back(std::make_unique<LinkEndpoint>(&hub, g));
            traders.push_back(
                std::make_unique<QSignalSpy>(sinks.back().get(), &LinkEndpoint::traderSelected));
            markets.push_back(
                std::make_unique<QSignalSpy>(sinks.back().get(), &LinkEndpoint::marketSelected));
        }
        QSignalSpy hubTraders(&hub, &LinkGroups::traderChanged);

        source.publish(kAlice, kBraves);

        for (std::size_t i = 0; i < sinks.size(); ++i) {
            const bool same = sinks[i]->group() == group;
            QCOMPARE(traders[i]->size(), same ? 1 : 0);
            QCOMPARE(markets[i]->size(), same ? 1 : 0);
            if (same) {
                QCOMPARE(traders[i]->at(0).at(0).value<LinkedTrader>(), kAlice);
                QCOMPARE(markets[i]->at(0).at(0).value<LinkedMarket>(), kBraves);
            }
        }
        QCOMPARE(hubTraders.size(), 1);
        QCOMPARE(hubTraders.at(0).at(0).value<LinkGroup>(), group);
        QCOMPARE(hub.trader(group), kAlice);
        QCOMPARE(hub.market(group), kBraves);
    }

    void unlinkedDocksNeitherSendNorHear() {
        LinkGroups hub;
        LinkEndpoint unlinkedSource(&hub, LinkGroup::None);
        LinkEndpoint unlinkedSink(&hub, LinkGroup::None);
        LinkEndpoint redSource(&hub, LinkGroup::Red);
        LinkEndpoint redSink(&hub, LinkGroup::Red);
        QSignalSpy unlinkedHears(&unlinkedSink, &LinkEndpoint::traderSelected);
        QSignalSpy redHears(&redSink, &LinkEndpoint::traderSelected);
        QSignalSpy hubHears(&hub, &LinkGroups::traderChanged);

        unlinkedSource.publishTrader(kAlice);
        QCOMPARE(hubHears.size(), 0);
        QCOMPARE(redHears.size(), 0);
        QVERIFY(hub.trader(LinkGroup::None).isEmpty());

        redSource.publishTrader(kBob);
        QCOMPARE(redHears.size(), 1);
        QCOMPARE(unlinkedHears.size(), 0);
    }

    void publisherDoesNotHearItself() {
        LinkGroups hub;
        LinkEndpoint both(&hub, LinkGroup::Green);
        LinkEndpoint other(&hub, LinkGroup::Green);
        QSignalSpy self(&both, &LinkEndpoint::marketSelected);
        QSignalSpy heard(&other, &LinkEndpoint::marketSelected);
        both.publishMarket(kFed);
        QCOMPARE(self.size(), 0);
        QCOMPARE(heard.size(), 1);
        other.publishMarket(kBraves);
        QCOMPARE(self.size(), 1);
        QCOMPARE(self.at(0).at(0).value<LinkedMarket>(), kBraves);
    }

    void samePublicationIsQuiet() {
        LinkGroups hub;
        LinkEndpoint source(&hub, LinkGroup::Blue);
        LinkEndpoint sink(&hub, LinkGroup::Blue);
        QSignalSpy traders(&sink, &LinkEndpoint::traderSelected);
        QSignalSpy markets(&sink, &LinkEndpoint::marketSelected);
        source.publish(kAlice, kBraves);
        source.publish(kAlice, kBraves);
        QCOMPARE(traders.size(), 1);
        QCOMPARE(markets.size(), 1);
        // A new trader in the same market moves the trader only.
        source.publish(kBob, kBraves);
        QCOMPARE(traders.size(), 2);
        QCOMPARE(markets.size(), 1);
        // Empty halves (a watchlist wallet row has no market) leave the group's market alone.
        source.publishTrader({});
        QCOMPARE(traders.size(), 2);
        QCOMPARE(hub.market(LinkGroup::Blue), kBraves);
    }

    void switchingGroupPicksUpItsSelection() {
        LinkGroups hub;
        LinkEndpoint red(&hub, LinkGroup::Red);
        LinkEndpoint yellow(&hub, LinkGroup::Yellow);
        red.publish(kAlice, kBraves);
        yellow.publishTrader(kBob);

        LinkEndpoint profile(&hub, LinkGroup::None);
        QSignalSpy group(&profile, &LinkEndpoint::groupChanged);
        QSignalSpy traders(&profile, &LinkEndpoint::traderSelected);
        QSignalSpy markets(&profile, &LinkEndpoint::marketSelected);

        profile.setGroup(LinkGroup::Red);
        QCOMPARE(group.size(), 1);
        QCOMPARE(group.at(0).at(0).value<LinkGroup>(), LinkGroup::Red);
        QCOMPARE(traders.size(), 1);
        QCOMPARE(traders.at(0).at(0).value<LinkedTrader>(), kAlice);
        QCOMPARE(markets.size(), 1);
        QCOMPARE(markets.at(0).at(0).value<LinkedMarket>(), kBraves);

        profile.setGroup(LinkGroup::Yellow); // yellow has a trader and no market
        QCOMPARE(traders.size(), 2);
        QCOMPARE(traders.at(1).at(0).value<LinkedTrader>(), kBob);
        QCOMPARE(markets.size(), 1);

        profile.setGroup(LinkGroup::Yellow); // no change, no signals
        QCOMPARE(group.size(), 2);
        QCOMPARE(traders.size(), 2);

        profile.setGroup(LinkGroup::Green); // empty group: nothing to pick up
        QCOMPARE(traders.size(), 2);
        QCOMPARE(markets.size(), 1);

        // Leaving a group stops its publications from arriving.
        profile.setGroup(LinkGroup::None);
        red.publishTrader(kBob);
        QCOMPARE(traders.size(), 2);
    }

    // Two profile docks on different colours follow different selections.
    void twoProfilesFollowDifferentSelections() {
        LinkGroups hub;
        LinkEndpoint feed(&hub, LinkGroup::Red);
        LinkEndpoint leaderboard(&hub, LinkGroup::Blue);
        LinkEndpoint profileA(&hub, LinkGroup::Red);
        LinkEndpoint profileB(&hub, LinkGroup::Blue);
        QSignalSpy a(&profileA, &LinkEndpoint::traderSelected);
        QSignalSpy b(&profileB, &LinkEndpoint::traderSelected);
        feed.publishTrader(kAlice);
        leaderboard.publishTrader(kBob);
        QCOMPARE(a.size(), 1);
        QCOMPARE(b.size(), 1);
        QCOMPARE(a.at(0).at(0).value<LinkedTrader>(), kAlice);
        QCOMPARE(b.at(0).at(0).value<LinkedTrader>(), kBob);
    }

    void endpointOutlivesHub() {
        auto hub = std::make_unique<LinkGroups>();
        LinkEndpoint endpoint(hub.get(), LinkGroup::Red);
        hub.reset();
        endpoint.publishTrader(kAlice); // no crash, nowhere to go
        endpoint.setGroup(LinkGroup::Blue);
        QCOMPARE(endpoint.group(), LinkGroup::Blue);
    }
};

QTEST_GUILESS_MAIN(TstLinkGroups)
#include "tst_linkgroups.moc"
