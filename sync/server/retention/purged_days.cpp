#include "sync/server/retention/purged_days.hpp"

#include <date/tz.h>

#include "sync/server/retention/retained_counts.hpp"
#include "sync/server/retention/retention_purge.hpp"

namespace einlass::sync::server {

PurgedDays purged_days(const store::Database& db) {
  // Every purge deletes every day's personal data, so the first one is when a day went.
  const std::vector<PurgeLogEntry> log = purge_log(db);
  const PurgedDay first =
      log.empty() ? PurgedDay{} : PurgedDay{log.front().purged_ms, log.front().early};
  PurgedDays out;
  for (const RetainedDayCount& kept : retained_day_counts(db))
    out.emplace(std::make_pair(kept.venue, kept.day), first);
  return out;
}

std::string purge_date_text(int64_t purged_ms, const std::string& timezone) {
  const auto instant =
      date::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(purged_ms));
  return date::format(
      "%F", date::floor<date::days>(date::make_zoned(timezone, instant).get_local_time()));
}

}  // namespace einlass::sync::server
