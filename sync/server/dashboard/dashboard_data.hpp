#pragma once
// What the dashboard shows for one venue and day, as the JSON its page polls: registered vs
// checked in, walk-ins, arrivals over time, room occupancy per round against capacity, the
// agenda as it now runs, and every kiosk with its last report. The attendance part is the
// expensive one (it reads every entry of the venue); AttendanceCache keeps it per venue and day.

#include <cstdint>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "kiosk/core/agenda_changes.hpp"
#include "kiosk/store/sqlite_db.hpp"
#include "sync/server/dashboard/attendance_cache.hpp"
#include "sync/server/server_config.hpp"

namespace einlass::sync::server {

inline constexpr int kArrivalBucketMinutes = 10;

// The day the dashboard opens on: today at the venue if it is one of the venue's days, else
// the next day to come, else the last one.
std::string default_dashboard_day(const core::Event& event, const core::Venue& venue,
                                  int64_t now_ms);

// Counts for one venue and day (the cached part).
nlohmann::json venue_day_attendance(const store::Database& db, const ServerConfig& config,
                                    const core::Venue& venue, const core::Day& day);

// One agenda change for the page: what it did in words (English, for logs) and in fields, from
// which the page writes it in its own language.
nlohmann::json agenda_change_json(const core::AgendaChange& change, const core::Day& planned);

// Every kiosk with venue, label, last seen, outbox, clock skew and whether it is revoked.
nlohmann::json dashboard_kiosks(const store::Database& db, int64_t now_ms);

class DashboardData {
 public:
  // With the server's pool, outdated counts are recounted in the background (see
  // attendance_cache.hpp); without one (tests), at once.
  explicit DashboardData(DbPool* pool = nullptr) : attendance_(pool) {}

  // Throws ServerConfigError for an unknown venue or day (the message lists what exists).
  nlohmann::json build(const store::Database& db, const std::shared_ptr<const ServerConfig>& config,
                       const std::string& venue_id, const std::string& day, int64_t now_ms);

 private:
  AttendanceCache attendance_;
};

}  // namespace einlass::sync::server
