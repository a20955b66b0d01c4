#include "net/textpool.h"

#include "net/netlog.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace longshot::net {
namespace {

constexpr std::size_t kChunkChars = 32 * 1024;
constexpr std::size_t kEntryOverhead = 64; // map node, hash and key bookkeeping, roughly

class Pool final {
public:
    QString intern(char space, std::string_view key, QString (*make)(std::string_view)) {
        std::string k;
        k.reserve(key.size() + 1);
        k.push_back(space);
        k.append(key);
        const std::lock_guard lock(m_mutex);
        if (const auto it = m_texts.find(k); it != m_texts.end())
            return it->second;
        const QString made = make(key);
        const std::size_t cost = k.size() + std::size_t(made.size()) * sizeof(char16_t) + kEntryOverhead;
        if (m_bytes + cost > TextPool::kCapBytes) {
            if (!m_full) {
                m_full = true;
                qCInfo(lcNet) << "text pool full at" << m_bytes / (1024 * 1024)
                              << "MiB: new market and trader texts are kept per trade from now on";
            }
            return made;
        }
        m_bytes += cost;
        QString pooled = QString::fromRawData(store(made), made.size());
        m_texts.emplace(std::move(k), pooled);
        return pooled;
    }

    std::size_t bytes() {
        const std::lock_guard lock(m_mutex);
        return m_bytes;
    }

private:
    const QChar *store(const QString &text) {
        const std::size_t n = std::size_t(text.size());
        if (m_chunks.empty() || m_used + n > m_chunkSize) {
            m_chunkSize = std::max(kChunkChars, n);
            m_chunks.push_back(std::make_unique<char16_t[]>(m_chunkSize));
            m_used = 0;
        }
        char16_t *at = m_chunks.back().get() + m_used;
        std::memcpy(at, text.constData(), n * sizeof(char16_t));
        m_used += n;
        return reinterpret_cast<const QChar *>(at);
    }

    std::mutex m_mutex;
    std::unordered_map<std::string, QString> m_texts;
    std::vector<std::unique_ptr<char16_t[]>> m_chunks;
    std::size_t m_chunkSize = 0;
    std::size_t m_used = 0;
    std::size_t m_bytes = 0;
    bool m_full = false;
};

// Never destroyed: a pooled QString may be read by static destructors and threads that
// outlive main(), and the memory is what makes its copies free.
Pool &pool() {
    static Pool *const instance = new Pool;
    return *instance;
}

} // namespace

QString TextPool::intern(char space, std::string_view key, QString (*make)(std::string_view)) {
    return pool().intern(space, key, make);
}

std::size_t TextPool::bytesUsed() {
    return pool().bytes();
}

} // namespace longshot::net
