// Sync figures against a real einlass-server on 127.0.0.1 (README "Figures"):
//   1. an outbox of queued check-ins uploaded after an outage (time to empty it);
//   2. a roster pulled from scratch by a fresh kiosk, then incrementally after changes;
//   3. server ingest with many kiosks pushing at once (events/s);
//   4. latency from a check-in at kiosk A to "already checked in" at kiosk B, with the engines'
//      production settings (poll every second, push at once).
// Figures only, no assertions on time. --smoke runs everything small so CTest keeps it working.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/core/uuid.hpp"
#include "kiosk/store/kiosk_store.hpp"
#include "kiosk/store/sync_state.hpp"
#include "sync/client/sync_engine.hpp"
#include "sync/protocol/wire_event.hpp"
#include "tests/integration/sync_server_process.hpp"

namespace {

using namespace einlass;
using testing::SyncServerWorld;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

core::CheckinEvent entry(int participant) {
  core::CheckinEvent e;
  e.kind = core::EventKind::Entry;
  e.participant = "R" + std::to_string(participant);
  e.venue = "magdeburg";
  e.day = SyncServerWorld::kDay;
  e.rooms = {"mag-hf1", "mag-hf4"};
  e.rooms_assigned_here = {false, true};
  return e;
}

void queue_entries(store::KioskStore& store, int first, int count) {
  store::Transaction tx(store.db());
  for (int i = 0; i < count; ++i)
    store.append(tx, entry(first + i), now_ms());
  tx.commit();
}

sync::client::SyncOptions options_for(const std::filesystem::path& store) {
  sync::client::SyncOptions o;
  o.store_file = store;
  return o;
}

void row(const char* what, const std::string& size, double value, const char* unit,
         const char* target) {
  std::printf("%-44s %10s %12.3f %-9s %s\n", what, size.c_str(), value, unit, target);
  std::fflush(stdout);
}

// 1. Outbox after an outage.
void outbox_upload(SyncServerWorld& world, int events) {
  const auto file = world.enrol_kiosk("outage");
  {
    store::KioskStore store(file);
    queue_entries(store, 1, events);
  }
  const auto start = Clock::now();
  const auto status = sync::client::sync_once(options_for(file));
  const double took = seconds_since(start);
  if (status.events_waiting != 0)
    std::printf("!! %lld events still waiting\n", (long long)status.events_waiting);
  row("outbox uploaded after an outage", std::to_string(events) + " ev", took, "s", "<= 2 s");
}

// 2. Roster from scratch and incrementally.
void roster_pull(SyncServerWorld& world, int people, int changed) {
  auto registrations = [&](int count, const std::string& organisation) {
    nlohmann::json list = nlohmann::json::array();
    for (int i = 1; i <= count; ++i)
      list.push_back(
          {{"id", i},
           {"first_name", "Vorname" + std::to_string(i)},
           {"last_name", "Nachname-Müller" + std::to_string(i)},
           {"organisation", organisation},
           {"email", "person" + std::to_string(i) + "@example.org"},
           {"venue", "magdeburg"},
           {"topics", {"HF" + std::to_string(1 + i % 8), "HF" + std::to_string(1 + (i + 3) % 8)}},
           {"round_topics",
            {"HF" + std::to_string(1 + i % 8), "HF" + std::to_string(1 + (i + 3) % 8)}},
           {"ticket_serial", 0}});
    return list;
  };
  const auto file = world.dir() / "roster.json";
  testing::write_file_atomically(file, registrations(people, "Landesverwaltung").dump());
  world.server_cli({"roster-add", file.string()});
  const auto kiosk = world.enrol_kiosk("roster");
  auto start = Clock::now();
  sync::client::sync_once(options_for(kiosk));
  row("roster pulled from scratch", std::to_string(people) + " people", seconds_since(start), "s",
      "<= 3 s");
  {
    store::KioskStore store(kiosk);
    if (store.counts().roster != people)
      std::printf("!! roster has %lld\n", (long long)store.counts().roster);
  }
  testing::write_file_atomically(file, registrations(changed, "Kommune").dump());
  world.server_cli({"roster-add", file.string()});
  start = Clock::now();
  sync::client::sync_once(options_for(kiosk));
  row("roster pulled incrementally", std::to_string(changed) + " changed", seconds_since(start),
      "s", "");
}

// 3. Server ingest: many kiosks pushing prepared batches at once over kept-alive connections.
void ingest(SyncServerWorld& world, int kiosks, int batches, int batch_size) {
  struct Pusher {
    std::string token, device;
    std::vector<std::string> bodies;
  };
  std::vector<Pusher> pushers(static_cast<size_t>(kiosks));
  for (int k = 0; k < kiosks; ++k) {
    // One kiosk store per run and kiosk: a device that is enrolled cannot be enrolled again.
    const auto file =
        world.enrol_kiosk("ingest-" + std::to_string(batch_size) + "-" + std::to_string(k));
    store::KioskStore store(file);
    pushers[k].token = store::load_enrolment(store)->token;
    pushers[k].device = store.device_id();
    for (int b = 0; b < batches; ++b) {
      nlohmann::json list = nlohmann::json::array();
      for (int i = 0; i < batch_size; ++i) {
        core::CheckinEvent e = entry(100000 * (k + 1) + b * batch_size + i);
        e.uuid = core::new_uuid_v7(now_ms());
        e.device = pushers[k].device;
        e.wall_ms = now_ms();
        e.hlc = {e.wall_ms, static_cast<uint32_t>(i)};
        list.push_back(sync::protocol::event_to_json(e));
      }
      pushers[k].bodies.push_back(nlohmann::json{{"events", list}}.dump());
    }
  }
  std::atomic<long> stored{0}, failed{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (auto& p : pushers) {
    threads.emplace_back([&, &p = p] {
      sync::client::HttpClient http({}, {});
      while (!go)
        std::this_thread::yield();
      for (const auto& body : p.bodies) {
        const auto r = http.post_json(world.server().url() + "/api/v1/events", p.token, body);
        if (!r.ok()) {
          ++failed;
          continue;
        }
        const auto answer = nlohmann::json::parse(r.body);
        for (const auto& result : answer["results"])
          if (result["status"] == "stored") {
            ++stored;
          } else if (failed++ == 0) {
            std::printf("!! %s\n", result.dump().c_str());
          }
      }
    });
  }
  const auto start = Clock::now();
  go = true;
  for (auto& t : threads)
    t.join();
  const double took = seconds_since(start);
  if (failed) std::printf("!! %ld pushes failed\n", failed.load());
  row(("server ingest, " + std::to_string(kiosks) + " kiosks, batches of " +
       std::to_string(batch_size))
          .c_str(),
      std::to_string(stored.load()) + " ev", stored / took, "events/s", ">= 5000/s");
}

// 4. Check-in at A -> "already checked in" at B, engines with production settings.
void latency(SyncServerWorld& world, int samples) {
  const auto file_a = world.enrol_kiosk("latency-a"), file_b = world.enrol_kiosk("latency-b");
  store::KioskStore a(file_a), b(file_b);
  sync::client::SyncEngine engine_a(options_for(file_a)), engine_b(options_for(file_b));
  engine_a.start();
  engine_b.start();
  // Let B catch up with the ingest figures' events first, so only fresh check-ins are timed.
  while (!engine_b.status().online() || !engine_a.status().online())
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  std::this_thread::sleep_for(std::chrono::seconds(2));
  std::mt19937 random(7);
  std::vector<double> ms;
  for (int i = 0; i < samples; ++i) {
    // Check-ins arrive at random moments relative to B's poll.
    std::this_thread::sleep_for(std::chrono::milliseconds(random() % 1000));
    // Ids no other figure used (ingest uses up to ~5,000,100).
    const std::string participant = "R" + std::to_string(7'000'000 + i);
    a.append(entry(7'000'000 + i), now_ms());
    engine_a.nudge();
    const auto start = Clock::now();
    while (!b.active_entry(participant) && seconds_since(start) < 10)
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    ms.push_back(seconds_since(start) * 1000);
  }
  std::sort(ms.begin(), ms.end());
  row("A check-in -> B already checked in, median", std::to_string(samples) + " samples",
      ms[ms.size() / 2], "ms", "");
  row("A check-in -> B already checked in, p99", std::to_string(samples) + " samples",
      ms[std::min(ms.size() - 1, ms.size() * 99 / 100)], "ms", "p99 <= 2000 ms");
}

}  // namespace

int main(int argc, char** argv) {
  const bool smoke = argc > 1 && std::strcmp(argv[1], "--smoke") == 0;
  SyncServerWorld world;
  world.server().start();
  std::printf("%-44s %10s %12s %-9s %s\n", "sync figure (loopback, real einlass-server)", "size",
              "value", "unit", "target");
  outbox_upload(world, smoke ? 500 : 10000);
  roster_pull(world, smoke ? 1000 : 50000, smoke ? 50 : 500);
  ingest(world, smoke ? 5 : 50, smoke ? 2 : 20, 100);
  ingest(world, smoke ? 5 : 50, smoke ? 5 : 100, 1);
  latency(world, smoke ? 5 : 100);
  return 0;
}
