#include "kiosk/store/attendance_list.hpp"

#include <algorithm>
#include <compare>
#include <map>
#include <tuple>

#include <nlohmann/json.hpp>

#include "kiosk/core/search_fold.hpp"
#include "kiosk/store/event_columns.hpp"

namespace einlass::store {

namespace {

// A deferred read transaction: every SELECT inside sees the same snapshot (WAL), and a writer
// (the running kiosk checking someone in) is never held up by it.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(Database& db) : db_(db) { db_.exec("BEGIN"); }
  ~ReadSnapshot() {
    try {
      db_.exec("COMMIT");
    } catch (const StoreError&) {
      // Read-only: nothing to lose; the connection rolls back by itself.
    }
  }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  Database& db_;
};

// "(?1 = '' OR venue = ?1) AND (?2 = '' OR day = ?2)" on `events e`, with the filter bound.
constexpr std::string_view kWanted = "(?1 = '' OR e.venue = ?1) AND (?2 = '' OR e.day = ?2)";

std::string room_name(const core::Venue& venue, const std::string& room_id) {
  for (const core::Room& room : venue.rooms)
    if (room.id == room_id) return room.name;
  return room_id;  // not in the config (changed since): the id still tells which
}

class Rows {
 public:
  explicit Rows(const core::Event& event) : event_(event) {}

  AttendanceRow* find(const std::string& venue, const std::string& day,
                      const std::string& participant) {
    const auto it = index_.find({venue, day, participant});
    return it == index_.end() ? nullptr : &rows_[it->second];
  }
  AttendanceRow& find_or_add(const std::string& venue, const std::string& day,
                             const std::string& participant) {
    if (AttendanceRow* row = find(venue, day, participant)) return *row;
    AttendanceRow row;
    row.venue = venue;
    row.day = day;
    row.participant = participant;
    row.rooms.assign(event_.rounds.size(), "");
    index_.emplace(std::make_tuple(venue, day, participant), rows_.size());
    rows_.push_back(std::move(row));
    return rows_.back();
  }
  std::vector<AttendanceRow>& all() { return rows_; }

 private:
  const core::Event& event_;
  std::vector<AttendanceRow> rows_;
  std::map<std::tuple<std::string, std::string, std::string>, size_t> index_;
};

Statement filtered(const KioskStore& store, const std::string& sql, const std::string& venue,
                   const std::string& day) {
  Statement st = store.db().prepare(sql);
  st.bind(1, venue).bind(2, day);
  return st;
}

}  // namespace

