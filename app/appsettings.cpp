#include "app/appsettings.h"

using namespace Qt::StringLiterals;

namespace longshot::app {

QVariant SettingCodec<ThemeChoice>::encode(ThemeChoice value) {
    return themeChoiceName(value);
}

std::optional<ThemeChoice> SettingCodec<ThemeChoice>::decode(const QVariant &stored) {
    return themeChoiceFromName(stored.toString().trimmed());
}

QVariant SettingCodec<Decimal>::encode(Decimal value) {
    return value.toString();
}

std::optional<Decimal> SettingCodec<Decimal>::decode(const QVariant &stored) {
    const QString text = stored.toString().trimmed();
    const DecimalParse parsed = Decimal::parse(QStringView(text));
    if (!parsed.ok() || parsed.value.isNegative())
        return std::nullopt;
    return parsed.value;
}

AppSettings::AppSettings(const QString &iniFile)
    : m_store(std::make_unique<QSettings>(iniFile, QSettings::IniFormat))
    , m_theme(m_store.get(), u"ui/v1/theme"_s, ThemeChoice::System)
    , m_mainWindowGeometry(m_store.get(), u"ui/v1/mainWindowGeometry"_s, {})
    , m_mainWindowState(m_store.get(), u"ui/v1/mainWindowState"_s, {})
    , m_panelsLocked(m_store.get(), u"ui/v1/panelsLocked"_s, false)
    , m_feedMinUsd(m_store.get(), u"feed/v1/minUsd"_s, Decimal::fromMicros(100 * Decimal::kOne))
    , m_kalshiKeyId(m_store.get(), u"kalshi/v1/keyId"_s, QString())
    , m_kalshiKeyFile(m_store.get(), u"kalshi/v1/keyFile"_s, QString()) {}

AppSettings::~AppSettings() = default;

QString AppSettings::fileName() const {
    return m_store->fileName();
}

bool AppSettings::sync() {
    m_store->sync();
    return m_store->status() == QSettings::NoError;
}

} // namespace longshot::app
