#pragma once

#include "models/domain/wallet.h"
#include "storage/storageerror.h"

#include <QList>
#include <QMetaType>

#include <optional>

namespace longshot::storage {

class Connection;

// Where a stored trader's last sync left off, so the scheduler resumes its re-sync pace
// after a restart instead of fetching every stored wallet again at once.
struct TraderSyncState {
    Wallet wallet;
    qint64 syncedMs = 0;
    qint64 lastTradeMs = 0;   // newest stored fill, 0 when none
    qint64 newestEventMs = 0; // newest stored exchange row (synthetic resolutions left out)
    bool complete = false;
};

std::optional<StorageError> loadTraderSyncStates(Connection &connection, QList<TraderSyncState> *out);

} // namespace longshot::storage

Q_DECLARE_METATYPE(longshot::storage::TraderSyncState)
