#include "net/tradetextcache.h"

#include "models/domain/hexdigits.h"
#include "net/textpool.h"

#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace longshot::net {
namespace {

constexpr std::size_t kTextSlots = 2048;
constexpr std::size_t kIdSlots = 2048;
constexpr std::size_t kMarketSlots = 1024;
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

// memcmp(a, b, n) == 0 without the call: on a hit every byte of a key is compared, nine
// keys a trade. Sixteen bytes a step, the last step overlapping, never past either end.
bool sameBytes(const char *a, const char *b, std::size_t n) {
#if defined(__SSE2__)
    if (n >= 16) {
        __m128i diff = _mm_setzero_si128();
        std::size_t i = 0;
        for (; i + 16 <= n; i += 16) {
            diff =
                _mm_or_si128(diff, _mm_xor_si128(_mm_loadu_si128(reinterpret_cast<const __m128i *>(a + i)),
                                                 _mm_loadu_si128(reinterpret_cast<const __m128i *>(b + i))));
        }
        if (i < n) {
            diff = _mm_or_si128(
                diff, _mm_xor_si128(_mm_loadu_si128(reinterpret_cast<const __m128i *>(a + n - 16)),
                                    _mm_loadu_si128(reinterpret_cast<const __m128i *>(b + n - 16))));
        }
        return _mm_movemask_epi8(_mm_cmpeq_epi8(diff, _mm_setzero_si128())) == 0xffff;
    }
#endif
    return std::memcmp(a, b, n) == 0;
}

QString fromUtf8(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

bool isHexPrefixed(std::string_view s) {
    return s.size() >= 3 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
}

// Lowercases `s` into `out`; false when a character after "0x" is not a hex digit. Sixteen
// characters a step where SSE2 is there (every x86-64): a transaction hash is 64 digits.
bool lowerHex(std::string_view s, char16_t *out) {
    out[0] = u'0';
    out[1] = u'x';
    std::size_t i = 2;
    bool ok = true;
#if defined(__SSE2__)
    const __m128i zero = _mm_setzero_si128();
    __m128i bad = zero;
    for (; i + 16 <= s.size(); i += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(s.data() + i));
        // Digits already carry the 0x20 bit, so one OR lowercases letters and keeps digits.
        const __m128i lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
        const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                            _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
        const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)),
                                             _mm_cmplt_epi8(lower, _mm_set1_epi8('f' + 1)));
        bad = _mm_or_si128(bad, _mm_cmpeq_epi8(_mm_or_si128(digit, letter), zero));
        _mm_storeu_si128(reinterpret_cast<__m128i *>(out + i), _mm_unpacklo_epi8(lower, zero));
        _mm_storeu_si128(reinterpret_cast<__m128i *>(out + i + 8), _mm_unpackhi_epi8(lower, zero));
    }
    ok = _mm_movemask_epi8(bad) == 0;
#endif
    for (; i < s.size(); ++i) {
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
    , m_markets(kMarketSlots) {}

QString TradeTextCache::lookup(std::vector<TextSlot> &table, char space, std::string_view key,
                               QString (*make)(std::string_view)) {
    if (key.empty())
        return {};
    if (key.size() > kInlineKey)
        return make(key); // rare and long: not worth a slot
    TextSlot &slot = table[slotFor(key, table.size())];
    if (slot.length != key.size() || slot.value.isNull() || !sameBytes(slot.key, key.data(), key.size())) {
        slot.value = TextPool::intern(space, key, make);
        slot.length = static_cast<quint8>(key.size());
        std::memcpy(slot.key, key.data(), key.size());
    }
    return slot.value;
}

QString TradeTextCache::text(std::string_view utf8) {
    return lookup(m_text, 't', utf8, &fromUtf8);
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
    return lookup(m_ids, 'h', id, &TradeTextCache::uncachedHexId);
}

const TradeTextCache::MarketText &TradeTextCache::market(const std::string_view (&raw)[MarketFieldCount]) {
    std::size_t total = 0;
    for (const std::string_view &r : raw)
        total += r.size();
    auto fill = [&](MarketText &m) {
        m.conditionId = hexId(raw[ConditionId]);
        m.assetId = text(raw[AssetId]);
        m.outcome = text(raw[Outcome]);
        m.title = text(raw[Title]);
        m.slug = text(raw[Slug]);
        m.eventSlug = text(raw[EventSlug]);
    };
    if (total > kMarketKeyBytes) {
        fill(m_uncachedMarket);
        return m_uncachedMarket;
    }
    MarketSlot &slot = m_markets[slotFor(raw[AssetId], kMarketSlots)];
    bool hit = slot.filled;
    const char *at = slot.key;
    for (int i = 0; hit && i < MarketFieldCount; ++i) {
        hit = slot.lengths[i] == raw[i].size() && sameBytes(at, raw[i].data(), raw[i].size());
        at += slot.lengths[i];
    }
    if (hit)
        return slot.value;
    fill(slot.value);
    char *out = slot.key;
    for (int i = 0; i < MarketFieldCount; ++i) {
        slot.lengths[i] = static_cast<quint16>(raw[i].size());
        std::memcpy(out, raw[i].data(), raw[i].size());
        out += raw[i].size();
    }
    slot.filled = true;
    return slot.value;
}

} // namespace longshot::net
