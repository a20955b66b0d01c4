#include "models/whalefeedmodel.h"

#include "models/displaystyle.h"
#include "models/moneyformat.h"

#include <QDateTime>

#include <algorithm>
#include <limits>
#include <vector>

using namespace Qt::StringLiterals;

namespace longshot {
namespace {

using Column = WhaleFeedModel::Column;

constexpr qint64 kWholeDollarsFromMicros = 1'000 * Decimal::kOne;

QString shortId(const QString &id) {
    // "0x94cf…5bca": enough to recognise a hash at a glance; the tooltip has it whole.
    if (id.size() <= 12)
        return id;
    return id.left(6) + QChar(0x2026) + id.right(4);
}

QString venueTitle(Venue venue) {
    switch (venue) {
    case Venue::Polymarket:
        return u"Polymarket"_s;
    case Venue::Kalshi:
        return u"Kalshi"_s;
    }
    return {};
}

QString sourceTitle(TradeSource source) {
    switch (source) {
    case TradeSource::Rtds:
        return u"Polymarket live socket (RTDS)"_s;
    case TradeSource::Rest:
        return u"Polymarket data API"_s;
    case TradeSource::KalshiWs:
        return u"Kalshi live socket"_s;
    case TradeSource::KalshiRest:
        return u"Kalshi REST"_s;
    case TradeSource::Replay:
        return u"Replay from disk"_s;
    }
    return {};
}

QString marketText(const Trade &t) {
    return t.marketTitle.isEmpty() ? t.marketId : t.marketTitle;
}

bool isNumeric(Column c) {
    return c == Column::Price || c == Column::Size || c == Column::Notional;
}

} // namespace

WhaleFeedModel::WhaleFeedModel(QObject *parent)
    : QAbstractTableModel(parent) {
    refreshOnStyleChange(this);
}

WhaleFeedModel::~WhaleFeedModel() = default;

int WhaleFeedModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_entries.size());
}

int WhaleFeedModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : kColumnCount;
}

const Trade &WhaleFeedModel::tradeAt(int row) const {
    return entryAt(row).trade;
}

qint64 WhaleFeedModel::notionalMicrosAt(int row) const {
    return entryAt(row).notionalMicros;
}

qint64 WhaleFeedModel::arrivalMsAt(int row) const {
    return entryAt(row).arrivalMs;
}

QColor WhaleFeedModel::sideColor(Side side) {
    return longshot::sideColor(side);
}

void WhaleFeedModel::appendBatch(const TradeBatch &batch) {
    if (batch.isEmpty())
        return;
    const qint64 arrivalMs = QDateTime::currentMSecsSinceEpoch();

    std::vector<Entry> fresh;
    fresh.reserve(std::size_t(batch.size()));
    for (const Trade &t : batch) {
        QString key = t.naturalKey();
        // The socket delivers one fill through both `trades` and `orders_matched`; the second
        // copy may come in the same batch or a later one, so check the window and the batch.
        if (m_keys.contains(key))
            continue;
        m_keys.insert(key);
        const auto notional = t.notional();
        fresh.push_back(Entry{t, std::move(key),
                              notional ? notional->micros() : std::numeric_limits<qint64>::max(), arrivalMs});
    }
    if (fresh.empty())
        return;

    // Newest timestamp ends up on row 0. Across batches the tape keeps arrival order: a late
    // trade older than the current top still goes on top, because it is new to the user and
    // reordering rows they are reading would move the table under their eyes.
    std::stable_sort(fresh.begin(), fresh.end(), [](const Entry &a, const Entry &b) {
        return a.trade.timestampMs < b.trade.timestampMs;
    });
    if (fresh.size() > std::size_t(m_capacity)) {
        const auto excess = fresh.size() - std::size_t(m_capacity);
        for (std::size_t i = 0; i < excess; ++i)
            m_keys.remove(fresh[i].key);
        fresh.erase(fresh.begin(), fresh.begin() + std::ptrdiff_t(excess));
    }

    const qsizetype overflow = qsizetype(m_entries.size() + fresh.size()) - m_capacity;
    if (overflow > 0)
        trimOldest(int(overflow));

    const int k = int(fresh.size());
    beginInsertRows({}, 0, k - 1);
    for (Entry &e : fresh)
        m_entries.push_back(std::move(e));
    endInsertRows();
}

void WhaleFeedModel::clear() {
    if (m_entries.empty())
        return;
    beginResetModel();
    m_entries.clear();
    m_keys.clear();
    endResetModel();
}

