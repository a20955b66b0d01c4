#pragma once

#include "models/domain/alertrule.h"
#include "models/domain/trade.h"
#include "storage/databaseconfig.h"

#include <QList>
#include <QObject>

#include <memory>

namespace longshot::storage {
class Connection;
}

namespace longshot::app {

// Answers the alert rules' questions about trades from the stored history (first seen, markets
// traded, this market's share, grade, category), on its own thread and read-only connection.
// Create without parent, move to a WorkerThread, invoke lookup(); answers come back by signal
// with one AlertFacts per trade, in order. A database that cannot be read answers with
// empty facts, so the rules that need them stay quiet rather than guess.
class AlertFactsWorker final : public QObject {
    Q_OBJECT
public:
    explicit AlertFactsWorker(storage::DatabaseConfig config);
    ~AlertFactsWorker() override;
    Q_DISABLE_COPY_MOVE(AlertFactsWorker)

public Q_SLOTS:
    void lookup(quint64 id, const longshot::TradeBatch &trades);

Q_SIGNALS:
    void answered(quint64 id, const QList<longshot::AlertFacts> &facts);

private:
    storage::DatabaseConfig m_config;
    std::unique_ptr<storage::Connection> m_connection;
    bool m_warned = false;
};

} // namespace longshot::app
