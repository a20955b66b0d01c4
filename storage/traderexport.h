#pragma once

#include "storage/tradeexport.h"

#include <QString>
#include <QStringList>

class QIODevice;
class QSqlDatabase;

namespace longshot::storage {

// wallet,market_id,market_title,outcome,asset,shares,avg_price,mark,realized_pnl,unrealized_pnl,status
QStringList positionCsvHeader();
// wallet,name,realized_pnl,unrealized_pnl,total_pnl,volume_usd,resolved_markets,wins,losses,win_rate,grade,
// strategy,complete
QStringList traderCsvHeader();

// The recomputed ledger positions of one wallet (empty wallet: every wallet), by market and
// outcome. P&L is pre-fee (Polymarket's own basis); a missing mark or unrealized figure is an
// empty cell, never 0. Same CSV rules as the trades export (RFC 4180, CRLF, neutralised text,
// exact decimals).
ExportResult writePositionsCsv(QSqlDatabase &db, const QString &wallet, QIODevice &out);
// Every synced trader, by total P&L, largest first. win_rate is wins / (wins + losses) with
// four decimals, empty when nothing has been decided; complete is "true" or "false".
ExportResult writeTradersCsv(QSqlDatabase &db, QIODevice &out);

} // namespace longshot::storage
