#include "sync/server/attendance.hpp"

#include <optional>
#include <set>

#include "sync/server/event_log.hpp"
#include "sync/server/import/site_registration_number.hpp"
#include "sync/server/retention/retained_counts.hpp"

namespace einlass::sync::server {

std::vector<DayAttendance> attendance(const store::Database& db) {
  std::map<std::pair<std::string, std::string>, DayAttendance> days;
  auto day_of = [&](const std::string& venue, const std::string& day) -> DayAttendance& {
    DayAttendance& d = days[{venue, day}];
    d.venue = venue;
    d.day = day;
    return d;
  };
  {
    store::Statement st = db.prepare(
        "SELECT venue, day, COUNT(DISTINCT participant) FROM events e WHERE kind = 'entry' AND " +
        std::string(kNotUndone) + " GROUP BY venue, day");
    while (st.step())
      day_of(st.text(0), st.text(1)).checked_in = st.integer(2);
  }
  {
    store::Statement st = db.prepare(
        "SELECT venue, day, COUNT(DISTINCT participant) FROM events w WHERE kind = 'walk_in' "
        "AND " +
        walk_in_came_sql() + " GROUP BY venue, day");
    while (st.step())
      day_of(st.text(0), st.text(1)).walk_ins = st.integer(2);
  }
  {
    store::Statement st = db.prepare(
        "SELECT venue, day, round, room, COUNT(DISTINCT participant) FROM events e WHERE "
        "kind = 'room_entry' AND " +
        std::string(kNotUndone) + " GROUP BY venue, day, round, room");
    while (st.step())
      day_of(st.text(0), st.text(1)).rooms[{static_cast<int>(st.integer(2)), st.text(3)}] =
          st.integer(4);
  }
  {
    store::Statement st = db.prepare(
        "SELECT venue, day, participant, uuid, device FROM events e WHERE kind = 'entry' AND " +
        std::string(kNotUndone) +
        " AND (venue, day, participant) IN (SELECT venue, day, participant FROM events e "
        "WHERE kind = 'entry' AND " +
        std::string(kNotUndone) +
        " GROUP BY venue, day, participant HAVING COUNT(*) > 1) "
        "ORDER BY venue, day, participant, hlc_ms, hlc_counter, uuid");
    // Few people (usually none) are admitted twice: their site numbers are looked up singly.
    std::optional<import::SiteRegistrationNumbers> site_numbers;
    while (st.step()) {
      DayAttendance& d = day_of(st.text(0), st.text(1));
      if (d.duplicates.empty() || d.duplicates.back().participant != st.text(2)) {
        if (!site_numbers) site_numbers.emplace(db);
        d.duplicates.push_back({st.text(2), site_numbers->of_participant(st.text(2)), {}, {}});
      }
      d.duplicates.back().events.push_back(st.text(3));
      d.duplicates.back().devices.push_back(st.text(4));
    }
  }
  // What a retention purge kept of the events it deleted (still counted, no longer named).
  for (const RetainedDayCount& kept : retained_day_counts(db)) {
    if (kept.checked_in == 0 && kept.walk_ins == 0) continue;  // a day nobody came to
    DayAttendance& d = day_of(kept.venue, kept.day);
    d.checked_in += kept.checked_in;
    d.walk_ins += kept.walk_ins;
  }
  for (const RetainedRoomCount& kept : retained_room_counts(db))
    day_of(kept.venue, kept.day).rooms[{kept.round, kept.room}] += kept.present;
  std::vector<DayAttendance> out;
  for (auto& [key, d] : days)
    out.push_back(std::move(d));
  return out;
}

nlohmann::json attendance_to_json(const std::vector<DayAttendance>& days) {
  nlohmann::json list = nlohmann::json::array();
  for (const DayAttendance& d : days) {
    nlohmann::json rooms = nlohmann::json::array();
    for (const auto& [key, count] : d.rooms)
      rooms.push_back({{"round", key.first}, {"room", key.second}, {"people", count}});
    nlohmann::json duplicates = nlohmann::json::array();
    for (const DuplicateEntry& dup : d.duplicates)
      duplicates.push_back({{"participant", dup.participant},
                            {"registration_number", dup.registration_number},
                            {"events", dup.events},
                            {"devices", dup.devices}});
    list.push_back({{"venue", d.venue},
                    {"day", d.day},
                    {"checked_in", d.checked_in},
                    {"walk_ins", d.walk_ins},
                    {"rooms", rooms},
                    {"duplicates", duplicates}});
  }
  return {{"days", list}};
}

}  // namespace einlass::sync::server
