#include "sync/server/event_log.hpp"

#include <unordered_set>

#include "kiosk/store/event_columns.hpp"
#include "sync/protocol/protocol_error.hpp"
#include "sync/protocol/wire_event.hpp"
#include "sync/server/retention/purged_days.hpp"

namespace einlass::sync::server {

namespace {

using core::CheckinEvent;

// The event's columns and the server's arrival order after them.
const std::string kColumns = std::string(store::kEventColumns) + ", seq";

bool same_event(const CheckinEvent& a, const CheckinEvent& b) {
  return a.kind == b.kind && a.participant == b.participant && a.venue == b.venue &&
         a.day == b.day && a.round == b.round && a.room == b.room && a.rooms == b.rooms &&
         a.rooms_assigned_here == b.rooms_assigned_here && a.device == b.device &&
         a.wall_ms == b.wall_ms && a.hlc == b.hlc && a.ref == b.ref && a.detail == b.detail;
}

bool venue_has_room(const core::Venue& venue, const std::string& room) {
  for (const auto& r : venue.rooms)
    if (r.id == room) return true;
  return false;
}

// What only the server can check: the event fits the device and the event config.
void check_against_config(const CheckinEvent& e, const Device& device, const ServerConfig& config,
                          const std::string& path) {
  using protocol::ProtocolError;
  if (e.device != device.device_id)
    throw ProtocolError(path + ".device \"" + e.device + "\" is not the device that sent it");
  if (e.venue != device.venue)
    throw ProtocolError(path + ".venue \"" + e.venue + "\" is not this kiosk's venue (" +
                        device.venue + ")");
  const core::Venue& venue = require_venue(config.event, e.venue);
  if (!core::day_index(venue, e.day))
    throw ProtocolError(path + ".day " + e.day + " is not a day of venue " + venue.id);
  if (e.round > static_cast<int>(config.event.rounds.size()))
    throw ProtocolError(path + ".round " + std::to_string(e.round) + " does not exist");
  if (!e.room.empty() && !venue_has_room(venue, e.room))
    throw ProtocolError(path + ".room \"" + e.room + "\" is not a room of venue " + venue.id);
  if (e.rooms.size() > config.event.rounds.size())
    throw ProtocolError(path + ".rooms has more entries than the event has rounds");
  for (const std::string& room : e.rooms)
    if (!room.empty() && !venue_has_room(venue, room))
      throw ProtocolError(path + ".rooms names \"" + room + "\", not a room of venue " + venue.id);
}

std::string uuid_of(const nlohmann::json& value) {
  if (!value.is_object()) return "";
  const auto it = value.find("uuid");
  if (it == value.end() || !it->is_string()) return "";
  const auto& s = it->get_ref<const std::string&>();
  return s.size() <= 64 ? s : "";
}

// A kiosk that was offline during the retention purge pushes its outbox later: storing it would
// bring back walk-ins' names and count people on top of the kept totals.
// An early purge (a deletion request) happened while the period still ran: said as such.
std::string retention_refusal(const PurgedDay& purge, const std::string& timezone) {
  const std::string on =
      purge.purged_ms > 0 ? " on " + purge_date_text(purge.purged_ms, timezone) : std::string();
  if (purge.early)
    return "the organiser deleted this day's personal data early" + on +
           ", before the retention period ended; this check-in is not stored";
  return "retention period over: the server deleted this day's personal data" + on +
         "; this check-in is not stored";
}

}  // namespace

std::vector<protocol::PushResult> ingest_events(store::Database& db, const nlohmann::json& events,
                                                const Device& device, const ServerConfig& config,
                                                int64_t now_ms,
                                                const std::function<void()>& before_commit) {
  std::vector<protocol::PushResult> results(events.size());
  std::vector<std::pair<size_t, CheckinEvent>> good;
  for (size_t i = 0; i < events.size(); ++i) {
    const std::string path = "events[" + std::to_string(i) + "]";
    results[i].uuid = uuid_of(events[i]);
    try {
      CheckinEvent e = protocol::event_from_json(events[i], path, true);
      check_against_config(e, device, config, path);
      good.emplace_back(i, std::move(e));
    } catch (const protocol::ProtocolError& e) {
      results[i].status = protocol::PushStatus::Rejected;
      results[i].reason = e.what();
    } catch (const ServerConfigError& e) {
      results[i].status = protocol::PushStatus::Rejected;
      results[i].reason = e.what();
    }
  }

  store::Transaction tx(db);
  // Read inside the write transaction: a purge that commits while this push waits for the lock
  // is seen here, so nothing of a purged day slips in after it.
  const PurgedDays purged = purged_days(db);
  store::Statement insert =
      db.prepare("INSERT OR IGNORE INTO events (" + std::string(store::kEventColumns) +
                 ", received_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  store::Statement stored = db.prepare("SELECT " + kColumns + " FROM events WHERE uuid = ?");
  for (auto& [index, e] : good) {
    if (const auto it = purged.find({e.venue, e.day}); it != purged.end()) {
      results[index].status = protocol::PushStatus::Rejected;
      results[index].reason = retention_refusal(it->second, config.event.timezone);
      continue;
    }
    store::bind_event_columns(insert, e);
    insert.bind(store::kEventColumnCount + 1, now_ms);
    insert.run();
    if (db.changes() > 0) {
      results[index].status = protocol::PushStatus::Stored;
      continue;
    }
    // Already here: a re-send (acknowledged again) — unless the uuid carries another event.
    stored.bind(1, e.uuid);
    const bool same = stored.step() && same_event(store::read_event_columns(stored), e);
    stored.reset();
    results[index].status = same ? protocol::PushStatus::Duplicate : protocol::PushStatus::Rejected;
    if (!same) results[index].reason = "this uuid is already used by a different event";
  }
  if (before_commit) before_commit();
  tx.commit();
  return results;
}

protocol::EventsPage events_page(const store::Database& db, const std::string& venue,
                                 const std::string& exclude_device, int64_t since, int limit) {
  protocol::EventsPage page;
  // One read transaction: the head and the rows come from the same snapshot.
  store::Statement begin = db.prepare("BEGIN");
  begin.run();
  try {
    store::Statement head =
        db.prepare(venue.empty() ? "SELECT COALESCE(MAX(seq), 0) FROM events WHERE ? = ''"
                                 : "SELECT COALESCE(MAX(seq), 0) FROM events WHERE venue = ?");
    head.bind(1, venue);
    const int64_t newest = head.step() ? head.integer(0) : 0;
    // Two statements rather than "(? = '' OR venue = ?)", which would keep SQLite from using
    // the (venue, seq) index that makes a kiosk's poll cheap.
    store::Statement rows = db.prepare("SELECT " + kColumns + " FROM events WHERE " +
                                       (venue.empty() ? "? = ''" : "venue = ?") +
                                       " AND seq > ? AND device <> ? ORDER BY seq LIMIT ?");
    rows.bind(1, venue).bind(2, since).bind(3, exclude_device).bind(4, limit + 1);
    int64_t last_seq = since;
    while (rows.step()) {
      if (static_cast<int>(page.events.size()) == limit) {
        page.more = true;
        break;
      }
      page.events.push_back(store::read_event_columns(rows));
      last_seq = rows.integer(15);
    }
    page.cursor = page.more ? last_seq : std::max(newest, since);
  } catch (...) {
    db.prepare("ROLLBACK").run();
    throw;
  }
  db.prepare("COMMIT").run();
  return page;
}

std::vector<core::CheckinEvent> all_events(const store::Database& db) {
  std::vector<core::CheckinEvent> out;
  store::Statement st = db.prepare("SELECT " + kColumns + " FROM events ORDER BY seq");
  while (st.step())
    out.push_back(store::read_event_columns(st));
  return out;
}

}  // namespace einlass::sync::server
