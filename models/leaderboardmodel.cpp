#include "models/leaderboardmodel.h"

#include "models/displaystyle.h"
#include "models/marklabel.h"
#include "models/moneyformat.h"
#include "models/pnlstyle.h"

#include <QDateTime>
#include <QFont>

#include <algorithm>
#include <numeric>

using namespace Qt::StringLiterals;

namespace longshot {
namespace {

using Column = LeaderboardModel::Column;

QString windowWords(BoardPeriod period) {
    switch (period) {
    case BoardPeriod::Day:
        return u"the last 24 hours"_s;
    case BoardPeriod::Week:
        return u"the last 7 days"_s;
    case BoardPeriod::Month:
        return u"the last 30 days"_s;
    case BoardPeriod::All:
        break;
    }
    return u"the whole stored history"_s;
}

QString utc(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(u"yyyy-MM-dd HH:mm 'UTC'"_s);
}

bool isMoney(Column c) {
    return c == Column::PnlPreFee || c == Column::PnlPostFee || c == Column::Volume ||
           c == Column::Polymarket || c == Column::Difference;
}

// Best first for every key; rows whose figures overflowed rank last.
double rankKey(const LeaderboardRow &r, BoardRank rank) {
    if (r.overflow)
        return -std::numeric_limits<double>::infinity();
    switch (rank) {
    case BoardRank::Pnl:
        return static_cast<double>(r.pnlPreFee.micros());
    case BoardRank::Roi:
        return r.roi.value_or(-std::numeric_limits<double>::max());
    case BoardRank::Volume:
        return static_cast<double>(r.volume.micros());
    case BoardRank::WinRate:
        return r.shrunkWinRate;
    case BoardRank::Grade:
        break;
    }
    return r.gradeScore;
}

} // namespace

LeaderboardModel::LeaderboardModel(QObject *parent)
    : QAbstractTableModel(parent) {
    refreshOnStyleChange(this); // P&L, grade and caution colours follow the scheme
}

LeaderboardModel::~LeaderboardModel() = default;

int LeaderboardModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_result.rows.size());
}

int LeaderboardModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : kColumnCount;
}

int LeaderboardModel::rowOf(const QString &wallet) const {
    for (int i = 0; i < m_result.rows.size(); ++i)
        if (m_result.rows.at(i).wallet.address() == wallet)
            return i;
    return -1;
}

void LeaderboardModel::setResult(const LeaderboardResult &result) {
    bool sameRows = result.rows.size() == m_result.rows.size() && !result.rows.isEmpty();
    for (qsizetype i = 0; sameRows && i < result.rows.size(); ++i)
        sameRows = result.rows.at(i).wallet == m_result.rows.at(i).wallet;
    const bool headersChange = result.query.period != m_result.query.period ||
                               result.query.category.isEmpty() != m_result.query.category.isEmpty();
    if (!sameRows) {
        beginResetModel();
        m_result = result;
        computeRanks();
        endResetModel();
    } else {
        // A refresh of the same traders: the figures of a few rows moved, and with them ranks.
        const QList<int> oldRanks = m_ranks;
        const LeaderboardRows old = m_result.rows;
        m_result = result;
        computeRanks();
        int first = -1, last = -1;
        for (int i = 0; i < m_result.rows.size(); ++i) {
            const LeaderboardRow &a = old.at(i);
            const LeaderboardRow &b = m_result.rows.at(i);
            const bool same = oldRanks.value(i) == m_ranks.value(i) && a.pnlPreFee == b.pnlPreFee &&
                              a.pnlPostFee == b.pnlPostFee && a.volume == b.volume && a.wins == b.wins &&
                              a.losses == b.losses && a.officialPnl == b.officialPnl && a.name == b.name &&
                              a.grade == b.grade && a.complete == b.complete && a.syncedMs == b.syncedMs &&
                              a.incompleteReason == b.incompleteReason && a.difference == b.difference;
            if (same)
                continue;
            first = first < 0 ? i : first;
            last = i;
        }
        if (first >= 0)
            Q_EMIT dataChanged(index(first, 0), index(last, kColumnCount - 1));
    }
    if (headersChange)
        Q_EMIT headerDataChanged(Qt::Horizontal, 0, kColumnCount - 1);
}

