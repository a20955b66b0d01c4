#include "net/tradetextcache.h"

#include "models/domain/hexdigits.h"

#include <cstdint>
#include <cstring>

namespace longshot::net {
namespace {

constexpr std::size_t kTextSlots = 2048;
constexpr std::size_t kIdSlots = 2048;
constexpr std::size_t kWalletSlots = 2048;
constexpr std::size_t kWalletChars = 42;
constexpr std::size_t kMaxHexId = 128; // tx hashes and condition ids are 66 characters

std::uint64_t load64(const char *p) {
    std::uint64_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

// A slot index from the length and three 8-byte windows (head, middle, tail): constant time
// whatever the length. A collision costs only a refill, since the stored key is compared in
// full, and titles, slugs and ids differ within those windows. Short keys are hashed whole.
// The count is not named "slots": Qt defines that as a macro.
std::size_t slotFor(std::string_view key, std::size_t slotCount) {
    std::uint64_t h = key.size() * 0x9e3779b97f4a7c15ULL;
    if (key.size() >= 8) {
        const char *p = key.data();
        const std::size_t n = key.size();
        h ^= load64(p);
        h *= 0xff51afd7ed558ccdULL;
        h ^= load64(p + (n - 8) / 2);
        h *= 0xc4ceb9fe1a85ec53ULL;
        h ^= load64(p + n - 8);
    } else {
        for (const char c : key)
            h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return static_cast<std::size_t>(h) & (slotCount - 1);
}

QString fromUtf8(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

bool isHexPrefixed(std::string_view s) {
    return s.size() >= 3 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
}

// Lowercases `s` into `out`; false when a character after "0x" is not a hex digit.
bool lowerHex(std::string_view s, char16_t *out) {
    bool ok = true;
    out[0] = u'0';
    out[1] = u'x';
    for (std::size_t i = 2; i < s.size(); ++i) {
        const char16_t c = kLowerHexDigit[static_cast<unsigned char>(s[i])];
        ok &= c != 0;
        out[i] = c;
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
    if (!isHexPrefixed(id) || id.size() > kMaxHexId)
        return fromUtf8(id);
    // Written straight into the string's UTF-16 buffer: one allocation, one pass.
    QString out(static_cast<qsizetype>(id.size()), Qt::Uninitialized);
    if (!lowerHex(id, reinterpret_cast<char16_t *>(out.data())))
        return fromUtf8(id);
    return out;
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
