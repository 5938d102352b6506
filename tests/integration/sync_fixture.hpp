#pragma once
// GoogleTest helpers for sync tests: kiosks with running sync engines tuned for tests (short
// polls, short backoff, short timeouts), events made at a kiosk, fault plans, and the
// convergence check every scenario ends with.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/store/kiosk_store.hpp"
#include "kiosk/store/sync_state.hpp"
#include "sync/client/sync_engine.hpp"
#include "tests/integration/sync_server_process.hpp"

namespace einlass::testing {

inline int64_t wall_now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Polls `done` every 20 ms for up to `limit`; true when it became true.
inline bool wait_until(const std::function<bool()>& done,
                       std::chrono::milliseconds limit = std::chrono::seconds(90)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return done();
}

inline sync::client::SyncOptions test_sync_options(const fs::path& store) {
  sync::client::SyncOptions o;
  o.store_file = store;
  o.poll_interval = std::chrono::milliseconds(100);
  o.backoff_base = std::chrono::milliseconds(50);
  o.backoff_cap = std::chrono::milliseconds(500);
  o.connect_timeout = std::chrono::milliseconds(1000);
  o.request_timeout = std::chrono::milliseconds(3000);
  o.stall_timeout = std::chrono::seconds(2);
  o.batch_size = 100;  // several batches per outbox, so faults hit in the middle
  return o;
}

// A kiosk as the UI uses it: its own store connection for check-ins, a sync engine beside it.
class TestKiosk {
 public:
  // A Magdeburg kiosk (the bundled event's venue on 2019-09-12).
  TestKiosk(SyncServerWorld& world, const std::string& name, int64_t clock_offset_ms = 0)
      : store_file_(world.enrol_kiosk(name, "magdeburg")),
        store_(std::make_unique<store::KioskStore>(store_file_)),
        venue_("magdeburg"),
        offset_(clock_offset_ms) {}
  ~TestKiosk() { stop(); }

  store::KioskStore& store() { return *store_; }
  const fs::path& store_file() const { return store_file_; }
  int64_t now_ms() const { return wall_now_ms() + offset_; }

  void start(std::function<void(sync::client::SyncOptions&)> tune = {}) {
    sync::client::SyncOptions o = test_sync_options(store_file_);
    const int64_t offset = offset_;
    if (offset != 0) o.now_ms = [offset] { return wall_now_ms() + offset; };
    if (tune) tune(o);
    engine_ = std::make_unique<sync::client::SyncEngine>(o);
    engine_->start();
  }
  void stop() {
    if (engine_) engine_->stop();
  }
  sync::client::SyncEngine& engine() { return *engine_; }

  // `count` entries for participants first, first+1, … recorded at this kiosk now.
  std::vector<core::CheckinEvent> check_in(int first, int count) {
    std::vector<core::CheckinEvent> made;
    // One transaction for the lot: the scenarios are about sync, not about fsync per scan.
    store::Transaction tx(store_->db());
    for (int i = 0; i < count; ++i) {
      core::CheckinEvent e;
      e.kind = core::EventKind::Entry;
      e.participant = "R" + std::to_string(first + i);
      e.venue = venue_;
      e.day = SyncServerWorld::kDay;
      e.rooms = {"mag-hf1", "mag-hf4"};
      e.rooms_assigned_here = {false, false};
      made.push_back(store_->append(tx, std::move(e), now_ms()));
    }
    tx.commit();
    if (engine_) engine_->nudge();
    return made;
  }

  int64_t waiting() const {
    return store_->db().query_int("SELECT COUNT(*) FROM outbox WHERE rejected = 0");
  }

 private:
  fs::path store_file_;
  std::unique_ptr<store::KioskStore> store_;
  std::string venue_;
  int64_t offset_;
  std::unique_ptr<sync::client::SyncEngine> engine_;
};

inline void write_fault_plan(const fs::path& file, const nlohmann::json& faults) {
  write_file_atomically(file, nlohmann::json{{"faults", faults}}.dump());
}

inline std::set<std::string> uuids_of(const std::vector<core::CheckinEvent>& events) {
  std::set<std::string> out;
  for (const auto& e : events)
    out.insert(e.uuid);
  return out;
}

// Every kiosk's outbox is empty, the server holds every kiosk event once, and every kiosk of a
// venue holds all of its venue's events.
inline bool converged(SyncServerWorld& world, const std::vector<TestKiosk*>& kiosks) {
  std::set<std::string> union_of_kiosks;
  for (TestKiosk* k : kiosks) {
    if (k->waiting() != 0) return false;
    for (const auto& e : k->store().events())
      union_of_kiosks.insert(e.uuid);
  }
  const auto on_server = world.server_events();
  if (uuids_of(on_server) != union_of_kiosks) return false;
  for (TestKiosk* k : kiosks)
    if (k->store().counts().events != static_cast<int64_t>(on_server.size())) return false;
  return true;
}

// The assertions after convergence: exactly the union, nothing lost, nothing twice, attendance
// the same on the server and on every kiosk.
inline void expect_exact_union(SyncServerWorld& world, const std::vector<TestKiosk*>& kiosks,
                               const std::set<std::string>& made) {
  const auto on_server = world.server_events();
  std::map<std::string, int> times;
  for (const auto& e : on_server)
    ++times[e.uuid];
  for (const auto& [uuid, n] : times)
    EXPECT_EQ(n, 1) << "event " << uuid << " is stored " << n << " times on the server";
  EXPECT_EQ(on_server.size(), made.size()) << "the server holds exactly the kiosks' events";
  EXPECT_EQ(uuids_of(on_server), made) << "none lost, none invented";
  const auto attendance = world.attendance();
  int64_t server_checked_in = 0;
  for (const auto& day : attendance.at("days"))
    server_checked_in += day.at("checked_in").get<int64_t>();
  for (TestKiosk* k : kiosks) {
    EXPECT_EQ(k->waiting(), 0);
    EXPECT_EQ(k->store().counts().checked_in, server_checked_in)
        << "attendance on kiosk " << k->store().device_id() << " equals the server's";
    EXPECT_EQ(uuids_of(k->store().events()), made) << "every kiosk holds every event";
  }
}

}  // namespace einlass::testing
