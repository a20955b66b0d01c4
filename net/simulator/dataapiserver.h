#pragma once

#include "net/simulator/httpfault.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

class QTcpServer;
class QTcpSocket;

namespace longshot::net::sim {

class TapeTraders;
class TradeStore;
class TraderEndpoints;

// A small HTTP/1.1 server (keep-alive, one request at a time per connection) answering
// data-api v1 GET /trades from the shared TradeStore, with queued faults. Same-thread only.
class DataApiServer final : public QObject {
    Q_OBJECT
public:
    DataApiServer(const TradeStore *store, QObject *parent);
    ~DataApiServer() override;
    Q_DISABLE_COPY_MOVE(DataApiServer)

    static constexpr int kMaxLimit = 500;
    static constexpr int kMaxOffset = 10'000;

    bool listen();
    bool isListening() const;
    QUrl url() const;

    void queueFaults(const QList<HttpFault> &faults) { m_faults += faults; }
    qsizetype pendingFaults() const { return m_faults.size(); }
    int requestsServed() const { return m_served; }
    // Also answer the trader endpoints (/activity, /positions, ..., gamma /markets) from these.
    void setTraderEndpoints(const TraderEndpoints *traders) { m_traders = traders; }
    // Answer them for every wallet on the tape instead (--demo); scripted endpoints win.
    void setTapeTraders(bool on);

Q_SIGNALS:
    void requestReceived(const QString &pathAndQuery);

private:
    struct Response {
        int status = 200;
        QByteArray contentType;
        QByteArray body;
        QList<std::pair<QByteArray, QByteArray>> extraHeaders;
        bool close = false;
    };
    struct Connection {
        QByteArray buffer;
        bool busy = false; // a delayed answer is pending
    };

    void onNewConnection();
    void processBuffer(QTcpSocket *socket);
    Response answer(const QByteArray &method, const QByteArray &target) const;
    Response tradesResponse(const QUrl &url) const;
    Response applyFault(const HttpFault &fault, Response normal) const;
    void send(QTcpSocket *socket, const Response &response, bool clientWantsClose);

    const TradeStore *m_store;
    const TraderEndpoints *m_traders = nullptr;
    std::unique_ptr<TapeTraders> m_tape;
    QTcpServer *m_server = nullptr;
    QHash<QTcpSocket *, Connection> m_connections;
    QList<HttpFault> m_faults;
    int m_served = 0;
};

} // namespace longshot::net::sim
