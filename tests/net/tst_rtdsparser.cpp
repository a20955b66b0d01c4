// RtdsParser against the five real RTDS frames and a table of hostile ones: every refused
// frame or trade is counted under the right reason, and nothing wrong comes out.
#include "net/rtdsparser.h"
#include "tests/support/testdata.h"

#include <QTest>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;
using namespace longshot;
using namespace longshot::net;

namespace {

constexpr qint64 kReceivedMs = 1'790'272'258'000;

using Overrides = QList<std::pair<QByteArray, QByteArray>>;

// Splits a top-level JSON array into the exact bytes of its elements: the fixture stores
// five socket frames as one array, and each must also be parsed as the frame it was.
QList<QByteArray> splitTopLevelArray(const QByteArray &json) {
    QList<QByteArray> out;
    int depth = 0;
    bool inString = false;
    qsizetype start = -1;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            if (++depth == 2 && c == '{')
                start = i;
        } else if (c == '}' || c == ']') {
            if (depth-- == 2 && start >= 0) {
                out.append(json.mid(start, i - start + 1));
                start = -1;
            }
        }
    }
    return out;
}

// Frame 1's payload as raw JSON values, in the fixture's field order.
Overrides basePayload() {
    return {
        {"asset", R"("50341643796357809199138088836529201104815997551572832995218005287849225766499")"},
        {"bio", R"("")"},
        {"conditionId", R"("0xfa380ce2bb2b55282cef8a85595580425524eb25846a1d9feaaa338941997d1d")"},
        {"eventSlug", R"("unl-and-mal-2026-09-24")"},
        {"fee", "1.5309"},
        {"name", R"("")"},
        {"outcome", R"("No")"},
        {"outcomeIndex", "1"},
        {"price", "0.03"},
        {"proxyWallet", R"("0xf5848342fc388908f2D25a9012Cc18a0Ad193979")"},
        {"pseudonym", R"("")"},
        {"side", R"("BUY")"},
        {"size", "1030.92"},
        {"slug", R"("unl-and-mal-2026-09-24-mal")"},
        {"timestamp", "1790272257"},
        {"title", R"("Will Malta win on 2026-09-24?")"},
        {"transactionHash", R"("0x94cfdfa3bd63a11cf2fd697932ee615b6bcfb36f7ee65da9762012e88b6c5bca")"},
    };
}

// Frame 1's payload with some values replaced; a null value removes the field.
QByteArray payload(const Overrides &overrides = {}) {
    Overrides fields = basePayload();
    for (const auto &[key, value] : overrides) {
        auto it = std::find_if(fields.begin(), fields.end(), [&](const auto &f) { return f.first == key; });
        if (it == fields.end())
            fields.append({key, value});
        else
            it->second = value;
    }
    QByteArray out = "{";
    for (const auto &[key, value] : std::as_const(fields)) {
        if (value.isNull())
            continue;
        if (out.size() > 1)
            out += ',';
        out += '"' + key + "\":" + value;
    }
    return out + '}';
}

QByteArray envelope(const QByteArray &payloadJson, const QByteArray &topic = "activity",
                    const QByteArray &type = "trades") {
    QByteArray out = R"({"connection_id":"gbeUfq-crWeIKABx0A==","payload":)" + payloadJson +
                     R"(,"timestamp":1790272257115)";
    if (!topic.isNull())
        out += ",\"topic\":\"" + topic + '"';
    if (!type.isNull())
        out += ",\"type\":\"" + type + '"';
    return out + '}';
}

QByteArray tradeFrame(const Overrides &overrides = {}) {
    return envelope(payload(overrides));
}

QStringList names(std::initializer_list<RejectReason> reasons) {
    QStringList out;
    for (RejectReason r : reasons)
        out.append(rejectReasonName(r));
    return out;
}

QStringList names(const QList<RejectReason> &reasons) {
    QStringList out;
    for (RejectReason r : reasons)
        out.append(rejectReasonName(r));
    out.sort();
    return out;
}

QString feeText(const Trade &t) {
    return t.fee ? t.fee->toString() : QString();
}

// A frame of `count` distinct trades in one array, `bytes` long at least.
QByteArray manyTradesFrame(qsizetype minBytes) {
    QByteArray out = "[";
    for (int i = 0; out.size() < minBytes; ++i) {
        if (i > 0)
            out += ',';
        const QByteArray size = QByteArray::number(100 + i) + ".5";
        out += tradeFrame({{"size", size}});
    }
    return out + ']';
}

// The frame as a socket hands it over (QString::toUtf8() leaves spare capacity), with junk
// after its end: the parser reads it in place and must never take the junk for JSON.
QByteArray withJunkCapacity(const QByteArray &frame) {
    QByteArray b(frame.size() + 80, '{');
    std::copy(frame.cbegin(), frame.cend(), b.begin());
    b.truncate(frame.size());
    return b;
}

// parseFrame both ways: copied into the parser's padded buffer, and in place.
ParseResult parseBothWays(RtdsParser &parser, const QByteArray &frame) {
    const ParseResult copied = parser.parseFrame(QByteArrayView(frame), kReceivedMs);
    const QByteArray inPlace = withJunkCapacity(frame);
    if (inPlace.capacity() - inPlace.size() < 64)
        qFatal("the test frame has no spare capacity");
    ParseResult direct;
    parser.parseFrame(inPlace, kReceivedMs, direct);
    QStringList copiedKeys, directKeys;
    for (const Trade &t : copied.trades)
        copiedKeys.append(t.naturalKey());
    for (const Trade &t : direct.trades)
        directKeys.append(t.naturalKey());
    if (copiedKeys != directKeys || copied.rejects != direct.rejects || copied.ignored != direct.ignored ||
        copied.serverError != direct.serverError)
        qFatal("in-place and copied parsing disagree on %s", frame.left(200).constData());
    return direct;
}

} // namespace

