#pragma once

#include <QString>

#include <string_view>
#include <vector>

namespace longshot::net {

// The same market titles, slugs, outcomes and traders arrive on thousands of trades. One
// pooled QString per distinct text (TextPool) saves an allocation and a UTF-8 decode per
// field, the tape holds one copy of each title, and copies of a trade cost no atomic.
// This cache is the lock-free front of the pool: direct-mapped, a colliding text takes
// over the slot, so its memory stays fixed. Not thread-safe: one per parser.
class TradeTextCache final {
public:
    TradeTextCache();
    Q_DISABLE_COPY_MOVE(TradeTextCache)

    // QString::fromUtf8 of already validated UTF-8.
    QString text(std::string_view utf8);
    // A "0x" + hex identifier, lowercased so copies from different routes join; other
    // text is returned as is. Shared like text().
    QString hexId(std::string_view id);
    // The same, not cached: for ids unique per fill (a transaction id that is not a 32-byte
    // hash, which TxId holds as bytes; the CLOB's trade hashes).
    static QString uncachedHexId(std::string_view id);

    // The texts of one outcome of one market, which arrive together on each of its trades.
    struct MarketText {
        QString conditionId;                              // hexId()
        QString assetId, outcome, title, slug, eventSlug; // text()
    };
    enum MarketField { ConditionId, AssetId, Outcome, Title, Slug, EventSlug, MarketFieldCount };
    // All six for one lookup keyed by the asset id, the same values text() and hexId()
    // give one by one; an empty view gives an empty text.
    const MarketText &market(const std::string_view (&raw)[MarketFieldCount]);

private:
    // Keys live inside the slot: a lookup touches one place in memory, not two.
    static constexpr std::size_t kInlineKey = 110;
    struct TextSlot {
        quint8 length = 0;
        char key[kInlineKey];
        QString value;
    };
    // The six texts' bytes back to back, with their lengths: compared in full on a hit.
    static constexpr std::size_t kMarketKeyBytes = 400;
    struct MarketSlot {
        quint16 lengths[MarketFieldCount] = {};
        bool filled = false;
        char key[kMarketKeyBytes];
        MarketText value;
    };
    QString lookup(std::vector<TextSlot> &table, char space, std::string_view key,
                   QString (*make)(std::string_view));

    std::vector<TextSlot> m_text;
    std::vector<TextSlot> m_ids;
    std::vector<MarketSlot> m_markets;
    MarketText m_uncachedMarket; // for the rare market whose texts outgrow a slot
};

} // namespace longshot::net
