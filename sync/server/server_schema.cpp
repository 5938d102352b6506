#include "sync/server/server_schema.hpp"

#include <array>
#include <string>
#include <string_view>

#include "kiosk/store/migrations.hpp"

namespace einlass::sync::server {

namespace {

constexpr std::array<std::string_view, 1> kSteps{
    R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Ticket public keys handed to kiosks (the secret keys stay in files with the organiser).
CREATE TABLE ticket_keys (
  key_id      TEXT PRIMARY KEY,
  public_line TEXT NOT NULL,
  added_ms    INTEGER NOT NULL
);

-- One-time enrolment codes; only a hash is stored, like passwords.
CREATE TABLE enrolment_codes (
  code_hash  TEXT PRIMARY KEY,
  venue      TEXT NOT NULL,
  label      TEXT NOT NULL DEFAULT '',
  created_ms INTEGER NOT NULL,
  expires_ms INTEGER NOT NULL,
  used_ms    INTEGER,
  device_id  TEXT
);

CREATE TABLE devices (
  device_id    TEXT PRIMARY KEY,
  venue        TEXT NOT NULL,
  label        TEXT NOT NULL DEFAULT '',
  token_hash   TEXT NOT NULL UNIQUE,
  enrolled_ms  INTEGER NOT NULL,
  last_seen_ms INTEGER,
  revoked_ms   INTEGER
);

CREATE TABLE organiser_tokens (
  name       TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  created_ms INTEGER NOT NULL,
  revoked_ms INTEGER
);

-- The union of every kiosk's events (principle 1). `seq` is the cursor kiosks read from: with
-- SQLite's single writer, seq order is commit order, so a reader never skips a late commit.
CREATE TABLE events (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid        TEXT NOT NULL UNIQUE,
  kind        TEXT NOT NULL,
  participant TEXT NOT NULL,
  venue       TEXT NOT NULL,
  day         TEXT NOT NULL,
  round       INTEGER NOT NULL DEFAULT 0,
  room        TEXT NOT NULL DEFAULT '',
  rooms       TEXT NOT NULL DEFAULT '',
  rooms_here  TEXT NOT NULL DEFAULT '',
  device      TEXT NOT NULL,
  wall_ms     INTEGER NOT NULL,
  hlc_ms      INTEGER NOT NULL,
  hlc_counter INTEGER NOT NULL,
  ref         TEXT NOT NULL DEFAULT '',
  detail      TEXT NOT NULL DEFAULT '',
  received_ms INTEGER NOT NULL
);
CREATE INDEX events_by_venue ON events (venue, seq);
CREATE INDEX events_by_participant ON events (participant, kind);
CREATE INDEX events_by_ref ON events (ref) WHERE ref <> '';
CREATE TRIGGER events_are_append_only BEFORE UPDATE ON events
BEGIN
  SELECT RAISE(ABORT, 'check-in events are immutable');
END;

-- Registrations. changed_seq is the roster cursor: it grows with every change, so a kiosk
-- pulls only what changed since it last asked. Kept general for imports and ticket mailing.
CREATE TABLE registrations (
  id            INTEGER PRIMARY KEY,
  first_name    TEXT NOT NULL DEFAULT '',
  last_name     TEXT NOT NULL DEFAULT '',
  organisation  TEXT NOT NULL DEFAULT '',
  email         TEXT NOT NULL DEFAULT '',
  venue         TEXT NOT NULL,
  day           TEXT NOT NULL DEFAULT '',
  topics        TEXT NOT NULL DEFAULT '',
  round_topics  TEXT NOT NULL DEFAULT '',
  ticket_serial INTEGER NOT NULL DEFAULT 0,
  cancelled     INTEGER NOT NULL DEFAULT 0,
  opaque_code   TEXT UNIQUE,
  changed_seq   INTEGER NOT NULL,
  created_ms    INTEGER NOT NULL,
  updated_ms    INTEGER NOT NULL
);
CREATE INDEX registrations_by_venue ON registrations (venue, changed_seq);

-- A registration moved to another venue: the old venue's kiosks must drop it.
CREATE TABLE roster_departures (
  registration_id INTEGER NOT NULL,
  venue           TEXT NOT NULL,
  changed_seq     INTEGER NOT NULL
);
CREATE INDEX roster_departures_by_venue ON roster_departures (venue, changed_seq);

CREATE TABLE agenda_changes (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  kind       TEXT NOT NULL,
  venue      TEXT NOT NULL,
  day        TEXT NOT NULL,
  from_min   INTEGER NOT NULL DEFAULT 0,
  minutes    INTEGER NOT NULL DEFAULT 0,
  item       INTEGER NOT NULL DEFAULT -1,
  start_min  INTEGER,
  end_min    INTEGER,
  title      TEXT,
  created_ms INTEGER NOT NULL
);
CREATE INDEX agenda_changes_by_venue ON agenda_changes (venue, id);
)sql",
};

}  // namespace

int latest_server_schema_version() {
  return static_cast<int>(kSteps.size());
}

void migrate_server(store::Database& db) {
  store::apply_schema_steps(db, kSteps, "einlass-server");
}

}  // namespace einlass::sync::server
