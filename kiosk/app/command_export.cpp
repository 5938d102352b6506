// `einlass-kiosk export --out FILE`: the kiosk's own attendance list, for an event run without a
// server (one laptop, never enrolled), where the check-ins exist nowhere else. Works on an
// enrolled kiosk too. Every export is recorded in the store (what, when, where, up to which
// event): `purge` on a kiosk without a server deletes names only once an export covers every
// check-in.

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "kiosk/app/attendance_csv.hpp"
#include "kiosk/app/commands.hpp"
#include "kiosk/app/config_sources.hpp"
#include "kiosk/app/unknown_places.hpp"
#include "kiosk/core/durable_write.hpp"
#include "kiosk/core/unix_time.hpp"
#include "kiosk/store/attendance_list.hpp"
#include "kiosk/store/export_record.hpp"

namespace einlass::app {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kFormat = "csv-excel";

struct ExportArgs {
  std::string event, store, venue, day, out;
  std::string format{kFormat};
};

// Problems with --out say what to do; they are found before the store is read.
void check_out_path(const fs::path& out) {
  std::error_code ec;
  if (fs::is_directory(out, ec))
    throw ConfigurationError(out.string() + " is a folder; give a file name, e.g. " +
                             (out / "anwesenheit.csv").string() + ". Nothing was exported.");
  // An earlier export's record claims what its file holds: replacing the file (say, all venues
  // by one venue) would let purge delete check-ins that are in no file any more.
  if (fs::exists(fs::symlink_status(out, ec)))
    throw ConfigurationError(out.string() +
                             " already exists; choose another file name, or remove it first. "
                             "Nothing was exported.");
  const fs::path dir = out.parent_path().empty() ? fs::path(".") : out.parent_path();
  if (!fs::is_directory(dir, ec))
    throw ConfigurationError("the folder " + dir.string() +
                             " does not exist; create it or choose another. Nothing was "
                             "exported.");
}

// The organiser keeps this file as the only copy once purge has run: it is on the disk (fsync)
// before the export is recorded.
void write_durably(const fs::path& file, const std::string& content) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    const int error = errno;
    throw ConfigurationError(
        "cannot write to the folder " + file.parent_path().string() + " (" + std::strerror(error) +
        "); choose a folder you may write to, e.g. your home folder. Nothing was exported.");
  }
  const int error = core::write_sync_close(fd, content);
  if (error != 0)
    throw ConfigurationError("cannot write " + file.string() + " (" + std::strerror(error) +
                             "; disk full?). Nothing was exported.");
}

// Moves the finished file into place, never over an existing one (one may have appeared since
// check_out_path): an older export's file is never replaced or, on a later failure, removed.
void move_into_place(const fs::path& part, const fs::path& out) {
  int rc = ::renameat2(AT_FDCWD, part.c_str(), AT_FDCWD, out.c_str(), RENAME_NOREPLACE);
  if (rc != 0 && errno == EINVAL) {  // a file system without RENAME_NOREPLACE
    std::error_code ec;
    if (fs::exists(fs::symlink_status(out, ec))) {
      errno = EEXIST;
    } else {
      rc = ::rename(part.c_str(), out.c_str());
    }
  }
  if (rc == 0) return;
  const int error = errno;
  if (error == EEXIST)
    throw ConfigurationError(out.string() +
                             " already exists; choose another file name, or remove it first. "
                             "Nothing was exported.");
  throw ConfigurationError("cannot write " + out.string() + ": " + std::strerror(error) +
                           ". Nothing was exported.");
}

