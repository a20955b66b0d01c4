#pragma once

#include "app/commandline.h"
#include "app/settingvalue.h"
#include "models/domain/decimal.h"

#include <QSettings>

#include <memory>

namespace longshot::app {

template <> struct SettingCodec<ThemeChoice> {
    static QVariant encode(ThemeChoice value);
    static std::optional<ThemeChoice> decode(const QVariant &stored);
};

// Decimal is written as its exact text ("2500.5"), never as a double.
template <> struct SettingCodec<Decimal> {
    static QVariant encode(Decimal value);
    static std::optional<Decimal> decode(const QVariant &stored);
};

template <> struct SettingCodec<QString> {
    static QVariant encode(const QString &value) { return value; }
    static std::optional<QString> decode(const QVariant &stored) { return stored.toString(); }
};

// Everything the application remembers between runs. Only app/ reads QSettings; lower layers
// receive the values they need as plain arguments. Keys carry a version ("ui/v1/...") because
// Qt's window-state blobs are not portable across layouts or Qt major versions.
class AppSettings final {
public:
    // An INI file: the XDG settings file in the application, a temporary file in tests.
    explicit AppSettings(const QString &iniFile);
    ~AppSettings();
    Q_DISABLE_COPY_MOVE(AppSettings)

    SettingValue<ThemeChoice> &theme() { return m_theme; }
    SettingValue<QByteArray> &mainWindowGeometry() { return m_mainWindowGeometry; }
    SettingValue<QByteArray> &mainWindowState() { return m_mainWindowState; }
    SettingValue<bool> &panelsLocked() { return m_panelsLocked; }
    // The whale feed's display threshold in USD (--min-usd overrides it for one run).
    SettingValue<Decimal> &feedMinUsd() { return m_feedMinUsd; }
    // Kalshi credentials by reference only: the key id and the key file's path. The key
    // itself is never written here (nor to the database or the log).
    SettingValue<QString> &kalshiKeyId() { return m_kalshiKeyId; }
    SettingValue<QString> &kalshiKeyFile() { return m_kalshiKeyFile; }

    QString fileName() const;
    // Writes pending changes; false when the file cannot be written.
    bool sync();

private:
    std::unique_ptr<QSettings> m_store; // first: the values below point into it
    SettingValue<ThemeChoice> m_theme;
    SettingValue<QByteArray> m_mainWindowGeometry;
    SettingValue<QByteArray> m_mainWindowState;
    SettingValue<bool> m_panelsLocked;
    SettingValue<Decimal> m_feedMinUsd;
    SettingValue<QString> m_kalshiKeyId;
    SettingValue<QString> m_kalshiKeyFile;
};

} // namespace longshot::app
