// DataApiTradesParser against the 20 real data-api /trades rows, odd bodies, and rows that
// must be refused one by one; and the socket copy of a fill must key like the REST copy.
#include "net/rtdsparser.h"
#include "tests/support/testdata.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace longshot;
using namespace longshot::net;

namespace {

constexpr qint64 kReceivedMs = 1'790'262'900'000;

QStringList sortedNames(const QList<RejectReason> &reasons) {
    QStringList out;
    for (RejectReason r : reasons)
        out.append(rejectReasonName(r));
    out.sort();
    return out;
}

QStringList sortedNames(std::initializer_list<RejectReason> reasons) {
    return sortedNames(QList<RejectReason>(reasons));
}

// One REST row for the fill in RTDS fixture frame 1, with `price`, `size` and `timestamp`
// spelled as given; the wallet is lowercase, as the data-api sends it.
QByteArray restRow(const QByteArray &price, const QByteArray &size, const QByteArray &timestamp) {
    return R"({"proxyWallet":"0xf5848342fc388908f2d25a9012cc18a0ad193979","side":"BUY",)"
           R"("asset":"50341643796357809199138088836529201104815997551572832995218005287849225766499",)"
           R"("conditionId":"0xfa380ce2bb2b55282cef8a85595580425524eb25846a1d9feaaa338941997d1d","size":)" +
           size + ",\"price\":" + price + ",\"timestamp\":" + timestamp +
           R"(,"title":"Will Malta win on 2026-09-24?","slug":"unl-and-mal-2026-09-24-mal",)"
           R"("eventSlug":"unl-and-mal-2026-09-24","outcome":"No","outcomeIndex":1,"name":"","pseudonym":"",)"
           R"("bio":"","profileImage":"","profileImageOptimized":"",)"
           R"("transactionHash":"0x94cfdfa3bd63a11cf2fd697932ee615b6bcfb36f7ee65da9762012e88b6c5bca"})";
}

QByteArray goodRow() {
    return restRow("0.03", "1030.92", "1790272257");
}

} // namespace

class TestDataApiTradesParser final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fixtureRows_data();
    void fixtureRows();
    void fixturePageCounts();
    void activityFixtureRefusesNonTradeRows();
    void bodies_data();
    void bodies();
    void badRowsAreCountedAndSkipped();
    void bodyLargerThanAFrameParses();
    void socketAndRestCopiesShareKey_data();
    void socketAndRestCopiesShareKey();
};

