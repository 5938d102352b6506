#include "kiosk/core/retention.hpp"

#include <date/tz.h>

#include "kiosk/core/event_config_toml.hpp"

namespace einlass::core {

RetentionPeriod retention_period(const Event& event) {
  date::year_month_day last{};
  bool any = false;
  for (const Venue& venue : event.venues)
    for (const Day& day : venue.days)
      if (!any || day.ymd > last) {
        last = day.ymd;
        any = true;
      }
  const date::local_days kept_until = date::local_days{last} + date::days{event.retention_days};
  // The period ends at local midnight after the last kept day (a zone whose clocks skip
  // midnight takes the earlier instant).
  const auto ends =
      date::make_zoned(event.timezone, kept_until + date::days{1}, date::choose::earliest);
  RetentionPeriod period;
  period.last_day = config_detail::iso_date(last);
  period.kept_until = config_detail::iso_date(date::year_month_day{kept_until});
  period.ends_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(ends.get_sys_time().time_since_epoch())
          .count();
  return period;
}

std::string describe_retention(const Event& event) {
  const RetentionPeriod p = retention_period(event);
  return "the retention period (retention_days = " + std::to_string(event.retention_days) +
         " after the last day, " + p.last_day + ") ends at the end of " + p.kept_until + " (" +
         event.timezone + ")";
}

}  // namespace einlass::core
