#pragma once
// A kiosk world for tests that drive the real einlass-kiosk program: a fresh folder with a
// trusted key pair, signed tickets for the bundled event (Magdeburg, 2019-09-12) and a way to
// run the binary with captured output. The tests then judge what a user of the program sees:
// exit codes, JSON lines, messages, and what is in the store afterwards.

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "kiosk/app/kiosk_setup.hpp"
#include "kiosk/core/event_config.hpp"
#include "kiosk/core/room_assignment.hpp"
#include "kiosk/core/roster_entry.hpp"
#include "kiosk/core/ticket_codec.hpp"
#include "kiosk/core/ticket_issue.hpp"
#include "kiosk/core/ticket_key_files.hpp"
#include "kiosk/store/sqlite_db.hpp"
#include "tests/support/child_process.hpp"

namespace einlass::testing {

struct Ticket {
  std::string code;
  std::string participant;  // "R<registration>", as the kiosk names the ticket holder
};

struct KioskRun : ProgramRun {
  // Every stdout line parsed as JSON; a line that is not JSON fails the test, because scripts
  // rely on one JSON object per line.
  std::vector<nlohmann::json> json_lines() const {
    std::vector<nlohmann::json> lines;
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) {
      if (line.empty()) continue;
      const auto j = nlohmann::json::parse(line, nullptr, false);
      EXPECT_FALSE(j.is_discarded()) << "not a JSON line: " << line;
      lines.push_back(j);
    }
    return lines;
  }
};

// Every row of every table of a store, as text: two equal dumps mean nothing stored changed.
inline std::string store_dump(const fs::path& file) {
  const store::Database db(file);
  std::string dump;
  store::Statement tables =
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  while (tables.step()) {
    const std::string table = tables.text(0);
    std::string row_sql;
    store::Statement columns = db.prepare("SELECT name FROM pragma_table_info(?)");
    columns.bind(1, table);
    while (columns.step())
      row_sql += (row_sql.empty() ? "" : " || '|' || ") + ("quote(\"" + columns.text(0) + "\")");
    dump += "== " + table + "\n";
    store::Statement rows = db.prepare("SELECT " + row_sql + " FROM \"" + table + "\"");
    while (rows.step())
      dump += rows.text(0) + "\n";
  }
  return dump;
}

class KioskWorld {
 public:
  static constexpr const char* kVenue = "magdeburg";
  static constexpr const char* kNow = "2019-09-12T15:10";  // check-in is open, before round 1

  KioskWorld() : dir_(make_temp_dir()), event_(core::load_event_config(app::default_event_file())) {
    fs::create_directories(keys());
    core::generate_key_pair(keys(), "test");
    // The organiser's secret key leaves the kiosk's key folder: a kiosk holds public keys only.
    secret_file_ = dir_ / "test.secret";
    fs::rename(keys() / "test.secret", secret_file_);
  }
  ~KioskWorld() {
    // Kept when a test failed, so the store and the program's output can be inspected.
    if (!::testing::Test::HasFailure()) {
      std::error_code ignored;
      fs::remove_all(dir_, ignored);
    }
  }
  KioskWorld(const KioskWorld&) = delete;
  KioskWorld& operator=(const KioskWorld&) = delete;

  const fs::path& dir() const { return dir_; }
  fs::path store() const { return dir_ / "kiosk.sqlite"; }
  // The trusted public key(s), as passed to --public-key.
  fs::path keys() const { return dir_ / "keys"; }
  const core::Event& event() const { return event_; }

  // Signed tickets for registrations first .. first + count - 1 at Magdeburg on its day, with
  // the topics the organiser's bulk assignment placed (two chosen per person).
  std::vector<Ticket> tickets(uint32_t first, size_t count) const {
    const size_t venue = *core::venue_index(event_, kVenue);
    std::vector<core::AssignmentRequest> requests;
    for (size_t i = 0; i < count; ++i) {
      const std::string a = "HF" + std::to_string(1 + (first + i) % 8);
      const std::string b = "HF" + std::to_string(1 + (first + i + 3) % 8);
      requests.push_back({"", {a, b}});
    }
    const auto placed = core::assign_rooms_bulk(event_, event_.venues[venue], requests);
    const core::SecretKey key = core::load_secret_key(secret_file_);
    std::vector<Ticket> out;
    for (size_t i = 0; i < count; ++i) {
      const auto registration = static_cast<uint32_t>(first + i);
      const core::TicketRequest request{registration, 0, venue, 0, placed.round_topics[i],
                                        1'560'000'000};  // issued in June 2019
      out.push_back({core::encode_ticket(core::ticket_payload_for(event_, request), key),
                     core::participant_id_for_registration(registration)});
    }
    return out;
  }

  // `einlass-kiosk <command> --store … --public-key … --venue magdeburg --now …`.
  std::vector<std::string> args(const std::string& command) const {
    return {command,        "--store",       store().string(),
            "--public-key", keys().string(), "--venue",
            kVenue,         "--now",         kNow};
  }

  // Runs the program to its end with `input` on stdin.
  KioskRun run(const std::vector<std::string>& arguments, const std::string& input = "") const {
    const fs::path in = dir_ / "run.in";
    write_file(in, input);
    std::vector<std::string> words{EINLASS_KIOSK_BINARY};
    words.insert(words.end(), arguments.begin(), arguments.end());
    return {run_to_end(words, {in, dir_ / "run.out", dir_ / "run.err"})};
  }

 private:
  static fs::path make_temp_dir() {
    std::string pattern = (fs::temp_directory_path() / "einlass-it-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    return pattern;
  }

  fs::path dir_;
  core::Event event_;
  fs::path secret_file_;
};

}  // namespace einlass::testing
