#pragma once
// Internal to the event config loader: turning the parsed TOML document into model structs.
// Checks that need only one entry, or entries defined further up in the file (a room's topics,
// an agenda item's round), happen here; checks across the whole event happen afterwards in
// event_config_check.cpp, with the lines recorded here.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <toml.hpp>

#include "kiosk/core/event_config_toml.hpp"
#include "kiosk/core/event_model.hpp"

namespace einlass::core::config_detail {

// One [[agenda]] entry before it is resolved for a date.
struct AgendaEntry {
  AgendaItem item;
  std::vector<std::string> only_on;  // ISO dates; empty = every day
  std::vector<std::pair<std::string, std::string>> speaker_on, title_on;  // ISO date -> text
  int line = 0;                                                           // the [[agenda]] header
  int start_line = 0;  // its start time, where order and overlap problems are reported
};

struct DaySource {
  int line = 0;
  int checkin_line = 0;  // where the day's check-in times come from (day or [event])
  std::optional<LocalTime> checkin_closes;  // unset = when the last agenda item ends
};

// Everything read from the file, with the lines later checks point to.
struct ConfigDraft {
  Event event;  // days still without agenda
  std::vector<AgendaEntry> agenda;
  std::vector<int> venue_lines;
  std::vector<std::vector<int>> room_lines;         // [venue][room]
  std::vector<std::vector<DaySource>> day_sources;  // [venue][day]
};

ConfigDraft read_config(const toml::value& root, const Reporter& reporter);

}  // namespace einlass::core::config_detail
