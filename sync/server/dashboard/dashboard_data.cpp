#include "sync/server/dashboard/dashboard_data.hpp"

#include <date/tz.h>

#include <algorithm>

#include "kiosk/store/event_columns.hpp"
#include "sync/server/agenda_log.hpp"
#include "sync/server/event_log.hpp"
#include "sync/server/retention/purged_days.hpp"
#include "sync/server/retention/retained_counts.hpp"

namespace einlass::sync::server {

namespace {

using nlohmann::json;

// Minutes after local midnight of `day` for a unix time, in the event's time zone.
constexpr int kMinutesPerDay = 24 * 60;

int local_minutes(const date::time_zone* zone, const core::Day& day, int64_t unix_ms) {
  const auto local =
      zone->to_local(date::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(unix_ms)));
  const auto midnight = date::local_days(day.ymd);
  return static_cast<int>(std::chrono::floor<std::chrono::minutes>(local - midnight).count());
}

const core::Day& require_day(const core::Venue& venue, const std::string& day) {
  const auto index = core::day_index(venue, day);
  if (!index) {
    std::string days;
    for (const core::Day& d : venue.days)
      days += (days.empty() ? "" : ", ") + d.date;
    throw ServerConfigError(day + " is not a day of venue " + venue.id + " (its days: " + days +
                            ")");
  }
  return venue.days[*index];
}

// The day as it now runs; each item with its planned times, so the page can mark what moved.
json agenda_json(const core::Day& now, const core::Day& planned) {
  json items = json::array();
  for (size_t i = 0; i < now.agenda.size(); ++i) {
    const core::AgendaItem& item = now.agenda[i];
    const core::AgendaItem* plan = i < planned.agenda.size() ? &planned.agenda[i] : nullptr;
    items.push_back({{"start", core::format_hhmm(item.start)},
                     {"end", core::format_hhmm(item.end)},
                     {"planned_start", plan ? core::format_hhmm(plan->start) : ""},
                     {"planned_end", plan ? core::format_hhmm(plan->end) : ""},
                     {"title", item.title},
                     {"round", item.round}});
  }
  return items;
}

}  // namespace

std::string default_dashboard_day(const core::Event& event, const core::Venue& venue,
                                  int64_t now_ms) {
  const auto local =
      date::make_zoned(event.timezone,
                       date::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(now_ms)))
          .get_local_time();
  const std::string today = date::format("%F", date::floor<date::days>(local));
  for (const core::Day& d : venue.days)
    if (d.date >= today) return d.date;  // today, or the next day to come (dates sort as text)
  return venue.days.empty() ? today : venue.days.back().date;
}

