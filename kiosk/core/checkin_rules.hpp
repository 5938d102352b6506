#pragma once
// The check-in rules: pure decisions. Given a scanned code (or a participant picked by staff),
// the kiosk's setting and the facts the store knows, decide what happens and what to show.
// No I/O here: the facts come through CheckinFacts, the store writes the returned event.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/core/agenda_clock.hpp"
#include "kiosk/core/checkin_decision.hpp"
#include "kiosk/core/event_model.hpp"
#include "kiosk/core/room_load.hpp"
#include "kiosk/core/roster_entry.hpp"
#include "kiosk/core/ticket_keys.hpp"

namespace einlass::core {

// What the rules may ask about the world. The store implements it; tests use a map.
class CheckinFacts {
 public:
  virtual ~CheckinFacts() = default;
  virtual std::optional<RosterEntry> roster_by_registration(uint32_t registration_id) const = 0;
  virtual std::optional<RosterEntry> roster_by_code(std::string_view code) const = 0;
  virtual std::optional<RosterEntry> roster_by_participant(std::string_view id) const = 0;
  // Earliest entry (by HLC) not undone, from any device.
  virtual std::optional<CheckinEvent> active_entry(std::string_view participant) const = 0;
  virtual std::optional<CheckinEvent> active_room_entry(std::string_view participant, int round,
                                                        std::string_view room) const = 0;
  // Seats taken per (round, room): registered assignments plus kiosk assignments. Asked only
  // when the kiosk has to choose a room, because it is the expensive question.
  virtual RoomLoad room_load() const = 0;
  virtual int room_occupancy(int round, std::string_view room) const = 0;
};

// Where this kiosk stands and what it trusts.
struct KioskSetting {
  const Event* event = nullptr;
  size_t venue_index = 0;
  size_t day_index = 0;
  const Keyring* keyring = nullptr;
  uint32_t event_tag = 0;       // event_tag_for(event->id)
  std::string door_room_id;     // "" = entrance; otherwise room-door mode for this room
  int door_early_minutes = 15;  // room door admits this long before its round starts
};

using TimePoint = std::chrono::system_clock::time_point;

// A code from the camera, a scanner or typed in.
Decision decide_for_code(std::string_view code, const KioskSetting& setting,
                         const AgendaClock& clock, const CheckinFacts& facts, TimePoint now);
// Staff picked a participant by name and checks them in by hand.
Decision decide_for_participant(std::string_view participant_id, const KioskSetting& setting,
                                const AgendaClock& clock, const CheckinFacts& facts, TimePoint now);

}  // namespace einlass::core