void TestDataApiTradesParser::fixtureRows_data() {
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("wallet");
    QTest::addColumn<QString>("side");
    QTest::addColumn<QString>("asset");
    QTest::addColumn<QString>("conditionId");
    QTest::addColumn<QString>("size");
    QTest::addColumn<QString>("price");
    QTest::addColumn<QString>("notional");
    QTest::addColumn<qint64>("timestampMs");
    QTest::addColumn<int>("outcomeIndex");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("slug");
    QTest::addColumn<QString>("eventSlug");
    QTest::addColumn<QString>("outcome");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("pseudonym");
    QTest::addColumn<QString>("txHash");

    QTest::addRow("row %d", 0)
        << 0 << u"0xa71093cafc0c099b4ccab24c3cb8018d817923c4"_s << u"BUY"_s
        << u"96813350863775094210272472524339982880516947806225831912399411490979459105286"_s
        << u"0xa69826a08aefbfb213677dc6c9e1203c53aef78aaf43a3728bce502b4e37d6ee"_s << u"8643"_s << u"0.68"_s
        << u"5877.24"_s << Q_INT64_C(1790262855000) << 1 << u"Cincinnati Reds vs. Atlanta Braves"_s
        << u"mlb-cin-atl-2026-09-24"_s << u"mlb-cin-atl-2026-09-24"_s << u"Atlanta Braves"_s << u"Talvez10"_s
        << u"Fresh-Availability"_s << u"0x854893148a04e0cd9b8593dc37a3a2229d7be314cc1d7a7032ee83263fb14c78"_s;
    QTest::addRow("row %d", 1)
        << 1 << u"0xfe787d2da716d60e8acff57fb87eb13cd4d10319"_s << u"BUY"_s
        << u"97361393817985451910967440023684722177078501252083285624479319870258304500957"_s
        << u"0xfeeddd02be56505df68221083883e98712bfc78eafb26d1d5170555caace978a"_s << u"11390.6"_s
        << u"0.77"_s << u"8770.762"_s << Q_INT64_C(1790262852000) << 0
        << u"Tolentino: Ekaterine Gorgodze vs Barbora Palicova"_s << u"wta-gorgodz-palicov-2026-09-24"_s
        << u"wta-gorgodz-palicov-2026-09-24"_s << u"Ekaterine Gorgodze"_s << u"ferrariChampions2026"_s
        << u"Glaring-Salt"_s << u"0x26ba3ac2c868a0046524f562c9a7366050f2064533eb40eeda2dbcce5e7e0e13"_s;
    QTest::addRow("row %d", 2)
        << 2 << u"0x705b892056ddf0bad1c60740186ae91b1a6d2805"_s << u"SELL"_s
        << u"109302357305522421691822439707156409946304223983106245984780563596603542405579"_s
        << u"0x21ea623117a7819f91b05ce873d7f4bc28c9d24bd2cc190c7c368da38cd6f151"_s << u"5999.98"_s
        << u"0.999"_s << u"5993.98002"_s << Q_INT64_C(1790262821000) << 0
        << u"Dota 2: Aurora vs GamerLegion - Game 2 Winner"_s << u"dota2-aur1-gl-2026-09-24-game2"_s
        << u"dota2-aur1-gl-2026-09-24"_s << u"Aurora"_s
        << u"0x705B892056ddF0BAd1c60740186Ae91B1a6d2805-1788250233658"_s << u"Euphoric-Sick-Prizefight"_s
        << u"0x1bde5dedeb6ff008917789ae676beebdeeadfb0131613726e4be5b8e17caab09"_s;
    QTest::addRow("row %d", 3)
        << 3 << u"0x9909dfa7a317343039193b349909e2094b59311c"_s << u"BUY"_s
        << u"109302357305522421691822439707156409946304223983106245984780563596603542405579"_s
        << u"0x21ea623117a7819f91b05ce873d7f4bc28c9d24bd2cc190c7c368da38cd6f151"_s << u"5999.98"_s
        << u"0.999"_s << u"5993.98002"_s << Q_INT64_C(1790262821000) << 0
        << u"Dota 2: Aurora vs GamerLegion - Game 2 Winner"_s << u"dota2-aur1-gl-2026-09-24-game2"_s
        << u"dota2-aur1-gl-2026-09-24"_s << u"Aurora"_s << u"LhordGryffin"_s << u"Unwieldy-Stick-Acetate"_s
        << u"0x1bde5dedeb6ff008917789ae676beebdeeadfb0131613726e4be5b8e17caab09"_s;
    // Row 4 sends price 0.9597472099: Decimal keeps six decimals (0.959747, half-even), and the
    // notional is taken from the stored price: 13701.09 x 0.959747.
    QTest::addRow("row %d", 4)
        << 4 << u"0xc851cd9bee7d262afd78674f861f9f576a12cd2a"_s << u"SELL"_s
        << u"110124369154659006328320349797831539154282530245624469518430389053088403535939"_s
        << u"0x524ce344b80a160c237d91a33efdd8b82468b0dc0d33f60d500f8bf69b80b8bb"_s << u"13701.09"_s
        << u"0.959747"_s << u"13149.580024"_s << Q_INT64_C(1790262818000) << 0
        << u"Israel x Iran ceasefire continues through September 30?"_s
        << u"israel-x-iran-ceasefire-continues-through-september-30"_s
        << u"israel-x-iran-ceasefire-continues-throughptptpt-20260716224448963"_s << u"Yes"_s << u"betwick"_s
        << u"Vibrant-Vintner"_s << u"0x327aa370aace99e82de0ae19898b6490c8c196e931e78d018ec1109b2b624416"_s;
    QTest::addRow("row %d", 5)
        << 5 << u"0x7cf93583951552553bc0d243a8582a3410ed2798"_s << u"BUY"_s
        << u"55159722761418013044126414276680602270318000841690689684819994448621694923050"_s
        << u"0x12aa13b3da17ceae1b0a59b5d5b77121e91bb79b4bb0b52bf6543ed3f8d0953b"_s << u"8653.1"_s << u"0.65"_s
        << u"5624.515"_s << Q_INT64_C(1790262737000) << 0
        << u"Will the Fed increase interest rates by 25 bps after the October 2026 meeting?"_s
        << u"will-the-fed-increase-interest-rates-by-25-bps-after-the-october-2026-meeting-20260617190324032"_s
        << u"fed-decision-in-october-20260617190323537"_s << u"Yes"_s << u"SheltonDoubter"_s
        << u"Weird-Discourse"_s << u"0xa81f7115ab38e2dd8646256fb66ef70b5424da9d6dae840309d24d3ca4da0951"_s;
    QTest::addRow("row %d", 6)
        << 6 << u"0xf1528f12e645462c344799b62b1b421a6a4c64aa"_s << u"BUY"_s
        << u"68673272757760358304259685764875879771731134011838731228807390877509900553459"_s
        << u"0xa5c246a9c99e8326ca8814f26abb6dba8f1c3553bb83819a5719ac1731c0fc37"_s << u"7750.626924"_s
        << u"0.87"_s << u"6743.045424"_s << Q_INT64_C(1790262735000) << 1
        << u"Will Israel win on 2026-09-24?"_s << u"unl-aut-isr-2026-09-24-isr"_s
        << u"unl-aut-isr-2026-09-24"_s << u"No"_s << u"phonesculptor"_s << u"Distant-Tunnel"_s
        << u"0x37d622d67e3921dd5cd8dd0f80394befce25b443fa53681ba0459ca5710bc376"_s;
    QTest::addRow("row %d", 7)
        << 7 << u"0xf1528f12e645462c344799b62b1b421a6a4c64aa"_s << u"BUY"_s
        << u"68673272757760358304259685764875879771731134011838731228807390877509900553459"_s
        << u"0xa5c246a9c99e8326ca8814f26abb6dba8f1c3553bb83819a5719ac1731c0fc37"_s << u"6754.45"_s
        << u"0.87"_s << u"5876.3715"_s << Q_INT64_C(1790262735000) << 1 << u"Will Israel win on 2026-09-24?"_s
        << u"unl-aut-isr-2026-09-24-isr"_s << u"unl-aut-isr-2026-09-24"_s << u"No"_s << u"phonesculptor"_s
        << u"Distant-Tunnel"_s << u"0x37d622d67e3921dd5cd8dd0f80394befce25b443fa53681ba0459ca5710bc376"_s;
    QTest::addRow("row %d", 8)
        << 8 << u"0x74b75e8436613e36fac0e007a01dfd33753d8b0b"_s << u"SELL"_s
        << u"109302357305522421691822439707156409946304223983106245984780563596603542405579"_s
        << u"0x21ea623117a7819f91b05ce873d7f4bc28c9d24bd2cc190c7c368da38cd6f151"_s << u"5349.66"_s
        << u"0.999"_s << u"5344.31034"_s << Q_INT64_C(1790262713000) << 0
        << u"Dota 2: Aurora vs GamerLegion - Game 2 Winner"_s << u"dota2-aur1-gl-2026-09-24-game2"_s
        << u"dota2-aur1-gl-2026-09-24"_s << u"Aurora"_s << u"RNGUzi"_s << u"Forked-Settler"_s
        << u"0x11b98ff159d64873b4d4850f567e55181c8dedcc4e6d3595afc07fa2ea3cfa7a"_s;
    QTest::addRow("row %d", 9)
        << 9 << u"0x74b75e8436613e36fac0e007a01dfd33753d8b0b"_s << u"SELL"_s
        << u"109302357305522421691822439707156409946304223983106245984780563596603542405579"_s
        << u"0x21ea623117a7819f91b05ce873d7f4bc28c9d24bd2cc190c7c368da38cd6f151"_s << u"5132.17"_s
        << u"0.999"_s << u"5127.03783"_s << Q_INT64_C(1790262707000) << 0
        << u"Dota 2: Aurora vs GamerLegion - Game 2 Winner"_s << u"dota2-aur1-gl-2026-09-24-game2"_s
        << u"dota2-aur1-gl-2026-09-24"_s << u"Aurora"_s << u"RNGUzi"_s << u"Forked-Settler"_s
        << u"0xaa1ae8b96095d842dd8549d171dc145ab0cc62ca330f578de56ca38a217c0b98"_s;
    QTest::addRow("row %d", 10)
        << 10 << u"0x6b8f18b7af10316b2b57aa6dac2c923986f2449b"_s << u"BUY"_s
        << u"21244352109553871672251137624494800297345203898944796967447551868386922282552"_s
        << u"0x58c6c6e502fccc052d66e6071229743edb3569497132c6f9c570028fcfef7c2d"_s << u"10000"_s << u"0.95"_s
        << u"9500"_s << Q_INT64_C(1790262483000) << 0 << u"Singapore Open: Maria Sakkari vs Nao Hibino"_s
        << u"wta-sakkari-hibino-2026-09-23"_s << u"wta-sakkari-hibino-2026-09-23"_s << u"Maria Sakkari"_s
        << u"Lawsuitevidencaugust2026"_s << u"Improbable-Injunction-Carpet"_s
        << u"0xd75e882e185322482182293b8d3a89cf9fefbcb60c7fa7f3843606c8871c0022"_s;
    QTest::addRow("row %d", 11)
        << 11 << u"0xa71093cafc0c099b4ccab24c3cb8018d817923c4"_s << u"BUY"_s
        << u"96813350863775094210272472524339982880516947806225831912399411490979459105286"_s
        << u"0xa69826a08aefbfb213677dc6c9e1203c53aef78aaf43a3728bce502b4e37d6ee"_s << u"56178.82"_s
        << u"0.68"_s << u"38201.5976"_s << Q_INT64_C(1790262474000) << 1
        << u"Cincinnati Reds vs. Atlanta Braves"_s << u"mlb-cin-atl-2026-09-24"_s
        << u"mlb-cin-atl-2026-09-24"_s << u"Atlanta Braves"_s << u"Talvez10"_s << u"Fresh-Availability"_s
        << u"0x108c4f68ea337bb9ef85a4533895ad298c3b0a6c11edbc3866962f24f45b1e50"_s;
    QTest::addRow("row %d", 12)
        << 12 << u"0xa71093cafc0c099b4ccab24c3cb8018d817923c4"_s << u"BUY"_s
        << u"96813350863775094210272472524339982880516947806225831912399411490979459105286"_s
        << u"0xa69826a08aefbfb213677dc6c9e1203c53aef78aaf43a3728bce502b4e37d6ee"_s << u"49035.92"_s
        << u"0.68"_s << u"33344.4256"_s << Q_INT64_C(1790262474000) << 1
        << u"Cincinnati Reds vs. Atlanta Braves"_s << u"mlb-cin-atl-2026-09-24"_s
        << u"mlb-cin-atl-2026-09-24"_s << u"Atlanta Braves"_s << u"Talvez10"_s << u"Fresh-Availability"_s
        << u"0x588001a143ae62238371755145217c5695a539117372b64ebc8229340a612006"_s;
    QTest::addRow("row %d", 13)
        << 13 << u"0x16bb9951a36fce71e2ef57890b786145e0ba8492"_s << u"BUY"_s
        << u"44561137812276340543816237662731179704637012523616327070577590102591869111967"_s
        << u"0xa69826a08aefbfb213677dc6c9e1203c53aef78aaf43a3728bce502b4e37d6ee"_s << u"40000"_s << u"0.33"_s
        << u"13200"_s << Q_INT64_C(1790262383000) << 0 << u"Cincinnati Reds vs. Atlanta Braves"_s
        << u"mlb-cin-atl-2026-09-24"_s << u"mlb-cin-atl-2026-09-24"_s << u"Cincinnati Reds"_s
        << u"SDTrading"_s << u""_s << u"0x05c399a9cadbae5f8e850965c04dc299147fa94ba933e6cbc8fcf1e9c516b5ca"_s;
    QTest::addRow("row %d", 14)
        << 14 << u"0x224a89dbe0db0d6124b335edabd15b3f877da3d5"_s << u"BUY"_s
        << u"96813350863775094210272472524339982880516947806225831912399411490979459105286"_s
        << u"0xa69826a08aefbfb213677dc6c9e1203c53aef78aaf43a3728bce502b4e37d6ee"_s << u"40000"_s << u"0.67"_s
        << u"26800"_s << Q_INT64_C(1790262383000) << 1 << u"Cincinnati Reds vs. Atlanta Braves"_s
        << u"mlb-cin-atl-2026-09-24"_s << u"mlb-cin-atl-2026-09-24"_s << u"Atlanta Braves"_s
        << u"wr0ngw4yb3tt0r"_s << u"Unwieldy-Supporter"_s
        << u"0x05c399a9cadbae5f8e850965c04dc299147fa94ba933e6cbc8fcf1e9c516b5ca"_s;
    QTest::addRow("row %d", 15)
        << 15 << u"0x138acc285e9125199b9d3b593d01ee05ef4f2a04"_s << u"BUY"_s
        << u"50085164654457077021180441667207714705224469706773328882519583735294659477266"_s
        << u"0x5ca616aaa0e1e5df6c38439f8bee4b96bacfe32f8f39cb2f1604c0196548662f"_s << u"9981.453334"_s
        << u"0.997"_s << u"9951.508974"_s << Q_INT64_C(1790262335000) << 1
        << u"Will China invade Taiwan by September 30, 2026?"_s
        << u"will-china-invade-taiwan-by-september-30-2026"_s
        << u"will-china-invade-taiwan-by-september-30-2026"_s << u"No"_s
        << u"0x138aD4FD2E68C3468FaB74a6O1AD166894952a04"_s << u"True-Restriction"_s
        << u"0xf73ee2b829d4ba942b5d6282585ba04349d86a97a9f5d03a4a92607558d8cd36"_s;
    QTest::addRow("row %d", 16)
        << 16 << u"0x2005d16a84ceefa912d4e380cd32e7ff827875ea"_s << u"BUY"_s
        << u"83085765602147052971410871369205340870693558931450720505419648215252821085715"_s
        << u"0xb98e968ac351f09508ba0d7160c08f6bbe04cfcbe027bb11c1f15a138f9b40ec"_s << u"7650"_s << u"0.79"_s
        << u"6043.5"_s << Q_INT64_C(1790262293000) << 0 << u"Ankara: Deniz Dilek vs Cagla Buyukakcay"_s
        << u"wta-dilek-buyukak-2026-09-24"_s << u"wta-dilek-buyukak-2026-09-24"_s << u"Deniz Dilek"_s
        << u"RN1"_s << u"Scary-Edible"_s
        << u"0x86e490443876f4dbbd6ecbd4e56ea40aff649c51804911aaf2d548edf9ea134f"_s;
    QTest::addRow("row %d", 17)
        << 17 << u"0x7f42267ac46ce8c160830b3052d93bba2cf236ff"_s << u"SELL"_s
        << u"51797157743046504218541616681751597845468055908324407922581755135522797852101"_s
        << u"0x0b4cc3b739e1dfe5d73274740e7308b6fb389c5af040c3a174923d928d134bee"_s << u"5855"_s << u"0.982"_s
        << u"5749.61"_s << Q_INT64_C(1790262249000) << 1 << u"Will Jesus Christ return before 2027?"_s
        << u"will-jesus-christ-return-before-2027"_s << u"will-jesus-christ-return-before-2027"_s << u"No"_s
        << u"waterwaterwater"_s << u"Qualified-Might"_s
        << u"0x7e52d33c3c665bc60890d26cb3365ee729aeade459b6e9030dd610595fe4b86d"_s;
    QTest::addRow("row %d", 18)
        << 18 << u"0x5e9458202b5817a72cf81105ec8a30e6f3705ba1"_s << u"BUY"_s
        << u"11794301514328108141294875868024473075349175292074025539752698134430339760557"_s
        << u"0xfe183e0c0d641bdd06af2f6cea4ffd49fabdbfd57d98d743b9d0388e035b5b01"_s << u"18219.8"_s
        << u"0.54"_s << u"9838.692"_s << Q_INT64_C(1790262231000) << 0
        << u"Chicago White Sox vs. Kansas City Royals: O/U 8.5"_s << u"mlb-cws-kc-2026-09-24-total-8pt5"_s
        << u"mlb-cws-kc-2026-09-24"_s << u"Over"_s << u"pleaseplease123"_s << u"Prickly-Hype"_s
        << u"0xb61f57376d00c8fe6341e51ee63357520a08e0c48da4f9733ca28c2f200aa277"_s;
    QTest::addRow("row %d", 19)
        << 19 << u"0x224a89dbe0db0d6124b335edabd15b3f877da3d5"_s << u"BUY"_s
        << u"15508108475619894413581594279791462250554378374318507046928438433406133745420"_s
        << u"0xfe183e0c0d641bdd06af2f6cea4ffd49fabdbfd57d98d743b9d0388e035b5b01"_s << u"11626.08"_s
        << u"0.46"_s << u"5347.9968"_s << Q_INT64_C(1790262231000) << 1
        << u"Chicago White Sox vs. Kansas City Royals: O/U 8.5"_s << u"mlb-cws-kc-2026-09-24-total-8pt5"_s
        << u"mlb-cws-kc-2026-09-24"_s << u"Under"_s << u"wr0ngw4yb3tt0r"_s << u"Unwieldy-Supporter"_s
        << u"0xb61f57376d00c8fe6341e51ee63357520a08e0c48da4f9733ca28c2f200aa277"_s;
}

