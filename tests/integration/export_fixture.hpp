#pragma once
// A server database for the bundled event, filled in-process the way the server fills it
// (registrations upserted, kiosk events through the event log's ingest with a device), plus
// readers for what an export wrote: XLSX cells via `unzip -p`, files as bytes.

#include <gtest/gtest.h>

#include <date/date.h>

#include <chrono>
#include <map>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "kiosk/app/kiosk_setup.hpp"
#include "kiosk/core/uuid.hpp"
#include "sync/protocol/wire_event.hpp"
#include "sync/server/event_log.hpp"
#include "sync/server/registrations.hpp"
#include "sync/server/server_config.hpp"
#include "sync/server/server_db.hpp"
#include "tests/integration/sync_server_process.hpp"

namespace einlass::testing {

// Unix ms of a UTC time (the bundled event is in Europe/Berlin: CEST = UTC+2 in September).
inline int64_t utc_ms(int year, unsigned month, unsigned day, int hour, int minute) {
  using namespace std::chrono;
  const auto t = date::sys_days{date::year{year} / month / day} + hours(hour) + minutes(minute);
  return duration_cast<milliseconds>(t.time_since_epoch()).count();
}

class ExportWorld {
 public:
  static constexpr const char* kMagdeburgDay = "2019-09-12";

  ExportWorld() : dir_(make_temp_dir()) {
    db_ = sync::server::open_server_db(db_file());
    sync::server::set_event_config(*db_, app::default_event_file());
    config_ = sync::server::load_server_config(*db_);
  }
  ~ExportWorld() {
    db_.reset();
    std::error_code ignored;
    if (!::testing::Test::HasFailure()) fs::remove_all(dir_, ignored);
  }

  const fs::path& dir() const { return dir_; }
  fs::path db_file() const { return dir_ / "server.sqlite"; }
  store::Database& db() { return *db_; }
  const sync::server::ServerConfig& config() const { return *config_; }

  static sync::server::Registration person(uint32_t id, std::string first, std::string last,
                                           std::string organisation,
                                           std::string venue = "magdeburg") {
    sync::server::Registration r;
    r.id = id;
    r.first_name = std::move(first);
    r.last_name = std::move(last);
    r.organisation = std::move(organisation);
    r.email = "person" + std::to_string(id) + "@example.org";
    r.venue = std::move(venue);
    r.topics = {"HF1", "HF4"};
    r.round_topics = {"HF1", "HF4"};
    return r;
  }
  void register_people(const std::vector<sync::server::Registration>& people) {
    sync::server::upsert_registrations(*db_, people, utc_ms(2019, 9, 1, 10, 0));
  }
  // How `import` records the person's identity: the registration site's number
  // ("id:RK19-10010") or, for a list without a number column, the address ("email:…").
  void import_identity(uint32_t registration, const std::string& identity) {
    db_->prepare("INSERT INTO import_identities (identity, registration_id) VALUES (?, ?)")
        .bind(1, identity)
        .bind(2, int64_t{registration})
        .run();
  }

  // One kiosk event through the server's ingest (checked like a push); returns its uuid.
  std::string record(core::CheckinEvent e, const std::string& device = "kiosk-a") {
    e.uuid = core::new_uuid_v7(e.wall_ms);
    e.device = device;
    e.hlc = {e.wall_ms, counter_++};
    sync::server::Device d;
    d.device_id = device;
    d.venue = e.venue;
    const auto results = sync::server::ingest_events(
        *db_, nlohmann::json::array({sync::protocol::event_to_json(e)}), d, *config_, e.wall_ms);
    EXPECT_EQ(results.at(0).status, sync::protocol::PushStatus::Stored) << results.at(0).reason;
    return e.uuid;
  }
  std::string entry(const std::string& participant, int64_t wall_ms,
                    const std::string& device = "kiosk-a") {
    core::CheckinEvent e;
    e.kind = core::EventKind::Entry;
    e.participant = participant;
    e.venue = "magdeburg";
    e.day = kMagdeburgDay;
    e.wall_ms = wall_ms;
    e.rooms = {"mag-hf1", "mag-hf4"};
    e.rooms_assigned_here = {false, false};
    return record(e, device);
  }
  std::string room_entry(const std::string& participant, int round, const std::string& room,
                         int64_t wall_ms) {
    core::CheckinEvent e;
    e.kind = core::EventKind::RoomEntry;
    e.participant = participant;
    e.venue = "magdeburg";
    e.day = kMagdeburgDay;
    e.round = round;
    e.room = room;
    e.wall_ms = wall_ms;
    return record(e, "door-" + room);
  }
  void undo(const std::string& uuid, const std::string& participant, int64_t wall_ms) {
    core::CheckinEvent e;
    e.kind = core::EventKind::Undo;
    e.participant = participant;
    e.venue = "magdeburg";
    e.day = kMagdeburgDay;
    e.ref = uuid;
    e.wall_ms = wall_ms;
    record(e);
  }
  void walk_in(const std::string& participant, const std::string& first, const std::string& last,
               const std::string& organisation, int64_t wall_ms) {
    core::CheckinEvent w;
    w.kind = core::EventKind::WalkIn;
    w.participant = participant;
    w.venue = "magdeburg";
    w.day = kMagdeburgDay;
    w.wall_ms = wall_ms;
    w.detail = nlohmann::json{{"first_name", first},
                              {"last_name", last},
                              {"organisation", organisation},
                              {"topics", std::vector<std::string>{}}}
                   .dump();
    record(w);
    entry(participant, wall_ms);
  }

