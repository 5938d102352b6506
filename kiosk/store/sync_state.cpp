#include "kiosk/store/sync_state.hpp"

#include <sstream>

#include <nlohmann/json.hpp>

#include "kiosk/store/agenda_change_rows.hpp"
#include "kiosk/store/export_record.hpp"
#include "kiosk/store/key_value.hpp"

namespace einlass::store {

namespace {

// Enrolment, cursors and the received config: one row each in sync_state.
constexpr KeyValueTable kState{"sync_state"};

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines)
    out += line + "\n";
  return out;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

void put_config(KioskStore& store, const EnrolledConfig& config) {
  kState.put(store.db(), "event_config", config.event_config);
  kState.put(store.db(), "public_keys", join_lines(config.public_keys));
  kState.put_int(store.db(), "config_version", config.version);
}

}  // namespace

std::optional<Enrolment> load_enrolment(const KioskStore& store) {
  const auto url = kState.get(store.db(), "server_url");
  const auto token = kState.get(store.db(), "token");
  if (!url || !token) return std::nullopt;
  Enrolment e;
  e.server_url = *url;
  e.token = *token;
  e.venue = kState.get(store.db(), "venue").value_or("");
  e.ca_file = kState.get(store.db(), "ca_file").value_or("");
  e.pinned_public_key = kState.get(store.db(), "pinned_public_key").value_or("");
  e.enrolled_ms = kState.get_int(store.db(), "enrolled_ms");
  return e;
}

void save_enrolment(KioskStore& store, const Enrolment& e, const EnrolledConfig& config) {
  Transaction tx(store.db());
  const auto previous_venue = kState.get(store.db(), "venue");
  if (previous_venue && *previous_venue != e.venue) {
    // Moved to another venue: the old venue's people must not stay on this laptop. Walk-ins
    // and events stay: they are this kiosk's own records, still to be synced.
    store.db().exec(
        "DELETE FROM roster WHERE walk_in = 0; DELETE FROM agenda_changes; "
        "DELETE FROM sync_state WHERE key IN ('cursor_events', 'cursor_roster', "
        "'cursor_agenda')");
  }
  kState.put(store.db(), "server_url", e.server_url);
  kState.put(store.db(), "token", e.token);
  kState.put(store.db(), "venue", e.venue);
  kState.put(store.db(), "ca_file", e.ca_file);
  kState.put(store.db(), "pinned_public_key", e.pinned_public_key);
  kState.put_int(store.db(), "enrolled_ms", e.enrolled_ms);
  // The first enrolment since the last wipe remembers the newest event then: those up to it
  // were recorded without a server, and if the server refuses them only an export keeps them.
  if (!kState.get(store.db(), "last_event_before_enrolment"))
    kState.put_int(store.db(), "last_event_before_enrolment",
                   store.db().query_int("SELECT COALESCE(MAX(seq), 0) FROM events"));
  store.db().exec("DELETE FROM sync_state WHERE key IN ('revoked_ms', 'retention_over_ms')");
  put_config(store, config);
  tx.commit();
}

std::optional<EnrolledConfig> load_enrolled_config(const KioskStore& store) {
  const auto text = kState.get(store.db(), "event_config");
  if (!text) return std::nullopt;
  EnrolledConfig c;
  c.event_config = *text;
  c.public_keys = split_lines(kState.get(store.db(), "public_keys").value_or(""));
  c.version = kState.get_int(store.db(), "config_version");
  return c;
}

std::optional<std::string> load_enrolled_venue(const KioskStore& store) {
  return load_enrolled_venue(store.db());
}

std::optional<std::string> load_enrolled_venue(const Database& db) {
  // A store from before sync (schema step 2) was never enrolled.
  if (!db.query_text("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'"))
    return std::nullopt;
  auto venue = kState.get(db, "venue");
  if (venue && venue->empty()) return std::nullopt;
  return venue;
}

void save_enrolled_config(KioskStore& store, const EnrolledConfig& config) {
  Transaction tx(store.db());
  put_config(store, config);
  tx.commit();
}

int64_t last_event_before_enrolment(const KioskStore& store) {
  return kState.get_int(store.db(), "last_event_before_enrolment");
}

bool is_revoked(const KioskStore& store) {
  return kState.get(store.db(), "revoked_ms").has_value() || is_retired_after_retention(store);
}

SyncCursors load_cursors(const KioskStore& store) {
  return {kState.get_int(store.db(), "cursor_events"), kState.get_int(store.db(), "cursor_roster"),
          kState.get_int(store.db(), "cursor_agenda")};
}