void TestDataApiTradesParser::fixtureRows() {
    QFETCH(int, index);
    QFETCH(QString, wallet);
    QFETCH(QString, side);
    QFETCH(QString, asset);
    QFETCH(QString, conditionId);
    QFETCH(QString, size);
    QFETCH(QString, price);
    QFETCH(QString, notional);
    QFETCH(qint64, timestampMs);
    QFETCH(int, outcomeIndex);
    QFETCH(QString, title);
    QFETCH(QString, slug);
    QFETCH(QString, eventSlug);
    QFETCH(QString, outcome);
    QFETCH(QString, name);
    QFETCH(QString, pseudonym);
    QFETCH(QString, txHash);

    DataApiTradesParser parser;
    const ParseResult r = parser.parseBody(
        test::readData(QStringLiteral("polymarket/data_api_trades_large_whalescan.json")), kReceivedMs);
    QCOMPARE(r.trades.size(), 20);
    const Trade &t = r.trades.at(index);
    QCOMPARE(t.venue, Venue::Polymarket);
    QCOMPARE(t.source, TradeSource::Rest);
    QCOMPARE(t.receivedMs, kReceivedMs);
    QCOMPARE(t.wallet.address(), wallet);
    QCOMPARE(sideName(t.side), side);
    QCOMPARE(t.assetId, asset);
    QCOMPARE(t.marketId, conditionId);
    QCOMPARE(t.size.toString(), size);
    QCOMPARE(t.price.toString(), price);
    QVERIFY(!t.fee.has_value()); // v1 rows carry no fee
    QVERIFY(t.notional().has_value());
    QCOMPARE(t.notional()->toString(), notional);
    QCOMPARE(t.timestampMs, timestampMs);
    QCOMPARE(t.outcomeIndex, outcomeIndex);
    QCOMPARE(t.marketTitle, title);
    QCOMPARE(t.marketSlug, slug);
    QCOMPARE(t.eventSlug, eventSlug);
    QCOMPARE(t.outcome, outcome);
    QCOMPARE(t.traderName, name);
    QCOMPARE(t.traderPseudonym, pseudonym);
    QCOMPARE(t.txId.text(), txHash);
}

