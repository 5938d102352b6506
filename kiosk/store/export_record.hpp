#pragma once
// The kiosk's record of its own attendance exports (`einlass-kiosk export`): what was written,
// when, where to, and up to which local event. A kiosk that is not enrolled with a server has
// no other copy of its check-ins; these records are how `purge` knows each one is safe in a
// file before it deletes the names.

#include <cstdint>
#include <string>
#include <vector>

#include "kiosk/store/kiosk_store.hpp"

namespace einlass::store {

struct ExportRecord {
  int64_t id = 0;
  int64_t created_ms = 0;
  std::string format;     // "csv-excel"
  std::string file;       // absolute path written
  std::string venue;      // "" = every venue in the store
  std::string day;        // "" = every day
  int64_t up_to_seq = 0;  // the newest local event (events.seq) the file includes
  int64_t rows = 0;       // people listed
  std::string counts_json;
};

// Inside the caller's transaction (the file is renamed into place in the same one). Returns the
// new record's id.
int64_t record_export(Transaction& tx, KioskStore& store, const ExportRecord& record);
// Oldest first.
std::vector<ExportRecord> export_records(const KioskStore& store);

// Events no recorded export covers (an export covers the events of its venue and day up to its
// up_to_seq, unless a wipe came after it), per venue and day: what a purge of a kiosk without
// a server would lose.
struct UnexportedEvents {
  std::string venue, day;
  int64_t events = 0;
};
std::vector<UnexportedEvents> unexported_events(const KioskStore& store);
int64_t unexported_event_count(const KioskStore& store);
// The same for the events up to `up_to_seq` that the server refused (outbox.rejected): on an
// enrolled kiosk, those recorded before its enrolment exist nowhere else.
std::vector<UnexportedEvents> unexported_refused_events(const KioskStore& store, int64_t up_to_seq);
int64_t unexported_refused_event_count(const KioskStore& store, int64_t up_to_seq);

}  // namespace einlass::store