json venue_day_attendance(const store::Database& db, const ServerConfig& config,
                          const core::Venue& venue, const core::Day& day) {
  // After a retention purge the live tables are empty: the day's figures are the anonymous
  // counts the purge kept (read as attendance and exports read them), plus anything live.
  const PurgedDays purged = purged_days(db);
  const auto purge = purged.find({venue.id, day.date});
  const bool anonymised = purge != purged.end();
  const date::time_zone* zone = date::locate_zone(config.event.timezone);
  // One row per person admitted (however many kiosks admitted them): their first arrival and
  // the rooms they were given.
  store::Statement st = db.prepare(
      "SELECT MIN(wall_ms), MIN(rooms) FROM events e WHERE venue = ? AND day = ? AND "
      "kind = 'entry' AND " +
      std::string(kNotUndone) + " GROUP BY participant");
  st.bind(1, venue.id).bind(2, day.date);
  std::map<int, int64_t> arrivals;                        // bucket start minute -> people
  std::map<std::pair<int, std::string>, int64_t> placed;  // (round, room) -> people
  std::map<std::string, int64_t> by_rooms;                // rooms text -> people
  int64_t checked_in = 0;
  while (st.step()) {
    ++checked_in;
    // A kiosk whose clock is days off must not stretch the chart over years (one bucket per
    // few minutes): its arrivals land at the edge of the day they were recorded for.
    const int minute = std::clamp(local_minutes(zone, day, st.integer(0)), 0, kMinutesPerDay - 1);
    ++arrivals[minute -
               ((minute % kArrivalBucketMinutes) + kArrivalBucketMinutes) % kArrivalBucketMinutes];
    ++by_rooms[st.text(1)];
  }
  for (const auto& [text, people] : by_rooms) {
    const auto rooms = store::split_list(text);
    for (size_t i = 0; i < rooms.size(); ++i)
      if (!rooms[i].empty()) placed[{static_cast<int>(i) + 1, rooms[i]}] += people;
  }
  std::map<std::pair<int, std::string>, int64_t> at_door;
  {
    store::Statement door = db.prepare(
        "SELECT round, room, COUNT(DISTINCT participant) FROM events e WHERE venue = ? AND "
        "day = ? AND kind = 'room_entry' AND " +
        std::string(kNotUndone) + " GROUP BY round, room");
    door.bind(1, venue.id).bind(2, day.date);
    while (door.step())
      at_door[{static_cast<int>(door.integer(0)), door.text(1)}] = door.integer(2);
  }
  store::Statement walk = db.prepare(
      "SELECT COUNT(DISTINCT participant) FROM events w WHERE venue = ? AND day = ? AND "
      "kind = 'walk_in' AND " +
      walk_in_came_sql());
  walk.bind(1, venue.id).bind(2, day.date);
  int64_t walk_ins = walk.step() ? walk.integer(0) : 0;
  store::Statement reg = db.prepare(
      "SELECT COUNT(*) FROM registrations WHERE venue = ? AND (day = '' OR day = ?) AND "
      "cancelled = 0");
  reg.bind(1, venue.id).bind(2, day.date);
  int64_t registered = reg.step() ? reg.integer(0) : 0;
  if (anonymised) {
    for (const RetainedDayCount& kept : retained_day_counts(db)) {
      if (kept.venue != venue.id || kept.day != day.date) continue;
      registered += kept.registered;
      checked_in += kept.checked_in;
      walk_ins += kept.walk_ins;
    }
    for (const RetainedRoomCount& kept : retained_room_counts(db))
      if (kept.venue == venue.id && kept.day == day.date)
        at_door[{kept.round, kept.room}] += kept.present;
  }

  // Arrivals from check-in opening to its close (or the last arrival), so the chart's time
  // axis is the day's, even before the first person came.
  const int bucket = kArrivalBucketMinutes;
  int first = day.checkin_opens.minutes_since_midnight / bucket * bucket;
  int last = std::max(day.checkin_closes.minutes_since_midnight - 1, first) / bucket * bucket;
  if (!arrivals.empty()) {
    first = std::min(first, arrivals.begin()->first);
    last = std::max(last, arrivals.rbegin()->first);
  }
  // Arrival times went with the purge: no series, so the page shows a note, not an empty chart.
  json series = json::array();
  for (int m = first; m <= last && !(anonymised && arrivals.empty()); m += bucket) {
    const auto it = arrivals.find(m);
    series.push_back({{"time", core::format_hhmm({((m % 1440) + 1440) % 1440})},
                      {"people", it == arrivals.end() ? 0 : it->second}});
  }

  json rooms = json::array();
  for (const core::Round& round : config.event.rounds) {
    for (const core::Room& room : venue.rooms) {
      if (std::find(room.rounds.begin(), room.rounds.end(), round.number) == room.rounds.end())
        continue;
      std::string topics;
      for (const std::string& t : room.topics)
        if (const core::Topic* topic = core::find_topic(config.event, t);
            topic && std::find(topic->rounds.begin(), topic->rounds.end(), round.number) !=
                         topic->rounds.end())
          topics += (topics.empty() ? "" : ", ") + topic->id;
      const auto p = placed.find({round.number, room.id});
      const auto d = at_door.find({round.number, room.id});
      rooms.push_back({{"round", round.number},
                       {"round_name", round.name},
                       {"room", room.id},
                       {"room_name", room.name},
                       {"topics", topics},
                       {"capacity", room.capacity},
                       {"placed", p == placed.end() ? 0 : p->second},
                       {"at_door", d == at_door.end() ? 0 : d->second}});
    }
  }
  // The page says the day was anonymised and when; seats placed at the entrance went with the
  // purge (only presence at the room doors was kept).
  json anonymised_json;
  if (anonymised)
    anonymised_json = {
        {"purged_ms", purge->second.purged_ms},
        {"purged_on", purge->second.purged_ms > 0
                          ? json(purge_date_text(purge->second.purged_ms, config.event.timezone))
                          : json()}};
  return {{"registered", registered},         {"checked_in", checked_in}, {"walk_ins", walk_ins},
          {"arrival_bucket_minutes", bucket}, {"arrivals", series},       {"rooms", rooms},
          {"anonymised", anonymised_json}};
}