void WhaleFeedModel::setCapacity(int capacity) {
    m_capacity = std::max(1, capacity);
    const qsizetype excess = qsizetype(m_entries.size()) - m_capacity;
    if (excess > 0)
        trimOldest(int(excess));
}

void WhaleFeedModel::trimOldest(int count) {
    // The oldest rows are the last rows: one contiguous span at the bottom.
    const int rows = rowCount();
    count = std::min(count, rows);
    if (count <= 0)
        return;
    beginRemoveRows({}, rows - count, rows - 1);
    for (int i = 0; i < count; ++i) {
        m_keys.remove(m_entries.front().key);
        m_entries.pop_front();
    }
    endRemoveRows();
}

QVariant WhaleFeedModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &e = entryAt(index.row());
    const auto column = static_cast<Column>(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(e, index.column());
    case Qt::ToolTipRole:
        return toolTipData(e, index.column());
    case Qt::TextAlignmentRole:
        return int(isNumeric(column) ? (Qt::AlignRight | Qt::AlignVCenter)
                                     : (Qt::AlignLeft | Qt::AlignVCenter));
    case Qt::ForegroundRole:
        if (column == Column::Side || isNumeric(column))
            return sideColor(e.trade.side);
        return {};
    case TradeRole:
        return QVariant::fromValue(e.trade);
    case NotionalMicrosRole:
        return e.notionalMicros;
    case WalletRole:
        return e.trade.wallet.address();
    case TxRole:
        return e.trade.txId.text();
    case MarketIdRole:
        return e.trade.marketId;
    case VenueRole:
        return static_cast<int>(e.trade.venue);
    case SideRole:
        return static_cast<int>(e.trade.side);
    case ArrivalMsRole:
        return e.arrivalMs;
    case SortRole:
        return sortData(e, index.column());
    default:
        return {};
    }
}

QVariant WhaleFeedModel::displayData(const Entry &e, int column) const {
    const Trade &t = e.trade;
    switch (static_cast<Column>(column)) {
    case Column::Time:
        return QDateTime::fromMSecsSinceEpoch(t.timestampMs, Qt::LocalTime).toString(u"HH:mm:ss"_s);
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
    case Column::Notional: {
        if (e.notionalMicros == std::numeric_limits<qint64>::max())
            return QString(QChar(0x2014));
        const Decimal n = Decimal::fromMicros(e.notionalMicros);
        // Whole dollars for whale-sized amounts: cents are noise at $10,000 and cost width.
        return formatUsd(n, e.notionalMicros >= kWholeDollarsFromMicros ? 0 : 2);
    }
    case Column::Trader: {
        const QString label = t.traderLabel();
        if (label.isEmpty())
            return QString(QChar(0x2014));
        // Profiles without a chosen name carry "<address>" or "<address>-<ms>" as the name:
        // shorten those like a wallet so the column shows something readable.
        if (label.size() >= 42 && (label.size() == 42 || label.at(42) == u'-')) {
            if (const auto asWallet = Wallet::parse(QStringView(label).left(42)))
                return asWallet->shortForm();
        }
        return label;
    }
    case Column::Tx:
        return shortId(t.txId.text());
    case Column::ColumnCount:
        break;
    }
    return {};
}