// The rename is durable only once the folder is synced.
void sync_folder(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

void check_filter(const core::Event& event, const ExportArgs& args) {
  if (args.venue.empty()) {
    if (!args.day.empty()) throw ConfigurationError("--day needs --venue (whose day it is)");
    return;
  }
  const auto v = core::venue_index(event, args.venue);
  if (!v) {
    std::string known;
    for (const auto& venue : event.venues)
      known += (known.empty() ? "" : ", ") + venue.id;
    throw ConfigurationError("--venue \"" + args.venue +
                             "\" is not a venue of the event (venues: " + known +
                             "). Nothing was exported.");
  }
  if (!args.day.empty() && !core::day_index(event.venues[*v], args.day))
    throw ConfigurationError("--day " + args.day + " is not a day of venue " + args.venue +
                             ". Nothing was exported.");
}

nlohmann::json days_json(const store::KioskAttendance& list) {
  nlohmann::json days = nlohmann::json::array();
  for (const store::AttendanceDay& d : list.days)
    days.push_back({{"venue", d.venue},
                    {"day", d.day},
                    {"checked_in", d.checked_in},
                    {"walk_ins", d.walk_ins},
                    {"taken_back", d.taken_back}});
  return days;
}

int run_export(const ExportArgs& args) {
  if (args.format != kFormat)
    throw ConfigurationError("--format " + args.format +
                             ": the kiosk writes csv-excel (German Excel opens it by "
                             "double-click); the server's export also writes xlsx");
  const fs::path out = args.out;
  check_out_path(out);

  KioskOptions options;
  options.event_file = args.event;
  options.store_file = args.store;
  const fs::path store_file = store_file_of(options);
  if (!fs::exists(store_file))
    throw ConfigurationError("no kiosk store at " + store_file.string() +
                             "; give the right one with --store");
  const ConfigSources sources = resolve_config_sources(options);
  const core::Event& event = sources.event;
  check_filter(event, args);

  store::KioskStore store(store_file);
  const store::KioskAttendance list = store::kiosk_attendance(store, event, args.venue, args.day);
  if (!list.unknown.empty())
    throw ConfigurationError(
        unknown_places_message(list.unknown, sources.event_file, "Nothing was exported."));

  const nlohmann::json days = days_json(list);
  const fs::path part = out.string() + ".part-" + std::to_string(::getpid());
  write_durably(part, attendance_csv_excel(list, event));

  store::ExportRecord record;
  record.created_ms = core::unix_now_ms();
  record.format = kFormat;
  record.file = fs::absolute(out).string();  // purge and staff find it from any folder
  record.venue = args.venue;
  record.day = args.day;
  record.up_to_seq = list.up_to_seq;
  record.rows = static_cast<int64_t>(list.rows.size());
  record.counts_json = days.dump();
  bool renamed = false;
  try {
    store::Transaction tx(store.db());
    record.id = store::record_export(tx, store, record);
    move_into_place(part, out);
    renamed = true;
    sync_folder(fs::absolute(out).parent_path());
    tx.commit();
  } catch (...) {
    std::error_code ignored;
    fs::remove(part, ignored);
    // Only a recorded export may stay: purge trusts the record, staff trust the file. `out` did
    // not exist before move_into_place, so this removes only the file just written.
    if (renamed) fs::remove(out, ignored);
    throw;
  }

  std::cout << nlohmann::json{{"result", "exported"},
                              {"file", record.file},
                              {"format", record.format},
                              {"rows", record.rows},
                              {"days", days},
                              {"up_to_event", record.up_to_seq},
                              {"export_id", record.id}}
                   .dump()
            << std::endl;
  return kExitOk;
}

}  // namespace

CommandRunner add_export_command(CLI::App& app) {
  auto args = std::make_shared<ExportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "export",
      "write who was checked in at this kiosk (names, organisation, time, rooms, walk-ins, "
      "counts) as a CSV for Excel, and record the export; a kiosk without a server needs it "
      "before purge");
  cmd->add_option("--out,-o", args->out,
                  "the file to write (a new one; an existing file is kept), e.g. anwesenheit.csv")
      ->required();
  cmd->add_option("--format", args->format, "csv-excel (UTF-8 with BOM, ';', CRLF)");
  cmd->add_option("--event", args->event,
                  "event config (TOML); default: the one received at enrolment, else the "
                  "bundled event");
  cmd->add_option("--store", args->store,
                  "kiosk store file; default: $EINLASS_STORE or "
                  "~/.local/share/einlass/kiosk.sqlite");
  cmd->add_option("--venue", args->venue, "only this venue (default: every venue in the store)");
  cmd->add_option("--day", args->day, "only this day, YYYY-MM-DD (with --venue)");
  return [args]() -> int { return run_export(*args); };
}

}  // namespace einlass::app