void TestDataApiTradesParser::fixturePageCounts() {
    DataApiTradesParser parser;
    const ParseResult r = parser.parseBody(
        test::readData(QStringLiteral("polymarket/data_api_trades_large_whalescan.json")), kReceivedMs);
    QCOMPARE(r.trades.size(), 20);
    QCOMPARE(r.rejects.size(), 0);
    QCOMPARE(r.ignored, 0);
    QVERIFY(r.serverError.isEmpty());
    // Rows 6 and 7 are two fills in one transaction by one wallet: only the size tells them apart.
    QCOMPARE(r.trades.at(6).txId, r.trades.at(7).txId);
    QVERIFY(r.trades.at(6).naturalKey() != r.trades.at(7).naturalKey());
}

void TestDataApiTradesParser::activityFixtureRefusesNonTradeRows() {
    // /activity rows share the trade fields; its REDEEM row has asset "", side "" and price 0.
    DataApiTradesParser parser;
    const ParseResult r = parser.parseBody(
        test::readData(QStringLiteral("polymarket/data_api_activity_records_notebook.json")), 1);
    QCOMPARE(r.trades.size(), 2);
    QCOMPARE(r.rejects, QList<RejectReason>{RejectReason::MissingField});
    QCOMPARE(r.trades.at(0).price.toString(), u"0.46"_s);
    QCOMPARE(r.trades.at(0).size.toString(), u"4.02"_s);
    // 0.8100000092466668 carries more than six decimals: rounded half to even.
    QCOMPARE(r.trades.at(1).price.toString(), u"0.81"_s);
    QCOMPARE(r.trades.at(1).size.toString(), u"78.947367"_s);
    QCOMPARE(r.trades.at(1).timestampMs, Q_INT64_C(1776748904000));
}

