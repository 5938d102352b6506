// The dashboard's data endpoint under load (README "Figures"): a real einlass-server seeded with
// 50,000 registrations and 200,000 events over the bundled event's four venues, 50 organisers
// logged in (one session each) whose pages poll /dashboard/api/data every 2 s, each watching
// one venue, while check-ins keep arriving (one new event every 500 ms, so the per-venue cache
// is invalidated as on a live day). Prints median, p90, p99 and max of the request latency,
// first with the page's 2 s poll, then with no pause at all (a stress figure).
// Figures only, no assertions on time. --smoke runs it small so CTest keeps it working.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>

#include "kiosk/core/event_config.hpp"
#include "kiosk/store/sqlite_db.hpp"
#include "tests/integration/sync_server_process.hpp"

namespace {

using namespace einlass;
using testing::SyncServerWorld;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

constexpr const char* kPassword = "Bench-Passwort 2019";

struct Size {
  int registrations, events, organisers, seconds;
};

struct Seeded {
  std::vector<std::string> venues;
  int64_t next_event = 0;
};

// Straight into the database file before the server starts: the benchmark measures reading.
Seeded seed(const fs::path& db_file, const Size& size) {
  const core::Event event = core::load_event_config(app::default_event_file());
  Seeded out;
  store::Database db(db_file);
  db.exec("PRAGMA journal_mode=WAL");
  store::Transaction tx(db);
  store::Statement reg = db.prepare(
      "INSERT INTO registrations (id, first_name, last_name, venue, day, topics, round_topics, "
      "changed_seq, created_ms, updated_ms) VALUES (?, 'Vorname', 'Nachname', ?, '', '', '', ?, "
      "0, 0)");
  for (int id = 1; id <= size.registrations; ++id) {
    reg.reset();
    reg.bind(1, id)
        .bind(2, event.venues[static_cast<size_t>(id) % event.venues.size()].id)
        .bind(3, id);
    reg.run();
  }
  store::Statement ev = db.prepare(
      "INSERT INTO events (uuid, kind, participant, venue, day, round, room, rooms, device, "
      "wall_ms, hlc_ms, hlc_counter, ref, received_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
      "0, ?, ?)");
  std::mt19937 random(7);
  int64_t made = 0;
  // Per person: an entry (4 in 5 come), room entries for both rounds, now and then a second
  // entry from another kiosk (offline twins) or an undo; the rest fills up with room entries.
  auto add = [&](const std::string& kind, int person, int round, const std::string& ref,
                 int device) {
    const core::Venue& venue = event.venues[static_cast<size_t>(person) % event.venues.size()];
    const core::Day& day = venue.days.front();
    const std::string room1 = venue.rooms[static_cast<size_t>(person) % venue.rooms.size()].id;
    const std::string room2 = venue.rooms[static_cast<size_t>(person + 3) % venue.rooms.size()].id;
    // 14:15 to 16:15 local (UTC+2 in September), spread out.
    const int64_t midnight_utc = std::chrono::duration_cast<std::chrono::milliseconds>(
                                     date::sys_days(day.ymd).time_since_epoch())
                                     .count() -
                                 2 * 3600'000LL;
    const int64_t wall =
        midnight_utc + (14 * 60 + 15) * 60'000LL + static_cast<int64_t>(random() % (120 * 60'000));
    ev.reset();
    ev.bind(1, "bench-" + std::to_string(made))
        .bind(2, kind)
        .bind(3, "R" + std::to_string(person))
        .bind(4, venue.id)
        .bind(5, day.date)
        .bind(6, round)
        .bind(7, round == 1   ? room1
                 : round == 2 ? room2
                              : "")
        .bind(8, kind == "entry" ? room1 + "," + room2 : "")
        .bind(9, "kiosk-" + std::to_string(device))
        .bind(10, wall)
        .bind(11, wall)
        .bind(12, ref)
        .bind(13, wall);
    ev.run();
    ++made;
  };
  for (int p = 1; p <= size.registrations && made < size.events; ++p) {
    if (p % 5 == 0) continue;
    const std::string entry_uuid = "bench-" + std::to_string(made);
    add("entry", p, 0, "", p % 7);
    if (made < size.events) add("room_entry", p, 1, "", p % 7);
    if (made < size.events) add("room_entry", p, 2, "", p % 7);
    if (p % 10 == 1 && made < size.events) add("entry", p, 0, "", p % 7 + 1);
    if (p % 50 == 3 && made < size.events) add("undo", p, 0, entry_uuid, p % 7);
  }
  for (int p = 1; made < size.events; p = p % size.registrations + 1)
    add("room_entry", p, 1 + p % 2, "", 9);
  tx.commit();
  for (const core::Venue& v : event.venues)
    out.venues.push_back(v.id);
  out.next_event = made;
  return out;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