json agenda_change_json(const core::AgendaChange& change, const core::Day& planned) {
  json j{{"id", change.id},
         {"kind", core::agenda_change_kind_name(change.kind)},
         {"text", core::describe_agenda_change(change, planned)},
         {"created_ms", change.created_ms}};
  if (change.kind == core::AgendaChangeKind::Delay) {
    j["minutes"] = change.minutes;
    j["from"] = core::format_hhmm(change.from);
  }
  if (change.kind == core::AgendaChangeKind::ChangeItem) {
    const auto index = static_cast<size_t>(change.item);
    j["title"] = index < planned.agenda.size() ? planned.agenda[index].title : "";
    if (change.start) j["start"] = core::format_hhmm(*change.start);
    if (change.end) j["end"] = core::format_hhmm(*change.end);
  }
  return j;
}

json dashboard_kiosks(const store::Database& db, int64_t now_ms) {
  json list = json::array();
  store::Statement st = db.prepare(
      "SELECT d.device_id, d.venue, d.label, d.last_seen_ms, d.revoked_ms, s.outbox, "
      "s.clock_skew_ms, s.reported_ms FROM devices d LEFT JOIN device_sync_status s "
      "ON s.device_id = d.device_id ORDER BY d.venue, d.label, d.device_id");
  const auto nullable = [&](int column) {
    return st.is_null(column) ? json() : json(st.integer(column));
  };
  while (st.step()) {
    // last_seen is written at most once a minute; a newer report is as good a sign of life.
    json last_seen = nullable(3);
    if (!st.is_null(7) && (last_seen.is_null() || st.integer(7) > last_seen.get<int64_t>()))
      last_seen = st.integer(7);
    list.push_back(
        {{"device_id", st.text(0)},
         {"venue", st.text(1)},
         {"label", st.text(2)},
         {"last_seen_ms", last_seen},
         {"last_seen_ago_s",
          last_seen.is_null() ? json() : json((now_ms - last_seen.get<int64_t>()) / 1000)},
         {"revoked", !st.is_null(4)},
         {"outbox", nullable(5)},
         {"clock_skew_ms", nullable(6)}});
  }
  return list;
}

json DashboardData::build(const store::Database& db,
                          const std::shared_ptr<const ServerConfig>& config_ptr,
                          const std::string& venue_id, const std::string& day_text,
                          int64_t now_ms) {
  const ServerConfig& config = *config_ptr;
  const core::Venue& venue = require_venue(config.event, venue_id);
  const std::string date =
      day_text.empty() ? default_dashboard_day(config.event, venue, now_ms) : day_text;
  const core::Day& day = require_day(venue, date);
  const std::shared_ptr<const json> counts = attendance_.get(db, config_ptr, venue, day);

  json venues = json::array();
  for (const core::Venue& v : config.event.venues) {
    json days = json::array();
    for (const core::Day& d : v.days)
      days.push_back(d.date);
    venues.push_back({{"id", v.id}, {"name", v.name}, {"city", v.city}, {"days", days}});
  }
  json changes = json::array();
  for (const core::AgendaChange& change : agenda_changes(db, venue.id, 0))
    if (change.day == date) changes.push_back(agenda_change_json(change, day));
  json out = *counts;
  out["event"] = config.event.name;
  out["venues"] = std::move(venues);
  out["venue"] = venue.id;
  out["day"] = date;
  out["agenda"] = agenda_json(current_day(db, config, venue.id, date), day);
  out["agenda_changes"] = std::move(changes);
  out["kiosks"] = dashboard_kiosks(db, now_ms);
  // The venue's clock, when the day shown is today there: where "delay from" starts.
  const auto local =
      date::make_zoned(config.event.timezone,
                       date::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(now_ms)))
          .get_local_time();
  const auto today = date::floor<date::days>(local);
  out["venue_now"] =
      date::format("%F", today) == date
          ? json(core::format_hhmm(
                {static_cast<int>(date::floor<std::chrono::minutes>(local - today).count())}))
          : json();
  out["server_time_ms"] = now_ms;
  return out;
}

}  // namespace einlass::sync::server