void TestDataApiTradesParser::bodies_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("trades");
    QTest::addColumn<QStringList>("rejects");
    QTest::addColumn<QString>("serverError");

    using R = RejectReason;
    QTest::newRow("null body (unknown filter)") << QByteArray("null") << 0 << QStringList() << QString();
    QTest::newRow("null with whitespace") << QByteArray(" \n null \r\n") << 0 << QStringList() << QString();
    QTest::newRow("empty array") << QByteArray("[]") << 0 << QStringList() << QString();
    QTest::newRow("one row") << '[' + goodRow() + ']' << 1 << QStringList() << QString();
    QTest::newRow("offset error fixture")
        << test::readData(QStringLiteral("polymarket/data_api_v1_error_offset_exceeded_observed.json")) << 0
        << sortedNames({R::UnexpectedShape}) << u"max historical trades offset of 10000 exceeded"_s;
    QTest::newRow("v2 envelope is not a v1 page")
        << test::readData(QStringLiteral("polymarket/data_api_v2_trades.json")) << 0
        << sortedNames({R::UnexpectedShape}) << QString();
    QTest::newRow("bare row object") << goodRow() << 0 << sortedNames({R::UnexpectedShape}) << QString();
    QTest::newRow("Cloudflare HTML") << QByteArray(
                                            "<html><head><title>Attention Required! | Cloudflare</title>")
                                     << 0 << sortedNames({R::NotJson}) << QString();
    QTest::newRow("404 text") << QByteArray("404 page not found") << 0 << sortedNames({R::NotJson})
                              << QString();
    QTest::newRow("empty body") << QByteArray() << 0 << sortedNames({R::NotJson}) << QString();
    QTest::newRow("nul") << QByteArray("nul") << 0 << sortedNames({R::NotJson}) << QString();
    QTest::newRow("truncated page") << '[' + goodRow() + ',' + goodRow().left(200) << 0
                                    << sortedNames({R::TruncatedJson}) << QString();
    QTest::newRow("unclosed array") << '[' + goodRow() << 0 << sortedNames({R::TruncatedJson}) << QString();
    QTest::newRow("trailing garbage")
        << '[' + goodRow() + "]]" << 0 << sortedNames({R::TruncatedJson}) << QString();
    QTest::newRow("number root") << QByteArray("42") << 0 << sortedNames({R::UnexpectedShape}) << QString();
    QTest::newRow("non-object rows") << QByteArray(R"([1,null,"x",[]])") << 0
                                     << sortedNames({R::UnexpectedShape, R::UnexpectedShape,
                                                     R::UnexpectedShape, R::UnexpectedShape})
                                     << QString();
}