class TestRtdsParser final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fixtureFrames_data();
    void fixtureFrames();
    void fixtureAsOneArrayFrame();
    void acceptedVariants_data();
    void acceptedVariants();
    void refusedAndIgnoredFrames_data();
    void refusedAndIgnoredFrames();
    void subscriptionRejectionKeepsServerText();
    void mixedArrayKeepsGoodTrades();
    void largeValidFrameParses();
    void oversizedFrameIsRefused();
    void everyTruncationIsRefused();
    void parserRecoversAfterBadFrames();
    void rejectReasonNamesAreDistinct();
    void framesAppendIntoOneResult();
    void transactionHashIsLowercased_data();
    void transactionHashIsLowercased();
};

void TestRtdsParser::fixtureFrames_data() {
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("wallet");
    QTest::addColumn<QString>("side");
    QTest::addColumn<QString>("asset");
    QTest::addColumn<QString>("conditionId");
    QTest::addColumn<QString>("size");
    QTest::addColumn<QString>("price");
    QTest::addColumn<QString>("fee");
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

    QTest::addRow("frame %d", 1)
        << 0 << u"0xf5848342fc388908f2d25a9012cc18a0ad193979"_s << u"BUY"_s
        << u"50341643796357809199138088836529201104815997551572832995218005287849225766499"_s
        << u"0xfa380ce2bb2b55282cef8a85595580425524eb25846a1d9feaaa338941997d1d"_s << u"1030.92"_s
        << u"0.03"_s << u"1.5309"_s << u"30.9276"_s << Q_INT64_C(1790272257000) << 1
        << u"Will Malta win on 2026-09-24?"_s << u"unl-and-mal-2026-09-24-mal"_s
        << u"unl-and-mal-2026-09-24"_s << u"No"_s << u""_s << u""_s
        << u"0x94cfdfa3bd63a11cf2fd697932ee615b6bcfb36f7ee65da9762012e88b6c5bca"_s;
    QTest::addRow("frame %d", 2)
        << 1 << u"0x09bed1976600971fd9f9db454a9c302c7a559c32"_s << u"BUY"_s
        << u"7953562931865582966123519430387093685381221143246819059344183415173855639031"_s
        << u"0xfa380ce2bb2b55282cef8a85595580425524eb25846a1d9feaaa338941997d1d"_s << u"1030.92"_s
        << u"0.97"_s << u""_s << u"999.9924"_s << Q_INT64_C(1790272257000) << 0
        << u"Will Malta win on 2026-09-24?"_s << u"unl-and-mal-2026-09-24-mal"_s
        << u"unl-and-mal-2026-09-24"_s << u"Yes"_s << u"Momo63"_s << u"Forked-Pricing"_s
        << u"0x94cfdfa3bd63a11cf2fd697932ee615b6bcfb36f7ee65da9762012e88b6c5bca"_s;
    QTest::addRow("frame %d", 3)
        << 2 << u"0xfea0bdcbb924c194283c4a7ea8a820877a8b26c9"_s << u"BUY"_s
        << u"7953562931865582966123519430387093685381221143246819059344183415173855639031"_s
        << u"0xfa380ce2bb2b55282cef8a85595580425524eb25846a1d9feaaa338941997d1d"_s << u"31.6122"_s
        << u"0.98"_s << u"0.03097"_s << u"30.979956"_s << Q_INT64_C(1790272257000) << 0
        << u"Will Malta win on 2026-09-24?"_s << u"unl-and-mal-2026-09-24-mal"_s
        << u"unl-and-mal-2026-09-24"_s << u"Yes"_s << u"robshoodi"_s << u"Cute-Congress-Papaya"_s
        << u"0x9bd5bf59b05147ccc5612d8b6229e6e3042646ced9639550bdf63142edf6cfa5"_s;
    QTest::addRow("frame %d", 4)
        << 3 << u"0xf1ee4842fa0c7283632185e42577027452d4519c"_s << u"BUY"_s
        << u"5533460053168939150943376264769377841300556376149828849788409752356998457454"_s
        << u"0x1199b8e6b75aa2bc98703899bcd925fcb4860f5e9cbc7cbca5462c657c9a7487"_s << u"16.26"_s << u"0.52"_s
        << u"0.20292"_s << u"8.4552"_s << Q_INT64_C(1790272257000) << 1
        << u"LoL: Guinea Pink vs Kawaii Kiwis - Game 4 Winner"_s << u"lol-gp1-kwk-2026-09-24-game4"_s
        << u"lol-gp1-kwk-2026-09-24"_s << u"Kawaii Kiwis"_s << u"Jimmyman132"_s << u"Scary-Billboard"_s
        << u"0xa2ee0e67854e6af55facb207dde552816eb9ab5199ce799b5a159486dbc00281"_s;
    QTest::addRow("frame %d", 5)
        << 4 << u"0x91a2bae9dc384b65ee9734ff58714fca8f24e415"_s << u"BUY"_s
        << u"4780655840903793551886145743034519236336939002780783844321413494375605229345"_s
        << u"0x1199b8e6b75aa2bc98703899bcd925fcb4860f5e9cbc7cbca5462c657c9a7487"_s << u"16.26"_s << u"0.48"_s
        << u""_s << u"7.8048"_s << Q_INT64_C(1790272257000) << 0
        << u"LoL: Guinea Pink vs Kawaii Kiwis - Game 4 Winner"_s << u"lol-gp1-kwk-2026-09-24-game4"_s
        << u"lol-gp1-kwk-2026-09-24"_s << u"Guinea Pink"_s << u"gt7238"_s << u"Ashamed-Classic"_s
        << u"0xa2ee0e67854e6af55facb207dde552816eb9ab5199ce799b5a159486dbc00281"_s;
}

