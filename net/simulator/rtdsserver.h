#pragma once

#include "models/domain/trade.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <deque>
#include <functional>

class QTimer;
class QWebSocket;
class QWebSocketServer;

namespace longshot::net::sim {

enum class ActivityDelivery : quint8;

// The RTDS side of ExchangeSimulator: subscription handling, frame fan-out, keepalive
// and the socket faults. Same-thread only.
class RtdsServer final : public QObject {
    Q_OBJECT
public:
    using IconLookup = std::function<QString(const Trade &)>;

    RtdsServer(IconLookup icons, QObject *parent);
    ~RtdsServer() override;
    Q_DISABLE_COPY_MOVE(RtdsServer)

    bool listen();
    bool isListening() const;
    QUrl url() const;

    void deliver(const TradeBatch &trades);
    void sendData(const QByteArray &frame); // a data frame for everyone: obeys stall and delay
    void sendRaw(const QByteArray &frame);  // verbatim now, to everyone

    void setActivityDelivery(ActivityDelivery delivery) { m_delivery = delivery; }
    void setPongReply(const QString &reply) { m_pongReply = reply; }
    void dropConnections();
    void setStalled(bool stalled) { m_stalled = stalled; }
    bool isStalled() const { return m_stalled; }
    void setFrameDelayMs(int delayMs);

    int clientCount() const { return int(m_clients.size()); }
    qint64 framesSent() const { return m_framesSent; }

Q_SIGNALS:
    void clientConnected();
    void clientDisconnected();
    void clientSubscribed(const QString &topic, const QString &type);

private:
    struct Subscription {
        enum class Filter : quint8 { None, EventSlug, MarketSlug, MatchesNothing };
        QString topic;
        QString type;
        QString filters; // as sent, compared verbatim on unsubscribe
        Filter filter = Filter::None;
        QString filterValue;
    };
    static Subscription makeSubscription(const QString &topic, const QString &type, const QString &filters);
    static bool isKnown(const QString &topic, const QString &type);
    struct Client {
        QWebSocket *socket = nullptr;
        QByteArray connectionId;
        QList<Subscription> subscriptions;
    };
    struct Pending {
        qint64 dueMs;
        quint64 clientId; // 0: every client
        QByteArray frame;
    };

    void onNewConnection();
    void onTextMessage(quint64 clientId, const QString &message);
    void onDisconnected(quint64 clientId);
    bool wants(const Client &client, QStringView type, const Trade &trade) const;
    void enqueue(quint64 clientId, QByteArray frame);
    void flushDue();
    void write(quint64 clientId, const QByteArray &frame);

    IconLookup m_icons;
    QWebSocketServer *m_server = nullptr;
    QHash<quint64, Client> m_clients;
    quint64 m_nextClientId = 1;
    ActivityDelivery m_delivery;
    QString m_pongReply;
    bool m_stalled = false;
    int m_frameDelayMs = 0;
    std::deque<Pending> m_pending;
    QTimer *m_delayTimer = nullptr;
    qint64 m_framesSent = 0;
};

} // namespace longshot::net::sim
