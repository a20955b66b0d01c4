#include "net/tradetextcache.h"

#include <cstring>
#include <functional>

namespace longshot::net {
namespace {

constexpr std::size_t kTextSlots = 2048;
constexpr std::size_t kIdSlots = 2048;
constexpr std::size_t kWalletSlots = 2048;
constexpr std::size_t kWalletChars = 42;
constexpr std::size_t kMaxStackId = 128; // tx hashes and condition ids are 66 characters

// The count is not named "slots": Qt defines that as a macro.
std::size_t slotFor(std::string_view key, std::size_t slotCount) {
    return std::hash<std::string_view>{}(key) & (slotCount - 1);
}

QString fromUtf8(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

bool isHexPrefixed(std::string_view s) {
    return s.size() >= 3 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
}

// Lowercases `s` into `out`; false when a character after "0x" is not a hex digit.
bool lowerHex(std::string_view s, char *out) {
    bool ok = true;
    out[0] = '0';
    out[1] = 'x';
    for (std::size_t i = 2; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        const auto lower = static_cast<unsigned char>(c | 0x20);
        const bool digit = static_cast<unsigned char>(c - '0') < 10;
        const bool letter = static_cast<unsigned char>(lower - 'a') < 6;
        ok &= digit || letter;
        out[i] = static_cast<char>(digit ? c : lower);
    }
    return ok;
}

} // namespace

TradeTextCache::TradeTextCache()
    : m_text(kTextSlots)
    , m_ids(kIdSlots)
    , m_wallets(kWalletSlots) {}

QString TradeTextCache::lookup(std::vector<TextSlot> &table, std::string_view key,
                               QString (*make)(std::string_view)) {
    if (key.empty())
        return {};
    if (key.size() > kInlineKey)
        return make(key); // rare and long: not worth a slot
    TextSlot &slot = table[slotFor(key, table.size())];
    if (slot.length != key.size() || slot.value.isNull() ||
        std::memcmp(slot.key, key.data(), key.size()) != 0) {
        slot.value = make(key);
        slot.length = static_cast<quint8>(key.size());
        std::memcpy(slot.key, key.data(), key.size());
    }
    return slot.value;
}

QString TradeTextCache::text(std::string_view utf8) {
    return lookup(m_text, utf8, &fromUtf8);
}

QString TradeTextCache::uncachedHexId(std::string_view id) {
    if (!isHexPrefixed(id) || id.size() > kMaxStackId)
        return fromUtf8(id);
    char buf[kMaxStackId];
    if (!lowerHex(id, buf))
        return fromUtf8(id);
    return QString::fromLatin1(buf, static_cast<qsizetype>(id.size()));
}

QString TradeTextCache::hexId(std::string_view id) {
    return lookup(m_ids, id, &TradeTextCache::uncachedHexId);
}

std::optional<Wallet> TradeTextCache::wallet(std::string_view address) {
    if (address.size() != kWalletChars)
        return std::nullopt;
    WalletSlot &slot = m_wallets[slotFor(address, kWalletSlots)];
    if (!slot.value.isEmpty() && std::memcmp(slot.key, address.data(), kWalletChars) == 0)
        return slot.value;
    char16_t wide[kWalletChars];
    for (std::size_t i = 0; i < kWalletChars; ++i)
        wide[i] = static_cast<unsigned char>(address[i]);
    auto parsed = Wallet::parse(QStringView(wide, static_cast<qsizetype>(kWalletChars)));
    if (!parsed)
        return std::nullopt;
    std::memcpy(slot.key, address.data(), kWalletChars);
    slot.value = *parsed;
    return parsed;
}

} // namespace longshot::net
