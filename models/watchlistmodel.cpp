#include "models/watchlistmodel.h"

#include "models/displaystyle.h"
#include "models/moneyformat.h"

#include <QDateTime>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace longshot {

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;

qint64 utcDayStart(qint64 ms) {
    return ms - ((ms % kDayMs) + kDayMs) % kDayMs;
}

QString normalised(WatchlistModel::Kind kind, const QString &id) {
    if (kind == WatchlistModel::Kind::Wallet) {
        const std::optional<Wallet> w = Wallet::parse(id.trimmed());
        return w ? w->address() : QString();
    }
    return id.trimmed();
}

} // namespace

WatchlistModel::WatchlistModel(QObject *parent)
    : QAbstractTableModel(parent) {
    refreshOnStyleChange(this);
}

WatchlistModel::~WatchlistModel() = default;

int WatchlistModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_entries.size());
}

int WatchlistModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : kColumnCount;
}

int WatchlistModel::find(Kind kind, const QString &id) const {
    for (int i = 0; i < m_entries.size(); ++i) {
        if (m_entries[i].kind == kind && m_entries[i].id == id)
            return i;
    }
    return -1;
}

bool WatchlistModel::isFollowed(Kind kind, const QString &id) const {
    return find(kind, kind == Kind::Wallet ? id.toLower() : id) >= 0;
}

bool WatchlistModel::follow(Kind kind, const QString &id, const QString &label, const QString &note) {
    const QString key = normalised(kind, id);
    if (key.isEmpty() || find(kind, key) >= 0)
        return false;
    beginInsertRows({}, rowCount(), rowCount());
    Entry e;
    e.kind = kind;
    e.id = key;
    e.label = label;
    e.note = note;
    m_entries << e;
    endInsertRows();
    Q_EMIT listChanged();
    return true;
}

bool WatchlistModel::unfollow(Kind kind, const QString &id) {
    const int row = find(kind, normalised(kind, id));
    if (row < 0)
        return false;
    beginRemoveRows({}, row, row);
    m_entries.removeAt(row);
    endRemoveRows();
    Q_EMIT listChanged();
    return true;
}

bool WatchlistModel::observe(const Trade &trade, qint64 nowMs) {
    const qint64 today = utcDayStart(nowMs);
    bool changed = false;
    for (int row = 0; row < m_entries.size(); ++row) {
        Entry &e = m_entries[row];
        const bool mine = e.kind == Kind::Wallet ? (!trade.wallet.isEmpty() && trade.wallet.address() == e.id)
                                                 : trade.marketId == e.id;
        if (!mine)
            continue;
        if (e.dayStartMs != today) {
            e.dayStartMs = today;
            e.volumeToday = Decimal();
            e.tradesToday = 0;
        }
        const std::optional<Decimal> notional = trade.notional();
        if (utcDayStart(trade.timestampMs) == today && notional) {
            if (const std::optional<Decimal> sum = e.volumeToday.checkedAdd(*notional))
                e.volumeToday = *sum;
            ++e.tradesToday;
        }
        if (trade.timestampMs >= e.lastTradeMs) {
            e.lastTradeMs = trade.timestampMs;
            e.lastSide = trade.side;
            e.lastPrice = trade.price;
            e.lastNotional = notional.value_or(Decimal());
        }
        if (e.label.isEmpty())
            e.label = e.kind == Kind::Wallet ? trade.traderLabel() : trade.marketTitle;
        Q_EMIT dataChanged(index(row, 0), index(row, kColumnCount - 1));
        changed = true;
    }
    return changed;
}

