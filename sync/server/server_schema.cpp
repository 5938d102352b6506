#include "sync/server/server_schema.hpp"

#include <array>
#include <string>
#include <string_view>

#include "kiosk/store/migrations.hpp"

namespace einlass::sync::server {

namespace {

constexpr std::array<std::string_view, 5> kSteps{
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
    // Step 2: registration import — change records, cancellations (issue 6).
    R"sql(
-- One row per `einlass-server import` that stored something: who/when for the change records.
CREATE TABLE import_runs (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  file       TEXT NOT NULL,
  started_ms INTEGER NOT NULL,
  added      INTEGER NOT NULL DEFAULT 0,
  changed    INTEGER NOT NULL DEFAULT 0,
  unchanged  INTEGER NOT NULL DEFAULT 0,
  cancelled  INTEGER NOT NULL DEFAULT 0,
  reissued   INTEGER NOT NULL DEFAULT 0,
  rejected   INTEGER NOT NULL DEFAULT 0
);

-- Who a CSV row is across re-imports: "id:<registration id of the site>" or
-- "email:<normalised address>", and the registration it became.
CREATE TABLE import_identities (
  identity        TEXT PRIMARY KEY,
  registration_id INTEGER NOT NULL UNIQUE
);

-- Every change an import made, field by field (old → new), for `import --history`.
CREATE TABLE registration_changes (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id          INTEGER NOT NULL REFERENCES import_runs (id),
  registration_id INTEGER NOT NULL,
  field           TEXT NOT NULL,
  old_value       TEXT NOT NULL DEFAULT '',
  new_value       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX registration_changes_by_run ON registration_changes (run_id, id);
CREATE INDEX registration_changes_by_registration ON registration_changes (registration_id, id);
)sql",
    // Step 3: ticket issuing and e-mail delivery (issue 6).
    R"sql(
-- One ticket e-mail per registration and ticket serial. state: queued -> sending -> sent, or
-- failed (5xx, bad address: permanent), or back to queued for a 4xx (retried later). A row
-- left in "sending" by a crash is "uncertain": the server may have taken the message, so it is
-- never sent again without the organiser saying so (see sync/server/mail/mail_outbox.hpp).
CREATE TABLE mail_outbox (
  registration_id INTEGER NOT NULL,
  ticket_serial   INTEGER NOT NULL,
  email           TEXT NOT NULL,
  code            TEXT NOT NULL,
  message_id      TEXT NOT NULL UNIQUE,
  eml_file        TEXT NOT NULL,
  state           TEXT NOT NULL CHECK (state IN
                    ('queued', 'sending', 'sent', 'failed', 'uncertain', 'no_address',
                     'superseded')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  server_answer   TEXT NOT NULL DEFAULT '',
  created_ms      INTEGER NOT NULL,
  updated_ms      INTEGER NOT NULL,
  sent_ms         INTEGER,
  PRIMARY KEY (registration_id, ticket_serial)
);
CREATE INDEX mail_outbox_by_state ON mail_outbox (state, registration_id);
)sql",
    // Step 4: exports and retention (issue 7).
    R"sql(
-- Every attendance export: who took which data out, when, and how many rows (issue 7).
CREATE TABLE export_log (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  created_ms   INTEGER NOT NULL,
  requested_by TEXT NOT NULL,
  format       TEXT NOT NULL,
  venue        TEXT NOT NULL DEFAULT '',
  rows         INTEGER NOT NULL,
  file         TEXT NOT NULL DEFAULT ''
);

-- Anonymous counts a retention purge keeps before deleting personal data, so attendance and
-- exports still give the figures per venue, day, round and room afterwards.
CREATE TABLE retained_day_counts (
  venue      TEXT NOT NULL,
  day        TEXT NOT NULL,
  registered INTEGER NOT NULL,
  checked_in INTEGER NOT NULL,
  walk_ins   INTEGER NOT NULL,
  no_shows   INTEGER NOT NULL,
  PRIMARY KEY (venue, day)
);
CREATE TABLE retained_room_counts (
  venue   TEXT NOT NULL,
  day     TEXT NOT NULL,
  round   INTEGER NOT NULL,
  room    TEXT NOT NULL,
  present INTEGER NOT NULL,
  PRIMARY KEY (venue, day, round, room)
);

-- Each purge: when, who, what went, and whether it ran before the period ended (override).
CREATE TABLE purge_log (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  purged_ms     INTEGER NOT NULL,
  requested_by  TEXT NOT NULL,
  registrations INTEGER NOT NULL,
  events        INTEGER NOT NULL,
  other_rows    INTEGER NOT NULL,
  early         INTEGER NOT NULL DEFAULT 0
);
)sql",
    // Step 5: organiser accounts and dashboard sessions (issue 7).
    R"sql(
-- Organisers who log in to the dashboard; the password only as an Argon2id hash.
CREATE TABLE organiser_accounts (
  name          TEXT PRIMARY KEY,
  password_hash TEXT NOT NULL,
  created_ms    INTEGER NOT NULL,
  changed_ms    INTEGER NOT NULL
);
-- Dashboard sessions: the cookie's token only as a SHA-256 hash.
CREATE TABLE dashboard_sessions (
  token_hash   TEXT PRIMARY KEY,
  account      TEXT NOT NULL,
  csrf_token   TEXT NOT NULL,
  created_ms   INTEGER NOT NULL,
  last_used_ms INTEGER NOT NULL
);
CREATE INDEX dashboard_sessions_by_account ON dashboard_sessions (account);
-- What each kiosk last reported with a request: events waiting in its outbox, clock skew.
CREATE TABLE device_sync_status (
  device_id     TEXT PRIMARY KEY,
  outbox        INTEGER NOT NULL,
  clock_skew_ms INTEGER NOT NULL,
  reported_ms   INTEGER NOT NULL
);
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