QVariant WhaleFeedModel::toolTipData(const Entry &e, int column) const {
    const Trade &t = e.trade;
    switch (static_cast<Column>(column)) {
    case Column::Time: {
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(t.timestampMs, Qt::LocalTime);
        QString tip = at.toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s) + u" local\n" +
                      at.toUTC().toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s) + u" UTC";
        if (t.receivedMs > 0)
            tip += u"\nReceived " +
                   QDateTime::fromMSecsSinceEpoch(t.receivedMs, Qt::LocalTime).toString(u"HH:mm:ss.zzz"_s);
        return tip;
    }
    case Column::Venue:
        return QString(venueTitle(t.venue) + u"\nvia " + sourceTitle(t.source));
    case Column::Market: {
        QString tip = marketText(t);
        if (!t.outcome.isEmpty())
            tip += u"\nOutcome: " + t.outcome;
        tip += u"\nMarket: " + t.marketId;
        if (!t.eventSlug.isEmpty())
            tip += u"\nEvent: " + t.eventSlug;
        return tip;
    }
    case Column::Outcome:
        if (t.outcomeIndex >= 0)
            return QString(t.outcome + u" (outcome " + QString::number(t.outcomeIndex) + u')');
        return t.outcome;
    case Column::Side:
        return QString((t.side == Side::Buy ? u"Bought "_s : u"Sold "_s) + t.outcome + u" at " +
                       formatPrice(t.price));
    case Column::Price:
    case Column::Size:
    case Column::Notional: {
        const auto notional = t.notional();
        QString tip = u"Notional = price × size\n"_s +
                      (notional ? formatUsdExact(*notional) : u"overflow"_s) + u" = " + t.price.toString() +
                      u" × " + t.size.toString();
        if (t.fee)
            tip += u"\nFee: " + formatUsdExact(*t.fee);
        return tip;
    }
    case Column::Trader: {
        if (t.wallet.isEmpty() && t.traderName.isEmpty() && t.traderPseudonym.isEmpty())
            return t.venue == Venue::Kalshi ? u"Kalshi trades are anonymous"_s : u"Unknown trader"_s;
        QStringList lines;
        if (!t.traderName.isEmpty())
            lines << t.traderName;
        if (!t.traderPseudonym.isEmpty())
            lines << t.traderPseudonym;
        if (!t.wallet.isEmpty())
            lines << t.wallet.address();
        return lines.join(u'\n');
    }
    case Column::Tx:
        return QString((t.venue == Venue::Kalshi ? u"Trade id "_s : u"Transaction "_s) + t.txId.text());
    case Column::ColumnCount:
        break;
    }
    return {};
}

QVariant WhaleFeedModel::sortData(const Entry &e, int column) const {
    const Trade &t = e.trade;
    switch (static_cast<Column>(column)) {
    case Column::Time:
        return t.timestampMs;
    case Column::Venue:
        return static_cast<int>(t.venue);
    case Column::Market:
        return marketText(t);
    case Column::Outcome:
        return t.outcome;
    case Column::Side:
        return static_cast<int>(t.side);
    case Column::Price:
        return t.price.micros();
    case Column::Size:
        return t.size.micros();
    case Column::Notional:
        return e.notionalMicros;
    case Column::Trader:
        return t.traderLabel();
    case Column::Tx:
        return t.txId.text();
    case Column::ColumnCount:
        break;
    }
    return {};
}

QVariant WhaleFeedModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= kColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    const auto column = static_cast<Column>(section);
    if (role == Qt::TextAlignmentRole)
        return int(isNumeric(column) ? (Qt::AlignRight | Qt::AlignVCenter)
                                     : (Qt::AlignLeft | Qt::AlignVCenter));
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    const bool tip = role == Qt::ToolTipRole;
    switch (column) {
    case Column::Time:
        return tip ? u"Exchange time of the fill, local clock"_s : u"Time"_s;
    case Column::Venue:
        return tip ? u"Exchange"_s : u"Venue"_s;
    case Column::Market:
        return tip ? u"Market question (Polymarket) or ticker (Kalshi)"_s : u"Market"_s;
    case Column::Outcome:
        return tip ? u"Outcome token that changed hands"_s : u"Outcome"_s;
    case Column::Side:
        return tip ? u"BUY or SELL, from the trader's point of view"_s : u"Side"_s;
    case Column::Price:
        return tip ? QString(u"Price: "_s + priceUnitDescription()) : u"Price"_s;
    case Column::Size:
        return tip ? u"Shares (Polymarket) or contracts (Kalshi)"_s : u"Size"_s;
    case Column::Notional:
        return tip ? u"USD value: price × size"_s : u"Notional"_s;
    case Column::Trader:
        return tip ? u"Display name, else pseudonym, else short wallet"_s : u"Trader"_s;
    case Column::Tx:
        return tip ? u"Transaction hash (Polymarket) or trade id (Kalshi)"_s : u"Tx"_s;
    case Column::ColumnCount:
        break;
    }
    return {};
}

QHash<int, QByteArray> WhaleFeedModel::roleNames() const {
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(TradeRole, "trade");
    names.insert(NotionalMicrosRole, "notionalMicros");
    names.insert(WalletRole, "wallet");
    names.insert(TxRole, "tx");
    names.insert(MarketIdRole, "marketId");
    names.insert(VenueRole, "venue");
    names.insert(SideRole, "side");
    names.insert(ArrivalMsRole, "arrivalMs");
    names.insert(SortRole, "sort");
    return names;
}

} // namespace longshot
