// Properties of the ledger over random event sequences, checked against a cash-flow replay
// that knows nothing of average cost (market-analytics.md §4.3):
//   P&L = cash in - cash out + Σ open tokens x mark (resolved tokens at their payout).
//
// Rounding bound for "average cost = cash flow": ZERO micro-dollars, and here is why. The
// ledger keeps each position's cost basis as an exact total. A partial disposal forms one
// rounded quotient, removed = round(basis x sold / held), and books that same number twice:
// into realized P&L (proceeds - removed) and out of the basis (basis - removed). The sum
// realized + (value - basis) therefore loses nothing, so it equals the cash flow exactly at
// the same marks (value = round(shares x mark) on both sides). The only rounding in the engine
// is where a quotient is formed, and that is at most half a micro-dollar per division, which
// `eachDivisionRoundsByAtMostHalfAMicro` checks on every disposal.
#include "models/domain/ledger.h"

#include <QTest>

#include <rapidcheck.h>

#include <map>
#include <set>
#include <vector>

using namespace longshot;
using namespace Qt::StringLiterals;

namespace {

__extension__ typedef __int128 i128;

constexpr int kBinary = 2;    // binary conditions c0, c1
constexpr int kQuestions = 3; // one neg-risk market with questions q0..q2

QString conditionName(int c) {
    return c < kBinary ? u"c"_s + QString::number(c) : u"q"_s + QString::number(c - kBinary);
}
QString assetName(int c, int outcome) {
    return conditionName(c) + (outcome == 0 ? u":yes"_s : u":no"_s);
}
ActivityLeg leg(int c, int outcome) {
    return ActivityLeg{conditionName(c), assetName(c, outcome), outcome, {}};
}

Decimal micros(qint64 m) {
    return Decimal::fromMicros(m);
}
Decimal valueAt(Decimal shares, Decimal price) {
    return shares.checkedMul(price).value();
}

// The independent reference: balances (clamped at zero the way the ledger clamps tracked
// holdings) and cash, nothing else.
struct CashFlow {
    std::map<QString, Decimal> balance;
    std::map<QString, Decimal> payout; // set once the asset's condition resolved
    Decimal cash;                      // post-fee: usdc as paid and received
    Decimal fees, rebates, rewards;

    Decimal bal(const QString &a) const {
        const auto it = balance.find(a);
        return it == balance.end() ? Decimal() : it->second;
    }
    void addBal(const QString &a, Decimal q) { balance[a] = bal(a).checkedAdd(q).value(); }
    void takeBal(const QString &a, Decimal q) { balance[a] = bal(a).checkedSub(std::min(q, bal(a))).value(); }
    void addCash(Decimal x) { cash = cash.checkedAdd(x).value(); }
    void subCash(Decimal x) { cash = cash.checkedSub(x).value(); }

    void apply(const ActivityEvent &e) {
        switch (e.kind) {
        case ActivityKind::Buy:
            subCash(e.usdc);
            addBal(e.assetId, e.shares);
            fees = fees.checkedAdd(e.fee).value();
            break;
        case ActivityKind::Sell:
            addCash(e.usdc);
            takeBal(e.assetId, e.shares);
            fees = fees.checkedAdd(e.fee).value();
            break;
        case ActivityKind::Split:
            subCash(e.shares);
            for (const ActivityLeg &l : e.legs)
                addBal(l.assetId, e.shares);
            break;
        case ActivityKind::Merge:
            addCash(e.shares);
            for (const ActivityLeg &l : e.legs)
                takeBal(l.assetId, e.shares);
            break;
        case ActivityKind::Convert:
            addCash(Decimal::fromMicros(e.shares.micros() * (e.legs.size() - 1)));
            for (const ActivityLeg &l : e.legs)
                takeBal(l.assetId, e.shares);
            for (const ActivityLeg &l : e.received)
                addBal(l.assetId, e.shares);
            break;
        case ActivityKind::Resolution:
            for (const ActivityLeg &l : e.legs)
                payout[l.assetId] = *l.payout;
            break;
        case ActivityKind::Redeem:
            addCash(e.usdc);
            for (int o = 0; o < 2; ++o)
                balance[e.conditionId + (o == 0 ? u":yes"_s : u":no"_s)] = Decimal();
            break;
        case ActivityKind::Fee:
            subCash(e.usdc);
            fees = fees.checkedAdd(e.usdc).value();
            break;
        case ActivityKind::Rebate:
            addCash(e.usdc);
            rebates = rebates.checkedAdd(e.usdc).value();
            break;
        case ActivityKind::Reward:
            addCash(e.usdc);
            rewards = rewards.checkedAdd(e.usdc).value();
            break;
        }
    }

