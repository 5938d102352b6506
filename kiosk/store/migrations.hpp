#pragma once
// Versioned schema migrations for the kiosk store, tracked in PRAGMA user_version. Each step
// runs in its own transaction; a store written by a newer program is refused, not guessed at.

#include "kiosk/store/sqlite_db.hpp"

namespace einlass::store {

int latest_schema_version();
// Brings the store up to the latest version. Throws StoreError for a store newer than this
// program knows.
void migrate(Database& db);

}  // namespace einlass::store