QVariant WatchlistModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Entry &e = m_entries[index.row()];
    const auto column = static_cast<Column>(index.column());
    if (role == IdRole)
        return e.id;
    if (role == KindRole)
        return int(e.kind);
    if (role == Qt::ToolTipRole)
        return e.id;
    if (role == Qt::TextAlignmentRole && (column == Column::VolumeToday || column == Column::TradesToday))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == SortRole) {
        switch (column) {
        case Column::LastTrade:
            return e.lastTradeMs;
        case Column::VolumeToday:
            return e.volumeToday.micros();
        case Column::TradesToday:
            return e.tradesToday;
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::EditRole && column == Column::Note)
        return e.note;
    if (role == Qt::EditRole && column == Column::Name)
        return e.label;
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case Column::Kind:
        return e.kind == Kind::Wallet ? tr("Trader") : tr("Market");
    case Column::Name:
        if (!e.label.isEmpty())
            return e.label;
        return e.kind == Kind::Wallet ? Wallet::parse(e.id).value_or(Wallet()).shortForm() : e.id;
    case Column::Note:
        return e.note;
    case Column::LastTrade:
        return e.lastTradeMs ? QDateTime::fromMSecsSinceEpoch(e.lastTradeMs).toString(u"MMM d HH:mm:ss"_s)
                             : QString();
    case Column::Last:
        return e.lastTradeMs ? u"%1 %2 · %3"_s.arg(sideName(e.lastSide), formatPrice(e.lastPrice),
                                                   formatUsd(e.lastNotional, 0))
                             : QString();
    case Column::VolumeToday:
        return e.dayStartMs ? formatUsd(e.volumeToday, 0) : QString();
    case Column::TradesToday:
        return e.dayStartMs ? QString::number(e.tradesToday) : QString();
    case Column::ColumnCount:
        break;
    }
    return {};
}

bool WatchlistModel::setData(const QModelIndex &index, const QVariant &value, int role) {
    if (!index.isValid() || role != Qt::EditRole)
        return false;
    Entry &e = m_entries[index.row()];
    const auto column = static_cast<Column>(index.column());
    if (column == Column::Note)
        e.note = value.toString();
    else if (column == Column::Name)
        e.label = value.toString();
    else
        return false;
    Q_EMIT dataChanged(index, index);
    Q_EMIT listChanged();
    return true;
}

Qt::ItemFlags WatchlistModel::flags(const QModelIndex &index) const {
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    const auto column = static_cast<Column>(index.column());
    if (index.isValid() && (column == Column::Note || column == Column::Name))
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant WatchlistModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole)
        return headerToolTip(static_cast<Column>(section));
    if (role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(section)) {
    case Column::Kind:
        return tr("Kind");
    case Column::Name:
        return tr("Name");
    case Column::Note:
        return tr("Note");
    case Column::LastTrade:
        return tr("Last trade");
    case Column::Last:
        return tr("Last");
    case Column::VolumeToday:
        return tr("Volume today");
    case Column::TradesToday:
        return tr("Trades today");
    case Column::ColumnCount:
        break;
    }
    return {};
}

QString WatchlistModel::headerToolTip(Column column) {
    switch (column) {
    case Column::Kind:
        return tr("A followed wallet (trader) or market");
    case Column::Name:
        return tr("Your label (double-click to edit); until you set one, the trader's name or the market's "
                  "title from its first trade on the whale feed");
    case Column::Note:
        return tr("Your note (double-click to edit)");
    case Column::LastTrade:
        return tr(
            "Exchange time of the latest whale-feed trade by this wallet or in this market, local clock");
    case Column::Last:
        return tr("That trade's side, price (%1) and USD value, price × size").arg(priceUnitDescription());
    case Column::VolumeToday:
        return tr("Sum of price × size of this wallet's or market's trades since 00:00 UTC. Only trades "
                  "the whale feed shows count, so smaller ones below its size threshold are left out");
    case Column::TradesToday:
        return tr("Number of those trades since 00:00 UTC");
    case Column::ColumnCount:
        break;
    }
    return {};
}

QJsonArray WatchlistModel::toJson() const {
    QJsonArray array;
    for (const Entry &e : m_entries) {
        array.append(QJsonObject{{u"kind"_s, e.kind == Kind::Wallet ? u"wallet"_s : u"market"_s},
                                 {u"id"_s, e.id},
                                 {u"label"_s, e.label},
                                 {u"note"_s, e.note}});
    }
    return array;
}

void WatchlistModel::fromJson(const QJsonArray &array) {
    beginResetModel();
    m_entries.clear();
    for (const QJsonValue &v : array) {
        const QJsonObject o = v.toObject();
        const QString kindName = o[u"kind"_s].toString();
        if (kindName != u"wallet"_s && kindName != u"market"_s)
            continue;
        const Kind kind = kindName == u"wallet"_s ? Kind::Wallet : Kind::Market;
        const QString id = normalised(kind, o[u"id"_s].toString());
        if (id.isEmpty() || find(kind, id) >= 0)
            continue;
        Entry e;
        e.kind = kind;
        e.id = id;
        e.label = o[u"label"_s].toString();
        e.note = o[u"note"_s].toString();
        m_entries << e;
    }
    endResetModel();
}

} // namespace longshot
