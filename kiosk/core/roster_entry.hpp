#pragma once
// One registered participant as the kiosk knows them: synced from the server for this venue
// only (principle 5), or created at this kiosk as a walk-in.

#include <cstdint>
#include <string>
#include <vector>

namespace einlass::core {

struct RosterEntry {
  std::string participant_id;    // "R<registration id>" or a walk-in id "W…"
  uint32_t registration_id = 0;  // 0 for walk-ins
  uint8_t ticket_serial = 0;     // the current ticket; codes with a lower serial were replaced
  std::string opaque_code;       // code printed by another registration system, or ""
  std::string first_name;
  std::string last_name;
  std::string organisation;
  std::string venue;  // venue id
  std::string day;    // ISO date, or "" for every day of the venue
  // Topic id per round (index = round - 1; "" = none chosen/assigned for that round).
  std::vector<std::string> round_topics;
  // Topics chosen but not yet placed in a round (walk-ins, registrations without a ticket).
  std::vector<std::string> unplaced_topics;
  bool cancelled = false;
  bool walk_in = false;
};

inline std::string participant_id_for_registration(uint32_t registration_id) {
  return "R" + std::to_string(registration_id);
}

}  // namespace einlass::core