void TestDataApiTradesParser::bodies() {
    QFETCH(QByteArray, body);
    QFETCH(int, trades);
    QFETCH(QStringList, rejects);
    QFETCH(QString, serverError);

    DataApiTradesParser parser;
    const ParseResult r = parser.parseBody(body, kReceivedMs);
    QCOMPARE(r.trades.size(), trades);
    QCOMPARE(sortedNames(r.rejects), rejects);
    QCOMPARE(r.serverError, serverError);
    QCOMPARE(r.ignored, 0);
}

void TestDataApiTradesParser::badRowsAreCountedAndSkipped() {
    const QByteArray body = '[' + goodRow() + ',' + restRow(R"("NaN")", "10", "1790272257") + ',' +
                            restRow("0.5", "-1", "1790272257") + ',' + restRow("0.5", "10", "null") + ',' +
                            restRow("0.5", "10", R"("1790272258")") + ',' + restRow("2", "10", "1790272257") +
                            ',' + restRow("0.5", "1e999", "1790272257") + ',' +
                            restRow("1e-05", "10", "1790272259") + ']';
    DataApiTradesParser parser;
    const ParseResult r = parser.parseBody(body, kReceivedMs);
    QCOMPARE(r.trades.size(), 3);
    QCOMPARE(r.trades.at(0).timestampMs, Q_INT64_C(1790272257000));
    QCOMPARE(r.trades.at(1).timestampMs, Q_INT64_C(1790272258000));
    QCOMPARE(r.trades.at(2).price.toString(), u"0.00001"_s);
    QCOMPARE(sortedNames(r.rejects),
             sortedNames({RejectReason::BadNumber, RejectReason::NonPositiveSize, RejectReason::MissingField,
                          RejectReason::PriceOutOfRange, RejectReason::BadNumber}));
}