void LeaderboardModel::setRankBy(BoardRank rank) {
    if (rank == m_rankBy)
        return;
    m_rankBy = rank;
    computeRanks();
    if (!m_result.rows.isEmpty())
        Q_EMIT dataChanged(index(0, column(Column::Rank)), index(rowCount() - 1, column(Column::Rank)));
}

void LeaderboardModel::computeRanks() {
    QList<int> order(m_result.rows.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [this](int a, int b) {
        return rankKey(m_result.rows.at(a), m_rankBy) > rankKey(m_result.rows.at(b), m_rankBy);
    });
    m_ranks = QList<int>(m_result.rows.size(), 0);
    for (int i = 0; i < order.size(); ++i)
        m_ranks[order.at(i)] = i + 1;
}

QVariant LeaderboardModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LeaderboardRow &r = m_result.rows.at(index.row());
    const auto c = static_cast<Column>(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return display(r, index.row(), c);
    case SortRole:
        return sortKey(r, index.row(), c);
    case WalletRole:
        return r.wallet.address();
    case Qt::ToolTipRole:
        return toolTip(r, c);
    case Qt::TextAlignmentRole:
        if (c == Column::Trader)
            return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
        if (c == Column::Grade || c == Column::History || c == Column::Rank)
            return QVariant::fromValue(Qt::AlignCenter);
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (r.overflow)
            return {};
        if (c == Column::PnlPreFee)
            return pnlForeground(r.pnlPreFee);
        if (c == Column::PnlPostFee)
            return pnlForeground(r.pnlPostFee);
        if (c == Column::Roi && r.roi && *r.roi != 0)
            return *r.roi > 0 ? gainColor() : lossColor();
        if (c == Column::Polymarket && r.officialPnl)
            return pnlForeground(*r.officialPnl);
        if (c == Column::Grade)
            return gradeColor(r.grade);
        if (c == Column::History)
            return r.complete ? QVariant() : QVariant(cautionColor());
        return {};
    case Qt::FontRole: {
        // Figures from an incomplete history are lower bounds at best: they read as such.
        if (!r.complete && (isMoney(c) || c == Column::Roi || c == Column::WinRate) &&
            c != Column::Polymarket) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        if (c == Column::Grade || c == Column::Rank) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    }
    case BadgeRole:
        if (c == Column::WinRate && r.decided() < WinRateStats::kMinDecided)
            return u"n<20"_s;
        if (c == Column::History && !r.complete)
            return u"incomplete"_s;
        return QString();
    default:
        return {};
    }
}

QVariant LeaderboardModel::display(const LeaderboardRow &r, int row, Column c) const {
    if (r.overflow && (isMoney(c) || c == Column::Roi) && c != Column::Polymarket)
        return u"overflow"_s;
    switch (c) {
    case Column::Rank:
        return m_ranks.value(row);
    case Column::Trader:
        return r.name.isEmpty() ? r.wallet.shortForm() : r.name;
    case Column::Grade:
        return gradeName(r.grade);
    case Column::PnlPreFee:
        return formatPnl(r.pnlPreFee);
    case Column::PnlPostFee:
        return formatPnl(r.pnlPostFee);
    case Column::Roi:
        return r.roi ? formatPercent(*r.roi, 1, true) : u"—"_s;
    case Column::Volume:
        return formatUsd(r.volume, 0);
    case Column::WinRate:
        return r.winRate ? formatPercent(*r.winRate, 0) : u"—"_s;
    case Column::Decided:
        return u"%1–%2"_s.arg(r.wins).arg(r.losses);
    case Column::Polymarket:
        return r.officialPnl ? formatPnl(*r.officialPnl) : u"—"_s;
    case Column::Difference:
        return r.difference ? formatPnl(*r.difference) : u"—"_s;
    case Column::History:
        return r.complete ? u"complete"_s : QString();
    case Column::ColumnCount:
        break;
    }
    return {};
}

QVariant LeaderboardModel::sortKey(const LeaderboardRow &r, int row, Column c) const {
    constexpr qint64 kMissing = std::numeric_limits<qint64>::min();
    switch (c) {
    case Column::Rank:
        return m_ranks.value(row);
    case Column::Trader:
        return (r.name.isEmpty() ? r.wallet.address() : r.name).toCaseFolded();
    case Column::Grade:
        return r.gradeScore;
    case Column::PnlPreFee:
        return r.overflow ? kMissing : r.pnlPreFee.micros();
    case Column::PnlPostFee:
        return r.overflow ? kMissing : r.pnlPostFee.micros();
    case Column::Roi:
        return r.roi && !r.overflow ? *r.roi : -std::numeric_limits<double>::max();
    case Column::Volume:
        return r.overflow ? kMissing : r.volume.micros();
    case Column::WinRate:
        return r.shrunkWinRate;
    case Column::Decided:
        return r.decided();
    case Column::Polymarket:
        return r.officialPnl ? r.officialPnl->micros() : kMissing;
    case Column::Difference:
        return r.difference ? r.difference->micros() : kMissing;
    case Column::History:
        return r.complete ? 1 : 0;
    case Column::ColumnCount:
        break;
    }
    return {};
}

