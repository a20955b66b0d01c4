#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QVariant>

#include <optional>

namespace longshot::app {

// How a T is written to and read back from QSettings. An INI file returns strings for most
// types, and the user may edit it, so decode() validates and returns nullopt for garbage;
// SettingValue then falls back to the default instead of acting on a corrupt value.
template <typename T> struct SettingCodec;

template <> struct SettingCodec<QByteArray> {
    static QVariant encode(const QByteArray &value) { return value; }
    static std::optional<QByteArray> decode(const QVariant &stored) {
        if (stored.typeId() != QMetaType::QByteArray)
            return std::nullopt;
        return stored.toByteArray();
    }
};

template <> struct SettingCodec<bool> {
    static QVariant encode(bool value) { return value; }
    static std::optional<bool> decode(const QVariant &stored);
};

template <> struct SettingCodec<int> {
    static QVariant encode(int value) { return value; }
    static std::optional<int> decode(const QVariant &stored);
};

// A typed, keyed view of one setting (qBittorrent's SettingValue<T>): reads go to the store
// every time, so two views of the same key never disagree.
template <typename T> class SettingValue final {
public:
    SettingValue(QSettings *store, QString key, T defaultValue)
        : m_store(store)
        , m_key(std::move(key))
        , m_default(std::move(defaultValue)) {}

    T get() const {
        const QVariant stored = m_store->value(m_key);
        if (!stored.isValid())
            return m_default;
        return SettingCodec<T>::decode(stored).value_or(m_default);
    }
    operator T() const { return get(); }
    void set(const T &value) { m_store->setValue(m_key, SettingCodec<T>::encode(value)); }
    SettingValue &operator=(const T &value) {
        set(value);
        return *this;
    }
    void reset() { m_store->remove(m_key); }
    bool isStored() const { return m_store->contains(m_key); }
    const QString &key() const { return m_key; }
    const T &defaultValue() const { return m_default; }

private:
    QSettings *m_store;
    QString m_key;
    T m_default;
};

} // namespace longshot::app
