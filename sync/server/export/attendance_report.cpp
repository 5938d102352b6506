#include "sync/server/export/attendance_report.hpp"

#include <algorithm>
#include <compare>
#include <map>
#include <tuple>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "kiosk/core/roster_entry.hpp"
#include "kiosk/core/search_fold.hpp"
#include "sync/server/attendance.hpp"
#include "sync/server/event_log.hpp"
#include "sync/server/import/site_registration_number.hpp"
#include "sync/server/retention/retained_counts.hpp"

namespace einlass::sync::server {

namespace {

bool wanted(const std::optional<std::string>& venue, const std::string& id) {
  return !venue || *venue == id;
}

std::string row_key(const std::string& venue, const std::string& day,
                    const std::string& participant) {
  return venue + '\n' + day + '\n' + participant;
}

std::string room_name(const core::Venue& venue, const std::string& room_id) {
  for (const core::Room& room : venue.rooms)
    if (room.id == room_id) return room.name;
  return room_id;  // a room removed from the config since: the id is still informative
}

std::string topics_of(const core::Event& event, const core::Room& room) {
  std::string out;
  for (const std::string& id : room.topics) {
    const core::Topic* topic = core::find_topic(event, id);
    out += (out.empty() ? "" : "; ") + id + (topic ? " " + topic->name : "");
  }
  return out;
}

// Participant rows: every registration for its day (or each day of its venue), then walk-ins.
class ParticipantRows {
 public:
  ParticipantRows(const core::Event& event, const std::optional<std::string>& venue)
      : event_(event), venue_(venue) {}

  void add_registrations(const store::Database& db) {
    store::Statement st =
        db.prepare("SELECT id, first_name, last_name, organisation, venue, day, " +
                   import::site_registration_number_sql("registrations.id") +
                   " FROM registrations WHERE cancelled = 0");
    while (st.step()) {
      const std::string venue_id = st.text(4);
      if (!wanted(venue_, venue_id)) continue;
      const auto venue_index = core::venue_index(event_, venue_id);
      if (!venue_index) continue;
      const core::Venue& venue = event_.venues[*venue_index];
      const std::string day = st.text(5);
      for (const core::Day& d : venue.days) {
        if (!day.empty() && day != d.date) continue;
        ParticipantRow row;
        row.venue = venue_id;
        row.day = d.date;
        row.participant =
            core::participant_id_for_registration(static_cast<uint32_t>(st.integer(0)));
        row.first_name = st.text(1);
        row.last_name = st.text(2);
        row.organisation = st.text(3);
        row.registration_number = st.text(6);
        add(std::move(row));
      }
    }
  }

  void add_walk_ins(const store::Database& db) {
    store::Statement st = db.prepare(
        "SELECT venue, day, participant, detail FROM events w WHERE kind = 'walk_in' AND " +
        walk_in_came_sql() + " ORDER BY seq");
    while (st.step()) {
      if (!wanted(venue_, st.text(0))) continue;
      // A venue no longer in the config (it was changed): skipped, as add_registrations does.
      if (!core::venue_index(event_, st.text(0))) continue;
      const std::string key = row_key(st.text(0), st.text(1), st.text(2));
      if (index_.count(key)) continue;  // the same walk-in seen twice
      ParticipantRow row;
      row.venue = st.text(0);
      row.day = st.text(1);
      row.participant = st.text(2);
      row.walk_in = true;
      const auto detail = nlohmann::json::parse(st.text(3), nullptr, false);
      if (detail.is_object()) {
        row.first_name = detail.value("first_name", "");
        row.last_name = detail.value("last_name", "");
        row.organisation = detail.value("organisation", "");
      }
      add(std::move(row));
    }
  }

  void add_entries(const store::Database& db) {
    store::Statement st = db.prepare(
        "SELECT venue, day, participant, MIN(wall_ms) FROM events e WHERE kind = 'entry' AND " +
        std::string(kNotUndone) + " GROUP BY venue, day, participant");
    while (st.step())
      if (ParticipantRow* row = find(st.text(0), st.text(1), st.text(2)))
        row->checked_in_ms = st.integer(3);
  }

  void add_room_entries(const store::Database& db) {
    store::Statement st = db.prepare(
        "SELECT DISTINCT venue, day, participant, round, room FROM events e WHERE "
        "kind = 'room_entry' AND " +
        std::string(kNotUndone) + " ORDER BY venue, day, participant, round, room");
    while (st.step()) {
      ParticipantRow* row = find(st.text(0), st.text(1), st.text(2));
      const int round = static_cast<int>(st.integer(3));
      if (!row || round < 1 || round > static_cast<int>(row->rooms.size())) continue;
      const auto venue_index = core::venue_index(event_, row->venue);
      if (!venue_index) continue;  // rows are only added for known venues; never dereference
      const std::string name = room_name(event_.venues[*venue_index], st.text(4));
      std::string& cell = row->rooms[static_cast<size_t>(round - 1)];
      cell += (cell.empty() ? "" : " / ") + name;  // went to a second room in the same round
    }
  }

