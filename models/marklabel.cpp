#include "models/marklabel.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace longshot {

QString markedAtText(qint64 markedMs, const QString &markKind, qint64 nowMs) {
    const QString kind = markKind.isEmpty() ? QString() : u", "_s + markKind;
    if (markedMs == 0)
        return u"no open position marked"_s;
    if (markedMs < 0)
        return u"mark time unknown"_s + kind;
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(markedMs, Qt::UTC);
    const QDateTime now =
        QDateTime::fromMSecsSinceEpoch(nowMs > 0 ? nowMs : QDateTime::currentMSecsSinceEpoch(), Qt::UTC);
    const QString format = at.date() == now.date() ? u"HH:mm"_s : u"yyyy-MM-dd HH:mm"_s;
    return u"marked at "_s + at.toString(format) + u" UTC"_s + kind;
}

} // namespace longshot
