#include "kiosk/store/room_counts.hpp"

#include <set>
#include <sstream>

namespace einlass::store {

std::map<std::pair<int, std::string>, RoomCount> room_counts(KioskStore& store) {
  std::map<std::pair<int, std::string>, RoomCount> counts;
  // Oldest first, so a participant's first entry wins when two kiosks admitted them offline.
  Statement entries = store.db().prepare(
      "SELECT participant, rooms FROM events e WHERE kind = 'entry' AND NOT EXISTS "
      "(SELECT 1 FROM events u WHERE u.ref = e.uuid AND u.kind = 'undo') "
      "ORDER BY hlc_ms, hlc_counter, uuid");
  std::set<std::string> seen;
  while (entries.step()) {
    if (!seen.insert(entries.text(0)).second) continue;
    std::stringstream rooms(entries.text(1));
    std::string room;
    for (int round = 1; std::getline(rooms, room, ','); ++round)
      if (!room.empty()) ++counts[{round, room}].checked_in;
  }
  Statement doors = store.db().prepare(
      "SELECT round, room, COUNT(DISTINCT participant) FROM events e WHERE kind = 'room_entry' "
      "AND NOT EXISTS (SELECT 1 FROM events u WHERE u.ref = e.uuid AND u.kind = 'undo') "
      "GROUP BY round, room");
  while (doors.step())
    counts[{static_cast<int>(doors.integer(0)), doors.text(1)}].at_door =
        static_cast<int>(doors.integer(2));
  return counts;
}

}  // namespace einlass::store
