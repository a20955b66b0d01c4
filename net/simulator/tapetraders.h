#pragma once

#include <QByteArray>
#include <QUrl>

#include <optional>

namespace longshot::net::sim {

class TradeStore;

// The trader endpoints for every wallet on the simulated tape, for `longshot --demo`: its
// /activity is its fills (TRADE rows, usdcSize = price × size), /positions what it still
// holds at each asset's last price, /value their sum, /closed-positions nothing, and
// /v1/leaderboard ranks the tape's wallets by cash flow plus holdings at the last price.
// The same limits as the scripted TraderEndpoints: offsets past 3,000 are refused and
// pages hold at most 500 rows.
class TapeTraders final {
public:
    struct Response {
        int status = 200;
        QByteArray contentType;
        QByteArray body;
    };

    explicit TapeTraders(const TradeStore *store)
        : m_store(store) {}

    // nullopt when the path is not one of these endpoints.
    std::optional<Response> answer(const QUrl &url) const;

private:
    Response activity(const QUrl &url) const;
    Response positions(const QUrl &url) const;
    Response value(const QUrl &url) const;
    Response leaderboard(const QUrl &url) const;

    const TradeStore *m_store;
};

} // namespace longshot::net::sim
