#pragma once
// `einlass-server purge`: after the retention period, delete every participant's personal
// data (registrations with names, e-mail, organisation and opaque codes; the check-in events
// with rooms per person and walk-ins' details; import history; ticket e-mails) and keep only
// the anonymous counts per venue, day, round and room, which attendance and exports read on.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "kiosk/core/retention.hpp"
#include "kiosk/store/sqlite_db.hpp"
#include "sync/server/server_config.hpp"

namespace einlass::sync::server {

struct PurgePlan {
  core::RetentionPeriod period;
  bool period_over = false;
  std::vector<std::pair<std::string, int64_t>> tables;  // table -> rows that go
  // Ticket files of the mail outbox that exist: each .eml and QR PNG (R<id>-<serial>.png),
  // also PNGs of tickets without an e-mail (see ticket_folders.hpp).
  std::vector<std::string> files;
  // After a purge: what was really removed, and what could not be (with the reason).
  std::vector<std::string> files_removed;
  std::vector<std::string> files_not_removed;
  // The WAL could not be folded into the main file (another connection, e.g. a running
  // server, was reading): copies of deleted pages may remain in the -wal file until it can.
  bool wal_checkpoint_busy = false;
  int64_t rows() const;
};

// Looks only; changes nothing (`purge --dry-run`).
PurgePlan plan_purge(const store::Database& db, const core::Event& event, int64_t now_ms);

// "Period over" and the logged time always come from the real clock (core::unix_now_ms()): a
// pretended date must neither delete early nor make the log say the purge was on time.
struct PurgeOptions {
  bool before_period_ends = false;  // explicit override (tests, a data protection order)
  std::string requested_by;
};

// The period has not ended and no override was given; nothing was deleted.
class PurgeRefused : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Stores the counts and deletes in one transaction (freed pages are zeroed: secure_delete),
// logs the purge, then removes the e-mail files. Returns what went.
PurgePlan purge_personal_data(store::Database& db, const ServerConfig& config,
                              const PurgeOptions& options);

struct PurgeLogEntry {
  int64_t purged_ms = 0;
  std::string requested_by;
  int64_t registrations = 0, events = 0, other_rows = 0;
  bool early = false;
};
std::vector<PurgeLogEntry> purge_log(const store::Database& db);

}  // namespace einlass::sync::server
