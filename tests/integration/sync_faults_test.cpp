// Two kiosks and one real einlass-server that fails on purpose: killed mid-batch and restarted,
// answering 500, 429 with Retry-After, garbage, dropping the connection after it committed,
// stalling, and a kiosk whose clock is an hour off. After convergence, every time: the server
// holds exactly the union of the kiosks' events, none lost, none twice, and attendance on the
// server equals attendance on every kiosk.
#include <gtest/gtest.h>

#include <random>

#include "tests/integration/sync_fixture.hpp"

namespace einlass::testing {
namespace {

using nlohmann::json;

std::set<std::string> operator+(std::set<std::string> a, const std::vector<core::CheckinEvent>& b) {
  for (const auto& e : b)
    a.insert(e.uuid);
  return a;
}

json fault(const std::string& method, const std::string& path, const std::string& when,
           const std::string& action, json more = json::object()) {
  json f{{"method", method}, {"path", path}, {"when", when}, {"action", action}};
  f.update(more);
  return f;
}

// Starts a server with `faults`, two kiosks with check-ins waiting, runs their engines until
// everything converged, and checks the union. `during` runs while the engines work.
void run_scenario(const json& faults, std::function<void(SyncServerWorld&)> during = {},
                  std::function<void(sync::client::SyncOptions&)> tune = {}) {
  SyncServerWorld world;
  const fs::path plan = world.dir() / "faults.json";
  write_fault_plan(plan, json::array());
  world.server().use_fault_plan(plan);
  world.server().start();
  TestKiosk a(world, "kiosk-a"), b(world, "kiosk-b");
  std::set<std::string> made;
  made = made + a.check_in(1, 450) + b.check_in(5001, 250);
  write_fault_plan(plan, faults);
  a.start(tune);
  b.start(tune);
  made = made + a.check_in(1001, 20);  // more arrive while the server misbehaves
  if (during) during(world);
  made = made + b.check_in(6001, 10);
  const bool ok = wait_until([&] { return converged(world, {&a, &b}); }, std::chrono::seconds(60));
  if (!ok) world.keep_files();
  ASSERT_TRUE(ok) << "no convergence; files kept in " << world.dir();
  expect_exact_union(world, {&a, &b}, made);
}

TEST(SyncFaults, ServerCrashesMidBatchAndIsRestarted) {
  // The third push dies inside its transaction, before COMMIT.
  run_scenario(json::array({fault("POST", "/api/v1/events", "during", "exit", {{"skip", 2}})}),
               [](SyncServerWorld& world) {
                 ASSERT_TRUE(wait_until([&] { return world.server().has_exited(); }))
                     << "the fault plan should have crashed the server";
                 write_fault_plan(world.dir() / "faults.json", json::array());
                 world.server().start();
               });
}

TEST(SyncFaults, ServerKilledAtRandomMomentsAndRestarted) {
  run_scenario(json::array(), [](SyncServerWorld& world) {
    std::mt19937 random(12345);
    for (int round = 0; round < 3; ++round) {
      std::this_thread::sleep_for(std::chrono::milliseconds(40 + random() % 120));
      world.server().kill_hard();
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      world.server().start();
    }
  });
}

TEST(SyncFaults, ServerAnswers500) {
  run_scenario(json::array(
      {fault("POST", "/api/v1/events", "before", "status", {{"status", 500}, {"times", 3}}),
       fault("GET", "/api/v1/events", "before", "status", {{"status", 500}, {"times", 2}}),
       fault("POST", "/api/v1/events", "after", "status",
             {{"status", 500}, {"times", 2}, {"skip", 2}})}));
}

TEST(SyncFaults, ServerAnswers429AndTheKioskWaitsForRetryAfter) {
  const auto start = std::chrono::steady_clock::now();
  run_scenario(json::array({fault("POST", "/api/v1/events", "before", "status",
                                  {{"status", 429}, {"retry_after", 2}, {"times", 2}})}));
  // Both refusals may go to one kiosk (one after the other) or one to each (in parallel): either
  // way, "Retry-After: 2" cannot be got over in less than two seconds, although the test
  // engines' own backoff would retry after at most 0.5 s.
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(1900));
}

TEST(SyncFaults, ServerSendsGarbage) {
  run_scenario(json::array({fault("POST", "/api/v1/events", "after", "garbage", {{"times", 2}}),
                            fault("GET", "/api/v1/events", "before", "garbage", {{"times", 2}})}));
}

TEST(SyncFaults, ConnectionDropsAfterTheServerCommitted) {
  run_scenario(json::array({fault("POST", "/api/v1/events", "after", "drop", {{"times", 3}}),
                            fault("GET", "/api/v1/events", "after", "drop", {{"times", 1}})}));
}

TEST(SyncFaults, ServerStalls) {
  run_scenario(
      json::array(
          {fault("POST", "/api/v1/events", "before", "stall", {{"stall_ms", 4000}, {"times", 1}}),
           fault("POST", "/api/v1/events", "after", "stall",
                 {{"stall_ms", 4000}, {"times", 1}, {"skip", 1}})}),
      {},
      [](sync::client::SyncOptions& o) { o.request_timeout = std::chrono::milliseconds(1500); });
}

TEST(SyncFaults, KioskClockAnHourOff) {
  SyncServerWorld world;
  world.server().start();
  TestKiosk a(world, "kiosk-a");
  TestKiosk b(world, "kiosk-late", 3'600'000);  // an hour ahead
  std::set<std::string> made;
  made = made + a.check_in(1, 30) + b.check_in(101, 30);
  a.start();
  b.start();
  made = made + b.check_in(201, 5) + a.check_in(301, 5);
  ASSERT_TRUE(wait_until([&] { return converged(world, {&a, &b}); }));
  expect_exact_union(world, {&a, &b}, made);
  const auto skew = b.engine().status().clock_skew_ms;
  ASSERT_TRUE(skew.has_value());
  EXPECT_NEAR(static_cast<double>(*skew), -3'600'000.0, 5000.0)
      << "the kiosk measures how far its clock is off";
  EXPECT_NEAR(static_cast<double>(a.engine().status().clock_skew_ms.value_or(99999)), 0.0, 5000.0);
}

}  // namespace
}  // namespace einlass::testing
