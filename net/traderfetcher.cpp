#include "net/traderfetcher.h"

#include "net/marketmetadatafetcher.h"
#include "net/netlog.h"
#include "net/restclient.h"

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace longshot::net {

void TraderSnapshot::markIncomplete(const QString &reason) {
    complete = false;
    if (!incompleteReasons.contains(reason))
        incompleteReasons.append(reason);
}

TraderFetcher::TraderFetcher(RestClient *rest, TraderFetchConfig config, QObject *parent)
    : QObject(parent)
    , m_rest(rest)
    , m_config(std::move(config)) {}

TraderFetcher::~TraderFetcher() = default;

bool TraderFetcher::fetch(const Wallet &wallet, qint64 sinceMs) {
    if (m_busy)
        return false;
    m_busy = true;
    ++m_generation;
    m_snapshot = TraderSnapshot{};
    m_snapshot.wallet = wallet;
    m_snapshot.sinceMs = std::max<qint64>(0, sinceMs);
    m_windowStartSec = m_snapshot.sinceMs / 1000;
    m_offset = 0;
    m_activityMarkets.clear();
    m_pendingIds.clear();
    m_batch.clear();
    m_missingOpen.clear();
    m_reportedPhase.clear();
    nextActivity();
    return true;
}

QUrl TraderFetcher::dataUrl(const QString &path, const QList<std::pair<QString, QString>> &items) const {
    QUrl url = RestClient::apiUrl(m_config.dataApi, path);
    QUrlQuery query;
    query.addQueryItem(u"user"_s, m_snapshot.wallet.address());
    for (const auto &[key, value] : items)
        query.addQueryItem(key, value);
    url.setQuery(query);
    return url;
}

QString TraderFetcher::phaseName(Phase phase) {
    switch (phase) {
    case Phase::Activity:
        return u"activity"_s;
    case Phase::Positions:
        return u"positions"_s;
    case Phase::Closed:
        return u"closed-positions"_s;
    case Phase::Value:
        return u"value"_s;
    case Phase::Markets:
    case Phase::MarketsClosed:
        return u"markets"_s;
    }
    return {};
}

void TraderFetcher::request(const QUrl &url) {
    if (const QString phase = phaseName(m_phase); phase != m_reportedPhase) {
        m_reportedPhase = phase;
        emit progress(phase);
    }
    const quint64 generation = m_generation;
    m_rest->get(url, this, [this, generation](const RestResult &result) {
        if (generation != m_generation || !m_busy)
            return;
        m_snapshot.requests += result.attempts;
        onReply(result.error, result.body);
    });
}

void TraderFetcher::onReply(const std::optional<FetchError> &error, const QByteArray &body) {
    if (error) {
        fail(phaseName(m_phase), *error);
        return;
    }
    switch (m_phase) {
    case Phase::Activity:
        onActivity(body);
        return;
    case Phase::Positions:
        onPositions(body);
        return;
    case Phase::Closed:
        onClosed(body);
        return;
    case Phase::Value:
        onValue(body);
        return;
    case Phase::Markets:
    case Phase::MarketsClosed:
        onMarkets(body);
        return;
    }
}

// A failed phase leaves the snapshot incomplete with the reason and moves on: the other
// phases still say something true about the wallet.
void TraderFetcher::fail(const QString &phase, const FetchError &error) {
    m_snapshot.errors.append(PhaseError{phase, error});
    m_snapshot.markIncomplete(phase + u": "_s + describe(error));
    qCInfo(lcNet).noquote() << "trader sync" << m_snapshot.wallet.address() << phase
                            << "failed:" << describe(error);
    switch (m_phase) {
    case Phase::Activity:
        nextPositions();
        return;
    case Phase::Positions:
        nextClosed();
        return;
    case Phase::Closed:
        nextValue();
        return;
    case Phase::Value:
        startMarkets();
        return;
    case Phase::Markets:
    case Phase::MarketsClosed:
        finish();
        return;
    }
}

// --- activity ----------------------------------------------------------------------------

void TraderFetcher::nextActivity() {
    m_phase = Phase::Activity;
    QList<std::pair<QString, QString>> items = {
        {u"limit"_s, QString::number(m_config.activityPageSize)},
        {u"offset"_s, QString::number(m_offset)},
        {u"sortBy"_s, u"TIMESTAMP"_s},
        // Ascending: split and merge rows are only listed that way.
        {u"sortDirection"_s, u"ASC"_s},
    };
    if (m_windowStartSec > 0)
        items.append({u"start"_s, QString::number(m_windowStartSec)});
    request(dataUrl(u"/activity"_s, items));
}

void TraderFetcher::onActivity(const QByteArray &body) {
    const ActivityPage page = parseActivity(body);
    if (page.error) {
        fail(u"activity"_s,
             FetchError::invalidResponse(u"activity page: "_s + rejectReasonName(*page.error)));
        return;
    }
    if (!page.rejects.isEmpty())
        m_snapshot.markIncomplete(u"activity: %1 rows could not be read"_s.arg(page.rejects.size()));
    for (const QString &type : page.unknownTypes) {
        if (!m_snapshot.unknownActivityTypes.contains(type))
            m_snapshot.unknownActivityTypes.append(type);
        m_snapshot.markIncomplete(u"activity: unknown type %1"_s.arg(type));
    }
    if (m_snapshot.name.isEmpty())
        m_snapshot.name = page.traderName;
    if (m_snapshot.pseudonym.isEmpty())
        m_snapshot.pseudonym = page.traderPseudonym;
    m_snapshot.events += page.events;
    m_activityMarkets += page.markets;

    if (m_snapshot.events.size() >= m_config.maxActivityRows) {
        m_snapshot.markIncomplete(u"activity: stopped at the %1-row ceiling"_s.arg(m_config.maxActivityRows));
        nextPositions();
        return;
    }
    if (page.rows < m_config.activityPageSize) {
        nextPositions();
        return;
    }
    if (m_offset + m_config.activityPageSize <= m_config.activityMaxOffset) {
        m_offset += m_config.activityPageSize;
        nextActivity();
        return;
    }
    // The window's offsets are used up: start a new window at the newest second seen. Rows
    // of that second are dropped and fetched again whole, so a page boundary that cut
    // through one second neither loses nor doubles a row.
    const qint64 newestSec = page.newestMs / 1000;
    if (newestSec <= m_windowStartSec) {
        m_snapshot.markIncomplete(u"activity: more than %1 rows at one second; paging ceiling reached"_s.arg(
            m_config.activityMaxOffset));
        nextPositions();
        return;
    }
    while (!m_snapshot.events.isEmpty() && m_snapshot.events.constLast().timestampMs >= newestSec * 1000)
        m_snapshot.events.removeLast();
    m_windowStartSec = newestSec;
    m_offset = 0;
    nextActivity();
}

// --- positions -----------------------------------------------------------------------------

void TraderFetcher::nextPositions() {
    if (m_phase == Phase::Activity)
        m_offset = 0;
    m_phase = Phase::Positions;
    request(dataUrl(u"/positions"_s, {{u"limit"_s, QString::number(m_config.positionsPageSize)},
                                      {u"offset"_s, QString::number(m_offset)}}));
}

void TraderFetcher::onPositions(const QByteArray &body) {
    const PositionsPage page = parsePositions(body);
    if (page.error) {
        fail(u"positions"_s,
             FetchError::invalidResponse(u"positions page: "_s + rejectReasonName(*page.error)));
        return;
    }
    if (!page.rejects.isEmpty())
        m_snapshot.markIncomplete(u"positions: %1 rows could not be read"_s.arg(page.rejects.size()));
    m_snapshot.positions += page.rows;
    if (page.rowCount < m_config.positionsPageSize) {
        nextClosed();
        return;
    }
    if (m_offset + m_config.positionsPageSize > m_config.positionsMaxOffset) {
        m_snapshot.markIncomplete(u"positions: more than %1 open positions; paging ceiling reached"_s.arg(
            m_snapshot.positions.size()));
        nextClosed();
        return;
    }
    m_offset += m_config.positionsPageSize;
    request(dataUrl(u"/positions"_s, {{u"limit"_s, QString::number(m_config.positionsPageSize)},
                                      {u"offset"_s, QString::number(m_offset)}}));
}

void TraderFetcher::nextClosed() {
    if (m_phase != Phase::Closed)
        m_offset = 0;
    m_phase = Phase::Closed;
    request(dataUrl(u"/closed-positions"_s, {{u"limit"_s, QString::number(m_config.closedPageSize)},
                                             {u"offset"_s, QString::number(m_offset)},
                                             {u"sortBy"_s, u"TIMESTAMP"_s},
                                             {u"sortDirection"_s, u"DESC"_s}}));
}

void TraderFetcher::onClosed(const QByteArray &body) {
    const PositionsPage page = parsePositions(body);
    if (page.error) {
        fail(u"closed-positions"_s,
             FetchError::invalidResponse(u"closed positions page: "_s + rejectReasonName(*page.error)));
        return;
    }
    if (!page.rejects.isEmpty())
        m_snapshot.markIncomplete(u"closed-positions: %1 rows could not be read"_s.arg(page.rejects.size()));
    m_snapshot.closedPositions += page.rows;
    if (page.rowCount < m_config.closedPageSize) {
        nextValue();
        return;
    }
    if (m_snapshot.closedPositions.size() >= m_config.maxClosedRows) {
        m_snapshot.markIncomplete(
            u"closed-positions: stopped at the %1-row ceiling"_s.arg(m_config.maxClosedRows));
        nextValue();
        return;
    }
    m_offset += m_config.closedPageSize;
    nextClosed();
}

void TraderFetcher::nextValue() {
    m_phase = Phase::Value;
    request(dataUrl(u"/value"_s, {}));
}

void TraderFetcher::onValue(const QByteArray &body) {
    const ValueResult value = parseValue(body);
    if (value.error) {
        fail(u"value"_s, FetchError::invalidResponse(u"value: "_s + rejectReasonName(*value.error)));
        return;
    }
    m_snapshot.value = value.value;
    startMarkets();
}

// --- markets -------------------------------------------------------------------------------

void TraderFetcher::startMarkets() {
    QSet<QString> seen;
    const auto add = [&](const QString &id) {
        if (!id.isEmpty() && !seen.contains(id)) {
            seen.insert(id);
            m_pendingIds.append(id);
        }
    };
    for (const ActivityEvent &e : std::as_const(m_snapshot.events))
        add(e.conditionId);
    for (const PositionRow &p : std::as_const(m_snapshot.positions))
        add(p.position.marketId);
    for (const PositionRow &p : std::as_const(m_snapshot.closedPositions))
        add(p.position.marketId);
    m_phase = Phase::Markets;
    nextMarkets();
}

void TraderFetcher::nextMarkets() {
    if (m_pendingIds.isEmpty() && m_phase == Phase::Markets && !m_missingOpen.isEmpty()) {
        // Resolved markets are only listed with closed=true.
        m_phase = Phase::MarketsClosed;
        m_pendingIds = std::exchange(m_missingOpen, {});
    }
    if (m_pendingIds.isEmpty()) {
        finish();
        return;
    }
    m_batch = m_pendingIds.mid(0, m_config.gammaBatch);
    m_pendingIds.remove(0, m_batch.size());
    request(gammaMarketsUrl(m_config.gammaApi, m_batch, m_phase == Phase::MarketsClosed));
}

void TraderFetcher::onMarkets(const QByteArray &body) {
    const MarketsPage page = parseGammaMarkets(body);
    if (page.error) {
        fail(u"markets"_s, FetchError::invalidResponse(u"gamma markets: "_s + rejectReasonName(*page.error)));
        return;
    }
    QSet<QString> returned;
    for (const Market &m : page.markets) {
        if (!m_batch.contains(m.marketId))
            continue; // not asked for: gamma ignores unknown filters at times
        returned.insert(m.marketId);
        m_snapshot.markets.append(m);
    }
    for (const QString &id : std::as_const(m_batch)) {
        if (!returned.contains(id) && m_phase == Phase::Markets)
            m_missingOpen.append(id);
    }
    nextMarkets();
}

void TraderFetcher::finish() {
    // Markets gamma did not know keep what the activity rows said about them.
    QSet<QString> known;
    for (const Market &m : std::as_const(m_snapshot.markets))
        known.insert(m.marketId);
    for (const Market &m : std::as_const(m_activityMarkets)) {
        if (known.contains(m.marketId))
            continue;
        known.insert(m.marketId);
        m_snapshot.markets.append(m);
        ++m_snapshot.marketsWithoutMetadata;
    }
    m_snapshot.fetchedMs = QDateTime::currentMSecsSinceEpoch();
    m_busy = false;
    const TraderSnapshot snapshot = std::exchange(m_snapshot, TraderSnapshot{});
    emit finished(snapshot);
}

} // namespace longshot::net
