#include "net/clobparser.h"

#include "tests/support/testdata.h"

#include <QHash>
#include <QTest>

using namespace longshot;
using namespace longshot::net;
using namespace Qt::StringLiterals;

namespace {

QByteArray poly(const QString &name) {
    return test::readData(u"polymarket/"_s + name);
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

// One line per event, so a whole frame compares as a list of strings.
QString describe(const ClobEvent &event) {
    if (const auto *b = std::get_if<ClobBook>(&event))
        return u"book %1 %2 bids[%3] asks[%4] tick %5 last %6 ts %7"_s
            .arg(b->market.left(6), b->assetId.left(6), render(b->bids), render(b->asks), text(b->tickSize),
                 text(b->lastTradePrice))
            .arg(b->timestampMs);
    if (const auto *p = std::get_if<ClobPriceChange>(&event)) {
        QStringList legs;
        for (const ClobLevelChange &c : p->changes)
            legs.append(u"%1 %2 %3@%4 bb %5 ba %6"_s.arg(c.assetId.left(6), sideName(c.side),
                                                         c.size.toString(), c.price.toString(),
                                                         text(c.bestBid), text(c.bestAsk)));
        return u"price_change %1 ts %2: %3"_s.arg(p->market.left(6))
            .arg(p->timestampMs)
            .arg(legs.join(u"; "_s));
    }
    if (const auto *t = std::get_if<ClobLastTrade>(&event))
        return u"trade %1 %2 %3 %4@%5 fee %6 ts %7 tx %8"_s
            .arg(t->market.left(6), t->assetId.left(6), sideName(t->side), t->size.toString(),
                 t->price.toString(), text(t->feeRateBps))
            .arg(t->timestampMs)
            .arg(t->transactionHash.left(10));
    if (const auto *k = std::get_if<ClobTickSizeChange>(&event))
        return u"tick %1 %2 %3->%4 ts %5"_s
            .arg(k->market.left(6), k->assetId.left(6), k->oldTickSize.toString(), k->newTickSize.toString())
            .arg(k->timestampMs);
    const auto &a = std::get<ClobBestBidAsk>(event);
    return u"bba %1 %2 %3/%4 spread %5 ts %6"_s
        .arg(a.market.left(6), a.assetId.left(6), text(a.bestBid), text(a.bestAsk), text(a.spread))
        .arg(a.timestampMs);
}

QStringList describeAll(const ClobParseResult &r) {
    QStringList out;
    for (const ClobEvent &e : r.events)
        out.append(describe(e));
    return out;
}

} // namespace

Q_DECLARE_METATYPE(longshot::net::RejectReason)

class TestClobParser : public QObject {
    Q_OBJECT
    ClobParser m_parser;

private Q_SLOTS:
    void frames_data() {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<QStringList>("events");
        QTest::addColumn<QList<RejectReason>>("rejects");
        QTest::addColumn<int>("ignored");

        // Real capture: three books (best level last in both arrays), three two-leg price
        // changes, one trade print.
        QTest::newRow("whalescan mixed (real)")
            << poly(u"clob_ws_market_mixed_whalescan.json"_s)
            << QStringList{u"book 0xa69e 170103 bids[0.002:3152076.36,0.001:3099740.02] "
                           "asks[0.003:161262.15,0.004:147516.73,0.005:10000,0.006:20500,0.007:10000] "
                           "tick 0.001 last 0.002 ts 1790272268523"_s,
                           u"book 0x80c7 233059 "
                           u"bids[0.61:3256.61,0.6:457659.06,0.59:704008.22,0.58:105824.21,0.57:158113.96] "
                           "asks[0.62:163745.06,0.63:202479.74,0.64:253995.17,0.65:176888,0.66:78464] "
                           "tick 0.01 last 0.39 ts 1790272267688"_s,
                           u"book 0xb865 102491 "
                           u"bids[0.52:325685.56,0.51:1140587.06,0.5:795607.57,0.49:139899.21,0.48:11428] "
                           "asks[0.53:513774.79,0.54:635728.47,0.55:38874.06,0.56:7123,0.57:1065] "
                           "tick 0.01 last 0.52 ts 1790272264140"_s,
                           u"price_change 0x80c7 ts 1790272269309: 233059 BUY 703988.22@0.59 bb 0.61 ba "
                           u"0.62; "
                           "104425 SELL 703988.22@0.41 bb 0.38 ba 0.39"_s,
                           u"price_change 0x80c7 ts 1790272269416: 233059 BUY 704942.22@0.59 bb 0.61 ba "
                           u"0.62; "
                           "104425 SELL 704942.22@0.41 bb 0.38 ba 0.39"_s,
                           u"price_change 0x80c7 ts 1790272269461: 233059 BUY 90@0.51 bb 0.61 ba 0.62; "
                           "104425 SELL 90@0.49 bb 0.38 ba 0.39"_s,
                           u"trade 0xa69e 170103 SELL 20@0.002 fee 0 ts 1790272284579 tx 0x8ed4b95e"_s}
            << QList<RejectReason>{} << 0;
        // Docs example: both arrays ascending, prices without a leading zero, a made-up
        // timestamp (123456789000 is 1973 read as seconds) that is dropped rather than trusted.
        QTest::newRow("book docs") << poly(u"clob_ws_book_docs_example.json"_s)
                                   << QStringList{u"book 0xbd31 658186 bids[0.5:15,0.49:20,0.48:30] "
                                                  "asks[0.52:25,0.53:60,0.54:10] tick - last - ts 0"_s}
                                   << QList<RejectReason>{} << 0;
        QTest::newRow("price_change docs")
            << poly(u"clob_ws_price_change_docs_example.json"_s)
            << QStringList{u"price_change 0x5f65 ts 1757908892351: 713210 BUY 200@0.5 bb 0.5 ba 1; "
                           "521143 SELL 200@0.5 bb 0 ba 0.5"_s}
            << QList<RejectReason>{} << 0;
        QTest::newRow("last_trade_price docs")
            << poly(u"clob_ws_last_trade_price_docs_example.json"_s)
            << QStringList{u"trade 0x6a67 114122 BUY 219.217767@0.456 fee 0 ts 1750428146322 tx "_s}
            << QList<RejectReason>{} << 0;
        QTest::newRow("tick_size_change docs")
            << poly(u"clob_ws_tick_size_change_docs_example.json"_s)
            << QStringList{u"tick 0xbd31 658186 0.01->0.001 ts 0"_s} << QList<RejectReason>{} << 0;
        QTest::newRow("best_bid_ask docs")
            << poly(u"clob_ws_best_bid_ask_docs_example.json"_s)
            << QStringList{u"bba 0x0005 853549 0.73/0.77 spread 0.04 ts 1766789469958"_s}
            << QList<RejectReason>{} << 0;

        QTest::newRow("PONG") << QByteArray("PONG") << QStringList{} << QList<RejectReason>{} << 1;
        QTest::newRow("custom-feature events are ignored")
            << QByteArray(
                   R"([{"event_type":"new_market","id":"1"},{"event_type":"market_resolved","winning_asset_id":"2"}])")
            << QStringList{} << QList<RejectReason>{} << 2;
        QTest::newRow("empty best_bid is null")
            << QByteArray(
                   R"({"event_type":"best_bid_ask","market":"0xAB","asset_id":"9","best_bid":"","best_ask":"0.5","spread":"","timestamp":"1766789469958"})")
            << QStringList{u"bba 0xab 9 -/0.5 spread - ts 1766789469958"_s} << QList<RejectReason>{} << 0;
        QTest::newRow("numbers instead of strings")
            << QByteArray(
                   R"({"event_type":"last_trade_price","market":"0x1","asset_id":"9","price":0.456,"size":10,"side":"BUY","timestamp":1750428146322})")
            << QStringList{u"trade 0x1 9 BUY 10@0.456 fee - ts 1750428146322 tx "_s} << QList<RejectReason>{}
            << 0;
        QTest::newRow("buys/sells as the docs table names them")
            << QByteArray(
                   R"({"event_type":"book","market":"0x1","asset_id":"9","buys":[{"price":"0.4","size":"1"}],"sells":[{"price":"0.6","size":"2"}]})")
            << QStringList{u"book 0x1 9 bids[0.4:1] asks[0.6:2] tick - last - ts 0"_s}
            << QList<RejectReason>{} << 0;
        QTest::newRow("one bad leg, the other applies")
            << QByteArray(
                   R"({"event_type":"price_change","market":"0x1","timestamp":"1757908892351","price_changes":[
                 {"asset_id":"7","price":"0.5","size":"200","side":"HOLD"},
                 {"asset_id":"8","price":"0.5","size":"0","side":"SELL","best_bid":"0","best_ask":"0.5"}]})")
            << QStringList{u"price_change 0x1 ts 1757908892351: 8 SELL 0@0.5 bb 0 ba 0.5"_s}
            << QList<RejectReason>{RejectReason::BadSide} << 0;
        QTest::newRow("pre-2025-09 price_change schema")
            << QByteArray(
                   R"({"event_type":"price_change","asset_id":"7","market":"0x1","changes":[{"price":"0.5","side":"BUY","size":"1"}],"timestamp":"1757908892351"})")
            << QStringList{} << QList<RejectReason>{RejectReason::UnexpectedShape} << 0;
        QTest::newRow("array with junk between events")
            << QByteArray(
                   R"([42,{"event_type":"tick_size_change","market":"0x1","asset_id":"9","old_tick_size":"0.01","new_tick_size":"0.001","timestamp":"1757908892351"},{"no_type":true}])")
            << QStringList{u"tick 0x1 9 0.01->0.001 ts 1757908892351"_s}
            << QList<RejectReason>{RejectReason::UnexpectedShape, RejectReason::UnexpectedShape} << 0;
        QTest::newRow("book with a bad level")
            << QByteArray(
                   R"({"event_type":"book","asset_id":"9","bids":[{"price":"0.4","size":"1"},{"price":"abc","size":"1"}],"asks":[]})")
            << QStringList{} << QList<RejectReason>{RejectReason::BadNumber} << 0;
        QTest::newRow("book level above one")
            << QByteArray(
                   R"({"event_type":"book","asset_id":"9","bids":[],"asks":[{"price":"1.01","size":"1"}]})")
            << QStringList{} << QList<RejectReason>{RejectReason::BadNumber} << 0;
        QTest::newRow("book without asset")
            << QByteArray(R"({"event_type":"book","bids":[],"asks":[]})") << QStringList{}
            << QList<RejectReason>{RejectReason::MissingField} << 0;
        QTest::newRow("trade without time")
            << QByteArray(
                   R"({"event_type":"last_trade_price","asset_id":"9","price":"0.5","size":"1","side":"BUY"})")
            << QStringList{} << QList<RejectReason>{RejectReason::BadTimestamp} << 0;
        QTest::newRow("trade price above one")
            << QByteArray(
                   R"({"event_type":"last_trade_price","asset_id":"9","price":"1.5","size":"1","side":"BUY","timestamp":"1750428146322"})")
            << QStringList{} << QList<RejectReason>{RejectReason::PriceOutOfRange} << 0;
        QTest::newRow("trade of size zero")
            << QByteArray(
                   R"({"event_type":"last_trade_price","asset_id":"9","price":"0.5","size":"0","side":"SELL","timestamp":"1750428146322"})")
            << QStringList{} << QList<RejectReason>{RejectReason::NonPositiveSize} << 0;
        QTest::newRow("html") << QByteArray("<html>403</html>") << QStringList{}
                              << QList<RejectReason>{RejectReason::NotJson} << 0;
        QTest::newRow("empty") << QByteArray() << QStringList{} << QList<RejectReason>{RejectReason::NotJson}
                               << 0;
        const QByteArray mixed = poly(u"clob_ws_market_mixed_whalescan.json"_s);
        // Half an initial dump is not a book: nothing of it is delivered.
        QTest::newRow("truncated dump") << mixed.left(mixed.size() * 2 / 3) << QStringList{}
                                        << QList<RejectReason>{RejectReason::TruncatedJson} << 0;
        QTest::newRow("oversized") << QByteArray(ClobParser::kMaxFrameBytes + 1, ' ') << QStringList{}
                                   << QList<RejectReason>{RejectReason::Oversized} << 0;
    }
    void frames() {
        QFETCH(QByteArray, frame);
        QFETCH(QStringList, events);
        QFETCH(QList<RejectReason>, rejects);
        QFETCH(int, ignored);
        const ClobParseResult r = m_parser.parseFrame(frame);
        QCOMPARE(describeAll(r), events);
        QCOMPARE(r.rejects, rejects);
        QCOMPARE(r.ignored, ignored);
    }

    // The real frames, applied in order: after every leg our book's touch must equal the
    // best_bid / best_ask the exchange sent with that leg.
    void realChangesAgreeWithTheExchangeTouch() {
        const ClobParseResult r = m_parser.parseFrame(poly(u"clob_ws_market_mixed_whalescan.json"_s));
        QHash<QString, OrderBook> books;
        int checked = 0;
        for (const ClobEvent &e : r.events) {
            if (const auto *b = std::get_if<ClobBook>(&e)) {
                applyClobBook(books[b->assetId], *b);
                QCOMPARE(books[b->assetId].depth(BookSide::Bid, 100), b->bids);
                continue;
            }
            const auto *pc = std::get_if<ClobPriceChange>(&e);
            if (!pc)
                continue;
            for (const ClobLevelChange &c : pc->changes) {
                if (!books.contains(c.assetId))
                    continue; // the NO token's book was not in this capture
                OrderBook &book = books[c.assetId];
                const LevelChange change = applyClobChange(book, c);
                QVERIFY(change != LevelChange::Rejected);
                QCOMPARE(book.sizeAt(c.side == Side::Buy ? BookSide::Bid : BookSide::Ask, c.price)
                             .value_or(Decimal()),
                         c.size);
                QCOMPARE(book.bestBid()->price, *c.bestBid);
                QCOMPARE(book.bestAsk()->price, *c.bestAsk);
                ++checked;
            }
        }
        QCOMPARE(checked, 3);
        const OrderBook &book =
            books[u"23305969272951306317157739183583008201155714184462027894470739210983097393455"_s];
        QCOMPARE(book.sizeAt(BookSide::Bid, Decimal::parse("0.59").value)->toString(), u"704942.22"_s);
        QCOMPARE(book.sizeAt(BookSide::Bid, Decimal::parse("0.51").value)->toString(), u"90"_s);
        QCOMPARE(book.spread()->toString(), u"0.01"_s);
        QCOMPARE(book.mid()->toString(), u"0.615"_s);
    }

    void zeroSizeRemovesTheLevel() {
        OrderBook book;
        applyClobBook(book, std::get<ClobBook>(
                                m_parser.parseFrame(poly(u"clob_ws_book_docs_example.json"_s)).events.at(0)));
        const ClobParseResult r = m_parser.parseFrame(
            R"({"event_type":"price_change","market":"0x1","timestamp":"1","price_changes":[{"asset_id":"x","price":".50","size":"0","side":"BUY"}]})");
        QCOMPARE(applyClobChange(book, std::get<ClobPriceChange>(r.events.at(0)).changes.at(0)),
                 LevelChange::Removed);
        QCOMPARE(book.bestBid()->price.toString(), u"0.49"_s);
    }
};

QTEST_GUILESS_MAIN(TestClobParser)
#include "tst_clobparser.moc"
