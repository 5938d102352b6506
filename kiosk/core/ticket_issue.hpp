#pragma once
// Building the payload of a participant's ticket from their registration: where and when it is
// valid and which topic they attend in which round. Used by the server when it issues tickets,
// and by the demo and the tests.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/event_model.hpp"
#include "kiosk/core/ticket_payload.hpp"

namespace einlass::core {

struct TicketRequest {
  uint32_t registration_id = 0;
  uint8_t serial = 0;  // 0 for the first ticket, +1 for each re-issue
  size_t venue_index = 0;
  std::optional<size_t> day_index;        // nullopt = every day of the venue
  std::vector<std::string> round_topics;  // topic id per round ("" = none)
  int64_t issued_at_unix = 0;             // the ticket is valid from here
};

// Valid from issue until the end of the venue's last day (venue-local midnight), so a lost
// ticket cannot be reused at next year's event with the same key.
TicketPayload ticket_payload_for(const Event& event, const TicketRequest& request);

}  // namespace einlass::core