  std::vector<ParticipantRow> sorted() && {
    // Venues and days in config order, then as on a printed list: by name, with umlauts
    // where a German reader looks for them ("Äbel" next to "Abel", not after "Zander").
    struct Key {
      size_t venue;
      std::string day, last, first, participant;
      auto operator<=>(const Key&) const = default;
    };
    std::vector<std::pair<Key, size_t>> keys;
    keys.reserve(rows_.size());
    for (size_t i = 0; i < rows_.size(); ++i) {
      const ParticipantRow& r = rows_[i];
      const auto venue_index = core::venue_index(event_, r.venue);
      if (!venue_index) continue;  // a venue no longer in the config: not listed
      keys.push_back({{*venue_index, r.day, core::fold_for_search(r.last_name),
                       core::fold_for_search(r.first_name), r.participant},
                      i});
    }
    std::sort(keys.begin(), keys.end());
    std::vector<ParticipantRow> out;
    out.reserve(rows_.size());
    for (const auto& [key, i] : keys)
      out.push_back(std::move(rows_[i]));
    return out;
  }

 private:
  void add(ParticipantRow row) {
    row.rooms.assign(event_.rounds.size(), "");
    index_.emplace(row_key(row.venue, row.day, row.participant), rows_.size());
    rows_.push_back(std::move(row));
  }
  ParticipantRow* find(const std::string& venue, const std::string& day,
                       const std::string& participant) {
    const auto it = index_.find(row_key(venue, day, participant));
    return it == index_.end() ? nullptr : &rows_[it->second];
  }

  const core::Event& event_;
  const std::optional<std::string>& venue_;
  std::vector<ParticipantRow> rows_;
  std::unordered_map<std::string, size_t> index_;
};

}  // namespace

AttendanceReport build_attendance_report(const store::Database& db, const core::Event& event,
                                         const std::optional<std::string>& venue) {
  ParticipantRows rows(event, venue);
  rows.add_registrations(db);
  rows.add_walk_ins(db);
  rows.add_entries(db);
  rows.add_room_entries(db);

  AttendanceReport report;
  report.participants = std::move(rows).sorted();

  // Registered and no-shows from the lists; people checked in, walk-ins and room presence from
  // attendance(), which counts each person once however many kiosks admitted them.
  std::map<std::pair<std::string, std::string>, DayCounts> days;
  for (const ParticipantRow& row : report.participants) {
    DayCounts& d = days[{row.venue, row.day}];
    if (row.walk_in) continue;
    ++d.registered;
    if (!row.checked_in_ms) ++d.no_shows;
  }
  for (const RetainedDayCount& kept : retained_day_counts(db)) {
    DayCounts& d = days[{kept.venue, kept.day}];
    d.registered += kept.registered;
    d.no_shows += kept.no_shows;
  }
  std::map<std::tuple<std::string, std::string, int, std::string>, int64_t> present;
  for (const DayAttendance& a : attendance(db)) {
    DayCounts& d = days[{a.venue, a.day}];
    d.checked_in = a.checked_in;
    d.walk_ins = a.walk_ins;
    for (const auto& [key, people] : a.rooms)
      present[{a.venue, a.day, key.first, key.second}] = people;
  }

  for (const core::Venue& v : event.venues) {
    if (!wanted(venue, v.id)) continue;
    for (const core::Day& day : v.days) {
      DayCounts counts = days[{v.id, day.date}];
      counts.venue = v.id;
      counts.day = day.date;
      report.days.push_back(counts);
      for (const core::Round& round : event.rounds) {
        if (!core::agenda_item_for_round(day, round.number)) continue;  // not held that day
        for (const core::Room& room : v.rooms) {
          if (std::find(room.rounds.begin(), room.rounds.end(), round.number) == room.rounds.end())
            continue;
          RoomCount rc;
          rc.venue = v.id;
          rc.day = day.date;
          rc.round = round.number;
          rc.topics = topics_of(event, room);
          rc.room_id = room.id;
          rc.room_name = room.name;
          rc.capacity = room.capacity;
          const auto it = present.find({v.id, day.date, round.number, room.id});
          rc.present = it == present.end() ? 0 : it->second;
          report.rooms.push_back(std::move(rc));
        }
      }
    }
  }
  return report;
}

}  // namespace einlass::sync::server
