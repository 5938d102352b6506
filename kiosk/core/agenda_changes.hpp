#pragma once
// Live agenda changes: when the day runs late the organiser shifts the rest of it, or moves or
// renames one item, on the server; kiosks receive the changes and show the shifted agenda.
// Pure: the configured Day plus the list of changes gives the Day as it now runs, so the
// agenda clock and the screens need not know that anything changed.
//
// Changes are kept as a log, not as a new agenda: each one says what the organiser did, kiosks
// that were offline apply the whole log in order, and a mistake is corrected by another change
// (a negative delay, or a reset that returns to the configured agenda).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/event_model.hpp"

namespace einlass::core {

enum class AgendaChangeKind {
  Delay,       // items starting at or after `from` move by `minutes`; an item running at `from`
               // ends `minutes` later; check-in closes later too if it closes after `from`
  ChangeItem,  // the item at position `item` of the configured agenda gets new times / title
  Reset,       // back to the configured agenda: every earlier change of this day is undone
};

std::string_view agenda_change_kind_name(AgendaChangeKind kind);
std::optional<AgendaChangeKind> parse_agenda_change_kind(std::string_view name);

struct AgendaChange {
  int64_t id = 0;  // the server's order; changes apply in ascending id
  AgendaChangeKind kind = AgendaChangeKind::Delay;
  std::string venue;  // venue id
  std::string day;    // ISO date
  // Delay
  LocalTime from;
  int minutes = 0;  // may be negative to take back part of an earlier delay
  // ChangeItem: position in the configured Day::agenda (0-based), so the item keeps its
  // identity however often it moves.
  int item = -1;
  std::optional<LocalTime> start, end;
  std::optional<std::string> title;
  int64_t created_ms = 0;  // server time, for the organiser's log
};

// The day as it runs after the changes for `venue_id` and this day (others are ignored),
// applied in id order. Items stay sorted by start time. The result may be invalid (items
// overlapping, beyond midnight) if the changes are; the server refuses such changes with
// check_changed_day(), so a kiosk only sees them if its configured day differs.
Day apply_agenda_changes(const Day& day, std::string_view venue_id,
                         const std::vector<AgendaChange>& changes);

// Empty when the day is a usable agenda (every item start < end within the day, sorted, no
// overlaps, check-in closing after it opens); otherwise what is wrong, in plain words.
std::optional<std::string> check_changed_day(const Day& day);

// "Delay 15 min from 16:00", for logs and staff screens.
std::string describe_agenda_change(const AgendaChange& change, const Day& configured);

}  // namespace einlass::core
