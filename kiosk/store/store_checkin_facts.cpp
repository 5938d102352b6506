#include "kiosk/store/store_checkin_facts.hpp"

namespace einlass::store {

core::RoomLoad StoreCheckinFacts::room_load() const {
  core::RoomLoad load;
  // Registered people hold their seats whether or not they have arrived yet: the rooms were
  // planned for them when the tickets were issued.
  for (const auto& [round_topic, seats] : store_.registered_topic_seats()) {
    const auto& [round, topic] = round_topic;
    if (const core::Room* room = core::room_for(venue_, round, topic))
      load.add(round, room->id, seats);
  }
  for (const auto& [round_room, seats] : store_.kiosk_assigned_seats())
    load.add(round_room.first, round_room.second, seats);
  return load;
}

}  // namespace einlass::store
