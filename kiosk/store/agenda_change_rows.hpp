#pragma once

#include <string_view>

#include "kiosk/core/agenda_changes.hpp"
#include "kiosk/store/sqlite_db.hpp"

namespace einlass::store {

// How an agenda change is laid out in the agenda_changes table, which the server's log and the
// kiosk's copy of it share: the one place that knows the columns, so both ends read what the
// other wrote. Times are minutes since midnight; NULL means "not changed".
inline constexpr std::string_view kAgendaChangeColumns =
    "id, kind, venue, day, from_min, minutes, item, start_min, end_min, title, created_ms";
inline constexpr int kAgendaChangeColumnCount = 11;

// Binds the change to parameters 1..kAgendaChangeColumnCount of an INSERT listing
// kAgendaChangeColumns. An id of 0 is bound as NULL, so SQLite assigns the next one (the
// server's log); the kiosk stores the server's ids as they are.
void bind_agenda_change_columns(Statement& st, const core::AgendaChange& change);

// Reads a change from a row whose first columns are kAgendaChangeColumns.
core::AgendaChange read_agenda_change_columns(const Statement& st);

}  // namespace einlass::store
