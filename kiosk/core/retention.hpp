#pragma once
// When personal data has to go (principle 5): `retention_days` after the event's last day at
// any venue, counted in the event's time zone. Both ends use this one rule — the server's
// `purge` and the kiosk's self-wipe — so they never disagree about the date.

#include <cstdint>
#include <string>

#include "kiosk/core/event_model.hpp"

namespace einlass::core {

struct RetentionPeriod {
  std::string last_day;    // ISO date of the event's last day (any venue)
  std::string kept_until;  // ISO date: personal data is kept through the end of this day
  int64_t ends_ms = 0;     // first instant (Unix ms) at which it may and should be deleted
};

RetentionPeriod retention_period(const Event& event);

// "the retention period (90 days after 2019-09-26) ends at the end of 2019-12-25" — for
// refusals that tell the organiser when to come back.
std::string describe_retention(const Event& event);

}  // namespace einlass::core