QString LeaderboardModel::toolTip(const LeaderboardRow &r, Column c) const {
    QString tip;
    switch (c) {
    case Column::Rank:
        tip = u"Rank by %1 among the traders listed"_s.arg(boardRankLabel(m_rankBy));
        break;
    case Column::Trader:
        tip = (r.name.isEmpty() ? r.wallet.address() : r.name + u'\n' + r.wallet.address()) +
              (r.strategy.isEmpty() ? QString() : u"\nStyle: "_s + r.strategy) + u"\nLast synced "_s +
              utc(r.syncedMs) + u"\nDouble-click for the profile"_s;
        break;
    case Column::Grade:
        tip = u"Grade %1, score %2/100 (whole history)%3"_s.arg(gradeName(r.grade))
                  .arg(r.gradeScore, 0, 'f', 0)
                  .arg(r.gradeProvisional
                           ? u"\nProvisional: fewer than 20 decided markets, pulled toward the prior"_s
                           : QString());
        break;
    case Column::PnlPreFee:
    case Column::PnlPostFee:
        tip = u"Exact: %1 pre-fee, %2 post-fee"_s.arg(formatUsdExact(r.pnlPreFee),
                                                      formatUsdExact(r.pnlPostFee));
        if (!isWindowed())
            tip += u"\nRealized %1 + unrealized %2, %3 (the figures the profile shows)"_s.arg(
                formatUsdExact(r.realizedPreFee), formatUsdExact(r.unrealized),
                markedAtText(r.markedMs, r.markKind));
        if (r.unmarkedPositions > 0)
            tip += u"\n%1 open position(s) without a mark are left out, not counted as zero"_s.arg(
                r.unmarkedPositions);
        break;
    case Column::Roi:
        tip = u"Post-fee P&L %1 ÷ volume %2"_s.arg(formatUsdExact(r.pnlPostFee), formatUsdExact(r.volume));
        break;
    case Column::Volume:
        tip = u"%1 of buys and sells (USDC actually paid and received)"_s.arg(formatUsdExact(r.volume));
        break;
    case Column::WinRate:
    case Column::Decided:
        tip = u"%1 won, %2 lost of the markets that resolved in %3.\nShrunk toward 50% (prior 10 of 20): %4"_s
                  .arg(r.wins)
                  .arg(r.losses)
                  .arg(windowWords(m_result.query.period))
                  .arg(formatPercent(r.shrunkWinRate));
        if (r.decided() < WinRateStats::kMinDecided)
            tip += u"\nFewer than 20 decided markets: too few to read much into the rate"_s;
        tip += u"\n%1 resolved markets in the whole history"_s.arg(r.resolvedLifetime);
        break;
    case Column::Polymarket:
        if (!m_result.query.category.isEmpty())
            tip = u"Polymarket's stored board is for all categories: not shown beside a category's figures"_s;
        else if (!r.officialPnl)
            tip = u"Not on Polymarket's stored %1 board (it lists only its top traders)"_s.arg(
                boardPeriodLabel(m_result.query.period));
        else
            tip = u"Polymarket's own %1 figure: %2, rank %3, fetched %4"_s
                      .arg(boardPeriodLabel(m_result.query.period), formatUsdExact(*r.officialPnl))
                      .arg(r.officialRank.value_or(0))
                      .arg(utc(r.officialFetchedMs));
        break;
    case Column::Difference:
        if (r.difference)
            tip = u"Polymarket %1 − our realized pre-fee %2 = %3"_s.arg(formatUsdExact(*r.officialPnl),
                                                                        formatUsdExact(r.realizedPreFee),
                                                                        formatUsdExact(*r.difference));
        else
            tip = u"No Polymarket figure to compare with"_s;
        break;
    case Column::History:
        tip = r.complete
                  ? u"The whole activity history was fetched at the last sync"_s
                  : u"History incomplete: %1\nFigures are from what was fetched, not the whole record"_s.arg(
                        r.incompleteReason.isEmpty() ? u"reason not recorded"_s : r.incompleteReason);
        break;
    case Column::ColumnCount:
        break;
    }
    if (!r.complete && c != Column::History && c != Column::Trader && c != Column::Rank)
        tip += u"\n\nHistory incomplete: "_s +
               (r.incompleteReason.isEmpty() ? u"see the History column"_s : r.incompleteReason);
    if (r.overflow)
        tip += u"\n\nA sum overflowed while replaying this history: figures are withheld"_s;
    return tip;
}

