#include <filesystem>
#include <iostream>
#include <memory>
#include <set>

#include "kiosk/core/unix_time.hpp"
#include "sync/server/export/attendance_export.hpp"
#include "sync/server/export/cli_requester.hpp"
#include "sync/server/retention/clock_option.hpp"
#include "sync/server/retention/retention_purge.hpp"
#include "sync/server/server_commands.hpp"
#include "sync/server/server_db.hpp"

namespace einlass::sync::server {

namespace {

struct PurgeArgs {
  std::string db, now;
  bool dry_run = false, before_period_ends = false;
};

void print_plan(const PurgePlan& plan, std::string_view verb, size_t files) {
  for (const auto& [table, rows] : plan.tables)
    std::cout << "  " << table << ": " << rows << " rows " << verb << "\n";
  if (files > 0) std::cout << "  ticket files (.eml and QR .png): " << files << " " << verb << "\n";
  std::cout << "  kept: anonymous counts per venue, day, round and room (registered, checked "
               "in, walk-ins, no-shows, present)\n";
}

// Exports are files outside the database: the organiser has to delete those with names.
void remind_of_exports(const store::Database& db) {
  bool header = false;
  std::set<std::string> named;
  for (const ExportLogEntry& e : export_log(db)) {
    std::error_code ec;
    if (e.rows == 0 || !std::filesystem::exists(e.file, ec) || !named.insert(e.file).second)
      continue;
    if (!header)
      std::cout << "These exports list participants by name and still exist; delete "
                   "them too:\n";
    header = true;
    std::cout << "  " << e.file << "\n";
  }
}

}  // namespace

CommandRunner add_purge_command(CLI::App& app) {
  auto args = std::make_shared<PurgeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "purge",
      "after the retention period: delete participants' personal data, keep anonymous counts");
  add_db_option(*cmd, args->db);
  cmd->add_flag("--dry-run", args->dry_run, "show what would be deleted; change nothing");
  cmd->add_option("--now", args->now,
                  "with --dry-run only: show what would happen at this venue time "
                  "(2019-12-26T09:00); a real purge always goes by the clock");
  cmd->add_flag("--before-period-ends", args->before_period_ends,
                "delete even though the retention period has not ended (a deletion request, "
                "tests)");
  return [args]() -> int {
    const auto db = open_server_db(server_db_path(args->db));
    const auto config = load_server_config(*db);
    int64_t now_ms = core::unix_now_ms();
    // A real purge decides "period over" and logs its time by the clock alone: a pretended
    // date could delete early without the log saying so.
    if (!args->now.empty() && !args->dry_run) {
      std::cerr << "einlass-server: --now only works with --dry-run; a real purge goes by the "
                   "clock. Nothing was deleted. Run `purge --dry-run --now ...` to rehearse, or "
                   "`purge --before-period-ends` for a deletion request.\n";
      return kExitUsage;
    }
    if (!args->now.empty()) {
      try {
        now_ms = parse_now_option(args->now, config->event.timezone);
      } catch (const ClockOptionError& e) {
        std::cerr << "einlass-server: " << e.what() << "\n";
        return kExitUsage;
      }
    }
    if (args->dry_run) {
      const PurgePlan plan = plan_purge(*db, config->event, now_ms);
      std::cout << "dry run, nothing deleted; " << core::describe_retention(config->event)
                << (plan.period_over ? " — it has ended, purge may run:\n"
                                     : " — it has NOT ended; purge would refuse. It would:\n");
      print_plan(plan, "would be deleted", plan.files.size());
      return kExitOk;
    }
    PurgeOptions options;
    options.before_period_ends = args->before_period_ends;
    options.requested_by = cli_requester();
    try {
      const PurgePlan plan = purge_personal_data(*db, *config, options);
      std::cout << "purged personal data"
                << (plan.period_over ? "" : " BEFORE the retention period ended (override)")
                << ":\n";
      print_plan(plan, "deleted", plan.files_removed.size());
      remind_of_exports(*db);
      int exit_code = kExitOk;
      if (!plan.files_not_removed.empty()) {
        std::cerr << "einlass-server: these ticket files could not be deleted; delete them by "
                     "hand:\n";
        for (const std::string& file : plan.files_not_removed)
          std::cerr << "  " << file << "\n";
        exit_code = kExitFailed;
      }
      if (plan.wal_checkpoint_busy) {
        std::cerr << "einlass-server: the personal data is deleted from the database, but "
                     "copies may remain in "
                  << server_db_path(args->db).string()
                  << "-wal because another program (a running `einlass-server serve`?) has "
                     "the database open. Stop the server and run `einlass-server purge` again "
                     "to clear them.\n";
        exit_code = kExitFailed;
      }
      return exit_code;
    } catch (const PurgeRefused& e) {
      std::cerr << "einlass-server: purge refused: " << e.what() << "\n";
      return kExitFailed;
    }
    return kExitOk;
  };
}

}  // namespace einlass::sync::server
