#include "models/historymodel.h"

#include "models/displaystyle.h"
#include "models/moneyformat.h"

#include <QDateTime>

#include <limits>

using namespace Qt::StringLiterals;

namespace longshot {

namespace {

using Column = HistoryModel::Column;
using Role = WhaleFeedModel::Role;

constexpr qint64 kWholeDollarsFromMicros = 1'000 * Decimal::kOne;
constexpr qsizetype kMaxInterned = 50'000;

bool isNumeric(Column c) {
    return c == Column::Price || c == Column::Size || c == Column::Notional;
}

QString shortId(const QString &id) {
    return id.size() <= 12 ? id : id.left(6) + QChar(0x2026) + id.right(4);
}

QString venueTitle(Venue venue) {
    return venue == Venue::Kalshi ? u"Kalshi"_s : u"Polymarket"_s;
}

QString marketText(const Trade &t) {
    return t.marketTitle.isEmpty() ? t.marketId : t.marketTitle;
}

QString traderText(const Trade &t) {
    const QString label = t.traderLabel();
    if (label.isEmpty())
        return QString(QChar(0x2014));
    // Profiles without a chosen name carry "<address>" or "<address>-<ms>": shorten like a wallet.
    if (label.size() >= 42 && (label.size() == 42 || label.at(42) == u'-')) {
        if (const auto asWallet = Wallet::parse(QStringView(label).left(42)))
            return asWallet->shortForm();
    }
    return label;
}

} // namespace

HistoryModel::HistoryModel(QObject *parent)
    : QAbstractTableModel(parent) {
    refreshOnStyleChange(this);
}

HistoryModel::~HistoryModel() = default;

int HistoryModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : WhaleFeedModel::kColumnCount;
}

bool HistoryModel::canFetchMore(const QModelIndex &parent) const {
    return !parent.isValid() && !m_atEnd && m_pendingId == 0 && int(m_rows.size()) < m_maxRows;
}

void HistoryModel::fetchMore(const QModelIndex &parent) {
    if (canFetchMore(parent))
        requestNextPage();
}

void HistoryModel::setFilter(const HistoryFilter &filter) {
    beginResetModel();
    m_filter = filter;
    m_rows.clear();
    m_strings.clear();
    m_atEnd = false;
    const bool wasLoading = isLoading();
    m_pendingId = 0; // the answer to any earlier request is stale from here on
    endResetModel();
    if (wasLoading)
        Q_EMIT loadingChanged(false);
    // A view (or the model tester) reacting to the reset may already have called fetchMore.
    if (!isLoading())
        requestNextPage();
}

void HistoryModel::requestNextPage() {
    HistoryCursor after;
    if (!m_rows.empty())
        after = cursorAfter(m_rows.back());
    m_pendingId = ++m_lastId;
    const int limit = std::min(m_pageSize, m_maxRows - int(m_rows.size()));
    Q_EMIT loadingChanged(true);
    Q_EMIT pageRequested(m_pendingId, m_filter, after, limit);
}

QString HistoryModel::intern(const QString &text) {
    if (text.isEmpty())
        return text;
    if (const auto it = m_strings.constFind(text); it != m_strings.cend())
        return it.value();
    if (m_strings.size() < kMaxInterned)
        m_strings.insert(text, text);
    return text;
}

void HistoryModel::pageArrived(quint64 requestId, const HistoryRows &rows, bool atEnd) {
    if (requestId == 0 || requestId != m_pendingId)
        return; // an answer to an older filter or page
    const int room = m_maxRows - int(m_rows.size());
    const int take = std::min(int(rows.size()), std::max(0, room));
    // The worker may answer with fewer than asked only at the end, but trust the flag, not the size.
    m_atEnd = atEnd && take == rows.size();
    if (take > 0) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + take - 1);
        for (int i = 0; i < take; ++i) {
            HistoryRow r = rows[i];
            Trade &t = r.trade;
            t.marketId = intern(t.marketId);
            t.marketTitle = intern(t.marketTitle);
            t.marketSlug = intern(t.marketSlug);
            t.eventSlug = intern(t.eventSlug);
            t.outcome = intern(t.outcome);
            t.assetId = intern(t.assetId);
            t.traderName = intern(t.traderName);
            t.traderPseudonym = intern(t.traderPseudonym);
            m_rows.push_back(std::move(r));
        }
        endInsertRows();
    }
    // Cleared only now: a view or tester reacting to the insert must not fetch from a cursor
    // taken before the new rows were in place.
    m_pendingId = 0;
    Q_EMIT loadingChanged(false);
}