  // einlass-server COMMAND --db … (the real binary).
  ProgramRun cli(std::vector<std::string> args) {
    std::vector<std::string> words{EINLASS_SERVER_BINARY, args.at(0), "--db", db_file().string()};
    words.insert(words.end(), args.begin() + 1, args.end());
    return run_program(words, dir_);
  }

 private:
  static fs::path make_temp_dir() {
    std::string pattern = (fs::temp_directory_path() / "einlass-export-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    return pattern;
  }

  fs::path dir_;
  std::unique_ptr<store::Database> db_;
  std::shared_ptr<const sync::server::ServerConfig> config_;
  uint32_t counter_ = 0;
};

// One worksheet's cells as text, by reference ("A1" -> "Vorname"); numbers as written.
struct XlsxCell {
  std::string value;
  std::string type;  // "inlineStr", "s", "str", "n" (number)
};
using XlsxCells = std::map<std::string, XlsxCell>;

inline std::string xml_unescape(std::string text) {
  static const std::vector<std::pair<std::string, std::string>> entities{
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
  for (const auto& [from, to] : entities)
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
      text.replace(at, from.size(), to);
  return text;
}

// `unzip -p` one member of the .xlsx (a zip file).
inline std::string xlsx_member(const fs::path& xlsx, const std::string& member) {
  const ProgramRun run =
      run_program({"/usr/bin/unzip", "-p", xlsx.string(), member}, xlsx.parent_path());
  EXPECT_EQ(run.exit_code, 0) << "unzip -p " << member << ": " << run.err;
  return run.out;
}

inline XlsxCells xlsx_cells(const fs::path& xlsx, int sheet_number) {
  const std::string xml =
      xlsx_member(xlsx, "xl/worksheets/sheet" + std::to_string(sheet_number) + ".xml");
  std::vector<std::string> shared;
  if (xml.find("t=\"s\"") != std::string::npos) {
    const std::string strings = xlsx_member(xlsx, "xl/sharedStrings.xml");
    static const std::regex si(R"re(<si>(?:<t[^>]*>([\s\S]*?)</t>)</si>)re");
    for (std::sregex_iterator it(strings.begin(), strings.end(), si), end; it != end; ++it)
      shared.push_back(xml_unescape((*it)[1]));
  }
  XlsxCells cells;
  static const std::regex cell(R"re(<c r="([A-Z]+[0-9]+)"([^>]*?)(?:/>|>([\s\S]*?)</c>))re");
  static const std::regex type(R"re(t="([a-zA-Z]+)")re");
  static const std::regex inline_text(R"re(<t[^>]*>([\s\S]*?)</t>)re");
  static const std::regex value(R"re(<v>([\s\S]*?)</v>)re");
  for (std::sregex_iterator it(xml.begin(), xml.end(), cell), end; it != end; ++it) {
    const std::string attributes = (*it)[2], body = (*it)[3];
    std::smatch m;
    XlsxCell c;
    c.type = std::regex_search(attributes, m, type) ? m[1].str() : "n";
    if (c.type == "inlineStr" && std::regex_search(body, m, inline_text))
      c.value = xml_unescape(m[1]);
    else if (std::regex_search(body, m, value))
      c.value = c.type == "s" ? shared.at(std::stoul(m[1])) : xml_unescape(m[1]);
    cells[(*it)[1]] = c;
  }
  return cells;
}

// The workbook's sheet names in order.
inline std::vector<std::string> xlsx_sheet_names(const fs::path& xlsx) {
  const std::string xml = xlsx_member(xlsx, "xl/workbook.xml");
  std::vector<std::string> names;
  static const std::regex sheet(R"re(<sheet name="([^"]*)")re");
  for (std::sregex_iterator it(xml.begin(), xml.end(), sheet), end; it != end; ++it)
    names.push_back(xml_unescape((*it)[1]));
  return names;
}

}  // namespace einlass::testing
