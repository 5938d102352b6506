#pragma once
// The central server's SQLite schema and its migrations (PRAGMA user_version), like the kiosk
// store's: never edit a released step, add one.

#include "kiosk/store/sqlite_db.hpp"

namespace einlass::sync::server {

int latest_server_schema_version();
// Throws store::StoreError when the file is from a newer server.
void migrate_server(store::Database& db);

}  // namespace einlass::sync::server