void TestDataApiTradesParser::bodyLargerThanAFrameParses() {
    // A 10,000-row page is ~9 MB: REST bodies may exceed the socket frame limit.
    QByteArray body = "[";
    int rows = 0;
    while (body.size() <= RtdsParser::kMaxFrameBytes + 1024) {
        if (rows > 0)
            body += ',';
        body += restRow("0.5", QByteArray::number(rows + 1), "1790272257");
        ++rows;
    }
    body += ']';
    DataApiTradesParser parser;
    const ParseResult r = parser.parseBody(body, kReceivedMs);
    QCOMPARE(r.rejects.size(), 0);
    QCOMPARE(r.trades.size(), rows);
    QCOMPARE(r.trades.last().size.toString(), QString::number(rows));
}

void TestDataApiTradesParser::socketAndRestCopiesShareKey_data() {
    QTest::addColumn<QByteArray>("price");
    QTest::addColumn<QByteArray>("size");
    QTest::addColumn<QByteArray>("timestamp");

    QTest::newRow("same spelling") << QByteArray("0.03") << QByteArray("1030.92") << QByteArray("1790272257");
    QTest::newRow("numbers as strings")
        << QByteArray(R"("0.03")") << QByteArray(R"("1030.92")") << QByteArray(R"("1790272257")");
    QTest::newRow("trailing zeros") << QByteArray("0.030") << QByteArray("1030.920000")
                                    << QByteArray("1790272257");
    QTest::newRow("exponent forms") << QByteArray("3e-2") << QByteArray("1.03092E+3")
                                    << QByteArray("1790272257");
    QTest::newRow("milliseconds") << QByteArray("0.03") << QByteArray("1030.92")
                                  << QByteArray("1790272257000");
}

