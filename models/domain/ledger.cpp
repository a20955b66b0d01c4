#include "models/domain/ledger.h"

#include <algorithm>
#include <limits>

namespace longshot {
namespace {

__extension__ typedef __int128 i128;

// round(a x num / den) half to even, in micro-units (the scales cancel). Exact apart from
// that one rounding, which is at most half a micro-unit.
std::optional<Decimal> mulDiv(Decimal a, Decimal num, Decimal den) {
    if (den.micros() == 0)
        return std::nullopt;
    i128 n = static_cast<i128>(a.micros()) * num.micros();
    i128 d = den.micros();
    if (d < 0) {
        n = -n;
        d = -d;
    }
    i128 q = n / d;
    i128 r = n % d; // same sign as n
    const i128 twice = (r < 0 ? -r : r) * 2;
    if (twice > d || (twice == d && (q % 2) != 0))
        q += n < 0 ? -1 : 1;
    if (q > std::numeric_limits<qint64>::max() || q < std::numeric_limits<qint64>::min())
        return std::nullopt;
    return Decimal::fromMicros(static_cast<qint64>(q));
}

int replayRank(ActivityKind kind) {
    switch (kind) {
    case ActivityKind::Buy:
    case ActivityKind::Split:
        return 0;
    case ActivityKind::Resolution:
        return 2;
    case ActivityKind::Redeem:
        return 3;
    default:
        return 1;
    }
}

QString syntheticAssetId(const QString &conditionId, int outcomeIndex) {
    return conditionId % u'#' % QString::number(outcomeIndex);
}

// Splits `total` micro-units into `parts` shares that sum to it exactly; the first |remainder|
// parts carry one extra micro-unit.
Decimal share(Decimal total, qint64 parts, qint64 i) {
    const qint64 base = total.micros() / parts;
    const qint64 rem = total.micros() % parts; // same sign as total
    const qint64 extra = i < (rem < 0 ? -rem : rem) ? (rem < 0 ? -1 : 1) : 0;
    return Decimal::fromMicros(base + extra);
}

const Decimal kOne = Decimal::fromMicros(Decimal::kOne);
const Decimal kHalf = Decimal::fromMicros(Decimal::kOne / 2);

} // namespace

QString markKindName(MarkKind kind) {
    switch (kind) {
    case MarkKind::Midpoint:
        return QStringLiteral("midpoint");
    case MarkKind::LastTrade:
        return QStringLiteral("last trade");
    case MarkKind::BestBid:
        return QStringLiteral("best bid (liquidation)");
    }
    return QStringLiteral("unknown mark");
}

std::optional<Decimal> LedgerPosition::averagePrice() const {
    if (shares.micros() <= 0)
        return std::nullopt;
    return mulDiv(costBasis, kOne, shares);
}

PositionStatus LedgerPosition::status() const {
    if (payout.has_value())
        return redeemableShares.isZero() ? PositionStatus::Redeemed : PositionStatus::ResolvedUnredeemed;
    return shares.isZero() ? PositionStatus::Closed : PositionStatus::Open;
}

QList<qsizetype> Ledger::replayOrder(const ActivityList &events) {
    // Sorting indexes rather than events: an event is a dozen implicitly shared members and
    // moving 200k of them through a merge sort costs more than replaying them.
    QList<qsizetype> order(events.size());
    for (qsizetype i = 0; i < events.size(); ++i)
        order[i] = i;
    const auto before = [&events](qsizetype a, qsizetype b) {
        const ActivityEvent &x = events.at(a);
        const ActivityEvent &y = events.at(b);
        if (x.timestampMs != y.timestampMs)
            return x.timestampMs < y.timestampMs;
        return replayRank(x.kind) < replayRank(y.kind);
    };
    if (!std::is_sorted(order.cbegin(), order.cend(), before))
        std::stable_sort(order.begin(), order.end(), before);
    return order;
}

Ledger Ledger::replay(const ActivityList &events) {
    Ledger ledger;
    for (qsizetype i : replayOrder(events))
        if (!ledger.apply(events.at(i)))
            break;
    return ledger;
}

const LedgerPosition *Ledger::position(const QString &assetId) const {
    const auto it = m_byAsset.constFind(assetId);
    return it == m_byAsset.constEnd() ? nullptr : &m_positions.at(*it);
}

bool Ledger::isResolved(const QString &conditionId) const {
    const auto it = m_conditions.constFind(conditionId);
    return it != m_conditions.constEnd() && it->resolved;
}

Decimal Ledger::add(Decimal a, Decimal b) {
    qint64 r = 0;
    if (__builtin_add_overflow(a.micros(), b.micros(), &r)) {
        m_overflow = true;
        return a;
    }
    return Decimal::fromMicros(r);
}

Decimal Ledger::sub(Decimal a, Decimal b) {
    qint64 r = 0;
    if (__builtin_sub_overflow(a.micros(), b.micros(), &r)) {
        m_overflow = true;
        return a;
    }
    return Decimal::fromMicros(r);
}

bool Ledger::apply(const ActivityEvent &e) {
    if (hasError())
        return false;
    if (e.timestampMs < m_lastMs)
        ++m_totals.outOfOrderEvents;
    else
        m_lastMs = e.timestampMs;
    m_overflow = false;
    switch (e.kind) {
    case ActivityKind::Buy:
    case ActivityKind::Sell:
        applyTrade(e);
        break;
    case ActivityKind::Split:
    case ActivityKind::Merge:
        applySplitMerge(e);
        break;
    case ActivityKind::Redeem:
        applyRedeem(e);
        break;
    case ActivityKind::Resolution:
        if (e.conditionId.isEmpty() || e.legs.isEmpty())
            ++m_totals.ignoredEvents;
        else if (!isResolved(e.conditionId))
            resolveCondition(e.conditionId, e.legs);
        break;
    case ActivityKind::Convert:
        applyConvert(e);
        break;
    case ActivityKind::Fee:
    case ActivityKind::Rebate:
    case ActivityKind::Reward:
        applyCash(e);
        break;
    }
    if (m_overflow) {
        m_error = LedgerErrorKind::Overflow;
        m_errorEvent = m_totals.events;
        return false;
    }
    ++m_totals.events;
    return true;
}

int Ledger::positionFor(const QString &conditionId, const QString &assetId, int outcomeIndex) {
    if (!assetId.isEmpty()) {
        const auto it = m_byAsset.constFind(assetId);
        if (it != m_byAsset.constEnd()) {
            const int index = *it;
            LedgerPosition &p = m_positions[index];
            if (p.outcomeIndex < 0 && outcomeIndex >= 0)
                p.outcomeIndex = outcomeIndex;
            if (p.conditionId.isEmpty() && !conditionId.isEmpty()) {
                p.conditionId = conditionId;
                m_conditions[conditionId].positions.append(index);
            }
            return index;
        }
    }
    if (!conditionId.isEmpty() && outcomeIndex >= 0) {
        const auto cit = m_conditions.constFind(conditionId);
        if (cit != m_conditions.constEnd()) {
            for (int index : cit->positions) {
                LedgerPosition &p = m_positions[index];
                if (p.outcomeIndex != outcomeIndex)
                    continue;
                if (!assetId.isEmpty()) {
                    m_byAsset.insert(assetId, index);
                    if (p.assetIdInferred) {
                        p.assetId = assetId;
                        p.assetIdInferred = false;
                    }
                }
                return index;
            }
        }
    }
    if (assetId.isEmpty() && (conditionId.isEmpty() || outcomeIndex < 0))
        return -1;

    LedgerPosition p;
    p.assetIdInferred = assetId.isEmpty();
    p.assetId = p.assetIdInferred ? syntheticAssetId(conditionId, outcomeIndex) : assetId;
    p.conditionId = conditionId;
    p.outcomeIndex = outcomeIndex;
    const int index = static_cast<int>(m_positions.size());
    m_byAsset.insert(p.assetId, index);
    if (!conditionId.isEmpty()) {
        Condition &c = m_conditions[conditionId];
        c.positions.append(index);
        if (c.resolved)
            p.payout = payoutFor(p, c.payouts);
    }
    m_positions.append(std::move(p));
    return index;
}

void Ledger::buy(int index, Decimal shares, Decimal cost, qint64 ms) {
    LedgerPosition &p = m_positions[index];
    p.shares = add(p.shares, shares);
    p.costBasis = add(p.costBasis, cost);
    p.boughtShares = add(p.boughtShares, shares);
    p.boughtCost = add(p.boughtCost, cost);
    if (p.firstBuyMs == 0)
        p.firstBuyMs = ms;
    p.lastEventMs = ms;
    // Bought after its condition resolved (late data): it is worth the payout at once.
    if (p.payout)
        resolvePosition(index, *p.payout);
}

Decimal Ledger::dispose(int index, Decimal shares, Decimal proceeds, qint64 ms) {
    LedgerPosition &p = m_positions[index];
    p.lastEventMs = ms;
    if (p.firstSellMs == 0)
        p.firstSellMs = ms;
    // After resolution the held value is the payout already booked; a sale swaps it for cash.
    const bool resolved = p.payout.has_value();
    Decimal &held = resolved ? p.redeemableShares : p.shares;
    Decimal &basis = resolved ? p.unredeemedValue : p.costBasis;

    const Decimal tracked = std::min(shares, std::max(held, Decimal()));
    Decimal attributed = proceeds;
    if (tracked != shares) {
        if (const auto a =
                tracked.isZero() ? std::optional<Decimal>(Decimal()) : mulDiv(proceeds, tracked, shares))
            attributed = *a;
        else
            m_overflow = true;
        const Decimal untracked = sub(shares, tracked);
        p.untrackedShares = add(p.untrackedShares, untracked);
        m_totals.untrackedShares = add(m_totals.untrackedShares, untracked);
        m_totals.untrackedProceeds = add(m_totals.untrackedProceeds, sub(proceeds, attributed));
    }
    if (tracked.isZero())
        return tracked;
    Decimal removed = basis;
    if (tracked != held) {
        if (const auto r = mulDiv(basis, tracked, held))
            removed = *r;
        else
            m_overflow = true;
    }
    const Decimal pnl = sub(attributed, removed);
    held = sub(held, tracked);
    basis = sub(basis, removed);
    if (resolved)
        m_totals.unredeemedValue = sub(m_totals.unredeemedValue, removed);
    else {
        p.soldShares = add(p.soldShares, tracked);
        p.soldProceeds = add(p.soldProceeds, attributed);
    }
    p.realizedPnl = add(p.realizedPnl, pnl);
    m_totals.realizedPreFee = add(m_totals.realizedPreFee, pnl);
    m_totals.realizedPostFee = add(m_totals.realizedPostFee, pnl);
    return tracked;
}

void Ledger::resolvePosition(int index, Decimal payout) {
    LedgerPosition &p = m_positions[index];
    p.payout = payout;
    if (p.shares.isZero() && p.costBasis.isZero())
        return;
    const auto value = p.shares.checkedMul(payout);
    if (!value) {
        m_overflow = true;
        return;
    }
    const Decimal pnl = sub(*value, p.costBasis);
    p.realizedPnl = add(p.realizedPnl, pnl);
    p.sharesAtResolution = add(p.sharesAtResolution, p.shares);
    p.redeemableShares = add(p.redeemableShares, p.shares);
    p.unredeemedValue = add(p.unredeemedValue, *value);
    p.shares = Decimal();
    p.costBasis = Decimal();
    m_totals.realizedPreFee = add(m_totals.realizedPreFee, pnl);
    m_totals.realizedPostFee = add(m_totals.realizedPostFee, pnl);
    m_totals.unredeemedValue = add(m_totals.unredeemedValue, *value);
}

std::optional<Decimal> Ledger::payoutFor(const LedgerPosition &p, const QList<ActivityLeg> &payouts) const {
    const auto valid = [](const ActivityLeg &leg) {
        return leg.payout && !leg.payout->isNegative() && *leg.payout <= kOne;
    };
    if (!p.assetIdInferred)
        for (const ActivityLeg &leg : payouts)
            if (leg.assetId == p.assetId && valid(leg))
                return leg.payout;
    if (p.outcomeIndex >= 0)
        for (const ActivityLeg &leg : payouts)
            if (leg.outcomeIndex == p.outcomeIndex && (leg.assetId.isEmpty() || p.assetIdInferred) &&
                valid(leg))
                return leg.payout;
    return std::nullopt;
}

void Ledger::resolveCondition(const QString &conditionId, const QList<ActivityLeg> &payouts) {
    if (payouts.isEmpty())
        return;
    Condition &c = m_conditions[conditionId];
    c.resolved = true;
    c.payouts = payouts;
    for (int index : std::as_const(c.positions)) {
        if (m_positions.at(index).payout)
            continue;
        if (const auto payout = payoutFor(m_positions.at(index), payouts))
            resolvePosition(index, *payout);
        else if (!m_positions.at(index).shares.isZero())
            ++m_totals.unmatchedLegs; // stays open: better unresolved than resolved at a guess
    }
}

QList<ActivityLeg> Ledger::inferPayouts(const QString &conditionId, Decimal usdc) {
    const auto cit = m_conditions.constFind(conditionId);
    if (cit == m_conditions.constEnd())
        return {};
    QList<int> held;
    for (int index : cit->positions)
        if (m_positions.at(index).shares.micros() > 0)
            held.append(index);
    if (held.isEmpty())
        return {};
    ++m_totals.inferredPayouts;

    const auto legsWith = [&](auto payoutOf) {
        QList<ActivityLeg> legs;
        for (int index : cit->positions) {
            const LedgerPosition &p = m_positions.at(index);
            legs.append(ActivityLeg{conditionId, p.assetIdInferred ? QString() : p.assetId, p.outcomeIndex,
                                    payoutOf(index)});
        }
        return legs;
    };
    // A binary condition pays one side in full, neither of what was held, or half each; the
    // first of those that reproduces the USDC paid exactly is taken.
    for (int winner : std::as_const(held))
        if (m_positions.at(winner).shares == usdc)
            return legsWith([winner](int index) { return index == winner ? kOne : Decimal(); });
    if (usdc.isZero())
        return legsWith([](int) { return Decimal(); });
    Decimal halfValue;
    for (int index : std::as_const(held))
        halfValue = add(halfValue, m_positions.at(index).shares.checkedMul(kHalf).value_or(Decimal()));
    if (halfValue == usdc)
        return legsWith([](int) { return kHalf; });

    // Nothing fits exactly (tokens from outside the ledger, or partial data): one uniform
    // price, capped at $1, so any excess shows up as untracked proceeds.
    Decimal heldShares;
    for (int index : std::as_const(held))
        heldShares = add(heldShares, m_positions.at(index).shares);
    const Decimal price = std::min(kOne, mulDiv(usdc, kOne, heldShares).value_or(kOne));
    return legsWith([&](int index) { return m_positions.at(index).shares.micros() > 0 ? price : Decimal(); });
}

QList<int> Ledger::legPositions(const QString &conditionId, const QList<ActivityLeg> &legs) {
    QList<int> out;
    if (!legs.isEmpty()) {
        for (const ActivityLeg &leg : legs) {
            const int index = positionFor(leg.conditionId.isEmpty() ? conditionId : leg.conditionId,
                                          leg.assetId, leg.outcomeIndex);
            if (index < 0)
                return {};
            out.append(index);
        }
        return out;
    }
    // /activity SPLIT and MERGE rows name no token: a binary condition's two outcomes.
    if (conditionId.isEmpty())
        return {};
    for (int outcome = 0; outcome < 2; ++outcome)
        out.append(positionFor(conditionId, QString(), outcome));
    return out;
}

void Ledger::applyTrade(const ActivityEvent &e) {
    const bool isBuy = e.kind == ActivityKind::Buy;
    if (e.shares.micros() <= 0 || e.usdc.isNegative() || e.fee.isNegative() || (isBuy && e.fee > e.usdc)) {
        ++m_totals.ignoredEvents;
        return;
    }
    const int index = positionFor(e.conditionId, e.assetId, e.outcomeIndex);
    if (index < 0) {
        ++m_totals.ignoredEvents;
        return;
    }
    if (!e.fee.isZero()) {
        LedgerPosition &p = m_positions[index];
        p.fees = add(p.fees, e.fee);
        m_totals.fees = add(m_totals.fees, e.fee);
        m_totals.realizedPostFee = sub(m_totals.realizedPostFee, e.fee);
    }
    if (isBuy) {
        m_totals.buyUsdc = add(m_totals.buyUsdc, e.usdc);
        buy(index, e.shares, sub(e.usdc, e.fee), e.timestampMs);
    } else {
        m_totals.sellUsdc = add(m_totals.sellUsdc, e.usdc);
        dispose(index, e.shares, add(e.usdc, e.fee), e.timestampMs);
    }
}

void Ledger::applySplitMerge(const ActivityEvent &e) {
    const QList<int> legs = e.shares.micros() > 0 ? legPositions(e.conditionId, e.legs) : QList<int>();
    if (legs.size() < 2) {
        ++m_totals.ignoredEvents;
        return;
    }
    // One collateral unit per full set: $0.50 per leg on a binary condition (the subgraph's
    // FIFTY_CENTS), split so the legs sum to the collateral exactly.
    const qint64 n = legs.size();
    if (e.kind == ActivityKind::Split) {
        m_totals.splitUsdc = add(m_totals.splitUsdc, e.shares);
        for (qint64 i = 0; i < n; ++i)
            buy(legs.at(i), e.shares, share(e.shares, n, i), e.timestampMs);
    } else {
        m_totals.mergeUsdc = add(m_totals.mergeUsdc, e.shares);
        for (qint64 i = 0; i < n; ++i)
            dispose(legs.at(i), e.shares, share(e.shares, n, i), e.timestampMs);
    }
}

void Ledger::applyRedeem(const ActivityEvent &e) {
    if (e.conditionId.isEmpty() || e.usdc.isNegative()) {
        ++m_totals.ignoredEvents;
        return;
    }
    m_totals.redeemUsdc = add(m_totals.redeemUsdc, e.usdc);
    if (!isResolved(e.conditionId)) {
        bool given = !e.legs.isEmpty();
        for (const ActivityLeg &leg : e.legs)
            given = given && leg.payout.has_value();
        resolveCondition(e.conditionId, given ? e.legs : inferPayouts(e.conditionId, e.usdc));
    }
    // Redemption turns booked payout value into cash; it is P&L only where the cash differs.
    Decimal remaining = e.usdc;
    const auto cit = m_conditions.constFind(e.conditionId);
    if (cit != m_conditions.constEnd()) {
        for (int index : cit->positions) {
            LedgerPosition &p = m_positions[index];
            if (!p.payout)
                continue;
            const Decimal paid = std::min(p.unredeemedValue, std::max(remaining, Decimal()));
            const Decimal shortfall = sub(p.unredeemedValue, paid);
            remaining = sub(remaining, paid);
            p.realizedPnl = sub(p.realizedPnl, shortfall);
            m_totals.realizedPreFee = sub(m_totals.realizedPreFee, shortfall);
            m_totals.realizedPostFee = sub(m_totals.realizedPostFee, shortfall);
            m_totals.unredeemedValue = sub(m_totals.unredeemedValue, p.unredeemedValue);
            p.unredeemedValue = Decimal();
            p.redeemableShares = Decimal();
            p.lastEventMs = e.timestampMs;
        }
    }
    m_totals.untrackedProceeds = add(m_totals.untrackedProceeds, remaining);
}

void Ledger::applyConvert(const ActivityEvent &e) {
    const qint64 k = e.legs.size();
    const qint64 m = e.received.size();
    if (k == 0 || e.shares.micros() <= 0) {
        ++m_totals.ignoredEvents;
        return;
    }
    QList<int> noLegs, yesLegs;
    for (const ActivityLeg &leg : e.legs)
        noLegs.append(positionFor(leg.conditionId, leg.assetId, leg.outcomeIndex));
    for (const ActivityLeg &leg : e.received)
        yesLegs.append(positionFor(leg.conditionId, leg.assetId, leg.outcomeIndex));
    if (noLegs.contains(-1) || yesLegs.contains(-1)) {
        ++m_totals.ignoredEvents;
        return;
    }
    const Decimal amount = e.shares;
    // k NO tokens release k - 1 collateral units per set (the adapter's conversion rule).
    qint64 collateralMicros = 0;
    if (__builtin_mul_overflow(amount.micros(), k - 1, &collateralMicros))
        m_overflow = true;
    const Decimal collateral = Decimal::fromMicros(collateralMicros);
    m_totals.convertUsdc = add(m_totals.convertUsdc, collateral);

    if (m == 0) {
        // Every question converted: nothing is bought, so the collateral is the proceeds. (The
        // subgraph returns early here and drops it; the cash did arrive.)
        for (qint64 i = 0; i < k; ++i)
            dispose(noLegs.at(i), amount, share(collateral, k, i), e.timestampMs);
        return;
    }

    // The subgraph sells each NO at its own average price (no P&L) and buys the YES legs at
    // (noPrice*k - (k-1)) / (questionCount - k): the NO legs' cost less the collateral.
    Decimal noCost;
    for (int index : std::as_const(noLegs)) {
        LedgerPosition &p = m_positions[index];
        p.lastEventMs = e.timestampMs;
        const Decimal held = std::max(p.shares, Decimal());
        const Decimal tracked = std::min(amount, held);
        Decimal removed = p.costBasis;
        if (tracked != held)
            removed = mulDiv(p.costBasis, tracked, held).value_or(Decimal());
        Decimal assumed; // the untracked remainder, valued at the leg's average price
        if (tracked != amount) {
            if (held.micros() > 0) {
                const auto a = mulDiv(p.costBasis, sub(amount, tracked), held);
                if (!a)
                    m_overflow = true;
                assumed = a.value_or(Decimal());
            }
            const Decimal untracked = sub(amount, tracked);
            p.untrackedShares = add(p.untrackedShares, untracked);
            m_totals.untrackedShares = add(m_totals.untrackedShares, untracked);
            m_totals.untrackedCost = add(m_totals.untrackedCost, assumed);
        }
        p.shares = sub(p.shares, tracked);
        p.costBasis = sub(p.costBasis, removed);
        p.soldShares = add(p.soldShares, tracked);
        p.soldProceeds = add(p.soldProceeds, removed);
        noCost = add(noCost, add(removed, assumed));
    }
    const Decimal yesCost = sub(noCost, collateral);
    for (qint64 i = 0; i < m; ++i)
        buy(yesLegs.at(i), amount, share(yesCost, m, i), e.timestampMs);
}

void Ledger::applyCash(const ActivityEvent &e) {
    if (e.usdc.isNegative()) {
        ++m_totals.ignoredEvents;
        return;
    }
    switch (e.kind) {
    case ActivityKind::Fee: {
        m_totals.fees = add(m_totals.fees, e.usdc);
        m_totals.realizedPostFee = sub(m_totals.realizedPostFee, e.usdc);
        const auto it = e.assetId.isEmpty() ? m_byAsset.constEnd() : m_byAsset.constFind(e.assetId);
        if (it != m_byAsset.constEnd())
            m_positions[*it].fees = add(m_positions[*it].fees, e.usdc);
        break;
    }
    case ActivityKind::Rebate:
        m_totals.rebates = add(m_totals.rebates, e.usdc);
        m_totals.realizedPostFee = add(m_totals.realizedPostFee, e.usdc);
        break;
    default:
        m_totals.rewards = add(m_totals.rewards, e.usdc);
        m_totals.realizedPostFee = add(m_totals.realizedPostFee, e.usdc);
        break;
    }
}

LedgerValuation Ledger::valuate(const MarkBook &marks) const {
    LedgerValuation v;
    v.markKind = marks.kind;
    const auto addTo = [&v](Decimal &acc, Decimal x) {
        const auto r = acc.checkedAdd(x);
        if (!r)
            v.overflow = true;
        acc = r.value_or(acc);
    };
    for (const LedgerPosition &p : m_positions) {
        if (p.shares.isZero() && p.costBasis.isZero())
            continue;
        PositionValuation pv;
        pv.assetId = p.assetId;
        addTo(v.openCostBasis, p.costBasis);
        const auto it = marks.prices.constFind(p.assetId);
        if (it == marks.prices.constEnd()) {
            ++v.unmarkedPositions;
            addTo(v.unmarkedCostBasis, p.costBasis);
        } else {
            pv.mark = *it;
            pv.marketValue = p.shares.checkedMul(*it);
            if (pv.marketValue)
                pv.unrealizedPnl = pv.marketValue->checkedSub(p.costBasis);
            if (!pv.marketValue || !pv.unrealizedPnl) {
                v.overflow = true;
            } else {
                ++v.markedPositions;
                addTo(v.marketValue, *pv.marketValue);
                addTo(v.unrealizedPnl, *pv.unrealizedPnl);
            }
        }
        v.positions.append(pv);
    }
    v.totalPreFee = m_totals.realizedPreFee;
    addTo(v.totalPreFee, v.unrealizedPnl);
    v.totalPostFee = m_totals.realizedPostFee;
    addTo(v.totalPostFee, v.unrealizedPnl);
    return v;
}

} // namespace longshot
