#pragma once

#include <QMetaType>
#include <QString>

#include <array>
#include <string_view>

namespace longshot {

// The id of one fill's transaction. A Polymarket transaction hash ("0x" + 64 hex digits) is
// held as the 32 bytes it spells, so the feed's trades carry it with no allocation and
// compare it in a few words; it reads back in lowercase, as the data-api writes it. Any
// other id (Kalshi's trade ids) is kept as the text it arrived as.
class TxId final {
public:
    static constexpr int kHashBytes = 32;
    static constexpr int kHashTextLength = 2 + 2 * kHashBytes;

    TxId() = default;
    static TxId fromText(const QString &text);
    // The same from UTF-8 bytes off the wire.
    static TxId fromUtf8(std::string_view text);

    QString text() const;
    // text() appended to `out`, with no string of its own (keys built per trade).
    void appendTo(QString &out) const;
    bool isEmpty() const { return !m_isHash && m_text.isEmpty(); }
    bool isHash() const { return m_isHash; }

    // Either the hash or the text is set, never both, so comparing all three is comparing ids.
    friend bool operator==(const TxId &, const TxId &) = default;
    // Orders as text() does.
    friend bool operator<(const TxId &a, const TxId &b);

private:
    // Side by side rather than a union: the copies a trade goes through stay inline and trivial
    // for the hash, and a null QString costs only its test when copied or destroyed.
    std::array<quint8, kHashBytes> m_hash{};
    bool m_isHash = false;
    QString m_text;
};

} // namespace longshot

Q_DECLARE_METATYPE(longshot::TxId)
