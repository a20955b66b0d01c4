#include "models/domain/wallet.h"

#include "models/domain/hexdigits.h"

namespace longshot {

std::optional<Wallet> Wallet::parse(QStringView text) {
    Wallet w;
    if (text.size() != kTextLength || !hex::decodePrefixed(text.utf16(), w.m_bytes))
        return std::nullopt;
    w.m_set = true;
    return w;
}

std::optional<Wallet> Wallet::parse(std::string_view ascii) {
    Wallet w;
    if (ascii.size() != kTextLength || !hex::decodeAscii(ascii.data(), w.m_bytes))
        return std::nullopt;
    w.m_set = true;
    return w;
}

QString Wallet::address() const {
    QString out;
    appendTo(out);
    return out;
}

void Wallet::appendTo(QString &out) const {
    if (m_set)
        hex::appendPrefixed(m_bytes, out);
}

QString Wallet::shortForm() const {
    if (!m_set)
        return {};
    const QString a = address();
    return a.left(6) + QChar(0x2026) + a.right(4);
}

} // namespace longshot