KioskAttendance kiosk_attendance(KioskStore& store, const core::Event& event,
                                 const std::string& venue, const std::string& day) {
  KioskAttendance out;
  ReadSnapshot snapshot(store.db());
  out.up_to_seq = store.db().query_int("SELECT COALESCE(MAX(seq), 0) FROM events");

  // Every venue and day with check-ins must be in the config, or people would go missing.
  std::map<std::pair<std::string, std::string>, AttendanceDay> days;
  {
    Statement st = filtered(store,
                            "SELECT venue, day, COUNT(*) FROM events e WHERE " +
                                std::string(kWanted) + " GROUP BY venue, day ORDER BY venue, day",
                            venue, day);
    while (st.step()) {
      const auto v = core::venue_index(event, st.text(0));
      if (!v || !core::day_index(event.venues[*v], st.text(1))) {
        out.unknown.push_back({st.text(0), st.text(1), st.integer(2)});
        continue;
      }
      days[{st.text(0), st.text(1)}] = AttendanceDay{st.text(0), st.text(1), 0, 0, 0};
    }
  }
  if (!venue.empty() && !day.empty() && days.empty() && out.unknown.empty())
    days[{venue, day}] = AttendanceDay{venue, day, 0, 0, 0};  // asked for: say "none came"

  Rows rows(event);
  const auto known = [&](const std::string& v, const std::string& d) {
    return days.count({v, d}) > 0;
  };
  const auto venue_of = [&](const std::string& v) -> const core::Venue& {
    return event.venues[*core::venue_index(event, v)];
  };

  // Entrance check-ins not undone; the first (by the hybrid logical clock, as the check-in rules
  // decide "already checked in") gives the time and the rooms the person was told.
  {
    Statement st = filtered(store,
                            "SELECT venue, day, participant, wall_ms, rooms FROM events e WHERE "
                            "kind = 'entry' AND " +
                                std::string(kWanted) + " AND " + std::string(kNotUndone) +
                                " ORDER BY hlc_ms, hlc_counter, uuid",
                            venue, day);
    while (st.step()) {
      if (!known(st.text(0), st.text(1))) continue;
      AttendanceRow& row = rows.find_or_add(st.text(0), st.text(1), st.text(2));
      if (row.checked_in_ms) continue;
      row.checked_in_ms = st.integer(3);
      const std::vector<std::string> given = split_list(st.text(4));
      for (size_t i = 0; i < given.size() && i < row.rooms.size(); ++i)
        if (!given[i].empty()) row.rooms[i] = room_name(venue_of(row.venue), given[i]);
    }
  }
  // Admitted at a room door: where they really were, which replaces the room they were told.
  {
    std::map<std::tuple<std::string, std::string, std::string, int>, std::string> at_doors;
    Statement st = filtered(store,
                            "SELECT DISTINCT venue, day, participant, round, room FROM events e "
                            "WHERE kind = 'room_entry' AND " +
                                std::string(kWanted) + " AND " + std::string(kNotUndone) +
                                " ORDER BY venue, day, participant, round, room",
                            venue, day);
    while (st.step()) {
      if (!known(st.text(0), st.text(1))) continue;
      const int round = static_cast<int>(st.integer(3));
      if (round < 1 || round > static_cast<int>(event.rounds.size())) continue;
      AttendanceRow& row = rows.find_or_add(st.text(0), st.text(1), st.text(2));
      std::string& cell = at_doors[{row.venue, row.day, row.participant, round}];
      cell += (cell.empty() ? "" : " / ") + room_name(venue_of(row.venue), st.text(4));
      row.rooms[static_cast<size_t>(round - 1)] = cell;
    }
  }
  // Walk-ins who came (their check-in was not undone): flagged, with the names they gave.
  {
    Statement st = filtered(store,
                            "SELECT venue, day, participant, detail FROM events e WHERE "
                            "kind = 'walk_in' AND " +
                                std::string(kWanted) + " AND " + std::string(kNotUndone),
                            venue, day);
    while (st.step()) {
      AttendanceRow* row = rows.find(st.text(0), st.text(1), st.text(2));
      if (!row) continue;
      row->walk_in = true;
      const auto detail = nlohmann::json::parse(st.text(3), nullptr, false);
      if (detail.is_object()) {
        row->first_name = detail.value("first_name", "");
        row->last_name = detail.value("last_name", "");
        row->organisation = detail.value("organisation", "");
      }
    }
  }
  // Entrance check-ins staff took back.
  {
    Statement st = filtered(store,
                            "SELECT venue, day, COUNT(*) FROM events e WHERE kind = 'entry' AND " +
                                std::string(kWanted) + " AND NOT " + std::string(kNotUndone) +
                                " GROUP BY venue, day",
                            venue, day);
    while (st.step())
      if (known(st.text(0), st.text(1))) days[{st.text(0), st.text(1)}].taken_back = st.integer(2);
  }

  for (AttendanceRow& row : rows.all()) {
    // Registrations synced to the kiosk, and walk-ins registered here (the same names).
    if (const auto person = store.roster_by_participant(row.participant)) {
      row.first_name = person->first_name;
      row.last_name = person->last_name;
      row.organisation = person->organisation;
    }
    AttendanceDay& d = days[{row.venue, row.day}];
    ++d.checked_in;
    if (row.walk_in) ++d.walk_ins;
  }

  // As on a printed list: venues in config order, then by day and name, with umlauts where a
  // German reader looks for them ("Äbel" next to "Abel").
  struct Key {
    size_t venue;
    std::string day, last, first, participant;
    auto operator<=>(const Key&) const = default;
  };
  std::vector<std::pair<Key, size_t>> keys;
  for (size_t i = 0; i < rows.all().size(); ++i) {
    const AttendanceRow& r = rows.all()[i];
    keys.push_back({{*core::venue_index(event, r.venue), r.day, core::fold_for_search(r.last_name),
                     core::fold_for_search(r.first_name), r.participant},
                    i});
  }
  std::sort(keys.begin(), keys.end());
  for (const auto& [key, i] : keys)
    out.rows.push_back(std::move(rows.all()[i]));

  for (auto& [key, d] : days)
    out.days.push_back(std::move(d));
  std::sort(out.days.begin(), out.days.end(), [&](const AttendanceDay& a, const AttendanceDay& b) {
    return std::make_pair(core::venue_index(event, a.venue).value_or(0), a.day) <
           std::make_pair(core::venue_index(event, b.venue).value_or(0), b.day);
  });
  return out;
}

}  // namespace einlass::store
