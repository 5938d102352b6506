#pragma once

#include <string_view>

#include "kiosk/store/sqlite_db.hpp"

namespace einlass::store {

// How the kiosk store and the server's database are kept, for both the same way: readable by
// the program's user only (they hold names), WAL (readers never wait for the writer),
// synchronous=FULL (what was acknowledged survives a power cut: the kiosk deletes an event
// from its outbox on the server's word) and foreign keys enforced.
//
// Run right after opening, before migrating. A file that is not SQLite fails here first; the
// StoreError then names the file and ends with `advice` (what the reader should do about it).
void configure_durable_file(Database& db, std::string_view advice);

}  // namespace einlass::store
