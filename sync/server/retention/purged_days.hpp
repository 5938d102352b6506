#pragma once
// Which venue days a retention purge anonymised, and when: a purge keeps a row of counts in
// retained_day_counts for every venue day of the event and logs its time in purge_log. The
// kiosk API refuses late check-ins for those days and the dashboard shows their kept counts.

#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "kiosk/store/sqlite_db.hpp"

namespace einlass::sync::server {

// When a day's personal data was deleted (Unix ms of the first purge; 0 when the purge log is
// missing, which only a hand-edited database can have), and whether that was before the
// retention period ended (`purge --before-period-ends`), so nobody is told "period over".
struct PurgedDay {
  int64_t purged_ms = 0;
  bool early = false;
};
using PurgedDays = std::map<std::pair<std::string, std::string>, PurgedDay>;
PurgedDays purged_days(const store::Database& db);

// "2019-12-26": the purge's date in the event's time zone, as organisers and staff read it.
std::string purge_date_text(int64_t purged_ms, const std::string& timezone);

}  // namespace einlass::sync::server
