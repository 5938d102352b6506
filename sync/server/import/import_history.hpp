#pragma once
// `einlass-server import --history`: the last import runs (file, time, counts) and what each
// changed, registration by registration, field: old → new.

#include <string>

#include "kiosk/store/sqlite_db.hpp"

namespace einlass::sync::server::import {

// The `runs` most recent runs, newest first, at most `changes_per_run` change lines each.
std::string format_import_history(const store::Database& db, int runs, int changes_per_run);

}  // namespace einlass::sync::server::import
