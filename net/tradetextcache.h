#pragma once

#include "models/domain/wallet.h"

#include <QString>

#include <optional>
#include <string_view>
#include <vector>

namespace longshot::net {

// The same market titles, slugs, outcomes and traders arrive on thousands of trades. One
// shared QString per distinct text saves an allocation and a UTF-8 decode per field, and
// the tape then holds one copy of each title. Direct-mapped: a colliding text takes over
// the slot, so memory stays fixed. Not thread-safe: one per parser.
class TradeTextCache final {
public:
    TradeTextCache();
    Q_DISABLE_COPY_MOVE(TradeTextCache)

    // QString::fromUtf8 of already validated UTF-8.
    QString text(std::string_view utf8);
    // A "0x" + hex identifier, lowercased so copies from different routes join; other
    // text is returned as is. Shared like text().
    QString hexId(std::string_view id);
    // The same, for identifiers unique per fill (transaction hashes): not cached.
    static QString uncachedHexId(std::string_view id);
    // Wallet::parse of the bytes; nullopt when they are not 0x + 40 hex.
    std::optional<Wallet> wallet(std::string_view address);

private:
    // Keys live inside the slot: a lookup touches one place in memory, not two.
    static constexpr std::size_t kInlineKey = 110;
    struct TextSlot {
        quint8 length = 0;
        char key[kInlineKey];
        QString value;
    };
    struct WalletSlot {
        char key[42];
        Wallet value;
    };
    QString lookup(std::vector<TextSlot> &table, std::string_view key, QString (*make)(std::string_view));

    std::vector<TextSlot> m_text;
    std::vector<TextSlot> m_ids;
    std::vector<WalletSlot> m_wallets;
};

} // namespace longshot::net
