#pragma once

#include <QString>

#include <cstddef>
#include <string_view>

namespace longshot::net {

// Text kept for the life of the process. The feeds hand every trade the same few texts
// (market title, slugs, outcome, condition and asset ids, trader name and pseudonym) that
// repeat across thousands of trades, and each Trade is then copied from parser to batch to
// model row and writer. With ordinary QStrings every one of those copies and destructions
// is an atomic reference count; a pooled text is a QString over memory that is never freed
// (QString::fromRawData), which copies and destroys with no atomic at all. The pool keeps
// one copy per distinct text, so it grows with distinct texts only, and stops growing at
// kCapBytes: texts first seen after that come back as ordinary QStrings. Thread-safe; the
// parsers' per-thread caches sit in front of it, so it is reached once per new text.
class TextPool final {
public:
    static constexpr std::size_t kCapBytes = 64u * 1024 * 1024;

    // The pooled text for `key` in `space`, built by `make` on first sight. Spaces keep
    // different readings of the same bytes apart (a hex id is lowercased, a title is not).
    static QString intern(char space, std::string_view key, QString (*make)(std::string_view));

    // Bytes held (text, keys and bookkeeping); for the status line and the tests.
    static std::size_t bytesUsed();
};

} // namespace longshot::net
