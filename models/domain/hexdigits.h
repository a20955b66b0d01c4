#pragma once

#include <QString>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace longshot {

// 0 for a byte that is not a hex digit, else the digit in lower case: one load and one test a
// character, no branches, where wallets and transaction hashes are validated on the parse path.
inline constexpr std::array<char16_t, 256> kLowerHexDigit = [] {
    std::array<char16_t, 256> t{};
    for (char16_t c = u'0'; c <= u'9'; ++c)
        t[c] = c;
    for (char16_t c = u'a'; c <= u'f'; ++c) {
        t[c] = c;
        t[c - u'a' + u'A'] = c;
    }
    return t;
}();

namespace hex {

// 0..15 for a hex digit of either case, 0xff for anything else.
inline constexpr std::array<quint8, 256> kNibble = [] {
    std::array<quint8, 256> t{};
    t.fill(0xff);
    for (std::size_t c = 0; c < 256; ++c) {
        if (const char16_t lower = kLowerHexDigit[c])
            t[c] = static_cast<quint8>(lower <= u'9' ? lower - u'0' : lower - u'a' + 10);
    }
    return t;
}();

// The N bytes spelled by "0x" (or "0X") and 2N hex digits of either case at `text`, which
// holds at least 2 + 2N characters (char16_t, or unsigned char for bytes off the wire, which
// decodeAscii does faster). Branch-free over the digits; false when any is not one.
template <std::size_t N, typename Char> bool decodePrefixed(const Char *text, std::array<quint8, N> &out) {
    if (text[0] != Char('0') || (text[1] != Char('x') && text[1] != Char('X')))
        return false;
    quint8 bad = 0;
    for (std::size_t i = 0; i < N; ++i) {
        const auto hi = static_cast<std::uint32_t>(text[2 + 2 * i]);
        const auto lo = static_cast<std::uint32_t>(text[3 + 2 * i]);
        // A UTF-16 unit past Latin-1 is not a digit: fold it onto 0, which is not one either
        // (its low byte alone could be, as U+0130 is '0').
        const quint8 h = kNibble[hi < 256 ? hi : 0];
        const quint8 l = kNibble[lo < 256 ? lo : 0];
        bad |= static_cast<quint8>(h | l);
        out[i] = static_cast<quint8>((h << 4) | (l & 0x0f));
    }
    return (bad & 0xf0) == 0;
}

#if defined(__SSE2__)
namespace detail {
// Sixteen hex digits to eight bytes, one per 16-bit lane; `bad` gains 0xff at each non-digit.
inline __m128i digitPairs(__m128i v, __m128i &bad) {
    // Bytes from 0x80 up compare negative: neither a digit nor a letter.
    const __m128i lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
    const __m128i digit =
        _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
    const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)),
                                         _mm_cmplt_epi8(lower, _mm_set1_epi8('f' + 1)));
    bad = _mm_or_si128(bad, _mm_cmpeq_epi8(_mm_or_si128(digit, letter), _mm_setzero_si128()));
    const __m128i nibble = _mm_or_si128(_mm_and_si128(digit, _mm_sub_epi8(v, _mm_set1_epi8('0'))),
                                        _mm_and_si128(letter, _mm_sub_epi8(lower, _mm_set1_epi8('a' - 10))));
    // Each lane holds its first digit in the low byte and its second in the high byte.
    return _mm_or_si128(_mm_slli_epi16(_mm_and_si128(nibble, _mm_set1_epi16(0x00ff)), 4),
                        _mm_srli_epi16(nibble, 8));
}

inline __m128i load16(const char *p) {
    return _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
}
} // namespace detail
#endif

// decodePrefixed for bytes, sixteen digits a step where SSE2 is there (every x86-64): the
// feed decodes a wallet and a transaction hash on every trade. N is 20 or 32.
template <std::size_t N> bool decodeAscii(const char *text, std::array<quint8, N> &out) {
    static_assert(N == 20 || N == 32);
#if defined(__SSE2__)
    if (text[0] != '0' || (text[1] != 'x' && text[1] != 'X'))
        return false;
    const char *d = text + 2;
    __m128i bad = _mm_setzero_si128();
    const __m128i a = detail::digitPairs(detail::load16(d), bad);
    const __m128i b = detail::digitPairs(detail::load16(d + 16), bad);
    _mm_storeu_si128(reinterpret_cast<__m128i *>(out.data()), _mm_packus_epi16(a, b));
    if constexpr (N == 32) {
        const __m128i c = detail::digitPairs(detail::load16(d + 32), bad);
        const __m128i e = detail::digitPairs(detail::load16(d + 48), bad);
        _mm_storeu_si128(reinterpret_cast<__m128i *>(out.data() + 16), _mm_packus_epi16(c, e));
    } else {
        // The last eight digits, read alone so nothing past the text is touched.
        __m128i tailBad = _mm_setzero_si128();
        const __m128i c =
            detail::digitPairs(_mm_loadl_epi64(reinterpret_cast<const __m128i *>(d + 32)), tailBad);
        bad = _mm_or_si128(bad, _mm_unpacklo_epi64(tailBad, _mm_setzero_si128()));
        const std::uint32_t last = static_cast<std::uint32_t>(_mm_cvtsi128_si32(_mm_packus_epi16(c, c)));
        std::memcpy(out.data() + 16, &last, sizeof last);
    }
    return _mm_movemask_epi8(bad) == 0;
#else
    return decodePrefixed(reinterpret_cast<const unsigned char *>(text), out);
#endif
}

// Writes "0x" and the 2N lowercase digits of `bytes` to `out`.
template <std::size_t N> void encodePrefixed(const std::array<quint8, N> &bytes, char16_t *out) {
    constexpr char16_t kDigits[] = u"0123456789abcdef";
    *out++ = u'0';
    *out++ = u'x';
    for (const quint8 b : bytes) {
        *out++ = kDigits[b >> 4];
        *out++ = kDigits[b & 0x0f];
    }
}

// encodePrefixed onto the end of `out`: the one place the feed's ids become text.
template <std::size_t N> void appendPrefixed(const std::array<quint8, N> &bytes, QString &out) {
    const qsizetype at = out.size();
    out.resize(at + qsizetype(2 + 2 * N));
    encodePrefixed(bytes, reinterpret_cast<char16_t *>(out.data()) + at);
}

} // namespace hex
} // namespace longshot
