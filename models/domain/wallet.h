#pragma once

#include <QMetaType>
#include <QString>

#include <optional>

namespace longshot {

// A Polymarket proxy wallet: "0x" + 40 hex digits, always lowercase. RTDS sends
// EIP-55 mixed case and REST sends lowercase; normalising here makes them join.
class Wallet final {
public:
    Wallet() = default;
    static std::optional<Wallet> parse(QStringView text);
    // The same; text that is already canonical (lowercase) is kept as it is, not copied, so
    // a wallet built from a pooled string stays pooled.
    static std::optional<Wallet> parse(const QString &text);

    const QString &address() const { return m_address; }
    bool isEmpty() const { return m_address.isEmpty(); }
    // "0x1234…abcd" for narrow columns.
    QString shortForm() const;

    friend bool operator==(const Wallet &, const Wallet &) = default;

private:
    explicit Wallet(QString address)
        : m_address(std::move(address)) {}
    QString m_address;
};

} // namespace longshot

Q_DECLARE_METATYPE(longshot::Wallet)
