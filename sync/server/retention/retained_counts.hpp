#pragma once
// The anonymous counts a retention purge keeps before it deletes personal data, so attendance
// and exports still give the figures per venue, day, round and room afterwards.

#include <cstdint>
#include <string>
#include <vector>

#include "kiosk/store/sqlite_db.hpp"

namespace einlass::sync::server {

struct RetainedDayCount {
  std::string venue, day;
  int64_t registered = 0, checked_in = 0, walk_ins = 0, no_shows = 0;
};

struct RetainedRoomCount {
  std::string venue, day;
  int round = 0;
  std::string room;
  int64_t present = 0;
};

std::vector<RetainedDayCount> retained_day_counts(const store::Database& db);
std::vector<RetainedRoomCount> retained_room_counts(const store::Database& db);

// Replaces the kept counts with these totals (the caller's transaction).
void store_retained_counts(store::Database& db, const std::vector<RetainedDayCount>& days,
                           const std::vector<RetainedRoomCount>& rooms);

}  // namespace einlass::sync::server