void HistoryModel::requestFailed(quint64 requestId, const QString &message) {
    if (requestId == 0 || requestId != m_pendingId)
        return;
    m_pendingId = 0;
    m_atEnd = true; // no retry loop from the view's fetchMore; refresh() tries again
    Q_EMIT loadingChanged(false);
    Q_EMIT loadFailed(message);
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const HistoryRow &r = rowAt(index.row());
    const Trade &t = r.trade;
    const auto column = static_cast<Column>(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(r, column);
    case Qt::ToolTipRole:
        return toolTipData(r, column);
    case Qt::TextAlignmentRole:
        return int(isNumeric(column) ? (Qt::AlignRight | Qt::AlignVCenter)
                                     : (Qt::AlignLeft | Qt::AlignVCenter));
    case Qt::ForegroundRole:
        if (column == Column::Side || isNumeric(column))
            return WhaleFeedModel::sideColor(t.side);
        return {};
    case Role::TradeRole:
        return QVariant::fromValue(t);
    case Role::NotionalMicrosRole:
        return r.notionalMicros;
    case Role::WalletRole:
        return t.wallet.address();
    case Role::TxRole:
        return t.txId.text();
    case Role::MarketIdRole:
        return t.marketId;
    case Role::VenueRole:
        return static_cast<int>(t.venue);
    case Role::SideRole:
        return static_cast<int>(t.side);
    case Role::SortRole:
        return column == Column::Time ? QVariant(t.timestampMs) : displayData(r, column);
    default:
        return {};
    }
}

QVariant HistoryModel::displayData(const HistoryRow &r, Column column) const {
    const Trade &t = r.trade;
    switch (column) {
    case Column::Time:
        return QDateTime::fromMSecsSinceEpoch(t.timestampMs, Qt::LocalTime)
            .toString(u"yyyy-MM-dd HH:mm:ss"_s);
    case Column::Venue:
        return venueTitle(t.venue);
    case Column::Market:
        return marketText(t);
    case Column::Outcome:
        return t.outcome;
    case Column::Side:
        return sideName(t.side);
    case Column::Price:
        return formatPrice(t.price);
    case Column::Size:
        return formatShares(t.size);
    case Column::Notional:
        return formatUsd(Decimal::fromMicros(r.notionalMicros),
                         r.notionalMicros >= kWholeDollarsFromMicros ? 0 : 2);
    case Column::Trader:
        return traderText(t);
    case Column::Tx:
        return shortId(t.txId.text());
    case Column::ColumnCount:
        break;
    }
    return {};
}

QVariant HistoryModel::toolTipData(const HistoryRow &r, Column column) const {
    const Trade &t = r.trade;
    switch (column) {
    case Column::Time: {
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(t.timestampMs, Qt::LocalTime);
        return QString(at.toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s) + u" local\n" +
                       at.toUTC().toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s) + u" UTC");
    }
    case Column::Market: {
        QString tip = marketText(t);
        if (!t.outcome.isEmpty())
            tip += u"\nOutcome: " + t.outcome;
        return QString(tip + u"\nMarket: " + t.marketId);
    }
    case Column::Price:
    case Column::Size:
    case Column::Notional:
        return QString(u"Notional = price × size\n"_s +
                       formatUsdExact(Decimal::fromMicros(r.notionalMicros)) + u" = " + t.price.toString() +
                       u" × " + t.size.toString());
    case Column::Trader: {
        if (t.wallet.isEmpty() && t.traderName.isEmpty() && t.traderPseudonym.isEmpty())
            return t.venue == Venue::Kalshi ? u"Kalshi trades are anonymous"_s : u"Unknown trader"_s;
        QStringList lines;
        for (const QString &s : {t.traderName, t.traderPseudonym, t.wallet.address()})
            if (!s.isEmpty())
                lines << s;
        return lines.join(u'\n');
    }
    case Column::Tx:
        return QString((t.venue == Venue::Kalshi ? u"Trade id "_s : u"Transaction "_s) + t.txId.text());
    default:
        return displayData(r, column);
    }
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal && section == int(Column::Time) && role == Qt::ToolTipRole)
        return u"Exchange time of the fill, local clock"_s;
    return m_headers.headerData(section, orientation, role);
}

} // namespace longshot