void TestRtdsParser::fixtureFrames() {
    QFETCH(int, index);
    QFETCH(QString, wallet);
    QFETCH(QString, side);
    QFETCH(QString, asset);
    QFETCH(QString, conditionId);
    QFETCH(QString, size);
    QFETCH(QString, price);
    QFETCH(QString, fee);
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

    const QList<QByteArray> frames =
        splitTopLevelArray(test::readData(QStringLiteral("polymarket/rtds_activity_trades_whalescan.json")));
    QCOMPARE(frames.size(), 5);

    RtdsParser parser;
    const ParseResult r = parser.parseFrame(frames.at(index), kReceivedMs);
    QCOMPARE(r.rejects.size(), 0);
    QCOMPARE(r.ignored, 0);
    QVERIFY(r.serverError.isEmpty());
    QCOMPARE(r.trades.size(), 1);
    const Trade &t = r.trades.first();
    QCOMPARE(t.venue, Venue::Polymarket);
    QCOMPARE(t.source, TradeSource::Rtds);
    QCOMPARE(t.receivedMs, kReceivedMs);
    QCOMPARE(t.wallet.address(), wallet);
    QCOMPARE(sideName(t.side), side);
    QCOMPARE(t.assetId, asset);
    QCOMPARE(t.marketId, conditionId);
    QCOMPARE(t.size.toString(), size);
    QCOMPARE(t.price.toString(), price);
    QCOMPARE(t.fee.has_value(), !fee.isEmpty());
    QCOMPARE(feeText(t), fee);
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

void TestRtdsParser::fixtureAsOneArrayFrame() {
    const QByteArray all = test::readData(QStringLiteral("polymarket/rtds_activity_trades_whalescan.json"));
    RtdsParser parser;
    const ParseResult whole = parser.parseFrame(all, kReceivedMs);
    QCOMPARE(whole.rejects.size(), 0);
    QCOMPARE(whole.ignored, 0);
    QCOMPARE(whole.trades.size(), 5);
    const QList<QByteArray> frames = splitTopLevelArray(all);
    QCOMPARE(frames.size(), 5);
    for (qsizetype i = 0; i < frames.size(); ++i) {
        const ParseResult one = parser.parseFrame(frames.at(i), kReceivedMs);
        QCOMPARE(one.trades.size(), 1);
        QCOMPARE(whole.trades.at(i).naturalKey(), one.trades.first().naturalKey());
    }
    // Frames 1 and 2 are the two sides of one match: same hash, different wallets and keys.
    QCOMPARE(whole.trades.at(0).txId, whole.trades.at(1).txId);
    QVERIFY(whole.trades.at(0).naturalKey() != whole.trades.at(1).naturalKey());
}

void TestRtdsParser::acceptedVariants_data() {
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("price");
    QTest::addColumn<QString>("size");
    QTest::addColumn<QString>("fee");
    QTest::addColumn<qint64>("timestampMs");
    QTest::addColumn<int>("outcomeIndex");
    QTest::addColumn<QString>("side");
    QTest::addColumn<QString>("asset");
    QTest::addColumn<QString>("title");

    const QString p = u"0.03"_s;
    const QString s = u"1030.92"_s;
    const QString f = u"1.5309"_s;
    const qint64 ts = 1'790'272'257'000;
    const QString a = u"50341643796357809199138088836529201104815997551572832995218005287849225766499"_s;
    const QString title = u"Will Malta win on 2026-09-24?"_s;
    auto row = [&](const char *name, const QByteArray &frame) -> QTestData & {
        return QTest::newRow(name) << frame;
    };

    row("fixture frame 1 as built", tradeFrame()) << p << s << f << ts << 1 << u"BUY"_s << a << title;
    row("price as string", tradeFrame({{"price", R"("0.97")"}}))
        << u"0.97"_s << s << f << ts << 1 << u"BUY"_s << a << title;
    row("size as string", tradeFrame({{"size", R"("1030.92")"}}))
        << p << s << f << ts << 1 << u"BUY"_s << a << title;
    row("price integer 1", tradeFrame({{"price", "1"}}))
        << u"1"_s << s << f << ts << 1 << u"BUY"_s << a << title;
    row("price integer 0", tradeFrame({{"price", "0"}}))
        << u"0"_s << s << f << ts << 1 << u"BUY"_s << a << title;
    row("size integer", tradeFrame({{"size", "8643"}}))
        << p << u"8643"_s << f << ts << 1 << u"BUY"_s << a << title;
    row("price exponent 1e-05", tradeFrame({{"price", "1e-05"}}))
        << u"0.00001"_s << s << f << ts << 1 << u"BUY"_s << a << title;
    row("price exponent as string", tradeFrame({{"price", R"("1e-05")"}}))
        << u"0.00001"_s << s << f << ts << 1 << u"BUY"_s << a << title;
    row("size exponent 1.5E+3", tradeFrame({{"size", "1.5E+3"}}))
        << p << u"1500"_s << f << ts << 1 << u"BUY"_s << a << title;
    row("size exponent as string", tradeFrame({{"size", R"("1.5E+3")"}}))
        << p << u"1500"_s << f << ts << 1 << u"BUY"_s << a << title;
    row("price with trailing zeros", tradeFrame({{"price", "0.0300"}}))
        << p << s << f << ts << 1 << u"BUY"_s << a << title;
    row("price beyond micro precision rounds half even", tradeFrame({{"price", "0.8100000092466668"}}))
        << u"0.81"_s << s << f << ts << 1 << u"BUY"_s << a << title;
    row("fee absent", tradeFrame({{"fee", QByteArray()}}))
        << p << s << QString() << ts << 1 << u"BUY"_s << a << title;
    row("fee null", tradeFrame({{"fee", "null"}}))
        << p << s << QString() << ts << 1 << u"BUY"_s << a << title;
    row("fee as string", tradeFrame({{"fee", R"("0.03097")"}}))
        << p << s << u"0.03097"_s << ts << 1 << u"BUY"_s << a << title;
    row("fee exponent", tradeFrame({{"fee", "2.5e-1"}}))
        << p << s << u"0.25"_s << ts << 1 << u"BUY"_s << a << title;
    row("side lowercase sell", tradeFrame({{"side", R"("sell")"}}))
        << p << s << f << ts << 1 << u"SELL"_s << a << title;
    row("side mixed case", tradeFrame({{"side", R"("Buy")"}}))
        << p << s << f << ts << 1 << u"BUY"_s << a << title;
    row("wallet already lowercase",
        tradeFrame({{"proxyWallet", R"("0xf5848342fc388908f2d25a9012cc18a0ad193979")"}}))
        << p << s << f << ts << 1 << u"BUY"_s << a << title;
    row("timestamp as string seconds", tradeFrame({{"timestamp", R"("1790272257")"}}))
        << p << s << f << ts << 1 << u"BUY"_s << a << title;
    row("timestamp in milliseconds", tradeFrame({{"timestamp", "1790272257115"}}))
        << p << s << f << Q_INT64_C(1790272257115) << 1 << u"BUY"_s << a << title;
    row("timestamp ms as string", tradeFrame({{"timestamp", R"("1790272257115")"}}))
        << p << s << f << Q_INT64_C(1790272257115) << 1 << u"BUY"_s << a << title;
    row("timestamp with fraction", tradeFrame({{"timestamp", "1790272257.5"}}))
        << p << s << f << Q_INT64_C(1790272257500) << 1 << u"BUY"_s << a << title;
    row("outcomeIndex 999 sentinel", tradeFrame({{"outcomeIndex", "999"}}))
        << p << s << f << ts << -1 << u"BUY"_s << a << title;
    row("outcomeIndex missing", tradeFrame({{"outcomeIndex", QByteArray()}}))
        << p << s << f << ts << -1 << u"BUY"_s << a << title;
    row("outcomeIndex null", tradeFrame({{"outcomeIndex", "null"}}))
        << p << s << f << ts << -1 << u"BUY"_s << a << title;
    row("outcomeIndex as string", tradeFrame({{"outcomeIndex", R"("0")"}}))
        << p << s << f << ts << 0 << u"BUY"_s << a << title;
    row("asset as a JSON integer keeps every digit",
        tradeFrame(
            {{"asset", "50341643796357809199138088836529201104815997551572832995218005287849225766499"}}))
        << p << s << f << ts << 1 << u"BUY"_s << a << title;
    row("type orders_matched", envelope(payload(), "activity", "orders_matched"))
        << p << s << f << ts << 1 << u"BUY"_s << a << title;
    row("topic and type missing, payload shaped like a trade",
        envelope(payload(), QByteArray(), QByteArray()))
        << p << s << f << ts << 1 << u"BUY"_s << a << title;
    row("activity topic without type", envelope(payload(), "activity", QByteArray()))
        << p << s << f << ts << 1 << u"BUY"_s << a << title;
    row("unknown and nested fields are skipped",
        tradeFrame({{"icon", R"({"a":[1,2,{"price":5}],"b":null})"}, {"extra", R"([[],{},"x",true])"}}))
        << p << s << f << ts << 1 << u"BUY"_s << a << title;
    // Keys are matched by their whole text, never by a shared beginning or a letter's case.
    row("keys that only start like a known one are skipped", tradeFrame({{"prices", R"("bad")"},
                                                                         {"pric", "7"},
                                                                         {"Price", "5"},
                                                                         {"sizes", "-1"},
                                                                         {"transactionHashes", "7"},
                                                                         {"transactionHas", "null"},
                                                                         {"proxyWallets", R"("nope")"},
                                                                         {"a", "1"}}))
        << p << s << f << ts << 1 << u"BUY"_s << a << title;
    row("envelope keys that only start like a known one are skipped",
        R"({"payloads":5,"topics":"x","typ":"x","types":"x","statusCodes":500,"bodyText":{"message":"no"},)"
        R"("payload":)" +
            payload() + R"(,"topic":"activity","type":"trades"})")
        << p << s << f << ts << 1 << u"BUY"_s << a << title;
    row("escaped title", tradeFrame({{"title", R"("Caf\u00e9 \"quoted\" back\\slash \ud83d\ude00")"}}))
        << p << s << f << ts << 1 << u"BUY"_s << a << u"Café \"quoted\" back\\slash 😀"_s;
    row("raw UTF-8 title", tradeFrame({{"title", "\"Zürich – 東京\""}}))
        << p << s << f << ts << 1 << u"BUY"_s << a << u"Zürich – 東京"_s;
    row("whitespace everywhere", " \r\n\t{ \"payload\" : " + payload({{"price", " 0.03 "}}) +
                                     " , \"topic\" : \"activity\" , \"type\" : \"trades\" } \n")
        << p << s << f << ts << 1 << u"BUY"_s << a << title;
}

void TestRtdsParser::acceptedVariants() {
    QFETCH(QByteArray, frame);
    QFETCH(QString, price);
    QFETCH(QString, size);
    QFETCH(QString, fee);
    QFETCH(qint64, timestampMs);
    QFETCH(int, outcomeIndex);
    QFETCH(QString, side);
    QFETCH(QString, asset);
    QFETCH(QString, title);

    RtdsParser parser;
    const ParseResult r = parseBothWays(parser, frame);
    QCOMPARE(names(r.rejects), QStringList());
    QCOMPARE(r.ignored, 0);
    QCOMPARE(r.trades.size(), 1);
    const Trade &t = r.trades.first();
    QCOMPARE(t.price.toString(), price);
    QCOMPARE(t.size.toString(), size);
    QCOMPARE(t.fee.has_value(), !fee.isEmpty());
    QCOMPARE(feeText(t), fee);
    QCOMPARE(t.timestampMs, timestampMs);
    QCOMPARE(t.outcomeIndex, outcomeIndex);
    QCOMPARE(sideName(t.side), side);
    QCOMPARE(t.assetId, asset);
    QCOMPARE(t.marketTitle, title);
    QCOMPARE(t.wallet.address(), u"0xf5848342fc388908f2d25a9012cc18a0ad193979"_s);
    QCOMPARE(t.txId.text(), u"0x94cfdfa3bd63a11cf2fd697932ee615b6bcfb36f7ee65da9762012e88b6c5bca"_s);
}

void TestRtdsParser::refusedAndIgnoredFrames_data() {
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QStringList>("rejects");
    QTest::addColumn<int>("ignored");

    using R = RejectReason;
    auto refused = [](const char *name, const QByteArray &frame,
                      std::initializer_list<RejectReason> reasons) {
        QStringList expected = names(reasons);
        expected.sort();
        QTest::newRow(name) << frame << expected << 0;
    };
    auto ignored = [](const char *name, const QByteArray &frame) {
        QTest::newRow(name) << frame << QStringList() << 1;
    };

    // Prices and sizes.
    refused("price null", tradeFrame({{"price", "null"}}), {R::MissingField});
    refused("price only under a longer key", tradeFrame({{"price", QByteArray()}, {"prices", "0.03"}}),
            {R::MissingField});
    refused("wallet only under a shorter key",
            tradeFrame({{"proxyWallet", QByteArray()},
                        {"proxyWalle", R"("0xf5848342fc388908f2D25a9012Cc18a0Ad193979")"}}),
            {R::MissingField});
    refused("price missing", tradeFrame({{"price", QByteArray()}}), {R::MissingField});
    refused("size null", tradeFrame({{"size", "null"}}), {R::MissingField});
    refused("size missing", tradeFrame({{"size", QByteArray()}}), {R::MissingField});
    refused("price 1.2", tradeFrame({{"price", "1.2"}}), {R::PriceOutOfRange});
    refused("price 1.000001", tradeFrame({{"price", "1.000001"}}), {R::PriceOutOfRange});
    refused("price negative", tradeFrame({{"price", "-0.01"}}), {R::PriceOutOfRange});
    refused("price 1.5 as string", tradeFrame({{"price", R"("1.5")"}}), {R::PriceOutOfRange});
    refused("price exponent out of range", tradeFrame({{"price", "1.5E+3"}}), {R::PriceOutOfRange});
    refused("size negative", tradeFrame({{"size", "-5"}}), {R::NonPositiveSize});
    refused("size zero", tradeFrame({{"size", "0"}}), {R::NonPositiveSize});
    refused("size rounds to zero", tradeFrame({{"size", "1e-9"}}), {R::NonPositiveSize});
    refused("price NaN as string", tradeFrame({{"price", R"("NaN")"}}), {R::BadNumber});
    refused("size Infinity as string", tradeFrame({{"size", R"("Infinity")"}}), {R::BadNumber});
    refused("size -Infinity bare", tradeFrame({{"size", "-Infinity"}}), {R::BadNumber});
    refused("size 40 digits", tradeFrame({{"size", "1234567890123456789012345678901234567890"}}),
            {R::BadNumber});
    refused("price 40 digits as string",
            tradeFrame({{"price", R"("0.1234567890123456789012345678901234567890")"}}), {R::BadNumber});
    refused("size 1e400", tradeFrame({{"size", "1e400"}}), {R::BadNumber});
    refused("price text", tradeFrame({{"price", R"("abc")"}}), {R::BadNumber});
    refused("price empty string", tradeFrame({{"price", R"("")"}}), {R::BadNumber});
    refused("price with spaces inside the string", tradeFrame({{"price", R"(" 0.5")"}}), {R::BadNumber});
    refused("price true", tradeFrame({{"price", "true"}}), {R::BadNumber});
    refused("price object", tradeFrame({{"price", R"({"v":0.5})"}}), {R::BadNumber});
    refused("size hex string", tradeFrame({{"size", R"("0x10")"}}), {R::BadNumber});
    refused("fee not a number", tradeFrame({{"fee", R"("abc")"}}), {R::BadNumber});
    // Wallet, side and identifiers.
    refused("wallet too short", tradeFrame({{"proxyWallet", R"("0xf5848342fc")"}}), {R::BadWallet});
    refused("wallet not hex",
            tradeFrame({{"proxyWallet", R"("0xf5848342fc388908f2D25a9012Cc18a0Ad19397z")"}}), {R::BadWallet});
    refused("wallet without 0x",
            tradeFrame({{"proxyWallet", R"("00f5848342fc388908f2D25a9012Cc18a0Ad193979")"}}), {R::BadWallet});
    refused("wallet empty", tradeFrame({{"proxyWallet", R"("")"}}), {R::BadWallet});
    refused("wallet as number", tradeFrame({{"proxyWallet", "12345"}}), {R::BadWallet});
    refused("wallet missing", tradeFrame({{"proxyWallet", QByteArray()}}), {R::MissingField});
    refused("side HOLD", tradeFrame({{"side", R"("HOLD")"}}), {R::BadSide});
    refused("side empty", tradeFrame({{"side", R"("")"}}), {R::BadSide});
    refused("side number", tradeFrame({{"side", "1"}}), {R::BadSide});
    refused("side missing", tradeFrame({{"side", QByteArray()}}), {R::MissingField});
    refused("transactionHash empty", tradeFrame({{"transactionHash", R"("")"}}), {R::MissingField});
    refused("asset missing", tradeFrame({{"asset", QByteArray()}}), {R::MissingField});
    refused("asset empty (redeem-style row)", tradeFrame({{"asset", R"("")"}}), {R::MissingField});
    refused("asset with a fraction", tradeFrame({{"asset", "1.5"}}), {R::UnexpectedShape});
    refused("conditionId null", tradeFrame({{"conditionId", "null"}}), {R::MissingField});
    refused("conditionId object", tradeFrame({{"conditionId", "{}"}}), {R::UnexpectedShape});
    // Times.
    refused("timestamp missing", tradeFrame({{"timestamp", QByteArray()}}), {R::MissingField});
    refused("timestamp negative", tradeFrame({{"timestamp", "-1790272257"}}), {R::BadTimestamp});
    refused("timestamp zero", tradeFrame({{"timestamp", "0"}}), {R::BadTimestamp});
    refused("timestamp in microseconds", tradeFrame({{"timestamp", "1790272257000000"}}), {R::BadTimestamp});
    refused("timestamp 1e30", tradeFrame({{"timestamp", "1e30"}}), {R::BadTimestamp});
    refused("timestamp text", tradeFrame({{"timestamp", R"("soon")"}}), {R::BadNumber});
    refused("timestamp bool", tradeFrame({{"timestamp", "false"}}), {R::BadNumber});
    // Whole frames that are not what they claim.
    refused("HTML page",
            "<!DOCTYPE html><html><head><title>Access denied</title></head><body>1015</body></html>",
            {R::NotJson});
    refused("plain text", "Too Many Requests", {R::NotJson});
    refused("truncated JSON", tradeFrame().left(120), {R::TruncatedJson});
    refused("unclosed string", R"({"topic":"activity","type":"tra)", {R::TruncatedJson});
    refused("trailing garbage", tradeFrame() + " x", {R::TruncatedJson});
    refused("two objects", tradeFrame() + tradeFrame(), {R::TruncatedJson});
    refused("trailing comma", R"({"topic":"activity",})", {R::TruncatedJson});
    refused("bare NaN is a syntax error", tradeFrame({{"price", "NaN"}}), {R::TruncatedJson});
    refused("invalid UTF-8", tradeFrame({{"title", "\"bad \xff\xfe bytes\""}}), {R::NotJson});
    refused("JSON number root", "42", {R::UnexpectedShape});
    refused("JSON true root", "true", {R::UnexpectedShape});
    refused("JSON string root", R"("hello")", {R::UnexpectedShape});
    refused("trade topic without payload", R"({"topic":"activity","type":"trades","timestamp":1})",
            {R::UnexpectedShape});
    refused("trade topic with string payload", R"({"topic":"activity","type":"trades","payload":"x"})",
            {R::UnexpectedShape});
    refused("array of scalars", R"([1,"a"])", {R::UnexpectedShape, R::UnexpectedShape});
    refused("status 500 without body", R"({"statusCode":500})", {R::SubscriptionRejected});
    refused("unknown-topic rejection fixture",
            test::readData(QStringLiteral("polymarket/rtds_subscription_rejected_polyoxide.json")),
            {R::SubscriptionRejected});
    // Frames that carry no trade by design.
    ignored("empty frame", "");
    ignored("whitespace frame", " \r\n\t ");
    ignored("pong", "pong");
    ignored("PONG", "PONG");
    ignored("ping", "ping");
    ignored("quoted pong", R"("pong")");
    ignored("empty JSON string", R"("")");
    ignored("empty array", "[]");
    ignored("one short key at the very end", R"({"a":1})");
    ignored("crypto price fixture",
            test::readData(QStringLiteral("polymarket/rtds_crypto_prices_update_polyoxide.json")));
    ignored("comments topic", envelope(R"({"body":"hello"})", "comments", "comment_created"));
    ignored("activity topic, other type", envelope(payload(), "activity", "something_new"));
    ignored("other topic with a trade-shaped payload", envelope(payload(), "clob_user", "trade"));
    ignored("status frame", R"({"statusCode":200,"body":{"message":"ok"}})");
    ignored("subscribed notice", R"({"type":"subscribed","topic":"activity"})");
    ignored("no topic, payload not shaped like a trade",
            envelope(R"({"symbol":"btcusdt"})", QByteArray(), QByteArray()));
}

void TestRtdsParser::refusedAndIgnoredFrames() {
    QFETCH(QByteArray, frame);
    QFETCH(QStringList, rejects);
    QFETCH(int, ignored);

    RtdsParser parser;
    const ParseResult r = parseBothWays(parser, frame);
    QCOMPARE(r.trades.size(), 0);
    QCOMPARE(names(r.rejects), rejects);
    QCOMPARE(r.ignored, ignored);
}

void TestRtdsParser::subscriptionRejectionKeepsServerText() {
    RtdsParser parser;
    const ParseResult r = parser.parseFrame(
        test::readData(QStringLiteral("polymarket/rtds_subscription_rejected_polyoxide.json")), 1);
    QCOMPARE(r.rejects, QList<RejectReason>{RejectReason::SubscriptionRejected});
    QVERIFY(r.serverError.startsWith(u"leger GetTopics error: rpc error: code = NotFound"_s));
    QVERIFY(r.serverError.contains(u"topic: definitely_not_a_topic and type: update not found"_s));

    const ParseResult ok = parser.parseFrame(tradeFrame(), 1);
    QVERIFY(ok.serverError.isEmpty());
    QCOMPARE(ok.trades.size(), 1);
}

void TestRtdsParser::mixedArrayKeepsGoodTrades() {
    const QByteArray frame =
        '[' + tradeFrame({{"size", "10"}}) + ',' + tradeFrame({{"price", "1.2"}}) + ",\"pong\"," +
        tradeFrame({{"size", "20"}}) + ',' + tradeFrame({{"side", R"("HOLD")"}}) + ',' +
        envelope(payload(), "crypto_prices", "update") + ',' + tradeFrame({{"proxyWallet", R"("0x12")"}}) +
        ',' + tradeFrame({{"size", "30"}}) + ']';
    RtdsParser parser;
    const ParseResult r = parser.parseFrame(frame, kReceivedMs);
    QCOMPARE(r.trades.size(), 3);
    QCOMPARE(r.trades.at(0).size.toString(), u"10"_s);
    QCOMPARE(r.trades.at(1).size.toString(), u"20"_s);
    QCOMPARE(r.trades.at(2).size.toString(), u"30"_s);
    QStringList expected = names({RejectReason::PriceOutOfRange, RejectReason::UnexpectedShape,
                                  RejectReason::BadSide, RejectReason::BadWallet});
    expected.sort();
    QCOMPARE(names(r.rejects), expected);
    QCOMPARE(r.ignored, 1);
}

void TestRtdsParser::largeValidFrameParses() {
    const QByteArray frame = manyTradesFrame(1024 * 1024);
    QVERIFY(frame.size() >= 1024 * 1024);
    QVERIFY(frame.size() <= RtdsParser::kMaxFrameBytes);
    const qsizetype expected = frame.count("\"transactionHash\"");
    QVERIFY(expected > 1000);

    RtdsParser parser;
    const ParseResult r = parser.parseFrame(frame, kReceivedMs);
    QCOMPARE(r.rejects.size(), 0);
    QCOMPARE(r.trades.size(), expected);
    QCOMPARE(r.trades.first().size.toString(), u"100.5"_s);
    QCOMPARE(r.trades.last().size.toString(), QString::number(100 + expected - 1) + u".5"_s);
}

void TestRtdsParser::oversizedFrameIsRefused() {
    const QByteArray frame = manyTradesFrame(RtdsParser::kMaxFrameBytes + 1);
    QVERIFY(frame.size() > RtdsParser::kMaxFrameBytes);
    RtdsParser parser;
    const ParseResult r = parser.parseFrame(frame, kReceivedMs);
    QCOMPARE(r.trades.size(), 0);
    QCOMPARE(r.rejects, QList<RejectReason>{RejectReason::Oversized});
    QCOMPARE(r.ignored, 0);

    // Exactly at the limit is still parsed: pad a valid frame with trailing whitespace.
    QByteArray atLimit = tradeFrame();
    atLimit.append(QByteArray(RtdsParser::kMaxFrameBytes - atLimit.size(), ' '));
    QCOMPARE(atLimit.size(), RtdsParser::kMaxFrameBytes);
    QCOMPARE(parser.parseFrame(atLimit, kReceivedMs).trades.size(), 1);
}

void TestRtdsParser::everyTruncationIsRefused() {
    // Cut the real frames at every byte: a prefix must never yield a trade.
    const QByteArray all = test::readData(QStringLiteral("polymarket/rtds_activity_trades_whalescan.json"));
    const QByteArray first = splitTopLevelArray(all).first();
    RtdsParser parser;
    for (const QByteArray &frame : {first, all}) {
        for (qsizetype cut = 0; cut < frame.size(); ++cut) {
            const QByteArray prefix = frame.left(cut);
            const ParseResult r = parseBothWays(parser, prefix);
            QVERIFY2(r.trades.isEmpty(), qPrintable(u"cut at %1 produced a trade"_s.arg(cut)));
            if (prefix.trimmed().isEmpty()) {
                QCOMPARE(r.ignored, 1);
                QCOMPARE(r.rejects.size(), 0);
            } else {
                QCOMPARE(r.ignored, 0);
                QCOMPARE(r.rejects, QList<RejectReason>{RejectReason::TruncatedJson});
            }
        }
    }
}

void TestRtdsParser::parserRecoversAfterBadFrames() {
    RtdsParser parser;
    const QByteArray good = tradeFrame();
    const QByteArray big = manyTradesFrame(256 * 1024);
    const QByteArray frames[] = {good, "<html>", tradeFrame().left(50), big, "", good, "pong", "[1,", good};
    int trades = 0;
    for (const QByteArray &f : frames)
        trades += int(parser.parseFrame(f, kReceivedMs).trades.size());
    QCOMPARE(trades, 3 + int(big.count("\"transactionHash\"")));
    const ParseResult last = parser.parseFrame(good, kReceivedMs);
    QCOMPARE(last.trades.size(), 1);
    QCOMPARE(last.trades.first().naturalKey(), RtdsParser().parseFrame(good, 0).trades.first().naturalKey());
}

void TestRtdsParser::rejectReasonNamesAreDistinct() {
    QStringList all;
    for (int r = int(RejectReason::NotJson); r <= int(RejectReason::UnexpectedShape); ++r) {
        const QString name = rejectReasonName(RejectReason(r));
        QVERIFY(!name.isEmpty());
        QVERIFY2(!all.contains(name), qPrintable(name));
        all.append(name);
    }
    QCOMPARE(all.size(), 12);
}

void TestRtdsParser::framesAppendIntoOneResult() {
    // A frame refused for a syntax error takes back only what it had added itself, here the
    // complete first element of an array that is cut off after it.
    RtdsParser parser;
    ParseResult out;
    const QByteArray good = tradeFrame();
    const QByteArray second = tradeFrame({{"size", "7"}});
    parser.parseFrame(withJunkCapacity(good), kReceivedMs, out);
    parser.parseFrame(withJunkCapacity('[' + second + ',' + second.left(40)), kReceivedMs, out);
    parser.parseFrame(withJunkCapacity("pong"), kReceivedMs, out);
    parser.parseFrame(withJunkCapacity(second), kReceivedMs, out);
    QCOMPARE(out.trades.size(), 2);
    QCOMPARE(out.trades.at(0).size.toString(), u"1030.92"_s);
    QCOMPARE(out.trades.at(1).size.toString(), u"7"_s);
    QCOMPARE(out.rejects, QList<RejectReason>{RejectReason::TruncatedJson});
    QCOMPARE(out.ignored, 1);

    out.clear();
    QVERIFY(out.trades.isEmpty() && out.rejects.isEmpty() && out.ignored == 0);
    parser.parseFrame(good, kReceivedMs, out); // no spare capacity: copied, same trade
    QCOMPARE(out.trades.size(), 1);
    QCOMPARE(out.trades.first().naturalKey(),
             parser.parseFrame(QByteArrayView(good), 0).trades.first().naturalKey());
}

void TestRtdsParser::transactionHashIsLowercased_data() {
    QTest::addColumn<QByteArray>("hash");
    QTest::addColumn<QString>("txId");
    const QString lower = u"0x94cfdfa3bd63a11cf2fd697932ee615b6bcfb36f7ee65da9762012e88b6c5bca"_s;
    QTest::newRow("lowercase") << QByteArray(
                                      "0x94cfdfa3bd63a11cf2fd697932ee615b6bcfb36f7ee65da9762012e88b6c5bca")
                               << lower;
    QTest::newRow("uppercase") << QByteArray(
                                      "0X94CFDFA3BD63A11CF2FD697932EE615B6BCFB36F7EE65DA9762012E88B6C5BCA")
                               << lower;
    QTest::newRow("mixed, odd length") << QByteArray("0x94cFdFa3bD6") << u"0x94cfdfa3bd6"_s;
    // Not hex in the first 16 digits, in the last ones, or in the tail after them: kept as sent.
    for (const char *raw : {"0x94cfdfa3bd63a1gcf2fd697932ee615b6bcfb36f7ee65da9762012e88b6c5bca",
                            "0x94cfdfa3bd63a11cf2fd697932ee615b6bcfb36f7ee65da9762012e88b6c5b:a",
                            "0x94cfdfa3bd63a11cf2fd697932ee615b6bcfb36f7ee65da9762012e88b6c5bcaZ"}) {
        QTest::newRow(raw) << QByteArray(raw) << QString::fromLatin1(raw);
    }
}

void TestRtdsParser::transactionHashIsLowercased() {
    QFETCH(QByteArray, hash);
    QFETCH(QString, txId);
    RtdsParser parser;
    const ParseResult r = parseBothWays(parser, tradeFrame({{"transactionHash", '"' + hash + '"'}}));
    QCOMPARE(r.trades.size(), 1);
    QCOMPARE(r.trades.first().txId.text(), txId);
}

QTEST_GUILESS_MAIN(TestRtdsParser)
#include "tst_rtdsparser.moc"
