#pragma once
// Versioned schema migrations for the kiosk store, tracked in PRAGMA user_version. Each step
// runs in its own transaction; a store written by a newer program is refused, not guessed at.

#include <span>
#include <string_view>

#include "kiosk/store/sqlite_db.hpp"

namespace einlass::store {

int latest_schema_version();
// Brings the store up to the latest version. Throws StoreError for a store newer than this
// program knows.
void migrate(Database& db);

// The runner behind migrate(), shared with the server's store: applies the steps the file does
// not have yet (step i produces user_version i + 1), each in its own transaction. A file with a
// higher version is refused with a StoreError naming `program`.
void apply_schema_steps(Database& db, std::span<const std::string_view> steps,
                        std::string_view program);

}  // namespace einlass::store
