#include "kiosk/store/kiosk_store.hpp"

#include <sstream>

#include "kiosk/core/search_fold.hpp"
#include "kiosk/core/uuid.hpp"
#include "kiosk/store/durable_file.hpp"
#include "kiosk/store/event_columns.hpp"
#include "kiosk/store/migrations.hpp"

namespace einlass::store {

namespace {

using core::CheckinEvent;
using core::RosterEntry;

constexpr std::string_view kRosterColumns =
    "participant_id, registration_id, ticket_serial, opaque_code, first_name, last_name, "
    "organisation, venue, day, round_topics, unplaced_topics, cancelled, walk_in";

RosterEntry read_roster(const Statement& st) {
  RosterEntry r;
  r.participant_id = st.text(0);
  r.registration_id = st.is_null(1) ? 0 : static_cast<uint32_t>(st.integer(1));
  r.ticket_serial = static_cast<uint8_t>(st.integer(2));
  r.opaque_code = st.text(3);
  r.first_name = st.text(4);
  r.last_name = st.text(5);
  r.organisation = st.text(6);
  r.venue = st.text(7);
  r.day = st.text(8);
  r.round_topics = split_list(st.text(9));
  r.unplaced_topics = split_list(st.text(10));
  r.cancelled = st.integer(11) != 0;
  r.walk_in = st.integer(12) != 0;
  return r;
}

std::optional<RosterEntry> first_roster_row(Statement& st) {
  if (!st.step()) return std::nullopt;
  return read_roster(st);
}

}  // namespace

KioskStore::KioskStore(const std::filesystem::path& file) : db_(file) {
  configure_and_check();
  migrate(db_);
  load_identity();
}

void KioskStore::configure_and_check() {
  configure_durable_file(db_,
                         "Move it aside (keep it for the organiser) and start again: the kiosk "
                         "syncs its roster anew.");
  // quick_check is O(pages) like integrity_check but skips the index cross-checks: it finds a
  // torn or corrupted file while keeping cold start well under a second on a full store.
  const auto verdict = db_.query_text("PRAGMA quick_check");
  if (verdict != "ok") {
    throw StoreError("the store " + db_.file().string() +
                     " is damaged (integrity check: " + verdict.value_or("no answer") +
                     "). Nothing was changed. Move the file aside (keep it for the organiser) "
                     "and restart: the kiosk syncs its roster and check-ins anew.");
  }
}

void KioskStore::load_identity() {
  if (auto id = db_.query_text("SELECT value FROM meta WHERE key = 'device_id'")) {
    device_id_ = *id;
  } else {
    device_id_ = "kiosk-" + core::new_uuid_v7(0).substr(24);  // random tail: 48 bits
    db_.prepare("INSERT INTO meta (key, value) VALUES ('device_id', ?)").bind(1, device_id_).run();
  }
  // The clock continues after the newest stamp ever issued or seen here, across restarts.
  Statement st = db_.prepare(
      "SELECT hlc_ms, hlc_counter FROM events ORDER BY hlc_ms DESC, hlc_counter DESC LIMIT 1");
  if (st.step()) clock_ = core::HybridLogicalClock({st.integer(0), uint32_t(st.integer(1))});
}

CheckinEvent KioskStore::append(Transaction&, CheckinEvent e, int64_t now_ms) {
  if (e.uuid.empty()) e.uuid = core::new_uuid_v7(now_ms);
  e.device = device_id_;
  e.wall_ms = now_ms;
  e.hlc = clock_.tick(now_ms);
  const auto seq = insert_event(e, "local");
  if (!seq) throw StoreError("event " + e.uuid + " is already stored; nothing was written");
  db_.prepare("INSERT INTO outbox (event_seq) VALUES (?)").bind(1, *seq).run();
  return e;
}

CheckinEvent KioskStore::append(CheckinEvent event, int64_t now_ms) {
  Transaction tx(db_);
  CheckinEvent stored = append(tx, std::move(event), now_ms);
  tx.commit();
  return stored;
}

size_t KioskStore::merge_remote(const std::vector<CheckinEvent>& events, int64_t now_ms) {
  Transaction tx(db_);
  size_t added = 0;
  for (const CheckinEvent& e : events) {
    if (!insert_event(e, "remote")) continue;
    ++added;
    clock_.observe(e.hlc, now_ms);
  }
  tx.commit();
  return added;
}

std::optional<int64_t> KioskStore::insert_event(const CheckinEvent& e, std::string_view origin) {
  Statement insert = db_.prepare("INSERT OR IGNORE INTO events (" + std::string(kEventColumns) +
                                 ", origin) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  bind_event_columns(insert, e);
  insert.bind(kEventColumnCount + 1, origin).run();
  if (db_.changes() == 0) return std::nullopt;  // known uuid: the union already holds it
  const int64_t seq = sqlite3_last_insert_rowid(db_.handle());
  for (size_t r = 0; r < e.rooms.size() && r < e.rooms_assigned_here.size(); ++r) {
    if (!e.rooms_assigned_here[r] || e.rooms[r].empty()) continue;
    db_.prepare("INSERT INTO kiosk_assignments (event_seq, round, room) VALUES (?,?,?)")
        .bind(1, seq)
        .bind(2, static_cast<int64_t>(r + 1))
        .bind(3, e.rooms[r])
        .run();
  }
  return seq;
}

std::vector<CheckinEvent> KioskStore::events() const {
  std::vector<CheckinEvent> out;
  Statement st = db_.prepare("SELECT " + std::string(kEventColumns) + " FROM events ORDER BY seq");
  while (st.step())
    out.push_back(read_event_columns(st));
  return out;
}

std::vector<std::pair<int64_t, CheckinEvent>> KioskStore::outbox_events(int limit) const {
  std::vector<std::pair<int64_t, CheckinEvent>> out;
  Statement st = db_.prepare("SELECT " + std::string(kEventColumns) +
                             ", o.event_seq FROM outbox o JOIN events ON events.seq = o.event_seq "
                             "WHERE o.rejected = 0 ORDER BY o.event_seq LIMIT ?");
  st.bind(1, limit);
  while (st.step())
    out.emplace_back(st.integer(15), read_event_columns(st));
  return out;
}

std::optional<CheckinEvent> KioskStore::event_by_uuid(std::string_view uuid) const {
  Statement st =
      db_.prepare("SELECT " + std::string(kEventColumns) + " FROM events WHERE uuid = ?");
  st.bind(1, uuid);
  if (!st.step()) return std::nullopt;
  return read_event_columns(st);
}

std::optional<CheckinEvent> KioskStore::active_entry(std::string_view participant) const {
  Statement st =
      db_.prepare("SELECT " + std::string(kEventColumns) +
                  " FROM events e WHERE participant = ? AND kind = 'entry' AND " +
                  std::string(kNotUndone) + " ORDER BY hlc_ms, hlc_counter, uuid LIMIT 1");
  st.bind(1, participant);
  if (!st.step()) return std::nullopt;
  return read_event_columns(st);
}

std::optional<CheckinEvent> KioskStore::active_room_entry(std::string_view participant, int round,
                                                          std::string_view room) const {
  Statement st = db_.prepare(
      "SELECT " + std::string(kEventColumns) +
      " FROM events e WHERE participant = ? AND kind = 'room_entry' AND round = ? AND room = ? "
      "AND " +
      std::string(kNotUndone) + " ORDER BY hlc_ms, hlc_counter, uuid LIMIT 1");
  st.bind(1, participant).bind(2, round).bind(3, room);
  if (!st.step()) return std::nullopt;
  return read_event_columns(st);
}

int KioskStore::room_occupancy(int round, std::string_view room) const {
  Statement st = db_.prepare(
      "SELECT COUNT(DISTINCT participant) FROM events e WHERE kind = 'room_entry' AND round = ? "
      "AND room = ? AND " +
      std::string(kNotUndone));
  st.bind(1, round).bind(2, room);
  return st.step() ? static_cast<int>(st.integer(0)) : 0;
}

std::map<std::pair<int, std::string>, int> KioskStore::registered_topic_seats() const {
  // Counting the roster costs milliseconds on a full store and is asked at every check-in that
  // needs a room; the answer only changes when the roster does: by this connection
  // (upsert_roster clears the cache) or by another one (PRAGMA data_version moves).
  const int64_t version = db_.query_int("PRAGMA data_version");
  if (registered_seats_cache_ && version == registered_seats_version_)
    return *registered_seats_cache_;
  std::map<std::pair<int, std::string>, int> seats;
  // Asked on every check-in that needs a room: SQLite counts the few distinct topic lists and
  // skips rows without any topic (only commas), instead of handing every roster row to C++.
  Statement st = db_.prepare(
      "SELECT round_topics, COUNT(*) FROM roster WHERE cancelled = 0 AND round_topics GLOB "
      "'*[^,]*' GROUP BY round_topics");
  while (st.step()) {
    const auto topics = split_list(st.text(0));
    const int people = static_cast<int>(st.integer(1));
    for (size_t r = 0; r < topics.size(); ++r)
      if (!topics[r].empty()) seats[{static_cast<int>(r + 1), topics[r]}] += people;
  }
  registered_seats_cache_ = seats;
  registered_seats_version_ = version;
  return seats;
}

std::map<std::pair<int, std::string>, int> KioskStore::kiosk_assigned_seats() const {
  std::map<std::pair<int, std::string>, int> seats;
  Statement st = db_.prepare(
      "SELECT a.round, a.room, COUNT(DISTINCT e.participant) FROM kiosk_assignments a "
      "JOIN events e ON e.seq = a.event_seq WHERE " +
      std::string(kNotUndone) + " GROUP BY a.round, a.room");
  while (st.step())
    seats[{static_cast<int>(st.integer(0)), st.text(1)}] = int(st.integer(2));
  return seats;
}

namespace {

// One roster row's upsert; the statement is prepared once per batch (a 50,000-person roster
// page would otherwise spend most of its time preparing it again per row).
constexpr std::string_view kUpsertRoster =
    "INSERT INTO roster (participant_id, registration_id, ticket_serial, opaque_code, "
    "first_name, last_name, organisation, search_key, venue, day, round_topics, "
    "unplaced_topics, cancelled, walk_in) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
    "ON CONFLICT (participant_id) DO UPDATE SET registration_id = excluded.registration_id, "
    "ticket_serial = excluded.ticket_serial, opaque_code = excluded.opaque_code, "
    "first_name = excluded.first_name, last_name = excluded.last_name, "
    "organisation = excluded.organisation, search_key = excluded.search_key, "
    "venue = excluded.venue, day = excluded.day, round_topics = excluded.round_topics, "
    "unplaced_topics = excluded.unplaced_topics, cancelled = excluded.cancelled, "
    "walk_in = excluded.walk_in";

void upsert_roster_row(Statement& st, const RosterEntry& r) {
  st.bind(1, r.participant_id);
  if (r.registration_id != 0) {
    st.bind(2, static_cast<int64_t>(r.registration_id));
  } else {
    st.bind_null(2);
  }
  st.bind(3, static_cast<int64_t>(r.ticket_serial));
  if (!r.opaque_code.empty()) {
    st.bind(4, r.opaque_code);
  } else {
    st.bind_null(4);
  }
  st.bind(5, r.first_name)
      .bind(6, r.last_name)
      .bind(7, r.organisation)
      .bind(8, core::fold_for_search(r.first_name + " " + r.last_name + " " + r.organisation))
      .bind(9, r.venue)
      .bind(10, r.day)
      .bind(11, join_list(r.round_topics))
      .bind(12, join_list(r.unplaced_topics))
      .bind(13, r.cancelled ? 1 : 0)
      .bind(14, r.walk_in ? 1 : 0)
      .run();
}

}  // namespace

void KioskStore::upsert_roster(Transaction& tx, const RosterEntry& r) {
  upsert_roster(tx, std::vector<RosterEntry>{r});
}

void KioskStore::upsert_roster(Transaction&, const std::vector<RosterEntry>& entries) {
  registered_seats_cache_.reset();
  Statement st = db_.prepare(kUpsertRoster);
  for (const RosterEntry& r : entries)
    upsert_roster_row(st, r);
}

void KioskStore::upsert_roster(const std::vector<RosterEntry>& entries) {
  Transaction tx(db_);
  for (const RosterEntry& r : entries)
    upsert_roster(tx, r);
  tx.commit();
}

std::optional<RosterEntry> KioskStore::roster_by_registration(uint32_t registration_id) const {
  Statement st = db_.prepare("SELECT " + std::string(kRosterColumns) +
                             " FROM roster WHERE registration_id = ?");
  st.bind(1, static_cast<int64_t>(registration_id));
  return first_roster_row(st);
}

std::optional<RosterEntry> KioskStore::roster_by_code(std::string_view opaque_code) const {
  Statement st =
      db_.prepare("SELECT " + std::string(kRosterColumns) + " FROM roster WHERE opaque_code = ?");
  st.bind(1, opaque_code);
  return first_roster_row(st);
}

std::optional<RosterEntry> KioskStore::roster_by_participant(std::string_view participant) const {
  Statement st = db_.prepare("SELECT " + std::string(kRosterColumns) +
                             " FROM roster WHERE participant_id = ?");
  st.bind(1, participant);
  return first_roster_row(st);
}

std::vector<RosterEntry> KioskStore::search_roster(std::string_view query, int limit) const {
  std::vector<RosterEntry> out;
  std::string pattern = "%";
  // Every word must appear somewhere: "anna mül" finds Anna Müller.
  std::stringstream words(core::fold_for_search(query));
  std::string word;
  while (words >> word) {
    for (char c : word)
      if (c != '%' && c != '_') pattern.push_back(c);
    pattern += '%';
  }
  Statement st = db_.prepare("SELECT " + std::string(kRosterColumns) +
                             " FROM roster WHERE search_key LIKE ? ORDER BY last_name, "
                             "first_name LIMIT ?");
  st.bind(1, pattern).bind(2, limit);
  while (st.step())
    out.push_back(read_roster(st));
  return out;
}

StoreCounts KioskStore::counts() const {
  StoreCounts c;
  c.events = db_.query_int("SELECT COUNT(*) FROM events");
  c.outbox_waiting = db_.query_int("SELECT COUNT(*) FROM outbox WHERE rejected = 0");
  c.outbox_rejected = db_.query_int("SELECT COUNT(*) FROM outbox WHERE rejected = 1");
  c.roster = db_.query_int("SELECT COUNT(*) FROM roster WHERE walk_in = 0");
  c.cancelled = db_.query_int("SELECT COUNT(*) FROM roster WHERE cancelled = 1");
  c.walk_ins = db_.query_int("SELECT COUNT(*) FROM roster WHERE walk_in = 1");
  c.checked_in =
      db_.query_int("SELECT COUNT(DISTINCT participant) FROM events e WHERE kind = 'entry' AND " +
                    std::string(kNotUndone));
  return c;
}

std::string KioskStore::integrity_check() const {
  return db_.query_text("PRAGMA integrity_check").value_or("no answer");
}

}  // namespace einlass::store
