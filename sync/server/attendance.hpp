#pragma once
// Who came, derived from the union of all kiosks' events: per venue and day, people with an
// entry that was not undone (counted once however many kiosks admitted them), walk-ins, room
// entries per round, and the duplicates organisers should look at — one person admitted at two
// kiosks while they were offline.

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "kiosk/store/sqlite_db.hpp"

namespace einlass::sync::server {

struct DuplicateEntry {
  std::string participant;
  std::string registration_number;   // the registration site's number, "" if none (walk-ins)
  std::vector<std::string> events;   // uuids of the entries that were not undone
  std::vector<std::string> devices;  // the kiosks that admitted them
};

struct DayAttendance {
  std::string venue, day;
  int64_t checked_in = 0;
  int64_t walk_ins = 0;
  std::map<std::pair<int, std::string>, int64_t> rooms;  // (round, room) -> people
  std::vector<DuplicateEntry> duplicates;
};

std::vector<DayAttendance> attendance(const store::Database& db);
nlohmann::json attendance_to_json(const std::vector<DayAttendance>& days);

}  // namespace einlass::sync::server
