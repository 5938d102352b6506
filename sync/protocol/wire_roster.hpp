#pragma once
// Roster rows and agenda changes on the wire (server -> kiosk). A roster row carries what the
// kiosk needs to greet, find and place someone — never the e-mail address.

#include <nlohmann/json.hpp>

#include "kiosk/core/agenda_changes.hpp"
#include "kiosk/core/roster_entry.hpp"

namespace einlass::sync::protocol {

nlohmann::json roster_entry_to_json(const core::RosterEntry& entry);
core::RosterEntry roster_entry_from_json(const nlohmann::json& value, const std::string& path);

nlohmann::json agenda_change_to_json(const core::AgendaChange& change);
core::AgendaChange agenda_change_from_json(const nlohmann::json& value, const std::string& path);

// "15:35" <-> LocalTime; throws ProtocolError naming `path` for anything else.
core::LocalTime parse_hhmm(const std::string& text, const std::string& path);

}  // namespace einlass::sync::protocol
