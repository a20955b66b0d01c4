#include "models/domain/wallet.h"

namespace longshot {

std::optional<Wallet> Wallet::parse(QStringView text) {
    if (text.size() != 42 || text[0] != u'0' || (text[1] != u'x' && text[1] != u'X'))
        return std::nullopt;
    QString lower;
    lower.reserve(42);
    lower += u"0x";
    for (qsizetype i = 2; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c >= u'0' && c <= u'9')
            lower += QChar(c);
        else if (c >= u'a' && c <= u'f')
            lower += QChar(c);
        else if (c >= u'A' && c <= u'F')
            lower += QChar(char16_t(c - u'A' + u'a'));
        else
            return std::nullopt;
    }
    return Wallet(std::move(lower));
}

QString Wallet::shortForm() const {
    if (m_address.size() < 10)
        return m_address;
    return m_address.left(6) + QChar(0x2026) + m_address.right(4);
}

} // namespace longshot
