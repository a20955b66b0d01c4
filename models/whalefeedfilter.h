#pragma once

#include "models/domain/decimal.h"
#include "models/domain/venue.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace longshot {

// Filters the whale tape by size, side, venue and free text. It never sorts on its own: a tape
// reads in arrival order, so dynamic sorting is off and no sort column is set.
class WhaleFeedFilterProxy final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WhaleFeedFilterProxy)
public:
    // $1,000: the size at which a fill counts as a whale trade.
    static constexpr Decimal kDefaultMinNotional = Decimal::fromMicros(1'000 * Decimal::kOne);

    explicit WhaleFeedFilterProxy(QObject *parent = nullptr);
    ~WhaleFeedFilterProxy() override;

    Decimal minNotional() const { return m_minNotional; }
    std::optional<Side> side() const { return m_side; }
    std::optional<Venue> venue() const { return m_venue; }
    QString text() const { return m_text; }

    // Each setter re-filters only when the value changes.
    void setMinNotional(Decimal minimum);
    void setSide(std::optional<Side> side);
    void setVenue(std::optional<Venue> venue);
    // Case-insensitive substring of market title or ticker, outcome, trader name, pseudonym or wallet.
    void setText(const QString &text);

Q_SIGNALS:
    void filterChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    void refilter();

    Decimal m_minNotional = kDefaultMinNotional;
    std::optional<Side> m_side;
    std::optional<Venue> m_venue;
    QString m_text;
};

} // namespace longshot
