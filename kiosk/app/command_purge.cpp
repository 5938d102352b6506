#include <date/tz.h>

#include <chrono>
#include <iostream>
#include <memory>
#include <utility>

#include <nlohmann/json.hpp>

#include "kiosk/app/commands.hpp"
#include "kiosk/app/config_sources.hpp"
#include "kiosk/app/unknown_places.hpp"
#include "kiosk/core/event_config.hpp"
#include "kiosk/core/unix_time.hpp"
#include "kiosk/store/export_record.hpp"
#include "kiosk/store/retention_wipe.hpp"
#include "kiosk/store/sync_state.hpp"

namespace einlass::app {

namespace {

struct PurgeArgs {
  std::string event, store, now;
  bool dry_run = false;
};

// The event this kiosk's data belongs to, chosen as by every other command
// (resolve_config_sources): --event, else the one received at enrolment, else the bundled one.
// Its retention period decides, so on a kiosk without a server it must know every venue and day
// the store has check-ins for (a kiosk run with its own event file, purged without --event,
// would otherwise go by the bundled event's period). An enrolled kiosk goes by the event the
// server sent, which may differ from one it ran before its enrolment.
core::Event event_for(store::KioskStore& store, const PurgeArgs& args) {
  KioskOptions options;
  options.event_file = args.event;
  options.store_file = store.db().file().string();
  ConfigSources sources = resolve_config_sources(options);
  if (store::load_enrolment(store)) return std::move(sources.event);
  const auto unknown = store::kiosk_attendance(store, sources.event, "", "").unknown;
  if (!unknown.empty())
    throw ConfigurationError(
        unknown_places_message(unknown, sources.event_file, "Nothing was deleted."));
  return std::move(sources.event);
}

// "2019-12-26 00:00 Europe/Berlin": when the period ends, in the venue's time.
std::string local_time_text(int64_t unix_ms, const std::string& timezone) {
  const date::sys_time<std::chrono::minutes> instant{
      std::chrono::duration_cast<std::chrono::minutes>(std::chrono::milliseconds(unix_ms))};
  return date::format("%F %H:%M ", date::make_zoned(timezone, instant)) + timezone;
}

// A kiosk without a server: its check-ins exist only here until an export covers them. Says
// where they were made, so the export can be limited to them (--venue, --day) if wanted.
std::string unexported_message(const store::KioskStore& store, int64_t unexported) {
  std::string where;
  for (const store::UnexportedEvents& u : store::unexported_events(store))
    where +=
        (where.empty() ? "" : ", ") + std::to_string(u.events) + " at " + u.venue + " on " + u.day;
  return std::to_string(unexported) +
         " check-ins were never exported: run einlass-kiosk export --out FILE first (this kiosk "
         "is not enrolled with a server, so they exist nowhere else; " +
         where + "). Nothing was deleted.";
}

// An enrolled kiosk's check-ins from before its enrolment that the server refused (another day
// or event): no server has them, so only an export keeps them.
std::string refused_before_enrolment_message(const store::KioskStore& store, int64_t unexported) {
  std::string where;
  for (const store::UnexportedEvents& u :
       store::unexported_refused_events(store, store::last_event_before_enrolment(store)))
    where +=
        (where.empty() ? "" : ", ") + std::to_string(u.events) + " at " + u.venue + " on " + u.day;
  return std::to_string(unexported) +
         " check-ins recorded before this kiosk was enrolled were refused by the server and were "
         "never exported: run einlass-kiosk export --out FILE first (they exist nowhere else; " +
         where + "). Nothing was deleted.";
}

// After the wipe of a kiosk without a server, the exported files are the only list left.
std::string exported_files_note(const store::KioskStore& store) {
  std::string files;
  for (const store::ExportRecord& e : store::export_records(store))
    files += (files.empty() ? "" : ", ") + e.file;
  return "the attendance is now only in the exported file(s): " + files +
         "; keep them as long as the organiser needs them.";
}

}  // namespace

CommandRunner add_purge_command(CLI::App& app) {
  auto args = std::make_shared<PurgeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "purge",
      "after the retention period, once every check-in reached the server (a kiosk without a "
      "server: once `export` wrote them to a file): delete the kiosk's personal data (an "
      "enrolled kiosk also does this by itself while it syncs)");
  cmd->add_option("--event", args->event,
                  "event config (TOML); default: the one received at enrolment, else the "
                  "bundled event");
  cmd->add_option("--store", args->store,
                  "kiosk store file; default: $EINLASS_STORE or "
                  "~/.local/share/einlass/kiosk.sqlite");
  cmd->add_option("--now", args->now,
                  "with --dry-run only: show what would happen at this venue time, e.g. "
                  "2019-12-26T09:00; a real purge always goes by the clock");
  cmd->add_flag("--dry-run", args->dry_run, "show what would be deleted; change nothing");
  return [args]() -> int {
    const auto file =
        args->store.empty() ? default_store_file() : std::filesystem::path(args->store);
    if (!std::filesystem::exists(file))
      throw ConfigurationError("no kiosk store at " + file.string() +
                               "; give the right one with --store");
    // A real wipe decides "period over" by the clock alone: a pretended date must never
    // delete a kiosk's data early.
    if (!args->now.empty() && !args->dry_run)
      throw ConfigurationError(
          "--now only works with --dry-run; a real purge goes by the clock. Nothing was "
          "deleted.");
    store::KioskStore store(file);
    const core::Event event = event_for(store, *args);
    int64_t now_ms = core::unix_now_ms();
    if (!args->now.empty())
      now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                   parse_time_option(args->now, event.timezone).time_since_epoch())
                   .count();
    const store::KioskRetention r = store::kiosk_retention(store, event, now_ms);
    const std::string ends = local_time_text(r.ends_ms, event.timezone);
    nlohmann::json j{{"retention_ends", ends},
                     {"period_over", r.period_over},
                     {"events", r.events},
                     {"roster", r.roster},
                     {"unsynced_events", r.unsynced},
                     {"rejected_events", r.rejected},
                     {"enrolled", r.enrolled},
                     {"unexported_events", r.unexported}};
    // Events the server refused can never sync; staff are told they go with the wipe.
    const std::string rejected_note =
        r.rejected == 0 ? ""
                        : " " + std::to_string(r.rejected) +
                              " check-ins the server refused (listed on the staff status "
                              "screen) can never be synced and are deleted with the rest.";
    if (r.nothing_to_wipe()) {
      j["result"] = "nothing to delete";
    } else if (!r.period_over) {
      j["result"] = "refused";
      std::cerr << "purge: personal data is kept until " << ends
                << " (retention_days = " << event.retention_days << " after the event's last day, "
                << r.period.last_day
                << ", or after this kiosk's last check-in or enrolment, whichever is later); "
                   "nothing was deleted. Run purge again after that time.\n";
    } else if (r.unexported > 0) {
      j["result"] = "refused";
      std::cerr << "purge: "
                << (r.enrolled ? refused_before_enrolment_message(store, r.unexported)
                               : unexported_message(store, r.unexported))
                << "\n";
    } else if (r.enrolled && r.unsynced > 0) {
      j["result"] = "refused";
      std::cerr << "purge: " << r.unsynced
                << " check-ins have not reached the server yet (they exist nowhere else); "
                   "connect the kiosk and run `einlass-kiosk sync --once`, then purge again. "
                   "Nothing was deleted.\n";
    } else if (args->dry_run) {
      j["result"] = "would delete";
      if (!rejected_note.empty()) std::cerr << "purge:" << rejected_note << "\n";
      if (!r.enrolled) std::cerr << "purge: " << exported_files_note(store) << "\n";
    } else if (const auto wiped = store::wipe_after_retention(store, event, now_ms)) {
      j["result"] = "deleted";
      if (!rejected_note.empty()) std::cerr << "purge:" << rejected_note << "\n";
      if (!r.enrolled) std::cerr << "purge: " << exported_files_note(store) << "\n";
      if (wiped->wal_checkpoint_busy) {
        j["result"] = "deleted, copies remain";
        std::cerr << "purge: the personal data is deleted, but copies may remain in "
                  << file.string()
                  << "-wal because the kiosk program is still running; close it (SQLite "
                     "folds in and removes the -wal file when the last program using the "
                     "store closes).\n";
      }
    } else {
      // A check-in was recorded between the check above and the wipe (the kiosk is running).
      j["result"] = "refused";
      std::cerr << (r.enrolled ? "purge: a check-in was just recorded and has not reached the "
                                 "server yet; nothing was deleted. Let the kiosk sync, then "
                                 "purge again.\n"
                               : "purge: a check-in was just recorded and is in no export yet; "
                                 "nothing was deleted. Run einlass-kiosk export --out FILE "
                                 "again, then purge.\n");
    }
    std::cout << j.dump() << std::endl;
    const std::string result = j["result"];
    if (result == "refused") return kExitRefused;
    return result == "deleted, copies remain" ? kExitRefused : kExitOk;
  };
}

}  // namespace einlass::app
