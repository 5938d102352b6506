#pragma once
// The kiosk store's side of sync: enrolment, cursors, the outbox as the sync engine drains it,
// remote data applied, agenda changes, and the wipe after a revocation. Works on a KioskStore
// (its own connection: the sync thread opens one, the UI another), in short transactions so
// check-ins never wait long for the write lock.
//
// Every page from the server is applied before its cursor is saved; applying is idempotent
// (events merge by uuid, roster rows upsert by id), so a crash in between only repeats work.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/agenda_changes.hpp"
#include "kiosk/core/checkin_event.hpp"
#include "kiosk/core/roster_entry.hpp"
#include "kiosk/store/kiosk_store.hpp"

namespace einlass::store {

struct Enrolment {
  std::string server_url;  // "https://einlass.example.org" (no trailing slash)
  std::string token;       // bearer token; the server keeps only its hash
  std::string venue;
  std::string ca_file;            // optional private CA (PEM)
  std::string pinned_public_key;  // optional curl pin "sha256//…"
  int64_t enrolled_ms = 0;
};

// What the server handed out: the event config (TOML) and the ticket public keys.
struct EnrolledConfig {
  std::string event_config;
  std::vector<std::string> public_keys;  // lines of *.public files
  int64_t version = 0;
};

struct SyncCursors {
  int64_t events = 0;  // other kiosks' events read up to here
  int64_t roster = 0;
  int64_t agenda = 0;
};

struct OutboxItem {
  int64_t seq = 0;
  core::CheckinEvent event;
};

struct RejectedEvent {
  core::CheckinEvent event;
  std::string reason;  // the server's, for staff
};

struct WipeRecord {
  int64_t wiped_ms = 0;
  std::string reason;
  std::string counts_json;  // anonymous counts at the moment of the wipe
  // Not stored: the WAL could not be truncated (another connection was reading), so copies of
  // deleted pages may remain in the -wal file until the next checkpoint.
  bool wal_checkpoint_busy = false;
};

// Enrolment. Saving a different venue than before drops the old venue's roster, agenda
// changes and cursors: a kiosk holds only its own venue's data (principle 5).
std::optional<Enrolment> load_enrolment(const KioskStore& store);
void save_enrolment(KioskStore& store, const Enrolment& enrolment, const EnrolledConfig& config);
std::optional<EnrolledConfig> load_enrolled_config(const KioskStore& store);
// The venue the kiosk was enrolled for; kept after a revocation or a retention wipe (only the
// token goes), so a kiosk out of service still starts on its own venue. nullopt: never enrolled.
std::optional<std::string> load_enrolled_venue(const KioskStore& store);
// The same through a plain connection that neither checks nor migrates the store: for reading
// the venue before anything else is opened (app/config_sources).
std::optional<std::string> load_enrolled_venue(const Database& db);
void save_enrolled_config(KioskStore& store, const EnrolledConfig& config);
// The newest local event (events.seq) when the kiosk was first enrolled since its last wipe;
// 0 when it never was or had no events then. Events up to it were recorded without a server.
int64_t last_event_before_enrolment(const KioskStore& store);
// Out of service: revoked by the organiser, or wiped after the retention period.
bool is_revoked(const KioskStore& store);
// Wiped because the retention period was over (not a revocation; staff see their own text).
bool is_retired_after_retention(const KioskStore& store);

SyncCursors load_cursors(const KioskStore& store);

// Oldest first, at most `limit`, skipping events the server refused.
std::vector<OutboxItem> outbox_batch(const KioskStore& store, int limit);
// One transaction: acknowledged events leave the outbox; refused ones stay, marked with the
// server's reason, and are no longer sent.
void settle_outbox(KioskStore& store, const std::vector<int64_t>& acknowledged,
                   const std::vector<std::pair<int64_t, std::string>>& rejected);
// Counts one more failed attempt for these events (shown to staff when it keeps failing).
void note_attempt(KioskStore& store, const std::vector<int64_t>& seqs, const std::string& error);
std::vector<RejectedEvent> rejected_events(const KioskStore& store);

// Other kiosks' events: merged by uuid; a walk-in's roster row is created from its event so
// staff here can find them too. Returns how many events were new.
size_t apply_remote_events(KioskStore& store, const std::vector<core::CheckinEvent>& events,
                           int64_t cursor, int64_t now_ms);
// Roster rows of this venue (new, changed, cancelled) and ids that left it.
void apply_roster_page(KioskStore& store, const std::vector<core::RosterEntry>& entries,
                       const std::vector<std::string>& removed, int64_t cursor);
void apply_agenda_changes(KioskStore& store, const std::vector<core::AgendaChange>& changes,
                          int64_t cursor);
// The changes for one venue and day, in id order: pass them to core::apply_agenda_changes.
std::vector<core::AgendaChange> agenda_changes_for(const KioskStore& store,
                                                   const std::string& venue,
                                                   const std::string& day);

// The organiser revoked this kiosk: delete every event, outbox row, roster row (names) and the
// token, overwriting the freed pages, and keep only anonymous counts in wipe_log. The kiosk can
// be enrolled again with a new code.
WipeRecord wipe_personal_data(KioskStore& store, int64_t now_ms, const std::string& reason);
// The retention period is over: the same wipe, marked "retention over" instead of "revoked",
// and only if no event waits to be sent — checked inside the wipe's write transaction, so a
// check-in committed between the caller's check and the wipe is never lost. Events the server
// refused are deleted (they can never sync). nullopt: nothing was changed.
std::optional<WipeRecord> wipe_after_retention_period(KioskStore& store, int64_t now_ms,
                                                      const std::string& reason);
// The same for a kiosk that is not enrolled (no server has its check-ins): the check inside the
// write transaction is that a recorded export covers every event (export_record.hpp), so a
// check-in made after the last export is never deleted. The outbox (never sent) goes too.
std::optional<WipeRecord> wipe_after_retention_period_exported(KioskStore& store, int64_t now_ms,
                                                               const std::string& reason);
std::vector<WipeRecord> wipe_log(const KioskStore& store);

}  // namespace einlass::store
