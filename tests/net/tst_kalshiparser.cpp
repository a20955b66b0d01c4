#include "net/kalshiparser.h"

#include "tests/support/testdata.h"

#include <QDateTime>
#include <QTest>

using namespace longshot;
using namespace longshot::net;
using namespace Qt::StringLiterals;

namespace {

QByteArray kalshi(const QString &name) {
    return test::readData(u"kalshi/"_s + name);
}

qint64 utcMs(int y, int mo, int d, int h, int mi, int s, int ms = 0) {
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC).toMSecsSinceEpoch();
}

QString render(const QList<PriceLevel> &levels) {
    QStringList parts;
    for (const PriceLevel &l : levels)
        parts.append(l.price.toString() + u':' + l.size.toString());
    return parts.join(u',');
}

QString text(const std::optional<Decimal> &d) {
    return d ? d->toString() : u"-"_s;
}

constexpr qint64 kRx = 1'790'000'000'000;

} // namespace

Q_DECLARE_METATYPE(longshot::net::RejectReason)

class TestKalshiParser : public QObject {
    Q_OBJECT
    KalshiParser m_parser;

private Q_SLOTS:
    void trades_data() {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<QString>("marketId");
        QTest::addColumn<QString>("assetId");
        QTest::addColumn<QString>("price");
        QTest::addColumn<QString>("size");
        QTest::addColumn<qint64>("timestampMs");
        QTest::addColumn<QString>("txId");
        QTest::addColumn<qint64>("sid");
        QTest::addColumn<qint64>("seq");
        QTest::newRow("tape 2026-09 (real)")
            << kalshi(u"kalshi_ws_trade_frame_tape_2026-09.json"_s) << u"KXCRYPTOLEAD15M-26SEP210115-HYPE"_s
            << u"KXCRYPTOLEAD15M-26SEP210115-HYPE:no"_s << u"0.86"_s << u"82.12"_s << qint64(1789966900609)
            << u"0723cb08"_s << qint64(5) << qint64(674041);
        QTest::newRow("frame 2026-05")
            << kalshi(u"kalshi_ws_trade_frame_2026-05.json"_s) << u"KXBTCD-26MAY3017-T73499.99"_s
            << u"KXBTCD-26MAY3017-T73499.99:yes"_s << u"0.42"_s << u"3"_s << qint64(1780096775004)
            << u"cd6c95cc-46e1-4654-faa5-1636dec2e5fe"_s << qint64(2) << qint64(1);
        // Only the deprecated taker_side; no seq on the docs' trade frame.
        QTest::newRow("docs example")
            << kalshi(u"kalshi_ws_trade_docs_example.json"_s) << u"HIGHNY-22DEC23-B53.5"_s
            << u"HIGHNY-22DEC23-B53.5:no"_s << u"0.64"_s << u"136"_s << qint64(1669149841000)
            << u"d91bc706-ee49-470d-82d8-11418bda6fed"_s << qint64(11) << qint64(-1);
        // Integer count, seconds only.
        QTest::newRow("legacy 2025-10")
            << kalshi(u"kalshi_ws_trade_frame_legacy_2025-10.json"_s) << u"KXHIGHCHI-25OCT02-B80.5"_s
            << u"KXHIGHCHI-25OCT02-B80.5:yes"_s << u"0.27"_s << u"7"_s << qint64(1759350609000)
            << u"5b0276ef-7715-46f2-56d8-a1c7b9e59e58"_s << qint64(1) << qint64(16);
        // The same frame shape with the dollar strings gone: integer cents alone.
        QTest::newRow("legacy cents only")
            << QByteArray(
                   R"({"type":"trade","sid":1,"seq":17,"msg":{"trade_id":"t1","market_ticker":"KXHIGHCHI-25OCT02-B80.5",
               "yes_price":14,"no_price":86,"count":7,"taker_side":"yes","ts":1759350609}})")
            << u"KXHIGHCHI-25OCT02-B80.5"_s << u"KXHIGHCHI-25OCT02-B80.5:yes"_s << u"0.14"_s << u"7"_s
            << qint64(1759350609000) << u"t1"_s << qint64(1) << qint64(17);
        QTest::newRow("legacy cents on the no side")
            << QByteArray(R"({"type":"trade","sid":1,"msg":{"trade_id":"t2","market_ticker":"M",
               "yes_price":14,"no_price":86,"count":"3","taker_side":"no","ts":1759350609}})")
            << u"M"_s << u"M:no"_s << u"0.86"_s << u"3"_s << qint64(1759350609000) << u"t2"_s << qint64(1)
            << qint64(-1);
        QTest::newRow("taker_outcome_side wins over taker_side")
            << QByteArray(R"({"type":"trade","sid":3,"seq":9,"msg":{"trade_id":"t3","market_ticker":"M",
               "yes_price_dollars":"0.1400","no_price_dollars":"0.8600","count_fp":"1.50",
               "taker_side":"yes","taker_outcome_side":"no","ts_ms":1789966900609}})")
            << u"M"_s << u"M:no"_s << u"0.86"_s << u"1.5"_s << qint64(1789966900609) << u"t3"_s << qint64(3)
            << qint64(9);
        QTest::newRow("sub-penny price")
            << QByteArray(R"({"type":"trade","sid":3,"msg":{"trade_id":"t4","market_ticker":"M",
               "yes_price_dollars":"0.9985","no_price_dollars":"0.0015","count_fp":"10000.00",
               "taker_outcome_side":"yes","ts_ms":1789966900609}})")
            << u"M"_s << u"M:yes"_s << u"0.9985"_s << u"10000"_s << qint64(1789966900609) << u"t4"_s
            << qint64(3) << qint64(-1);
    }
    void trades() {
        QFETCH(QByteArray, frame);
        QFETCH(QString, marketId);
        QFETCH(QString, assetId);
        QFETCH(QString, price);
        QFETCH(QString, size);
        QFETCH(qint64, timestampMs);
        QFETCH(QString, txId);
        QFETCH(qint64, sid);
        QFETCH(qint64, seq);
        const KalshiWsFrame f = m_parser.parseWsFrame(frame, kRx);
        QVERIFY2(!f.reject, qPrintable(rejectReasonName(f.reject.value_or(RejectReason::NotJson))));
        QCOMPARE(f.type, u"trade"_s);
        QCOMPARE(f.sid, sid);
        QCOMPARE(f.seq, seq);
        const Trade *t = std::get_if<Trade>(&f.payload);
        QVERIFY(t);
        QCOMPARE(t->venue, Venue::Kalshi);
        QCOMPARE(t->source, TradeSource::KalshiWs);
        QCOMPARE(t->side, Side::Buy);
        QCOMPARE(t->marketId, marketId);
        QCOMPARE(t->assetId, assetId);
        QCOMPARE(t->price.toString(), price);
        QCOMPARE(t->size.toString(), size);
        QCOMPARE(t->timestampMs, timestampMs);
        QCOMPARE(t->receivedMs, kRx);
        QCOMPARE(t->txId.text(), txId);
        QVERIFY(t->wallet.isEmpty());
        QCOMPARE(t->outcome, assetId.endsWith(u":yes") ? u"Yes"_s : u"No"_s);
        QCOMPARE(t->outcomeIndex, assetId.endsWith(u":yes") ? 0 : 1);
    }

    void restTradePage() {
        // The real row inside the documented page envelope.
        const QByteArray row = kalshi(u"kalshi_rest_trade_row_real.json"_s).trimmed();
        const QByteArray body = "{\"trades\":[" + row + "],\"cursor\":\"CgwI2JOXxQYQgK\"}";
        const KalshiTradesPage page = m_parser.parseTradesPage(body, kRx);
        QVERIFY(!page.error);
        QCOMPARE(page.rejects.size(), 0);
        QCOMPARE(page.cursor, u"CgwI2JOXxQYQgK"_s);
        QCOMPARE(page.trades.size(), 1);
        const Trade &t = page.trades.at(0);
        QCOMPARE(t.source, TradeSource::KalshiRest);
        QCOMPARE(t.marketId, u"KXSENATEMID-26-AELS"_s);
        QCOMPARE(t.assetId, u"KXSENATEMID-26-AELS:no"_s);
        QCOMPARE(t.price.toString(), u"0.002"_s);
        QCOMPARE(t.size.toString(), u"57.51"_s);
        QCOMPARE(t.notional()->toString(), u"0.11502"_s);
        // created_time "2026-08-05T14:01:09.49656Z": five sub-second digits, truncated to ms.
        QCOMPARE(t.timestampMs, utcMs(2026, 8, 5, 14, 1, 9, 496));
        QCOMPARE(t.txId.text(), u"c0a3ff04-16ec-5d00-a376-925eb9961e30"_s);
    }

    void restTradePages_data() {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("trades");
        QTest::addColumn<QList<RejectReason>>("rejects");
        QTest::addColumn<QString>("cursor");
        QTest::addColumn<int>("error"); // 0 = none, else RejectReason
        QTest::newRow("empty page, more to come")
            << QByteArray(R"({"trades":[],"cursor":"abc"})") << 0 << QList<RejectReason>{} << u"abc"_s << 0;
        QTest::newRow("last page") << QByteArray(R"({"trades":[],"cursor":""})") << 0 << QList<RejectReason>{}
                                   << QString() << 0;
        QTest::newRow("null trades") << QByteArray(R"({"trades":null,"cursor":null})") << 0
                                     << QList<RejectReason>{} << QString() << 0;
        QTest::newRow("one bad row among good")
            << QByteArray(R"({"trades":[
                 {"trade_id":"a","ticker":"T","count_fp":"1.00","yes_price_dollars":"0.5","no_price_dollars":"0.5",
                  "taker_outcome_side":"yes","created_time":"2026-08-05T14:01:09Z"},
                 {"trade_id":"b","ticker":"T","count_fp":"1.00","yes_price_dollars":"0.5","no_price_dollars":"0.5",
                  "taker_outcome_side":"sideways","created_time":"2026-08-05T14:01:09Z"},
                 7,
                 {"trade_id":"c","ticker":"T","count_fp":"2.00","yes_price_dollars":"0.5","no_price_dollars":"0.5",
                  "taker_outcome_side":"no","created_time":"2026-08-05T14:01:09.1+02:00"}],"cursor":"n"})")
            << 2 << QList<RejectReason>{RejectReason::BadSide, RejectReason::UnexpectedShape} << u"n"_s << 0;
        QTest::newRow("429 body is not a page")
            << kalshi(u"kalshi_rest_429_body_observed.json"_s) << 0 << QList<RejectReason>{} << QString()
            << int(RejectReason::MissingField);
        QTest::newRow("truncated") << QByteArray(R"({"trades":[{"trade_id":"a","ticker":"T")") << 0
                                   << QList<RejectReason>{} << QString() << int(RejectReason::TruncatedJson);
        QTest::newRow("html") << QByteArray("<html><body>error code: 1015</body></html>") << 0
                              << QList<RejectReason>{} << QString() << int(RejectReason::NotJson);
        QTest::newRow("trades not an array")
            << QByteArray(R"({"trades":{},"cursor":""})") << 0 << QList<RejectReason>{} << QString()
            << int(RejectReason::UnexpectedShape);
    }
    void restTradePages() {
        QFETCH(QByteArray, body);
        QFETCH(int, trades);
        QFETCH(QList<RejectReason>, rejects);
        QFETCH(QString, cursor);
        QFETCH(int, error);
        const KalshiTradesPage page = m_parser.parseTradesPage(body, kRx);
        QCOMPARE(page.error ? int(*page.error) : 0, error);
        QCOMPARE(page.trades.size(), trades);
        QCOMPARE(page.rejects, rejects);
        QCOMPARE(page.cursor, cursor);
        if (trades == 2) {
            QCOMPARE(page.trades.at(1).timestampMs, utcMs(2026, 8, 5, 12, 1, 9, 100));
            QCOMPARE(page.trades.at(1).assetId, u"T:no"_s);
        }
    }

    void snapshots_data() {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<QString>("ticker");
        QTest::addColumn<QString>("yes");
        QTest::addColumn<QString>("no");
        QTest::addColumn<qint64>("sid");
        QTest::addColumn<qint64>("seq");
        QTest::newRow("docs") << kalshi(u"kalshi_ws_orderbook_snapshot_docs_example.json"_s)
                              << u"FED-23DEC-T3.00"_s << u"0.08:300,0.22:333"_s << u"0.54:20,0.56:146"_s
                              << qint64(2) << qint64(2);
        QTest::newRow("frame 2026-05")
            << kalshi(u"kalshi_ws_orderbook_snapshot_frame_2026-05.json"_s) << u"KXBTCD-26MAY3017-T72999.99"_s
            << u"0.01:109767,0.02:282"_s << u"0.99:5"_s << qint64(1) << qint64(1);
        // Carries the integer, *_dollars and *_fp encodings at once; they agree, fp is used.
        QTest::newRow("legacy docs 2026-03")
            << kalshi(u"kalshi_ws_orderbook_snapshot_legacy_docs_example_2026-03.json"_s)
            << u"FED-23DEC-T3.00"_s << u"0.08:300,0.22:333"_s << u"0.54:20,0.56:146"_s << qint64(2)
            << qint64(2);
        QTest::newRow("settled: both sides absent")
            << kalshi(u"kalshi_ws_orderbook_snapshot_settled_empty_2026-05.json"_s) << u"KXIPL-26-RCB"_s
            << QString() << QString() << qint64(1) << qint64(221173);
        QTest::newRow("integer cents only")
            << QByteArray(
                   R"({"type":"orderbook_snapshot","sid":4,"seq":1,"msg":{"market_ticker":"M","yes":[[8,300],[22,333]],"no":[[54,20]]}})")
            << u"M"_s << u"0.08:300,0.22:333"_s << u"0.54:20"_s << qint64(4) << qint64(1);
        QTest::newRow("one side absent")
            << QByteArray(
                   R"({"type":"orderbook_snapshot","sid":4,"seq":1,"msg":{"market_ticker":"M","no_dollars_fp":[["0.0100","12.50"]]}})")
            << u"M"_s << QString() << u"0.01:12.5"_s << qint64(4) << qint64(1);
    }
    void snapshots() {
        QFETCH(QByteArray, frame);
        QFETCH(QString, ticker);
        QFETCH(QString, yes);
        QFETCH(QString, no);
        QFETCH(qint64, sid);
        QFETCH(qint64, seq);
        const KalshiWsFrame f = m_parser.parseWsFrame(frame, kRx);
        QVERIFY(!f.reject);
        QCOMPARE(f.sid, sid);
        QCOMPARE(f.seq, seq);
        const auto *s = std::get_if<KalshiBookSnapshot>(&f.payload);
        QVERIFY(s);
        QCOMPARE(s->marketTicker, ticker);
        QCOMPARE(render(s->yesBids), yes);
        QCOMPARE(render(s->noBids), no);
    }

    void deltas_data() {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<QString>("ticker");
        QTest::addColumn<int>("side");
        QTest::addColumn<QString>("price");
        QTest::addColumn<QString>("delta");
        QTest::addColumn<qint64>("timestampMs");
        QTest::addColumn<qint64>("sid");
        QTest::addColumn<qint64>("seq");
        QTest::newRow("docs") << kalshi(u"kalshi_ws_orderbook_delta_docs_example.json"_s)
                              << u"FED-23DEC-T3.00"_s << int(OutcomeSide::Yes) << u"0.96"_s << u"-54"_s
                              << qint64(1669149841000) << qint64(2) << qint64(3);
        QTest::newRow("frame 2026-05") << kalshi(u"kalshi_ws_orderbook_delta_frame_2026-05.json"_s)
                                       << u"KXBTCD-26MAY3017-T72999.99"_s << int(OutcomeSide::Yes) << u"0.7"_s
                                       << u"-5000"_s << qint64(1780096733014) << qint64(1) << qint64(4);
        QTest::newRow("rfc3339 ts only, no side, positive")
            << QByteArray(
                   R"({"type":"orderbook_delta","sid":1,"seq":5,"msg":{"market_ticker":"M","price_dollars":"0.4200","delta_fp":"12.34","side":"no","ts":"2026-05-29T23:18:53Z"}})")
            << u"M"_s << int(OutcomeSide::No) << u"0.42"_s << u"12.34"_s << utcMs(2026, 5, 29, 23, 18, 53)
            << qint64(1) << qint64(5);
        QTest::newRow("legacy cents and integer delta")
            << QByteArray(
                   R"({"type":"orderbook_delta","sid":1,"seq":6,"msg":{"market_ticker":"M","price":96,"delta":-54,"side":"yes"}})")
            << u"M"_s << int(OutcomeSide::Yes) << u"0.96"_s << u"-54"_s << qint64(0) << qint64(1)
            << qint64(6);
    }
    void deltas() {
        QFETCH(QByteArray, frame);
        QFETCH(QString, ticker);
        QFETCH(int, side);
        QFETCH(QString, price);
        QFETCH(QString, delta);
        QFETCH(qint64, timestampMs);
        QFETCH(qint64, sid);
        QFETCH(qint64, seq);
        const KalshiWsFrame f = m_parser.parseWsFrame(frame, kRx);
        QVERIFY(!f.reject);
        QCOMPARE(f.sid, sid);
        QCOMPARE(f.seq, seq);
        const auto *d = std::get_if<KalshiBookDelta>(&f.payload);
        QVERIFY(d);
        QCOMPARE(d->marketTicker, ticker);
        QCOMPARE(int(d->side), side);
        QCOMPARE(d->price.toString(), price);
        QCOMPARE(d->delta.toString(), delta);
        QCOMPARE(d->timestampMs, timestampMs);
    }

    // Snapshot then delta from the same 2026-05 subscription, applied to the domain book.
    void snapshotAndDeltaDriveTheBook() {
        const KalshiWsFrame snap =
            m_parser.parseWsFrame(kalshi(u"kalshi_ws_orderbook_snapshot_frame_2026-05.json"_s), kRx);
        const KalshiWsFrame delta =
            m_parser.parseWsFrame(kalshi(u"kalshi_ws_orderbook_delta_frame_2026-05.json"_s), kRx);
        const auto &s = std::get<KalshiBookSnapshot>(snap.payload);
        const auto &d = std::get<KalshiBookDelta>(delta.payload);
        OrderBook book = yesBookFromKalshi(s.yesBids, s.noBids);
        SequenceTracker seq;
        seq.resync(snap.sid, snap.seq);
        const auto check = seq.observe(delta.sid, delta.seq);
        QCOMPARE(check.result, SequenceTracker::Result::Gap); // 1 -> 4: seq 2 and 3 were not in the capture
        QCOMPARE(check.missing, qint64(2));
        const YesBookLevel l = yesBookLevel(d.side, d.price);
        // No level at 0.70 in this snapshot: the delta underflows, the signal to resync.
        QCOMPARE(book.applyDelta(l.side, l.price, d.delta), LevelChange::Underflow);
    }

    void tickers_data() {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<QString>("ticker");
        QTest::addColumn<QString>("values"); // price yesBid yesAsk yesBidSize yesAskSize volume oi lastSize
        QTest::addColumn<qint64>("timestampMs");
        QTest::newRow("docs") << kalshi(u"kalshi_ws_ticker_docs_example.json"_s) << u"FED-23DEC-T3.00"_s
                              << u"0.48 0.45 0.53 300 150 33896 20422 25"_s << qint64(1669149841000);
        // price_dollars "" means no last price (not zero); the "Clock" key is ignored.
        QTest::newRow("legacy 2025-10")
            << kalshi(u"kalshi_ws_ticker_frame_legacy_2025-10.json"_s)
            << u"KXNFLFIRSTTD-25OCT05NYGNO-NOSRATTLER2"_s << u"- 0 0.03 - - - - -"_s << qint64(1759351915000);
    }
    void tickers() {
        QFETCH(QByteArray, frame);
        QFETCH(QString, ticker);
        QFETCH(QString, values);
        QFETCH(qint64, timestampMs);
        const KalshiWsFrame f = m_parser.parseWsFrame(frame, kRx);
        QVERIFY(!f.reject);
        const auto *t = std::get_if<KalshiTicker>(&f.payload);
        QVERIFY(t);
        QCOMPARE(t->marketTicker, ticker);
        const QStringList got{text(t->price),        text(t->yesBid),       text(t->yesAsk),
                              text(t->yesBidSize),   text(t->yesAskSize),   text(t->volume),
                              text(t->openInterest), text(t->lastTradeSize)};
        QCOMPARE(got.join(u' '), values);
        QCOMPARE(t->timestampMs, timestampMs);
    }

    void controlFrames() {
        const KalshiWsFrame ack = m_parser.parseWsFrame(kalshi(u"kalshi_ws_subscribed_ack.json"_s), kRx);
        QVERIFY(!ack.reject);
        QCOMPARE(ack.id, qint64(1));
        QCOMPARE(ack.sid, qint64(1));
        const auto *sub = std::get_if<KalshiSubscribed>(&ack.payload);
        QVERIFY(sub);
        QCOMPARE(sub->channel, u"orderbook_delta"_s);
        QCOMPARE(sub->sid, qint64(1));

        const KalshiWsFrame ok =
            m_parser.parseWsFrame(kalshi(u"kalshi_ws_ok_update_subscription_docs_example.json"_s), kRx);
        QVERIFY(!ok.reject);
        QCOMPARE(ok.id, qint64(123));
        QCOMPARE(ok.sid, qint64(456));
        QCOMPARE(ok.seq, qint64(222));
        const auto *okMsg = std::get_if<KalshiOk>(&ok.payload);
        QVERIFY(okMsg);
        QCOMPARE(okMsg->marketTickers, (QStringList{u"MARKET-1"_s, u"MARKET-2"_s, u"MARKET-3"_s}));

        const KalshiWsFrame unknown = m_parser.parseWsFrame(
            R"({"type":"market_lifecycle_v2","sid":9,"msg":{"market_ticker":"M","event_type":"activated"}})",
            kRx);
        QVERIFY(!unknown.reject);
        QCOMPARE(unknown.type, u"market_lifecycle_v2"_s);
        QVERIFY(std::holds_alternative<std::monostate>(unknown.payload));
    }

    void errorFrames_data() {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<qint64>("id");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::addColumn<bool>("endsSubscription");
        QTest::newRow("docs") << kalshi(u"kalshi_ws_error_docs_example.json"_s) << qint64(123)
                              << KalshiWsError::kAlreadySubscribed << u"Already subscribed"_s << false;
        QTest::newRow("lowercase text, same code")
            << kalshi(u"kalshi_ws_error_already_subscribed.json"_s) << qint64(-1)
            << KalshiWsError::kAlreadySubscribed << u"already subscribed"_s << false;
        QTest::newRow("buffer overflow ends the subscription")
            << QByteArray(R"({"id":4,"type":"error","msg":{"code":25,"msg":"Subscription buffer overflow"}})")
            << qint64(4) << KalshiWsError::kSubscriptionBufferOverflow << u"Subscription buffer overflow"_s
            << true;
        QTest::newRow("channel error") << QByteArray(R"({"type":"error","msg":{"code":10,"msg":"x"}})")
                                       << qint64(-1) << KalshiWsError::kChannelError << u"x"_s << true;
    }
    void errorFrames() {
        QFETCH(QByteArray, frame);
        QFETCH(qint64, id);
        QFETCH(int, code);
        QFETCH(QString, message);
        QFETCH(bool, endsSubscription);
        const KalshiWsFrame f = m_parser.parseWsFrame(frame, kRx);
        QVERIFY(!f.reject);
        QCOMPARE(f.id, id);
        const auto *e = std::get_if<KalshiWsError>(&f.payload);
        QVERIFY(e);
        QCOMPARE(e->code, code);
        QCOMPARE(e->message, message);
        QCOMPARE(e->endsSubscription(), endsSubscription);
    }

    void refusedFrames_data() {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<RejectReason>("reason");
        const QByteArray tape = kalshi(u"kalshi_ws_trade_frame_tape_2026-09.json"_s);
        const auto tapeWith = [&](const char *from, const char *to) {
            QByteArray f = tape;
            return f.replace(from, to);
        };
        QTest::newRow("html") << QByteArray("<html>502 Bad Gateway</html>") << RejectReason::NotJson;
        QTest::newRow("empty") << QByteArray("") << RejectReason::NotJson;
        QTest::newRow("heartbeat text") << QByteArray("heartbeat") << RejectReason::NotJson;
        QTest::newRow("truncated real frame") << tape.left(tape.size() / 2) << RejectReason::TruncatedJson;
        QTest::newRow("trailing garbage") << tape.trimmed() + "}" << RejectReason::TruncatedJson;
        QTest::newRow("array root") << QByteArray("[" + tape + "]") << RejectReason::UnexpectedShape;
        QTest::newRow("oversized") << QByteArray(KalshiParser::kMaxFrameBytes + 1, ' ')
                                   << RejectReason::Oversized;
        QTest::newRow("no type") << QByteArray(R"({"sid":1,"msg":{}})") << RejectReason::UnexpectedShape;
        QTest::newRow("trade without msg")
            << QByteArray(R"({"type":"trade","sid":1})") << RejectReason::MissingField;
        QTest::newRow("no trade_id") << tapeWith("\"trade_id\"", "\"trade_no\"")
                                     << RejectReason::MissingField;
        QTest::newRow("no ticker") << tapeWith("\"market_ticker\"", "\"market\"")
                                   << RejectReason::MissingField;
        QTest::newRow("bad side") << tapeWith("\"taker_outcome_side\":\"no\"",
                                              "\"taker_outcome_side\":\"maybe\"")
                                  << RejectReason::BadSide;
        QTest::newRow("price text") << tapeWith("\"0.8600\"", "\"0.86x\"") << RejectReason::BadNumber;
        QTest::newRow("price beyond micro precision")
            << tapeWith("\"0.8600\"", "\"0.8600001\"") << RejectReason::BadNumber;
        QTest::newRow("price above one")
            << tapeWith("\"0.8600\"", "\"1.8600\"") << RejectReason::PriceOutOfRange;
        QTest::newRow("price missing")
            << tapeWith("\"no_price_dollars\"", "\"no_price_x\"") << RejectReason::MissingField;
        QTest::newRow("zero count") << tapeWith("\"82.12\"", "\"0.00\"") << RejectReason::NonPositiveSize;
        QTest::newRow("negative count") << tapeWith("\"82.12\"", "\"-1\"") << RejectReason::NonPositiveSize;
        QTest::newRow("count NaN") << tapeWith("\"82.12\"", "\"NaN\"") << RejectReason::BadNumber;
        QTest::newRow("ts_ms text") << tapeWith("1789966900609", "\"soon\"") << RejectReason::BadTimestamp;
        QTest::newRow("ts_ms implausible") << tapeWith("1789966900609", "17") << RejectReason::BadTimestamp;
        QTest::newRow("no time at all")
            << QByteArray(
                   R"({"type":"trade","msg":{"trade_id":"a","market_ticker":"M","yes_price_dollars":"0.5","count_fp":"1","taker_outcome_side":"yes"}})")
            << RejectReason::BadTimestamp;
        QTest::newRow("delta bad side")
            << QByteArray(
                   R"({"type":"orderbook_delta","sid":1,"seq":2,"msg":{"market_ticker":"M","price_dollars":"0.5","delta_fp":"1","side":"up"}})")
            << RejectReason::BadSide;
        QTest::newRow("delta no amount")
            << QByteArray(
                   R"({"type":"orderbook_delta","sid":1,"seq":2,"msg":{"market_ticker":"M","price_dollars":"0.5","side":"yes"}})")
            << RejectReason::MissingField;
        QTest::newRow("snapshot bad level")
            << QByteArray(
                   R"({"type":"orderbook_snapshot","sid":1,"seq":1,"msg":{"market_ticker":"M","yes_dollars_fp":[["0.5","1"],["x","2"]]}})")
            << RejectReason::BadNumber;
        QTest::newRow("snapshot level not a pair")
            << QByteArray(
                   R"({"type":"orderbook_snapshot","sid":1,"seq":1,"msg":{"market_ticker":"M","no_dollars_fp":[["0.5"]]}})")
            << RejectReason::BadNumber;
        QTest::newRow("error without code")
            << QByteArray(R"({"type":"error","msg":{"msg":"?"}})") << RejectReason::MissingField;
        QTest::newRow("subscribed without sid")
            << QByteArray(R"({"type":"subscribed","id":1,"msg":{"channel":"trade"}})")
            << RejectReason::MissingField;
    }
    void refusedFrames() {
        QFETCH(QByteArray, frame);
        QFETCH(RejectReason, reason);
        const KalshiWsFrame f = m_parser.parseWsFrame(frame, kRx);
        QVERIFY(f.reject);
        QCOMPARE(*f.reject, reason);
        QVERIFY(std::holds_alternative<std::monostate>(f.payload));
        // The parser carries on: the next good frame parses.
        QVERIFY(!m_parser.parseWsFrame(kalshi(u"kalshi_ws_trade_frame_2026-05.json"_s), kRx).reject);
    }

    void restOrderbook() {
        const KalshiBookParse p = m_parser.parseOrderbook(kalshi(u"kalshi_rest_orderbook_real.json"_s));
        QVERIFY(!p.error);
        QCOMPARE(render(p.book.yesBids), u"0.53:8849,0.54:39014.5,0.55:21613.8,0.56:13340,0.57:21582.76"_s);
        QCOMPARE(render(p.book.noBids), u"0.37:3320,0.38:2313,0.4:200,0.41:2300,0.42:14450.44"_s);
        const OrderBook book = yesBookFromKalshi(p.book.yesBids, p.book.noBids);
        QCOMPARE(book.bestBid()->price.toString(), u"0.57"_s);
        QCOMPARE(book.bestAsk()->price.toString(), u"0.58"_s);

        const KalshiBookParse empty =
            m_parser.parseOrderbook(R"({"orderbook_fp":{"yes_dollars":null,"no_dollars":[]}})");
        QVERIFY(!empty.error);
        QVERIFY(empty.book.yesBids.isEmpty() && empty.book.noBids.isEmpty());
        QCOMPARE(m_parser.parseOrderbook(R"({"details":"x"})").error,
                 std::optional(RejectReason::UnexpectedShape));
        QCOMPARE(m_parser.parseOrderbook(R"({"orderbook_fp":{"yes_dollars":[["0.5",""]]}})").error,
                 std::optional(RejectReason::BadNumber));
    }

    void markets() {
        const KalshiMarketsPage one = m_parser.parseMarkets(kalshi(u"kalshi_market_object_real.json"_s));
        QVERIFY(!one.error);
        QCOMPARE(one.markets.size(), 1);
        const KalshiMarket &k = one.markets.at(0);
        QCOMPARE(k.market.venue, Venue::Kalshi);
        QCOMPARE(k.market.marketId, u"KXMLBGAME-26AUG112140MILSD-MIL"_s);
        QCOMPARE(k.market.eventSlug, u"KXMLBGAME-26AUG112140MILSD"_s);
        QCOMPARE(k.market.title, u"Milwaukee vs San Diego Winner?"_s);
        QCOMPARE(k.status, u"active"_s);
        QVERIFY(!k.market.closed);
        QCOMPARE(k.market.endDate, QDateTime(QDate(2026, 8, 15), QTime(1, 40), Qt::UTC));
        QCOMPARE(text(k.yesBid) + u' ' + text(k.yesAsk) + u' ' + text(k.noBid) + u' ' + text(k.noAsk),
                 u"0 0.01 0.99 1"_s);
        QCOMPARE(text(k.volume), u"2892306.9"_s);
        QCOMPARE(text(k.volume24h), u"2883275.82"_s);
        QCOMPARE(text(k.openInterest), u"2286232.05"_s);
        // The captures all say "0.0000": carried as read; the insider rule treats zero as unknown.
        QCOMPARE(text(k.market.liquidityUsd), u"0"_s);
        QCOMPARE(k.market.outcomes.size(), 2);
        QCOMPARE(k.market.outcomes.at(0).assetId, u"KXMLBGAME-26AUG112140MILSD-MIL:yes"_s);
        QCOMPARE(text(k.market.outcomes.at(0).lastPrice), u"0.01"_s);
        QCOMPARE(k.market.outcomes.at(1).assetId, u"KXMLBGAME-26AUG112140MILSD-MIL:no"_s);
        QCOMPARE(text(k.market.outcomes.at(1).lastPrice), u"0.99"_s);
        QVERIFY(!k.market.outcomes.at(0).payout);

        const KalshiMarketsPage event =
            m_parser.parseMarkets(kalshi(u"kalshi_event_with_markets_real.json"_s));
        QVERIFY(!event.error);
        QCOMPARE(event.markets.size(), 2);
        QCOMPARE(event.markets.at(1).market.marketId, u"KXMLBGAME-26AUG112140MILSD-SD"_s);
        QCOMPARE(text(event.markets.at(1).yesBid), u"0.99"_s);

        const KalshiMarketsPage settled = m_parser.parseMarkets(
            R"({"market":{"ticker":"T","status":"finalized","result":"no","last_price_dollars":"0.0100"}})");
        QCOMPARE(settled.markets.size(), 1);
        QVERIFY(settled.markets.at(0).market.closed);
        QCOMPARE(text(settled.markets.at(0).market.outcomes.at(0).payout), u"0"_s);
        QCOMPARE(text(settled.markets.at(0).market.outcomes.at(1).payout), u"1"_s);
        QCOMPARE(text(settled.markets.at(0).market.liquidityUsd), u"-"_s); // not sent: unknown

        const KalshiMarketsPage deep =
            m_parser.parseMarkets(R"({"market":{"ticker":"D","liquidity_dollars":"40000.1234"}})");
        QCOMPARE(deep.markets.size(), 1);
        QCOMPARE(text(deep.markets.at(0).market.liquidityUsd), u"40000.1234"_s);

        const KalshiMarketsPage page = m_parser.parseMarkets(
            R"({"markets":[{"ticker":"A"},{"title":"no ticker"},{"ticker":"B","volume_fp":"x"}],"cursor":"c2"})");
        QCOMPARE(page.markets.size(), 1);
        QCOMPARE(page.rejects, (QList<RejectReason>{RejectReason::MissingField, RejectReason::BadNumber}));
        QCOMPARE(page.cursor, u"c2"_s);
        QCOMPARE(m_parser.parseMarkets(R"({"details":"invalid status filter"})").error,
                 std::optional(RejectReason::UnexpectedShape));
    }

    void restErrors_data() {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("isError");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("details");
        QTest::newRow("observed 429, nested")
            << kalshi(u"kalshi_rest_429_body_observed.json"_s) << true << u"too_many_requests"_s
            << u"too many requests"_s << QString();
        QTest::newRow("observed 400, details")
            << kalshi(u"kalshi_rest_400_invalid_status_filter_observed.json"_s) << true << QString()
            << QString() << u"invalid status filter"_s;
        QTest::newRow("documented 429, flat") << QByteArray(R"({"error":"too many requests"})") << true
                                              << QString() << u"too many requests"_s << QString();
        QTest::newRow("nested with details")
            << QByteArray(
                   R"({"error":{"code":"invalid_parameters","message":"bad","details":"limit > 1000"}})")
            << true << u"invalid_parameters"_s << u"bad"_s << u"limit > 1000"_s;
        QTest::newRow("a market is not an error")
            << kalshi(u"kalshi_market_object_real.json"_s) << false << QString() << QString() << QString();
        QTest::newRow("html is not an error body")
            << QByteArray("<html>429</html>") << false << QString() << QString() << QString();
    }
    void restErrors() {
        QFETCH(QByteArray, body);
        QFETCH(bool, isError);
        QFETCH(QString, code);
        QFETCH(QString, message);
        QFETCH(QString, details);
        const auto e = m_parser.parseRestError(body);
        QCOMPARE(e.has_value(), isError);
        if (!e)
            return;
        QCOMPARE(e->code, code);
        QCOMPARE(e->message, message);
        QCOMPARE(e->details, details);
        QVERIFY(!e->describe().isEmpty());
    }

    void rfc3339_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<qint64>("ms");
        QTest::newRow("whole seconds") << QByteArray("2022-11-22T20:44:01Z") << true << qint64(1669149841000);
        QTest::newRow("five digits") << QByteArray("2026-08-05T14:01:09.49656Z") << true
                                     << utcMs(2026, 8, 5, 14, 1, 9, 496);
        QTest::newRow("six digits") << QByteArray("2026-08-09T01:45:46.229855Z") << true
                                    << utcMs(2026, 8, 9, 1, 45, 46, 229);
        QTest::newRow("one digit") << QByteArray("2026-08-09T01:45:46.2Z") << true
                                   << utcMs(2026, 8, 9, 1, 45, 46, 200);
        QTest::newRow("nine digits") << QByteArray("2026-08-09T01:45:46.999999999Z") << true
                                     << utcMs(2026, 8, 9, 1, 45, 46, 999);
        QTest::newRow("positive offset")
            << QByteArray("2026-08-05T14:01:09+02:00") << true << utcMs(2026, 8, 5, 12, 1, 9);
        QTest::newRow("negative offset")
            << QByteArray("2026-08-05T14:01:09.5-05:30") << true << utcMs(2026, 8, 5, 19, 31, 9, 500);
        QTest::newRow("leap day") << QByteArray("2028-02-29T00:00:00Z") << true
                                  << utcMs(2028, 2, 29, 0, 0, 0);
        QTest::newRow("year one") << QByteArray("0001-01-01T00:00:00Z") << true << qint64(-62135596800000);
        QTest::newRow("no zone") << QByteArray("2026-08-05T14:01:09") << false << qint64(0);
        QTest::newRow("dot without digits") << QByteArray("2026-08-05T14:01:09.Z") << false << qint64(0);
        QTest::newRow("30 February") << QByteArray("2026-02-30T00:00:00Z") << false << qint64(0);
        QTest::newRow("29 February, not leap") << QByteArray("2026-02-29T00:00:00Z") << false << qint64(0);
        QTest::newRow("hour 24") << QByteArray("2026-08-05T24:00:00Z") << false << qint64(0);
        QTest::newRow("trailing text") << QByteArray("2026-08-05T14:01:09Zjunk") << false << qint64(0);
        QTest::newRow("empty") << QByteArray() << false << qint64(0);
        QTest::newRow("date only") << QByteArray("2026-08-05") << false << qint64(0);
    }
    void rfc3339() {
        QFETCH(QByteArray, text);
        QFETCH(bool, ok);
        QFETCH(qint64, ms);
        const auto parsed = parseRfc3339Ms(text);
        QCOMPARE(parsed.has_value(), ok);
        if (ok)
            QCOMPARE(*parsed, ms);
    }
};

QTEST_GUILESS_MAIN(TestKalshiParser)
#include "tst_kalshiparser.moc"
