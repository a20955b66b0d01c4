#include "models/domain/txid.h"

#include "models/domain/hexdigits.h"

#include <cstring>

namespace longshot {

TxId TxId::fromText(const QString &text) {
    TxId id;
    id.m_isHash = text.size() == kHashTextLength && hex::decodePrefixed(text.utf16(), id.m_hash);
    if (!id.m_isHash) {
        id.m_hash = {};
        id.m_text = text;
    }
    return id;
}

TxId TxId::fromUtf8(std::string_view text) {
    TxId id;
    id.m_isHash = text.size() == kHashTextLength && hex::decodeAscii(text.data(), id.m_hash);
    if (!id.m_isHash) {
        id.m_hash = {};
        id.m_text = QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
    }
    return id;
}

QString TxId::text() const {
    if (!m_isHash)
        return m_text;
    QString out;
    hex::appendPrefixed(m_hash, out);
    return out;
}

void TxId::appendTo(QString &out) const {
    if (m_isHash)
        hex::appendPrefixed(m_hash, out);
    else
        out += m_text;
}

bool operator<(const TxId &a, const TxId &b) {
    // Lowercase hex of one length sorts as the bytes it spells.
    if (a.m_isHash && b.m_isHash)
        return std::memcmp(a.m_hash.data(), b.m_hash.data(), a.m_hash.size()) < 0;
    return a.text() < b.text();
}

} // namespace longshot
