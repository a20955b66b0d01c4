#pragma once

#include <QMetaType>
#include <QString>

#include <array>
#include <compare>
#include <optional>
#include <string_view>

namespace longshot {

// A Polymarket proxy wallet: "0x" + 40 hex digits. RTDS sends EIP-55 mixed case and REST
// sends lowercase; both are held as the 20 bytes they spell, so they join. The feed hands a
// wallet to every trade, and a trade is copied from parser to batch to model row and
// writer: as bytes that is a plain copy, with no allocation and no reference count.
class Wallet final {
public:
    static constexpr int kBytes = 20;
    static constexpr int kTextLength = 2 + 2 * kBytes;

    Wallet() = default;
    // Either case, "0x" or "0X"; nullopt for anything but the prefix and 40 hex digits.
    static std::optional<Wallet> parse(QStringView text);
    static std::optional<Wallet> parse(std::string_view ascii);

    // "0x" + 40 lowercase hex digits; empty for the empty wallet (Kalshi trades are anonymous).
    QString address() const;
    // address() appended to `out`, with no string of its own (keys built per trade).
    void appendTo(QString &out) const;
    bool isEmpty() const { return !m_set; }
    // "0x1234…abcd" for narrow columns.
    QString shortForm() const;

    friend bool operator==(const Wallet &, const Wallet &) = default;
    // Orders as address() does: lowercase hex text of one length sorts as the bytes it spells.
    friend std::strong_ordering operator<=>(const Wallet &, const Wallet &) = default;

private:
    std::array<quint8, kBytes> m_bytes{};
    bool m_set = false;
};

} // namespace longshot

Q_DECLARE_METATYPE(longshot::Wallet)
