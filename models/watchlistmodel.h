#pragma once

#include "models/domain/decimal.h"
#include "models/domain/trade.h"

#include <QAbstractTableModel>
#include <QJsonArray>
#include <QList>

namespace longshot {

// Followed wallets and markets, with live figures from the feed: the last trade and the volume
// since midnight UTC. Labels and notes are the user's; the figures are rebuilt from the feed.
class WatchlistModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WatchlistModel)
public:
    enum class Kind : quint8 { Wallet = 1, Market };
    enum class Column : int { Kind = 0, Name, Note, LastTrade, Last, VolumeToday, TradesToday, ColumnCount };
    static constexpr int kColumnCount = static_cast<int>(Column::ColumnCount);
    enum Role : int { IdRole = Qt::UserRole, KindRole, SortRole };

    struct Entry {
        Kind kind = Kind::Wallet;
        QString id; // lowercase wallet address or market id
        QString label;
        QString note;
        // Live, from the feed:
        qint64 lastTradeMs = 0;
        Side lastSide = Side::Buy;
        Decimal lastPrice;
        Decimal lastNotional;
        qint64 dayStartMs = 0; // the UTC day volumeToday belongs to
        Decimal volumeToday;
        int tradesToday = 0;
    };

    explicit WatchlistModel(QObject *parent = nullptr);
    ~WatchlistModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // False when already followed or the id is empty (wallets are validated and lowercased).
    bool follow(Kind kind, const QString &id, const QString &label = {}, const QString &note = {});
    bool unfollow(Kind kind, const QString &id);
    bool isFollowed(Kind kind, const QString &id) const;
    const Entry &entryAt(int row) const { return m_entries[row]; }

    // Updates the figures of every entry the trade belongs to; true when one changed.
    // `nowMs` decides which UTC day "today" is.
    bool observe(const Trade &trade, qint64 nowMs);

    QJsonArray toJson() const;
    // Replaces the list; invalid entries are skipped.
    void fromJson(const QJsonArray &array);

Q_SIGNALS:
    void listChanged(); // followed, unfollowed, label or note edited

private:
    static QString headerToolTip(Column column);
    int find(Kind kind, const QString &id) const;
    QList<Entry> m_entries;
};

} // namespace longshot
