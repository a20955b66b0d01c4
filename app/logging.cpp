#include "app/logging.h"

namespace longshot::app {

Q_LOGGING_CATEGORY(lcApp, "longshot.app")

void installMessagePattern() {
    // QT_MESSAGE_PATTERN from the environment still wins, as Qt documents.
    qSetMessagePattern(QStringLiteral("%{time yyyy-MM-dd hh:mm:ss.zzz} "
                                      "%{if-debug}D%{endif}%{if-info}I%{endif}%{if-warning}W%{endif}"
                                      "%{if-critical}C%{endif}%{if-fatal}F%{endif} "
                                      "%{category}: %{message}"));
}

} // namespace longshot::app
