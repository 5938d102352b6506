#include "kiosk/store/migrations.hpp"

#include <array>
#include <span>
#include <string>
#include <string_view>

namespace einlass::store {

namespace {

// Never edit a step once released: add a new one. Index + 1 is the version it produces.
constexpr std::array<std::string_view, 3> kSteps{
    R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- The append-only event log (principle 1). `seq` is local order only; `uuid` is identity.
CREATE TABLE events (
  seq           INTEGER PRIMARY KEY,
  uuid          TEXT NOT NULL UNIQUE,
  kind          TEXT NOT NULL,
  participant   TEXT NOT NULL,
  venue         TEXT NOT NULL,
  day           TEXT NOT NULL,
  round         INTEGER NOT NULL DEFAULT 0,
  room          TEXT NOT NULL DEFAULT '',
  rooms         TEXT NOT NULL DEFAULT '',
  rooms_here    TEXT NOT NULL DEFAULT '',
  device        TEXT NOT NULL,
  wall_ms       INTEGER NOT NULL,
  hlc_ms        INTEGER NOT NULL,
  hlc_counter   INTEGER NOT NULL,
  ref           TEXT NOT NULL DEFAULT '',
  detail        TEXT NOT NULL DEFAULT '',
  origin        TEXT NOT NULL DEFAULT 'local'
);
CREATE INDEX events_by_participant ON events (participant, kind);
CREATE INDEX events_by_ref ON events (ref) WHERE ref <> '';
CREATE INDEX events_by_room ON events (round, room) WHERE kind = 'room_entry';

CREATE TRIGGER events_are_append_only BEFORE UPDATE ON events
BEGIN
  SELECT RAISE(ABORT, 'check-in events are immutable');
END;
-- Deleting is allowed only while a retention purge has unlocked it in the same transaction.
CREATE TRIGGER events_are_kept BEFORE DELETE ON events
WHEN (SELECT value FROM meta WHERE key = 'purge_unlocked') IS NOT '1'
BEGIN
  SELECT RAISE(ABORT, 'check-in events are kept until the retention period ends');
END;

-- Seats the kiosk itself assigned (walk-ins, fewer choices), per round and room.
CREATE TABLE kiosk_assignments (
  event_seq INTEGER NOT NULL REFERENCES events (seq),
  round     INTEGER NOT NULL,
  room      TEXT NOT NULL
);
CREATE INDEX kiosk_assignments_by_room ON kiosk_assignments (round, room);

-- Events not yet acknowledged by the server; written in the same transaction as the event.
CREATE TABLE outbox (
  event_seq  INTEGER PRIMARY KEY REFERENCES events (seq),
  attempts   INTEGER NOT NULL DEFAULT 0,
  rejected   INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT ''
);

-- This venue's registrations (synced) and this kiosk's walk-ins.
CREATE TABLE roster (
  participant_id  TEXT PRIMARY KEY,
  registration_id INTEGER,
  ticket_serial   INTEGER NOT NULL DEFAULT 0,
  opaque_code     TEXT,
  first_name      TEXT NOT NULL DEFAULT '',
  last_name       TEXT NOT NULL DEFAULT '',
  organisation    TEXT NOT NULL DEFAULT '',
  search_key      TEXT NOT NULL DEFAULT '',
  venue           TEXT NOT NULL,
  day             TEXT NOT NULL DEFAULT '',
  round_topics    TEXT NOT NULL DEFAULT '',
  unplaced_topics TEXT NOT NULL DEFAULT '',
  cancelled       INTEGER NOT NULL DEFAULT 0,
  walk_in         INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX roster_by_registration ON roster (registration_id)
  WHERE registration_id IS NOT NULL;
CREATE UNIQUE INDEX roster_by_code ON roster (opaque_code) WHERE opaque_code IS NOT NULL;
)sql",
    // 2: sync with the central server (sync/client).
    R"sql(
-- Where the server is, this kiosk's token there, the enrolled venue, the event config and
-- ticket keys the server handed out, and how far each feed has been read (cursors are the
-- server's, never this kiosk's clock).
CREATE TABLE sync_state (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- The organiser's live agenda changes, a log applied in id order to the configured agenda
-- (kiosk/core/agenda_changes.hpp). Times in minutes since midnight; NULL = not changed.
CREATE TABLE agenda_changes (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL,
  venue      TEXT NOT NULL,
  day        TEXT NOT NULL,
  from_min   INTEGER NOT NULL DEFAULT 0,
  minutes    INTEGER NOT NULL DEFAULT 0,
  item       INTEGER NOT NULL DEFAULT -1,
  start_min  INTEGER,
  end_min    INTEGER,
  title      TEXT,
  created_ms INTEGER NOT NULL DEFAULT 0
);

-- What remains after a revocation wiped the personal data: when, and anonymous counts.
CREATE TABLE wipe_log (
  wiped_ms INTEGER NOT NULL,
  reason   TEXT NOT NULL,
  counts   TEXT NOT NULL
);

-- The sync engine reads the outbox in order, skipping what the server refused.
CREATE INDEX outbox_waiting ON outbox (rejected, event_seq);
)sql",
    // 3: the kiosk's own attendance exports (einlass-kiosk export, kiosk/store/export_record).
    R"sql(
-- Every export of this kiosk's attendance list: what, when, where to, and up to which local
-- event. A kiosk never enrolled with a server has no other copy of its check-ins, so purge
-- deletes them only once an export covers each one. Kept by the wipe (no names in it): it
-- answers "who took the list out, and when?" after the personal data is gone.
CREATE TABLE exports (
  id         INTEGER PRIMARY KEY,
  created_ms INTEGER NOT NULL,
  format     TEXT NOT NULL,
  file       TEXT NOT NULL,
  venue      TEXT NOT NULL DEFAULT '',  -- '' = every venue in the store
  day        TEXT NOT NULL DEFAULT '',  -- '' = every day
  up_to_seq  INTEGER NOT NULL,          -- the newest events.seq the file includes
  rows       INTEGER NOT NULL,
  counts     TEXT NOT NULL DEFAULT '{}',
  -- wipe_log rows when written. A wipe deletes every event and events.seq starts again at 1,
  -- so an export covers only events recorded since the same number of wipes.
  after_wipes INTEGER NOT NULL DEFAULT 0
);
)sql",
};

}  // namespace

int latest_schema_version() {
  return static_cast<int>(kSteps.size());
}

void apply_schema_steps(Database& db, std::span<const std::string_view> steps,
                        std::string_view program) {
  const int latest = static_cast<int>(steps.size());
  const int current = static_cast<int>(db.query_int("PRAGMA user_version"));
  if (current > latest) {
    throw StoreError(db.file().string() + " was written by a newer " + std::string(program) +
                     " (schema version " + std::to_string(current) + ", this program knows up to " +
                     std::to_string(latest) +
                     "). Install the newer version; the file was not changed.");
  }
  for (int version = current; version < latest; ++version) {
    Transaction tx(db);
    db.exec(steps[static_cast<size_t>(version)]);
    db.exec("PRAGMA user_version = " + std::to_string(version + 1));
    tx.commit();
  }
}

void migrate(Database& db) {
  apply_schema_steps(db, kSteps, "Einlass");
}

}  // namespace einlass::store
