#pragma once

#include <array>

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

} // namespace longshot
