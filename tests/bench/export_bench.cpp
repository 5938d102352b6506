// Attendance export figures (README "Figures"): a server database with 50,000 registrations
// across the four venues and 200,000 events (entries, room-door entries for both rounds,
// walk-ins, undos, people admitted at two kiosks), then the XLSX export (target <= 5 s) and both
// CSV dialects through write_attendance_export, the same call `einlass-server export` makes.
// Figures only, no assertions on time; --smoke runs tiny sizes so CTest keeps it working.
//
//   export_bench [--smoke] [--runs N] [--keep]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kiosk/app/kiosk_setup.hpp"
#include "kiosk/core/uuid.hpp"
#include "sync/protocol/wire_event.hpp"
#include "sync/server/event_log.hpp"
#include "sync/server/export/attendance_export.hpp"
#include "sync/server/registrations.hpp"
#include "sync/server/server_db.hpp"

namespace {

using namespace einlass;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The check-in afternoon of a venue's first day: 14:15 local is 12:15 UTC in September.
int64_t afternoon_ms(const core::Venue& venue, int minute) {
  const auto day = date::sys_days{venue.days.front().ymd};
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             (day + std::chrono::hours(12) + std::chrono::minutes(15 + minute)).time_since_epoch())
      .count();
}

// The room a topic is discussed in at this venue in `round`, or "".
std::string room_for_topic(const core::Venue& venue, int round, const std::string& topic) {
  const core::Room* room = core::room_for(venue, round, topic);
  return room ? room->id : "";
}

struct Seeder {
  store::Database& db;
  const sync::server::ServerConfig& config;
  std::vector<nlohmann::json> batch;
  std::string device;
  std::string venue;
  int64_t events = 0;
  uint32_t counter = 0;

  std::string add(core::CheckinEvent e) {
    e.uuid = core::new_uuid_v7(e.wall_ms);
    e.device = device;
    e.hlc = {e.wall_ms, counter++};
    batch.push_back(sync::protocol::event_to_json(e));
    ++events;
    return e.uuid;
  }
  // Through the server's own ingest (each event checked as a push is), in large batches.
  void flush() {
    if (batch.empty()) return;
    sync::server::Device d;
    d.device_id = device;
    d.venue = venue;
    sync::server::ingest_events(db, nlohmann::json(batch), d, config, 0);
    batch.clear();
  }
};

struct Seeded {
  int64_t registrations = 0, events = 0;
  double seconds = 0;
};

