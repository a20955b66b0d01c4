#include "net/netlog.h"

namespace longshot::net {
Q_LOGGING_CATEGORY(lcNet, "longshot.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRtds, "longshot.net.rtds", QtInfoMsg)
} // namespace longshot::net