void TestDataApiTradesParser::socketAndRestCopiesShareKey() {
    QFETCH(QByteArray, price);
    QFETCH(QByteArray, size);
    QFETCH(QByteArray, timestamp);

    const QByteArray frames =
        test::readData(QStringLiteral("polymarket/rtds_activity_trades_whalescan.json"));
    RtdsParser socket;
    const ParseResult live = socket.parseFrame(frames, 1);
    QCOMPARE(live.trades.size(), 5);
    const Trade &fromSocket = live.trades.first();

    DataApiTradesParser rest;
    const ParseResult page = rest.parseBody(QByteArray('[' + restRow(price, size, timestamp) + ']'), 2);
    QCOMPARE(page.rejects.size(), 0);
    QCOMPARE(page.trades.size(), 1);
    const Trade &fromRest = page.trades.first();

    QCOMPARE(fromRest.naturalKey(), fromSocket.naturalKey());
    QCOMPARE(fromRest.wallet, fromSocket.wallet);
    QCOMPARE(fromRest.timestampMs, fromSocket.timestampMs);
    QCOMPARE(fromRest.source, TradeSource::Rest);
    QCOMPARE(fromSocket.source, TradeSource::Rtds);
    // The other side of the same match (frame 2) shares the hash but never the key.
    QVERIFY(fromRest.naturalKey() != live.trades.at(1).naturalKey());
}

QTEST_GUILESS_MAIN(TestDataApiTradesParser)
#include "tst_dataapitradesparser.moc"
