#include "models/domain/wallet.h"

namespace longshot {

std::optional<Wallet> Wallet::parse(QStringView text) {
    if (text.size() != 42 || text[0] != u'0' || (text[1] != u'x' && text[1] != u'X'))
        return std::nullopt;
    // On the parse hot path: one allocation, written in place.
    QString lower(42, Qt::Uninitialized);
    QChar *out = lower.data();
    out[0] = u'0';
    out[1] = u'x';
    for (qsizetype i = 2; i < 42; ++i) {
        char16_t c = text[i].unicode();
        if (c >= u'A' && c <= u'F')
            c = char16_t(c - u'A' + u'a');
        else if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return std::nullopt;
        out[i] = QChar(c);
    }
    return Wallet(std::move(lower));
}

QString Wallet::shortForm() const {
    if (m_address.size() < 10)
        return m_address;
    return m_address.left(6) + QChar(0x2026) + m_address.right(4);
}

} // namespace longshot