std::vector<double> run_pollers(const std::string& url, const std::vector<std::string>& cookies,
                                const std::vector<std::string>& venues, int seconds, int pause_ms,
                                int& failures) {
  std::mutex mutex;
  std::vector<double> latencies;
  std::atomic<int> failed{0};
  std::vector<std::thread> threads;
  const auto end = Clock::now() + std::chrono::seconds(seconds);
  for (size_t i = 0; i < cookies.size(); ++i) {
    threads.emplace_back([&, i] {
      httplib::Client http(url);
      http.set_keep_alive(true);
      http.set_read_timeout(60);  // a slow answer is a figure, not a failure
      const httplib::Headers headers{{"Cookie", cookies[i]}};
      const std::string path = "/dashboard/api/data?venue=" + venues[i % venues.size()];
      std::vector<double> mine;
      // Pages opened at different moments: polls are spread over the interval.
      std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms * static_cast<int>(i) /
                                                            static_cast<int>(cookies.size())));
      while (Clock::now() < end) {
        const auto start = Clock::now();
        auto res = http.Get(path.c_str(), headers);
        mine.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        if (!res || res->status != 200) ++failed;
        if (pause_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms));
      }
      std::lock_guard lock(mutex);
      latencies.insert(latencies.end(), mine.begin(), mine.end());
    });
  }
  for (auto& t : threads)
    t.join();
  failures = failed;
  return latencies;
}

void report(const char* what, const std::vector<double>& ms, int failures, int seconds) {
  std::printf(
      "%-44s %6zu requests (%5.1f/s)  median %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  "
      "max %7.2f ms  failed %d\n",
      what, ms.size(), static_cast<double>(ms.size()) / seconds, percentile(ms, 0.5),
      percentile(ms, 0.9), percentile(ms, 0.99), percentile(ms, 1.0), failures);
}

}  // namespace

int main(int argc, char** argv) {
  const bool smoke = argc > 1 && std::strcmp(argv[1], "--smoke") == 0;
  const Size size = smoke ? Size{2000, 8000, 5, 3} : Size{50'000, 200'000, 50, 30};
  SyncServerWorld world;
  world.server_cli({"organiser", "add", "bench"}, std::string(kPassword) + "\n");
  const auto seed_start = Clock::now();
  Seeded seeded = seed(world.db(), size);
  std::printf("seeded %d registrations and %lld events in %.1f s\n", size.registrations,
              static_cast<long long>(seeded.next_event),
              std::chrono::duration<double>(Clock::now() - seed_start).count());
  world.server().start();

  // One session per organiser, logged in one after another (each login costs an Argon2id hash).
  std::vector<std::string> cookies;
  httplib::Client login(world.server().url());
  for (int i = 0; i < size.organisers; ++i) {
    auto res =
        login.Post("/dashboard/login", httplib::Params{{"name", "bench"}, {"password", kPassword}});
    if (!res || res->status != 303) {
      std::fprintf(stderr, "login failed: %d\n", res ? res->status : -1);
      return 1;
    }
    const std::string cookie = res->get_header_value("Set-Cookie");
    cookies.push_back(cookie.substr(0, cookie.find(';')));
  }

  // Cold: the first request per venue computes the counts from the whole event log.
  {
    httplib::Client http(world.server().url());
    for (const std::string& venue : seeded.venues) {
      const auto start = Clock::now();
      auto res = http.Get(("/dashboard/api/data?venue=" + venue).c_str(),
                          httplib::Headers{{"Cookie", cookies[0]}});
      std::printf("cold (cache empty) %-24s %7.1f ms  HTTP %d, %zu bytes\n", venue.c_str(),
                  std::chrono::duration<double, std::milli>(Clock::now() - start).count(),
                  res ? res->status : -1, res ? res->body.size() : 0);
    }
  }

  // Check-ins keep coming in (another process writes, as kiosk pushes would).
  std::atomic<bool> writing{true};
  std::thread writer([&] {
    store::Database db(world.db());
    int n = 0;
    while (writing) {
      const std::string venue = seeded.venues[static_cast<size_t>(n) % seeded.venues.size()];
      db.prepare(
            "INSERT INTO events (uuid, kind, participant, venue, day, device, wall_ms, hlc_ms, "
            "hlc_counter, received_ms) SELECT ?, 'entry', ?, ?, day, 'kiosk-live', wall_ms, "
            "wall_ms, 0, wall_ms FROM events WHERE venue = ? LIMIT 1")
          .bind(1, "live-" + std::to_string(n))
          .bind(2, "L" + std::to_string(n))
          .bind(3, venue)
          .bind(4, venue)
          .run();
      ++n;
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
  });

  int failures = 0;
  auto polled =
      run_pollers(world.server().url(), cookies, seeded.venues, size.seconds, 2000, failures);
  char what[96];
  std::snprintf(what, sizeof what, "%d organisers polling every 2 s", size.organisers);
  report(what, polled, failures, size.seconds);
  auto stressed =
      run_pollers(world.server().url(), cookies, seeded.venues, smoke ? 2 : 10, 0, failures);
  std::snprintf(what, sizeof what, "%d organisers without pause (stress)", size.organisers);
  report(what, stressed, failures, smoke ? 2 : 10);
  writing = false;
  writer.join();
  world.server().stop();
  return 0;
}
