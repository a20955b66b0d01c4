#include "models/domain/wallet.h"

#include "models/domain/hexdigits.h"

namespace longshot {

std::optional<Wallet> Wallet::parse(QStringView text) {
    if (text.size() != 42 || text[0] != u'0' || (text[1] != u'x' && text[1] != u'X'))
        return std::nullopt;
    // On the parse hot path: one allocation, written in place.
    QString lower(42, Qt::Uninitialized);
    char16_t *out = reinterpret_cast<char16_t *>(lower.data());
    const char16_t *in = text.utf16();
    out[0] = u'0';
    out[1] = u'x';
    bool ok = true;
    for (qsizetype i = 2; i < 42; ++i) {
        const char16_t c = in[i] < 256 ? kLowerHexDigit[in[i]] : char16_t(0);
        ok &= c != 0;
        out[i] = c;
    }
    if (!ok)
        return std::nullopt;
    return Wallet(std::move(lower));
}

std::optional<Wallet> Wallet::parse(const QString &text) {
    if (text.size() != 42 || text[0] != u'0' || text[1] != u'x')
        return parse(QStringView(text));
    for (qsizetype i = 2; i < 42; ++i) {
        const char16_t c = text[i].unicode();
        if (c >= 256 || kLowerHexDigit[c] != c)
            return parse(QStringView(text));
    }
    return Wallet(text);
}

QString Wallet::shortForm() const {
    if (m_address.size() < 10)
        return m_address;
    return m_address.left(6) + QChar(0x2026) + m_address.right(4);
}

} // namespace longshot