    // Cash plus every held token at its payout, or at the mark while unresolved.
    Decimal pnl(const MarkBook &marks) const {
        Decimal total = cash;
        for (const auto &[asset, shares] : balance) {
            const auto p = payout.find(asset);
            const Decimal price = p != payout.end() ? p->second : marks.prices.value(asset);
            total = total.checkedAdd(valueAt(shares, price)).value();
        }
        return total;
    }
};

// Random but plausible activity for one wallet. `clean` keeps every disposal within what the
// wallet holds (no tokens from outside the ledger); otherwise sells, merges, conversions and
// redemptions may exceed the tracked holding.
ActivityList genEvents(bool clean) {
    ActivityList out;
    CashFlow ref;
    std::set<int> resolved;
    const int count = *rc::gen::inRange(0, 80);
    qint64 t = 1'700'000'000'000;
    const auto randomShares = [] { return micros(*rc::gen::inRange<qint64>(1, 2'000'000'000)); };
    const auto priceOf = [] { return micros(*rc::gen::inRange<qint64>(0, 1'000'001)); };
    for (int i = 0; i < count; ++i) {
        t += *rc::gen::inRange<qint64>(1, 5'000'000);
        const int c = *rc::gen::inRange(0, kBinary + kQuestions);
        const int outcome = *rc::gen::inRange(0, 2);
        const QString asset = assetName(c, outcome);
        const bool open = !resolved.count(c);
        ActivityEvent e;
        switch (*rc::gen::inRange(0, 10)) {
        case 0:
        case 1: // buy
        {
            if (!open)
                continue;
            const Decimal q = randomShares();
            const Decimal usdc = valueAt(q, priceOf());
            const Decimal fee = micros(*rc::gen::inRange<qint64>(0, usdc.micros() / 20 + 1));
            e = ActivityEvent::trade(ActivityKind::Buy, conditionName(c), asset, outcome, q, usdc, t,
                                     std::min(fee, usdc));
            break;
        }
        case 2: // sell
        {
            if (!open)
                continue;
            Decimal q = randomShares();
            if (clean) {
                if (ref.bal(asset).micros() <= 0)
                    continue;
                q = micros(*rc::gen::inRange<qint64>(1, ref.bal(asset).micros() + 1));
            }
            const Decimal usdc = valueAt(q, priceOf());
            const Decimal fee = micros(*rc::gen::inRange<qint64>(0, usdc.micros() / 20 + 1));
            e = ActivityEvent::trade(ActivityKind::Sell, conditionName(c), asset, outcome, q, usdc, t, fee);
            break;
        }
        case 3: // split / merge on a binary condition
        {
            const int b = c % kBinary;
            if (resolved.count(b))
                continue;
            const bool split = *rc::gen::arbitrary<bool>();
            Decimal q = randomShares();
            if (!split && clean) {
                const Decimal held = std::min(ref.bal(assetName(b, 0)), ref.bal(assetName(b, 1)));
                if (held.micros() <= 0)
                    continue;
                q = micros(*rc::gen::inRange<qint64>(1, held.micros() + 1));
            }
            e = ActivityEvent::splitOrMerge(split ? ActivityKind::Split : ActivityKind::Merge,
                                            conditionName(b), {leg(b, 0), leg(b, 1)}, q, t);
            break;
        }
        case 4: // neg-risk conversion: NO on a non-empty subset -> YES on the rest + collateral
        {
            bool anyResolved = false;
            for (int q = 0; q < kQuestions; ++q)
                anyResolved = anyResolved || resolved.count(kBinary + q);
            if (anyResolved)
                continue;
            const int mask = *rc::gen::inRange(1, 1 << kQuestions);
            QList<ActivityLeg> noLegs, yesLegs;
            Decimal held = Decimal::fromMicros(std::numeric_limits<qint64>::max());
            for (int q = 0; q < kQuestions; ++q) {
                if (mask & (1 << q)) {
                    noLegs.append(leg(kBinary + q, 1));
                    held = std::min(held, ref.bal(assetName(kBinary + q, 1)));
                } else {
                    yesLegs.append(leg(kBinary + q, 0));
                }
            }
            Decimal q = randomShares();
            if (clean) {
                if (held.micros() <= 0)
                    continue;
                q = micros(*rc::gen::inRange<qint64>(1, held.micros() + 1));
            }
            e = ActivityEvent::convert(noLegs, yesLegs, q, t);
            break;
        }
        case 5: // resolution: one side wins, or 50/50 on a binary condition
        {
            if (!open)
                continue;
            const int kind = *rc::gen::inRange(0, c < kBinary ? 3 : 2);
            const Decimal yes = kind == 0 ? micros(Decimal::kOne) : kind == 1 ? Decimal() : micros(500'000);
            const Decimal no = kind == 0 ? Decimal() : kind == 1 ? micros(Decimal::kOne) : micros(500'000);
            QList<ActivityLeg> legs{leg(c, 0), leg(c, 1)};
            legs[0].payout = yes;
            legs[1].payout = no;
            e = ActivityEvent::resolution(conditionName(c), legs, t);
            resolved.insert(c);
            break;
        }
        case 6: // redemption of a resolved condition
        {
            if (open)
                continue;
            Decimal due;
            for (int o = 0; o < 2; ++o)
                due = due.checkedAdd(valueAt(ref.bal(assetName(c, o)), ref.payout[assetName(c, o)])).value();
            if (!clean) // the chain paid more (tokens from elsewhere) or less (tokens sent away)
                due = micros(
                    std::max<qint64>(0, due.micros() + *rc::gen::inRange<qint64>(-5'000'000, 5'000'000)));
            e = ActivityEvent::redeem(conditionName(c), due, t);
            break;
        }
        case 7:
            e = ActivityEvent::cash(ActivityKind::Fee, micros(*rc::gen::inRange<qint64>(0, 5'000'000)), t,
                                    asset);
            break;
        case 8:
            e = ActivityEvent::cash(ActivityKind::Rebate, micros(*rc::gen::inRange<qint64>(0, 5'000'000)), t);
            break;
        default:
            e = ActivityEvent::cash(ActivityKind::Reward, micros(*rc::gen::inRange<qint64>(0, 50'000'000)),
                                    t);
            break;
        }
        ref.apply(e);
        out.append(e);
    }
    return out;
}

MarkBook genMarks() {
    MarkBook book;
    book.kind = static_cast<MarkKind>(*rc::gen::inRange(1, 4));
    for (int c = 0; c < kBinary + kQuestions; ++c)
        for (int o = 0; o < 2; ++o)
            book.prices.insert(assetName(c, o), micros(*rc::gen::inRange<qint64>(0, 1'000'001)));
    return book;
}

CashFlow cashFlowOf(const ActivityList &events) {
    CashFlow ref;
    for (const ActivityEvent &e : events)
        ref.apply(e);
    return ref;
}

Decimal sum(std::initializer_list<Decimal> xs) {
    Decimal s;
    for (Decimal x : xs)
        s = s.checkedAdd(x).value();
    return s;
}

} // namespace

class TestLedgerProperties : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void averageCostEqualsCashFlowExactly() {
        QVERIFY(
            rc::check("clean wallet: realized + unrealized == cash flow at the same marks, to the micro", [] {
                const ActivityList events = genEvents(true);
                const MarkBook marks = genMarks();
                const Ledger l = Ledger::replay(events);
                RC_ASSERT(!l.hasError());
                const LedgerValuation v = l.valuate(marks);
                RC_ASSERT(v.unmarkedPositions == 0);
                RC_ASSERT(v.totalPostFee == cashFlowOf(events).pnl(marks));
                RC_ASSERT(l.totals().untrackedProceeds.isZero());
                RC_ASSERT(l.totals().untrackedShares.isZero());
                RC_ASSERT(l.totals().untrackedCost.isZero());
            }));
    }

    void cashFlowIdentityWithUntrackedTokens() {
        QVERIFY(rc::check(
            "any wallet: cash flow == realized + unrealized + untracked proceeds + assumed cost", [] {
                const ActivityList events = genEvents(false);
                const MarkBook marks = genMarks();
                const Ledger l = Ledger::replay(events);
                RC_ASSERT(!l.hasError());
                const LedgerTotals &t = l.totals();
                const LedgerValuation v = l.valuate(marks);
                RC_ASSERT(sum({v.totalPostFee, t.untrackedProceeds, t.untrackedCost}) ==
                          cashFlowOf(events).pnl(marks));
                RC_ASSERT(!t.untrackedProceeds.isNegative());
                RC_ASSERT(!t.untrackedCost.isNegative());
            }));
    }

    void preFeeMinusFeesPlusCreditsIsPostFee() {
        QVERIFY(rc::check("pre-fee - fees + rebates + rewards == post-fee, fees counted from the events", [] {
            const ActivityList events = genEvents(*rc::gen::arbitrary<bool>());
            const MarkBook marks = genMarks();
            const Ledger l = Ledger::replay(events);
            const CashFlow ref = cashFlowOf(events);
            const LedgerTotals &t = l.totals();
            RC_ASSERT(t.fees == ref.fees);
            RC_ASSERT(t.rebates == ref.rebates);
            RC_ASSERT(t.rewards == ref.rewards);
            const Decimal credits = sum({ref.rebates, ref.rewards});
            RC_ASSERT(t.realizedPreFee.checkedSub(ref.fees)->checkedAdd(credits).value() ==
                      t.realizedPostFee);
            const LedgerValuation v = l.valuate(marks);
            RC_ASSERT(v.totalPreFee.checkedSub(ref.fees)->checkedAdd(credits).value() == v.totalPostFee);
        }));
    }

    void holdingsNeverGoNegative() {
        QVERIFY(rc::check("after every event no position holds negative shares", [] {
            Ledger l;
            for (const ActivityEvent &e : genEvents(false)) {
                RC_ASSERT(l.apply(e));
                for (const LedgerPosition &p : l.positions()) {
                    RC_ASSERT(!p.shares.isNegative());
                    RC_ASSERT(!p.redeemableShares.isNegative());
                    RC_ASSERT(!p.unredeemedValue.isNegative());
                    RC_ASSERT(!p.shares.isZero() || p.costBasis.isZero()); // flat means no basis left
                }
            }
        }));
    }

    void fullyResolvedWalletHasNoUnrealized() {
        QVERIFY(rc::check("once every market resolved, nothing is left to mark", [] {
            ActivityList events = genEvents(*rc::gen::arbitrary<bool>());
            const qint64 end = events.isEmpty() ? 1 : events.last().timestampMs + 1;
            for (int c = 0; c < kBinary + kQuestions; ++c) {
                QList<ActivityLeg> legs{leg(c, 0), leg(c, 1)};
                const bool yesWins = *rc::gen::arbitrary<bool>();
                legs[0].payout = micros(yesWins ? Decimal::kOne : 0);
                legs[1].payout = micros(yesWins ? 0 : Decimal::kOne);
                events.append(ActivityEvent::resolution(conditionName(c), legs, end));
            }
            const Ledger l = Ledger::replay(events);
            const LedgerValuation v = l.valuate(genMarks());
            RC_ASSERT(v.unrealizedPnl.isZero());
            RC_ASSERT(v.openCostBasis.isZero());
            RC_ASSERT(v.positions.isEmpty());
            RC_ASSERT(v.totalPreFee == l.totals().realizedPreFee);
            for (const LedgerPosition &p : l.positions())
                RC_ASSERT(p.status() == PositionStatus::ResolvedUnredeemed ||
                          p.status() == PositionStatus::Redeemed);
        }));
    }

    void eachDivisionRoundsByAtMostHalfAMicro() {
        QVERIFY(rc::check("removed basis is within half a micro-dollar of basis x sold / held", [] {
            Ledger l;
            for (const ActivityEvent &e : genEvents(false)) {
                if (e.kind != ActivityKind::Sell) {
                    RC_ASSERT(l.apply(e));
                    continue;
                }
                const LedgerPosition *before = l.position(e.assetId);
                const bool live = before && !before->payout && before->shares.micros() > 0;
                const Decimal held = live ? before->shares : Decimal();
                const Decimal basis = live ? before->costBasis : Decimal();
                RC_ASSERT(l.apply(e));
                if (!live)
                    continue;
                const LedgerPosition *after = l.position(e.assetId);
                const Decimal sold = std::min(e.shares, held);
                const i128 removed = static_cast<i128>(basis.micros()) - after->costBasis.micros();
                const i128 err = removed * held.micros() - static_cast<i128>(basis.micros()) * sold.micros();
                RC_ASSERT(2 * (err < 0 ? -err : err) <= static_cast<i128>(held.micros()));
            }
        }));
    }

    void closedPositionRealizesExactlyWhatItMade() {
        QVERIFY(rc::check("a position bought and fully sold realizes proceeds - cost with no rounding", [] {
            const Ledger l = Ledger::replay(genEvents(true));
            for (const LedgerPosition &p : l.positions()) {
                if (p.payout || !p.shares.isZero() || !p.untrackedShares.isZero())
                    continue;
                RC_ASSERT(p.realizedPnl == p.soldProceeds.checkedSub(p.boughtCost).value());
            }
        }));
    }

    void replayIsDeterministicUnderInputOrder() {
        QVERIFY(rc::check("replay sorts: a shuffled copy of distinct-time events gives the same book", [] {
            const ActivityList events = genEvents(false);
            ActivityList shuffled = events;
            const auto order = *rc::gen::container<std::vector<int>>(static_cast<std::size_t>(events.size()),
                                                                     rc::gen::inRange(0, 1 << 20));
            for (qsizetype i = shuffled.size() - 1; i > 0; --i)
                shuffled.swapItemsAt(i, order[static_cast<std::size_t>(i)] % (i + 1));
            const Ledger a = Ledger::replay(events);
            const Ledger b = Ledger::replay(shuffled);
            RC_ASSERT(a.totals().realizedPostFee == b.totals().realizedPostFee);
            RC_ASSERT(a.totals().untrackedProceeds == b.totals().untrackedProceeds);
            RC_ASSERT(a.positions().size() == b.positions().size());
        }));
    }
};

QTEST_APPLESS_MAIN(TestLedgerProperties)
#include "tst_ledger_properties.moc"
