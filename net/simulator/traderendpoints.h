#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

namespace longshot::net::sim {

// The data-api trader endpoints (/activity, /positions, /closed-positions, /value,
// /v1/leaderboard) and gamma /markets for scripted wallets, answered from rows kept as
// their exact JSON text. Rows come from the captured fixtures or from a generated history.
// Limits follow the live service: /activity refuses offsets beyond activityMaxOffset with a
// 400, and SPLIT/MERGE rows are only listed when sorted ascending. Plain value type; the
// DataApiServer reads it on its own thread.
class TraderEndpoints final {
public:
    struct Response {
        int status = 200;
        QByteArray contentType;
        QByteArray body;
    };

    // Adds the rows of a JSON array (e.g. data_api_activity_records_notebook.json), filed by
    // each row's proxyWallet. Returns the number of rows added, -1 when it is not an array.
    int addActivityRows(const QByteArray &jsonArray);
    int addPositionRows(const QByteArray &jsonArray);
    int addClosedPositionRows(const QByteArray &jsonArray);
    int addGammaMarkets(const QByteArray &jsonArray);
    void setLeaderboard(const QByteArray &jsonArray) { m_leaderboard = jsonArray; }
    void setValue(const QString &wallet, const QByteArray &decimalText);

    // A deterministic history for `wallet`: `fills` trades over several binary markets from
    // startSeconds on, one second apart, with splits, merges, rewards and rebates sprinkled
    // in; every third market resolved (gamma closed=true with a payout vector, winners
    // redeemed), the rest open with /positions rows and marks; market i has a gamma liquidity
    // of $20,000.25 + $1,000 × i. Returns the condition ids.
    QStringList addGeneratedHistory(const QString &wallet, int fills, quint64 seed, qint64 startSeconds,
                                    const QString &name = {});

    int activityMaxOffset = 3000;
    int activityMaxLimit = 500;

    // nullopt when the path is not one of these endpoints.
    std::optional<Response> answer(const QUrl &url) const;

    qsizetype activityRowCount(const QString &wallet) const { return m_activity.value(wallet).size(); }

private:
    struct ActivityRow {
        qint64 ts = 0;
        QByteArray type;
        QByteArray json;
    };
    struct MarketRow {
        bool closed = false;
        QByteArray json;
    };
    Response activity(const QUrl &url) const;
    Response positions(const QUrl &url, const QHash<QString, QList<QByteArray>> &rows, int maxLimit) const;
    Response value(const QUrl &url) const;
    Response leaderboard(const QUrl &url) const;
    Response markets(const QUrl &url) const;

    QHash<QString, QList<ActivityRow>> m_activity; // wallet -> rows, kept sorted by ts
    QHash<QString, QList<QByteArray>> m_positions;
    QHash<QString, QList<QByteArray>> m_closed;
    QHash<QString, QByteArray> m_values;
    QHash<QString, MarketRow> m_markets; // condition id -> row
    QList<QString> m_marketOrder;
    QByteArray m_leaderboard = "[]";
};

} // namespace longshot::net::sim