Seeded seed(store::Database& db, const sync::server::ServerConfig& config, int participants,
            int64_t target_events) {
  const auto start = Clock::now();
  const core::Event& event = config.event;
  std::vector<sync::server::Registration> people;
  people.reserve(static_cast<size_t>(participants));
  for (int i = 0; i < participants; ++i) {
    sync::server::Registration r;
    r.id = static_cast<uint32_t>(100000 + i);
    r.first_name = i % 7 == 0 ? "Jürgen" : "Anna";
    r.last_name = "Teilnehmerin-" + std::to_string(i);
    r.organisation = i % 5 == 0 ? "Landkreis Börde, Sozialamt" : "Verein \"Miteinander\" e.V.";
    r.email = "p" + std::to_string(i) + "@example.org";
    r.venue = event.venues[static_cast<size_t>(i) % event.venues.size()].id;
    const std::string a = event.topics[static_cast<size_t>(i) % event.topics.size()].id;
    const std::string b = event.topics[static_cast<size_t>(i + 3) % event.topics.size()].id;
    r.topics = {a, b};
    r.round_topics = {a, b};
    people.push_back(std::move(r));
  }
  sync::server::upsert_registrations(db, people, 0);

  Seeded s;
  s.registrations = participants;
  // Per person: most come (entry + both room doors); some are undone, some admitted twice;
  // walk-ins on top until the event count is reached.
  std::vector<Seeder> seeders;
  for (const core::Venue& v : event.venues)
    seeders.push_back({db, config, {}, "kiosk-" + v.id, v.id});
  auto event_for = [&](const core::Venue& v, core::EventKind kind, const std::string& who) {
    core::CheckinEvent e;
    e.kind = kind;
    e.participant = who;
    e.venue = v.id;
    e.day = v.days.front().date;
    return e;
  };
  int64_t total = 0;
  for (int i = 0; i < participants && total < target_events; ++i) {
    const size_t vi = static_cast<size_t>(i) % event.venues.size();
    const core::Venue& v = event.venues[vi];
    Seeder& out = seeders[vi];
    const sync::server::Registration& r = people[static_cast<size_t>(i)];
    if (i % 10 == 9) continue;  // a no-show
    const std::string who = "R" + std::to_string(r.id);
    core::CheckinEvent entry = event_for(v, core::EventKind::Entry, who);
    entry.wall_ms = afternoon_ms(v, i % 45);
    entry.rooms = {room_for_topic(v, 1, r.round_topics[0]),
                   room_for_topic(v, 2, r.round_topics[1])};
    entry.rooms_assigned_here = {false, false};
    const std::string uuid = out.add(entry);
    if (i % 50 == 1) {
      core::CheckinEvent undo = event_for(v, core::EventKind::Undo, who);
      undo.ref = uuid;
      undo.wall_ms = entry.wall_ms + 60'000;
      out.add(undo);
      continue;
    }
    if (i % 13 == 0) {
      entry.wall_ms += 90'000;  // admitted again at the other kiosk while offline
      out.add(entry);
    }
    for (int round = 1; round <= 2; ++round) {
      const std::string room = entry.rooms[static_cast<size_t>(round - 1)];
      if (room.empty()) continue;
      core::CheckinEvent door = event_for(v, core::EventKind::RoomEntry, who);
      door.round = round;
      door.room = room;
      door.wall_ms = afternoon_ms(v, 90 + 75 * (round - 1) + i % 10);
      out.add(door);
    }
    total = 0;
    for (const Seeder& sd : seeders)
      total += sd.events;
    if (out.batch.size() >= 5000) out.flush();
  }
  for (int w = 0; total < target_events; ++w) {
    const size_t vi = static_cast<size_t>(w) % event.venues.size();
    const core::Venue& v = event.venues[vi];
    Seeder& out = seeders[vi];
    const std::string who = "W" + std::to_string(w);
    core::CheckinEvent walk_in = event_for(v, core::EventKind::WalkIn, who);
    walk_in.wall_ms = afternoon_ms(v, w % 60);
    walk_in.detail = nlohmann::json{
        {"first_name", "Spontan"},
        {"last_name", "Gast-" + std::to_string(w)},
        {"organisation",
         "=1+1"}}.dump();
    out.add(walk_in);
    core::CheckinEvent entry = event_for(v, core::EventKind::Entry, who);
    entry.wall_ms = walk_in.wall_ms;
    out.add(entry);
    total += 2;
    if (out.batch.size() >= 5000) out.flush();
  }
  for (Seeder& sd : seeders)
    sd.flush();
  s.events = db.query_int("SELECT COUNT(*) FROM events");
  s.seconds = seconds_since(start);
  return s;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  bool smoke = false, keep = false;
  int runs = 5;
  for (int i = 1; i < argc; ++i) {
    smoke = smoke || std::strcmp(argv[i], "--smoke") == 0;
    keep = keep || std::strcmp(argv[i], "--keep") == 0;
    if (std::strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
      runs = std::max(1, std::atoi(argv[++i]));
  }
  const int participants = smoke ? 500 : 50000;
  const int64_t events = smoke ? 2000 : 200000;
  if (smoke) runs = 1;

  std::string pattern = (fs::temp_directory_path() / "einlass-export-bench-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) return 1;
  const fs::path dir = pattern;
  int exit_code = 0;
  try {
    auto db = sync::server::open_server_db(dir / "server.sqlite");
    sync::server::set_event_config(*db, app::default_event_file());
    const auto config = sync::server::load_server_config(*db);
    const Seeded seeded = seed(*db, *config, participants, events);
    std::printf(
        "export benchmark%s: %lld registrations, %lld events (seeded in %.2f s through "
        "upsert_registrations + ingest_events)\n",
        smoke ? " (smoke run)" : "", static_cast<long long>(seeded.registrations),
        static_cast<long long>(seeded.events), seeded.seconds);
    std::printf("%-34s %5s %10s %10s %10s %12s\n", "all venues", "runs", "median s", "min s",
                "max s", "file");
    const std::vector<std::pair<sync::server::ExportFormat, const char*>> formats{
        {sync::server::ExportFormat::xlsx, "XLSX (summary + 4 venue sheets)"},
        {sync::server::ExportFormat::csv_excel, "CSV for German Excel"},
        {sync::server::ExportFormat::csv_plain, "CSV RFC 4180"}};
    for (const auto& [format, label] : formats) {
      std::vector<double> times;
      uintmax_t bytes = 0;
      int64_t rows = 0;
      for (int run = 0; run < runs; ++run) {
        const fs::path out =
            dir / ("export" + std::string(sync::server::export_file_extension(format)));
        sync::server::ExportRequest request;
        request.format = format;
        request.requested_by = "bench";
        const auto start = Clock::now();
        rows = sync::server::write_attendance_export(*db, *config, request, out).participant_rows;
        times.push_back(seconds_since(start));
        bytes = fs::file_size(out);
      }
      std::printf("%-34s %5d %10.3f %10.3f %10.3f %9.1f MB  (%lld rows)\n", label, runs,
                  median(times), *std::min_element(times.begin(), times.end()),
                  *std::max_element(times.begin(), times.end()), static_cast<double>(bytes) / 1e6,
                  static_cast<long long>(rows));
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "export_bench: %s\n", e.what());
    exit_code = 1;
  }
  if (keep) {
    std::printf("kept %s\n", dir.c_str());
  } else {
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
  return exit_code;
}
