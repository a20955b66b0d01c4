#include "models/whalefeedfilter.h"

#include "models/whalefeedmodel.h"

namespace longshot {
namespace {

bool textMatches(const Trade &t, const QString &needle) {
    const auto has = [&needle](const QString &hay) { return hay.contains(needle, Qt::CaseInsensitive); };
    return has(t.marketTitle) || has(t.marketId) || has(t.outcome) || has(t.traderName) ||
           has(t.traderPseudonym) || has(t.wallet.address()) || has(t.traderLabel());
}

} // namespace

WhaleFeedFilterProxy::WhaleFeedFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent) {
    setDynamicSortFilter(false);
}

WhaleFeedFilterProxy::~WhaleFeedFilterProxy() = default;

void WhaleFeedFilterProxy::setMinNotional(Decimal minimum) {
    if (minimum == m_minNotional)
        return;
    m_minNotional = minimum;
    refilter();
}

void WhaleFeedFilterProxy::setSide(std::optional<Side> side) {
    if (side == m_side)
        return;
    m_side = side;
    refilter();
}

void WhaleFeedFilterProxy::setVenue(std::optional<Venue> venue) {
    if (venue == m_venue)
        return;
    m_venue = venue;
    refilter();
}

void WhaleFeedFilterProxy::setText(const QString &text) {
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    refilter();
}

void WhaleFeedFilterProxy::refilter() {
    // Qt 6.4 has no beginFilterChange(); invalidateFilter() keeps the mapping and re-runs
    // filterAcceptsRow without a model reset.
    invalidateFilter();
    Q_EMIT filterChanged();
}

bool WhaleFeedFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const {
    if (sourceParent.isValid())
        return false;
    // Fast path: read the trade in place instead of boxing it in a QVariant per row.
    if (const auto *tape = qobject_cast<const WhaleFeedModel *>(sourceModel())) {
        if (tape->notionalMicrosAt(sourceRow) < m_minNotional.micros())
            return false;
        const Trade &t = tape->tradeAt(sourceRow);
        if (m_side && t.side != *m_side)
            return false;
        if (m_venue && t.venue != *m_venue)
            return false;
        return m_text.isEmpty() || textMatches(t, m_text);
    }
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (index.data(WhaleFeedModel::NotionalMicrosRole).toLongLong() < m_minNotional.micros())
        return false;
    const Trade t = index.data(WhaleFeedModel::TradeRole).value<Trade>();
    if (m_side && t.side != *m_side)
        return false;
    if (m_venue && t.venue != *m_venue)
        return false;
    return m_text.isEmpty() || textMatches(t, m_text);
}

} // namespace longshot
