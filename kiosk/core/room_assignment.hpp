#pragma once
// Placing participants' chosen topics (Handlungsfelder) into the rounds so that no room exceeds
// its capacity.
//
// - In bulk when tickets are issued: the round order goes into each ticket, so a kiosk shows
//   the rooms even offline.
// - One by one at the kiosk, for walk-ins and people who chose fewer topics than there are
//   rounds: their chosen topics first, then the least-full room that still has a seat.
//
// Both are deterministic: the same input gives the same placement on every machine.

#include <string>
#include <vector>

#include "kiosk/core/event_model.hpp"
#include "kiosk/core/room_load.hpp"

namespace einlass::core {

struct AssignmentRequest {
  std::string participant_id;
  std::vector<std::string> chosen_topics;  // topic ids in order of preference
};

struct BulkAssignment {
  // Parallel to the requests: topic id per round (index = round - 1; "" = none).
  std::vector<std::vector<std::string>> round_topics;
  // Indices of requests whose chosen topics could not all be placed (staff decide).
  std::vector<size_t> not_fully_placed;
  RoomLoad load;  // seats taken afterwards
};

BulkAssignment assign_rooms_bulk(const Event& event, const Venue& venue,
                                 const std::vector<AssignmentRequest>& requests,
                                 RoomLoad initial_load = {});

struct KioskAssignment {
  std::vector<std::string> room_ids;   // per round; "" = nothing fits, staff decide
  std::vector<std::string> topic_ids;  // per round; the topic behind each room
  std::vector<bool> assigned_here;     // per round: chosen now, not taken from the ticket
  bool needs_staff = false;            // some round has no room
};

// `fixed_round_topics`: topic per round already decided (from the ticket or roster; "" = open).
// `unplaced_topics`: chosen topics still to place. Open rounds without a choice get the
// least-full room with a free seat whose topic the participant does not already have.
KioskAssignment assign_at_kiosk(const Event& event, const Venue& venue,
                                const std::vector<std::string>& fixed_round_topics,
                                const std::vector<std::string>& unplaced_topics,
                                const RoomLoad& load);

}  // namespace einlass::core
