#include "storage/officialleaderboard.h"

#include "storage/connection.h"

#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace longshot::storage {

namespace {

// The columns are NOT NULL; a null QString would bind as NULL.
QString text(const QString &s) {
    return s.isNull() ? u""_s : s;
}

} // namespace

std::optional<StorageError> saveOfficialLeaderboard(Connection &connection, const QString &period,
                                                    const OfficialLeaderboard &rows, qint64 fetchedMs) {
    if (auto e = connection.beginWrite())
        return e;
    const auto fail = [&connection](StorageError e) {
        connection.rollback();
        return std::optional<StorageError>(std::move(e));
    };
    QSqlQuery upsert(connection.database());
    if (auto e = connection.prepare(
            upsert, u"INSERT INTO leaderboard_official "
                    "(period, wallet, rank, user_name, pnl_micros, volume_micros, fetched_ms) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (period, wallet) DO UPDATE SET rank = excluded.rank, "
                    "user_name = excluded.user_name, pnl_micros = excluded.pnl_micros, "
                    "volume_micros = excluded.volume_micros, fetched_ms = excluded.fetched_ms"_s))
        return fail(*e);
    for (const OfficialLeaderboardRow &row : rows) {
        if (row.wallet.isEmpty())
            continue;
        upsert.addBindValue(period);
        upsert.addBindValue(row.wallet.address());
        upsert.addBindValue(row.rank);
        upsert.addBindValue(text(row.userName));
        upsert.addBindValue(row.pnl.micros());
        upsert.addBindValue(row.volume.micros());
        upsert.addBindValue(fetchedMs);
        if (auto e = connection.execPrepared(upsert, u"store leaderboard row"_s))
            return fail(*e);
    }
    QSqlQuery stale(connection.database());
    if (auto e = connection.prepare(
            stale, u"DELETE FROM leaderboard_official WHERE period = ? AND fetched_ms <> ?"_s))
        return fail(*e);
    stale.addBindValue(period);
    stale.addBindValue(fetchedMs);
    if (auto e = connection.execPrepared(stale, u"drop wallets off the leaderboard"_s))
        return fail(*e);
    return connection.commit();
}

std::optional<StorageError> loadOfficialLeaderboard(Connection &connection, const QString &period,
                                                    OfficialLeaderboard *out, qint64 *fetchedMs) {
    out->clear();
    if (fetchedMs)
        *fetchedMs = 0;
    QSqlQuery q(connection.database());
    if (auto e =
            connection.prepare(q, u"SELECT rank, wallet, user_name, pnl_micros, volume_micros, fetched_ms "
                                  "FROM leaderboard_official WHERE period = ? ORDER BY rank, wallet"_s))
        return e;
    q.addBindValue(period);
    if (auto e = connection.execPrepared(q, u"read leaderboard"_s))
        return e;
    while (q.next()) {
        OfficialLeaderboardRow row;
        row.rank = q.value(0).toInt();
        row.wallet = Wallet::parse(q.value(1).toString()).value_or(Wallet());
        row.userName = q.value(2).toString();
        row.pnl = Decimal::fromMicros(q.value(3).toLongLong());
        row.volume = Decimal::fromMicros(q.value(4).toLongLong());
        if (fetchedMs)
            *fetchedMs = std::max(*fetchedMs, q.value(5).toLongLong());
        out->append(row);
    }
    return std::nullopt;
}

} // namespace longshot::storage
