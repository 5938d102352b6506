#pragma once
// Check-in events on the wire. The same checks run on the server (refusing an event) and in
// the kiosk (before it sends one, and on events it pulls), so both ends agree on what a valid
// event is. Checks that need the event config or the device's identity live on the server.

#include <nlohmann/json.hpp>

#include "kiosk/core/checkin_event.hpp"

namespace einlass::sync::protocol {

nlohmann::json event_to_json(const core::CheckinEvent& event);

// Reads and checks one event; throws ProtocolError naming the field (under `path`).
core::CheckinEvent event_from_json(const nlohmann::json& value, const std::string& path,
                                   bool strict);

// The same checks on an event already in memory (e.g. read from the kiosk store).
void check_event(const core::CheckinEvent& event, const std::string& path);

}  // namespace einlass::sync::protocol
