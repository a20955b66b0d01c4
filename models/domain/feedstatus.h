#pragma once

#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QtGlobal>

namespace longshot {

enum class FeedState : quint8 {
    Disconnected = 1,
    Connecting,
    Subscribing,
    Live,
    Stalled,      // socket open but no data for the stall window; a fresh connection follows
    Reconnecting, // waiting out a jittered backoff
    AuthFailed,   // stopped until the user fixes credentials
};

QString feedStateName(FeedState state);

// A snapshot of one feed's health, emitted about once a second for the status bar and
// the collector's exit summary. Plain values only.
struct FeedStatus {
    QString feed; // "polymarket.rtds", "kalshi.ws", ...
    FeedState state = FeedState::Disconnected;
    double messagesPerSecond = 0; // a rate for display, never money
    qint64 messagesReceived = 0;
    qint64 tradesReceived = 0;
    qint64 duplicatesDropped = 0; // same fill seen twice on the socket (trades + orders_matched)
    qint64 droppedBatches = 0;    // refused by the full storage queue, recorded as gaps
    qint64 reconnects = 0;
    qint64 lastTradeMs = 0; // exchange time of the newest trade, 0 if none yet
    QMap<QString, qint64> rejectedByReason;
    QString lastError;
};

// A time range the live feed may have missed (a reconnect, or a batch the writer refused).
struct GapRange {
    qint64 id = 0; // the stored gap's row id once recorded; 0 for ad-hoc ranges such as polls
    QString feed;
    qint64 fromMs = 0;
    qint64 toMs = 0;
    QString reason;
};

} // namespace longshot

Q_DECLARE_METATYPE(longshot::FeedStatus)
Q_DECLARE_METATYPE(longshot::GapRange)
