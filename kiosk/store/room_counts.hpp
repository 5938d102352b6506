#pragma once
// How full each room is, for the staff screen: per round and room, the people checked in at
// the entrance whose rooms name it, and the people admitted at its door. Derived from the event
// log (undone events do not count; a participant counts once, with their first entry).

#include <map>
#include <string>
#include <utility>

#include "kiosk/store/kiosk_store.hpp"

namespace einlass::store {

struct RoomCount {
  int checked_in = 0;  // checked in at the entrance, with this room for the round
  int at_door = 0;     // admitted at the room's door in the round
};

// Keyed by (round, room id).
std::map<std::pair<int, std::string>, RoomCount> room_counts(KioskStore& store);

}  // namespace einlass::store
