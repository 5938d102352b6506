#pragma once
// The immutable fact the whole system is built on: something happened at a door. State (who is
// in, room occupancy) is derived from these; two devices' histories merge by set union on
// `uuid`, so sync never conflicts and re-sending is harmless.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/hybrid_logical_clock.hpp"

namespace einlass::core {

enum class EventKind {
  Entry,      // admitted at the venue entrance
  RoomEntry,  // admitted at a room door for a round
  Undo,       // staff took back an earlier event (`ref` names it); nothing is ever deleted
  WalkIn,     // a participant created at the kiosk (personal data in `detail`)
};

std::string_view event_kind_name(EventKind kind);
std::optional<EventKind> parse_event_kind(std::string_view name);

struct CheckinEvent {
  std::string uuid;
  EventKind kind = EventKind::Entry;
  std::string participant;  // participant id: "R<registration id>" or a walk-in's "W…" id
  std::string venue;        // venue id from the event config
  std::string day;          // ISO date of the conference day
  int round = 0;            // RoomEntry: the round; otherwise 0
  std::string room;         // RoomEntry: the room id
  // Entry: the room id per round (index = round - 1; "" = none), as shown to the participant.
  std::vector<std::string> rooms;
  // Entry: which of `rooms` the kiosk chose itself (not from the ticket), so they count
  // against room capacity on top of the registered assignments.
  std::vector<bool> rooms_assigned_here;
  std::string device;  // device id of the kiosk that recorded it
  int64_t wall_ms = 0;
  HlcStamp hlc;
  std::string ref;     // Undo: uuid of the undone event
  std::string detail;  // kind-specific JSON object (walk-in data); "" when none
};

}  // namespace einlass::core
