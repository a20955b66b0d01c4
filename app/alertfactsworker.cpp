#include "app/alertfactsworker.h"

#include "app/logging.h"
#include "storage/alertfacts.h"
#include "storage/connection.h"

using namespace Qt::StringLiterals;

namespace longshot::app {

AlertFactsWorker::AlertFactsWorker(storage::DatabaseConfig config)
    : m_config(std::move(config)) {
    m_config.readOnly = true;
}

AlertFactsWorker::~AlertFactsWorker() = default;

void AlertFactsWorker::lookup(quint64 id, const TradeBatch &trades) {
    QList<AlertFacts> facts(trades.size());
    if (!m_connection) {
        m_connection = std::make_unique<storage::Connection>(m_config, u"alert-facts"_s);
        if (auto error = m_connection->open()) {
            if (!m_warned)
                qCWarning(lcApp).noquote() << "alert facts: cannot read the history:" << error->message;
            m_warned = true;
            m_connection.reset();
            Q_EMIT answered(id, facts);
            return;
        }
    }
    for (qsizetype i = 0; i < trades.size(); ++i) {
        if (auto error = storage::readAlertFacts(*m_connection, trades.at(i), &facts[i])) {
            if (!m_warned)
                qCWarning(lcApp).noquote() << "alert facts:" << error->message;
            m_warned = true;
            facts[i] = AlertFacts{};
            m_connection.reset(); // reopened for the next request
            break;
        }
    }
    Q_EMIT answered(id, facts);
}

} // namespace longshot::app
