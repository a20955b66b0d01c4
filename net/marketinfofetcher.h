#pragma once

#include "models/domain/decimal.h"
#include "models/domain/fetcherror.h"
#include "models/domain/market.h"
#include "models/domain/wallet.h"
#include "net/rtdsparser.h"

#include <QByteArrayView>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QUrl>

#include <optional>

namespace longshot::net {

class RestClient;

// One row of data-api GET /holders: a wallet's balance of one outcome token.
struct MarketHolder {
    Wallet wallet;
    QString name;
    QString pseudonym;
    QString assetId;
    int outcomeIndex = -1;
    Decimal amount; // shares; sent as a JSON number, read from its text
};
using MarketHolderList = QList<MarketHolder>;

struct HoldersPage {
    std::optional<RejectReason> error;
    MarketHolderList holders; // per token in body order, each token's rows as sent (largest first)
    QList<RejectReason> rejects;
    bool unknownMarket = false; // the bare `null` body the API sends for a market it does not know
};
// v1 `[{"token", "holders":[…]}]` and v2 `{"data":[{"token_id", "holders":[…]}]}`.
HoldersPage parseHolders(QByteArrayView body);

struct MarketInfoConfig {
    QUrl gammaApi{QStringLiteral("https://gamma-api.polymarket.com")};
    QUrl dataApi{QStringLiteral("https://data-api.polymarket.com")};
    int holdersLimit = 20;
};

// The market dock's REST reads for one Polymarket market: gamma /markets (open first, then
// closed=true, since closed markets only come back when asked for) and data-api /holders.
// Only the latest fetch is answered; results for an earlier selection are dropped. Lives on
// the net thread with the RestClient it is given.
class MarketInfoFetcher final : public QObject {
    Q_OBJECT
public:
    MarketInfoFetcher(RestClient *rest, MarketInfoConfig config, QObject *parent = nullptr);
    ~MarketInfoFetcher() override;
    Q_DISABLE_COPY_MOVE(MarketInfoFetcher)

public Q_SLOTS:
    void fetch(const QString &conditionId);

Q_SIGNALS:
    void marketReady(const longshot::Market &market);
    void holdersReady(const QString &marketId, const longshot::net::MarketHolderList &holders);
    // phase: "markets" or "holders". A market gamma does not know is NotFound.
    void failed(const QString &marketId, const QString &phase, const longshot::FetchError &error);

private:
    void fetchMarket(const QString &conditionId, bool closed);
    void fetchHolders(const QString &conditionId);

    RestClient *m_rest;
    MarketInfoConfig m_config;
    QString m_current;
};

} // namespace longshot::net

Q_DECLARE_METATYPE(longshot::net::MarketHolder)
