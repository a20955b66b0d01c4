#include "models/domain/feedstatus.h"

namespace longshot {

QString feedStateName(FeedState state) {
    switch (state) {
    case FeedState::Disconnected:
        return QStringLiteral("disconnected");
    case FeedState::Connecting:
        return QStringLiteral("connecting");
    case FeedState::Subscribing:
        return QStringLiteral("subscribing");
    case FeedState::Live:
        return QStringLiteral("live");
    case FeedState::Stalled:
        return QStringLiteral("stalled");
    case FeedState::Reconnecting:
        return QStringLiteral("reconnecting");
    case FeedState::AuthFailed:
        return QStringLiteral("auth failed");
    }
    return QStringLiteral("unknown");
}

} // namespace longshot