std::vector<OutboxItem> outbox_batch(const KioskStore& store, int limit) {
  std::vector<OutboxItem> out;
  for (auto& [seq, event] : store.outbox_events(limit))
    out.push_back({seq, std::move(event)});
  return out;
}

void settle_outbox(KioskStore& store, const std::vector<int64_t>& acknowledged,
                   const std::vector<std::pair<int64_t, std::string>>& rejected) {
  Transaction tx(store.db());
  Statement remove = store.db().prepare("DELETE FROM outbox WHERE event_seq = ?");
  for (int64_t seq : acknowledged) {
    remove.bind(1, seq);
    remove.run();
  }
  Statement refuse = store.db().prepare(
      "UPDATE outbox SET rejected = 1, attempts = attempts + 1, last_error = ? "
      "WHERE event_seq = ?");
  for (const auto& [seq, reason] : rejected) {
    refuse.bind(1, reason).bind(2, seq);
    refuse.run();
  }
  tx.commit();
}

void note_attempt(KioskStore& store, const std::vector<int64_t>& seqs, const std::string& error) {
  Transaction tx(store.db());
  Statement st = store.db().prepare(
      "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE event_seq = ?");
  for (int64_t seq : seqs) {
    st.bind(1, error).bind(2, seq);
    st.run();
  }
  tx.commit();
}

std::vector<RejectedEvent> rejected_events(const KioskStore& store) {
  std::vector<std::pair<std::string, std::string>> rows;
  Statement st = store.db().prepare(
      "SELECT e.uuid, o.last_error FROM outbox o JOIN events e ON e.seq = o.event_seq "
      "WHERE o.rejected = 1 ORDER BY o.event_seq");
  while (st.step())
    rows.emplace_back(st.text(0), st.text(1));
  std::vector<RejectedEvent> out;
  for (const auto& [uuid, reason] : rows)
    if (auto event = store.event_by_uuid(uuid)) out.push_back({std::move(*event), reason});
  return out;
}

