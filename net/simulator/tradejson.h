#pragma once

#include "models/domain/trade.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

// JSON text for the simulator, written by hand so prices and sizes go out as the exact
// decimal text of the Decimal (a QJsonValue would route them through double).
namespace longshot::net::sim::json {

// EIP-55 checksum casing (Keccak-256 of the lowercase hex), as RTDS sends wallets.
QString checksumAddress(const Wallet &wallet);

void appendString(QByteArray &out, QStringView text);

// The RTDS `activity` payload object, keys in the live server's (alphabetical) order.
QByteArray rtdsPayload(const Trade &trade, const QString &icon);
// The envelope around a payload; `type` is "trades" or "orders_matched".
QByteArray rtdsEnvelope(QByteArrayView connectionId, QByteArrayView payload, qint64 timestampMs,
                        QByteArrayView type);
// One data-api v1 /trades row (lowercase wallet), appended to out.
void appendRestRow(QByteArray &out, const Trade &trade, const QString &icon);

// The exact source text of each element of a JSON array; nullopt when `text` is not
// one well-formed array (strings and nesting are honoured, scalars are not validated).
std::optional<QList<QByteArrayView>> splitArray(QByteArrayView text);

struct FrameTrades {
    TradeBatch trades;
    QHash<QString, QString> icons; // conditionId -> icon URL seen in the frame
};
// The activity trades carried by one RTDS frame (object or array of objects), numbers
// read from their raw text. Frames of other topics, or with invalid fields, give none.
FrameTrades tradesFromFrame(QByteArrayView frame);

} // namespace longshot::net::sim::json
