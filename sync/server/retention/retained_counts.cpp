#include "sync/server/retention/retained_counts.hpp"

namespace einlass::sync::server {

std::vector<RetainedDayCount> retained_day_counts(const store::Database& db) {
  std::vector<RetainedDayCount> out;
  store::Statement st = db.prepare(
      "SELECT venue, day, registered, checked_in, walk_ins, no_shows FROM retained_day_counts "
      "ORDER BY venue, day");
  while (st.step())
    out.push_back(
        {st.text(0), st.text(1), st.integer(2), st.integer(3), st.integer(4), st.integer(5)});
  return out;
}

std::vector<RetainedRoomCount> retained_room_counts(const store::Database& db) {
  std::vector<RetainedRoomCount> out;
  store::Statement st = db.prepare(
      "SELECT venue, day, round, room, present FROM retained_room_counts "
      "ORDER BY venue, day, round, room");
  while (st.step())
    out.push_back(
        {st.text(0), st.text(1), static_cast<int>(st.integer(2)), st.text(3), st.integer(4)});
  return out;
}

void store_retained_counts(store::Database& db, const std::vector<RetainedDayCount>& days,
                           const std::vector<RetainedRoomCount>& rooms) {
  db.exec("DELETE FROM retained_day_counts; DELETE FROM retained_room_counts;");
  store::Statement day = db.prepare(
      "INSERT INTO retained_day_counts (venue, day, registered, checked_in, walk_ins, no_shows) "
      "VALUES (?, ?, ?, ?, ?, ?)");
  for (const RetainedDayCount& d : days) {
    day.bind(1, d.venue)
        .bind(2, d.day)
        .bind(3, d.registered)
        .bind(4, d.checked_in)
        .bind(5, d.walk_ins)
        .bind(6, d.no_shows);
    day.run();
  }
  store::Statement room = db.prepare(
      "INSERT INTO retained_room_counts (venue, day, round, room, present) "
      "VALUES (?, ?, ?, ?, ?)");
  for (const RetainedRoomCount& r : rooms) {
    room.bind(1, r.venue).bind(2, r.day).bind(3, r.round).bind(4, r.room).bind(5, r.present);
    room.run();
  }
}

}  // namespace einlass::sync::server
