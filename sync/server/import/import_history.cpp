#include "sync/server/import/import_history.hpp"

#include <ctime>

#include "kiosk/core/roster_entry.hpp"
#include "sync/server/import/site_registration_number.hpp"

namespace einlass::sync::server::import {

namespace {

std::string utc_time(int64_t ms) {
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S UTC", &tm);
  return text;
}

std::string quoted(const std::string& value) {
  return value.empty() ? "(empty)" : "\"" + value + "\"";
}

}  // namespace

std::string format_import_history(const store::Database& db, int runs, int changes_per_run) {
  std::string out;
  store::Statement run = db.prepare(
      "SELECT id, file, started_ms, added, changed, unchanged, cancelled, reissued, rejected "
      "FROM import_runs ORDER BY id DESC LIMIT ?");
  run.bind(1, runs);
  store::Statement changes =
      db.prepare("SELECT registration_id, field, old_value, new_value, " +
                 site_registration_number_sql("registration_changes.registration_id") +
                 " FROM registration_changes WHERE run_id = ? ORDER BY id LIMIT ?");
  while (run.step()) {
    const int64_t id = run.integer(0);
    out += "import run " + std::to_string(id) + ", " + utc_time(run.integer(2)) + ", " +
           run.text(1) + ": " + std::to_string(run.integer(3)) + " added, " +
           std::to_string(run.integer(4)) + " changed (" + std::to_string(run.integer(7)) +
           " tickets re-issued), " + std::to_string(run.integer(5)) + " unchanged, " +
           std::to_string(run.integer(6)) + " cancelled, " + std::to_string(run.integer(8)) +
           " rejected\n";
    changes.bind(1, id).bind(2, changes_per_run + 1);
    int shown = 0;
    while (changes.step()) {
      if (++shown > changes_per_run) {
        out += "  … more changes (--changes N shows more)\n";
        break;
      }
      const std::string field = changes.text(1);
      // The site's number too: the organiser looks the person up in the site's list by it.
      const std::string site_number = changes.text(4);
      out += "  " +
             core::participant_id_for_registration(static_cast<uint32_t>(changes.integer(0))) +
             (site_number.empty() ? "" : " (Anmelde-Nr. " + site_number + ")") + " " + field + ": ";
      out += field == "added" ? changes.text(3)
                              : quoted(changes.text(2)) + " → " + quoted(changes.text(3));
      out += "\n";
    }
    changes.reset();
  }
  if (out.empty()) out = "no imports yet\n";
  return out;
}

}  // namespace einlass::sync::server::import
