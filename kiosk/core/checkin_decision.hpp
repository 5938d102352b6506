#pragma once
// What the check-in rules decided, with everything the screen (or the JSON line of the headless
// command) needs to tell the person what happened and what to do next.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/checkin_event.hpp"
#include "kiosk/core/event_model.hpp"
#include "kiosk/core/ticket_codec.hpp"

namespace einlass::core {

enum class DecisionKind {
  Admitted,
  AlreadyCheckedIn,  // calm: shown with the rooms again, counted once
  WrongVenue,        // the right venue and date are named
  WrongDay,          // the right date is named
  BeforeOpening,     // check-in opens at …
  AfterClosing,      // check-in closed at …
  Cancelled,         // registration cancelled, or the ticket was replaced by a newer one
  UnknownCode,       // not a ticket of ours and not in the roster
  InvalidCode,       // looks like our ticket but fails verification (see ticket_verdict)
  RoomFull,          // room door: no seat left in this room
  NotForThisRoom,    // room door: the person's room for this round is another one
  NoRoundRunning,    // room door: no round is running or about to start
};

// Stable names for JSON and logs: "admitted", "already_checked_in", …
std::string_view decision_name(DecisionKind kind);

// One round as shown to the participant: "Gesprächsrunde 1, 15:45–16:45: HF 3 Beratung, Raum 3".
struct RoundRoom {
  int round = 0;
  std::string round_name;
  LocalTime start, end;
  std::string topic_id, topic_name;
  int topic_number = 0;
  std::string room_id, room_name, room_location;
  bool assigned_here = false;  // chosen by the kiosk just now
};

struct Decision {
  DecisionKind kind = DecisionKind::UnknownCode;
  TicketVerdict ticket_verdict = TicketVerdict::NotATicket;  // for InvalidCode
  bool cancelled_by_replacement = false;                     // Cancelled: a newer ticket exists
  std::string participant_id;
  std::string first_name;  // "" when the roster does not know the ticket yet
  std::vector<RoundRoom> rooms;
  bool needs_staff = false;  // admitted, but some round has no room: staff decide

  // AlreadyCheckedIn: the first check-in.
  int64_t earlier_wall_ms = 0;
  std::string earlier_device;

  // WrongVenue / WrongDay: where and when the ticket is valid.
  std::string right_venue_id, right_venue_name, right_venue_city, right_date;

  // BeforeOpening / AfterClosing (venue-local times).
  LocalTime opens, closes;

  // Room door: occupancy of this room in the running round.
  int round = 0;
  int occupancy = 0, capacity = 0;

  // The event to record, present exactly when the decision admits someone.
  std::optional<CheckinEvent> event_to_record;

  bool admitted() const { return kind == DecisionKind::Admitted; }
};

}  // namespace einlass::core