size_t apply_remote_events(KioskStore& store, const std::vector<core::CheckinEvent>& events,
                           int64_t cursor, int64_t now_ms) {
  const size_t added = events.empty() ? 0 : store.merge_remote(events, now_ms);
  Transaction tx(store.db());
  for (const core::CheckinEvent& e : events) {
    if (e.kind != core::EventKind::WalkIn || e.detail.empty()) continue;
    if (store.roster_by_participant(e.participant)) continue;
    core::RosterEntry walk_in;
    walk_in.participant_id = e.participant;
    walk_in.venue = e.venue;
    walk_in.day = e.day;
    walk_in.walk_in = true;
    // The protocol checked that the detail is a JSON object; take the fields staff search by.
    const auto detail = nlohmann::json::parse(e.detail, nullptr, false);
    const auto read = [&](const char* key) {
      const auto it = detail.find(key);
      return it != detail.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    walk_in.first_name = read("first_name");
    walk_in.last_name = read("last_name");
    walk_in.organisation = read("organisation");
    store.upsert_roster(tx, walk_in);
  }
  kState.put_int(store.db(), "cursor_events", cursor);
  tx.commit();
  return added;
}

void apply_roster_page(KioskStore& store, const std::vector<core::RosterEntry>& entries,
                       const std::vector<std::string>& removed, int64_t cursor) {
  Transaction tx(store.db());
  store.upsert_roster(tx, entries);
  Statement remove =
      store.db().prepare("DELETE FROM roster WHERE participant_id = ? AND walk_in = 0");
  for (const std::string& id : removed) {
    remove.bind(1, id);
    remove.run();
  }
  kState.put_int(store.db(), "cursor_roster", cursor);
  tx.commit();
}

void apply_agenda_changes(KioskStore& store, const std::vector<core::AgendaChange>& changes,
                          int64_t cursor) {
  Transaction tx(store.db());
  Statement insert =
      store.db().prepare("INSERT OR REPLACE INTO agenda_changes (" +
                         std::string(kAgendaChangeColumns) + ") VALUES (?,?,?,?,?,?,?,?,?,?,?)");
  for (const core::AgendaChange& c : changes) {
    bind_agenda_change_columns(insert, c);
    insert.run();
  }
  kState.put_int(store.db(), "cursor_agenda", cursor);
  tx.commit();
}

std::vector<core::AgendaChange> agenda_changes_for(const KioskStore& store,
                                                   const std::string& venue,
                                                   const std::string& day) {
  std::vector<core::AgendaChange> out;
  Statement st = store.db().prepare("SELECT " + std::string(kAgendaChangeColumns) +
                                    " FROM agenda_changes WHERE venue = ? AND day = ? "
                                    "ORDER BY id");
  st.bind(1, venue).bind(2, day);
  while (st.step())
    out.push_back(read_agenda_change_columns(st));
  return out;
}

namespace {

enum class WipeCause { Revoked, RetentionOver, RetentionOverExported };

// The one wipe behind a revocation and the end of the retention period. Counts and checks are
// taken inside the write transaction, so nothing committed meanwhile is missed.
std::optional<WipeRecord> wipe(KioskStore& store, int64_t now_ms, const std::string& reason,
                               WipeCause cause) {
  Database& db = store.db();
  // Freed pages are overwritten with zeros, so the names are gone from the file, not merely
  // unlinked from the b-tree.
  db.exec("PRAGMA secure_delete = ON");
  WipeRecord record;
  {
    Transaction tx(db);
    const StoreCounts c = store.counts();
    // After the retention period only: a check-in recorded since the caller looked has not
    // reached the server and exists nowhere else. (Refused events can never sync; they go.)
    if (cause == WipeCause::RetentionOver && c.outbox_waiting > 0) return std::nullopt;
    // Refused check-ins from before the enrolment were never on any server: only an export
    // keeps them (retention_wipe.hpp).
    if (cause == WipeCause::RetentionOver &&
        unexported_refused_event_count(store, last_event_before_enrolment(store)) > 0)
      return std::nullopt;
    // Not enrolled: the export file is the only other copy; a check-in since the last export
    // is in none.
    if (cause == WipeCause::RetentionOverExported && unexported_event_count(store) > 0)
      return std::nullopt;
    record.wiped_ms = now_ms;
    record.reason = reason;
    record.counts_json = "{\"events\":" + std::to_string(c.events) +
                         ",\"checked_in\":" + std::to_string(c.checked_in) +
                         ",\"walk_ins\":" + std::to_string(c.walk_ins) +
                         ",\"roster\":" + std::to_string(c.roster) +
                         ",\"unsent_events\":" + std::to_string(c.outbox_waiting) +
                         ",\"rejected_events\":" + std::to_string(c.outbox_rejected) + "}";
    db.prepare("INSERT INTO wipe_log (wiped_ms, reason, counts) VALUES (?, ?, ?)")
        .bind(1, record.wiped_ms)
        .bind(2, record.reason)
        .bind(3, record.counts_json)
        .run();
    db.exec(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('purge_unlocked', '1');"
        "DELETE FROM kiosk_assignments; DELETE FROM outbox; DELETE FROM events;"
        "DELETE FROM roster; DELETE FROM meta WHERE key = 'purge_unlocked';"
        "DELETE FROM sync_state WHERE key IN ('token', 'cursor_events', 'cursor_roster', "
        "'cursor_agenda', 'last_event_before_enrolment');");
    // Both stop the kiosk; staff are told which one it was (a retired kiosk is not "revoked").
    kState.put_int(db, cause == WipeCause::Revoked ? "revoked_ms" : "retention_over_ms", now_ms);
    tx.commit();
  }
  // Move the WAL's copies of the deleted pages into the (zeroed) main file and truncate the
  // WAL. Another connection still reading keeps it from completing (first column = busy).
  try {
    Statement st = db.prepare("PRAGMA wal_checkpoint(TRUNCATE)");
    record.wal_checkpoint_busy = st.step() && st.integer(0) != 0;
  } catch (const StoreError&) {
    record.wal_checkpoint_busy = true;
  }
  return record;
}

}  // namespace

WipeRecord wipe_personal_data(KioskStore& store, int64_t now_ms, const std::string& reason) {
  return *wipe(store, now_ms, reason, WipeCause::Revoked);
}

std::optional<WipeRecord> wipe_after_retention_period(KioskStore& store, int64_t now_ms,
                                                      const std::string& reason) {
  return wipe(store, now_ms, reason, WipeCause::RetentionOver);
}

std::optional<WipeRecord> wipe_after_retention_period_exported(KioskStore& store, int64_t now_ms,
                                                               const std::string& reason) {
  return wipe(store, now_ms, reason, WipeCause::RetentionOverExported);
}

bool is_retired_after_retention(const KioskStore& store) {
  return kState.get(store.db(), "retention_over_ms").has_value();
}

std::vector<WipeRecord> wipe_log(const KioskStore& store) {
  std::vector<WipeRecord> out;
  Statement st = store.db().prepare("SELECT wiped_ms, reason, counts FROM wipe_log ORDER BY rowid");
  while (st.step())
    out.push_back({st.integer(0), st.text(1), st.text(2)});
  return out;
}

}  // namespace einlass::store
