#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/checkin_event.hpp"
#include "kiosk/store/sqlite_db.hpp"

namespace einlass::store {

// How a check-in event and its lists are laid out in SQLite columns. The kiosk store and the
// server's event log keep events in tables of the same shape; this is the one place that knows
// the order of the columns and how lists are written, so both ends read what the other wrote.

// A list of names (rooms per round, topics) as one comma-separated text; an empty entry is kept
// ("R1,,R3"), so a round without a room keeps its place.
std::string join_list(const std::vector<std::string>& parts);
std::vector<std::string> split_list(const std::string& text);

// Per-round yes/no flags as a text of '0'/'1'.
std::string flags_text(const std::vector<bool>& flags);
std::vector<bool> parse_flags(const std::string& text);

// The event's own columns, in the order bind_event_columns() and read_event_columns() use.
inline constexpr std::string_view kEventColumns =
    "uuid, kind, participant, venue, day, round, room, rooms, rooms_here, device, wall_ms, "
    "hlc_ms, hlc_counter, ref, detail";
inline constexpr int kEventColumnCount = 15;

// Binds the event to parameters 1..kEventColumnCount of an INSERT listing kEventColumns first.
void bind_event_columns(Statement& st, const core::CheckinEvent& e);

// Reads an event from a row whose first columns are kEventColumns.
core::CheckinEvent read_event_columns(const Statement& st);

// SQL condition on `events e`: not undone, i.e. no undo event refers to it. The redundant
// `u.ref <> ''` repeats the WHERE of the partial index events_by_ref; without it SQLite may not
// use that index and scans the whole event log once per candidate row (seconds per check-in on
// a full store).
inline constexpr std::string_view kNotUndone =
    "NOT EXISTS (SELECT 1 FROM events u WHERE u.ref = e.uuid AND u.ref <> '' AND "
    "u.kind = 'undo')";

}  // namespace einlass::store