QVariant LeaderboardModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= kColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    const auto c = static_cast<Column>(section);
    if (role == Qt::ToolTipRole)
        return headerToolTip(c);
    if (role == Qt::TextAlignmentRole)
        return c == Column::Trader ? QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter)
                                   : QVariant::fromValue(Qt::AlignCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (c) {
    case Column::Rank:
        return u"#"_s;
    case Column::Trader:
        return u"Trader"_s;
    case Column::Grade:
        return u"Grade"_s;
    case Column::PnlPreFee:
        return u"P&L"_s;
    case Column::PnlPostFee:
        return u"After fees"_s;
    case Column::Roi:
        return u"ROI"_s;
    case Column::Volume:
        return u"Volume"_s;
    case Column::WinRate:
        return u"Win rate"_s;
    case Column::Decided:
        return u"W–L"_s;
    case Column::Polymarket:
        return u"Polymarket"_s;
    case Column::Difference:
        return u"Δ vs ours"_s;
    case Column::History:
        return u"History"_s;
    case Column::ColumnCount:
        break;
    }
    return {};
}

QString LeaderboardModel::headerToolTip(Column c) const {
    const bool windowed = isWindowed();
    const QString window = windowWords(m_result.query.period);
    switch (c) {
    case Column::Rank:
        return u"Rank by the key chosen above; click any header to sort by that column instead"_s;
    case Column::Trader:
        return u"Name on Polymarket, or the wallet when it has none"_s;
    case Column::Grade:
        return u"S to F from profit, ROI, shrunk win rate, Sharpe, profit factor, drawdown and profitable "
               u"days "
               "over the whole history, shrunk toward a prior for thin records"_s;
    case Column::PnlPreFee:
        return windowed
                   ? u"Realized P&L booked in %1 (sells, merges, redemptions and resolutions inside the "
                     u"window, "
                     "average-cost method), before fees. Past marks are not stored, so a window holds no "
                     "unrealized P&L. Ranking by P&L uses this figure, as Polymarket does."_s.arg(window)
                   : u"Realized + unrealized P&L over %1, before fees (Polymarket's method: average cost per "
                     "outcome token, losers realized at resolution); open positions at the stored midpoint"_s
                         .arg(window);
    case Column::PnlPostFee:
        return u"The same P&L after taker fees paid, plus maker rebates and rewards received"_s;
    case Column::Roi:
        return u"Post-fee P&L ÷ volume in %1"_s.arg(window);
    case Column::Volume:
        return u"USDC of buys and sells in %1 (Polymarket's own boards count shares instead)"_s.arg(window);
    case Column::WinRate:
        return u"Share of markets resolved in %1 that the trader ended up on (realized P&L above zero, "
               "unredeemed losers included). n<20: too few decided markets. Ranking by win rate uses the "
               "rate "
               "shrunk toward 50%."_s.arg(window);
    case Column::Decided:
        return u"Markets won and lost among those resolved in %1"_s.arg(window);
    case Column::Polymarket:
        return windowed
                   ? u"Polymarket's own board for the period: the marked equity change, so it moves with "
                     "unrealized P&L that ours leaves out of a window"_s
                   : u"Polymarket's own all-time board: realized P&L before fees"_s;
    case Column::Difference:
        return u"Polymarket's figure minus our realized pre-fee P&L for the same period. Where they part: "
               "unrealized moves inside a window, tokens received by transfer (no cost basis), and history "
               "not "
               "fetched"_s;
    case Column::History:
        return u"Whether the last sync fetched the whole activity history (a paging ceiling or a gap leaves "
               u"it "
               "incomplete)"_s;
    case Column::ColumnCount:
        break;
    }
    return {};
}

} // namespace longshot
