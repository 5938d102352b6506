#include "kiosk/core/ticket_issue.hpp"

#include <date/tz.h>

#include "kiosk/core/ticket_codec.hpp"

namespace einlass::core {

TicketPayload ticket_payload_for(const Event& event, const TicketRequest& request) {
  const Venue& venue = event.venues.at(request.venue_index);
  TicketPayload p;
  p.event_tag = event_tag_for(event.id);
  p.venue_index = static_cast<uint8_t>(request.venue_index);
  p.day_index = request.day_index ? static_cast<uint8_t>(*request.day_index) : kEveryDay;
  p.registration_id = request.registration_id;
  p.serial = request.serial;
  for (size_t r = 0; r < event.rounds.size(); ++r) {
    const Topic* topic =
        r < request.round_topics.size() ? find_topic(event, request.round_topics[r]) : nullptr;
    p.round_topics.push_back(topic ? static_cast<uint8_t>(topic->number) : 0);
  }
  const Day& last_day = request.day_index ? venue.days.at(*request.day_index) : venue.days.back();
  const auto end_of_day = date::local_days{last_day.ymd} + date::days{1};
  const auto until = date::make_zoned(event.timezone, end_of_day, date::choose::earliest);
  p.not_before = request.issued_at_unix;
  p.not_after = until.get_sys_time().time_since_epoch().count();
  return p;
}

}  // namespace einlass::core
