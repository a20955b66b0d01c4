#include "app/settingvalue.h"

using namespace Qt::StringLiterals;

namespace longshot::app {

std::optional<bool> SettingCodec<bool>::decode(const QVariant &stored) {
    if (stored.typeId() == QMetaType::Bool)
        return stored.toBool();
    const QString text = stored.toString().trimmed().toLower();
    if (text == u"true" || text == u"1")
        return true;
    if (text == u"false" || text == u"0")
        return false;
    return std::nullopt;
}

std::optional<int> SettingCodec<int>::decode(const QVariant &stored) {
    bool ok = false;
    const int value = stored.toString().trimmed().toInt(&ok);
    return ok ? std::optional<int>(value) : std::nullopt;
}

} // namespace longshot::app
