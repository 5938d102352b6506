#include "sync/server/retention/retention_purge.hpp"

#include <array>
#include <filesystem>
#include <string_view>

#include "kiosk/core/unix_time.hpp"
#include "sync/server/attendance.hpp"
#include "sync/server/export/attendance_report.hpp"
#include "sync/server/retention/retained_counts.hpp"
#include "sync/server/retention/ticket_folders.hpp"

namespace einlass::sync::server {

namespace {

// Every server table that holds personal data, children before parents. Tables of features a
// database may predate are skipped when absent. A new table with names, e-mail addresses or
// per-person records belongs on this list.
constexpr std::array<std::string_view, 6> kPersonalTables{
    "registration_changes",  // old and new values of names and addresses (import history)
    "import_identities",     // "email:<address>" -> registration
    "mail_outbox",           // addresses and ticket codes of the e-mails
    "roster_departures",     // which registration left which venue
    "registrations",         // names, e-mail, organisation, opaque codes, topics
    "events",                // per person: entries, rooms, walk-ins' names in `detail`
};

bool table_exists(const store::Database& db, std::string_view table) {
  store::Statement st = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
  st.bind(1, table);
  return st.step();
}

bool column_exists(const store::Database& db, std::string_view table, std::string_view column) {
  store::Statement st = db.prepare("SELECT 1 FROM pragma_table_info(?) WHERE name = ?");
  st.bind(1, table).bind(2, column);
  return st.step();
}

int64_t count_of(const PurgePlan& plan, std::string_view table) {
  for (const auto& [name, rows] : plan.tables)
    if (name == table) return rows;
  return 0;
}

}  // namespace

int64_t PurgePlan::rows() const {
  int64_t total = 0;
  for (const auto& [table, n] : tables)
    total += n;
  return total;
}

PurgePlan plan_purge(const store::Database& db, const core::Event& event, int64_t now_ms) {
  PurgePlan plan;
  plan.period = core::retention_period(event);
  plan.period_over = now_ms >= plan.period.ends_ms;
  for (std::string_view table : kPersonalTables) {
    if (!table_exists(db, table)) continue;
    plan.tables.emplace_back(std::string(table),
                             db.query_int("SELECT COUNT(*) FROM " + std::string(table)));
  }
  // Also the printable PNG of a ticket without a usable address, which no .eml points to.
  if (table_exists(db, "mail_outbox") && column_exists(db, "mail_outbox", "eml_file"))
    plan.files = existing_ticket_files(db);
  return plan;
}

PurgePlan purge_personal_data(store::Database& db, const ServerConfig& config,
                              const PurgeOptions& options) {
  const int64_t now_ms = core::unix_now_ms();
  PurgePlan plan = plan_purge(db, config.event, now_ms);
  if (!plan.period_over && !options.before_period_ends)
    throw PurgeRefused(core::describe_retention(config.event) +
                       "; nothing was deleted. Run purge again after that date.");

  // Freed pages are overwritten, so the names are gone from the file, not merely unlinked.
  db.exec("PRAGMA secure_delete = ON");
  {
    store::Transaction tx(db);
    // The totals so far (live events plus what an earlier purge kept) become the kept counts.
    const AttendanceReport report = build_attendance_report(db, config.event, std::nullopt);
    std::vector<RetainedDayCount> days;
    for (const DayCounts& d : report.days)
      days.push_back({d.venue, d.day, d.registered, d.checked_in, d.walk_ins, d.no_shows});
    std::vector<RetainedRoomCount> rooms;
    for (const DayAttendance& a : attendance(db))
      for (const auto& [key, people] : a.rooms)
        rooms.push_back({a.venue, a.day, key.first, key.second, people});
    store_retained_counts(db, days, rooms);

    for (const auto& [table, rows] : plan.tables)
      db.exec("DELETE FROM " + table);
    db.prepare(
          "INSERT INTO purge_log (purged_ms, requested_by, registrations, events, other_rows, "
          "early) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(1, now_ms)
        .bind(2, options.requested_by)
        .bind(3, count_of(plan, "registrations"))
        .bind(4, count_of(plan, "events"))
        .bind(5, plan.rows() - count_of(plan, "registrations") - count_of(plan, "events"))
        .bind(6, plan.period_over ? 0 : 1)
        .run();
    tx.commit();
  }
  // Fold the WAL's copies of the deleted pages into the zeroed main file. The first column of
  // the result says whether another connection kept it from completing.
  try {
    store::Statement st = db.prepare("PRAGMA wal_checkpoint(TRUNCATE)");
    plan.wal_checkpoint_busy = st.step() && st.integer(0) != 0;
  } catch (const store::StoreError&) {
    plan.wal_checkpoint_busy = true;
  }
  for (const std::string& file : plan.files) {
    std::error_code ec;
    if (std::filesystem::remove(file, ec))
      plan.files_removed.push_back(file);
    else if (ec)
      plan.files_not_removed.push_back(file + " (" + ec.message() + ")");
  }
  return plan;
}

std::vector<PurgeLogEntry> purge_log(const store::Database& db) {
  std::vector<PurgeLogEntry> out;
  store::Statement st = db.prepare(
      "SELECT purged_ms, requested_by, registrations, events, other_rows, early FROM purge_log "
      "ORDER BY id");
  while (st.step())
    out.push_back({st.integer(0), st.text(1), st.integer(2), st.integer(3), st.integer(4),
                   st.integer(5) != 0});
  return out;
}

}  // namespace einlass::sync::server
